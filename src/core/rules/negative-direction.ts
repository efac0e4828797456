/**
 * JX504 negative-direction: an indicator whose 三级 name holds a negative-direction word of the lexicon
 * (投诉, 事故, 争议, 逾期, 差错…) is a ceiling: it takes ≤, < or =0, never ≥ or > (`投诉次数 ≥5次`).
 *
 * Whether a name is negative is the catalogue's call (`findNegativeWord`: the lexicon's words read in
 * context, so `投诉处理率`, `故障问题及时解决完成率`, `挽回经济损失`, `能耗下降率` are not negative). On top of it,
 * a name whose only negative word is itself a reduction (`下降`, e.g. `单位能耗同比下降 ≥5%`) states a
 * planned decrease, the larger the better: not negative either.
 * `编外人员劳动争议次数 0次` (no comparator) is fine.
 *
 * One finding per indicator, at the first value written with ≥ or >.
 */
import type { Finding, Rule, RuleMeta } from "../types";
import { forEachCandidate } from "./analysis";
import { report } from "./kit";
import { compiledLexicon, nameFacts, nameOf, shown } from "./b-shared";

const meta: RuleMeta = {
  id: "JX504",
  name: "negative-direction",
  category: "value",
  severity: "warning",
  description: {
    zh: "反向指标（投诉、事故、争议、逾期、差错等）应使用“≤”“<”或“=0”，不应使用“≥”“>”。",
    en: "A negative-direction indicator (complaints, accidents, disputes, delays, errors…) takes ≤, < or =0, never ≥ or >.",
  },
  messages: {
    lowerBound: {
      zh: "“{name}”是反向指标（含“{word}”），指标值“{value}”不应使用“{comparator}”，应使用“≤”或“<”",
      en: "\"{name}\" is a negative-direction indicator (\"{word}\"): the value \"{value}\" should not use \"{comparator}\"; use \"≤\" or \"<\"",
    },
  },
  tags: ["value", "direction"],
  fixable: false,
};

export const rule: Rule = {
  meta,
  check(table, options) {
    const lex = compiledLexicon();
    const out: Finding[] = [];
    forEachCandidate(table, options, "JX504", (project, ind) => {
      const name = nameOf(ind);
      const word = nameFacts(name, lex).negative;
      if (word === null) return;
      for (const v of [ind.period, ind.annual]) {
        if (!v || (v.comparator !== "≥" && v.comparator !== ">")) continue;
        out.push(
          report(meta, table, {
            messageId: "lowerBound",
            data: { name, word, value: shown(v), comparator: v.comparatorRaw ?? v.comparator },
            at: v.cell,
            span: v.span,
            project: project.name,
            indicator: ind.index,
          }),
        );
        return;
      }
    });
    return out;
  },
};
