/**
 * One benchmark measurement in a fresh process (so earlier sizes do not leave their heap behind), printed as JSON.
 *   engine <projects> <runs>          grid → table → findings, in memory
 *   io <projects> <runs> <file.xlsx>  exceljs loading the file vs the command line's whole check of it
 * Run by scripts/bench.ts; see there.
 */
import ExcelJS from "exceljs";
import { checkFile } from "../src/cli/main";
import { validate } from "../src/core/engine";
import { buildTable } from "../src/core/model";
import { benchGrid } from "./bench-data";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function timeIt(runs: number, warmup: number, f: () => unknown): Promise<number[]> {
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

async function main(): Promise<void> {
  const [mode, nArg, runsArg, file] = process.argv.slice(2);
  const n = Number(nArg);
  const runs = Number(runsArg);
  if (mode === "engine") {
    const { grid, indicators } = benchGrid(n);
    const model = await timeIt(runs, 2, () => buildTable(grid));
    // Rules on a fresh table each run: the rules cache their shared analysis per table.
    const rules: number[] = [];
    let findings = 0;
    for (let i = 0; i < runs + 2; i++) {
      const table = buildTable(grid).table!;
      gc();
      const t = performance.now();
      findings = validate(table).findings.length;
      if (i >= 2) rules.push(performance.now() - t);
    }
    const engine = await timeIt(runs, 2, () => validate(buildTable(grid).table!));
    console.log(JSON.stringify({ indicators, findings, model: median(model), rules: median(rules), engine: median(engine) }));
  } else if (mode === "io") {
    const warm = n >= 50000 ? 0 : 1;
    const load = await timeIt(runs, warm, () => new ExcelJS.Workbook().xlsx.readFile(file));
    const check = await timeIt(runs, warm, async () => {
      const o = await checkFile(file, file, {});
      if ("error" in o) throw new Error(o.error.message);
    });
    console.log(JSON.stringify({ load: median(load), check: median(check) }));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
