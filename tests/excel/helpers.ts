/**
 * Shared set-up for the adapter tests: fakes built from the real seed workbooks, generated large sheets, and
 * ways to look at the fake's log.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readWorkbook } from "../../src/cli/xlsx-reader";
import { a1, findHeader, parseA1, type Finding, type GridInput } from "../../src/core";
import { createExcelHost } from "../../src/excel/adapter";
import { HostError, type WorkbookHost } from "../../src/excel/host";
import {
  createFakeExcel, type CellSnapshot, type FakeExcel, type FakeSheetInit, type FakeValue, type FakeWorkbookInit, type SheetSnapshot, type SyncRecord,
} from "../fakes/excel-fake";
import { fakeInitFromXlsx } from "../fakes/from-xlsx";

export const SEEDS = join(__dirname, "..", "..", "seeds");
export const SEED = join(SEEDS, "guangzhou-land-planning-2024.xlsx");
export const STRUCTURED_SEED = join(SEEDS, "guangzhou-land-planning-2024-structured.xlsx");
export const SHEET = "绩效目标表";

export const ALL_WORKBOOKS: string[] = [
  SEED,
  STRUCTURED_SEED,
  ...readdirSync(join(SEEDS, "broken"))
    .filter((f) => f.endsWith(".xlsx"))
    .sort()
    .map((f) => join(SEEDS, "broken", f)),
];

const initCache = new Map<string, Promise<FakeWorkbookInit>>();

/** The workbook as a fake init (cached; each caller gets a deep copy). */
export async function initFrom(file: string, extra: Partial<FakeWorkbookInit> = {}): Promise<FakeWorkbookInit> {
  let p = initCache.get(file);
  if (!p) {
    p = fakeInitFromXlsx(file);
    initCache.set(file, p);
  }
  // A JSON copy: the init is plain data, and jsdom test environments have no structuredClone.
  const init = JSON.parse(JSON.stringify(await p)) as FakeWorkbookInit;
  return { ...init, ...extra };
}

/** The CLI reader's grid of the sheet holding the target table (or the first sheet). */
export async function cliGrid(file: string): Promise<GridInput> {
  const { sheets } = await readWorkbook(file);
  return (sheets.find((s) => findHeader(s.grid) !== null) ?? sheets[0]).grid;
}

export interface Setup extends FakeExcel {
  host: WorkbookHost;
}

export function setup(init: FakeWorkbookInit): Setup {
  const fake = createFakeExcel(init);
  return { ...fake, host: createExcelHost({ Excel: fake.Excel, Office: fake.Office }) };
}

export async function seedSetup(file = SEED, extra: Partial<FakeWorkbookInit> = {}): Promise<Setup> {
  return setup(await initFrom(file, extra));
}

/** The syncs made by `f`, from the fake's own log. */
export async function syncsOf<T>(fake: FakeExcel, f: () => Promise<T>): Promise<{ value: T; syncs: SyncRecord[] }> {
  const start = fake.log.syncs.length;
  const value = await f();
  return { value, syncs: fake.log.syncs.slice(start) };
}

/** What must agree between two runs of the engine. */
export function comparable(findings: readonly Finding[]) {
  return findings.map((f) => ({
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    cell: f.cell,
    span: f.span,
    message: f.message,
    messageEn: f.messageEn,
    fix: f.fix,
  }));
}

// ---------------------------------------------------------------------------------------------
// Generated published-layout sheets
// ---------------------------------------------------------------------------------------------

const NAMES = ["设备运维", "信息化运维", "课题研究", "业务培训", "规划编制", "耕地监管", "档案数字化"];

/**
 * A published-layout sheet of `projects` projects in units of 50, compact enough that 10,000 projects fit one
 * 5 MB read. Two indicators per project, so every project has findings (fewer than 3 indicators, no 满意度
 * indicator); every 97th project's 总计 is off by 0.01 (an error), every 53rd has a 00- code on its name.
 */
