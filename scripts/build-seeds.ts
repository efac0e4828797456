/**
 * Builds the seed workbooks in seeds/ from seeds/guangzhou-land-planning-2024.json:
 *   - guangzhou-land-planning-2024.xlsx             the published layout, as the PDF prints it
 *   - guangzhou-land-planning-2024-structured.xlsx  the same data, one row per indicator
 *   - broken/*.xlsx                                  copies with ONE defect each
 *   - variants.json                                  what each broken file must produce (rule + cell)
 *
 * Run: `npx tsx scripts/build-seeds.ts [outDir]` (default: seeds/ next to this script), or `npm run seeds`.
 * Rebuilds are reproducible in cell values and metadata dates (zip timestamps still differ).
 *
 * The expected findings in VARIANTS are written by hand from the cell addresses this builder produces
 * (published: header row 3, 合计 row 4, unit row 5, projects rows 6–10, columns A..G;
 *  structured: header row 3, 合计 row 4, unit row 5, projects P1 6–9, P2 10–13, P3 14–17, P4 18–21,
 *  P5 22–25, columns A..K). tests/seeds/seeds.test.ts checks that the cells a variant names really changed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import seedJson from "../seeds/guangzhou-land-planning-2024.json";
import { parseIndicators } from "../src/core/grammar";

// ---------------------------------------------------------------------------------------------
// Seed data
// ---------------------------------------------------------------------------------------------

export type AmountField = "total" | "fiscal" | "specialAccount" | "other";
export type PublishedColumn = "name" | AmountField | "goal" | "indicators";

export interface SeedRow {
  level: "total" | "unit" | "project";
  name: string;
  total: number | null;
  fiscal: number | null;
  specialAccount: number | null;
  other: number | null;
  goal: string;
  indicators: string;
}
export interface Seed {
  title: string;
  unitLine: string;
  columns: string[];
  rows: SeedRow[];
}
export const SEED: Seed = seedJson as Seed;

/** An amount cell as written: a number, a text string, an Excel error value, or blank. */
export type AmountCell = number | string | { error: string } | null;

export interface SheetRow {
  level: SeedRow["level"];
  /** Name as written in the cell (projects keep their four leading spaces). */
  name: string;
  amounts: Record<AmountField, AmountCell>;
  goal: string;
  indicators: string;
}

export const AMOUNT_FIELDS: readonly AmountField[] = ["total", "fiscal", "specialAccount", "other"];
export const PUBLISHED_ORDER: readonly PublishedColumn[] = [
  "name", "total", "fiscal", "specialAccount", "other", "goal", "indicators",
];
const LABEL: Record<PublishedColumn, string> = {
  name: "项目名称（资金使用单位）",
  total: "总计",
  fiscal: "财政拨款",
  specialAccount: "财政专户拨款",
  other: "其他资金",
  goal: "绩效目标",
  indicators: "绩效指标",
};
export const STRUCTURED_HEADER = [
  "项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标",
  "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值",
];
export const PROJECT_INDENT = "    ";

/** The seed's rows as the published sheet writes them. */
export function seedRows(): SheetRow[] {
  return SEED.rows.map((r) => ({
    level: r.level,
    name: r.level === "project" ? PROJECT_INDENT + r.name : r.name,
    amounts: { total: r.total, fiscal: r.fiscal, specialAccount: r.specialAccount, other: r.other },
    goal: r.goal,
    indicators: r.indicators,
  }));
}

// ---------------------------------------------------------------------------------------------
// Indicator text → structured rows
// ---------------------------------------------------------------------------------------------

/** [一级, 二级, 三级, 实施周期指标值, 年度指标值] as written in the text. */
export type IndicatorRow = [string, string, string, string, string];

/** A small split for the seed's canonical text (full-width 、；。, `label:value`). */
export function splitCanonical(text: string): IndicatorRow[] {
  const out: IndicatorRow[] = [];
  for (const item of text.split("。")) {
    if (item.trim() === "") continue;
    const parts = item.replace(/^\s*\d+、/, "").split("；");
    if (parts.length !== 5) throw new Error(`not a canonical item (${parts.length} parts): ${item}`);
    const value = (p: string): string => p.slice(p.indexOf(":") + 1).trim();
    out.push([parts[0].trim(), parts[1].trim(), parts[2].trim(), value(parts[3]), value(parts[4])]);
  }
  return out;
}

/**
 * Indicator rows of a 绩效指标 cell, parsed with the engine's grammar (`parseIndicators`) and checked
 * against the canonical split: the builder refuses to write a seed the two disagree on.
 */
