/**
 * Grid → table model: header, title and unit line, the 合计 → 单位 → 项目 hierarchy, amounts, goals and
 * indicators, every element with its sheet coordinates (origin applied).
 */
import { a1 } from "./address";
import { parseCategory, parseIndicators, parseName, parseValue } from "./grammar";
import { cellText, headerLabel, locateHeader, normalizeLabel } from "./header";
import { amountOf, isBlankText, trimAll } from "./numbers";
import { finish, type Steps } from "./slices";
import { AMOUNT_KEYS } from "./types";
import type {
  Amount, AmountKey, CellRef, CellValue, ColumnKey, GridInput, HeaderInfo, Indicator, IndicatorValue, ModelProblem,
  Project, Table, TableRow, TextPart,
} from "./types";

export type BuildResult =
  | { table: Table; message?: undefined; messageEn?: undefined }
  | { table: null; message: string; messageEn: string };

/** Find the header row(s) of a target table in the first rows of a grid; null when there is none. */
export function findHeader(grid: GridInput): HeaderInfo | null {
  return locateHeader(grid)?.info ?? null;
}

/** Names of the grand-total row, compared with every space removed. */
const TOTAL_NAMES: ReadonlySet<string> = new Set(["合计", "总计", "合计数", "总合计", "全部合计", "总计数"]);
/** Footnote lines under a table (only skipped when the row holds nothing else). */
const NOTE_RE = /^(注|备注|说明|填表|制表|审核|单位负责人|财务负责人|负责人|联系人|联系电话|数据来源|资料来源)/;
const UNIT_LINE_RE = /单位\s*[：:]/;
const MONEY_UNIT_RE = /单位\s*[：:]\s*(万元|千元|亿元|元)/;
const LABEL_MONEY_RE = /[（(](万元|千元|亿元|元)[)）]/;
const LINE_BREAK_RE = /[\r\n]+/g;
const SEQ_RE = /^\s*(\d+)\s*[、.．]?\s*$/;
const COMPARATOR_TOKEN_RE =
  /^(≥|≤|=|>|<|>=|<=|=>|=<|≧|≦|＞|＜|＝|≥=|＞＝|＜＝|不低于|不高于|不少于|不多于|不超过|不大于|不小于|大于等于|小于等于|大于|小于|等于)$/;
const STARTS_WITH_COMPARATOR_RE = /^[≥≤=><≧≦＞＜＝]|^(不低于|不高于|不少于|不多于|不超过|不大于|不小于|大于|小于|等于)/;
const ENDS_WITH_DIGIT_RE = /[0-9０-９]$/;

/** Indicator columns of the structured layout, in the order `whole` falls back through them. */
const INDICATOR_KEYS: readonly ColumnKey[] = [
  "l3", "l1", "l2", "period", "annual", "value", "comparator", "unit", "explanation", "standard",
];

// ---------------------------------------------------------------------------------------------
// Grid access
// ---------------------------------------------------------------------------------------------

/** Rows of the grid (or merged areas, or indicator rows) between two checkpoints of the stepped model. */
const ROWS_PER_STEP = 128;
/** Table elements (合计, units, projects: each parses its indicators) between two checkpoints. */
const ELEMENTS_PER_STEP = 16;

/**
 * The merged copies of a grid `width` columns wide, as Cells keeps them (null when there are none), in steps:
 * a sheet can hold hundreds of thousands of merged areas.
 */
function* mergedCopies(grid: GridInput, width: number): Steps<Int32Array | null> {
  const merges = grid.merges;
  if (!merges || merges.length === 0 || width === 0) return null;
  const or = grid.origin?.row ?? 0;
  const oc = grid.origin?.col ?? 0;
  const rows = grid.values.length;
  const copyOf = new Int32Array(rows * width);
  let work = 0;
  for (const m of merges) {
    if (++work >= ROWS_PER_STEP) {
      work = 0;
      yield "model";
    }
    const top = m.top - or;
    const left = m.left - oc;
    const r0 = Math.max(top, 0);
    const r1 = Math.min(m.bottom - or, rows - 1);
    const c0 = Math.max(left, 0);
    const c1 = Math.min(m.right - oc, width - 1);
    if (r0 > r1 || c0 > c1) continue;
    const master = top >= 0 && left >= 0 ? top * width + left + 1 : -1;
    for (let r = r0; r <= r1; r++) {
      const base = r * width;
      for (let c = c0; c <= c1; c++) {
        if (r === top && c === left) continue;
        copyOf[base + c] = master;
      }
    }
    work += r1 - r0;
  }
  return copyOf;
}

