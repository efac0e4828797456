/**
 * Planning the insertion of indicators into a project, in both layouts (issue 4's picker).
 *
 * - Published layout: the new items are appended to the project's 绩效指标 cell, numbered after the project's
 *   last number; the cell's text is kept byte for byte (a line break goes first when the text ends neither
 *   with 。 nor with a line break).
 * - Structured layout: one new sheet row per indicator after the project's last row, filling the 序号 (when it
 *   numbers indicators), 一级/二级/三级, value (实施周期指标值 / 年度指标值, or 指标值 with its 指标方向 and 计量单位
 *   columns) and 指标解释 columns; the project's merged cells are extended over the new rows (a project whose
 *   cells repeat on every row instead gets them repeated).
 *
 * Pure and host-free: the plan is data (./edits) that a host applies in one write.
 */
import { a1 } from "./address";
import { checkPlanOnGrid, cellValueAt, isEmptyValue, mergeAt, sameValue, shorten } from "./apply";
import type { EditPlan, PlanError } from "./edits";
import { formatIndicator, formatNumber, parseValue } from "./grammar";
import type { IndicatorSpec, ValueSpec } from "./grammar";
import type { CellEdit, CellValue, ColumnKey, GridInput, MergedArea, Project, Table } from "./types";

/** An indicator to insert: the grammar's spec (its `seq` is ignored) and, for a 指标解释 column, an explanation. */
export interface InsertSpec extends IndicatorSpec {
  explanation?: string | null;
}

/** The project whose rows [row, lastRow] hold the sheet row, or null (header, 合计 or unit row, outside the table). */
export function projectAt(table: Table, row: number): Project | null {
  for (const p of table.projects) if (row >= p.row && row <= p.lastRow) return p;
  return null;
}

/** The number the next indicator of a project gets: one more than its highest number or its count. */
export function nextSequence(project: Project): number {
  let max = project.indicators.length;
  for (const ind of project.indicators) if (ind.seq !== null && ind.seq > max) max = ind.seq;
  return max + 1;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

function noProject(table: Table, row: number): PlanError {
  const cell = a1({ row, col: table.header.columns.name ?? 0 });
  return {
    error: "noProject",
    cell,
    message: `工作表“${table.sheet}”第 ${row + 1} 行（${cell}）不在任何项目内：请先选中要插入指标的项目所在的单元格`,
    messageEn: `Row ${row + 1} (${cell}) of sheet "${table.sheet}" is not inside a project: select a cell of the project to insert into first`,
  };
}

function noIndicatorColumn(table: Table): PlanError {
  const cell = a1({ row: table.header.firstRow, col: table.header.columns.name ?? 0 });
  const what = table.layout === "published" ? "绩效指标" : "三级指标";
  return {
    error: "noIndicatorColumn",
    cell,
    message: `工作表“${table.sheet}”的表头（第 ${table.header.firstRow + 1} 行）没有“${what}”列：无法插入指标`,
    messageEn: `The header of sheet "${table.sheet}" (row ${table.header.firstRow + 1}) has no "${what}" column: indicators cannot be inserted`,
  };
}

function notEmpty(sheet: string, row: number, col: number, value: CellValue, why: { zh: string; en: string }): PlanError {
  const cell = a1({ row, col });
  return {
    error: "notEmpty",
    cell,
    message: `工作表“${sheet}”的 ${cell} 不是空单元格（“${shorten(String(value), 20)}”）：${why.zh}`,
    messageEn: `Cell ${cell} of sheet "${sheet}" is not empty ("${shorten(String(value), 20)}"): ${why.en}`,
  };
}

function badSpec(sheet: string, cell: string | undefined, zh: string, en: string): PlanError {
  return { error: "badSpec", cell, message: `工作表“${sheet}”：${zh}`, messageEn: `Sheet "${sheet}": ${en}` };
}

/** Characters that would cut an item of the published grammar apart. */
const ITEM_BREAKERS_RE = /[；;。\r\n\v\f\u0085\u2028\u2029]/;

/** Control characters (C0 but tab, DEL, C1) and lone surrogates: invisible, and not valid in a workbook's XML. */
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const UNWRITABLE_RE = /[\u0000-\u0008\u000B\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The most characters an Excel cell holds. */
export const EXCEL_CELL_MAX_CHARS = 32_767;

function checkSpecs(table: Table, project: Project, specs: readonly InsertSpec[]): PlanError | null {
  const cell = a1(project.nameCell);
  if (specs.length === 0) return badSpec(table.sheet, cell, "没有要插入的指标", "no indicator to insert");
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i];
    const n = i + 1;
    if (!s || typeof s.name !== "string" || s.name.trim() === "") {
      return badSpec(table.sheet, cell, `第 ${n} 个要插入的指标没有三级指标名称`, `indicator ${n} to insert has no level-3 name`);
    }
    const fields: Array<[string, string, string | null | undefined]> = [
      ["一级指标", "level 1", s.l1?.name],
      ["二级指标", "level 2", s.l2?.name],
      ["三级指标", "level 3", s.name],
      ["实施周期指标值", "period value", valueText(s.period)],
      ["年度指标值", "annual value", valueText(s.annual)],
    ];
    if (!s.l1 || !s.l2 || s.l1.name.trim() === "" || s.l2.name.trim() === "") {
      return badSpec(table.sheet, cell, `指标“${s.name}”缺少一级或二级指标`, `indicator "${s.name}" lacks its level-1 or level-2 category`);
    }
    for (const [zh, en, text] of fields) {
      if (text && UNWRITABLE_RE.test(text)) {
        return badSpec(
          table.sheet, cell,
          `指标“${s.name}”的${zh}含有控制字符或残缺的字符（U+${hexOf(text)}），不能写入单元格`,
          `the ${en} of indicator "${s.name}" holds a control or broken character (U+${hexOf(text)}) that cannot be written to a cell`,
        );
      }
      if (text && ITEM_BREAKERS_RE.test(text)) {
        return badSpec(
          table.sheet, cell,
          `指标“${s.name}”的${zh}含有分隔符（；。或换行），会把指标拆开`,
          `the ${en} of indicator "${s.name}" holds a separator (；, 。 or a line break) that would split the item`,
        );
      }
    }
  }
  return null;
}

