/**
 * The pure applier of edit plans on a GridInput (tests, the pane's in-memory host, the command line's dry
 * runs), its undo, and the small grid helpers the planners share.
 *
 * Application order (see ./edits): insert `rowInsert.count` empty rows at sheet row `rowInsert.at` (rows and
 * merged areas below move down; an area the insertion falls inside grows), write `edits`, merge `merges`
 * (an area that contains existing merged areas replaces them), set `numberFormats`. A `createSheet` plan is
 * applied to an empty sheet named `plan.sheet`: the grid passed in (its source) is not read.
 *
 * Undo (`revertPlanOnGrid`): every edited cell must still hold `after` and the inserted rows nothing but what
 * the plan wrote (else PlanConflictError "stale"); then every `before` is written back and the inserted rows
 * deleted (areas shrink back). Undoing a `createSheet` plan gives the created sheet emptied (a host deletes it).
 */
import { a1 } from "./address";
import type { EditPlan, PlanError } from "./edits";
import type { CellValue, GridInput, MergedArea } from "./types";

// ---------------------------------------------------------------------------------------------
// Grid helpers (sheet coordinates)
// ---------------------------------------------------------------------------------------------

/** The value a grid holds at a sheet cell (undefined outside the grid). */
export function cellValueAt(grid: GridInput, row: number, col: number): CellValue {
  const r = row - (grid.origin?.row ?? 0);
  const c = col - (grid.origin?.col ?? 0);
  if (r < 0 || c < 0) return undefined;
  return grid.values[r]?.[c];
}

/** Empty for a write: null, undefined or "". A string of spaces is not empty (it is something a user typed). */
export function isEmptyValue(v: CellValue): boolean {
  return v === null || v === undefined || v === "";
}

/** Two cell values are the same for a stale check: empties alike, dates by time, everything else strictly. */
export function sameValue(a: CellValue, b: CellValue): boolean {
  if (isEmptyValue(a) || isEmptyValue(b)) return isEmptyValue(a) && isEmptyValue(b);
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  return a === b;
}

/** The merged area holding a sheet cell, or null. */
export function mergeAt(grid: GridInput, row: number, col: number): MergedArea | null {
  for (const m of grid.merges ?? []) {
    if (row >= m.top && row <= m.bottom && col >= m.left && col <= m.right) return m;
  }
  return null;
}

/** A cell value for a message or a preview line: text as is, numbers as JavaScript prints them, empty as “（空）”. */
export function showValue(v: CellValue, lang: "zh" | "en" = "zh"): string {
  if (isEmptyValue(v)) return lang === "zh" ? "（空）" : "(empty)";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v);
}

const LINE_BREAKS_RE = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

/** One line of text for a preview: line breaks shown as ↵. */
export function oneLine(s: string): string {
  return s.replace(LINE_BREAKS_RE, "↵");
}

/** A long text cut to about `max` characters, keeping its start: `前面的文字…`. */
export function shorten(s: string, max = 60): string {
  const t = oneLine(s);
  return t.length <= max ? t : t.slice(0, max - 1) + "…";
}

/**
 * `before → after` for a preview, showing only the part that changed with some context around it when the
 * texts are long: `…；年度指标值:>=90%。 → …；年度指标值:≥90%。`.
 */
export function showChange(before: string, after: string, max = 80, context = 12): string {
  const b = oneLine(before);
  const a = oneLine(after);
  if (b.length <= max && a.length <= max) return `${b} → ${a}`;
  let p = 0;
  while (p < b.length && p < a.length && b[p] === a[p]) p++;
  let s = 0;
  while (s < b.length - p && s < a.length - p && b[b.length - 1 - s] === a[a.length - 1 - s]) s++;
  const start = Math.max(0, p - context);
  const cut = (t: string): string => {
    const end = Math.min(t.length, t.length - s + context);
    let piece = t.slice(start, end);
    // Changes far apart in a long cell: the middle between them is elided too.
    if (piece.length > 2 * max) piece = piece.slice(0, max) + "…" + piece.slice(piece.length - max);
    return (start > 0 ? "…" : "") + piece + (end < t.length ? "…" : "");
  };
  return `${cut(b)} → ${cut(a)}`;
}

// ---------------------------------------------------------------------------------------------
// Conflicts
// ---------------------------------------------------------------------------------------------

/** A plan that cannot be applied or undone on this grid (a cell changed since it was planned or applied). */
export class PlanConflictError extends Error {
  constructor(readonly detail: PlanError) {
    super(detail.messageEn);
    this.name = "PlanConflictError";
  }
}

