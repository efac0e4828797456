/**
 * The indicator grammar: a tolerant parser for the published layout's 绩效指标 cell, the single-cell
 * parsers of the structured layout, and the canonical writer.
 *
 *   item  := N "、" L1 "；" L2 "；" NAME "；" "实施周期指标值" ":" VALUE "；" "年度指标值" ":" VALUE "。"
 *
 * How it works: line breaks (which the PDF puts anywhere, even inside words) are removed first, keeping
 * a map back to the original offsets; the unbroken text is cut into items at sequence numbers that are
 * followed by a category; each item is cut into fields at `；`/`;` and the fields are assigned to
 * 一级/二级/三级/values by their labels, their look and their position. Every part keeps its exact
 * span in the original text, and whatever had to be forgiven is recorded as a GrammarNote.
 * One pass over the text plus a few sticky regexes at candidate positions: linear time.
 */
import type {
  CategoryPart,
  CellRef,
  Comparator,
  GrammarNote,
  GrammarNoteKind,
  Indicator,
  IndicatorValue,
  NamePart,
  Span,
  TextPart,
  ValueKind,
} from "./types";
import * as T from "./text";

// Local bindings of the hot character tests: a module namespace accessed per character costs a getter
// call under some transpilers (CommonJS interop), which is most of the time of a 50,000-indicator sheet.
const digitValue = T.digitValue;
const isDigit = T.isDigit;
const isSpace = T.isSpace;
const unbreak = T.unbreak;

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

// ---------------------------------------------------------------------------------------------
// Lexical tables
// ---------------------------------------------------------------------------------------------

/** Canonical labels of the two values, as the writer prints them. */
export const PERIOD_LABEL = "实施周期指标值";
export const ANNUAL_LABEL = "年度指标值";

/** Comparators as written → canonical. Longest first within each leading character. */
const COMPARATOR_WORDS: ReadonlyArray<readonly [string, Comparator]> = [
  ["≥", "≥"], ["≤", "≤"], ["=", "="], [">", ">"], ["<", "<"],
  [">=", "≥"], ["=>", "≥"], ["<=", "≤"], ["=<", "≤"], ["≧", "≥"], ["≦", "≤"], ["⩾", "≥"], ["⩽", "≤"],
  ["＞＝", "≥"], ["＜＝", "≤"], ["＞=", "≥"], ["＜=", "≤"], ["＝", "="], ["＞", ">"], ["＜", "<"],
  ["==", "="],
  ["大于等于", "≥"], ["大于或等于", "≥"], ["不低于", "≥"], ["不少于", "≥"], ["不小于", "≥"], ["至少", "≥"],
  ["小于等于", "≤"], ["小于或等于", "≤"], ["不高于", "≤"], ["不超过", "≤"], ["不多于", "≤"], ["不大于", "≤"],
  ["大于", ">"], ["高于", ">"], ["超过", ">"], ["多于", ">"],
  ["小于", "<"], ["低于", "<"], ["少于", "<"],
  ["等于", "="],
];
const CANONICAL_COMPARATORS = new Set<string>(["≥", "≤", "=", ">", "<"]);

/** First code unit → candidates, longest first. */
const COMPARATOR_INDEX: Map<number, Array<readonly [string, Comparator]>> = (() => {
  const m = new Map<number, Array<readonly [string, Comparator]>>();
  for (const w of COMPARATOR_WORDS) {
    const c = w[0].charCodeAt(0);
    let list = m.get(c);
    if (!list) m.set(c, (list = []));
    list.push(w);
  }
  for (const list of m.values()) list.sort((a, b) => b[0].length - a[0].length);
  return m;
})();

/** 一级 names (after removing 指标) recognised without a code. */
const LEVEL1_WORDS = new Set(["产出", "效益", "效果", "满意度", "成本", "项目完成"]);
/** Any category name (after removing 指标) recognised without a code: 一级, 二级, pseudo-categories. */
const CATEGORY_WORDS = new Set([
  ...LEVEL1_WORDS,
  "数量", "质量", "时效", "成本", "经济效益", "社会效益", "生态效益", "可持续影响", "服务对象满意度",
  "社会公众或服务对象满意度", "社会公众满意度", "经济成本", "社会成本", "生态环境成本", "制度", "过程", "决策",
]);

/**
 * Can the text s[a, b) after a number be its unit? Not when it holds a digit (2025年12月, 2023.07-2024.01),
 * starts like a range or a date (-, ~, 至, ., /, :), or marks a deadline (12月底前: 前 底 末 初 旬).
 */
function isUnit(s: string, a: number, b: number): boolean {
  switch (s.charCodeAt(a)) {
    case 45: case 0xff0d: case 0x2014: case 0x2013: case 126: case 0xff5e: case 0x301c: // - － — – ~ ～ 〜
    case 0x81f3: case 0x5230: case 46: case 0xff0e: case 47: case 0xff0f: case 58: case 0xff1a: // 至 到 . ． / ／ : ：
      return false;
  }
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c) || c === 0x524d || c === 0x5e95 || c === 0x672b || c === 0x521d || c === 0x65ec) return false; // 前 底 末 初 旬
  }
  return true;
}

const WS = "[ \\t\\u3000\\u00a0]";
/** At the start of an item's content: a category (`1-产出指标；`, `产出指标；`). */
const CATEGORY_AHEAD = new RegExp(
  `(?:[0-9０-９]{1,3}${WS}*[-－—–‐]${WS}*[^0-9０-９；;。 \\t\\u3000\\u00a0][^；;。]{0,30}` +
    `|(?:产出|效益|效果|满意度|成本|项目完成)[^；;。]{0,30})[；;]`,
  "y",
);
/** At the start of an item's content: any field closed by a separator. */
const FIELD_AHEAD = /[^；;。]{1,80}[；;]/y;
/**
 * After `N、`: a first field closed by a separator, or by 。 (an item of one field). The half-width `.` a table
 * may end that item with is no stop for FIELD_AHEAD, which then runs on into the next item and finds its ；:
 * without this, `1、文字.2、…` would start an item where `1、文字。2、…` (its safe fix) would not.
 */
const ITEM_FIELD_AHEAD = /[^；;。]{1,80}[；;。]/y;
function isDash(c: number): boolean {
  return c === 45 || c === 0xff0d || c === 0x2014 || c === 0x2013 || c === 0x2010; // - － — – ‐
}

/**
 * A code in front of a category (`22-`) or of a 三级 name (`00-`) at a: 1–3 digits, spaces, a dash.
 * Returns the end of the dash (before any space after it), or -1.
 */
function codeDashEnd(s: string, a: number, b: number): number {
  let q = a;
  while (q < b && q - a < 4 && isDigit(s.charCodeAt(q))) q++;
  const n = q - a;
  if (n === 0 || n > 3) return -1;
  while (q < b && isSpace(s.charCodeAt(q))) q++;
  return q < b && isDash(s.charCodeAt(q)) ? q + 1 : -1;
}