function hexOf(text: string): string {
  const m = UNWRITABLE_RE.exec(text);
  return (m ? m[0].charCodeAt(0) : 0).toString(16).toUpperCase().padStart(4, "0");
}

function valueText(v: ValueSpec | null | undefined): string {
  if (!v) return "";
  const cmp = v.comparator ?? "";
  if (v.number != null) return cmp + formatNumber(v.number) + (v.unit ?? "");
  if (v.text != null) return cmp + v.text;
  return cmp + (v.unit ?? "");
}

function categoryText(c: { code: string | null; name: string }): string {
  return c.code !== null && c.code !== "" ? `${c.code}-${c.name}` : c.name;
}

// ---------------------------------------------------------------------------------------------
// Published layout
// ---------------------------------------------------------------------------------------------

const ENDS_LINE_RE = /[\r\n\u2028\u2029]$/;
/** The cell's last visible character ends an item (。；; or the half-width . the grammar also takes as an end). */
const ENDS_ITEM_RE = /[。；;.．][\s\u3000]*$/;

/**
 * What goes between the cell's text and the new items. A line break alone does not end an item: the grammar reads
 * across line breaks (PDF cells break anywhere), so `…年度指标值:6` + `\n2、…` would read as `…62、…`. A text whose
 * last item is not closed gets a `。` first.
 */
export function publishedSeparator(text: string): string {
  if (text.trim() === "") return text.length > 0 && !ENDS_LINE_RE.test(text) ? "\n" : "";
  if (ENDS_ITEM_RE.test(text)) return ENDS_LINE_RE.test(text) || text.endsWith("。") ? "" : "\n";
  return "。\n";
}

