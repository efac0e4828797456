/**
 * Nothing lost, on every workbook we have: the seeds, their broken variants and the hostile corpus
 * (tests/fixtures/hostile, built by scripts/build-fixtures.ts), each loaded into the Excel fake as Excel would
 * report it. For every sheet of every workbook that can be opened:
 *
 * - 校验 writes no value and no formula (the fake's log of value writes stays empty; every cell's value,
 *   formula and quote prefix is as before), whatever the sheet holds;
 * - 清除标记 afterwards leaves every cell's value and format, the merged areas and the conditional formats
 *   exactly as they were;
 * - 插入 and 全部修复 change only the cells their plan announces (and the rows it inserts), and 撤销 restores
 *   the sheet exactly;
 * - a write that fails half-way (a failure injected at its first and at its last operation) leaves the
 *   workbook as it was, and the error says so.
 *
 * Files the command line's reader refuses (not a zip, truncated, encrypted, a zip bomb) are that reader's
 * business (tests/cli/hostile.test.ts): Excel itself would refuse to open most of them. Workbooks of more than
 * 100,000 cells are left to that test too, since the fake keeps every cell as an object. A used range of a million
 * rows or a value in XFD1048576 is read here (the adapter narrows the read to the table's columns and rows).
 */
import { readdirSync, existsSync } from "node:fs";
import { basename, join } from "node:path";
import { parseA1 } from "../../src/core/address";
import type { InsertSpec } from "../../src/core";
import { HostError, type AppliedChange, type CheckRun } from "../../src/excel/host";
import type { FakeWorkbookInit, SheetSnapshot } from "../fakes/excel-fake";
import { readWorkbook } from "../../src/cli/xlsx-reader";
import { fakeInitFromXlsx } from "../fakes/from-xlsx";
import { ALL_WORKBOOKS, setup, shiftedCells, workbookSnapshot, type Setup } from "./helpers";

jest.setTimeout(300_000);

const HOSTILE = join(__dirname, "..", "fixtures", "hostile");

const hostileFiles = existsSync(HOSTILE)
  ? readdirSync(HOSTILE)
      .filter((f) => f.endsWith(".xlsx"))
      .sort()
      .map((f) => join(HOSTILE, f))
  : [];

const SPEC: InsertSpec = {
  seq: 0,
  l1: { code: "1", name: "产出指标" },
  l2: { code: "12", name: "质量指标" },
  name: "验收合格率",
  period: { comparator: "=", number: 100, unit: "%", text: null },
  annual: { comparator: "=", number: 100, unit: "%", text: null },
};

/** What a cell's content is, leaving its look out: value, formula, quote prefix. */
function contents(snap: SheetSnapshot): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [addr, c] of Object.entries(snap.cells)) out[addr] = JSON.stringify([c.value, c.formula ?? null, c.quotePrefix ?? false]);
  return out;
}

/** The cells whose whole state differs between two snapshots of one sheet. */
function changedCells(a: SheetSnapshot, b: SheetSnapshot): string[] {
  const keys = new Set([...Object.keys(a.cells), ...Object.keys(b.cells)]);
  return [...keys].filter((k) => JSON.stringify(a.cells[k] ?? null) !== JSON.stringify(b.cells[k] ?? null)).sort();
}

/** The cells a plan announces: its edits, plus every cell of the rows it inserts (which move down, not change). */
function announced(change: AppliedChange): { cells: Set<string>; rows: Set<number> } {
  const rows = new Set<number>();
  const ins = change.plan.rowInsert;
  if (ins) for (let r = ins.at; r < ins.at + ins.count; r++) rows.add(r);
  return { cells: new Set(change.plan.edits.map((e) => e.cell)), rows };
}

interface Loaded {
  file: string;
  init: FakeWorkbookInit;
}

/** The fake keeps every cell as an object: bigger workbooks are left to the command line's test. */
const FAKE_CELL_BUDGET = 100_000;

async function load(file: string): Promise<Loaded | null> {
  try {
    // The command line's guarded reader first: a zip bomb must not reach exceljs unguarded.
    await readWorkbook(file, { maxCells: FAKE_CELL_BUDGET });
    const init = await fakeInitFromXlsx(file);
    // A workbook with no worksheet cannot be open in Excel (it always keeps one).
    return init.sheets.length > 0 ? { file, init } : null;
  } catch {
    return null;
  }
}