function codeOf(s: string, a: number): string {
  let q = a;
  while (q < s.length && s.charCodeAt(q) >= 48 && s.charCodeAt(q) <= 57) q++;
  if (!isDigit(s.charCodeAt(q))) return s.slice(a, q); // ASCII digits only: the common case
  let code = "";
  for (let q = a; ; q++) {
    const d = digitValue(s.charCodeAt(q));
    if (d < 0) return code;
    code += String.fromCharCode(48 + d);
  }
}

// ---------------------------------------------------------------------------------------------
// Source: the unbroken text and the way back to the cell's offsets
// ---------------------------------------------------------------------------------------------

/** What every part of one parse points into: the cell's text as given, its cell, and the offset of that text in the cell. */
class CellText {
  constructor(
    readonly text: string,
    readonly cell: CellRef,
    readonly off: number,
  ) {}
}

/**
 * A located piece of text. To keep a 50,000-indicator sheet light for the garbage collector, a part
 * holds only where it points (`_at`, and `_a`/`_b`: offsets into `_at.text`); `raw`, `cell` and `span`
 * are prototype getters computed on demand (`span` is a fresh object on every read: callers may keep it).
 * The subclasses add their own (eager) fields, so each kind of part has one fixed shape.
 */
class Part implements TextPart {
  constructor(
    readonly _at: CellText,
    readonly _a: number,
    readonly _b: number,
  ) {}
  get raw(): string {
    return this._at.text.slice(this._a, this._b);
  }
  get cell(): CellRef {
    return this._at.cell;
  }
  get span(): Span {
    const o = this._at.off;
    return { start: this._a + o, end: this._b + o };
  }
}

/**
 * The whole text a part of this grammar was parsed from, when it was parsed from the start of that text
 * (offset 0: the model passes whole cell texts, so this is the cell's text, trailing spaces and line breaks
 * included); null for any other part (one a caller built, or one parsed from a piece of its cell).
 */
export function sourceTextOf(part: TextPart): string | null {
  return part instanceof Part && part._at.off === 0 ? part._at.text : null;
}

class Category extends Part implements CategoryPart {
  constructor(
    at: CellText,
    a: number,
    b: number,
    readonly code: string | null,
    readonly name: string,
  ) {
    super(at, a, b);
  }
}

class Name extends Part implements NamePart {
  constructor(
    at: CellText,
    a: number,
    b: number,
    readonly text: string,
    readonly codePrefix: string | null,
  ) {
    super(at, a, b);
  }
}

class Value extends Part implements IndicatorValue {
  constructor(
    at: CellText,
    a: number,
    b: number,
    readonly kind: ValueKind,
    readonly comparator: Comparator | null,
    readonly comparatorRaw: string | null,
    readonly number: number | null,
    readonly numberRaw: string | null,
    readonly unit: string | null,
    readonly text: string | null,
  ) {
    super(at, a, b);
  }
}

/** What a 一级/二级 label says, whatever its place: shared by every item that writes the same text. */
class CatLabel {
  constructor(
    readonly code: string | null,
    readonly name: string,
  ) {}
}

/** What a 三级 name says, whatever its place (shared likewise). */
class NameFacts {
  constructor(
    readonly text: string,
    readonly codePrefix: string | null,
  ) {}
}

/** What a value says, whatever its place (shared likewise); `lookalike` > 0: length of a lookalike comparator to note. */
class ValueFacts {
  constructor(
    readonly kind: ValueKind,
    readonly comparator: Comparator | null,
    readonly comparatorRaw: string | null,
    readonly number: number | null,
    readonly numberRaw: string | null,
    readonly unit: string | null,
    readonly text: string | null,
    readonly lookalike: number,
  ) {}
}

/**
 * An item of a published 绩效指标 cell. To keep a 50,000-indicator sheet light for the garbage collector
 * (it used to keep ~13 objects per indicator), an item holds no part objects: for each part it keeps the
 * part's location-independent facts (a CatLabel, NameFacts or ValueFacts, usually shared with every other
 * item of the sheet that writes the same text, see `intern`) and its raw offsets [a, b) in `_at.text`.
 * The parts themselves (`l1`, `l2`, `name`, `period`, `annual`, `whole`, `seqPart`) are prototype getters
 * that build a fresh, short-lived part on every read: equal by value, not by identity. The item is
 * [_wa, _wb); its number, when it has one, starts the item and ends at `_sb` (-1: no number).
 */
class Item implements Indicator {
  constructor(
    readonly index: number,
    readonly _at: CellText,
    readonly _wa: number,
    readonly _wb: number,
    readonly seq: number | null,
    readonly _sb: number,
    readonly _l1: CatLabel | null,
    readonly _l1a: number,
    readonly _l1b: number,
    readonly _l2: CatLabel | null,
    readonly _l2a: number,
    readonly _l2b: number,
    readonly _nm: NameFacts | null,
    readonly _nma: number,
    readonly _nmb: number,
    readonly _pv: ValueFacts | null,
    readonly _pva: number,
    readonly _pvb: number,
    readonly _av: ValueFacts | null,
    readonly _ava: number,
    readonly _avb: number,
    public notes: GrammarNote[],
  ) {}
  get whole(): TextPart {
    return new Part(this._at, this._wa, this._wb);
  }
  get seqPart(): TextPart | null {
    return this._sb < 0 ? null : new Part(this._at, this._wa, this._sb);
  }
  get l1(): CategoryPart | null {
    const f = this._l1;
    return f === null ? null : new Category(this._at, this._l1a, this._l1b, f.code, f.name);
  }
  get l2(): CategoryPart | null {
    const f = this._l2;
    return f === null ? null : new Category(this._at, this._l2a, this._l2b, f.code, f.name);
  }
  get name(): NamePart | null {
    const f = this._nm;
    return f === null ? null : new Name(this._at, this._nma, this._nmb, f.text, f.codePrefix);
  }
  get period(): IndicatorValue | null {
    const f = this._pv;
    return f === null ? null : valueOfFacts(this._at, this._pva, this._pvb, f);
  }
  get annual(): IndicatorValue | null {
    const f = this._av;
    return f === null ? null : valueOfFacts(this._at, this._ava, this._avb, f);
  }
}

/** A category part without its location: what the rules' shared pass reads. */
export type CategoryFacts = Pick<CategoryPart, "code" | "name">;
/** A 三级 name without its location. */
export type NameFactsLike = Pick<NamePart, "text" | "codePrefix">;
/** A value without its location. */
export type ValueFactsLike = Omit<IndicatorValue, keyof TextPart>;