/** Cells of the grid as the model sees them: merged copies resolved with one typed-array lookup. */
class Cells {
  readonly values: CellValue[][];
  readonly or: number;
  readonly oc: number;
  readonly width: number;
  /** 0 = not a merged copy; k > 0 = copy of grid cell k - 1 (r * width + c); -1 = copy of a cell outside the grid. */
  private readonly copyOf: Int32Array | null;
  private readonly indents: GridInput["indents"];
  private readonly formats: GridInput["numberFormats"];

  /** `copyOf`: the grid's merged copies (`mergedCopies` of the same grid and width). */
  constructor(grid: GridInput, width: number, copyOf: Int32Array | null) {
    this.values = grid.values;
    this.or = grid.origin?.row ?? 0;
    this.oc = grid.origin?.col ?? 0;
    this.width = width;
    this.indents = grid.indents;
    this.formats = grid.numberFormats;
    this.copyOf = copyOf;
  }

  get rows(): number {
    return this.values.length;
  }

  raw(r: number, c: number): CellValue {
    const row = this.values[r];
    return row ? row[c] : undefined;
  }

  isCopy(r: number, c: number): boolean {
    return this.copyOf !== null && c < this.width && this.copyOf[r * this.width + c] !== 0;
  }

  /** The cell's own value; merged copies read as blank (hosts may or may not repeat the master). */
  own(r: number, c: number): CellValue {
    return this.isCopy(r, c) ? null : this.raw(r, c);
  }

  /** Grid coordinates of the master of a merged copy, or null (not a copy, or master outside the grid). */
  masterOf(r: number, c: number): [number, number] | null {
    if (this.copyOf === null || c >= this.width) return null;
    const k = this.copyOf[r * this.width + c];
    if (k <= 0) return null;
    return [Math.floor((k - 1) / this.width), (k - 1) % this.width];
  }

  ref(r: number, c: number): CellRef {
    return { row: r + this.or, col: c + this.oc };
  }

  indent(r: number, c: number): number {
    const v = this.indents?.[r]?.[c];
    return typeof v === "number" && v > 0 ? v : 0;
  }

  format(r: number, c: number): string | null | undefined {
    return this.formats?.[r]?.[c];
  }
}

function ownText(cells: Cells, r: number, c: number | undefined): string {
  return c === undefined || c < 0 ? "" : cellText(cells.own(r, c));
}

function hasOwnContent(cells: Cells, r: number, c: number | undefined): boolean {
  if (c === undefined || c < 0) return false;
  const v = cells.own(r, c);
  if (v === null || v === undefined) return false;
  return typeof v !== "string" || !isBlankText(v);
}

/** Width of the leading white space of a name: half-width space 1, full-width space 2, tab 4. */
function leadingWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 32 || ch === 0xa0) w += 1;
    else if (ch === 0x3000) w += 2;
    else if (ch === 9) w += 4;
    else if (ch === 10 || ch === 13) continue;
    else break;
  }
  return w;
}

function cleanName(s: string): string {
  return trimAll(s.indexOf("\n") >= 0 || s.indexOf("\r") >= 0 ? s.replace(LINE_BREAK_RE, "") : s);
}

const NEEDS_NORMALIZING_RE = /[\s\u3000\u00a0\ufeff：:]/;

/** normalizeLabel, without allocating for the usual name that has nothing to remove. */
function normName(name: string): string {
  return NEEDS_NORMALIZING_RE.test(name) ? normalizeLabel(name) : name;
}

