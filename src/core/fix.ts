import type { Span } from "./types";

export interface TextEdit {
  span: Span;
  replacement: string;
}

/**
 * Apply several edits to one cell's text (the shared fix applier). Edits are given against the
 * original text; overlapping edits are skipped (the first one, in start order, wins) and reported.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: TextEdit[]; skipped: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const applied: TextEdit[] = [];
  const skipped: TextEdit[] = [];
  let cursor = 0;
  for (const e of sorted) {
    if (e.span.start < cursor || e.span.end > text.length || e.span.start > e.span.end) {
      skipped.push(e);
      continue;
    }
    applied.push(e);
    cursor = e.span.end;
  }
  let out = "";
  let pos = 0;
  for (const e of applied) {
    out += text.slice(pos, e.span.start) + e.replacement;
    pos = e.span.end;
  }
  out += text.slice(pos);
  return { text: out, applied, skipped };
}