export function indicatorRows(text: string): IndicatorRow[] {
  const own = splitCanonical(text);
  const parsed: IndicatorRow[] = parseIndicators(text).map((ind) => [
    ind.l1?.raw.trim() ?? "",
    ind.l2?.raw.trim() ?? "",
    ind.name?.raw.trim() ?? "",
    ind.period?.raw.trim() ?? "",
    ind.annual?.raw.trim() ?? "",
  ]);
  if (JSON.stringify(parsed) !== JSON.stringify(own)) {
    throw new Error(`parseIndicators and the canonical split disagree:\n${JSON.stringify(parsed)}\n${JSON.stringify(own)}`);
  }
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

const FIXED_DATE = new Date(Date.UTC(2024, 0, 15, 0, 0, 0));
const FONT = { name: "宋体", size: 10 };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const WIDTH: Record<PublishedColumn, number> = {
  name: 34, total: 11, fiscal: 11, specialAccount: 12, other: 10, goal: 48, indicators: 72,
};

/** An empty workbook with fixed metadata, so that a rebuild gives the same bytes. */
export function newWorkbook(creator = "jixiao build-seeds"): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  wb.lastModifiedBy = creator;
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

/** Display width in Excel column units (a CJK character counts as two). */
function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return w;
}

/** Row height fitting wrapped texts (Excel does not auto-fit heights of files it did not lay out). */
function fitHeight(texts: { text: string; width: number }[]): number {
  let lines = 1;
  for (const { text, width } of texts) {
    let n = 0;
    for (const para of text.split("\n")) n += Math.max(1, Math.ceil(displayWidth(para) / Math.max(1, width - 1)));
    lines = Math.max(lines, n);
  }
  return Math.min(409, lines * 13.5 + 4);
}

function setAmount(cell: ExcelJS.Cell, v: AmountCell): void {
  if (v === null) {
    cell.value = null;
  } else if (typeof v === "number") {
    cell.value = v;
    cell.numFmt = "0.00";
  } else if (typeof v === "string") {
    cell.value = v;
    cell.numFmt = "@";
  } else {
    cell.value = { error: v.error } as ExcelJS.CellErrorValue;
  }
  cell.alignment = { horizontal: "right", vertical: "middle" };
}

function styleHeader(cell: ExcelJS.Cell): void {
  cell.font = { ...FONT, bold: true };
  cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  cell.border = THIN;
}

function titleAndUnitLine(ws: ExcelJS.Worksheet, firstRow: number, lastCol: number): void {
  ws.mergeCells(firstRow, 1, firstRow, lastCol);
  const t = ws.getCell(firstRow, 1);
  t.value = SEED.title;
  t.font = { ...FONT, size: 14, bold: true };
  t.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(firstRow).height = 28;
  ws.mergeCells(firstRow + 1, 1, firstRow + 1, lastCol);
  const u = ws.getCell(firstRow + 1, 1);
  u.value = SEED.unitLine;
  u.font = FONT;
  u.alignment = { horizontal: "left", vertical: "middle" };
}

export interface PublishedOptions {
  /** Column order (default the seed's). */
  order?: readonly PublishedColumn[];
  /** Rows written above the title (strings; "" = blank row). */
  preface?: string[];
  /** Header over two rows: 项目名称 etc. merged down, 资金来源 merged across the three sources. */
  twoRowHeader?: boolean;
  /** Excel indent level on project names (when the names carry no leading spaces). */
  excelIndent?: number;
}

