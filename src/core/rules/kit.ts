/**
 * What every rule module uses to turn a report into a Finding: the message templates of the rule's
 * `meta.messages` are filled from `data` in both languages (ESLint style), and the cell at fault is
 * written as an A1 address.
 */
import { a1 } from "../address";
import { applyEdits } from "../fix";
import type { CellEdit, CellRef, CellValue, Finding, RuleMeta, Severity, Span, Table } from "../types";

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  /** The cell at fault. */
  at: CellRef;
  span?: Span;
  /** Overrides the rule's default severity for this finding (e.g. a threshold that makes it an error). */
  severity?: Severity;
  project?: string;
  indicator?: number;
  /** A safe edit of the cell's text: the span of `cellText` to replace and the replacement. */
  fix?: { cellText: string; span: Span; replacement: string };
  /** Explicit choices offered with the finding; their texts are message templates of `meta.messages` too. */
  suggestions?: SuggestionDescriptor[];
}

export interface SuggestionDescriptor {
  id: string;
  messageId: string;
  data?: Record<string, string | number>;
  /** Cells written when the user picks it: what each holds now (`before`) and what it gets. */
  edits: { at: CellRef; before: CellValue; after: CellValue }[];
}

/** Fill `{name}` placeholders; unknown placeholders are left as written. */
export function fillTemplate(template: string, data: Record<string, string | number> | undefined): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(data, key) ? String(data[key]) : whole,
  );
}

export function report(meta: RuleMeta, table: Table, d: ReportDescriptor): Finding {
  const template = meta.messages[d.messageId];
  if (!template) throw new Error(`rule ${meta.id} has no message "${d.messageId}"`);
  const cell = a1(d.at);
  const finding: Finding = {
    ruleId: meta.id,
    ruleName: meta.name,
    messageId: d.messageId,
    category: meta.category,
    severity: d.severity ?? meta.severity,
    sheet: table.sheet,
    cell,
    row: d.at.row,
    col: d.at.col,
    message: fillTemplate(template.zh, d.data),
    messageEn: fillTemplate(template.en, d.data),
  };
  if (d.span) finding.span = { start: d.span.start, end: d.span.end };
  if (d.project !== undefined) finding.project = d.project;
  if (d.indicator !== undefined) finding.indicator = d.indicator;
  if (d.suggestions && d.suggestions.length > 0) {
    finding.suggestions = d.suggestions.map((sg) => {
      const t = meta.messages[sg.messageId];
      if (!t) throw new Error(`rule ${meta.id} has no message "${sg.messageId}"`);
      const edits: CellEdit[] = sg.edits.map((e) => ({ row: e.at.row, col: e.at.col, cell: a1(e.at), before: e.before, after: e.after }));
      return { id: sg.id, message: fillTemplate(t.zh, sg.data), messageEn: fillTemplate(t.en, sg.data), edits };
    });
  }
  if (d.fix) {
    const edit = { span: d.fix.span, replacement: d.fix.replacement };
    finding.fix = { cell, span: edit.span, replacement: edit.replacement, text: applyEdits(d.fix.cellText, [edit]).text };
  }
  return finding;
}

/**
 * A cell's text for a message: as is up to `max` UTF-16 code units, else its first `max` and "…", never cut
 * between the two halves of a surrogate pair (an emoji or a rare CJK character would become a lone surrogate).
 */
export function quoteText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  const next = s.charCodeAt(end);
  if (last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) end--;
  return s.slice(0, end) + "…";
}

/** Format a number of 万元 the way the tables print it (two decimals). */
export function money(n: number): string {
  return n.toFixed(2);
}
