/**
 * Layout conversion: the table of one sheet written in the other layout on a new sheet (the source is never
 * changed), so offices can move between the declaration form (structured, one row per indicator) and the
 * publication form (published, all indicators of a project in one 绩效指标 cell).
 *
 * The new sheet: the title (row 1) and the unit line (row 2), each merged across the table; the header
 * (row 3); then the 合计, unit and project rows in the source's order, with their amounts copied as they are
 * (numbers stay numbers, with their number format) and the goal. Project names keep their indentation as
 * leading spaces (four per level), which is how the model tells projects from units.
 *
 * - published → structured: one row per indicator (一级/二级/三级/实施周期指标值/年度指标值, in the grammar's
 *   canonical form), the project's name, amounts and goal merged down its rows. The items' numbers are not
 *   written (the structured layout has no 序号 column here; its rows are its order).
 * - structured → published: one row per project, its indicators written by `formatIndicator`, numbered with
 *   the source's 序号 when every indicator has one (a numbering running through the sheet restarts at 1 in
 *   each project), else 1…n.
 *
 * Indicators go through `toSpec`, so converting there and back gives the same indicators.
 */
import { a1 } from "./address";
import { isEmptyValue, shorten } from "./apply";
import type { EditPlan, NumberFormatEdit, PlanError } from "./edits";
import { formatIndicators, formatValue, toSpec } from "./grammar";
import type { IndicatorSpec } from "./grammar";
import { AMOUNT_KEYS } from "./types";
import type { AmountKey, CellEdit, CellValue, ColumnKey, GridInput, Layout, MergedArea, Project, Table, TableRow } from "./types";

const DEFAULT_LABELS: Record<string, string> = {
  name: "项目名称（资金使用单位）",
  total: "总计",
  fiscal: "财政拨款",
  specialAccount: "财政专户拨款",
  other: "其他资金",
  goal: "绩效目标",
  indicators: "绩效指标",
  l1: "一级指标",
  l2: "二级指标",
  l3: "三级指标",
  period: "实施周期指标值",
  annual: "年度指标值",
};

const PUBLISHED_COLUMNS: ColumnKey[] = ["name", "total", "fiscal", "specialAccount", "other", "goal", "indicators"];
const STRUCTURED_COLUMNS: ColumnKey[] = [
  "name", "total", "fiscal", "specialAccount", "other", "goal", "l1", "l2", "l3", "period", "annual",
];
/** Columns whose header label is taken from the source when it has them (e.g. 总计（万元）). */
const SHARED_COLUMNS: ReadonlySet<ColumnKey> = new Set<ColumnKey>(["name", "total", "fiscal", "specialAccount", "other", "goal"]);

const LAYOUT_NAMES: Record<Layout, { zh: string; en: string }> = {
  published: { zh: "发布格式", en: "published layout" },
  structured: { zh: "明细格式", en: "structured layout" },
};

/** Characters Excel refuses in a sheet name. */
const BAD_SHEET_CHARS_RE = /[\\/?*[\]:]/;

function badSheetName(table: Table, sheetName: string): PlanError | null {
  const reason =
    sheetName.trim() === "" ? { zh: "新工作表名称为空", en: "the new sheet's name is empty" }
    : sheetName.length > 31 ? { zh: `新工作表名称“${sheetName}”超过 31 个字符`, en: `the new sheet's name "${sheetName}" is longer than 31 characters` }
    : BAD_SHEET_CHARS_RE.test(sheetName) || sheetName.startsWith("'") || sheetName.endsWith("'")
      ? { zh: `新工作表名称“${sheetName}”含有 Excel 不允许的字符（\\ / ? * [ ] : 或首尾的 '）`, en: `the new sheet's name "${sheetName}" holds a character Excel does not allow (\\ / ? * [ ] :, or ' first or last)` }
    : sheetName.toLowerCase() === table.sheet.toLowerCase()
      ? { zh: `新工作表名称与源工作表“${table.sheet}”相同`, en: `the new sheet's name is the source sheet's, "${table.sheet}"` }
    : null;
  if (!reason) return null;
  return { error: "badSpec", message: `无法转换工作表“${table.sheet}”：${reason.zh}`, messageEn: `Cannot convert sheet "${table.sheet}": ${reason.en}` };
}

/** The specs of a structured project's indicators, numbered for the published layout. */
function numberedSpecs(project: Project, before: number): IndicatorSpec[] {
  const inds = project.indicators;
  const specs = inds.map(toSpec);
  const all = inds.length > 0 && inds.every((i) => i.seq !== null);
  if (!all) return specs.map((s, i) => ({ ...s, seq: i + 1 }));
  // A numbering running through the sheet (the second project starting at 5…) restarts in each project.
  const firstSeq = inds[0].seq as number;
  const base = before > 0 && firstSeq === before + 1 ? before : 0;
  return specs.map((s) => ({ ...s, seq: s.seq - base }));
}

class SheetWriter {
  readonly edits: CellEdit[] = [];
  readonly merges: MergedArea[] = [];
  readonly numberFormats: NumberFormatEdit[] = [];
  readonly rows = new Map<number, Array<[number, CellValue]>>();

  put(row: number, col: number, value: CellValue, format?: string | null): void {
    if (isEmptyValue(value)) return;
    this.edits.push({ row, col, cell: a1({ row, col }), before: null, after: value });
    let r = this.rows.get(row);
    if (!r) this.rows.set(row, (r = []));
    r.push([col, value]);
    if (format) this.numberFormats.push({ row, col, format });
  }

  merge(area: MergedArea): void {
    if (area.bottom > area.top || area.right > area.left) this.merges.push(area);
  }

