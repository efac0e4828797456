/**
 * Applying an EditPlan (src/core/edits.ts) to a workbook over Office.js, and undoing it.
 *
 * Apply: the sheet is read with the one-sync reader (./read) plus a few extras queued into the same sync (the
 * formula cells, the last row used by values or formats, the sheet names, the workbook's protection); the
 * plan is made from that fresh read and checked against it (`verifyPlan`: every cell written holds the plan's
 * `before`, none holds a formula, no merge swallows a value); then the whole plan is queued and written in ONE
 * context.sync(): insert the rows, write the values, merge, set the new cells' number formats (a created sheet
 * is added first and activated last).
 *
 * Office.js syncs are not transactional: when the write sync fails, whatever ran before the failing operation
 * has taken effect. `rollbackApply` then finds out what did (a created sheet exists; rows were inserted, told
 * apart by the last used row moving down) and restores it in two more syncs (read, write): the sheet is as it
 * was, and the HostError says so; when the rollback fails too, it names the cells to check.
 *
 * Undo: one sync reads the cells the plan wrote (and the inserted rows, or the created sheet's used range) and
 * refuses ("stale", naming the cell) when any no longer holds `after` or holds more than the plan wrote; one
 * sync writes every `before` back and deletes the inserted rows (their merged areas shrink back) or the
 * created sheet. A failed undo write is rolled back the same way.
 *
 * Text is written so that Excel keeps it as text: a string Excel would read as a formula, number, date,
 * percentage, boolean or error value gets a leading apostrophe (Excel's quote prefix, which is not part of the
 * value). Number formats of existing cells are never set.
 */
import { a1, type CellValue, type EditPlan, type GridInput, type MergedArea } from "../core";
import { hostError, officeCode, toHostError } from "./errors";
import { HostError } from "./host";
import { parseAreas, readSheet, type SheetRead, type Sync } from "./read";

/** Rows one insert may add (a plan asking more is refused as malformed). */
export const MAX_INSERT_ROWS = 1000;

// ---------------------------------------------------------------------------------------------
// Values as Excel must receive them
// ---------------------------------------------------------------------------------------------

const ERROR_VALUES_RE = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;
/** Characters of what Excel may read as a number, percentage, currency, fraction, date or time (zh-CN). */
const NUMERIC_LOOKING_RE = /^[\d\s.,:/%$¥€£()年月日时分秒eE+-]+$/;

/**
 * True when Excel would not keep `s` as the same text if it were written to a cell as is: it starts like a
 * formula (= + - @, or the full-width ＝ ＋ －), starts with an apostrophe (which Excel would take as the quote
 * prefix), or reads as a number, percentage, date, time, TRUE/FALSE or an error value.
 */