/** The published layout: one row per 合计 / unit / project, all indicators of a project in one cell. */
export function renderPublished(rows: SheetRow[], opts: PublishedOptions = {}): ExcelJS.Workbook {
  const order = opts.order ?? PUBLISHED_ORDER;
  const wb = newWorkbook();
  const ws = wb.addWorksheet("绩效目标表");
  order.forEach((key, i) => (ws.getColumn(i + 1).width = WIDTH[key]));
  const colOf = (key: PublishedColumn): number => order.indexOf(key) + 1;

  const preface = opts.preface ?? [];
  preface.forEach((text, i) => {
    if (text !== "") {
      const c = ws.getCell(i + 1, 1);
      c.value = text;
      c.font = FONT;
    }
  });
  const titleRow = preface.length + 1;
  titleAndUnitLine(ws, titleRow, order.length);

  let headerRow = titleRow + 2;
  if (opts.twoRowHeader) {
    const sources: PublishedColumn[] = ["fiscal", "specialAccount", "other"];
    const srcCols = sources.map(colOf).sort((a, b) => a - b);
    if (srcCols[2] - srcCols[0] !== 2) throw new Error("two-row header needs the three sources side by side");
    for (const key of order) {
      const col = colOf(key);
      if (sources.includes(key)) {
        const c = ws.getCell(headerRow + 1, col);
        c.value = LABEL[key];
        styleHeader(c);
      } else {
        ws.mergeCells(headerRow, col, headerRow + 1, col);
        const c = ws.getCell(headerRow, col);
        c.value = LABEL[key];
        styleHeader(c);
      }
    }
    ws.mergeCells(headerRow, srcCols[0], headerRow, srcCols[2]);
    const g = ws.getCell(headerRow, srcCols[0]);
    g.value = "资金来源";
    styleHeader(g);
    ws.getRow(headerRow).height = 18;
    ws.getRow(headerRow + 1).height = 30;
    headerRow += 1;
  } else {
    order.forEach((key, i) => {
      const c = ws.getCell(headerRow, i + 1);
      c.value = LABEL[key];
      styleHeader(c);
    });
    ws.getRow(headerRow).height = 30;
  }

  rows.forEach((r, i) => {
    const rowNo = headerRow + 1 + i;
    const row = ws.getRow(rowNo);
    for (const key of order) {
      const c = row.getCell(colOf(key));
      c.font = FONT;
      c.border = THIN;
      if (key === "name") {
        c.value = r.name;
        c.alignment = {
          vertical: "middle",
          wrapText: true,
          ...(opts.excelIndent && r.level === "project" ? { indent: opts.excelIndent } : {}),
        };
        if (r.level !== "project") c.font = { ...FONT, bold: true };
      } else if (key === "goal" || key === "indicators") {
        const text = key === "goal" ? r.goal : r.indicators;
        c.value = text === "" ? null : text;
        c.alignment = { vertical: "top", wrapText: true };
      } else {
        setAmount(c, r.amounts[key]);
      }
    }
    row.height = fitHeight([
      { text: r.name, width: WIDTH.name },
      { text: r.goal, width: WIDTH.goal },
      { text: r.indicators, width: WIDTH.indicators },
    ]);
  });
  return wb;
}

export interface StructuredOptions {
  /** Repeat the project's cells on every indicator row instead of merging them. */
  repeatInsteadOfMerge?: boolean;
  /** Change one cell after rendering: [sheet row (1-based), column letter, new text]. */
  edits?: [number, string, string][];
}

const STRUCTURED_WIDTHS = [34, 11, 11, 12, 10, 40, 14, 18, 34, 14, 12];

/** The structured layout: one row per indicator, the project's cells merged down its rows. */
export function renderStructured(rows: SheetRow[], opts: StructuredOptions = {}): ExcelJS.Workbook {
  const wb = newWorkbook();
  const ws = wb.addWorksheet("绩效目标表");
  STRUCTURED_WIDTHS.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  titleAndUnitLine(ws, 1, STRUCTURED_HEADER.length);
  STRUCTURED_HEADER.forEach((label, i) => styleHeader(Object.assign(ws.getCell(3, i + 1), { value: label })));
  ws.getRow(3).height = 30;

  let rowNo = 4;
  for (const r of rows) {
    const items: IndicatorRow[] = r.level === "project" ? indicatorRows(r.indicators) : [];
    const span = Math.max(1, items.length);
    const first = rowNo;
    const last = rowNo + span - 1;
    for (let k = 0; k < span; k++) {
      const row = ws.getRow(rowNo + k);
      const repeat = k === 0 || opts.repeatInsteadOfMerge;
      for (let col = 1; col <= STRUCTURED_HEADER.length; col++) {
        const c = row.getCell(col);
        c.font = FONT;
        c.border = THIN;
        if (col === 1) {
          if (repeat) c.value = r.name;
          c.alignment = { vertical: "middle", wrapText: true };
          if (r.level !== "project") c.font = { ...FONT, bold: true };
        } else if (col <= 5) {
          if (repeat) setAmount(c, r.amounts[AMOUNT_FIELDS[col - 2]]);
          else c.numFmt = "0.00";
          c.alignment = { horizontal: "right", vertical: "middle" };
        } else if (col === 6) {
          if (repeat) c.value = r.goal === "" ? null : r.goal;
          c.alignment = { vertical: "middle", wrapText: true };
        } else {
          const item = items[k];
          if (item) c.value = item[col - 7];
          c.alignment = { vertical: "middle", wrapText: true, horizontal: col >= 10 ? "center" : undefined };
        }
      }
      // The merged goal spreads its lines over the project's rows.
      const goalLines = (fitHeight([{ text: r.goal, width: STRUCTURED_WIDTHS[5] }]) - 4) / (opts.repeatInsteadOfMerge ? 1 : span) + 4;
      row.height = Math.max(items[k] ? fitHeight([{ text: items[k][2], width: STRUCTURED_WIDTHS[8] }]) : 18, goalLines);
    }
    if (span > 1 && !opts.repeatInsteadOfMerge) {
      for (let col = 1; col <= 6; col++) ws.mergeCells(first, col, last, col);
    }
    rowNo = last + 1;
  }
  for (const [row, col, text] of opts.edits ?? []) {
    const c = ws.getCell(`${col}${row}`);
    if (typeof c.value !== "string") throw new Error(`structured edit ${col}${row}: no text there`);
    c.value = text;
  }
  return wb;
}

