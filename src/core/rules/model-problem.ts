/** JX001 model-problem: what the table model could not make sense of (a row with amounts but no name…). */
import type { Finding, Rule, RuleMeta } from "../types";
import { report } from "./kit";

const meta: RuleMeta = {
  id: "JX001",
  name: "model-problem",
  category: "structure",
  severity: "error",
  description: {
    zh: "表格结构无法识别的部分（如有金额但没有名称的行）。",
    en: "Parts of the sheet the table model could not make sense of (e.g. a row with amounts but no name).",
  },
  messages: {
    problem: { zh: "{message}", en: "{messageEn}" },
  },
  tags: ["structure"],
  fixable: false,
};

export const rule: Rule = {
  meta,
  check(table) {
    const out: Finding[] = [];
    for (const p of table.problems) {
      out.push(report(meta, table, { messageId: "problem", at: p.cell, data: { message: p.message, messageEn: p.messageEn } }));
    }
    return out;
  },
};
