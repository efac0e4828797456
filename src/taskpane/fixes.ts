/**
 * What 全部修复 will change, for its confirmation list: one line per safe fix, naming the cell and showing the
 * text around the fix before → after. A finding's `fix` gives the new text; the characters it replaces are read
 * from the parsed table (every part of an indicator knows its cell and span), so the list shows exactly what
 * the cell holds. A stored run (the ribbon's, with no table) shows the new text only.
 */
import { a1, findingKey, type Finding, type Table, type TextPart } from "../core";

/** Characters of context shown on each side of a fix. */
export const CONTEXT = 12;

export interface FixLine {
  key: string;
  finding: Finding;
  cell: string;
  /** The text around the fix as the cell holds it now, or null when unknown (no table). */
  before: string | null;
  /** The same stretch after the fix. */
  after: string;
}

/** The table's text parts in the cells of `cells` (A1), by cell: looked up once per fix, not scanned. */
function partsByCell(table: Table | null, cells: ReadonlySet<string>): Map<string, TextPart[]> {
  const byCell = new Map<string, TextPart[]>();
  if (!table || cells.size === 0) return byCell;
  const add = (part: TextPart) => {
    const cell = a1(part.cell);
    if (!cells.has(cell)) return;
    const list = byCell.get(cell);
    if (list) list.push(part);
    else byCell.set(cell, [part]);
  };
  for (const p of table.projects) {
    if (p.goal) add(p.goal);
    if (p.indicatorsCell) add(p.indicatorsCell);
    for (const ind of p.indicators) {
      for (const part of [ind.whole, ind.seqPart, ind.l1, ind.l2, ind.name, ind.period, ind.annual]) {
        if (part) add(part);
      }
    }
  }
  return byCell;
}

/** The characters a fix replaces, from a part of the table that covers its span in its cell. */
function replaced(f: Finding, parts: ReadonlyMap<string, readonly TextPart[]>): string | null {
  const fix = f.fix;
  if (!fix) return null;
  for (const p of parts.get(fix.cell) ?? []) {
    const span = p.span;
    if (span.start <= fix.span.start && fix.span.end <= span.end) {
      return p.raw.slice(fix.span.start - span.start, fix.span.end - span.start);
    }
  }
  return null;
}

function clip(text: string, from: number, to: number): string {
  const start = Math.max(0, from);
  const end = Math.min(text.length, to);
  return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
}

/** The findings with a safe fix, each with the stretch of text it changes, in the findings' order. */
export function fixLines(findings: readonly Finding[], table: Table | null): FixLine[] {
  const parts = partsByCell(table, new Set(findings.flatMap((f) => (f.fix ? [f.fix.cell] : []))));
  const lines: FixLine[] = [];
  for (const f of findings) {
    const fix = f.fix;
    if (!fix) continue;
    const { start } = fix.span;
    const endAfter = start + fix.replacement.length;
    const head = fix.text.slice(Math.max(0, start - CONTEXT), start);
    const tail = fix.text.slice(endAfter, endAfter + CONTEXT);
    const lead = start - CONTEXT > 0 ? "…" : "";
    const trail = endAfter + CONTEXT < fix.text.length ? "…" : "";
    const old = replaced(f, parts);
    lines.push({
      key: findingKey(f),
      finding: f,
      cell: fix.cell,
      before: old === null ? null : lead + head + old + tail + trail,
      after: old === null ? clip(fix.text, start - CONTEXT, endAfter + CONTEXT) : lead + head + fix.replacement + tail + trail,
    });
  }
  return lines;
}

/** Show line breaks and spaces that a fix touches (a removed line break would otherwise be invisible). */
export function visible(text: string): string {
  return text.replace(/\r\n|\n|\r/g, "↵");
}
