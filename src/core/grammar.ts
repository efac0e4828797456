// STUB: being written (helper "grammar"). Signatures are the contract; bodies will be replaced.
import type { CategoryPart, CellRef, Comparator, Indicator, IndicatorValue, NamePart } from "./types";

/** A value as a caller specifies it (picker, seed builder, round-trip tests). */
export interface ValueSpec {
  comparator: Comparator | null;
  number: number | null;
  unit: string | null;
  /** Qualitative text (then number and unit are null). */
  text: string | null;
}

export interface IndicatorSpec {
  seq: number;
  l1: { code: string | null; name: string };
  l2: { code: string | null; name: string };
  name: string;
  period: ValueSpec;
  annual: ValueSpec;
}

/** Parse a published-layout 绩效指标 cell. `cell` is where the text sits (for the parts' locations). */
export function parseIndicators(text: string, cell: CellRef = { row: 0, col: 0 }): Indicator[] {
  void text; void cell;
  throw new Error("not implemented");
}

/** Parse one value (实施周期指标值 / 年度指标值), e.g. "≥99%", ">=3条", "优良". `offset` shifts the span. */
export function parseValue(text: string, cell: CellRef, offset = 0): IndicatorValue {
  void text; void cell; void offset;
  throw new Error("not implemented");
}

/** Parse a 一级/二级 category ("1-产出指标", "22-社会效益", "产出指标"). */
export function parseCategory(text: string, cell: CellRef, offset = 0): CategoryPart {
  void text; void cell; void offset;
  throw new Error("not implemented");
}

/** Parse a 三级 name ("00-专家评审通过率" keeps its prefix in `codePrefix`). */
export function parseName(text: string, cell: CellRef, offset = 0): NamePart {
  void text; void cell; void offset;
  throw new Error("not implemented");
}

export function formatValue(v: ValueSpec): string {
  void v;
  throw new Error("not implemented");
}

/** One item in the canonical form: `1、1-产出指标；13-时效指标；名称；实施周期指标值:100%；年度指标值:100%。` */
export function formatIndicator(item: IndicatorSpec): string {
  void item;
  throw new Error("not implemented");
}

export function formatIndicators(items: readonly IndicatorSpec[]): string {
  return items.map(formatIndicator).join("");
}

/** The spec of a parsed indicator (missing parts become empty names / empty values). */
export function toSpec(ind: Indicator): IndicatorSpec {
  void ind;
  throw new Error("not implemented");
}
