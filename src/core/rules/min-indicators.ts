/** JX204 min-indicators: a project with fewer than `thresholds.minIndicators` indicators (but at least one). */
import type { Finding, Rule, RuleMeta } from "../types";
import { indicatorsCellOf } from "./indicators-missing";
import { report } from "./kit";

const meta: RuleMeta = {
  id: "JX204",
  name: "min-indicators",
  category: "completeness",
  severity: "warning",
  description: {
    zh: "每个项目的绩效指标不宜少于规定个数（默认 3 个）。",
    en: "A project should have at least the minimum number of indicators (3 by default).",
  },
  messages: {
    tooFew: {
      zh: "项目“{project}”只有 {count} 个绩效指标，少于 {min} 个",
      en: "Project \"{project}\" has only {count} indicator(s), fewer than {min}",
    },
  },
  tags: ["completeness"],
  fixable: false,
};

export const rule: Rule = {
  meta,
  check(table, options) {
    const out: Finding[] = [];
    const min = options.thresholds.minIndicators;
    for (const p of table.projects) {
      const count = p.indicators.length;
      if (count === 0 || count >= min) continue;
      out.push(
        report(meta, table, { messageId: "tooFew", at: indicatorsCellOf(table, p), project: p.name, data: { project: p.name, count, min } }),
      );
    }
    return out;
  },
};