/*
 * The parts of an indicator without their location, for the rules' shared pass (rules/analysis.ts), which
 * reads every part of every indicator: for a parsed item, its shared facts, so that the pass builds no part;
 * for any other indicator (structured layout, tests), the part itself.
 */
export function l1Facts(ind: Indicator): CategoryFacts | null {
  return ind instanceof Item ? ind._l1 : ind.l1;
}
export function l2Facts(ind: Indicator): CategoryFacts | null {
  return ind instanceof Item ? ind._l2 : ind.l2;
}
export function nameFactsOf(ind: Indicator): NameFactsLike | null {
  return ind instanceof Item ? ind._nm : ind.name;
}
export function periodFacts(ind: Indicator): ValueFactsLike | null {
  return ind instanceof Item ? ind._pv : ind.period;
}
export function annualFacts(ind: Indicator): ValueFactsLike | null {
  return ind instanceof Item ? ind._av : ind.annual;
}

function valueOfFacts(at: CellText, a: number, b: number, f: ValueFacts): Value {
  return new Value(at, a, b, f.kind, f.comparator, f.comparatorRaw, f.number, f.numberRaw, f.unit, f.text);
}

/**
 * Facts by the exact (unbroken, trimmed) text they were read from, across parses: a sheet repeats a
 * handful of category labels and many names and values, so most parts of most items share one object.
 * Each table is emptied when it reaches INTERN_MAX entries, so a sheet of all-distinct texts costs no
 * more than before. The facts depend on the unbroken text alone, never on where it sits (ValueFacts with a
 * comparator broken by a line break are the exception and bypass the map: see valueFactsAt).
 */
const INTERN_MAX = 4096;

/**
 * A small open-addressing hash table from a text to its facts, looked up by a range of the unbroken text
 * itself (hash and comparison over its code units), so that a hit allocates nothing: no key string is
 * sliced out of the cell for a look-up, only for an insertion.
 */
class InternTable<T> {
  private keys: (string | undefined)[] = new Array(2 * INTERN_MAX);
  private vals: (T | undefined)[] = new Array(2 * INTERN_MAX);
  private count = 0;
  /** Slot where the last missed look-up would insert (see `add`). */
  private slot = 0;

  /** The facts of s[a, b), or undefined (then `add` the facts of that same text next). */
  get(s: string, a: number, b: number): T | undefined {
    let h = 0x811c9dc5 ^ (b - a);
    for (let i = a; i < b; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    const mask = this.keys.length - 1;
    const n = b - a;
    for (let k = (h ^ (h >>> 15)) & mask; ; k = (k + 1) & mask) {
      const key = this.keys[k];
      if (key === undefined) {
        this.slot = k;
        return undefined;
      }
      if (key.length === n) {
        let i = 0;
        while (i < n && key.charCodeAt(i) === s.charCodeAt(a + i)) i++;
        if (i === n) return this.vals[k];
      }
    }
  }

  /** Add the facts of the text the last `get` missed (`key` is that text). */
  add(key: string, val: T): void {
    if (this.count >= INTERN_MAX) {
      // Half full at most, so probes stay short; a sheet of all-distinct texts just starts over.
      this.keys.fill(undefined);
      this.vals.fill(undefined);
      this.count = 0;
      this.get(key, 0, key.length);
    }
    this.keys[this.slot] = key;
    this.vals[this.slot] = val;
    this.count++;
  }
}

const catLabels = new InternTable<CatLabel>();
const nameFacts = new InternTable<NameFacts>();
const valueFacts = new InternTable<ValueFacts>();

/** Trimmed unbroken bounds of the last part read by catLabelAt / nameFactsAt / valueFactsAt. */
let partA = 0;
let partB = 0;

class Source {
  readonly s: string;
  readonly at: CellText;
  private readonly map: Int32Array | null;
  constructor(
    readonly raw: string,
    readonly cell: CellRef,
    readonly off: number,
  ) {
    const u = unbreak(raw);
    this.s = u.s;
    this.map = u.map;
    this.at = new CellText(raw, cell, off);
  }
  /** Raw offset of unbroken char `a` (start of a span). */
  rs(a: number): number {
    if (this.map === null) return a;
    return a < this.s.length ? this.map[a]! : this.raw.length;
  }
  /** Raw offset just after unbroken char `b - 1` (end of a span). */
  re(b: number): number {
    if (this.map === null) return b;
    return b <= 0 ? 0 : this.map[b - 1]! + 1;
  }
  /** Raw start of the span of unbroken [a, b); zero-width spans sit right after the previous character. */
  rawStart(a: number, b: number): number {
    return b <= a ? this.re(a) : this.rs(a);
  }
  /** Raw end of the span of unbroken [a, b). */
  rawEnd(a: number, b: number): number {
    return b <= a ? this.re(a) : this.re(b);
  }
  /** Span of unbroken [a, b) (in the cell's offsets). */
  span(a: number, b: number): Span {
    return { start: this.rawStart(a, b) + this.off, end: this.rawEnd(a, b) + this.off };
  }
  /** Zero-width span at the raw position of unbroken char `a` (before any line break preceding it). */
  pointBefore(a: number): Span {
    const p = this.rs(a) + this.off;
    return { start: p, end: p };
  }
  /** The raw text (line breaks kept) of unbroken [a, b), a non-empty range; `unbroken` is its text without breaks. */
  rawText(a: number, b: number, unbroken: string): string {
    return this.map === null ? unbroken : this.raw.slice(this.rs(a), this.re(b));
  }
  /** Does the raw text of unbroken [a, b) (a non-empty range) hold a line break? */
  breaksIn(a: number, b: number): boolean {
    return this.map !== null && this.re(b) - this.rs(a) !== b - a;
  }
  /** The unbroken text of [a, b). */
  text(a: number, b: number): string {
    return this.s.slice(a, b);
  }
  private termAt = -2;
  private termFrom = 0;
  private fullSemiAt = -2;
  private fullSemiFrom = 0;
  private halfSemiAt = -2;
  private halfSemiFrom = 0;
  /**
   * Next 。 at or after p and before b, or -1. Native indexOf with the last answer remembered: the
   * parser asks in increasing order, so a whole text costs one scan (no quadratic rescans).
   */
  nextTerminator(p: number, b: number): number {
    if (this.termAt === -2 || p < this.termFrom || (this.termAt >= 0 && this.termAt < p)) {
      this.termAt = this.s.indexOf("。", p);
      this.termFrom = p;
    }
    return this.termAt >= 0 && this.termAt < b ? this.termAt : -1;
  }
  /** Next ； or ; at or after p and before b, or -1 (same memo as nextTerminator). */
  nextSeparator(p: number, b: number): number {
    if (this.fullSemiAt === -2 || p < this.fullSemiFrom || (this.fullSemiAt >= 0 && this.fullSemiAt < p)) {
      this.fullSemiAt = this.s.indexOf("；", p);
      this.fullSemiFrom = p;
    }
    if (this.halfSemiAt === -2 || p < this.halfSemiFrom || (this.halfSemiAt >= 0 && this.halfSemiAt < p)) {
      this.halfSemiAt = this.s.indexOf(";", p);
      this.halfSemiFrom = p;
    }
    const f = this.fullSemiAt;
    const h = this.halfSemiAt;
    const q = f < 0 ? h : h < 0 ? f : f < h ? f : h;
    return q >= 0 && q < b ? q : -1;
  }
  /** First non-space at or after a (before b). */
  skip(a: number, b: number): number {
    const s = this.s;
    while (a < b && isSpace(s.charCodeAt(a))) a++;
    return a;
  }
  /** End after trimming trailing spaces of [a, b). */
  trimEnd(a: number, b: number): number {
    const s = this.s;
    while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
    return b;
  }
}

function note(src: Source, notes: GrammarNote[], kind: GrammarNoteKind, a: number, b: number, canonical?: string): void {
  const n: GrammarNote = { kind, span: src.span(a, b) };
  if (canonical !== undefined) n.canonical = canonical;
  notes.push(n);
}

// ---------------------------------------------------------------------------------------------
// Single parts
// ---------------------------------------------------------------------------------------------

function matchComparator(s: string, p: number, b: number): readonly [string, Comparator] | null {
  const list = COMPARATOR_INDEX.get(s.charCodeAt(p));
  if (!list) return null;
  for (const w of list) {
    if (p + w[0].length <= b && s.startsWith(w[0], p)) return w;
  }
  return null;
}

/** Scan a number at p: sign, digits (thousands commas allowed), decimals. Returns its end or -1. */
function scanNumber(s: string, p: number, b: number): number {
  let q = p;
  const c0 = s.charCodeAt(q);
  if ((c0 === 45 || c0 === 0xff0d || c0 === 43) && q + 1 < b && isDigit(s.charCodeAt(q + 1))) q++;
  if (q >= b || !isDigit(s.charCodeAt(q))) return -1;
  while (q < b) {
    const c = s.charCodeAt(q);
    if (isDigit(c)) {
      q++;
    } else if (
      (c === 44 || c === 0xff0c) &&
      q + 3 < b &&
      isDigit(s.charCodeAt(q + 1)) &&
      isDigit(s.charCodeAt(q + 2)) &&
      isDigit(s.charCodeAt(q + 3)) &&
      (q + 4 >= b || !isDigit(s.charCodeAt(q + 4)))
    ) {
      q += 4;
    } else break;
  }
  const c = s.charCodeAt(q);
  if (q + 1 < b && (c === 46 || c === 0xff0e) && isDigit(s.charCodeAt(q + 1))) {
    q += 2;
    while (q < b && isDigit(s.charCodeAt(q))) q++;
  }
  return q;
}

/** The value of a number as scanned by scanNumber (full-width digits, thousands commas, ．, －). */
function numberOf(raw: string): number {
  let plain = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 45 || c === 43)) {
      plain = false;
      break;
    }
  }
  if (plain) {
    if (raw.length < 16) {
      let v = 0;
      let i = 0;
      for (; i < raw.length; i++) {
        const c = raw.charCodeAt(i);
        if (c < 48 || c > 57) break;
        v = v * 10 + (c - 48);
      }
      if (i === raw.length) return v;
    }
    return Number(raw);
  }
  let t = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const d = digitValue(c);
    if (d >= 0) t += String.fromCharCode(48 + d);
    else if (c === 0xff0e) t += ".";
    else if (c === 0xff0d) t += "-";
    else if (c !== 44 && c !== 0xff0c) t += raw[i];
  }
  return Number(t);
}