function fresh(l: Loaded): Setup {
  return setup(JSON.parse(JSON.stringify(l.init)) as FakeWorkbookInit);
}

/** Run a check; a sheet without a table is a HostError with a message, never anything else. */
async function checkOrMessage(s: Setup, sheet: string): Promise<CheckRun | HostError> {
  try {
    return await s.host.check({ sheet });
  } catch (e) {
    if (e instanceof HostError) return e;
    throw e;
  }
}

const corpus = [...ALL_WORKBOOKS, ...hostileFiles];
const loaded: Loaded[] = [];
const unopenable: string[] = [];

beforeAll(async () => {
  for (const f of corpus) {
    const l = await load(f);
    if (l) loaded.push(l);
    else unopenable.push(basename(f));
  }
});

it("opens the seeds, every variant and most of the hostile corpus in the fake", () => {
  // The seeds and variants all open; of the hostile files only those exceljs cannot open at all are left out.
  expect(loaded.length).toBeGreaterThanOrEqual(ALL_WORKBOOKS.length);
  for (const f of ALL_WORKBOOKS) expect(unopenable).not.toContain(basename(f));
  if (hostileFiles.length > 0) expect(loaded.length - ALL_WORKBOOKS.length).toBeGreaterThanOrEqual(Math.floor(hostileFiles.length / 2));
});

describe("校验 then 清除标记 on every sheet of every workbook", () => {
  it("writes no value, and clearing leaves every cell, merge and conditional format as it was", async () => {
    let sheets = 0;
    let highlighted = 0;
    let messages = 0;
    for (const l of loaded) {
      const s = fresh(l);
      for (const sheet of s.state.sheets.map((x) => x.name)) {
        const before = s.state.snapshot(sheet);
        const everyBefore = workbookSnapshot(s);
        const writes = s.log.valueWrites.length;
        const run = await checkOrMessage(s, sheet);
        const label = `${basename(l.file)} / ${sheet}`;
        expect({ label, writes: s.log.valueWrites.length - writes }).toEqual({ label, writes: 0 });
        expect({ label, contents: contents(s.state.snapshot(sheet)) }).toEqual({ label, contents: contents(before) });
        if (run instanceof HostError || !run.result.table) {
          // No target table: one clear message (no stack trace), and the workbook is untouched.
          messages++;
          const text = run instanceof HostError ? run.zh : (run.result as { message: string }).message;
          expect(text.length).toBeGreaterThan(0);
          expect(text).not.toMatch(/\n\s+at /);
          expect({ label, all: workbookSnapshot(s) }).toEqual({ label, all: everyBefore });
          continue;
        }
        highlighted += run.highlighted;
        await s.host.clearHighlights(sheet);
        expect({ label, after: s.state.snapshot(sheet) }).toEqual({ label, after: before });
        sheets++;
      }
    }
    // Not vacuous: many sheets were checked and highlighted, and the no-table sheets gave messages.
    expect(sheets).toBeGreaterThanOrEqual(loaded.length / 2);
    expect(highlighted).toBeGreaterThan(100);
    expect(messages).toBeGreaterThan(0);
  });
});

/** Each loaded workbook's first sheet with a table and at least one project, with the check's run. */
async function tablesOf(): Promise<{ l: Loaded; sheet: string; run: CheckRun }[]> {
  const out: { l: Loaded; sheet: string; run: CheckRun }[] = [];
  for (const l of loaded) {
    const s = fresh(l);
    // A used range of a million rows (a stray value in the last row) is checked above; editing it here too would
    // only repeat a 15-second read on the fake several times.
    if (s.state.sheets.some((x) => { const r = x.usedRect(true); return r !== null && r.rows * r.cols > 1_000_000; })) continue;
    for (const sheet of s.state.sheets.map((x) => x.name)) {
      const run = await checkOrMessage(s, sheet);
      if (run instanceof HostError || !run.result.table || run.result.table.projects.length === 0) continue;
      out.push({ l, sheet, run });
      break;
    }
  }
  return out;
}