function planPublished(table: Table, grid: GridInput, project: Project, specs: readonly InsertSpec[]): EditPlan | PlanError {
  const col = table.header.columns.indicators;
  if (col === undefined) return noIndicatorColumn(table);
  const row = project.row;
  const cell = a1({ row, col });
  const area = mergeAt(grid, row, col);
  if (area && (area.top !== row || area.left !== col)) {
    const master = cellValueAt(grid, area.top, area.left);
    return notEmpty(grid.sheet, area.top, area.left, master, {
      zh: `${cell} 属于以它开头的合并单元格，无法写入`,
      en: `${cell} is part of the merged area it starts, and cannot be written`,
    });
  }
  const current = cellValueAt(grid, row, col);
  if (!isEmptyValue(current) && typeof current !== "string") {
    return notEmpty(grid.sheet, row, col, current, {
      zh: "绩效指标单元格里不是文字，不能在其后追加指标",
      en: "the 绩效指标 cell does not hold text, so indicators cannot be appended to it",
    });
  }
  const text = typeof current === "string" ? current : "";
  if (project.indicatorsCell && project.indicatorsCell.raw !== text) {
    return {
      error: "stale",
      cell,
      message: `工作表“${grid.sheet}”的 ${cell} 与读取时不同：请重新检查后再插入`,
      messageEn: `Cell ${cell} of sheet "${grid.sheet}" differs from what was read: check the sheet again before inserting`,
    };
  }
  const first = nextSequence(project);
  const segments = specs.map((s, i) => formatIndicator({ ...s, seq: first + i }));
  const sep = publishedSeparator(text);
  const after = text + sep + segments.join("");
  if (after.length > EXCEL_CELL_MAX_CHARS) {
    return badSpec(
      grid.sheet, cell,
      `${cell} 插入后将有 ${after.length.toLocaleString("en-US")} 个字符，超过 Excel 单元格的 32,767 个字符上限`,
      `${cell} would hold ${after.length.toLocaleString("en-US")} characters, more than an Excel cell's 32,767`,
    );
  }
  const edit: CellEdit = { row, col, cell, before: current === undefined ? null : current, after };
  return {
    kind: "insert",
    sheet: table.sheet,
    label: labelOf(project, specs.length),
    edits: [edit],
    preview: segments,
  };
}

function labelOf(project: Project, n: number): { zh: string; en: string } {
  return {
    zh: `在“${project.name}”插入 ${n} 个指标`,
    en: `Insert ${n} indicator${n === 1 ? "" : "s"} into "${project.name}"`,
  };
}

// ---------------------------------------------------------------------------------------------
// Structured layout
// ---------------------------------------------------------------------------------------------

/** Columns of a structured table that describe the project (merged down, or repeated on, its rows). */
function projectColumns(table: Table): number[] {
  const cols = table.header.columns;
  const keys: ColumnKey[] = ["name", "total", "fiscal", "specialAccount", "other", "goal"];
  const out = keys.map((k) => cols[k]).filter((c): c is number => c !== undefined);
  // A 序号 column left of the name numbers projects.
  if (cols.seq !== undefined && cols.name !== undefined && cols.seq < cols.name) out.push(cols.seq);
  return out.sort((a, b) => a - b);
}

/** Does a comparator column of this sheet hold comparators (≥, 不低于…) rather than words such as 正向? */
function holdsComparators(grid: GridInput, table: Table, col: number): boolean {
  for (const p of table.projects) {
    for (let r = p.row; r <= p.lastRow; r++) {
      const v = cellValueAt(grid, r, col);
      if (typeof v !== "string" || v.trim() === "") continue;
      const t = v.trim();
      const parsed = parseValue(t + "1", { row: r, col });
      if (parsed.comparator === null || parsed.comparatorRaw !== t) return false;
    }
  }
  return true;
}

interface ValueColumns {
  period?: number;
  annual?: number;
  value?: number;
  comparator?: number;
  unit?: number;
}

