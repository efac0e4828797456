/**
 * The command line's applier of edit plans (`EditPlan`, src/core/edits.ts) on an exceljs workbook: the same plans
 * the add-in performs with Office.js. Order: create the sheet (kind "convert"), insert `rowInsert` rows, write
 * `edits`, set `numberFormats`, merge `merges`.
 *
 * Everything is checked before anything is changed, so a refused plan leaves the workbook as it was: every edited
 * cell must still hold the plan's `before` (else "stale"), no edit may land on the hidden part of a merged area or
 * over a formula, a merge may only extend merged areas it contains and never hide a value, and rows are inserted
 * only where no formula of the sheet refers to the rows that move (exceljs shifts cells but never rewrites formula
 * references). Each refusal names the sheet and the cell.
 *
 * exceljs's own row insertion keeps neither its merge index nor the merges spanning the insertion point right, so
 * merged areas at or below the insertion point are taken apart first and put back shifted (an area spanning the
 * point grows by the inserted rows, as in Excel). Existing cells keep their styles; inserted cells take the style
 * of the cell above them, as Excel's insertion does.
 */
import type ExcelJS from "exceljs";
import { a1 } from "../core/address";
import type { EditPlan } from "../core/edits";
import type { CellEdit, CellValue, MergedArea } from "../core/types";
import { parseRange, toCellValue } from "./xlsx-reader";

export type ApplyErrorCode = "noSheet" | "sheetExists" | "stale" | "merged" | "formula" | "mergeConflict";

/** Why a plan was refused, in both languages, naming the sheet and (when there is one) the cell. */
export class ApplyError extends Error {
  constructor(
    readonly code: ApplyErrorCode,
    message: string,
    readonly messageEn: string,
    readonly cell?: string,
  ) {
    super(message);
    this.name = "ApplyError";
  }
}

/** What a plan changed: every written cell with what it held and what it holds now. */
export interface AppliedPlan {
  sheet: string;
  edits: CellEdit[];
  insertedRows: number;
  createdSheet: boolean;
}

interface WorksheetInternals {
  _merges?: Record<string, { top: number; left: number; bottom: number; right: number; range?: string } | undefined>;
}

/** The merged areas of a sheet, 0-based inclusive (exceljs's merge index, which is right until rows are spliced). */
export function sheetMerges(ws: ExcelJS.Worksheet): MergedArea[] {
  const internal = (ws as unknown as WorksheetInternals)._merges ?? {};
  const out: MergedArea[] = [];
  for (const m of Object.values(internal)) {
    if (!m) continue;
    const area = typeof m.range === "string" ? parseRange(m.range) : null;
    if (area) out.push(area);
  }
  return out.sort((a, b) => a.top - b.top || a.left - b.left);
}

function rangeA1(m: MergedArea): string {
  return `${a1({ row: m.top, col: m.left })}:${a1({ row: m.bottom, col: m.right })}`;
}

function intersects(a: MergedArea, b: MergedArea): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function contains(outer: MergedArea, inner: MergedArea): boolean {
  return outer.top <= inner.top && outer.bottom >= inner.bottom && outer.left <= inner.left && outer.right >= inner.right;
}

function isEmptyValue(v: CellValue): boolean {
  return v === null || v === undefined || v === "";
}

/** A value as text, the way the engine reads cells (numbers as String(n)). */
function asText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString();
  return String(v);
}

/** Whether a cell still holds what the planner read: equal values, or a number and its text (the planner may read either). */
export function sameValue(current: CellValue, before: CellValue): boolean {
  if (isEmptyValue(current) || isEmptyValue(before)) return isEmptyValue(current) && isEmptyValue(before);
  if (current instanceof Date || before instanceof Date) {
    return current instanceof Date && before instanceof Date && current.getTime() === before.getTime();
  }
  if (typeof current === typeof before) return current === before;
  if (typeof current === "boolean" || typeof before === "boolean") return false;
  return asText(current) === asText(before);
}

/** Short form of a value for messages. */
function shown(v: CellValue): string {
  if (isEmptyValue(v)) return "（空）";
  const t = asText(v).replace(/\r?\n/g, "⏎");
  return t.length > 40 ? `“${t.slice(0, 40)}…”` : `“${t}”`;
}
function shownEn(v: CellValue): string {
  if (isEmptyValue(v)) return "(empty)";
  const t = asText(v).replace(/\r?\n/g, "⏎");
  return t.length > 40 ? `"${t.slice(0, 40)}…"` : `"${t}"`;
}

