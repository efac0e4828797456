/**
 * Amount cells (总计 / 财政拨款 / 财政专户拨款 / 其他资金): what kind of value a host gave us and the
 * number it stands for. Host-free; every regular expression is compiled once, at module load.
 */
import type { Amount, AmountKind, CellRef, CellValue } from "./types";

/** Excel error values as hosts report them (Office.js and exceljs both give the code as text). */
export const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!",
  "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!",
]);

/** Full-width ASCII block (！..～) → half-width. */
const FULLWIDTH_RE = /[\uff01-\uff5e]/g;
/** A plain decimal number, optionally with thousands separators in their proper places. */
const NUMBER_RE = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)$/;
const CURRENCY_PREFIX_RE = /^(?:¥|￥|RMB|CNY|\$)\s*/i;
const UNIT_SUFFIX_RE = /\s*(万元|千元|亿元|元)$/;
const MINUS_SIGNS_RE = /[\u2212\u2012\u2013]/g;
/** Quoted text, escapes and bracketed sections of a number format (colours, locales, conditions). */
const FORMAT_NOISE_RE = /"[^"]*"|\\.|_.|\*.|\[[^\]]*\]/g;
const DATE_FORMAT_RE = /[ymdhs]|aaa/i;
const GENERAL_RE = /General/gi;
/** A sheet uses a handful of formats: remember the verdict for each. */
const DATE_FORMAT_CACHE = new Map<string, boolean>();

const UNIT_FACTORS: Record<string, number> = { 元: 1, 千元: 1000, 万元: 10000, 亿元: 100000000 };

/** Exactly JavaScript's `\s` (which includes U+3000, U+00A0 and U+FEFF). */
function isSpaceCode(ch: number): boolean {
  return ch === 32 || (ch >= 9 && ch <= 13) || ch === 0xa0 || ch === 0x3000 || ch === 0xfeff || ch === 0x1680 ||
    (ch >= 0x2000 && ch <= 0x200a) || ch === 0x2028 || ch === 0x2029 || ch === 0x202f || ch === 0x205f;
}

/** Only white space (or nothing). */
export function isBlankText(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isSpaceCode(s.charCodeAt(i))) return false;
  return true;
}

/** Trim every kind of white space, full-width spaces included. */
export function trimAll(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isSpaceCode(s.charCodeAt(start))) start++;
  while (end > start && isSpaceCode(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** True for an Excel number format that displays dates or times (`yyyy-mm-dd`, `h:mm`, `[$-804]aaaa`…). */
export function isDateFormat(format: string | null | undefined): boolean {
  if (!format) return false;
  let known = DATE_FORMAT_CACHE.get(format);
  if (known === undefined) {
    const f = format.replace(FORMAT_NOISE_RE, "").replace(GENERAL_RE, "");
    known = f !== "@" && DATE_FORMAT_RE.test(f);
    if (DATE_FORMAT_CACHE.size < 1000) DATE_FORMAT_CACHE.set(format, known);
  }
  return known;
}

/** Text is an Excel error code (`#REF!`, `#N/A`…). */
export function isErrorText(s: string): boolean {
  const t = trimAll(s);
  return t.length > 1 && t.charCodeAt(0) === 35 /* # */ && EXCEL_ERRORS.has(t.toUpperCase());
}

/**
 * Read text as a number of `moneyUnit` (default 万元): `35.08`, ` 1,234.50 `, `３５．０８`, `¥12.00`,
 * `-3`, `(12.00)` (accounting negative), `12.00万元` (converted when the unit differs: `1200元` in a 万元
 * table is 0.12). Null when the text is not a number.
 */
export function parseNumberText(text: string, moneyUnit = "万元"): number | null {
  let s = trimAll(text);
  if (s === "") return null;
  s = s.replace(FULLWIDTH_RE, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(MINUS_SIGNS_RE, "-");
  let negative = false;
  if (s.length > 2 && s.charCodeAt(0) === 40 /* ( */ && s.charCodeAt(s.length - 1) === 41 /* ) */) {
    negative = true;
    s = trimAll(s.slice(1, -1));
  }
  let factor = 1;
  const unit = UNIT_SUFFIX_RE.exec(s);
  if (unit) {
    s = s.slice(0, unit.index);
    const to = UNIT_FACTORS[moneyUnit] ?? UNIT_FACTORS["万元"];
    factor = UNIT_FACTORS[unit[1]] / to;
  }
  if (s.charCodeAt(0) === 45 /* - */ || s.charCodeAt(0) === 43 /* + */) {
    // sign before the currency symbol: -¥12.00
    const sign = s[0];
    const rest = s.slice(1).replace(CURRENCY_PREFIX_RE, "");
    s = sign + rest;
  } else {
    s = s.replace(CURRENCY_PREFIX_RE, "");
  }
  const m = NUMBER_RE.exec(s);
  if (!m) return null;
  let n = Number(m[2].replace(/,/g, ""));
  if (!Number.isFinite(n)) return null;
  if (m[1] === "-") n = -n;
  if (negative) n = -n;
  if (factor !== 1) n = Math.round(n * factor * 1e8) / 1e8;
  return n;
}

export interface AmountOptions {
  /** The cell's number format: a number shown as a date is a date, not an amount. */
  numberFormat?: string | null;
  /** The table's money unit, for text such as `1200元`. Default 万元. */
  moneyUnit?: string;
}

/** Classify one amount cell. */
export function classifyAmount(raw: CellValue, cell: CellRef, options: AmountOptions = {}): Amount {
  return amountOf(raw, cell, options.numberFormat, options.moneyUnit);
}

/** `classifyAmount` without the options object (the model calls it for every amount cell). */
export function amountOf(raw: CellValue, cell: CellRef, numberFormat?: string | null, moneyUnit?: string): Amount {
  let kind: AmountKind;
  let value: number | null = null;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) kind = "error";
    else if (numberFormat && isDateFormat(numberFormat)) kind = "text";
    else {
      kind = "number";
      value = raw;
    }
  } else if (raw === null || raw === undefined) {
    kind = "blank";
  } else if (typeof raw === "string") {
    if (isBlankText(raw)) kind = "blank";
    else if (isErrorText(raw)) kind = "error";
    else {
      value = parseNumberText(raw, moneyUnit);
      kind = value === null ? "text" : "text-number";
    }
  } else {
    // booleans and dates
    kind = "text";
  }
  return { kind, value, raw, cell };
}
