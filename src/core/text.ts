/**
 * Small host-free text helpers shared by the grammar and the model: line breaks, spaces, full-width digits.
 * Everything works on UTF-16 code units and never allocates per character.
 */

/** Line-break code units: LF, CR, VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR. */
export function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 11 || c === 12 || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** Horizontal spaces: space, tab, no-break space, ideographic (full-width) space, and the rarer Unicode spaces. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 0x3000 || (c >= 0x1680 && isRareSpace(c));
}

/** The rarer Unicode horizontal spaces (ogham, en/em/thin/hair spaces, narrow no-break, math space) and the BOM. */
function isRareSpace(c: number): boolean {
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0xfeff;
}


/** Value of an ASCII or full-width digit code unit, -1 otherwise. */
export function digitValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 0xff10 && c <= 0xff19) return c - 0xff10;
  return -1;
}

export function isDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19);
}

const LINE_BREAKS = /[\n\r\v\f\u0085\u2028\u2029]+/g;
const HAS_LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;



/** Remove every line break (the PDF's breaks fall anywhere, even inside words). */
export function stripLineBreaks(s: string): string {
  return HAS_LINE_BREAK.test(s) ? s.replace(LINE_BREAKS, "") : s;
}


/**
 * A text with its line breaks removed, and the way back: `map[i]` is the offset in the original text of
 * character `i` of `s`. `map` is null when the text had no line break (then offsets are equal).
 */
export interface Unbroken {
  s: string;
  map: Int32Array | null;
}

export function unbreak(raw: string): Unbroken {
  if (!HAS_LINE_BREAK.test(raw)) return { s: raw, map: null };
  const s = raw.replace(LINE_BREAKS, "");
  const map = new Int32Array(s.length);
  // Fill run by run: the characters between two runs of breaks map to consecutive offsets.
  let j = 0;
  let from = 0;
  LINE_BREAKS.lastIndex = 0;
  for (let hit = LINE_BREAKS.exec(raw); hit !== null; hit = LINE_BREAKS.exec(raw)) {
    for (let i = from; i < hit.index; i++) map[j++] = i;
    from = hit.index + hit[0].length;
  }
  for (let i = from; i < raw.length; i++) map[j++] = i;
  return { s, map };
}
