/** JX202 indicators-missing: every project has at least one indicator. */
import type { CellRef, Finding, Project, Rule, RuleMeta, Span, Table } from "../types";
import { quoteText, report } from "./kit";

/**
 * Where project-level indicator findings go: the project's 绩效指标 cell in the published layout, its name cell
 * in the structured layout (or when the table has no 绩效指标 column).
 */
export function indicatorsCellOf(table: Table, p: Project): CellRef {
  if (table.layout === "published") {
    if (p.indicatorsCell) return p.indicatorsCell.cell;
    const col = table.header.columns.indicators;
    if (col !== undefined) return { row: p.row, col };
  }
  return p.nameCell;
}

const meta: RuleMeta = {
  id: "JX202",
  name: "indicators-missing",
  category: "completeness",
  severity: "error",
  description: { zh: "每个项目至少应有一个绩效指标。", en: "Every project must have at least one performance indicator." },
  messages: {
    missing: {
      zh: "项目“{project}”没有任何绩效指标",
      en: "Project \"{project}\" has no performance indicator",
    },
    unreadable: {
      zh: "项目“{project}”的绩效指标无法识别为“序号、一级；二级；三级；实施周期指标值:…；年度指标值:…。”格式：“{text}”",
      en: "The indicators of project \"{project}\" cannot be read as \"N、L1；L2；name；实施周期指标值:…；年度指标值:…。\": \"{text}\"",
    },
  },
  tags: ["completeness"],
  fixable: false,
};

const MAX_QUOTE = 40;

export const rule: Rule = {
  meta,
  check(table) {
    const out: Finding[] = [];
    for (const p of table.projects) {
      if (p.indicators.length > 0) continue;
      const raw = p.indicatorsCell?.raw ?? "";
      const text = raw.trim();
      if (text === "") {
        out.push(report(meta, table, { messageId: "missing", at: indicatorsCellOf(table, p), project: p.name, data: { project: p.name } }));
      } else {
        const span: Span = { start: raw.indexOf(text[0]), end: raw.indexOf(text[0]) + text.length };
        const quoted = quoteText(text, MAX_QUOTE);
        out.push(
          report(meta, table, {
            messageId: "unreadable",
            at: indicatorsCellOf(table, p),
            span,
            project: p.name,
            data: { project: p.name, text: quoted },
          }),
        );
      }
    }
    return out;
  },
};
