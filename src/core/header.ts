/**
 * Header detection: find the row (or two merged rows) naming the columns of a target table, and
 * map each column to a ColumnKey by its text, never by its position.
 */
import type { CellValue, ColumnKey, GridInput, HeaderInfo } from "./types";

/** How many rows from the top of the grid may hold the header. */
export const HEADER_SCAN_ROWS = 30;

/** Column synonyms, compared after `normalizeLabel`. */
export const COLUMN_SYNONYMS: Readonly<Record<ColumnKey, readonly string[]>> = {
  name: ["项目名称（资金使用单位）", "项目名称", "项目", "名称", "单位/项目名称", "单位及项目名称", "单位项目名称"],
  total: ["总计", "合计", "金额合计", "资金总额", "预算金额", "年度资金总额", "资金合计", "预算总额"],
  fiscal: ["财政拨款", "一般公共预算", "财政资金", "财政拨款资金", "一般公共预算拨款", "一般公共预算资金"],
  specialAccount: ["财政专户拨款", "财政专户管理资金", "财政专户"],
  other: ["其他资金", "其他"],
  goal: ["绩效目标", "年度绩效目标", "年度目标", "总体目标", "项目绩效目标"],
  indicators: ["绩效指标", "项目绩效指标"],
  seq: ["序号"],
  l1: ["一级指标"],
  l2: ["二级指标"],
  l3: ["三级指标", "指标名称"],
  period: ["实施周期指标值", "实施期指标值", "中期指标值", "实施周期目标值"],
  annual: ["年度指标值", "年度目标值"],
  comparator: ["指标性质", "指标方向", "比较符", "运算符号"],
  value: ["指标值"],
  unit: ["计量单位", "度量单位", "单位"],
  explanation: ["指标解释", "指标说明"],
  standard: ["绩效标准", "评价标准", "评标准"],
};

const SPACE_RE = /[\s\u3000\u00a0\ufeff]+/g;
const PAREN_CONTENT_RE = /（[^）]*）|\([^)]*\)/g;
const PAREN_CHARS_RE = /[（）()]/g;
const TRAILING_COLON_RE = /[：:]+$/;
const LINE_BREAK_RE = /[\r\n]+/g;

/** Header text with every space and line break removed (and a trailing colon). */
export function normalizeLabel(text: string): string {
  return text.replace(SPACE_RE, "").replace(TRAILING_COLON_RE, "");
}

const SYNONYM_INDEX: Map<string, ColumnKey> = (() => {
  const m = new Map<string, ColumnKey>();
  for (const key of Object.keys(COLUMN_SYNONYMS) as ColumnKey[]) {
    for (const s of COLUMN_SYNONYMS[key]) {
      const n = normalizeLabel(s);
      if (!m.has(n)) m.set(n, key);
    }
  }
  return m;
})();

/**
 * The column a header cell names, or null. The whole cell must be a synonym (so a title row or the
 * unit line never matches); text in parentheses is optional: `总计（万元）`, `评（价）标准`.
 */
export function matchColumn(text: string): ColumnKey | null {
  if (text.length === 0 || text.length > 40) return null;
  const n = normalizeLabel(text);
  if (n === "") return null;
  const direct = SYNONYM_INDEX.get(n);
  if (direct) return direct;
  if (n.includes("（") || n.includes("(")) {
    const stripped = SYNONYM_INDEX.get(n.replace(PAREN_CONTENT_RE, ""));
    if (stripped) return stripped;
    const unwrapped = SYNONYM_INDEX.get(n.replace(PAREN_CHARS_RE, ""));
    if (unwrapped) return unwrapped;
  }
  return null;
}

/** A cell value as text (numbers as JavaScript prints them, dates as yyyy-mm-dd). */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) {
    const t = v.getTime();
    return Number.isNaN(t) ? "" : v.toISOString().slice(0, 10);
  }
  return String(v);
}

/** Header label as stored in HeaderInfo.labels: line breaks removed, trimmed. */
export function headerLabel(text: string): string {
  return text.replace(LINE_BREAK_RE, "").trim();
}

/** Where the header sits in grid coordinates (0 = first row of `values`), with its info in sheet coordinates. */
export interface HeaderLocation {
  info: HeaderInfo;
  /** First and last header rows, grid coordinates. */
  top: number;
  bottom: number;
  layout: "published" | "structured";
}

const KEY_STRIDE = 1 << 15; // more than Excel's 16,384 columns

interface HeaderMerges {
  /** Non-master cells of merged areas (grid coordinates, key r * KEY_STRIDE + c). */
  copies: Set<number>;
  /** Masters of areas spanning more than one column. */
  wideMasters: Set<number>;
}