/** The facts of a value in unbroken [a, b) (already without its label); sets partA/partB. */
function valueFactsAt(src: Source, a: number, b: number): ValueFacts {
  a = src.skip(a, b);
  b = src.trimEnd(a, b);
  partA = a;
  partB = b;
  if (a >= b) return EMPTY_VALUE;
  const known = valueFacts.get(src.s, a, b);
  // Facts in the map were read where the comparator had no line break inside: not these, when this one has.
  if (known !== undefined && (known.comparatorRaw === null || !src.breaksIn(a, a + known.comparatorRaw.length))) return known;
  const f = readValue(src, a, b);
  const key = src.s.slice(a, b);
  // comparatorRaw keeps a line break written inside the comparator (then the key, which has none, does not
  // start with it): such facts belong to this place alone and stay out of the map.
  if (f.comparatorRaw === null || key.startsWith(f.comparatorRaw)) {
    valueFacts.add(key, f);
  }
  return f;
}

const EMPTY_VALUE = new ValueFacts("empty", null, null, null, null, null, null, 0);

/** Read the value in trimmed, non-empty unbroken [a, b). */
function readValue(src: Source, a: number, b: number): ValueFacts {
  const s = src.s;
  const cmp = matchComparator(s, a, b);
  const q = cmp ? src.skip(a + cmp[0].length, b) : a;
  const numEnd = q < b ? scanNumber(s, q, b) : -1;
  if (numEnd > 0) {
    const u0 = src.skip(numEnd, b);
    if (u0 >= b || isUnit(s, u0, b)) {
      const numberRaw = s.slice(q, numEnd);
      const number = numberOf(numberRaw);
      if (Number.isFinite(number)) {
        let comparator: Comparator | null = null;
        let comparatorRaw: string | null = null;
        let lookalike = 0;
        if (cmp) {
          comparator = cmp[1];
          comparatorRaw = src.rawText(a, a + cmp[0].length, cmp[0]); // cmp[0] matched there
          if (!CANONICAL_COMPARATORS.has(cmp[0])) lookalike = cmp[0].length;
        }
        const unit = u0 < b ? s.slice(u0, b) : null;
        return new ValueFacts("quantitative", comparator, comparatorRaw, number, numberRaw, unit, null, lookalike);
      }
    }
  }
  return new ValueFacts("qualitative", null, null, null, null, null, src.text(a, b), 0);
}

/** A value in unbroken [a, b) (already without its label). Lookalike comparators are noted. */
function valueAt(src: Source, a: number, b: number, notes: GrammarNote[] | null): IndicatorValue {
  const f = valueFactsAt(src, a, b);
  if (notes && f.lookalike > 0) note(src, notes, "lookalike-comparator", partA, partA + f.lookalike, f.comparator!);
  return valueOfFacts(src.at, src.rawStart(partA, partB), src.rawEnd(partA, partB), f);
}

