/**
 * Benchmark (not a test): `npm run bench [-- --sizes 1000,10000,50000 --runs 5]`.
 *
 * For published-layout workbooks of N projects (5 indicators each, a few defects of each kind: scripts/bench-data.ts)
 * it reports medians of several runs, each size measured in fresh processes (scripts/bench-child.ts):
 *   - engine: grid → table model → findings in memory (model = grid → table, rules = table → findings), and its
 *     throughput in indicators/s; once with the V8 flags the `jixiao` command runs with, once with Node's defaults
 *     (closer to a browser's task pane);
 *   - load: exceljs merely loading the .xlsx; check: the command line's whole in-process check of the same file
 *     (load + grid + engine), and what the check adds to the load;
 *   - process: wall time of `node bin/jixiao.js <file> --format json`, as a user runs it.
 * The machine is shared and noisy: read ratios and medians, not single runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildSync } from "esbuild";
import ExcelJS from "exceljs";
import { benchGrid } from "./bench-data";

const ROOT = join(__dirname, "..");
const OUT = join(ROOT, "bench-out");
/** The flags bin/jixiao.js runs the check with. */
const CLI_FLAGS = ["--max-semi-space-size=64"];

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const SIZES = arg("sizes", "1000,10000,50000").split(",").map(Number);
const RUNS = Number(arg("runs", "5"));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The measuring child runs from an esbuild bundle, like the `jixiao` command (bin/bundle.js): code run through
 * tsx's keepNames transform is about 2.5× slower in the parser's hot loops and would not be what users run.
 */
const CHILD = join(OUT, "bench-child.js");
function bundleChild(): void {
  buildSync({ entryPoints: [join(__dirname, "bench-child.ts")], outfile: CHILD, bundle: true, platform: "node", target: "node20", packages: "external", logLevel: "silent" });
}

function child(flags: string[], args: string[]): Record<string, number> {
  const out = execFileSync(process.execPath, [...flags, "--expose-gc", CHILD, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out.trim().split("\n").pop()!);
}

async function writeWorkbook(file: string, projects: number): Promise<void> {
  const { grid } = benchGrid(projects);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet(grid.sheet);
  for (const row of grid.values) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  bundleChild();
  console.log(`node ${process.version}, ${RUNS} runs per figure (median), sizes ${SIZES.join(", ")}; CLI flags ${CLI_FLAGS.join(" ")}`);
  const rows: string[] = [];
  const engine: Record<number, number> = {};
  for (const n of SIZES) {
    const file = join(OUT, `published-${n}.xlsx`);
    if (!existsSync(file)) await writeWorkbook(file, n);
    const heavy = n >= 50000;
    const e = child(CLI_FLAGS, ["engine", String(n), String(RUNS)]);
    const d = child([], ["engine", String(n), String(RUNS)]);
    const io = child(CLI_FLAGS, ["io", String(n), String(heavy ? 3 : RUNS), file]);
    const proc: number[] = [];
    for (let i = 0; i < (heavy ? 1 : 3); i++) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [join(ROOT, "bin", "jixiao.js"), file, "--format", "json"], { stdio: ["ignore", "ignore", "inherit"] });
      if (r.status !== 0 && r.status !== 1) throw new Error(`jixiao exited ${r.status}`);
      proc.push(performance.now() - t);
    }
    engine[n] = e.engine;
    const line = { projects: n, fileMB: statSync(file).size / 1e6, ...e, engineDefaultFlags: d.engine, ...io, process: median(proc) };
    console.log(JSON.stringify(line));
    rows.push(
      `| ${n.toLocaleString("en")} | ${e.indicators.toLocaleString("en")} | ${e.findings} | ${line.fileMB.toFixed(1)} | ` +
        `${e.model.toFixed(0)} | ${e.rules.toFixed(0)} | **${e.engine.toFixed(0)}** | ${Math.round(e.indicators / (e.engine / 1000)).toLocaleString("en")} | ` +
        `${d.engine.toFixed(0)} | ${io.load.toFixed(0)} | ${io.check.toFixed(0)} | ${(((io.check - io.load) / io.load) * 100).toFixed(0)}% | ${line.process.toFixed(0)} |`,
    );
  }
  console.log("\n| projects | indicators | findings | file MB | model ms | rules ms | engine ms | indicators/s | engine ms, Node default flags | exceljs load ms | CLI check ms | check adds to load | `jixiao` process ms |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) console.log(r);
  const sizes = Object.keys(engine).map(Number).sort((a, b) => a - b);
  for (let i = 1; i < sizes.length; i++) {
    const a = sizes[i - 1], b = sizes[i];
    console.log(`engine time ratio ${b}/${a} projects: ${(engine[b] / engine[a]).toFixed(2)} (size ratio ${(b / a).toFixed(0)})`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