/** The cells of one row's values: the value columns, and the comparator and unit columns when the sheet has them. */
function valueCells(cols: ValueColumns, spec: InsertSpec): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  const pairs: Array<[number, ValueSpec]> = [];
  if (cols.period !== undefined) pairs.push([cols.period, spec.period]);
  if (cols.annual !== undefined) pairs.push([cols.annual, spec.annual]);
  if (cols.period === undefined && cols.annual === undefined && cols.value !== undefined) {
    // One 指标值 column: the year's value (the period's when the year has none).
    pairs.push([cols.value, isEmptySpec(spec.annual) ? spec.period : spec.annual]);
  }
  // The 指标方向 / 计量单位 cells are read onto every value of the row: use them only when every value written
  // is a number with the same comparator and unit; otherwise each value carries its own, inline.
  const filled = pairs.map((p) => p[1]).filter((v) => !isEmptySpec(v));
  const main = filled[0] ?? null;
  const uniform =
    main !== null && filled.every((v) => v.number != null && (v.comparator ?? null) === (main.comparator ?? null) && (v.unit ?? null) === (main.unit ?? null));
  const rowCmp = cols.comparator !== undefined && uniform ? main.comparator ?? null : null;
  const rowUnit = cols.unit !== undefined && uniform ? main.unit ?? null : null;
  for (const [col, v] of pairs) {
    if (isEmptySpec(v)) continue;
    const cmp = v.comparator != null && v.comparator !== rowCmp ? v.comparator : "";
    let body: string;
    if (v.number != null) body = formatNumber(v.number) + (v.unit !== null && v.unit !== rowUnit ? v.unit : "");
    else body = v.text ?? v.unit ?? "";
    out.push([col, cmp + body]);
  }
  if (rowCmp !== null && cols.comparator !== undefined) out.push([cols.comparator, rowCmp]);
  if (rowUnit !== null && rowUnit !== "" && cols.unit !== undefined) out.push([cols.unit, rowUnit]);
  return out;
}

function isEmptySpec(v: ValueSpec | null | undefined): boolean {
  return !v || (v.number == null && (v.text == null || v.text === "") && (v.unit == null || v.unit === "") && v.comparator == null);
}

