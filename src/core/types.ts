/**
 * Shared types of the host-free engine.
 *
 * Coordinates: every row/col in this file is a 0-based *sheet* coordinate (row 0 = Excel row 1,
 * col 0 = column A), whatever part of the sheet the host read. `a1()` in `./address` turns a CellRef
 * into "B7". Spans are [start, end) offsets in UTF-16 code units into the cell's text as the host gave it.
 */

// ---------------------------------------------------------------------------------------------
// Host input
// ---------------------------------------------------------------------------------------------

/** A cell value as a host reports it. Error values (#REF!) arrive as strings. Dates as Date. */
export type CellValue = string | number | boolean | Date | null | undefined;

export interface CellRef {
  row: number;
  col: number;
}

/** A merged area, inclusive, in sheet coordinates. */
export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * What a host reads from one sheet. `values[r][c]` is the cell at sheet row `origin.row + r`,
 * column `origin.col + c`. Rows may be ragged; missing cells are blank.
 * For a merged area the host may repeat the master value in every cell or give it only in the
 * master cell: the engine treats both the same.
 */
export interface GridInput {
  sheet: string;
  values: CellValue[][];
  origin?: CellRef;
  merges?: MergedArea[];
  /** Excel indent level per cell (Range.format.indentLevel / exceljs alignment.indent), same shape as values. */
  indents?: (number | null | undefined)[][];
  /** Number format per cell, same shape as values ("@" = text). */
  numberFormats?: (string | null | undefined)[][];
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

export type Category = "total" | "structure" | "completeness" | "indicator" | "value";
export type Severity = "error" | "warning" | "info";
export type SeverityOrOff = Severity | "off";

export interface Span {
  start: number;
  end: number;
}

/**
 * A precise edit (markdownlint's fixInfo): replace `span` of the cell's current text with `replacement`.
 * `text` is the whole new cell text after this edit alone. `applyEdits` in `./fix` applies several.
 */
export interface Fix {
  cell: string;
  span: Span;
  replacement: string;
  text: string;
}

/** One cell written by an edit plan (see `./edits`). `before` is what the planner read; a host refuses to write when the cell no longer holds it. */
export interface CellEdit {
  row: number;
  col: number;
  /** A1 address of the cell (after any row insertion of the same plan). */
  cell: string;
  /** The cell's value when planned: null for an empty cell (and every cell of an inserted row). */
  before: CellValue;
  after: CellValue;
}

/**
 * A change the user must choose explicitly (ESLint's suggestions): never applied by 全部修复 or `--fix`.
 * E.g. "set 总计 to the sum" on a total mismatch, showing both numbers.
 */
export interface Suggestion {
  id: string;
  message: string;
  messageEn: string;
  edits: CellEdit[];
}

export interface Finding {
  ruleId: string;
  /** Readable alias of the rule (markdownlint style), e.g. "row-total-sum". */
  ruleName: string;
  /** Which of the rule's messages this is (key of `meta.messages`). */
  messageId: string;
  category: Category;
  severity: Severity;
  sheet: string;
  /** A1 address of the cell at fault. */
  cell: string;
  row: number;
  col: number;
  span?: Span;
  message: string;
  messageEn: string;
  /** Name of the project (or unit / 合计 row) the finding belongs to, when there is one. */
  project?: string;
  /** 0-based position of the indicator within its project, when the finding is about one. */
  indicator?: number;
  fix?: Fix;
  /** Explicit choices (not safe fixes), e.g. set 总计 to the sum. */
  suggestions?: Suggestion[];
}

// ---------------------------------------------------------------------------------------------
// Indicator grammar
// ---------------------------------------------------------------------------------------------

/** Canonical comparators. `null` on a value means none was written (read as "="). */
export type Comparator = "≥" | "≤" | "=" | ">" | "<";

/**
 * A piece of text located in the sheet: the cell it sits in and its span inside that cell's text.
 * The grammar's parts may compute `raw`, `cell` and `span` on demand (prototype getters; `span` is then
 * a fresh object on each read): read them, never assign them, and compare parts by value.
 */
export interface TextPart {
  /** Exactly the characters of the span, line breaks and all. */
  raw: string;
  cell: CellRef;
  span: Span;
}

/** 一级 or 二级 category as written: `1-产出指标`, `22-社会效益`, `产出指标`. */
export interface CategoryPart extends TextPart {
  /** Digits before the dash, or null when none. */
  code: string | null;
  /** Name after the dash, line breaks and surrounding spaces removed. */
  name: string;
}

/** The 三级 name. */
export interface NamePart extends TextPart {
  /** Name with line breaks and surrounding spaces removed, code prefix kept (rules flag it). */
  text: string;
  /** A code prefix such as "00-" in `00-专家评审通过率`, when present. */
  codePrefix: string | null;
}

export type ValueKind = "quantitative" | "qualitative" | "empty";

export interface IndicatorValue extends TextPart {
  kind: ValueKind;
  /** Canonical comparator, or null when none was written. */
  comparator: Comparator | null;
  /** The comparator as written (">=", "≧", "不低于"…), or null. */
  comparatorRaw: string | null;
  number: number | null;
  /** Digits as written ("99", "1346.0088"). */
  numberRaw: string | null;
  /** Unit as written after the number ("%", "人次", "万元"), or null. */
  unit: string | null;
  /** For qualitative values: the text (line breaks removed). */
  text: string | null;
}

/** What the tolerant parser had to forgive, so rules can report it precisely. */
export type GrammarNoteKind =
  | "halfwidth-punctuation" // ; or , or . where the canonical form has ；、。
  | "fullwidth-colon" // ： after 指标值 (canonical is half-width :)
  | "lookalike-comparator" // >=, ≧, ＝, 不低于 …
  | "line-break" // a line break inside a token
  | "missing-terminator" // no 。 at the end of the item
  | "missing-label" // value without 实施周期指标值/年度指标值 label
  | "extra-text" // unparsed text between items
  | "missing-seq"; // item without a sequence number

export interface GrammarNote {
  kind: GrammarNoteKind;
  span: Span;
  /** What the canonical text of this span would be, when there is one (e.g. "；" for ";"). */
  canonical?: string;
}

export interface Indicator {
  /** 0-based position within the project. */
  index: number;
  /** The whole item: in the published layout its span in the 绩效指标 cell; in the structured layout the 三级 cell (or first non-empty indicator cell) of its row. */
  whole: TextPart;
  seq: number | null;
  seqPart: TextPart | null;
  l1: CategoryPart | null;
  l2: CategoryPart | null;
  name: NamePart | null;
  period: IndicatorValue | null;
  annual: IndicatorValue | null;
  /** Read-only for consumers: the parser may share one frozen empty array among items without notes. */
  notes: GrammarNote[];
  /** Structured layout only: the sheet row of this indicator. */
  row?: number;
}

// ---------------------------------------------------------------------------------------------
// Table model
// ---------------------------------------------------------------------------------------------

export type Layout = "published" | "structured";

/** Columns the engine knows, found by header text. */
export type ColumnKey =
  | "name" // 项目名称（资金使用单位）
  | "total" // 总计
  | "fiscal" // 财政拨款
  | "specialAccount" // 财政专户拨款
  | "other" // 其他资金
  | "goal" // 绩效目标
  | "indicators" // 绩效指标 (published: all indicators in one cell)
  | "seq" // 序号
  | "l1" // 一级指标
  | "l2" // 二级指标
  | "l3" // 三级指标
  | "period" // 实施周期指标值
  | "annual" // 年度指标值
  | "comparator" // 指标性质 / 指标方向
  | "value" // 指标值 (when period/annual are not separate)
  | "unit" // 计量单位
  | "explanation" // 指标解释
  | "standard"; // 绩效标准

export type AmountKey = "total" | "fiscal" | "specialAccount" | "other";
export const AMOUNT_KEYS: readonly AmountKey[] = ["total", "fiscal", "specialAccount", "other"];

export interface HeaderInfo {
  /** First and last sheet rows of the header (two when merged over two rows). */
  firstRow: number;
  lastRow: number;
  /** Sheet column of each column found. */
  columns: Partial<Record<ColumnKey, number>>;
  /** Header text of each column found (line breaks removed). */
  labels: Partial<Record<ColumnKey, string>>;
}

export type AmountKind =
  | "number" // a numeric cell
  | "blank" // empty: counts as 0
  | "text-number" // text that reads as a number ("35.08", "1,234.00", "¥12", full-width digits)
  | "text" // text that is not a number
  | "error"; // #REF!, #VALUE!…

export interface Amount {
  kind: AmountKind;
  /** Numeric value (blank → null; text-number → parsed; text/error → null). */
  value: number | null;
  raw: CellValue;
  cell: CellRef;
}

export type RowLevel = "total" | "unit" | "project";

export interface TableRow {
  level: RowLevel;
  name: string;
  nameCell: CellRef;
  /** First sheet row of this element (for structured projects, the first indicator row). */
  row: number;
  /** Last sheet row (equal to `row` except for structured projects spanning several rows). */
  lastRow: number;
  /** Indent level (Excel indent, or leading spaces counted as levels) of the name cell. */
  indent: number;
  amounts: Record<AmountKey, Amount>;
  /** Units under 合计, projects under a unit. */
  children: TableRow[];
}

export interface Project extends TableRow {
  level: "project";
  /** Name of the unit row above it, when there is one. */
  unit: string | null;
  goal: TextPart | null;
  /** Published layout: the 绩效指标 cell (text may be empty). */
  indicatorsCell: TextPart | null;
  indicators: Indicator[];
}

export interface Table {
  sheet: string;
  layout: Layout;
  header: HeaderInfo;
  title: string | null;
  unitLine: string | null;
  /** Money unit from the unit line (单位：万元) or header; "万元" when not stated. */
  moneyUnit: string;
  /** The 合计 row, when present. */
  total: TableRow | null;
  units: TableRow[];
  projects: Project[];
  /** Every 合计 / 单位 / 项目 element in sheet order. */
  rows: TableRow[];
  /** Things the model could not make sense of (a row with no name, an unreadable header…). */
  problems: ModelProblem[];
}

export interface ModelProblem {
  cell: CellRef;
  message: string;
  messageEn: string;
}

// ---------------------------------------------------------------------------------------------
// Catalogue, profiles and options
// ---------------------------------------------------------------------------------------------

export interface Level2Def {
  code: string;
  /** Canonical name, e.g. "社会效益指标". */
  name: string;
  aliases: string[];
}

export interface Level1Def {
  code: string;
  name: string;
  aliases: string[];
  /** Role used by completeness rules. */
  role: "output" | "effect" | "satisfaction" | "cost";
  children: Level2Def[];
}

export interface Thresholds {
  /** Lowest acceptable 满意度 percentage. */
  satisfactionFloor: number;
  /** Fewer indicators than this per project is a warning. */
  minIndicators: number;
  /** Amount tolerance in the table's money unit (万元). */
  amountTolerance: number;
  /** Most decimals an amount may have. */
  maxDecimals: number;
}

export interface Profile {
  id: string;
  name: { zh: string; en: string };
  description: { zh: string; en: string };
  tree: Level1Def[];
  /** Category names that do not belong in a target table (制度指标, 过程指标, 决策…). */
  pseudoCategories: string[];
  thresholds: Thresholds;
  /** Per-rule severity overrides, keyed by rule id or name. */
  rules: Record<string, SeverityOrOff>;
}

export interface ValidateOptions {
  /** Profile id or a profile object; default the Guangzhou profile. */
  profile?: string | Profile;
  thresholds?: Partial<Thresholds>;
  rules?: Record<string, SeverityOrOff>;
}

/** What a rule receives besides the table. */
export interface RuleOptions {
  profile: Profile;
  thresholds: Thresholds;
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

export interface Message {
  zh: string;
  en: string;
}

export interface RuleMeta {
  /** Stable id, e.g. "JX101". */
  id: string;
  /** Readable alias, e.g. "row-total-sum". */
  name: string;
  category: Category;
  severity: Severity;
  description: Message;
  /** Message templates keyed by message id; `{name}` placeholders are filled from a report's data. */
  messages: Record<string, Message>;
  tags?: string[];
  fixable?: boolean;
}

export interface Rule {
  meta: RuleMeta;
  check(table: Table, options: RuleOptions): Finding[];
}