export function generatedSheet(projects: number, name = SHEET): FakeSheetInit {
  const values: FakeValue[][] = [
    [`生成单位2024年项目支出绩效目标表（${projects}个项目）`],
    ["单位：万元"],
    ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"],
  ];
  const numberFormats: (string | null)[][] = [[], [], []];
  const body: FakeValue[][] = [];
  let grand = 0;
  for (let u = 0; u * 50 < projects; u++) {
    const rows: FakeValue[][] = [];
    let sum = 0;
    for (let k = 0; k < 50 && u * 50 + k < projects; k++) {
      const i = u * 50 + k;
      const amount = Math.round((10 + ((i * 37) % 900) + (i % 100) / 100) * 100) / 100;
      sum += amount;
      const total = i % 97 === 11 ? Math.round((amount + 0.01) * 100) / 100 : amount;
      const prefix = i % 53 === 7 ? "00-" : "";
      rows.push([
        `    ${NAMES[i % NAMES.length]}${i + 1}`,
        total,
        amount,
        "",
        "",
        "保障运行。",
        `1、1-产出指标；11-数量指标；${prefix}巡查次数；实施周期指标值:≥${i % 90 + 10}次；年度指标值:≥${i % 90 + 10}次。` +
          "2、2-效益指标；22-社会效益；投诉次数；实施周期指标值:0次；年度指标值:0次。",
      ]);
    }
    sum = Math.round(sum * 100) / 100;
    grand += sum;
    body.push([`生成单位第${u + 1}分中心`, sum, sum, "", "", "", ""], ...rows);
  }
  values.push(["合计", Math.round(grand * 100) / 100, Math.round(grand * 100) / 100, "", "", "", ""], ...body);
  for (let r = 3; r < values.length; r++) numberFormats.push(["General", "0.00", "0.00", "0.00", "0.00", "General", "General"]);
  return { name, values, numberFormats, merges: ["A1:G1", "A2:G2"] };
}

/** The same sheet as the engine's GridInput (what a perfect reader would produce). */
export function gridOf(sheet: FakeSheetInit): GridInput {
  return {
    sheet: sheet.name,
    values: sheet.values.map((row) => row.map((v) => (v === "" || v === undefined ? null : v))),
    origin: sheet.origin ?? { row: 0, col: 0 },
  };
}

/** The HostError `p` rejects with (fails the test when it resolves or rejects with something else). */
export async function rejection(p: Promise<unknown>): Promise<HostError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostError) return e;
    throw new Error(`not a HostError: ${String(e)}`);
  }
  throw new Error("expected a rejection");
}

// ---------------------------------------------------------------------------------------------
// Editing (issue 4)
// ---------------------------------------------------------------------------------------------

/** The cells of an A1 range ("B3:C4" → B3, C3, B4, C4), row by row. */
export function cellsIn(address: string): string[] {
  const [a, b] = address.replace(/^.*!/, "").split(":");
  const p = parseA1(a);
  const q = parseA1(b ?? a);
  if (!p || !q) throw new Error(`bad address ${address}`);
  const out: string[] = [];
  for (let r = p.row; r <= q.row; r++) for (let c = p.col; c <= q.col; c++) out.push(a1({ row: r, col: c }));
  return out;
}

/** Every cell a value write reached since the `from`-th value write of the log. */
export function cellsWritten(fake: FakeExcel, sheet: string, from = 0): string[] {
  return fake.log.valueWrites.slice(from).filter((w) => w.sheet === sheet).flatMap((w) => cellsIn(w.address));
}

/** A snapshot's cells with the rows from `at` on moved down by `count` (what an insertion should leave). */
export function shiftedCells(snap: SheetSnapshot, at: number, count: number): Record<string, CellSnapshot> {
  const out: Record<string, CellSnapshot> = {};
  for (const [addr, cell] of Object.entries(snap.cells)) {
    const p = parseA1(addr)!;
    out[a1({ row: p.row >= at ? p.row + count : p.row, col: p.col })] = cell;
  }
  return out;
}

/** Every sheet's snapshot, by name, in workbook order. */
export function workbookSnapshot(fake: FakeExcel): Record<string, SheetSnapshot> {
  return Object.fromEntries(fake.state.sheets.map((s) => [s.name, fake.state.snapshot(s.name)]));
}