  preview(): string[] {
    return [...this.rows.keys()].sort((a, b) => a - b).map((row) => {
      const cells = this.rows.get(row)!.sort((x, y) => x[0] - y[0]);
      return `${row + 1}：${cells.map(([, v]) => shorten(String(v), 40)).join(" | ")}`;
    });
  }
}

/** `row.name` with its indentation as leading spaces, four per level. */
function indentedName(row: TableRow): string {
  return " ".repeat(4 * Math.max(0, row.indent)) + row.name;
}

function copyAmounts(w: SheetWriter, grid: GridInput, row: TableRow, r: number, colOf: Record<AmountKey, number>): void {
  for (const key of AMOUNT_KEYS) {
    const amount = row.amounts[key];
    if (isEmptyValue(amount.raw)) continue;
    const format = grid.numberFormats?.[amount.cell.row - (grid.origin?.row ?? 0)]?.[amount.cell.col - (grid.origin?.col ?? 0)];
    w.put(r, colOf[key], amount.raw, format);
  }
}

/**
 * Plan writing `table` (read from `grid`) in the layout `to` on a new sheet named `sheetName`
 * (`createSheet`: every `before` is null; a host refuses a name already taken).
 */
export function planConversion(table: Table, grid: GridInput, to: Layout, sheetName: string): EditPlan | PlanError {
  if (to === table.layout) {
    return {
      error: "badSpec",
      message: `工作表“${table.sheet}”已经是${LAYOUT_NAMES[to].zh}`,
      messageEn: `Sheet "${table.sheet}" is already in the ${LAYOUT_NAMES[to].en}`,
    };
  }
  const bad = badSheetName(table, sheetName);
  if (bad) return bad;
  const columns = to === "structured" ? STRUCTURED_COLUMNS : PUBLISHED_COLUMNS;
  const col = {} as Record<ColumnKey, number>;
  columns.forEach((k, i) => (col[k] = i));
  const last = columns.length - 1;
  const w = new SheetWriter();

  if (table.title) {
    w.put(0, 0, table.title);
    w.merge({ top: 0, left: 0, bottom: 0, right: last });
  }
  if (table.unitLine) {
    w.put(1, 0, table.unitLine);
    w.merge({ top: 1, left: 0, bottom: 1, right: last });
  }
  const headerRow = 2;
  columns.forEach((k, i) => {
    const label = SHARED_COLUMNS.has(k) ? table.header.labels[k] ?? DEFAULT_LABELS[k] : DEFAULT_LABELS[k];
    w.put(headerRow, i, label);
  });

  let r = headerRow + 1;
  let indicatorsBefore = 0;
  for (const row of table.rows) {
    w.put(r, col.name, indentedName(row));
    copyAmounts(w, grid, row, r, col);
    if (row.level !== "project") {
      r++;
      continue;
    }
    const p = row as Project;
    if (p.goal) w.put(r, col.goal, p.goal.raw);
    if (to === "structured") {
      const n = Math.max(1, p.indicators.length);
      p.indicators.forEach((ind, i) => {
        const s = toSpec(ind);
        const cat = (c: { code: string | null; name: string }): string => (c.code ? `${c.code}-${c.name}` : c.name);
        w.put(r + i, col.l1, cat(s.l1));
        w.put(r + i, col.l2, cat(s.l2));
        w.put(r + i, col.l3, s.name);
        w.put(r + i, col.period, formatValue(s.period));
        w.put(r + i, col.annual, formatValue(s.annual));
      });
      if (n > 1) {
        for (const k of ["name", "total", "fiscal", "specialAccount", "other", "goal"] as const) {
          w.merge({ top: r, left: col[k], bottom: r + n - 1, right: col[k] });
        }
      }
      r += n;
    } else {
      if (p.indicators.length > 0) w.put(r, col.indicators, formatIndicators(numberedSpecs(p, indicatorsBefore)));
      r++;
    }
    indicatorsBefore += p.indicators.length;
  }

  const plan: EditPlan = {
    kind: "convert",
    sheet: sheetName,
    label: {
      zh: `将“${table.sheet}”转换为${LAYOUT_NAMES[to].zh}，写入新工作表“${sheetName}”`,
      en: `Convert "${table.sheet}" to the ${LAYOUT_NAMES[to].en} on a new sheet "${sheetName}"`,
    },
    edits: w.edits,
    preview: w.preview(),
    createSheet: true,
  };
  if (w.merges.length > 0) plan.merges = w.merges;
  if (w.numberFormats.length > 0) plan.numberFormats = w.numberFormats;
  return plan;
}

/** Suffix of the sheet a conversion writes, by target layout. */
export const CONVERSION_SUFFIX: Record<Layout, string> = { structured: "（明细）", published: "（发布）" };

/**
 * A free name for the sheet a conversion of `source` writes: 绩效目标表（明细）, then 绩效目标表（明细） (2), …
 * Characters Excel forbids in sheet names become "_", Excel's 31-character limit is kept, and `taken` is
 * compared without case, as Excel does. Every host (add-in, command line, test hosts) names it the same way.
 */
export function conversionSheetName(source: string, to: Layout, taken: Iterable<string>): string {
  const clean = (t: string) => t.replace(/[\\/?*[\]:]/g, "_");
  const base = clean(source).replace(/^'+|'+$/g, "") || "Sheet";
  const tail = CONVERSION_SUFFIX[to];
  const used = new Set<string>();
  for (const n of taken) used.add(n.toLowerCase());
  const make = (extra: string) => base.slice(0, Math.max(1, 31 - tail.length - extra.length)) + tail + extra;
  let name = make("");
  for (let k = 2; used.has(name.toLowerCase()); k++) name = make(` (${k})`);
  return name;
}