/** The value of a sheet cell (0-based) as the engine reads it, without creating the cell. */
function valueAt(ws: ExcelJS.Worksheet, row: number, col: number): CellValue {
  const cell = ws.findCell(row + 1, col + 1);
  return cell ? toCellValue(cell.value) : null;
}

function isFormulaValue(v: unknown): boolean {
  return typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v);
}

/** The formula text of a cell, when it has one (shared formulas report their master's). */
function formulaOf(cell: ExcelJS.Cell): string | null {
  const v = cell.value as unknown;
  if (!isFormulaValue(v)) return null;
  const f = (cell as unknown as { formula?: string }).formula;
  return typeof f === "string" ? f : null;
}

/**
 * The first formula of `ws` that refers to a row at or below `fromRow` (1-based) of this sheet, or to whole
 * columns: such references would be left pointing at the wrong rows by a row insertion.
 */
function formulaReferringBelow(ws: ExcelJS.Worksheet, fromRow: number): string | null {
  let hit: string | null = null;
  ws.eachRow({ includeEmpty: false }, (row) => {
    if (hit) return;
    row.eachCell({ includeEmpty: false }, (cell) => {
      if (hit) return;
      const f = formulaOf(cell);
      if (f === null && !isFormulaValue(cell.value)) return;
      if (f === null) {
        hit = cell.address;
        return;
      }
      // Strip string literals and references to other sheets ('Sheet 2'!A1, Sheet2!A1:B3).
      const local = f.replace(/"[^"]*"/g, "").replace(/(?:'[^']*'|[A-Za-z0-9_.\u4e00-\u9fff]+)!\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?/g, "");
      if (/\$?[A-Z]{1,3}:\$?[A-Z]{1,3}/.test(local)) {
        hit = cell.address; // whole-column reference
        return;
      }
      const refs = local.matchAll(/(?<![A-Za-z0-9_])\$?[A-Z]{1,3}\$?(\d+)(?![\d(])/g);
      for (const m of refs) {
        if (Number(m[1]) >= fromRow) {
          hit = cell.address;
          return;
        }
      }
    });
  });
  return hit;
}

/**
 * A sheet name Excel accepts and the workbook does not use yet: `stem + suffix`, else `stem + suffix (2)`, `(3)`…;
 * the stem is shortened so that the whole name fits in 31 characters with its suffix kept.
 */
export function uniqueSheetName(wb: ExcelJS.Workbook, stem: string, suffix = ""): string {
  const clean = (t: string) => t.replace(/[\\/?*[\]:]/g, "_");
  const base = clean(stem).replace(/^'+|'+$/g, "") || "Sheet";
  const tail = clean(suffix);
  const taken = new Set(wb.worksheets.map((w) => w.name.toLowerCase()));
  const make = (extra: string) => base.slice(0, Math.max(1, 31 - tail.length - extra.length)) + tail + extra;
  let name = make("");
  for (let k = 2; taken.has(name.toLowerCase()); k++) name = make(` (${k})`);
  return name;
}

/** Value to store: a number stays a number when the text written is the plain form of one (a 序号 renumbered). */
function valueToStore(current: CellValue, after: CellValue): CellValue {
  if (typeof current === "number" && typeof after === "string" && /^-?\d+(?:\.\d+)?$/.test(after) && String(Number(after)) === after) {
    return Number(after);
  }
  return after;
}

function cloneStyle(style: Partial<ExcelJS.Style> | undefined): Partial<ExcelJS.Style> {
  return JSON.parse(JSON.stringify(style ?? {})) as Partial<ExcelJS.Style>;
}

/** The style of every cell of the given areas (0-based coordinates), copied. */
function stylesOf(ws: ExcelJS.Worksheet, areas: readonly MergedArea[]): { row: number; col: number; style: Partial<ExcelJS.Style> }[] {
  const out: { row: number; col: number; style: Partial<ExcelJS.Style> }[] = [];
  for (const m of areas) {
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) out.push({ row: r, col: c, style: cloneStyle(ws.getCell(r + 1, c + 1).style) });
    }
  }
  return out;
}

type Note = ExcelJS.Cell["note"];