function staleError(sheet: string, row: number, col: number, found: CellValue, expected: CellValue): PlanError {
  const cell = a1({ row, col });
  return {
    error: "stale",
    cell,
    message: `工作表“${sheet}”的 ${cell} 已被改动（现为“${shorten(showValue(found), 30)}”，应为“${shorten(showValue(expected), 30)}”）：请重新检查后再试`,
    messageEn: `Cell ${cell} of sheet "${sheet}" has changed (it holds "${shorten(showValue(found, "en"), 30)}", ` +
      `expected "${shorten(showValue(expected, "en"), 30)}"): check the sheet again and retry`,
  };
}

function isInserted(plan: EditPlan, row: number): boolean {
  const ins = plan.rowInsert;
  return ins !== undefined && ins.count > 0 && row >= ins.at && row < ins.at + ins.count;
}

/** The row an edit's (after-insertion) row had before the insertion. */
function rowBefore(plan: EditPlan, row: number): number {
  const ins = plan.rowInsert;
  return ins !== undefined && ins.count > 0 && row >= ins.at + ins.count ? row - ins.count : row;
}

/** Null when `plan` can be applied to `grid`: every edited cell outside the inserted rows still holds `before`. */
export function checkPlanOnGrid(grid: GridInput, plan: EditPlan): PlanError | null {
  if (plan.createSheet) return null;
  for (const e of plan.edits) {
    if (isInserted(plan, e.row)) continue;
    const found = cellValueAt(grid, rowBefore(plan, e.row), e.col);
    if (!sameValue(found, e.before)) return staleError(grid.sheet, e.row, e.col, found, e.before);
  }
  return null;
}