function planStructured(table: Table, grid: GridInput, project: Project, specs: readonly InsertSpec[]): EditPlan | PlanError {
  const cols = table.header.columns;
  if (cols.l3 === undefined) return noIndicatorColumn(table);
  const count = specs.length;
  const at = project.lastRow + 1;
  const newLast = project.lastRow + count;
  const first = nextSequence(project);
  const seqCol = cols.seq !== undefined && cols.name !== undefined && cols.seq > cols.name ? cols.seq : undefined;
  // Numbers as the sheet writes them: the type of the project's (or the sheet's) existing 序号 cells.
  let seqAsText = false;
  if (seqCol !== undefined) {
    const existing = project.indicators.find((i) => i.seqPart !== null) ??
      table.projects.flatMap((p) => p.indicators).find((i) => i.seqPart !== null);
    if (existing?.seqPart) seqAsText = typeof cellValueAt(grid, existing.seqPart.cell.row, existing.seqPart.cell.col) === "string";
  }
  const valueCols: ValueColumns = {
    period: cols.period,
    annual: cols.annual,
    value: cols.value,
    comparator: cols.comparator !== undefined && holdsComparators(grid, table, cols.comparator) ? cols.comparator : undefined,
    unit: cols.unit,
  };

  // A merged area reaching across the insertion point would swallow the new rows (Excel grows a merge that rows
  // are inserted into), so their cells would be merged copies: refuse, naming it.
  const across = (grid.merges ?? []).find((m) => m.top <= project.lastRow && m.bottom > project.lastRow);
  if (across) {
    const area = `${a1({ row: across.top, col: across.left })}:${a1({ row: across.bottom, col: across.right })}`;
    return badSpec(
      table.sheet, a1({ row: across.top, col: across.left }),
      `合并区域 ${area} 跨过插入位置（第 ${at + 1} 行），新行会落进这个合并区域：请先取消合并再插入`,
      `the merged area ${area} reaches across the insertion point (row ${at + 1}), so the new rows would fall inside it: unmerge it first`,
    );
  }

  // Project columns: merged areas spanning exactly the project's rows grow over the new rows; columns whose
  // value is repeated on every row of the project (no merge) are repeated on the new rows.
  const pCols = projectColumns(table);
  const pColSet = new Set(pCols);
  const merges: MergedArea[] = [];
  for (const m of grid.merges ?? []) {
    if (m.top !== project.row || m.bottom !== project.lastRow) continue;
    let onlyProjectCols = true;
    for (let c = m.left; c <= m.right; c++) if (!pColSet.has(c)) onlyProjectCols = false;
    if (!onlyProjectCols) continue;
    merges.push({ ...m, bottom: newLast });
  }
  const repeated: Array<[number, CellValue]> = [];
  for (const c of pCols) {
    if (mergeAt(grid, project.row, c)) continue;
    const v = cellValueAt(grid, project.row, c);
    if (isEmptyValue(v) || project.lastRow === project.row) continue;
    let all = true;
    for (let r = project.row + 1; r <= project.lastRow && all; r++) all = sameValue(cellValueAt(grid, r, c), v);
    if (all) repeated.push([c, v]);
  }
  // A one-row project in a sheet that merges its projects' cells: merge this one's the same way.
  if (project.row === project.lastRow && merges.length === 0 && repeated.length === 0) {
    for (const c of mergedProjectColumns(table, grid, pCols)) {
      if (mergeAt(grid, project.row, c)) continue;
      merges.push({ top: project.row, left: c, bottom: newLast, right: c });
    }
  }

  const edits: CellEdit[] = [];
  const preview: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = specs[i];
    const row = at + i;
    const cells: Array<[number, CellValue]> = [];
    for (const [c, v] of repeated) cells.push([c, v]);
    if (seqCol !== undefined) cells.push([seqCol, seqAsText ? String(first + i) : first + i]);
    if (cols.l1 !== undefined) cells.push([cols.l1, categoryText(s.l1)]);
    if (cols.l2 !== undefined) cells.push([cols.l2, categoryText(s.l2)]);
    cells.push([cols.l3, s.name]);
    cells.push(...valueCells(valueCols, s));
    if (cols.explanation !== undefined && s.explanation) cells.push([cols.explanation, s.explanation]);
    cells.sort((x, y) => x[0] - y[0]);
    const shown: string[] = [];
    for (const [col, after] of cells) {
      if (isEmptyValue(after)) continue;
      edits.push({ row, col, cell: a1({ row, col }), before: null, after });
      shown.push(pColSet.has(col) ? shorten(String(after), 30) : String(after));
    }
    preview.push(shown.join(" | "));
  }
  const plan: EditPlan = {
    kind: "insert",
    sheet: table.sheet,
    label: labelOf(project, count),
    rowInsert: { at, count },
    edits,
    preview,
  };
  if (merges.length > 0) plan.merges = merges;
  return plan;
}

/** Project columns that the sheet merges down its multi-row projects (each such project merges them). */
function mergedProjectColumns(table: Table, grid: GridInput, pCols: number[]): number[] {
  const multi = table.projects.filter((p) => p.lastRow > p.row);
  if (multi.length === 0) return [];
  return pCols.filter((c) =>
    multi.every((p) => {
      const m = mergeAt(grid, p.row, c);
      return m !== null && m.top === p.row && m.bottom === p.lastRow && m.left === c && m.right === c;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/**
 * Plan inserting `specs` (in order; their `seq` is ignored: numbered from `nextSequence`) into the project
 * holding sheet row `projectRow`. `table` must be the model of `grid` (a fresh read).
 */
export function planInsertion(
  table: Table, grid: GridInput, projectRow: number, specs: readonly InsertSpec[],
): EditPlan | PlanError {
  const project = projectAt(table, projectRow);
  if (!project) return noProject(table, projectRow);
  const bad = checkSpecs(table, project, specs);
  if (bad) return bad;
  const plan = table.layout === "published"
    ? planPublished(table, grid, project, specs)
    : planStructured(table, grid, project, specs);
  if ("error" in plan) return plan;
  // Every cell written outside the new rows must hold what the plan read (the table is the grid's model).
  const conflict = checkPlanOnGrid(grid, plan);
  if (conflict) return conflict;
  return plan;
}
