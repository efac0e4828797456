/**
 * Helpers shared by the indicator-form and value rules (set B, JX4xx/JX5xx). The one pass that selects
 * which indicators each rule looks at is in ./analysis.
 *
 * Everything that depends on the lexicon is compiled once per lexicon object (WeakMap cache), so a
 * rule run over 50,000 indicators compiles no regex per cell.
 */
import { findNegativeWord, getLexicon, matchLevel1, matchLevel2, normalizeCategoryName, type Lexicon } from "../catalog";
import { sourceTextOf } from "../grammar";
import type { CellRef, Indicator, IndicatorValue, Profile, Project, Span, TextPart } from "../types";

// ---------------------------------------------------------------------------------------------
// Lexicon, compiled
// ---------------------------------------------------------------------------------------------

export interface CompiledLexicon {
  lexicon: Lexicon;
  negative: RegExp | null;
  placeholder: RegExp | null;
  vague: RegExp | null;
  rate: RegExp | null;
  count: RegExp | null;
  satisfaction: RegExp | null;
  moneyUnits: Set<string>;
  /** Memo of `nameFacts` for this lexicon. */
  names: Map<string, NameFacts>;
  /** Reduction words that are themselves negative words (下降). */
  reducers: Set<string>;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One alternation of literal words, longest first; null for an empty list. */
export function wordsRegex(words: readonly string[], flags = ""): RegExp | null {
  const list = [...new Set(words.map((w) => w.trim()).filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return null;
  return new RegExp(list.map(escapeRe).join("|"), flags);
}

/**
 * Placeholders: literal, case-insensitive, and a placeholder ending in digits ("指标1") stands for
 * every number ("指标2", "指标12"), with an optional colon after it.
 */
function placeholderRegex(words: readonly string[]): RegExp | null {
  const parts = [...new Set(words.map((w) => w.trim()).filter((w) => w.length > 0))]
    .sort((a, b) => b.length - a.length)
    .map((w) => {
      const m = /^(.*?)(\d+)$/.exec(w);
      return m && m[1].length > 0 ? `${escapeRe(m[1])}\\d+(?:[:：])?` : escapeRe(w);
    });
  if (parts.length === 0) return null;
  return new RegExp(parts.join("|"), "i");
}

const compiledCache = new WeakMap<Lexicon, CompiledLexicon>();

export function compiledLexicon(): CompiledLexicon {
  const lexicon = getLexicon();
  let c = compiledCache.get(lexicon);
  if (!c) {
    c = {
      lexicon,
      negative: wordsRegex(lexicon.negativeWords),
      placeholder: placeholderRegex(lexicon.placeholders),
      vague: wordsRegex(lexicon.vagueValues),
      rate: wordsRegex(lexicon.rateWords),
      count: wordsRegex(lexicon.countWords),
      satisfaction: wordsRegex(lexicon.satisfactionWords),
      moneyUnits: new Set(lexicon.moneyUnits.map(normalizeUnit)),
      names: new Map(),
      reducers: new Set(lexicon.negativeContext.reducers),
    };
    compiledCache.set(lexicon, c);
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

export function isQuantitative(v: IndicatorValue | null): v is IndicatorValue & { number: number } {
  return !!v && v.kind === "quantitative" && v.number !== null && Number.isFinite(v.number);
}

/** A value as quoted in messages: its text without line breaks and surrounding spaces. */
export function shown(v: TextPart | null | undefined): string {
  if (!v) return "";
  return v.raw.replace(/[\r\n]+/g, "").trim();
}

export function nameOf(ind: Indicator): string {
  return ind.name ? ind.name.text : "";
}

export function sameCell(a: CellRef, b: CellRef): boolean {
  return a.row === b.row && a.col === b.col;
}

/**
 * The whole text of the cell a part sits in, so a fix can be previewed: the project's 绩效指标 cell in
 * the published layout; in the structured layout the text the grammar parsed the part from (the whole cell,
 * with any spaces or line breaks around the part: a fix built on the part's own text would drop them and
 * never apply), else the part's own text when it starts the cell.
 * Null when the cell's text cannot be known (then the rule gives no fix).
 */
export function cellTextOf(project: Project, part: TextPart): string | null {
  const ic = project.indicatorsCell;
  if (ic && sameCell(ic.cell, part.cell) && ic.span.start === 0) return ic.raw;
  const source = sourceTextOf(part);
  if (source !== null) return source;
  if (part.span.start === 0) return part.raw;
  return null;
}

/**
 * Locate `needle` inside `raw`, letting line breaks and spaces of `raw` sit between its characters
 * (PDF-style breaks): returns the span inside `raw`, or null.
 */
export function locateLoose(raw: string, needle: string, from = 0): Span | null {
  if (needle.length === 0) return null;
  const direct = raw.indexOf(needle, from);
  if (direct >= 0) return { start: direct, end: direct + needle.length };
  for (let s = from; s < raw.length; s++) {
    if (raw[s] !== needle[0]) continue;
    let i = s + 1;
    let k = 1;
    while (k < needle.length && i < raw.length) {
      const ch = raw[i];
      if (ch === needle[k]) {
        k++;
        i++;
      } else if (ch === "\n" || ch === "\r" || ch === " " || ch === "\u3000") i++;
      else break;
    }
    if (k === needle.length) return { start: s, end: i };
  }
  return null;
}

/** A span inside a part (relative to `part.raw`) made absolute (relative to the cell's text). */
export function absolute(part: TextPart, rel: Span): Span {
  return { start: part.span.start + rel.start, end: part.span.start + rel.end };
}

// ---------------------------------------------------------------------------------------------
// Units
// ---------------------------------------------------------------------------------------------

/** Bounded memo tables: a sheet repeats the same few units and many names. */
const MEMO_LIMIT = 100_000;
function remember<V>(map: Map<string, V>, key: string, v: V): V {
  if (map.size >= MEMO_LIMIT) map.clear();
  map.set(key, v);
  return v;
}

const unitMemo = new Map<string, string>();
const SIMPLE_UNIT = /^[^\s\u3000％（()）]*$/;

function normalizeUnitUncached(u: string): string {
  if (SIMPLE_UNIT.test(u)) return u === "百分比" ? "%" : u;
  let s = u.replace(/[\s\u3000]+/g, "").replace(/％/g, "%");
  s = s.replace(/[（(]百分比[)）]$/, "");
  if (s === "百分比") s = "%";
  return s;
}

/** Canonical form of a unit for comparison: full-width % and spaces folded, "%(百分比)" → "%". */
export function normalizeUnit(u: string): string {
  if (u === "%") return u;
  const hit = unitMemo.get(u);
  return hit !== undefined ? hit : remember(unitMemo, u, normalizeUnitUncached(u));
}

/**
 * A unit written in the 三级 name: the last parenthesis at the end of the name, e.g.
 * `服务对象满意度调查（%）` → "%", `采购金额（万元）` → "万元", `设备数量（台）` → "台". A parenthesis that reads as
 * a name rather than a unit (`培训班次（会议次数）`, with 数/率/次数…, or longer than 4 characters) is not one.
 */
export function unitInName(name: string): string | null {
  // Fast path: only a name ending with a closing parenthesis can carry a unit.
  const last = name.charCodeAt(name.length - 1);
  if (last !== 0xff09 && last !== 0x29 && !/\s$/.test(name)) return null;
  const hit = nameUnitMemo.get(name);
  return hit !== undefined ? hit : remember(nameUnitMemo, name, unitInNameUncached(name));
}

const nameUnitMemo = new Map<string, string | null>();

function unitInNameUncached(name: string): string | null {
  const m = /[（(]([^（）()]{1,6})[)）]\s*$/.exec(name);
  if (!m) return null;
  const inner = normalizeUnit(m[1]);
  if (inner.includes("%")) return "%";
  if (inner.length === 0 || inner.length > 4) return null;
  if (/[\d数率比]/.test(inner)) return null;
  return inner;
}

/** The unit of a value, or the unit its name carries when the value has none. */
export function effectiveUnit(v: IndicatorValue, name: string): string | null {
  if (v.unit) return normalizeUnit(v.unit);
  return unitInName(name);
}

export function isPercentUnit(u: string | null): boolean {
  return u !== null && normalizeUnit(u) === "%";
}

/** Factors to 元. */
const MONEY_FACTORS: Record<string, number> = { 元: 1, 千元: 1e3, 万元: 1e4, 十万元: 1e5, 百万元: 1e6, 千万元: 1e7, 亿元: 1e8 };

export function moneyFactor(unit: string): number | null {
  const f = MONEY_FACTORS[normalizeUnit(unit)];
  return f === undefined ? null : f;
}

// ---------------------------------------------------------------------------------------------
// Indicator kinds
// ---------------------------------------------------------------------------------------------

/** Names about a time or date (完成时间, 截止日期, 工期, 完成时限…). */
const TIME_NAME = /时间|日期|时限|期限|工期|年份|月份|截止|完成时|交付时|竣工/;

/** What a 三级 name says about its indicator, computed once per distinct name. */
export interface NameFacts {
  rate: boolean;
  count: boolean;
  satisfaction: boolean;
  time: boolean;
  /** Unit carried by the name (`（%）`), see `unitInName`. */
  unit: string | null;
  /** The name holds a template placeholder. */
  placeholder: boolean;
  /** The negative-direction word that makes the name negative (see JX504), or null. */
  negative: string | null;
}

/**
 * The negative-direction word of a name: the catalogue's reading in context (`findNegativeWord`), except
 * a reduction word (`下降`) standing alone, which states a planned decrease (the larger the better).
 */
function negativeWordOf(name: string, lex: CompiledLexicon): string | null {
  const hit = findNegativeWord(name);
  return hit && !lex.reducers.has(hit.word) ? hit.word : null;
}

function computeNameFacts(name: string, lex: CompiledLexicon): NameFacts {
  return {
    rate: lex.rate !== null && lex.rate.test(name),
    count: lex.count !== null && lex.count.test(name),
    satisfaction: lex.satisfaction !== null && lex.satisfaction.test(name) && !name.includes("不满意"),
    time: TIME_NAME.test(name),
    unit: unitInName(name),
    placeholder: lex.placeholder !== null && lex.placeholder.test(name),
    negative: negativeWordOf(name, lex),
  };
}

export function nameFacts(name: string, lex: CompiledLexicon): NameFacts {
  const hit = lex.names.get(name);
  return hit !== undefined ? hit : remember(lex.names, name, computeNameFacts(name, lex));
}

export function isRateName(name: string, lex: CompiledLexicon): boolean {
  return nameFacts(name, lex).rate;
}

export function isCountName(name: string, lex: CompiledLexicon): boolean {
  return nameFacts(name, lex).count;
}


interface L2Info {
  role: string | null;
  l2: string | null;
}

/** Two-level memo keyed by (code, name) without building a key string per lookup. */
class PairMemo<V> {
  private readonly byCode = new Map<string, Map<string, V>>();
  get(code: string | null, name: string): V | undefined {
    const inner = this.byCode.get(code ?? "");
    return inner ? inner.get(name) : undefined;
  }
  set(code: string | null, name: string, v: V): V {
    const c = code ?? "";
    let inner = this.byCode.get(c);
    if (!inner) {
      inner = new Map();
      this.byCode.set(c, inner);
    }
    inner.set(name, v);
    return v;
  }
}

/** Memoizes category lookups within one rule run (a sheet repeats the same few categories). */
export class CategoryRoles {
  private readonly l1Memo = new PairMemo<{ role: string | null }>();
  private readonly l2Memo = new PairMemo<L2Info>();
  constructor(private readonly profile: Profile) {}

  /** Role of the 一级 the indicator's 二级 (or, failing that, 一级) denotes, by code or by name. */
  role(ind: Indicator): string | null {
    const l2 = this.l2(ind);
    if (l2.role) return l2.role;
    const l1 = ind.l1;
    if (!l1) return null;
    const hit = this.l1Memo.get(l1.code, l1.name);
    if (hit !== undefined) return hit.role;
    const m = matchLevel1(l1.code, l1.name, this.profile);
    return this.l1Memo.set(l1.code, l1.name, { role: (m.byName ?? m.byCode)?.role ?? null }).role;
  }

  /** Normalized canonical name of the 二级 ("时效", "社会效益"…), or the written name normalized. */
  l2Name(ind: Indicator): string | null {
    return this.l2(ind).l2;
  }

  private l2(ind: Indicator): L2Info {
    const l2 = ind.l2;
    if (!l2) return NO_L2;
    const known = this.l2Memo.get(l2.code, l2.name);
    if (known !== undefined) return known;
    const m = matchLevel2(l2.code, l2.name, this.profile);
    const hit = m.byName ?? m.byCode;
    return this.l2Memo.set(l2.code, l2.name, {
      role: hit ? hit.l1.role : null,
      l2: hit ? normalizeCategoryName(hit.l2.name) : normalizeCategoryName(l2.name),
    });
  }
}

const NO_L2: L2Info = { role: null, l2: null };

// ---------------------------------------------------------------------------------------------
// Excel date serials
// ---------------------------------------------------------------------------------------------

/** 2000-01-01 and 2050-01-01 as Excel serials (the range the brief gives). */
export const SERIAL_MIN = 36526;
export const SERIAL_MAX = 54789;



/** The value is an integer in the Excel date-serial range with no unit. */
export function looksLikeSerial(v: IndicatorValue): boolean {
  return (
    isQuantitative(v) &&
    v.unit === null &&
    Number.isInteger(v.number) &&
    v.number >= SERIAL_MIN &&
    v.number <= SERIAL_MAX &&
    !(v.numberRaw ?? "").includes(".")
  );
}

/** Excel serial (1900 date system) → "2021年12月31日". */
export function serialToDate(serial: number): string {
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86400000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** Whether JX508 reads this value as a leaked date serial (JX501 then stays silent about its unit). */
export function isDateSerialValue(ind: Indicator, v: IndicatorValue, roles: CategoryRoles, lex: CompiledLexicon): boolean {
  if (!looksLikeSerial(v)) return false;
  return nameFacts(nameOf(ind), lex).time || roles.l2Name(ind) === "时效";
}

// ---------------------------------------------------------------------------------------------
// JX503's verdict (shared with the one pass of ./analysis, which selects its candidates with it)
// ---------------------------------------------------------------------------------------------

export type SatisfactionVerdict = { messageId: "notPercent" | "belowFloor" | "upperBound" | "perfect"; v: IndicatorValue } | null;

/** What JX503 says about one value of a satisfaction indicator (null: nothing). */
export function judgeSatisfaction(v: IndicatorValue, name: string, floor: number): SatisfactionVerdict {
  if (v.kind === "empty") return null;
  if (v.kind === "qualitative" || v.number === null) return { messageId: "notPercent", v };
  if (effectiveUnit(v, name) !== "%") return { messageId: "notPercent", v };
  if (v.comparator === "≤" || v.comparator === "<") return { messageId: "upperBound", v };
  if (v.number < floor) return { messageId: "belowFloor", v };
  if (v.number === 100) return { messageId: "perfect", v };
  return null;
}