/** The label of a category in unbroken [a, b); sets partA/partB. */
function catLabelAt(src: Source, a: number, b: number): CatLabel {
  a = src.skip(a, b);
  b = src.trimEnd(a, b);
  partA = a;
  partB = b;
  let l = catLabels.get(src.s, a, b);
  if (l === undefined) {
    const dash = codeDashEnd(src.s, a, b);
    let code: string | null = null;
    let nameStart = a;
    if (dash >= 0) {
      code = codeOf(src.s, a);
      nameStart = src.skip(dash, b);
    }
    l = new CatLabel(code, src.text(nameStart, b));
    catLabels.add(src.text(a, b), l);
  }
  return l;
}

function categoryAt(src: Source, a: number, b: number): CategoryPart {
  const l = catLabelAt(src, a, b);
  return new Category(src.at, src.rawStart(partA, partB), src.rawEnd(partA, partB), l.code, l.name);
}

/** The facts of a 三级 name in unbroken [a, b); sets partA/partB. */
function nameFactsAt(src: Source, a: number, b: number): NameFacts {
  a = src.skip(a, b);
  b = src.trimEnd(a, b);
  partA = a;
  partB = b;
  let f = nameFacts.get(src.s, a, b);
  if (f === undefined) {
    const text = src.text(a, b);
    const s = src.s;
    const dash = codeDashEnd(s, a, b);
    const codePrefix = dash >= 0 && dash < b && !isDigit(s.charCodeAt(dash)) ? src.text(a, dash) : null;
    f = new NameFacts(text, codePrefix);
    nameFacts.add(text, f);
  }
  return f;
}

function nameAt(src: Source, a: number, b: number): NamePart {
  const f = nameFactsAt(src, a, b);
  return new Name(src.at, src.rawStart(partA, partB), src.rawEnd(partA, partB), f.text, f.codePrefix);
}

/** Does unbroken [a, b) (trimmed) look like a category: a code and a dash, or a known category name? */
function looksLikeCategory(src: Source, a: number, b: number): boolean {
  const dash = codeDashEnd(src.s, a, b);
  if (dash >= 0) {
    const q = src.skip(dash, b);
    if (q < b && !isDigit(src.s.charCodeAt(q))) return true;
  }
  return CATEGORY_WORDS.has(stripSuffix(src.text(a, b)));
}

function stripSuffix(name: string): string {
  return name.endsWith("指标") ? name.slice(0, -2) : name;
}

/** 1 or 2 for a category field, by its code length or its name; 0 when unknown. */
function levelOf(c: CatLabel): number {
  if (c.code !== null) return c.code.length === 1 ? 1 : 2;
  const n = stripSuffix(c.name);
  if (LEVEL1_WORDS.has(n)) return 1;
  return CATEGORY_WORDS.has(n) ? 2 : 0;
}

/** Match `word` at p allowing spaces between its characters. Returns the end or -1. */
function matchWord(s: string, p: number, b: number, word: string): number {
  let q = p;
  for (let i = 0; i < word.length; i++) {
    if (i > 0) while (q < b && isSpace(s.charCodeAt(q))) q++;
    if (q >= b || s.charCodeAt(q) !== word.charCodeAt(i)) return -1;
    q++;
  }
  return q;
}

/** labelAt's answer besides its return value: where the value starts, and a full-width colon to note (-1: none). */
let labelValueStart = 0;
let labelFullColon = -1;
const NO_LABEL = 0;
const PERIOD = 1;
const ANNUAL = 2;

/** Full labels take an optional colon; short ones (实施周期值, 年度指标…) need one, so names like 年度指标完成率 stay names. */
const PERIOD_LABELS: ReadonlyArray<readonly [string, boolean]> = [
  ["实施周期指标值", false], ["实施周期指标", true], ["实施周期值", true],
];
const ANNUAL_LABELS: ReadonlyArray<readonly [string, boolean]> = [["年度指标值", false], ["年度指标", true], ["年度值", true]];
const ANNUAL_LABELS_BEN: ReadonlyArray<readonly [string, boolean]> = [["本年度指标值", false]];

/** Match `word` at a exactly (the common case) or with spaces inside. Returns the end or -1. */
function matchLabelWord(s: string, a: number, b: number, word: string): number {
  const n = word.length;
  if (a + n <= b) {
    let i = 1;
    while (i < n && s.charCodeAt(a + i) === word.charCodeAt(i)) i++;
    if (i === n) return a + n;
  }
  return matchWord(s, a, b, word);
}

/** The label at a: NO_LABEL, PERIOD or ANNUAL; sets labelValueStart and labelFullColon. No allocation. */
function labelAt(s: string, a: number, b: number): number {
  const c = s.charCodeAt(a);
  const labels = c === 0x5b9e ? PERIOD_LABELS : c === 0x5e74 ? ANNUAL_LABELS : c === 0x672c ? ANNUAL_LABELS_BEN : null; // 实 年 本
  if (labels === null) return NO_LABEL;
  const kind = c === 0x5b9e ? PERIOD : ANNUAL;
  for (let k = 0; k < labels.length; k++) {
    const word = labels[k]![0];
    const needColon = labels[k]![1];
    const e = matchLabelWord(s, a, b, word);
    if (e < 0) continue;
    let q = e;
    while (q < b && isSpace(s.charCodeAt(q))) q++;
    const cc = q < b ? s.charCodeAt(q) : -1;
    if (cc === 58 /* : */ || cc === 0xff1a /* ： */ || cc === 0x2236 /* ∶ */) {
      labelValueStart = q + 1;
      labelFullColon = cc === 58 ? -1 : q;
      return kind;
    }
    if (!needColon) {
      labelValueStart = e;
      labelFullColon = -1;
      return kind;
    }
  }
  return NO_LABEL;
}

// ---------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------

/**
 * Item starts found by findStarts, four numbers each in a scratch array reused across parses (no object
 * per start): at 4k the first digit of the sequence number, at 4k+1 the end of its digits, at 4k+2 the
 * 、 / . / ． after it, at 4k+3 its value.
 */
let starts: Int32Array = new Int32Array(4 * 64);
const ST_START = 0;
const ST_DIGITS_END = 1;
const ST_DELIM = 2;
const ST_SEQ = 3;

function isTerminatorLike(c: number): boolean {
  return c === 0x3002 || c === 46 || c === 0xff0e; // 。 . ．
}