/** Null when `plan`, applied, can be undone on `grid`: every edited cell holds `after`, the new rows nothing else. */
export function checkRevertOnGrid(grid: GridInput, plan: EditPlan): PlanError | null {
  const written = new Set<string>();
  for (const e of plan.edits) {
    written.add(`${e.row},${e.col}`);
    const found = cellValueAt(grid, e.row, e.col);
    if (!sameValue(found, e.after)) return staleError(grid.sheet, e.row, e.col, found, e.after);
  }
  const ins = plan.rowInsert;
  if (ins && ins.count > 0 && !plan.createSheet) {
    const or = grid.origin?.row ?? 0;
    const oc = grid.origin?.col ?? 0;
    for (let row = ins.at; row < ins.at + ins.count; row++) {
      const values = grid.values[row - or] ?? [];
      for (let c = 0; c < values.length; c++) {
        if (isEmptyValue(values[c]) || written.has(`${row},${c + oc}`)) continue;
        return staleError(grid.sheet, row, c + oc, values[c], null);
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Apply and revert
// ---------------------------------------------------------------------------------------------

function copyRows<T>(rows: T[][] | undefined): T[][] | undefined {
  return rows ? rows.map((r) => (r ? [...r] : r)) : undefined;
}

function copyGrid(grid: GridInput): GridInput {
  const out: GridInput = { ...grid, values: copyRows(grid.values) as CellValue[][] };
  if (grid.origin) out.origin = { ...grid.origin };
  if (grid.merges) out.merges = grid.merges.map((m) => ({ ...m }));
  if (grid.indents) out.indents = copyRows(grid.indents);
  if (grid.numberFormats) out.numberFormats = copyRows(grid.numberFormats);
  return out;
}

function setCell<T>(rows: T[][], r: number, c: number, v: T, pad: T): void {
  while (rows.length <= r) rows.push([]);
  const row = rows[r] ?? (rows[r] = []);
  while (row.length < c) row.push(pad);
  row[c] = v;
}

function gridIndex(grid: GridInput, row: number, col: number, sheet: string): [number, number] {
  const r = row - (grid.origin?.row ?? 0);
  const c = col - (grid.origin?.col ?? 0);
  if (r < 0 || c < 0) {
    throw new PlanConflictError({
      error: "badSpec",
      cell: a1({ row, col }),
      message: `工作表“${sheet}”的 ${a1({ row, col })} 在读取的区域之外`,
      messageEn: `Cell ${a1({ row, col })} of sheet "${sheet}" is outside the area read`,
    });
  }
  return [r, c];
}

function contains(outer: MergedArea, inner: MergedArea): boolean {
  return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
}

/** The grid after `plan`. Throws PlanConflictError when a cell no longer holds what the plan read. */
export function applyPlanToGrid(grid: GridInput, plan: EditPlan): GridInput {
  let out: GridInput;
  if (plan.createSheet) {
    out = { sheet: plan.sheet, values: [], origin: { row: 0, col: 0 }, merges: [] };
  } else {
    const conflict = checkPlanOnGrid(grid, plan);
    if (conflict) throw new PlanConflictError(conflict);
    out = copyGrid(grid);
    const ins = plan.rowInsert;
    if (ins && ins.count > 0) {
      const at = ins.at - (out.origin?.row ?? 0);
      if (at < 0) gridIndex(out, ins.at, out.origin?.col ?? 0, out.sheet);
      const empties = (): never[][] => Array.from({ length: ins.count }, () => []);
      while (out.values.length < at) out.values.push([]);
      out.values.splice(at, 0, ...empties());
      if (out.indents && out.indents.length >= at) out.indents.splice(at, 0, ...empties());
      if (out.numberFormats && out.numberFormats.length >= at) out.numberFormats.splice(at, 0, ...empties());
      if (out.merges) {
        out.merges = out.merges.map((m) => {
          if (m.top >= ins.at) return { ...m, top: m.top + ins.count, bottom: m.bottom + ins.count };
          if (m.bottom >= ins.at) return { ...m, bottom: m.bottom + ins.count };
          return m;
        });
      }
    }
  }
  for (const e of plan.edits) {
    const [r, c] = gridIndex(out, e.row, e.col, out.sheet);
    setCell(out.values, r, c, e.after === undefined ? null : e.after, undefined);
  }
  for (const m of plan.merges ?? []) {
    const merges = out.merges ?? (out.merges = []);
    const inside: number[] = [];
    merges.forEach((x, i) => {
      if (contains(m, x)) inside.push(i);
    });
    if (inside.length === 0) merges.push({ ...m });
    else {
      merges[inside[0]] = { ...m };
      for (let k = inside.length - 1; k >= 1; k--) merges.splice(inside[k], 1);
    }
  }
  for (const f of plan.numberFormats ?? []) {
    const [r, c] = gridIndex(out, f.row, f.col, out.sheet);
    setCell(out.numberFormats ?? (out.numberFormats = []), r, c, f.format, undefined);
  }
  return out;
}

/** The grid with an applied `plan` undone. Throws PlanConflictError when a cell the plan wrote has changed since. */
export function revertPlanOnGrid(grid: GridInput, plan: EditPlan): GridInput {
  const conflict = checkRevertOnGrid(grid, plan);
  if (conflict) throw new PlanConflictError(conflict);
  if (plan.createSheet) return { sheet: plan.sheet, values: [], origin: { row: 0, col: 0 }, merges: [] };
  const out = copyGrid(grid);
  // Right to left, so that a cell the plan filled beyond the end of its row (padding the row with
  // `undefined`) is removed again with the padding: the row ends where it ended before.
  const edits = plan.edits.filter((e) => !isInserted(plan, e.row)).sort((x, y) => y.col - x.col);
  for (const e of edits) {
    const [r, c] = gridIndex(out, e.row, e.col, out.sheet);
    const row = out.values[r];
    if (!row) continue;
    const before = e.before === undefined ? null : e.before;
    if (before === null && c === row.length - 1) {
      row.pop();
      while (row.length > 0 && row[row.length - 1] === undefined) row.pop();
    } else row[c] = before;
  }
  const ins = plan.rowInsert;
  if (ins && ins.count > 0) {
    const at = ins.at - (out.origin?.row ?? 0);
    const end = ins.at + ins.count - 1;
    out.values.splice(at, ins.count);
    if (out.indents && out.indents.length > at) out.indents.splice(at, ins.count);
    if (out.numberFormats && out.numberFormats.length > at) out.numberFormats.splice(at, ins.count);
    if (out.merges) {
      const kept: MergedArea[] = [];
      for (const m of out.merges) {
        if (m.top >= ins.at && m.bottom <= end) continue; // wholly inside the deleted rows
        let { top, bottom } = m;
        if (top > end) {
          top -= ins.count;
          bottom -= ins.count;
        } else if (bottom >= ins.at) {
          bottom -= Math.min(bottom, end) - Math.max(top, ins.at) + 1;
        }
        if (top === bottom && m.left === m.right) continue; // shrunk to one cell: no longer a merged area
        kept.push({ ...m, top, bottom });
      }
      out.merges = kept;
    }
  }
  return out;
}