describe("插入 and 全部修复 touch only what they announce; 撤销 restores the sheet", () => {
  it("on every workbook with a project", async () => {
    const tables = await tablesOf();
    expect(tables.length).toBeGreaterThanOrEqual(ALL_WORKBOOKS.length - 2);
    let inserts = 0;
    let fixes = 0;
    let refusals = 0;
    for (const { l, sheet, run } of tables) {
      const label = basename(l.file);
      const table = run.result.table!;
      // Insert into the last project (the one most likely to sit next to the end of the sheet).
      const project = table.projects[table.projects.length - 1];
      for (const op of ["insert", "fix"] as const) {
        const s = fresh(l);
        const before = s.state.snapshot(sheet);
        let change: AppliedChange;
        try {
          change =
            op === "insert"
              ? await s.host.insertIndicators({ sheet, projectRow: project.row, specs: [SPEC] })
              : await s.host.applyFixes({ sheet });
        } catch (e) {
          // A refusal (nothing to fix, a non-empty cell in the way, a formula) changes nothing and says why.
          expect(e).toBeInstanceOf(HostError);
          expect((e as HostError).sheetUnchanged).toBe(true);
          expect((e as HostError).zh).toMatch(/工作表“[^”]+”/);
          expect({ label, op, after: s.state.snapshot(sheet) }).toEqual({ label, op, after: before });
          refusals++;
          continue;
        }
        const after = s.state.snapshot(sheet);
        const { cells, rows } = announced(change);
        const ins = change.plan.rowInsert;
        // Compare the old cells at their new places: an insertion moves the rows below it.
        const moved: SheetSnapshot = ins
          ? { ...before, cells: shiftedCells(before, ins.at, ins.count) }
          : before;
        const unannounced = changedCells(moved, after).filter((a) => !cells.has(a) && !rows.has(parseA1(a)!.row));
        expect({ label, op, unannounced }).toEqual({ label, op, unannounced: [] });
        // Every announced edit holds its `after` now.
        for (const e of change.plan.edits) {
          const v = s.state.value(sheet, e.cell);
          expect({ label, cell: e.cell, v: v === "" ? null : v }).toEqual({ label, cell: e.cell, v: e.after });
        }
        await s.host.undo(change.id);
        expect({ label, op, undone: s.state.snapshot(sheet) }).toEqual({ label, op, undone: before });
        if (op === "insert") inserts++;
        else fixes++;
      }
    }
    expect(inserts).toBeGreaterThanOrEqual(tables.length / 2);
    expect(fixes).toBeGreaterThan(0);
    expect(inserts + fixes + refusals).toBe(tables.length * 2);
  });
});

describe("a write that fails half-way leaves the workbook as it was and says so", () => {
  it("for an insert on every workbook with a project, failing at the first and at the last operation", async () => {
    const tables = await tablesOf();
    let failed = 0;
    for (const { l, sheet, run } of tables) {
      const label = basename(l.file);
      const table = run.result.table!;
      const project = table.projects[0];
      // How many operations the write has, from a clean run.
      const probe = fresh(l);
      const from = probe.log.syncs.length;
      try {
        await probe.host.insertIndicators({ sheet, projectRow: project.row, specs: [SPEC] });
      } catch {
        continue; // refused (tested above): there is no write to break
      }
      const write = probe.log.syncs.slice(from).find((x) => x.writes)!;
      for (const op of [1, write.ops.length]) {
        const s = fresh(l);
        const before = workbookSnapshot(s);
        s.state.injectFailure({ op, code: "GeneralException" });
        let error: unknown = null;
        try {
          await s.host.insertIndicators({ sheet, projectRow: project.row, specs: [SPEC] });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(HostError);
        expect((error as HostError).zh).toMatch(/工作表未作任何更改/);
        expect((error as HostError).en).toMatch(/The sheet was not changed/);
        expect((error as HostError).sheetUnchanged).toBe(true);
        expect({ label, op, after: workbookSnapshot(s) }).toEqual({ label, op, after: before });
        failed++;
      }
    }
    expect(failed).toBeGreaterThanOrEqual(2);
  });
});
