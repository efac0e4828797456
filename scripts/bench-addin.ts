/**
 * Benchmark of the add-in's path: the Office.js adapter (src/excel) over the Excel fake, on the same generated
 * tables as `npm run bench` (scripts/bench-data.ts: 5 indicators per project). For each size it reports the
 * context.sync() calls of a first check with highlighting, of a re-check (the previous highlights exist) and of
 * 清除标记, the bytes read, and the medians of the wall time and the engine time of a check.
 *
 * The fake answers in-process, so the wall time is the adapter + engine + fake's own work, without Excel's
 * round trips: on a real host each sync adds a round trip (tens of ms on desktop, more on the web), which is why
 * the sync count, not the milliseconds, is the figure that must not grow with the sheet.
 *
 *   npm run bench:addin                      # 1,000 / 10,000 / 50,000 projects, 5 runs each
 *   npm run bench:addin -- --sizes 1000 --runs 3
 *
 * Runs itself from an esbuild bundle (like `npm run bench`): tsx's keepNames transform slows the engine 2.5×.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createExcelHost } from "../src/excel/adapter";
import { createFakeExcel, type FakeValue } from "../tests/fakes/excel-fake";
import { benchGrid } from "./bench-data";

const SHEET = "绩效目标表";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fakeFor(projects: number) {
  const { grid } = benchGrid(projects, SHEET);
  const values: FakeValue[][] = grid.values.map((row) => row.map((v) => (v === null || v === undefined ? "" : (v as FakeValue))));
  const fake = createFakeExcel({ sheets: [{ name: SHEET, values }] });
  return { fake, host: createExcelHost({ Excel: fake.Excel as never, Office: fake.Office as never }) };
}

async function measure(projects: number, runs: number) {
  const wall: number[] = [];
  const engine: number[] = [];
  let first = 0;
  let again = 0;
  let clear = 0;
  let bytes = 0;
  let findings = 0;
  let blocks = 0;
  for (let i = 0; i < runs; i++) {
    const { fake, host } = fakeFor(projects);
    const t0 = performance.now();
    const run = await host.check({ sheet: SHEET });
    wall.push(performance.now() - t0);
    engine.push(run.engineMs);
    first = run.syncs;
    bytes = fake.log.syncs.reduce((n, s) => n + s.payloadBytes, 0);
    blocks = fake.log.syncs.filter((s) => s.ok && !s.writes).length;
    findings = run.result.table ? run.result.findings.length : 0;
    again = (await host.check({ sheet: SHEET })).syncs;
    const before = fake.log.syncs.length;
    await host.clearHighlights(SHEET);
    clear = fake.log.syncs.length - before;
  }
  return { projects, findings, mb: bytes / 1e6, first, again, clear, blocks, wall: median(wall), engine: median(engine) };
}

async function child(): Promise<void> {
  const sizes = arg("sizes", "1000,10000,50000").split(",").map(Number);
  const runs = Number(arg("runs", "5"));
  console.log("| projects | findings | MB read | syncs: check | syncs: re-check | syncs: clear | read syncs | check ms (median) | engine ms (median) |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const n of sizes) {
    const m = await measure(n, runs);
    console.log(
      `| ${m.projects.toLocaleString("en")} | ${m.findings} | ${m.mb.toFixed(1)} | ${m.first} | ${m.again} | ${m.clear} | ${m.blocks} | ${Math.round(m.wall)} | ${Math.round(m.engine)} |`,
    );
  }
}

if (process.env.JIXIAO_BENCH_CHILD) {
  child().catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  // Bundle this file and run the bundle in a fresh process.
  const out = join(__dirname, "..", "bench-out");
  mkdirSync(out, { recursive: true });
  const bundle = join(out, "bench-addin.cjs");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildSync } = require("esbuild") as typeof import("esbuild");
  buildSync({ entryPoints: [__filename], bundle: true, platform: "node", format: "cjs", outfile: bundle, logLevel: "error" });
  const r = spawnSync(process.execPath, [bundle, ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, JIXIAO_BENCH_CHILD: "1" } });
  process.exit(r.status ?? 1);
}
