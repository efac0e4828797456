/**
 * JX503 satisfaction: a 满意度 indicator (its 二级 belongs to the satisfaction 一级 of the profile, or its
 * name holds a satisfaction word such as 满意度/满意率; 不满意率 is not one) takes a percentage of at least
 * `thresholds.satisfactionFloor` (80 by default).
 *
 * - `notPercent` (warning): the value is not a percentage (`良好`, `4.5分`); a bare number is accepted
 *   as a percentage when the name carries `（%）`.
 * - `belowFloor` (warning): the percentage is below the floor (`≥70%`).
 * - `upperBound` (warning): written as a ceiling (`≤90%`).
 * - `perfect` (info): exactly 100% (`100%`, `=100%`, `≥100%`): reviewers often question it.
 *
 * One finding per indicator: the first value at fault (实施周期指标值 first).
 */
import type { Finding, Rule, RuleMeta } from "../types";
import { forEachCandidate } from "./analysis";
import { report } from "./kit";
import { CategoryRoles, compiledLexicon, judgeSatisfaction, nameFacts, nameOf, shown, type SatisfactionVerdict } from "./b-shared";

const meta: RuleMeta = {
  id: "JX503",
  name: "satisfaction",
  category: "value",
  severity: "warning",
  description: {
    zh: "满意度指标值应为百分比，且一般不低于满意度下限（默认80%）；目标为100%时评审常会质疑。",
    en: "A satisfaction value is a percentage, normally at least the floor (80% by default); 100% is often questioned.",
  },
  messages: {
    notPercent: {
      zh: "满意度指标“{name}”的指标值“{value}”不是百分比",
      en: "The value \"{value}\" of the satisfaction indicator \"{name}\" is not a percentage",
    },
    belowFloor: {
      zh: "满意度指标“{name}”的指标值“{value}”低于{floor}%",
      en: "The value \"{value}\" of the satisfaction indicator \"{name}\" is below {floor}%",
    },
    upperBound: {
      zh: "满意度指标“{name}”的指标值“{value}”写成了上限，应为“≥{floor}%”之类的下限",
      en: "The value \"{value}\" of the satisfaction indicator \"{name}\" is written as a ceiling; use a floor such as \"≥{floor}%\"",
    },
    perfect: {
      zh: "满意度目标为100%，评审常会质疑（指标“{name}”，指标值“{value}”）",
      en: "A satisfaction target of 100% is often questioned by reviewers (\"{name}\", value \"{value}\")",
    },
  },
  tags: ["value", "satisfaction"],
  fixable: false,
};

export const rule: Rule = {
  meta,
  check(table, options) {
    const lex = compiledLexicon();
    const roles = new CategoryRoles(options.profile);
    const floor = options.thresholds.satisfactionFloor;
    const out: Finding[] = [];
    forEachCandidate(table, options, "JX503", (project, ind) => {
      const name = nameOf(ind);
      const facts = nameFacts(name, lex);
      if (!facts.satisfaction && (name.includes("不满意") || roles.role(ind) !== "satisfaction")) return;
      let verdict: SatisfactionVerdict = null;
      for (const v of [ind.period, ind.annual]) {
        if (!v) continue;
        const j = judgeSatisfaction(v, name, floor);
        // A warning on either value wins over an info on the other.
        if (j && (!verdict || (verdict.messageId === "perfect" && j.messageId !== "perfect"))) verdict = j;
      }
      if (!verdict) return;
      const { messageId, v } = verdict;
      out.push(
        report(meta, table, {
          messageId,
          severity: messageId === "perfect" ? "info" : "warning",
          data: { name, value: shown(v), floor },
          at: v.cell,
          span: v.span,
          project: project.name,
          indicator: ind.index,
        }),
      );
    });
    return out;
  },
};