export function needsQuote(s: string): boolean {
  if (s === "") return false;
  if (/^[=+\-@'＝＋－]/.test(s)) return true;
  const t = s.normalize("NFKC").trim();
  if (t === "") return false;
  if (/^(true|false)$/i.test(t) || ERROR_VALUES_RE.test(t)) return true;
  return /\d/.test(t) && NUMERIC_LOOKING_RE.test(t);
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A plan's cell value as written to `Range.values`: text quoted when needed, empty as "" (clears the cell). */
export function excelInput(v: CellValue): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? v : "";
  if (typeof v === "boolean") return v;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
  return needsQuote(v) ? `'${v}` : v;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === "";
}

/** Two cell values are the same: empties alike, anything else strictly (Excel reads numbers back exactly). */
export function sameCell(a: unknown, b: unknown): boolean {
  if (isEmpty(a) || isEmpty(b)) return isEmpty(a) && isEmpty(b);
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return a === b;
}

function show(v: unknown): string {
  if (isEmpty(v)) return "（空）";
  const s = String(v).replace(/\r\n|[\n\r]/g, "↵");
  return s.length > 30 ? s.slice(0, 29) + "…" : s;
}

function showEn(v: unknown): string {
  return isEmpty(v) ? "(empty)" : show(v);
}

// ---------------------------------------------------------------------------------------------
// Plan geometry
// ---------------------------------------------------------------------------------------------

function insertedRow(plan: EditPlan, row: number): boolean {
  const ins = plan.rowInsert;
  return !!ins && row >= ins.at && row < ins.at + ins.count;
}

/** The row a (post-insertion) row had before the plan's insertion. */
function rowBefore(plan: EditPlan, row: number): number {
  const ins = plan.rowInsert;
  return ins && row >= ins.at + ins.count ? row - ins.count : row;
}

/** "12:13": the plan's inserted rows as a whole-row address. */
export function insertedRows(plan: EditPlan): string | null {
  const ins = plan.rowInsert;
  return ins ? `${ins.at + 1}:${ins.at + ins.count}` : null;
}

function areaA1(m: MergedArea): string {
  const first = a1({ row: m.top, col: m.left });
  return m.top === m.bottom && m.left === m.right ? first : `${first}:${a1({ row: m.bottom, col: m.right })}`;
}

function inArea(m: MergedArea, row: number, col: number): boolean {
  return row >= m.top && row <= m.bottom && col >= m.left && col <= m.right;
}

function valueAt(grid: GridInput, row: number, col: number): CellValue {
  const r = row - (grid.origin?.row ?? 0);
  const c = col - (grid.origin?.col ?? 0);
  return r < 0 || c < 0 ? null : (grid.values[r]?.[c] ?? null);
}

/** Last sheet row of the grid holding a value, -1 when none. */
function lastValueRow(grid: GridInput): number {
  for (let r = grid.values.length - 1; r >= 0; r--) {
    if ((grid.values[r] ?? []).some((v) => !isEmpty(v))) return r + (grid.origin?.row ?? 0);
  }
  return -1;
}

interface Run {
  row: number;
  col: number;
  values: (string | number | boolean)[];
}

/** Cells to write grouped into runs of adjacent cells of one row (one `values` write each). */
export function runsOf(cells: readonly { row: number; col: number; value: CellValue }[]): Run[] {
  const sorted = [...cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const out: Run[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && last.row === c.row && last.col + last.values.length === c.col) last.values.push(excelInput(c.value));
    else out.push({ row: c.row, col: c.col, values: [excelInput(c.value)] });
  }
  return out;
}

function queueRuns(ws: Excel.Worksheet, runs: readonly Run[]): void {
  for (const r of runs) ws.getRangeByIndexes(r.row, r.col, 1, r.values.length).values = [r.values];
}

// ---------------------------------------------------------------------------------------------
// Reading for an edit
// ---------------------------------------------------------------------------------------------

export interface EditRead {
  read: SheetRead;
  /** Cells holding formulas (areas, sheet coordinates). */
  formulas: MergedArea[];
  /** Last row holding a value (-1: none) and last row used by a value or a format (-1: none). */
  valuesBottom: number;
  formatsBottom: number;
  /** Every sheet of the workbook. */
  sheetNames: string[];
  /** The workbook's structure is protected (no sheet can be added or deleted). */
  workbookProtected: boolean;
}

interface Extras {
  formats: Excel.Range;
  formulas: Excel.RangeAreas;
  sheets: Excel.WorksheetCollection;
  protection: Excel.WorkbookProtection;
}

function queueExtras(ctx: Excel.RequestContext, sheet: string): Extras {
  const ws = ctx.workbook.worksheets.getItem(sheet);
  const formats = ws.getUsedRangeOrNullObject(false);
  formats.load("rowIndex,rowCount");
  const formulas = ws.getUsedRange(true).getSpecialCellsOrNullObject("Formulas");
  formulas.load("address");
  const sheets = ctx.workbook.worksheets;
  sheets.load("items/name");
  const protection = ctx.workbook.protection;
  protection.load("protected");
  return { formats, formulas, sheets, protection };
}

function takeExtras(x: Extras): Omit<EditRead, "read" | "valuesBottom"> | null {
  try {
    return {
      formatsBottom: x.formats.isNullObject ? -1 : x.formats.rowIndex + x.formats.rowCount - 1,
      formulas: x.formulas.isNullObject ? [] : parseAreas(x.formulas.address),
      sheetNames: x.sheets.items.map((s) => s.name),
      workbookProtected: x.protection.protected,
    };
  } catch (e) {
    // Not delivered: the reader's first sync failed (e.g. a payload too large) and it read again without them.
    if (officeCode(e) === "PropertyNotLoaded") return null;
    throw e;
  }
}

/**
 * Read `sheet` for an edit: one sync (the extras ride along with the reader's sync; one more only when the
 * reader had to retry, e.g. reading a large sheet in blocks).
 */
export async function readForEdit(ctx: Excel.RequestContext, sheet: string, o: { merges: boolean; sync: Sync }): Promise<EditRead> {
  let extras = queueExtras(ctx, sheet);
  const read = await readSheet(ctx, sheet, { merges: o.merges, sync: o.sync, formats: false });
  let taken = takeExtras(extras);
  if (!taken) {
    extras = queueExtras(ctx, sheet);
    await o.sync();
    taken = takeExtras(extras);
    if (!taken) throw hostError("unknown", { sheet, action: "edit" });
  }
  return { read, valuesBottom: lastValueRow(read.grid), ...taken };
}

// ---------------------------------------------------------------------------------------------
// Checking a plan against the read
// ---------------------------------------------------------------------------------------------

function planBug(sheet: string, zh: string, en: string): HostError {
  return new HostError("unknown", `无法执行这项更改（工作表“${sheet}”）：${zh}。工作表未作任何更改。`, `This change cannot be made (sheet "${sheet}"): ${en}. The sheet was not changed.`);
}

/**
 * Null when `plan` can be written on the sheet `er` read: the cells it writes hold its `before` (none holds a
 * formula or is a merged area's hidden cell), its merges swallow no value, its rows and number formats are
 * where it may put them. Otherwise the HostError to show (nothing has been written).
 */
export function verifyPlan(plan: EditPlan, er: EditRead): HostError | null {
  const grid = er.read.grid;
  const sheet = plan.createSheet ? plan.sheet : er.read.sheet;
  if (plan.createSheet) {
    if (er.sheetNames.some((n) => n.toLowerCase() === plan.sheet.toLowerCase())) {
      return new HostError("notEmpty", `已有名为“${plan.sheet}”的工作表：请先重命名或删除它。`, `A sheet named "${plan.sheet}" already exists: rename or delete it first.`);
    }
    if (plan.rowInsert) return planBug(sheet, "新工作表的计划不应插入行", "a new sheet's plan inserts rows");
  } else if (plan.sheet.toLowerCase() !== er.read.sheet.toLowerCase()) {
    return planBug(sheet, `计划针对的是工作表“${plan.sheet}”`, `the plan is for sheet "${plan.sheet}"`);
  }
  const ins = plan.rowInsert;
  if (ins && (!Number.isInteger(ins.at) || !Number.isInteger(ins.count) || ins.at < 0 || ins.count < 1 || ins.count > MAX_INSERT_ROWS)) {
    return planBug(sheet, "插入的行不合理", "its row insertion is malformed");
  }
  const newCell = (row: number) => plan.createSheet || insertedRow(plan, row);
  const written = new Map<string, CellValue>();
  for (const e of plan.edits) {
    const key = `${e.row},${e.col}`;
    if (!Number.isInteger(e.row) || !Number.isInteger(e.col) || e.row < 0 || e.col < 0 || written.has(key)) {
      return planBug(sheet, `单元格 ${e.cell} 的写入不合理`, `its write of ${e.cell} is malformed`);
    }
    written.set(key, e.after);
    if (newCell(e.row)) {
      if (!isEmpty(e.before)) return planBug(sheet, `新单元格 ${e.cell} 不应有原值`, `new cell ${e.cell} has a previous value`);
      continue;
    }
    const row = rowBefore(plan, e.row);
    const found = valueAt(grid, row, e.col);
    if (!sameCell(found, e.before)) {
      return new HostError(
        "stale",
        `工作表“${sheet}”的 ${e.cell} 已改变（现为“${show(found)}”，应为“${show(e.before)}”）：请重新检查后再试。工作表未作任何更改。`,
        `Cell ${e.cell} of sheet "${sheet}" has changed (it holds "${showEn(found)}", expected "${showEn(e.before)}"): check the sheet again and retry. The sheet was not changed.`,
      );
    }
    const formula = er.formulas.find((m) => inArea(m, row, e.col));
    if (formula) {
      return new HostError(
        "notEmpty",
        `工作表“${sheet}”的 ${e.cell} 是公式，加载项不会覆盖公式：请手动修改。工作表未作任何更改。`,
        `Cell ${e.cell} of sheet "${sheet}" holds a formula, which the add-in does not overwrite: change it by hand. The sheet was not changed.`,
      );
    }
    const merged = (grid.merges ?? []).find((m) => inArea(m, row, e.col) && (m.top !== row || m.left !== e.col));
    if (merged) return planBug(sheet, `${e.cell} 在合并单元格 ${areaA1(merged)} 之内`, `${e.cell} is inside the merged area ${areaA1(merged)}`);
  }
  for (const m of plan.merges ?? []) {
    if (!plan.createSheet && !(ins && m.bottom >= ins.at && m.top < ins.at + ins.count)) {
      return planBug(sheet, `合并 ${areaA1(m)} 不涉及新插入的行，无法撤销`, `the merge of ${areaA1(m)} does not involve the new rows and could not be undone`);
    }
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        const after = written.get(`${r},${c}`);
        const kept = newCell(r) ? null : valueAt(grid, rowBefore(plan, r), c);
        const lost = after !== undefined ? after : kept;
        if (!isEmpty(lost)) {
          const cell = a1({ row: r, col: c });
          return new HostError(
            "notEmpty",
            `工作表“${sheet}”的 ${cell} 不是空单元格（“${show(lost)}”），合并 ${areaA1(m)} 会丢失它。工作表未作任何更改。`,
            `Cell ${cell} of sheet "${sheet}" is not empty ("${showEn(lost)}"), and merging ${areaA1(m)} would lose it. The sheet was not changed.`,
          );
        }
      }
    }
  }
  for (const f of plan.numberFormats ?? []) {
    if (!newCell(f.row)) return planBug(sheet, `不会更改现有单元格 ${a1(f)} 的数字格式`, `it would change the number format of existing cell ${a1(f)}`);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Writing a plan
// ---------------------------------------------------------------------------------------------

/** Queue the whole plan (the caller syncs once). */
export function queueWrite(ctx: Excel.RequestContext, plan: EditPlan): void {
  const sheets = ctx.workbook.worksheets;
  const ws = plan.createSheet ? sheets.add(plan.sheet) : sheets.getItem(plan.sheet);
  const rows = insertedRows(plan);
  if (rows) ws.getRange(rows).insert("Down");
  queueRuns(ws, runsOf(plan.edits.map((e) => ({ row: e.row, col: e.col, value: e.after }))));
  for (const m of plan.merges ?? []) ws.getRange(areaA1(m)).merge(false);
  for (const f of plan.numberFormats ?? []) ws.getRangeByIndexes(f.row, f.col, 1, 1).numberFormat = [[f.format]];
  if (plan.createSheet) ws.activate();
}

/** The cells a failed write may have left changed (for the message when the rollback failed too). */
function touched(plan: EditPlan): string[] {
  const rows = insertedRows(plan);
  const cells = plan.edits.filter((e) => !insertedRow(plan, e.row)).map((e) => e.cell);
  return rows ? [`${plan.sheet}!${rows}`, ...cells] : cells;
}

/**
 * Write `plan` in one sync. On failure, roll back what took effect and throw a HostError that says whether the
 * sheet is as it was.
 */
export async function writePlan(ctx: Excel.RequestContext, plan: EditPlan, er: EditRead, sync: Sync): Promise<void> {
  queueWrite(ctx, plan);
  try {
    await sync();
  } catch (err) {
    let unchanged = false;
    try {
      await rollbackApply(ctx, plan, er, sync);
      unchanged = true;
    } catch {
      unchanged = false;
    }
    throw toHostError(err, { sheet: plan.createSheet ? er.read.sheet : plan.sheet, action: "edit", sheetUnchanged: unchanged, cells: plan.createSheet ? [plan.sheet] : touched(plan) });
  }
}

/**
 * Undo whatever part of `plan` took effect before its write failed (two syncs at most; throws when they fail).
 *
 * A created sheet is deleted if it exists. Otherwise the cells the plan writes outside its new rows are read
 * where they are if the rows were inserted, and where they were if not; those that no longer hold `before` get
 * it back, and inserted rows are deleted. Whether the rows were inserted shows in the last used row: it moved
 * down by the count of new rows when the sheet had a value (or a format) at or below the insertion point, or
 * the new rows hold something. When neither can tell, the sheet had nothing at or below the insertion point and
 * the new rows (if any) are blank and unformatted: they change nothing and are left.
 */
export async function rollbackApply(ctx: Excel.RequestContext, plan: EditPlan, er: EditRead, sync: Sync): Promise<void> {
  const sheets = ctx.workbook.worksheets;
  if (plan.createSheet) {
    const created = sheets.getItemOrNullObject(plan.sheet);
    created.load("name");
    await sync();
    // eslint-disable-next-line office-addins/call-sync-before-read -- loaded above and synced through the counting wrapper sync(), which the rule cannot follow
    if (created.isNullObject) return;
    created.delete();
    await sync();
    return;
  }
  const ws = sheets.getItem(plan.sheet);
  const ins = plan.rowInsert;
  const probes = plan.edits
    .filter((e) => !insertedRow(plan, e.row))
    .map((e) => {
      const post = ws.getRangeByIndexes(e.row, e.col, 1, 1);
      post.load("values");
      const preRow = rowBefore(plan, e.row);
      const pre = preRow === e.row ? post : ws.getRangeByIndexes(preRow, e.col, 1, 1);
      if (pre !== post) pre.load("values");
      return { e, post, pre, preRow };
    });
  const used = ins
    ? {
        values: ws.getUsedRangeOrNullObject(true).load("rowIndex,rowCount"),
        formats: ws.getUsedRangeOrNullObject(false).load("rowIndex,rowCount"),
        fresh: ws.getRange(insertedRows(plan)!).getUsedRangeOrNullObject(true).load("address"),
      }
    : undefined;
  await sync();
  let inserted = false;
  if (ins !== undefined && used !== undefined) {
    const bottom = (r: Excel.Range) => (r.isNullObject ? -1 : r.rowIndex + r.rowCount - 1);
    if (er.valuesBottom >= ins.at) inserted = bottom(used.values) === er.valuesBottom + ins.count;
    else if (er.formatsBottom >= ins.at - 1 && bottom(used.formats) === er.formatsBottom + ins.count) inserted = true;
    else inserted = !used.fresh.isNullObject;
  }
  let ops = 0;
  for (const p of probes) {
    const range = inserted ? p.post : p.pre;
    const row = inserted ? p.e.row : p.preRow;
    if (sameCell(range.values[0][0], p.e.before)) continue;
    ws.getRangeByIndexes(row, p.e.col, 1, 1).values = [[excelInput(p.e.before)]];
    ops++;
  }
  if (inserted) {
    ws.getRange(insertedRows(plan)!).delete("Up");
    ops++;
  }
  if (ops > 0) await sync();
}

// ---------------------------------------------------------------------------------------------
// Undo
// ---------------------------------------------------------------------------------------------

function staleUndo(sheet: string, cell: string, found: unknown, expected: unknown): HostError {
  return new HostError(
    "stale",
    `无法撤销：工作表“${sheet}”的 ${cell} 在更改之后又被改动（现为“${show(found)}”，应为“${show(expected)}”）。请手动恢复。工作表未作任何更改。`,
    `Cannot undo: cell ${cell} of sheet "${sheet}" was changed after this change (it holds "${showEn(found)}", expected "${showEn(expected)}"). Restore it by hand. The sheet was not changed.`,
  );
}

/** The values of a loaded range keyed by sheet "row,col" (non-empty cells only). */
function cellsOf(r: Excel.Range): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (r.isNullObject) return out;
  r.values.forEach((row, i) => row.forEach((v, j) => {
    if (!isEmpty(v)) out.set(`${r.rowIndex + i},${r.columnIndex + j}`, v);
  }));
  return out;
}

/** Every edit holds `after`, and the area (new rows, new sheet) holds nothing the plan did not write. */
function checkArea(sheet: string, edits: EditPlan["edits"], found: Map<string, unknown>): HostError | null {
  const expected = new Set<string>(edits.map((e) => `${e.row},${e.col}`));
  for (const e of edits) {
    const v = found.get(`${e.row},${e.col}`);
    if (!sameCell(v, e.after)) return staleUndo(sheet, e.cell, v, e.after);
  }
  for (const [key, v] of found) {
    if (expected.has(key)) continue;
    const [row, col] = key.split(",").map(Number);
    return staleUndo(sheet, a1({ row, col }), v, null);
  }
  return null;
}

/**
 * One sync: check that `plan` (applied) can be undone. Throws a HostError: "stale" naming the first cell that
 * changed since, "protected", "sheetNotFound".
 */
export async function checkUndo(ctx: Excel.RequestContext, plan: EditPlan, sync: Sync): Promise<void> {
  const sheets = ctx.workbook.worksheets;
  if (plan.createSheet) {
    const ws = sheets.getItemOrNullObject(plan.sheet);
    ws.load("name");
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("values,rowIndex,columnIndex");
    const protection = ctx.workbook.protection;
    protection.load("protected");
    await sync();
    // eslint-disable-next-line office-addins/call-sync-before-read -- loaded above and synced through the counting wrapper sync(), which the rule cannot follow
    if (ws.isNullObject) {
      throw new HostError(
        "sheetNotFound",
        `无法撤销：找不到这项更改新建的工作表“${plan.sheet}”（可能已被重命名或删除）。`,
        `Cannot undo: the sheet this change created, "${plan.sheet}", is gone (renamed or deleted).`,
      );
    }
    const stale = checkArea(plan.sheet, plan.edits, cellsOf(used));
    if (stale) throw stale;
    if (protection.protected) throw hostError("protected", { sheet: plan.sheet, action: "edit", workbook: true });
    return;
  }
  const ws = sheets.getItem(plan.sheet);
  ws.protection.load("protected");
  const probes = plan.edits
    .filter((e) => !insertedRow(plan, e.row))
    .map((e) => {
      const r = ws.getRangeByIndexes(e.row, e.col, 1, 1);
      r.load("values");
      return { e, r };
    });
  const rows = insertedRows(plan);
  const fresh = rows ? ws.getRange(rows).getUsedRangeOrNullObject(true) : null;
  fresh?.load("values,rowIndex,columnIndex");
  await sync();
  for (const { e, r } of probes) {
    if (!sameCell(r.values[0][0], e.after)) throw staleUndo(plan.sheet, e.cell, r.values[0][0], e.after);
  }
  if (fresh) {
    const stale = checkArea(plan.sheet, plan.edits.filter((e) => insertedRow(plan, e.row)), cellsOf(fresh));
    if (stale) throw stale;
  }
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- loaded above and synced through the counting wrapper sync(), which the rule cannot follow
  if (ws.protection.protected) throw hostError("protected", { sheet: plan.sheet, action: "edit" });
}

/**
 * One sync: write every `before` back and delete the inserted rows or the created sheet. On failure the writes
 * that took effect are written over again with `after` (the delete is the last operation, so it did not run),
 * and the HostError says whether the sheet is as it was.
 */
export async function writeUndo(ctx: Excel.RequestContext, plan: EditPlan, sync: Sync): Promise<void> {
  const sheets = ctx.workbook.worksheets;
  if (plan.createSheet) {
    sheets.getItem(plan.sheet).delete();
    try {
      await sync();
    } catch (err) {
      throw toHostError(err, { sheet: plan.sheet, action: "edit" });
    }
    return;
  }
  const ws = sheets.getItem(plan.sheet);
  const outside = plan.edits.filter((e) => !insertedRow(plan, e.row));
  queueRuns(ws, runsOf(outside.map((e) => ({ row: e.row, col: e.col, value: e.before }))));
  const rows = insertedRows(plan);
  if (rows) ws.getRange(rows).delete("Up");
  try {
    await sync();
  } catch (err) {
    let unchanged = false;
    try {
      const probes = outside.map((e) => {
        const r = ws.getRangeByIndexes(e.row, e.col, 1, 1);
        r.load("values");
        return { e, r };
      });
      await sync();
      const back = probes.filter(({ e, r }) => !sameCell(r.values[0][0], e.after));
      queueRuns(ws, runsOf(back.map(({ e }) => ({ row: e.row, col: e.col, value: e.after }))));
      if (back.length > 0) await sync();
      unchanged = true;
    } catch {
      unchanged = false;
    }
    throw toHostError(err, { sheet: plan.sheet, action: "edit", sheetUnchanged: unchanged, cells: outside.map((e) => e.cell) });
  }
}