/** Item starts: a sequence number, 、 (or . ．), then a category; see the module comment. Returns their count. */
function findStarts(s: string): number {
  let count = 0;
  let prev = 0;
  const n = s.length;
  // Candidates in order: the next 、, . and ． each found by native indexOf (much faster than a loop over every
  // character), the nearest taken first.
  let dun = s.indexOf("、", 1);
  let dot = s.indexOf(".", 1);
  let wdot = s.indexOf("．", 1);
  for (;;) {
    let i: number;
    if (dun >= 0 && (dot < 0 || dun < dot) && (wdot < 0 || dun < wdot)) {
      i = dun;
      dun = s.indexOf("、", i + 1);
    } else if (dot >= 0 && (wdot < 0 || dot < wdot)) {
      i = dot;
      dot = s.indexOf(".", i + 1);
    } else if (wdot >= 0) {
      i = wdot;
      wdot = s.indexOf("．", i + 1);
    } else break;
    let j = i;
    while (j > 0 && isSpace(s.charCodeAt(j - 1))) j--;
    let k = j;
    while (k > 0 && isDigit(s.charCodeAt(k - 1))) k--;
    if (k === j || j - k > 4) continue;
    let m = k;
    while (m > 0 && isSpace(s.charCodeAt(m - 1))) m--;
    const pc = m > 0 ? s.charCodeAt(m - 1) : -1;
    const strongT = m === 0 || isTerminatorLike(pc);
    const strongS = pc === 0xff1b || pc === 59; // ； ;
    let seq = 0;
    for (let q = k; q < j; q++) seq = seq * 10 + digitValue(s.charCodeAt(q));
    let content = i + 1;
    while (content < n && isSpace(s.charCodeAt(content))) content++;
    CATEGORY_AHEAD.lastIndex = content;
    const cat = CATEGORY_AHEAD.test(s);
    let ok = cat && (strongT || strongS || seq === prev + 1);
    if (!ok && strongT) {
      const field = s.charCodeAt(i) === 0x3001 ? ITEM_FIELD_AHEAD : FIELD_AHEAD;
      field.lastIndex = content;
      ok = field.test(s);
    }
    if (ok) {
      if (4 * count + 4 > starts.length) {
        const grown = new Int32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      const o = 4 * count++;
      starts[o + ST_START] = k;
      starts[o + ST_DIGITS_END] = j;
      starts[o + ST_DELIM] = i;
      starts[o + ST_SEQ] = seq;
      prev = seq;
    }
  }
  return count;
}

/**
 * Scratch space for the fields of the item being parsed (start, end, label, value start, full colon),
 * reused across items so that parsing allocates only what it returns.
 */
let fieldCap = 32;
let fA: Int32Array = new Int32Array(fieldCap);
let fB: Int32Array = new Int32Array(fieldCap);
let fKind: Int32Array = new Int32Array(fieldCap);
let fValue: Int32Array = new Int32Array(fieldCap);
let fColon: Int32Array = new Int32Array(fieldCap);

function growFields(): void {
  fieldCap *= 2;
  const grow = (x: Int32Array): Int32Array => {
    const y = new Int32Array(fieldCap);
    y.set(x);
    return y;
  };
  fA = grow(fA);
  fB = grow(fB);
  fKind = grow(fKind);
  fValue = grow(fValue);
  fColon = grow(fColon);
}

/**
 * Most items have no note: they all share this frozen empty array instead of one each (the parser
 * gives an item its own array when it adds a note later: see addNote).
 */
const NO_NOTES: GrammarNote[] = Object.freeze([]) as unknown as GrammarNote[];
/** Scratch list for the notes of the item being built, copied out only when not empty. */
const itemNotes: GrammarNote[] = [];

function addNote(it: Indicator, n: GrammarNote): void {
  if (it.notes === NO_NOTES) it.notes = [n];
  else it.notes.push(n);
}

/** Unbroken offset just after the item buildItem parsed last (after its terminator). */
let builtEnd = 0;

/** Parse the item in unbroken [a, b). `st`: offset of its start in `starts`, -1 for an item without a number. */
function buildItem(src: Source, a: number, b: number, st: number, index: number): Indicator {
  const s = src.s;
  const notes = itemNotes;
  if (notes.length !== 0) notes.length = 0; // setting length is a runtime call even when it is 0 already
  let seqB = -1;
  let p: number;
  let itemStart: number;
  let seq: number | null = null;
  if (st >= 0) {
    itemStart = starts[st + ST_START]!;
    seqB = src.rawEnd(itemStart, starts[st + ST_DIGITS_END]!);
    const delim = starts[st + ST_DELIM]!;
    if (s.charCodeAt(delim) !== 0x3001) note(src, notes, "halfwidth-punctuation", delim, delim + 1, "、");
    p = delim + 1;
    seq = starts[st + ST_SEQ]!;
  } else {
    itemStart = src.skip(a, b);
    notes.push({ kind: "missing-seq", span: src.pointBefore(itemStart) });
    p = itemStart;
  }

  // Terminator: the first 。, else a trailing . or ．, else none.
  let contentEnd: number;
  let end: number;
  const t = src.nextTerminator(p, b);
  if (t >= 0) {
    contentEnd = t;
    end = t + 1;
  } else {
    const e = src.trimEnd(p, b);
    const c = e > p ? s.charCodeAt(e - 1) : -1;
    if (c === 46 || c === 0xff0e) {
      contentEnd = e - 1;
      end = e;
      note(src, notes, "halfwidth-punctuation", e - 1, e, "。");
    } else {
      contentEnd = e;
      end = e;
      note(src, notes, "missing-terminator", e, e, "。");
    }
  }

  // Fields.
  let nFields = 0;
  let fs = p;
  for (;;) {
    const sep = src.nextSeparator(fs, contentEnd);
    const q = sep < 0 ? contentEnd : sep;
    if (sep >= 0 && s.charCodeAt(sep) === 59) note(src, notes, "halfwidth-punctuation", q, q + 1, "；");
    const fa = src.skip(fs, q);
    const fb = src.trimEnd(fa, q);
    if (fa < fb) {
      if (nFields === fieldCap) growFields();
      fA[nFields] = fa;
      fB[nFields] = fb;
      const kind = labelAt(s, fa, fb);
      fKind[nFields] = kind;
      if (kind !== NO_LABEL) {
        fValue[nFields] = labelValueStart;
        fColon[nFields] = labelFullColon;
      }
      nFields++;
    }
    if (sep < 0) break;
    fs = q + 1;
  }

  let firstLabeled = -1;
  let hasP = false;
  let hasA = false;
  for (let i = 0; i < nFields; i++) {
    const k = fKind[i]!;
    if (k === NO_LABEL) continue;
    if (firstLabeled < 0) firstLabeled = i;
    if (k === PERIOD) hasP = true;
    else hasA = true;
  }
  const headLen = firstLabeled < 0 ? nFields : firstLabeled;
  let nCat: number;
  if (headLen >= (firstLabeled < 0 ? 5 : 3)) {
    nCat = 2;
  } else {
    nCat = 0;
    while (nCat < 2 && nCat < headLen && looksLikeCategory(src, fA[nCat]!, fB[nCat]!)) nCat++;
  }
  // Each part: its shared facts and its raw offsets (see Item).
  let l1: CatLabel | null = null;
  let l1a = 0;
  let l1b = 0;
  let l2: CatLabel | null = null;
  let l2a = 0;
  let l2b = 0;
  if (nCat >= 1) {
    const c0 = catLabelAt(src, fA[0]!, fB[0]!);
    const c0a = src.rawStart(partA, partB);
    const c0b = src.rawEnd(partA, partB);
    if (nCat === 2 || levelOf(c0) !== 2) {
      l1 = c0;
      l1a = c0a;
      l1b = c0b;
    } else {
      l2 = c0;
      l2a = c0a;
      l2b = c0b;
    }
    if (nCat === 2) {
      l2 = catLabelAt(src, fA[1]!, fB[1]!);
      l2a = src.rawStart(partA, partB);
      l2b = src.rawEnd(partA, partB);
    }
  }
  let name: NameFacts | null = null;
  let nma = 0;
  let nmb = 0;
  let next = nCat;
  if (nCat < headLen) {
    name = nameFactsAt(src, fA[nCat]!, fB[nCat]!);
    nma = src.rawStart(partA, partB);
    nmb = src.rawEnd(partA, partB);
    next = nCat + 1;
  }
  let period: ValueFacts | null = null;
  let pva = 0;
  let pvb = 0;
  let annual: ValueFacts | null = null;
  let ava = 0;
  let avb = 0;
  for (let i = next; i < nFields; i++) {
    const fa = fA[i]!;
    const fb = fB[i]!;
    const kind = fKind[i]!;
    let target: number; // PERIOD or ANNUAL: where the value at [va, fb) goes
    let va = fa;
    if (kind !== NO_LABEL) {
      if (kind === PERIOD ? period === null : annual === null) {
        const colon = fColon[i]!;
        if (colon >= 0) note(src, notes, "fullwidth-colon", colon, colon + 1, ":");
        target = kind;
        va = fValue[i]!;
      } else {
        note(src, notes, "extra-text", fa, fb);
        continue;
      }
    } else if (period === null && !hasP) {
      notes.push({ kind: "missing-label", span: src.pointBefore(fa), canonical: PERIOD_LABEL + ":" });
      target = PERIOD;
    } else if (annual === null && !hasA) {
      notes.push({ kind: "missing-label", span: src.pointBefore(fa), canonical: ANNUAL_LABEL + ":" });
      target = ANNUAL;
    } else {
      note(src, notes, "extra-text", fa, fb);
      continue;
    }
    const f = valueFactsAt(src, va, fb);
    if (f.lookalike > 0) note(src, notes, "lookalike-comparator", partA, partA + f.lookalike, f.comparator!);
    if (target === PERIOD) {
      period = f;
      pva = src.rawStart(partA, partB);
      pvb = src.rawEnd(partA, partB);
    } else {
      annual = f;
      ava = src.rawStart(partA, partB);
      avb = src.rawEnd(partA, partB);
    }
  }

  const ind = new Item(
    index,
    src.at,
    src.rawStart(itemStart, end),
    src.rawEnd(itemStart, end),
    seq,
    seqB,
    l1, l1a, l1b,
    l2, l2a, l2b,
    name, nma, nmb,
    period, pva, pvb,
    annual, ava, avb,
    notes.length === 0 ? NO_NOTES : notes.slice(),
  );
  builtEnd = end;
  return ind;
}

/** Index of code unit `c` in s[a, b), or -1 (bounded, unlike indexOf, so scans stay linear). */
function indexIn(s: string, c: number, a: number, b: number): number {
  for (let q = a; q < b; q++) if (s.charCodeAt(q) === c) return q;
  return -1;
}

const CATEGORY_FIRST_CHARS = new Set(["产", "效", "满", "成", "项"]);

/** Where the first category of the chunk [a, b) starts, searching up to its first separator; a when none. */
function categoryStart(src: Source, a: number, b: number): number {
  const s = src.s;
  for (let q = a; q < b; q++) {
    const c = s.charCodeAt(q);
    if (c === 0xff1b || c === 59) break;
    const candidate =
      (isDigit(c) && (q === a || !isDigit(s.charCodeAt(q - 1)))) || CATEGORY_FIRST_CHARS.has(s[q]!);
    if (!candidate) continue;
    CATEGORY_AHEAD.lastIndex = q;
    if (CATEGORY_AHEAD.test(s) && CATEGORY_AHEAD.lastIndex <= b) return q;
  }
  return a;
}

/** Is the chunk [a, b) an item without a number rather than stray text? */
function looksLikeItem(src: Source, a: number, b: number): boolean {
  const s = src.s;
  for (let q = indexIn(s, 0x6307 /* 指 */, a, b - 2); q >= 0; q = indexIn(s, 0x6307, q + 1, b - 2)) {
    if (s.charCodeAt(q + 1) === 0x6807 /* 标 */ && s.charCodeAt(q + 2) === 0x503c /* 值 */) return true;
  }
  CATEGORY_AHEAD.lastIndex = a;
  if (CATEGORY_AHEAD.test(s) && CATEGORY_AHEAD.lastIndex <= b) return true;
  let seps = 0;
  for (let q = a; q < b; q++) {
    const c = s.charCodeAt(q);
    if ((c === 0xff1b || c === 59) && ++seps >= 2) return true;
  }
  return false;
}

/**
 * Text between items (or before the first): chunks ending at 。 that look like items become items
 * without a number; other text becomes an `extra-text` note on the neighbouring item.
 */
function handleGap(src: Source, a: number, b: number, items: Indicator[], orphans: Span[]): void {
  let p = src.skip(a, b);
  while (p < b) {
    const t = src.nextTerminator(p, b);
    const chunkEnd = t >= 0 ? t + 1 : b;
    const e = src.trimEnd(p, chunkEnd);
    if (p < e) {
      if (looksLikeItem(src, p, e)) {
        // Stray text before the item's first category (（备注）1-产出指标；…) is extra text.
        const q = categoryStart(src, p, e);
        if (q > p) extra(src, p, q, items, orphans);
        items.push(buildItem(src, q, e, -1, items.length));
        const end = builtEnd;
        if (end < e) extra(src, end, e, items, orphans);
      } else {
        extra(src, p, e, items, orphans);
      }
    }
    p = src.skip(chunkEnd, b);
  }
}

function extra(src: Source, a: number, b: number, items: Indicator[], orphans: Span[]): void {
  a = src.skip(a, b);
  b = src.trimEnd(a, b);
  if (a >= b) return;
  const span = src.span(a, b);
  const last = items[items.length - 1];
  if (last) addNote(last, { kind: "extra-text", span });
  else orphans.push(span);
}

/** Delimiters next to which a line break is harmless (it is between tokens, not inside one). */
function isDelimiter(c: number): boolean {
  return (
    isSpace(c) || c === 0xff1b || c === 59 || c === 58 || c === 0xff1a || c === 0x3001 || c === 0x3002 ||
    c === 0xff0c || c === 44
  );
}

const BREAK_RUNS = /[\n\r\v\f\u0085\u2028\u2029]+/g;

/** `line-break` notes for runs of line breaks inside a token (both neighbours are token characters). */
function lineBreakNotes(raw: string, items: Indicator[]): void {
  let k = 0;
  const n = raw.length;
  BREAK_RUNS.lastIndex = 0;
  for (let hit = BREAK_RUNS.exec(raw); hit !== null; hit = BREAK_RUNS.exec(raw)) {
    const i = hit.index;
    const j = i + hit[0].length;
    if (i > 0 && j < n && !isDelimiter(raw.charCodeAt(i - 1)) && !isDelimiter(raw.charCodeAt(j))) {
      while (k < items.length && items[k]!.whole.span.end <= i) k++;
      const it = items[k];
      if (it && it.whole.span.start < i && j < it.whole.span.end) {
        addNote(it, { kind: "line-break", span: { start: i, end: j }, canonical: "" });
      }
    }
  }
}

function byStart(x: GrammarNote, y: GrammarNote): number {
  return x.span.start - y.span.start || x.span.end - y.span.end;
}

/** Parse a published-layout 绩效指标 cell. `cell` is where the text sits (for the parts' locations). */
export function parseIndicators(text: string, cell: CellRef = { row: 0, col: 0 }): Indicator[] {
  if (typeof text !== "string" || text.length === 0) return [];
  const src = new Source(text, cell, 0);
  const s = src.s;
  const a0 = src.skip(0, s.length);
  if (a0 >= s.length) return [];
  const nStarts = findStarts(s); // buildItem reads them from `starts`
  const items: Indicator[] = [];
  const orphans: Span[] = [];
  handleGap(src, 0, nStarts > 0 ? starts[ST_START]! : s.length, items, orphans);
  for (let i = 0; i < nStarts; i++) {
    const st = 4 * i;
    const b = i + 1 < nStarts ? starts[st + 4 + ST_START]! : s.length;
    items.push(buildItem(src, starts[st + ST_START]!, b, st, items.length));
    const end = builtEnd;
    if (end < b) handleGap(src, end, b, items, orphans);
  }
  if (items.length === 0) {
    // No item pattern at all (无, free prose): one indicator whose name holds the text.
    const b = src.trimEnd(a0, s.length);
    const ra = src.rawStart(a0, b);
    const rb = src.rawEnd(a0, b);
    const name = new NameFacts(src.text(a0, b), null);
    return [new Item(0, src.at, ra, rb, null, -1, null, 0, 0, null, 0, 0, name, ra, rb, null, 0, 0, null, 0, 0, [])];
  }
  if (orphans.length > 0) {
    const first = items[0]!;
    for (const o of orphans) addNote(first, { kind: "extra-text", span: o });
  }
  if (s.length !== text.length) lineBreakNotes(text, items);
  for (const it of items) if (it.notes.length > 1) it.notes.sort(byStart);
  return items;
}

// ---------------------------------------------------------------------------------------------
// Single cells of the structured layout
// ---------------------------------------------------------------------------------------------

/** Parse one value (实施周期指标值 / 年度指标值), e.g. "≥99%", ">=3条", "优良". `offset` shifts the span. */
export function parseValue(text: string, cell: CellRef, offset = 0): IndicatorValue {
  const src = new Source(text ?? "", cell, offset);
  const s = src.s;
  let a = src.skip(0, s.length);
  if (a < s.length && labelAt(s, a, s.length) !== NO_LABEL) a = labelValueStart;
  return valueAt(src, a, s.length, null);
}

/** Parse a 一级/二级 category ("1-产出指标", "22-社会效益", "产出指标"). */
export function parseCategory(text: string, cell: CellRef, offset = 0): CategoryPart {
  const src = new Source(text ?? "", cell, offset);
  return categoryAt(src, 0, src.s.length);
}

/** Parse a 三级 name ("00-专家评审通过率" keeps its prefix in `codePrefix`). */
export function parseName(text: string, cell: CellRef, offset = 0): NamePart {
  const src = new Source(text ?? "", cell, offset);
  return nameAt(src, 0, src.s.length);
}

// ---------------------------------------------------------------------------------------------
// Canonical writer
// ---------------------------------------------------------------------------------------------

/** A number in plain decimal notation (no exponent), as short as round-trips. */
export function formatNumber(n: number): string {
  const t = String(n);
  if (t.indexOf("e") < 0) return t;
  if (Number.isInteger(n)) return BigInt(n).toString();
  const neg = n < 0;
  const [mant, expS] = String(Math.abs(n)).split("e");
  const exp = Number(expS);
  const digits = mant!.replace(".", "");
  const point = mant!.indexOf(".") < 0 ? mant!.length : mant!.indexOf(".");
  const pos = point + exp;
  const body = pos <= 0 ? "0." + "0".repeat(-pos) + digits : digits.slice(0, pos) + "." + digits.slice(pos);
  return (neg ? "-" : "") + body;
}

export function formatValue(v: ValueSpec): string {
  const cmp = v.comparator ?? "";
  if (v.number !== null && v.number !== undefined) return cmp + formatNumber(v.number) + (v.unit ?? "");
  if (v.text !== null && v.text !== undefined) return cmp + v.text;
  return cmp + (v.unit ?? "");
}

function formatCategory(c: { code: string | null; name: string }): string {
  return c.code !== null && c.code !== "" ? `${c.code}-${c.name}` : c.name;
}

/** One item in the canonical form: `1、1-产出指标；13-时效指标；名称；实施周期指标值:100%；年度指标值:100%。` */
export function formatIndicator(item: IndicatorSpec): string {
  return (
    `${item.seq}、${formatCategory(item.l1)}；${formatCategory(item.l2)}；${item.name}；` +
    `${PERIOD_LABEL}:${formatValue(item.period)}；${ANNUAL_LABEL}:${formatValue(item.annual)}。`
  );
}

export function formatIndicators(items: readonly IndicatorSpec[]): string {
  return items.map(formatIndicator).join("");
}

function valueSpec(v: IndicatorValue | null): ValueSpec {
  if (!v || v.kind === "empty") return { comparator: null, number: null, unit: null, text: null };
  if (v.kind === "qualitative") return { comparator: v.comparator, number: null, unit: null, text: v.text };
  return { comparator: v.comparator, number: v.number, unit: v.unit, text: null };
}

/** The spec of a parsed indicator (missing parts become empty names / empty values; a missing seq 0). */
export function toSpec(ind: Indicator): IndicatorSpec {
  return {
    seq: ind.seq ?? 0,
    l1: ind.l1 ? { code: ind.l1.code, name: ind.l1.name } : { code: null, name: "" },
    l2: ind.l2 ? { code: ind.l2.code, name: ind.l2.name } : { code: null, name: "" },
    name: ind.name ? ind.name.text : "",
    period: valueSpec(ind.period),
    annual: valueSpec(ind.annual),
  };
}