function textPart(raw: string, cell: CellRef): TextPart {
  return { raw, cell, span: { start: 0, end: raw.length } };
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

function noTableMessage(sheet: string): { message: string; messageEn: string } {
  return {
    message: `未在工作表“${sheet}”中找到绩效目标表：表头需包含“项目名称”和“绩效指标”（或“三级指标”）`,
    messageEn:
      `No performance target table found in sheet "${sheet}": the header must contain ` +
      `"项目名称" (project name) and "绩效指标" (indicators) or "三级指标" (level-3 indicator).`,
  };
}

function problem(cell: CellRef, zh: string, en: string): ModelProblem {
  return { cell, message: zh, messageEn: en };
}

// ---------------------------------------------------------------------------------------------
// Elements: the rows (or row groups) that become 合计 / 单位 / 项目
// ---------------------------------------------------------------------------------------------

interface Element {
  /** Grid rows. */
  r0: number;
  r1: number;
  name: string;
  norm: string;
  isTotal: boolean;
  /** Leading white space width + 4 × Excel indent. */
  width: number;
  level: number;
  /** Holds a goal or indicators (published) / goal or indicator rows (structured). */
  content: boolean;
  /** The name cell is the master of a vertical merge (structured). */
  mergedName: boolean;
}

interface Context {
  cells: Cells;
  cols: Partial<Record<ColumnKey, number>>; // grid columns
  nameCol: number;
  moneyUnit: string;
  problems: ModelProblem[];
  layout: "published" | "structured";
  /** Grid columns of the indicator columns present, in INDICATOR_KEYS order. */
  indicatorCols: number[];
}

function amountsOf(ctx: Context, r: number, nameCell: CellRef): Record<AmountKey, Amount> {
  return {
    total: amountAt(ctx, r, ctx.cols.total, nameCell),
    fiscal: amountAt(ctx, r, ctx.cols.fiscal, nameCell),
    specialAccount: amountAt(ctx, r, ctx.cols.specialAccount, nameCell),
    other: amountAt(ctx, r, ctx.cols.other, nameCell),
  };
}

function amountAt(ctx: Context, r: number, c: number | undefined, nameCell: CellRef): Amount {
  if (c === undefined) return { kind: "blank", value: null, raw: null, cell: nameCell };
  const cells = ctx.cells;
  return amountOf(cells.own(r, c), cells.ref(r, c), cells.format(r, c), ctx.moneyUnit);
}

function rowHasAmounts(ctx: Context, r: number): boolean {
  for (const key of AMOUNT_KEYS) if (hasOwnContent(ctx.cells, r, ctx.cols[key])) return true;
  return false;
}

function rowHasIndicatorCells(ctx: Context, r: number): boolean {
  const cols = ctx.indicatorCols;
  for (let i = 0; i < cols.length; i++) if (hasOwnContent(ctx.cells, r, cols[i])) return true;
  return false;
}

function rowHasContent(ctx: Context, r: number): boolean {
  if (hasOwnContent(ctx.cells, r, ctx.cols.goal)) return true;
  if (ctx.layout === "published") return hasOwnContent(ctx.cells, r, ctx.cols.indicators);
  return rowHasIndicatorCells(ctx, r);
}

function newElement(ctx: Context, r: number, text: string): Element {
  const name = cleanName(text);
  const norm = normName(name);
  const width = leadingWidth(text) + 4 * ctx.cells.indent(r, ctx.nameCol);
  return {
    r0: r,
    r1: r,
    name,
    norm,
    isTotal: TOTAL_NAMES.has(norm),
    width,
    level: Math.ceil(width / 4),
    content: rowHasContent(ctx, r),
    mergedName: false,
  };
}

function noNameProblem(ctx: Context, r: number): ModelProblem {
  const cell = ctx.cells.ref(r, ctx.nameCol);
  const at = a1(cell);
  return problem(
    cell,
    `第 ${cell.row + 1} 行有金额、目标或指标，但名称单元格 ${at} 为空：无法归入合计、单位或项目`,
    `Row ${cell.row + 1} has amounts, a goal or indicators but its name cell ${at} is empty: it cannot be placed under the total, a unit or a project`,
  );
}

/** Rows → elements, skipping blank rows, footnotes and repeated headers. */
function* collectElements(ctx: Context, first: number, headerRows: number, headerName: string): Steps<Element[]> {
  const { cells, nameCol } = ctx;
  const out: Element[] = [];
  let cur: Element | null = null;
  let next = first + ROWS_PER_STEP;
  for (let r = first; r < cells.rows; r++) {
    if (r >= next) {
      next = r + ROWS_PER_STEP;
      yield "model";
    }
    const copy = cells.isCopy(r, nameCol);
    const text = copy ? "" : cellText(cells.raw(r, nameCol));
    const blankName = isBlankText(text);
    if (ctx.layout === "structured" && cur && !cur.isTotal) {
      // A project spans the rows its name cell is merged over, or consecutive rows repeating its name.
      if (copy) {
        const m = cells.masterOf(r, nameCol);
        if (m === null || (m[0] >= cur.r0 && m[0] <= cur.r1) || rowHasIndicatorCells(ctx, r)) {
          cur.r1 = r;
          if (!cur.content && rowHasIndicatorCells(ctx, r)) cur.content = true;
          continue;
        }
      } else if (!blankName && !cur.mergedName && normName(cleanName(text)) === cur.norm && cur.content) {
        cur.r1 = r;
        continue;
      } else if (blankName && rowHasIndicatorCells(ctx, r)) {
        cur.r1 = r;
        cur.content = true;
        continue;
      }
    }
    if (blankName) {
      const other = rowHasAmounts(ctx, r) || rowHasContent(ctx, r);
      if (other) ctx.problems.push(noNameProblem(ctx, r));
      continue;
    }
    const el = newElement(ctx, r, text);
    if (el.norm === headerName) {
      r += headerRows - 1; // a header repeated on a later page
      cur = null;
      continue;
    }
    if (!el.isTotal && !el.content && NOTE_RE.test(el.norm) && !rowHasAmounts(ctx, r)) continue;
    if (ctx.layout === "structured") {
      const below = r + 1 < cells.rows ? cells.masterOf(r + 1, nameCol) : null;
      el.mergedName = below !== null && below[0] === r && below[1] === nameCol;
    }
    out.push(el);
    cur = el;
  }
  return out;
}

/** 单位 or 项目: indentation decides when rows are indented differently, the rows' content otherwise. */
function classify(elements: Element[]): boolean[] {
  let min = Infinity;
  let distinct = false;
  for (const e of elements) {
    if (e.isTotal) continue;
    if (min !== Infinity && e.width !== min) distinct = true;
    if (e.width < min) min = e.width;
  }
  return elements.map((e) => (distinct ? e.width > min : e.content));
}

// ---------------------------------------------------------------------------------------------
// Indicators of the structured layout
// ---------------------------------------------------------------------------------------------

/** Text of an indicator cell; merged copies read the master's text. */
function textAt(cells: Cells, r: number, c: number): string {
  if (c < 0) return "";
  const m = cells.masterOf(r, c);
  if (m !== null) return cellText(cells.raw(m[0], m[1]));
  return cells.isCopy(r, c) ? "" : cellText(cells.raw(r, c));
}

/** Sheet coordinates of an indicator cell: the master's for a merged copy. */
function refAt(cells: Cells, r: number, c: number): CellRef {
  const m = cells.masterOf(r, c);
  return m !== null ? cells.ref(m[0], m[1]) : cells.ref(r, c);
}

/** A value cell, combined with separate comparator and unit columns (`≥` + `99` + `%`). */
function valueOf(text: string, cell: CellRef, comparator: string, unit: string): IndicatorValue {
  let prefix = "";
  let suffix = "";
  const trimmed = trimAll(text);
  if (trimmed !== "") {
    if (comparator !== "") {
      const cmp = trimAll(comparator);
      if (COMPARATOR_TOKEN_RE.test(cmp) && !STARTS_WITH_COMPARATOR_RE.test(trimmed)) prefix = cmp;
    }
    if (unit !== "") {
      const u = trimAll(unit);
      if (u !== "" && ENDS_WITH_DIGIT_RE.test(trimmed)) suffix = u;
    }
  }
  if (prefix === "" && suffix === "") return parseValue(text, cell);
  // The comparator and unit live in other cells: the part keeps the value cell's own (trimmed) text and span.
  const parsed = parseValue(prefix + trimmed + suffix, cell);
  const start = text.indexOf(trimmed);
  return { ...parsed, raw: trimmed, cell, span: { start, end: start + trimmed.length } };
}

function* structuredIndicators(ctx: Context, el: Element): Steps<Indicator[]> {
  const out: Indicator[] = [];
  const { cells, cols } = ctx;
  const cL1 = cols.l1 ?? -1;
  const cL2 = cols.l2 ?? -1;
  const cL3 = cols.l3 ?? -1;
  const cPeriod = cols.period ?? -1;
  const cAnnual = cols.annual ?? -1;
  const cValue = cPeriod < 0 && cAnnual < 0 ? cols.value ?? -1 : -1;
  const cCmp = cols.comparator ?? -1;
  const cUnit = cols.unit ?? -1;
  // A 序号 column left of the name numbers projects, not indicators.
  const cSeq = cols.seq !== undefined && cols.seq > ctx.nameCol ? cols.seq : -1;
  for (let r = el.r0; r <= el.r1; r++) {
    // A checkpoint inside a project too: one project may span thousands of rows.
    if (r > el.r0 && (r - el.r0) % ROWS_PER_STEP === 0) yield "model";
    if (!rowHasIndicatorCells(ctx, r)) continue;
    const l1 = textAt(cells, r, cL1);
    const l2 = textAt(cells, r, cL2);
    const l3 = textAt(cells, r, cL3);
    const l1Blank = isBlankText(l1);
    const l2Blank = isBlankText(l2);
    const l3Blank = isBlankText(l3);
    const l3Ref = l3Blank ? null : refAt(cells, r, cL3);
    let whole: TextPart | null = null;
    if (l3Ref) whole = textPart(l3, l3Ref);
    else {
      for (const c of ctx.indicatorCols) {
        const t = textAt(cells, r, c);
        if (!isBlankText(t)) {
          whole = textPart(t, refAt(cells, r, c));
          break;
        }
      }
    }
    if (!whole) continue;
    const cmp = textAt(cells, r, cCmp);
    const unit = textAt(cells, r, cUnit);
    let period: IndicatorValue | null = null;
    let annual: IndicatorValue | null = null;
    if (cPeriod >= 0) period = valueOf(textAt(cells, r, cPeriod), refAt(cells, r, cPeriod), cmp, unit);
    if (cAnnual >= 0) annual = valueOf(textAt(cells, r, cAnnual), refAt(cells, r, cAnnual), cmp, unit);
    if (cValue >= 0) annual = period = valueOf(textAt(cells, r, cValue), refAt(cells, r, cValue), cmp, unit);
    let seq: number | null = null;
    let seqPart: TextPart | null = null;
    if (cSeq >= 0) {
      const s = textAt(cells, r, cSeq);
      if (!isBlankText(s)) {
        seqPart = textPart(s, refAt(cells, r, cSeq));
        const m = SEQ_RE.exec(s);
        seq = m ? Number(m[1]) : null;
      }
    }
    out.push({
      index: out.length,
      whole,
      seq,
      seqPart,
      l1: l1Blank ? null : parseCategory(l1, refAt(cells, r, cL1)),
      l2: l2Blank ? null : parseCategory(l2, refAt(cells, r, cL2)),
      name: l3Ref ? parseName(l3, l3Ref) : null,
      period,
      annual,
      notes: [],
      row: r + cells.or,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// buildTable
// ---------------------------------------------------------------------------------------------

function rowText(cells: Cells, r: number): string {
  const row = cells.values[r];
  if (!row) return "";
  const parts: string[] = [];
  for (let c = 0; c < row.length; c++) {
    if (cells.isCopy(r, c)) continue;
    const t = trimAll(cellText(row[c]).replace(LINE_BREAK_RE, ""));
    if (t !== "") parts.push(t);
  }
  return parts.join(" ");
}

/** Grid → table model. `table: null` with a message (zh/en, naming the sheet) when no target table is found. */
export function buildTable(grid: GridInput): BuildResult {
  return finish(buildTableSteps(grid));
}

/**
 * `buildTable` in steps: it yields at checkpoints every few rows, merged areas or projects, so a caller can
 * spread a large sheet over several slices (see ./slices). `buildTable` runs the same steps at once.
 */
export function* buildTableSteps(grid: GridInput): Steps<BuildResult> {
  const loc = locateHeader(grid);
  if (!loc) return { table: null, ...noTableMessage(grid.sheet) };
  const { info: header, layout } = loc;
  const or = grid.origin?.row ?? 0;
  const oc = grid.origin?.col ?? 0;
  const cols: Partial<Record<ColumnKey, number>> = {};
  let width = 0;
  for (const key of Object.keys(header.columns) as ColumnKey[]) {
    const c = (header.columns[key] as number) - oc;
    cols[key] = c;
    if (c + 1 > width) width = c + 1;
  }
  const cells = new Cells(grid, width, yield* mergedCopies(grid, width));

  // Title and unit line: the text rows above the header.
  let title: string | null = null;
  let unitLine: string | null = null;
  let fallbackUnitLine: string | null = null;
  for (let r = 0; r < loc.top; r++) {
    const t = rowText(cells, r);
    if (t === "") continue;
    if (unitLine === null && UNIT_LINE_RE.test(t)) unitLine = t;
    else if (fallbackUnitLine === null && t.includes("单位名称")) fallbackUnitLine = t;
    else if (title === null) title = t;
  }
  if (unitLine === null) unitLine = fallbackUnitLine;
  let moneyUnit = unitLine ? MONEY_UNIT_RE.exec(unitLine)?.[1] : undefined;
  if (!moneyUnit) {
    for (const key of ["total", "fiscal", "specialAccount", "other"] as const) {
      const m = header.labels[key] ? LABEL_MONEY_RE.exec(header.labels[key] as string) : null;
      if (m) {
        moneyUnit = m[1];
        break;
      }
    }
  }

  const ctx: Context = {
    cells,
    cols,
    nameCol: cols.name as number,
    moneyUnit: moneyUnit ?? "万元",
    problems: [],
    layout,
    indicatorCols: layout === "structured"
      ? INDICATOR_KEYS.map((k) => cols[k]).filter((c): c is number => c !== undefined)
      : [],
  };
  const headerName = normalizeLabel(headerLabel(header.labels.name ?? ""));
  const elements = yield* collectElements(ctx, loc.bottom + 1, loc.bottom - loc.top + 1, headerName);
  const isProject = classify(elements);

  let total: TableRow | null = null;
  const units: TableRow[] = [];
  const projects: Project[] = [];
  const rows: TableRow[] = [];
  let unit: TableRow | null = null;
  for (let i = 0; i < elements.length; i++) {
    if (i > 0 && i % ELEMENTS_PER_STEP === 0) yield "model";
    const el = elements[i];
    const nameCell = cells.ref(el.r0, ctx.nameCol);
    const amounts = amountsOf(ctx, el.r0, nameCell);
    const row0 = el.r0 + or;
    const row1 = el.r1 + or;
    if (el.isTotal) {
      if (total) {
        ctx.problems.push(problem(
          nameCell,
          `第 ${nameCell.row + 1} 行（${a1(nameCell)}）是又一个合计行：只按第 ${total.row + 1} 行的合计核对`,
          `Row ${nameCell.row + 1} (${a1(nameCell)}) is a second total row: only the total in row ${total.row + 1} is checked`,
        ));
        continue;
      }
      total = { level: "total", name: el.name, nameCell, row: row0, lastRow: row1, indent: el.level, amounts, children: [] };
      rows.push(total);
      continue;
    }
    if (!isProject[i]) {
      unit = { level: "unit", name: el.name, nameCell, row: row0, lastRow: row1, indent: el.level, amounts, children: [] };
      units.push(unit);
      rows.push(unit);
      if (el.content) {
        ctx.problems.push(problem(
          nameCell,
          `“${el.name}”（${a1(nameCell)}）没有缩进，按单位行处理，但它填有绩效目标或绩效指标：若是项目，请缩进名称`,
          `"${el.name}" (${a1(nameCell)}) is not indented and is read as a unit row, yet it has a goal or indicators: indent the name if it is a project`,
        ));
      }
      continue;
    }
    const goalCol = cols.goal;
    const goalText = goalCol === undefined ? "" : ownText(cells, el.r0, goalCol);
    let indicatorsCell: TextPart | null = null;
    let indicators: Indicator[];
    if (layout === "published") {
      const c = cols.indicators as number;
      const ref = cells.ref(el.r0, c);
      const text = ownText(cells, el.r0, c);
      indicatorsCell = textPart(text, ref);
      indicators = isBlankText(text) ? [] : parseIndicators(text, ref);
    } else {
      indicators = yield* structuredIndicators(ctx, el);
    }
    const project: Project = {
      level: "project",
      name: el.name,
      nameCell,
      row: row0,
      lastRow: row1,
      indent: el.level,
      amounts,
      children: [],
      unit: unit ? unit.name : null,
      goal: goalCol !== undefined && !isBlankText(goalText) ? textPart(goalText, cells.ref(el.r0, goalCol)) : null,
      indicatorsCell,
      indicators,
    };
    if (unit) unit.children.push(project);
    projects.push(project);
    rows.push(project);
  }
  if (total) {
    yield "model";
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (r.level === "unit" || (r.level === "project" && (r as Project).unit === null)) total.children.push(r);
    }
  }

  return {
    table: {
      sheet: grid.sheet,
      layout,
      header,
      title,
      unitLine,
      moneyUnit: ctx.moneyUnit,
      total,
      units,
      projects,
      rows,
      problems: ctx.problems,
    },
  };
}