/** A workbook with no target table at all. */
export function renderUnrelated(): ExcelJS.Workbook {
  const wb = newWorkbook();
  const ws = wb.addWorksheet("说明");
  ws.getColumn(1).width = 8;
  ws.getColumn(2).width = 30;
  ws.getColumn(3).width = 60;
  const lines: [string, string, string][] = [
    ["序号", "事项", "说明"],
    ["1", "公开时间", "2024年2月"],
    ["2", "联系人", "办公室"],
    ["3", "联系电话", "020-00000000"],
    ["4", "备注", "本单位2024年部门预算公开材料目录，具体表格见其他文件。"],
  ];
  lines.forEach((line, i) =>
    line.forEach((v, j) => {
      const c = ws.getCell(i + 1, j + 1);
      c.value = v;
      c.font = i === 0 ? { ...FONT, bold: true } : FONT;
      c.border = THIN;
    }),
  );
  return wb;
}

// ---------------------------------------------------------------------------------------------
// Broken variants
// ---------------------------------------------------------------------------------------------

/** A finding a file must produce: rule id and the A1 address of the cell at fault (messageId when the rule names one). */
export interface Expected {
  ruleId: string;
  cell: string;
  messageId?: string;
  severity?: "error" | "warning" | "info";
}

export interface VariantEntry {
  file: string;
  /** Which clean seed it derives from. */
  base: "published" | "structured";
  defect: string;
  /** Findings the defect must produce (each matched by a distinct finding; duplicates mean two findings). */
  expect: Expected[] | "no-table";
  /** Findings the defect may produce besides `expect` (any number of times): rule choices the rules' briefs leave open. */
  mayAlso?: Expected[];
  /** Cells whose values differ from the base seed; every other cell is unchanged. Absent for layout variants. */
  changed?: string[];
  /** The base seed's own findings at this file's addresses, when the layout moved them. */
  baseline?: Expected[];
  notes?: string;
}

// Row numbers in the clean published sheet.
const P1 = 2; // index into seedRows(): 0 合计, 1 unit, 2..6 projects (sheet rows 6..10)
const P2 = 3;
const P4 = 5;

