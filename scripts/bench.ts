/**
 * Benchmark (not a test): `npm run bench [-- --sizes 1000,10000,50000 --runs 5]`.
 *
 * For published-layout workbooks of N projects (5 indicators each, a few defects of each kind) it reports medians of
 * several runs of:
 *   - engine: grid → table model → findings (in memory, no I/O), and its throughput in indicators/s;
 *   - load: exceljs merely loading the .xlsx (Workbook.xlsx.readFile);
 *   - check: the command line's whole in-process check of the file (load + grid + engine), and what it adds to load;
 *   - process: wall time of `node bin/jixiao.js <file> --format json` as a user runs it.
 * The machine is shared and noisy: read ratios and medians, not single runs.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { checkFile } from "../src/cli/main";
import { validate } from "../src/core/engine";
import { buildTable } from "../src/core/model";
import { benchGrid } from "./bench-data";

const ROOT = join(__dirname, "..");
const OUT = join(ROOT, "bench-out");

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
function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
async function timeIt(runs: number, f: () => unknown | Promise<unknown>, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc();
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  return times;
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
  console.log(`node ${process.version}, ${RUNS} runs per figure (median), sizes ${SIZES.join(", ")}`);
  const rows: string[] = [];
  const engineMedian: Record<number, number> = {};
  for (const n of SIZES) {
    const file = join(OUT, `published-${n}.xlsx`);
    if (!existsSync(file)) await writeWorkbook(file, n);
    const { grid, indicators } = benchGrid(n);

    const model = await timeIt(RUNS, () => buildTable(grid), 2);
    const built = buildTable(grid);
    if (!built.table) throw new Error(built.message);
    const table = built.table;
    const rules = await timeIt(RUNS, () => validate(table), 2);
    const engine = await timeIt(RUNS, () => validate(buildTable(grid).table!), 2);
    const findings = validate(table).findings.length;
    engineMedian[n] = median(engine);

    const heavy = n >= 50000;
    const ioRuns = heavy ? Math.max(3, Math.min(RUNS, 3)) : RUNS;
    const load = await timeIt(ioRuns, () => new ExcelJS.Workbook().xlsx.readFile(file), heavy ? 0 : 1);
    const check = await timeIt(ioRuns, async () => {
      const o = await checkFile(file, file, {});
      if ("error" in o) throw new Error(o.error.message);
    }, heavy ? 0 : 1);
    const proc = await timeIt(heavy ? 1 : 3, () => {
      const r = spawnSync(process.execPath, [join(ROOT, "bin", "jixiao.js"), file, "--format", "json"], { stdio: ["ignore", "ignore", "inherit"], maxBuffer: 1 << 30 });
      if (r.status !== 0 && r.status !== 1) throw new Error(`jixiao exited ${r.status}`);
    }, 0);

    const eng = median(engine);
    const line = {
      projects: n,
      indicators,
      findings,
      fileMB: statSync(file).size / 1e6,
      model: median(model),
      rules: median(rules),
      engine: eng,
      throughput: indicators / (eng / 1000),
      load: median(load),
      check: median(check),
      process: median(proc),
    };
    console.log(JSON.stringify(line));
    rows.push(
      `| ${n.toLocaleString("en")} | ${indicators.toLocaleString("en")} | ${findings} | ${line.fileMB.toFixed(1)} | ` +
        `${line.model.toFixed(0)} | ${line.rules.toFixed(0)} | **${eng.toFixed(0)}** | ${(line.throughput / 1e6).toFixed(2)} M | ` +
        `${line.load.toFixed(0)} | ${line.check.toFixed(0)} | ${(((line.check - line.load) / line.load) * 100).toFixed(0)}% | ${line.process.toFixed(0)} |`,
    );
  }
  console.log("\n| projects | indicators | findings | file MB | model ms | rules ms | engine ms | indicators/s | exceljs load ms | CLI check ms | check adds to load | `jixiao` process ms |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) console.log(r);
  const sizes = Object.keys(engineMedian).map(Number).sort((a, b) => a - b);
  for (let i = 1; i < sizes.length; i++) {
    const a = sizes[i - 1], b = sizes[i];
    console.log(`engine time ratio ${b}/${a} projects: ${(engineMedian[b] / engineMedian[a]).toFixed(2)} (size ratio ${(b / a).toFixed(0)})`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
