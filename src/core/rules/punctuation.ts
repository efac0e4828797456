/**
 * JX403 punctuation: what the tolerant grammar forgave, reported so the text can be brought to the
 * canonical form the product writes (the seed's: full-width `、；。`, half-width `:` after 指标值,
 * comparators `≥ ≤ = > <`).
 *
 * - half-width `;` `,` `.` where the canonical has `；、。` → info `halfwidth`;
 * - full-width `：` after 指标值 → info `colon`;
 * - no `。` at the end of an item → info `terminator`;
 * - a look-alike comparator (`>=`, `≧`, `＝`, `不低于`…) → warning `comparator`, fixed to the canonical one.
 *
 * Line breaks inside tokens (PDF-style) are harmless: no finding. The punctuation notes are reported in
 * the published layout only (they are located in the 绩效指标 cell); comparators are read from the
 * values themselves, so they are reported in both layouts, in the value's own cell.
 */
import type { Finding, GrammarNote, IndicatorValue, Rule, RuleMeta, Span } from "../types";
import { forEachCandidate } from "./analysis";
import { report } from "./kit";
import { absolute, cellTextOf, locateLoose } from "./b-shared";

const meta: RuleMeta = {
  id: "JX403",
  name: "punctuation",
  category: "indicator",
  severity: "info",
  description: {
    zh: "绩效指标应使用规范标点（全角“、；。”，指标值后半角“:”）和规范比较符（≥ ≤ = > <）。",
    en: "Indicators use the canonical punctuation (full-width 、；。, half-width : after 指标值) and comparators (≥ ≤ = > <).",
  },
  messages: {
    halfwidth: {
      zh: "半角标点“{found}”应为全角“{canonical}”",
      en: "Half-width \"{found}\" should be the full-width \"{canonical}\"",
    },
    colon: {
      zh: "指标值后的全角冒号“{found}”应为半角“{canonical}”",
      en: "The full-width colon \"{found}\" after 指标值 should be the half-width \"{canonical}\"",
    },
    terminator: {
      zh: "第{seq}条指标“{name}”末尾缺少句号“。”",
      en: "Indicator {seq} \"{name}\" does not end with \"。\"",
    },
    comparator: {
      zh: "指标值“{value}”中的比较符“{found}”不规范，应写作“{canonical}”",
      en: "The comparator \"{found}\" in the value \"{value}\" is non-standard; write \"{canonical}\"",
    },
  },
  tags: ["indicator", "format"],
  fixable: true,
};

const NOTE_MESSAGE: Partial<Record<GrammarNote["kind"], "halfwidth" | "colon" | "terminator">> = {
  "halfwidth-punctuation": "halfwidth",
  "fullwidth-colon": "colon",
  "missing-terminator": "terminator",
};

/** Canonical text when a note does not say it. */
const FALLBACK_CANONICAL: Record<string, string> = { ";": "；", ",": "、", ".": "。", "：": ":" };

function within(s: Span, outer: Span): boolean {
  return s.start >= outer.start && s.end <= outer.end;
}

export const rule: Rule = {
  meta,
  check(table, options) {
    const out: Finding[] = [];
    const published = table.layout === "published";
    forEachCandidate(table, options, "JX403", (project, ind) => {
      // Punctuation notes: published layout, in the 绩效指标 cell.
      if (published) {
        const cellText = cellTextOf(project, ind.whole);
        for (const note of ind.notes) {
          const messageId = NOTE_MESSAGE[note.kind];
          if (!messageId) continue;
          const found = cellText !== null ? cellText.slice(note.span.start, note.span.end) : "";
          const canonical = note.canonical ?? (messageId === "terminator" ? "。" : FALLBACK_CANONICAL[found.trim()]);
          out.push(
            report(meta, table, {
              messageId,
              severity: "info",
              data: {
                found,
                canonical: canonical ?? "",
                seq: ind.seq ?? ind.index + 1,
                name: ind.name ? ind.name.text : "",
              },
              at: ind.whole.cell,
              span: { start: note.span.start, end: note.span.end },
              project: project.name,
              indicator: ind.index,
              fix: canonical !== undefined && cellText !== null ? { cellText, span: note.span, replacement: canonical } : undefined,
            }),
          );
        }
      }
      // Look-alike comparators, from the values (both layouts).
      for (const v of [ind.period, ind.annual]) {
        if (!v || !v.comparator || !v.comparatorRaw || v.comparatorRaw === v.comparator) continue;
        const span = comparatorSpan(v, ind.notes, published);
        const cellText = cellTextOf(project, v);
        out.push(
          report(meta, table, {
            messageId: "comparator",
            severity: "warning",
            data: { value: v.raw.replace(/[\r\n]+/g, "").trim(), found: v.comparatorRaw, canonical: v.comparator },
            at: v.cell,
            span: span ?? v.span,
            project: project.name,
            indicator: ind.index,
            fix: span && cellText !== null ? { cellText, span, replacement: v.comparator } : undefined,
          }),
        );
      }
    });
    return out;
  },
};

/** Where the written comparator sits in the value's cell: the grammar's note when it has one, else found in the text. */
function comparatorSpan(v: IndicatorValue, notes: readonly GrammarNote[], published: boolean): Span | null {
  if (published) {
    for (const n of notes) if (n.kind === "lookalike-comparator" && within(n.span, v.span)) return n.span;
  }
  const rel = locateLoose(v.raw, v.comparatorRaw ?? "");
  return rel ? absolute(v, rel) : null;
}