/** Replace exactly one occurrence (the builder fails loudly when a target text is missing or ambiguous). */
function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`replaceOnce: "${from}" must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function edit(rows: SheetRow[], index: number, field: "indicators" | "goal", from: string, to: string): SheetRow[] {
  rows[index][field] = replaceOnce(rows[index][field], from, to);
  return rows;
}

interface VariantDef {
  entry: VariantEntry;
  build: () => ExcelJS.Workbook;
}

const E = (ruleId: string, cell: string, messageId?: string, severity?: Expected["severity"]): Expected => ({
  ruleId,
  cell,
  ...(messageId ? { messageId } : {}),
  ...(severity ? { severity } : {}),
});

/** The clean published seed's own findings (by the rules' briefs). */
export const BASELINE_PUBLISHED: Expected[] = [
  E("JX203", "G7", "noSatisfaction", "warning"), // 耕地保护…: 产出 and 效益 only
  E("JX401", "G7"), // 00-专家评审通过率
  E("JX501", "G8"), // 250 / 40 without unit
  E("JX501", "G10"), // 50 / 50 without unit
];
export const BASELINE_STRUCTURED: Expected[] = [
  E("JX203", "A10", "noSatisfaction", "warning"),
  E("JX401", "I10"),
  E("JX501", "J16"),
  E("JX501", "J24"),
];

function published(
  file: string,
  defect: string,
  expect: Expected[],
  changed: string[],
  mutate: (rows: SheetRow[]) => SheetRow[],
  extra: Partial<VariantEntry> = {},
): VariantDef {
  return {
    entry: { file: `broken/${file}`, base: "published", defect, expect, ...extra, changed },
    build: () => renderPublished(mutate(seedRows())),
  };
}

const P4_ITEMS = SEED.rows[P4].indicators;

export const VARIANTS: VariantDef[] = [
  published(
    "total-off-by-0.01.xlsx",
    "项目“机构运行辅助经费”总计35.09，财政拨款35.08，差0.01；单位行也因此与项目合计不符。 / Project total 35.09 while 财政拨款 is 35.08 (off by 0.01); the unit row no longer equals the sum of its projects.",
    [E("JX101", "B6"), E("JX102", "B5")],
    ["B6"],
    (rows) => ((rows[P1].amounts.total = 35.09), rows),
    { notes: "Σ projects' 总计 = 333.82 ≠ unit 333.81 (JX102 on B5); 合计 = Σ units still holds (333.81)." },
  ),
  published(
    "unit-row-not-summing.xlsx",
    "单位行总计、财政拨款写成333.80，而项目合计333.81；合计行仍为333.81，因此与单位行也不符。 / Unit row 总计 and 财政拨款 are 333.80 while its projects sum to 333.81; 合计 left at 333.81, so it no longer equals the unit row either.",
    [E("JX102", "B5"), E("JX102", "C5"), E("JX102", "B4"), E("JX102", "C4")],
    ["B5", "C5"],
    (rows) => ((rows[1].amounts.total = 333.8), (rows[1].amounts.fiscal = 333.8), rows),
    { notes: "Unit row: 333.80 = 333.80 + 0 + 0, so no JX101. Both parents are wrong relative to their children, column by column." },
  ),
  published(
    "l2-under-wrong-l1.xlsx",
    "二级指标“22-社会效益”挂在一级“1-产出指标”下。 / 二级 22-社会效益 filed under 一级 1-产出指标.",
    [E("JX302", "G7")],
    ["G7"],
    (rows) => edit(rows, P2, "indicators", "3、2-效益指标；22-社会效益；提出政策优化建议", "3、1-产出指标；22-社会效益；提出政策优化建议"),
    { notes: "Item 3 of 耕地保护和国土空间规划经费; item 2 is still a 效益 indicator, so JX203 does not change." },
  ),
  published(
    "missing-annual-value.xlsx",
    "一个指标缺少“年度指标值”。 / One indicator lacks its 年度指标值.",
    [E("JX205", "G6")],
    ["G6"],
    (rows) => edit(rows, P1, "indicators", "补偿人员人数；实施周期指标值:6人；年度指标值:6人。", "补偿人员人数；实施周期指标值:6人。"),
  ),
  published(
    "numbering-gap.xlsx",
    "指标序号为1、2、4、5，缺3。 / Sequence numbers run 1, 2, 4, 5 (3 is missing).",
    [E("JX304", "G9"), E("JX304", "G9")],
    ["G9"],
    (rows) => {
      edit(rows, P4, "indicators", "4、2-效益指标", "5、2-效益指标");
      return edit(rows, P4, "indicators", "3、1-产出指标；12-质量指标", "4、1-产出指标；12-质量指标");
    },
    { notes: "One JX304 per wrong number: the 4 (expected 3) and the 5 (expected 4)." },
  ),
  published(
    "rate-above-100.xlsx",
    "比率指标“服务保障率”目标值写成≥120%，超过100%。 / The rate 服务保障率 has a target of ≥120%, above 100%.",
    [E("JX502", "G9", "over100", "error")],
    ["G9"],
    (rows) =>
      edit(rows, P4, "indicators", "服务保障率；实施周期指标值:≥90%；年度指标值:≥90%", "服务保障率；实施周期指标值:≥120%；年度指标值:≥120%"),
    { mayAlso: [E("JX502", "G9", "over100", "error")], notes: "Both values are 120%: one finding per value is allowed." },
  ),
  published(
    "amounts-as-text.xlsx",
    "项目“其他运行经费”的总计、财政拨款以文本“80.00”存储。 / The project's 总计 and 财政拨款 are stored as text \"80.00\".",
    [E("JX103", "B9", "textNumber", "warning"), E("JX103", "C9", "textNumber", "warning")],
    ["B9", "C9"],
    (rows) => ((rows[P4].amounts.total = "80.00"), (rows[P4].amounts.fiscal = "80.00"), rows),
    { notes: "The texts read as 80, so sums still hold when text-numbers are counted; number format is \"@\"." },
  ),
  published(
    "halfwidth-punctuation.xlsx",
    "同一单元格中混用半角分号“;”和全角冒号“：”。 / A half-width \";\" and a full-width \"：\" in one cell.",
    [E("JX403", "G9", "halfwidth", "info"), E("JX403", "G9", "colon", "info")],
    ["G9"],
    (rows) =>
      edit(rows, P4, "indicators", "服务事项数量；实施周期指标值:≥4项；年度指标值:≥4项", "服务事项数量;实施周期指标值:≥4项；年度指标值：≥4项"),
  ),
  {
    entry: {
      file: "broken/header-moved-down-merged.xlsx",
      base: "published",
      defect:
        "标题上方多出三行（附件标注与空行），表头占两行并合并单元格：项目名称等向下合并，“资金来源”横跨财政拨款/财政专户拨款/其他资金。 / Three extra rows above the title, and a two-row header with merged cells (资金来源 over the three sources).",
      expect: [],
      baseline: [E("JX203", "G11", "noSatisfaction", "warning"), E("JX401", "G11"), E("JX501", "G12"), E("JX501", "G14")],
      notes: "Not an error: the engine must find the header on rows 6–7; data rows move down by 4 (合计 row 8, projects rows 10–14).",
    },
    build: () => renderPublished(seedRows(), { preface: ["附件3", "", ""], twoRowHeader: true }),
  },
  {
    entry: {
      file: "broken/columns-reordered.xlsx",
      base: "published",
      defect:
        "列顺序不同：绩效指标在绩效目标之前，其他资金在财政拨款之前。 / Columns reordered: 绩效指标 before 绩效目标, 其他资金 before 财政拨款.",
      expect: [],
      baseline: [E("JX203", "F7", "noSatisfaction", "warning"), E("JX401", "F7"), E("JX501", "F8"), E("JX501", "F10")],
      notes: "Order: 项目名称 | 总计 | 其他资金 | 财政拨款 | 财政专户拨款 | 绩效指标 | 绩效目标. Columns are found by header text.",
    },
    build: () =>
      renderPublished(seedRows(), {
        order: ["name", "total", "other", "fiscal", "specialAccount", "indicators", "goal"],
      }),
  },
  published(
    "goal-missing.xlsx",
    "项目“其他运行经费”没有填写绩效目标。 / The project 其他运行经费 has no 绩效目标.",
    [E("JX201", "F9")],
    ["F9"],
    (rows) => ((rows[P4].goal = ""), rows),
  ),
  published(
    "no-satisfaction-and-no-effect.xlsx",
    "项目“其他运行经费”只有产出指标，没有效益指标和满意度指标。 / The project 其他运行经费 has only 产出 indicators: no 效益, no 满意度.",
    [E("JX203", "G9", "noEffect", "error"), E("JX203", "G9", "noSatisfaction", "warning")],
    ["G9"],
    (rows) => (
      (rows[P4].indicators =
        "1、1-产出指标；11-数量指标；服务事项数量；实施周期指标值:≥4项；年度指标值:≥4项。" +
        "2、1-产出指标；12-质量指标；服务保障率；实施周期指标值:≥90%；年度指标值:≥90%。" +
        "3、1-产出指标；13-时效指标；服务响应及时率；实施周期指标值:≥95%；年度指标值:≥95%。"),
      rows
    ),
    { notes: "Three indicators, so min-indicators (JX204) does not fire." },
  ),
  published(
    "code-name-mismatch.xlsx",
    "一级指标编码与名称不符：“2-产出指标”。 / 一级 code and name disagree: 2-产出指标.",
    [E("JX301", "G6")],
    ["G6"],
    (rows) => edit(rows, P1, "indicators", "3、1-产出指标；11-数量指标", "3、2-产出指标；11-数量指标"),
    {
      notes:
        "Code and name disagree, so JX302 decides by name (产出 → 11 belongs): no JX302. The project keeps 产出 (item 1) and 效益 (item 4) either way.",
    },
  ),
  published(
    "satisfaction-below-floor.xlsx",
    "满意度指标目标值≥70%，低于80%的下限。 / A 满意度 target of ≥70%, below the 80% floor.",
    [E("JX503", "G9")],
    ["G9"],
    (rows) =>
      edit(rows, P4, "indicators", "单位人员满意度；实施周期指标值:≥90%；年度指标值:≥90%", "单位人员满意度；实施周期指标值:≥70%；年度指标值:≥70%"),
    { mayAlso: [E("JX503", "G9")], notes: "Both values are 70%: one finding per value is allowed." },
  ),
  published(
    "negative-direction.xlsx",
    "反向指标“编外人员投诉次数”写成≥5次。 / The negative-direction indicator 编外人员投诉次数 is written ≥5次.",
    [E("JX504", "G6")],
    ["G6"],
    (rows) =>
      edit(
        rows,
        P1,
        "indicators",
        "编外人员劳动争议次数；实施周期指标值:0次；年度指标值:0次",
        "编外人员投诉次数；实施周期指标值:≥5次；年度指标值:≥5次",
      ),
    { mayAlso: [E("JX504", "G6")], notes: "Both values are ≥5次: one finding per value is allowed." },
  ),
  published(
    "pseudo-category.xlsx",
    "使用了不属于绩效目标表的伪类别“4-过程指标”。 / A pseudo-category 4-过程指标 that does not belong in a target table.",
    [E("JX303", "G9", "pseudo", "error")],
    ["G9"],
    (rows) => edit(rows, P4, "indicators", "3、1-产出指标；12-质量指标", "3、4-过程指标；12-质量指标"),
    {
      mayAlso: [E("JX302", "G9"), E("JX301", "G9")],
      notes: "12-质量指标 now sits under 过程指标: a rule may also call that a wrong parent. The project keeps 产出 via item 2.",
    },
  ),
  {
    entry: {
      file: "broken/no-target-table.xlsx",
      base: "published",
      defect: "工作簿中只有一张无关的说明表，没有绩效目标表。 / The workbook holds only an unrelated sheet, no target table.",
      expect: "no-table",
      notes: "Sheet 说明 with 序号 | 事项 | 说明; the engine must say it found no target table (naming the sheet).",
    },
    build: renderUnrelated,
  },
  {
    entry: {
      file: "broken/structured-l2-wrong.xlsx",
      base: "structured",
      defect:
        "明细格式中，“提出政策优化建议”的二级指标写成“11-数量指标”，而一级为“2-效益指标”。 / Structured layout: the 二级 of 提出政策优化建议 is 11-数量指标 under 一级 2-效益指标.",
      expect: [E("JX302", "H12")],
      changed: ["H12"],
      notes: "Row 12 is item 3 of 耕地保护和国土空间规划经费 (rows 10–13); column H is 二级指标.",
    },
    build: () => renderStructured(seedRows(), { edits: [[12, "H", "11-数量指标"]] }),
  },
  // ---- further defects real offices produce ----
  published(
    "three-decimals.xlsx",
    "金额写到三位小数（80.001万元）。 / Amounts with three decimals (80.001 万元).",
    [E("JX105", "B9"), E("JX105", "C9")],
    ["B9", "C9"],
    (rows) => ((rows[P4].amounts.total = 80.001), (rows[P4].amounts.fiscal = 80.001), rows),
    { notes: "Σ projects = 333.811: within the 0.005 tolerance of 333.81, so no JX102." },
  ),
  published(
    "amount-error-value.xlsx",
    "财政拨款单元格为错误值#REF!。 / 财政拨款 holds the error value #REF!.",
    [E("JX103", "C9", "errorValue", "error")],
    ["C9"],
    (rows) => ((rows[P4].amounts.fiscal = { error: "#REF!" }), rows),
    {
      mayAlso: [E("JX102", "C5")],
      notes: "JX101 skips the row (an amount is not a number). Whether the unit's 财政拨款 sum then differs is left to JX102.",
    },
  ),
  published(
    "lookalike-comparator.xlsx",
    "比较符写成“>=”而不是“≥”。 / Comparator written \">=\" instead of \"≥\".",
    [E("JX403", "G9", "comparator", "warning")],
    ["G9"],
    (rows) => edit(rows, P4, "indicators", "服务保障率；实施周期指标值:≥90%", "服务保障率；实施周期指标值:>=90%"),
  ),
  published(
    "placeholder-name.xlsx",
    "三级指标名称残留模板占位符“XX”。 / A template placeholder \"XX\" left in a 三级 name.",
    [E("JX402", "G9")],
    ["G9"],
    (rows) => edit(rows, P4, "indicators", "；服务事项数量；", "；XX事项数量；"),
  ),
  published(
    "indicators-missing.xlsx",
    "项目“其他运行经费”的绩效指标为空。 / The project 其他运行经费 has an empty 绩效指标 cell.",
    [E("JX202", "G9")],
    ["G9"],
    (rows) => ((rows[P4].indicators = ""), rows),
    { notes: "JX203/JX204 skip projects with no indicators (JX202 covers them)." },
  ),
  published(
    "cost-over-total.xlsx",
    "成本指标≤85万元，超过项目总计80.00万元。 / A cost indicator of ≤85万元 exceeds the project's 总计 of 80.00 万元.",
    [E("JX506", "G9")],
    ["G9"],
    (rows) => (
      (rows[P4].indicators =
        P4_ITEMS + "5、1-产出指标；14-成本指标；辅助服务成本；实施周期指标值:≤85万元；年度指标值:≤85万元。"),
      rows
    ),
    {
      mayAlso: [E("JX506", "G9"), E("JX303", "G9")],
      notes: "14-成本指标 is only 'likely' in the Guangzhou tree: a profile without it may also warn JX303.",
    },
  ),
  published(
    "date-serial.xlsx",
    "时效指标的值是Excel日期序列号45657（2024-12-31）。 / A 时效 value is the Excel date serial 45657 (2024-12-31).",
    [E("JX508", "G6", "dateSerial")],
    ["G6"],
    (rows) =>
      edit(
        rows,
        P1,
        "indicators",
        "补偿发放及时率；实施周期指标值:100%；年度指标值:100%",
        "补偿发放完成时间；实施周期指标值:45657；年度指标值:45657",
      ),
    { mayAlso: [E("JX508", "G6", "dateSerial"), E("JX501", "G6")], notes: "A unitless number: JX501 may fire too." },
  ),
  published(
    "pdf-line-breaks.xlsx",
    "绩效指标单元格保留PDF中的换行（“年\\n度指标值”“数量指\\n标”），不算错误。 / The 绩效指标 cell keeps the PDF's line breaks inside tokens: not an error.",
    [],
    ["G6"],
    (rows) => (
      (rows[P1].indicators =
        "1、1-产出指标；13-时效指标；补偿发放及时率；实施周期指标值:100%；年\n度指标值:100%。2、3-满意度指标；31-服务对象满意度；编外人员满意度；\n" +
        "实施周期指标值:≥80%；年度指标值:≥80%。3、1-产出指标；11-数量指\n标；补偿人员人数；实施周期指标值:6人；年度指标值:6人。4、2-效益指\n" +
        "标；22-社会效益；编外人员劳动争议次数；实施周期指标值:0次；年度指标\n值:0次。"),
      rows
    ),
    { notes: "Breaks exactly as in the PDF text; line-break notes produce no finding." },
  ),
  {
    entry: {
      file: "broken/excel-indent.xlsx",
      base: "published",
      defect:
        "项目名称不用前导空格，而用Excel缩进（缩进1级），不算错误。 / Project names indented with Excel's indent instead of leading spaces: not an error.",
      expect: [],
      changed: ["A6", "A7", "A8", "A9", "A10"],
      notes: "The project level must come from alignment.indent (GridInput.indents).",
    },
    build: () =>
      renderPublished(
        seedRows().map((r) => ({ ...r, name: r.name.trim() })),
        { excelIndent: 1 },
      ),
  },
  {
    entry: {
      file: "broken/structured-repeated-cells.xlsx",
      base: "structured",
      defect:
        "明细格式中项目名称、金额、绩效目标在每个指标行重复填写而不合并，不算错误（金额不得重复计算）。 / Structured layout with the project's cells repeated on every indicator row instead of merged: not an error (amounts must not be counted twice).",
      expect: [],
      notes: "Same values as the structured seed (exceljs reports merged copies with the master's value); no merges below the header.",
    },
    build: () => renderStructured(seedRows(), { repeatInsteadOfMerge: true }),
  },
];

// ---------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------

export const PUBLISHED_FILE = "guangzhou-land-planning-2024.xlsx";
export const STRUCTURED_FILE = "guangzhou-land-planning-2024-structured.xlsx";

export interface Manifest {
  $comment: string;
  clean: { file: string; layout: "published" | "structured"; expect: Expected[] }[];
  variants: VariantEntry[];
}

export function manifest(): Manifest {
  return {
    $comment:
      "Seed variants and the findings each must produce. A finding matches an entry when ruleId and cell (and messageId/severity when given) agree; " +
      "each entry needs its own finding. A variant's findings should be: expect + its baseline (variant.baseline, else the clean entry of its base) " +
      "+ any number of mayAlso. expect \"no-table\": the engine must report that no target table was found. See README.md.",
    clean: [
      { file: PUBLISHED_FILE, layout: "published", expect: BASELINE_PUBLISHED },
      { file: STRUCTURED_FILE, layout: "structured", expect: BASELINE_STRUCTURED },
    ],
    variants: VARIANTS.map((v) => v.entry),
  };
}

/** Writes every seed workbook and variants.json into `outDir`; returns the relative paths written. */
export async function buildSeeds(outDir: string): Promise<string[]> {
  mkdirSync(join(outDir, "broken"), { recursive: true });
  const written: string[] = [];
  const write = async (file: string, wb: ExcelJS.Workbook): Promise<void> => {
    await wb.xlsx.writeFile(join(outDir, file));
    written.push(file);
  };
  await write(PUBLISHED_FILE, renderPublished(seedRows()));
  await write(STRUCTURED_FILE, renderStructured(seedRows()));
  for (const v of VARIANTS) await write(v.entry.file, v.build());
  writeFileSync(join(outDir, "variants.json"), JSON.stringify(manifest(), null, 2) + "\n", "utf8");
  written.push("variants.json");
  return written;
}

if (require.main === module) {
  const outDir = resolve(process.argv[2] ?? join(__dirname, "..", "seeds"));
  buildSeeds(outDir).then(
    (files) => console.log(`wrote ${files.length} files to ${outDir}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