function headerMerges(grid: GridInput, rows: number): HeaderMerges {
  const copies = new Set<number>();
  const wideMasters = new Set<number>();
  const or = grid.origin?.row ?? 0;
  const oc = grid.origin?.col ?? 0;
  for (const m of grid.merges ?? []) {
    const top = m.top - or;
    const left = m.left - oc;
    const bottom = Math.min(m.bottom - or, rows - 1);
    const right = Math.min(m.right - oc, 1023);
    if (bottom < 0 || top >= rows || right < 0) continue;
    if (m.right > m.left) wideMasters.add(top * KEY_STRIDE + left);
    for (let r = Math.max(top, 0); r <= bottom; r++) {
      for (let c = Math.max(left, 0); c <= right; c++) {
        if (r !== top || c !== left) copies.add(r * KEY_STRIDE + c);
      }
    }
  }
  return { copies, wideMasters };
}

interface RowMatch {
  /** Column (grid) → key, for non-copy cells that name a column. */
  byCol: Map<number, ColumnKey>;
  labels: Map<number, string>;
  hasNumber: boolean;
}

function matchRow(values: readonly CellValue[] | undefined, r: number, merges: HeaderMerges): RowMatch {
  const byCol = new Map<number, ColumnKey>();
  const labels = new Map<number, string>();
  let hasNumber = false;
  if (!values) return { byCol, labels, hasNumber };
  for (let c = 0; c < values.length; c++) {
    const v = values[c];
    if (v === null || v === undefined || v === "") continue;
    if (merges.copies.has(r * KEY_STRIDE + c)) continue;
    if (typeof v === "number") {
      hasNumber = true;
      continue;
    }
    if (typeof v !== "string") continue;
    const key = matchColumn(v);
    if (key) {
      byCol.set(c, key);
      labels.set(c, headerLabel(v));
    }
  }
  return { byCol, labels, hasNumber };
}

/** Row `next` continues the header row `first`: it names columns under group labels or blank cells only. */
function continues(first: RowMatch, next: RowMatch, r: number, merges: HeaderMerges): boolean {
  if (next.hasNumber || next.byCol.size === 0) return false;
  for (const c of next.byCol.keys()) {
    if (!first.byCol.has(c)) continue; // under a blank, a copy or a label we do not know
    if (!merges.wideMasters.has(r * KEY_STRIDE + c)) return false; // under a plain column label: a data row
  }
  return true;
}

function qualifies(cols: Partial<Record<ColumnKey, number>>): boolean {
  return cols.name !== undefined &&
    (cols.indicators !== undefined || cols.l3 !== undefined || cols.l1 !== undefined || cols.l2 !== undefined);
}

/** Find the header in the first HEADER_SCAN_ROWS rows; null when there is none. */
export function locateHeader(grid: GridInput): HeaderLocation | null {
  const values = grid.values;
  const limit = Math.min(values.length, HEADER_SCAN_ROWS);
  if (limit === 0) return null;
  const merges = headerMerges(grid, limit + 1);
  const or = grid.origin?.row ?? 0;
  const oc = grid.origin?.col ?? 0;
  let next: RowMatch | null = null;
  for (let r = 0; r < limit; r++) {
    const cur: RowMatch = next ?? matchRow(values[r], r, merges);
    next = r + 1 < values.length ? matchRow(values[r + 1], r + 1, merges) : null;
    if (cur.byCol.size === 0) continue;
    const columns: Partial<Record<ColumnKey, number>> = {};
    const labels: Partial<Record<ColumnKey, string>> = {};
    for (const [c, key] of cur.byCol) {
      if (columns[key] !== undefined) continue;
      columns[key] = c + oc;
      labels[key] = cur.labels.get(c);
    }
    let bottom = r;
    if (next && continues(cur, next, r, merges)) {
      bottom = r + 1;
      for (const [c, key] of next.byCol) {
        if (columns[key] !== undefined) continue;
        columns[key] = c + oc;
        labels[key] = next.labels.get(c);
      }
    }
    if (!qualifies(columns)) continue;
    const structured = columns.l1 !== undefined || columns.l2 !== undefined || columns.l3 !== undefined;
    if (structured) {
      // 绩效指标 over 一级/二级/三级… is a group label, not a column of its own.
      delete columns.indicators;
      delete labels.indicators;
    } else {
      delete columns.unit;
      delete labels.unit;
    }
    if (columns.period !== undefined || columns.annual !== undefined) {
      delete columns.value;
      delete labels.value;
    }
    return {
      info: { firstRow: r + or, lastRow: bottom + or, columns, labels },
      top: r,
      bottom,
      layout: structured ? "structured" : "published",
    };
  }
  return null;
}