/** The notes (comments) of the cells at or below sheet row `fromRow` (0-based). */
function notesFrom(ws: ExcelJS.Worksheet, fromRow: number): { row: number; col: number; note: Note }[] {
  const out: { row: number; col: number; note: Note }[] = [];
  ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    if (rowNumber - 1 < fromRow) return;
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (cell.note !== undefined && cell.note !== null) out.push({ row: rowNumber - 1, col: col - 1, note: cell.note });
    });
  });
  return out;
}

/**
 * Perform `plan` on `wb`. Throws an ApplyError, before changing anything, when the plan no longer fits the
 * workbook (see the file comment); returns the cells written.
 */
export function applyPlanToWorkbook(wb: ExcelJS.Workbook, plan: EditPlan): AppliedPlan {
  const sheet = plan.sheet;
  let ws = wb.getWorksheet(sheet) ?? null;
  const insert = plan.rowInsert && plan.rowInsert.count > 0 ? plan.rowInsert : null;

  // ----- checks (nothing is changed until they all pass) -----
  if (plan.createSheet) {
    if (ws) {
      throw new ApplyError(
        "sheetExists",
        `工作簿中已有工作表“${sheet}”，未写入`,
        `the workbook already has a sheet "${sheet}"; nothing was written`,
      );
    }
  } else if (!ws) {
    throw new ApplyError("noSheet", `工作簿中没有工作表“${sheet}”`, `the workbook has no sheet "${sheet}"`);
  }

  const merges = ws ? sheetMerges(ws) : [];
  /** Where a cell of the plan (coordinates after the insertion) is now; null for a cell of an inserted row. */
  const nowAt = (row: number): number | null => {
    if (!insert || row < insert.at) return row;
    if (row < insert.at + insert.count) return null;
    return row - insert.count;
  };

  if (ws && insert) {
    const f = formulaReferringBelow(ws, insert.at + 1);
    if (f) {
      throw new ApplyError(
        "formula",
        `工作表“${sheet}”的单元格 ${f} 含有公式，其引用在插入行后不会自动调整；请在 Excel 中插入，未作修改`,
        `cell ${f} of sheet "${sheet}" holds a formula whose references would not follow the inserted rows; insert them in Excel (nothing was changed)`,
        f,
      );
    }
  }

  for (const e of plan.edits) {
    const row = ws ? nowAt(e.row) : null;
    if (ws && row !== null) {
      const inside = merges.find((m) => row >= m.top && row <= m.bottom && e.col >= m.left && e.col <= m.right);
      if (inside && (inside.top !== row || inside.left !== e.col)) {
        throw new ApplyError(
          "merged",
          `工作表“${sheet}”的单元格 ${e.cell} 位于合并区域 ${rangeA1(inside)} 内（非左上角），未作修改`,
          `cell ${e.cell} of sheet "${sheet}" lies inside the merged area ${rangeA1(inside)} (not its top-left cell); nothing was changed`,
          e.cell,
        );
      }
      if (isFormulaValue(ws.findCell(row + 1, e.col + 1)?.value)) {
        throw new ApplyError(
          "formula",
          `工作表“${sheet}”的单元格 ${e.cell} 含有公式，不能改写为数值或文本，未作修改`,
          `cell ${e.cell} of sheet "${sheet}" holds a formula and is not overwritten; nothing was changed`,
          e.cell,
        );
      }
    }
    const current: CellValue = ws && row !== null ? valueAt(ws, row, e.col) : null;
    if (!sameValue(current, e.before)) {
      throw new ApplyError(
        "stale",
        `工作表“${sheet}”的单元格 ${e.cell} 已被修改（应为 ${shown(e.before)}，现为 ${shown(current)}），未作修改；请重新检查后再试`,
        `cell ${e.cell} of sheet "${sheet}" has changed (expected ${shownEn(e.before)}, found ${shownEn(current)}); nothing was changed: check again and retry`,
        e.cell,
      );
    }
  }

  // Merged areas after the insertion, as they will be before the plan's own merges.
  const shifted: MergedArea[] = merges.map((m) => {
    if (!insert || m.bottom < insert.at) return m;
    if (m.top >= insert.at) return { ...m, top: m.top + insert.count, bottom: m.bottom + insert.count };
    return { ...m, bottom: m.bottom + insert.count }; // spans the insertion point: grows
  });
  const written = new Map<string, CellValue>();
  for (const e of plan.edits) written.set(`${e.row}:${e.col}`, e.after);
  /** Value a cell (coordinates after the insertion) will hold once the edits are written. */
  const valueAfter = (row: number, col: number): CellValue => {
    const key = `${row}:${col}`;
    if (written.has(key)) return written.get(key) ?? null;
    const r = ws ? nowAt(row) : null;
    return ws && r !== null ? valueAt(ws, r, col) : null;
  };
  const finalMerges = [...shifted];
  for (const m of plan.merges ?? []) {
    const overlapping = finalMerges.filter((x) => intersects(x, m));
    const partial = overlapping.find((x) => !contains(m, x));
    if (partial) {
      throw new ApplyError(
        "mergeConflict",
        `工作表“${sheet}”的合并区域 ${rangeA1(m)} 与已有合并区域 ${rangeA1(partial)} 部分重叠，未作修改`,
        `merged area ${rangeA1(m)} of sheet "${sheet}" partly overlaps the merged area ${rangeA1(partial)}; nothing was changed`,
        a1({ row: partial.top, col: partial.left }),
      );
    }
    for (let r = m.top; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        if (r === m.top && c === m.left) continue;
        // Cells already hidden by a merged area inside `m` hold no value of their own.
        if (overlapping.some((x) => r >= x.top && r <= x.bottom && c >= x.left && c <= x.right && !(r === x.top && c === x.left))) continue;
        const v = valueAfter(r, c);
        if (!isEmptyValue(v)) {
          const cell = a1({ row: r, col: c });
          throw new ApplyError(
            "mergeConflict",
            `合并 ${rangeA1(m)} 会隐藏工作表“${sheet}”单元格 ${cell} 的内容，未作修改`,
            `merging ${rangeA1(m)} would hide the content of cell ${cell} of sheet "${sheet}"; nothing was changed`,
            cell,
          );
        }
      }
    }
    for (const x of overlapping) finalMerges.splice(finalMerges.indexOf(x), 1);
    finalMerges.push(m);
  }

  // ----- changes -----
  let created = false;
  if (!ws) {
    ws = wb.addWorksheet(sheet);
    created = true;
  }
  const target = ws;
  if (insert) {
    // Merged areas at or below the insertion point are taken apart and put back shifted (see the file comment).
    // Unmerging resets the hidden cells' styles and splicing drops notes: both are kept and put back.
    const moving = merges.filter((m) => m.bottom >= insert.at);
    const styles = stylesOf(target, moving);
    const notes = notesFrom(target, insert.at);
    for (const m of moving) target.unMergeCells(rangeA1(m));
    target.spliceRows(insert.at + 1, 0, ...Array.from({ length: insert.count }, () => [] as unknown[]));
    // Inserted cells take the style of the cell above (the row the insertion follows), as in Excel.
    if (insert.at > 0) {
      const above = target.getRow(insert.at);
      for (let k = 0; k < insert.count; k++) {
        const row = target.getRow(insert.at + 1 + k);
        above.eachCell({ includeEmpty: true }, (cell, col) => {
          row.getCell(col).style = cloneStyle(cell.style);
        });
      }
    }
    for (const m of moving) {
      const area = shifted[merges.indexOf(m)];
      target.mergeCellsWithoutStyle(area.top + 1, area.left + 1, area.bottom + 1, area.right + 1);
    }
    const down = (r: number) => (r >= insert.at ? r + insert.count : r);
    for (const x of styles) target.getCell(down(x.row) + 1, x.col + 1).style = x.style;
    for (const n of notes) target.getCell(n.row + insert.count + 1, n.col + 1).note = n.note;
  }
  const applied: CellEdit[] = [];
  for (const e of plan.edits) {
    const cell = target.getCell(e.row + 1, e.col + 1);
    const current = toCellValue(cell.value);
    const value = valueToStore(current, e.after);
    cell.value = (value === undefined ? null : value) as ExcelJS.CellValue;
    applied.push({ row: e.row, col: e.col, cell: e.cell, before: current, after: value === undefined ? null : value });
  }
  for (const f of plan.numberFormats ?? []) target.getCell(f.row + 1, f.col + 1).numFmt = f.format;
  for (const m of plan.merges ?? []) {
    const inside = sheetMerges(target).filter((x) => intersects(x, m));
    const styles = stylesOf(target, inside);
    for (const x of inside) target.unMergeCells(rangeA1(x));
    target.mergeCellsWithoutStyle(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    for (const x of styles) target.getCell(x.row + 1, x.col + 1).style = x.style;
  }
  return { sheet, edits: applied, insertedRows: insert ? insert.count : 0, createdSheet: created };
}
