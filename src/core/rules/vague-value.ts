/**
 * JX507 vague-value: a qualitative value that is vague (a lexicon vagueValues word: `有效提升`,
 * `进一步完善`, `优良`…) where a measurable target is expected.
 *
 * Decided (documented) exemptions, never vague whatever the lexicon holds:
 * - dates and periods (`2025年12月`, `2023.07-2024.01`, `12月底前`): they are the right value for 时效;
 * - clear yes/no or done/not-done values (`是`, `否`, `按时完成`, `合格`, `达标`, `通过`…): a checkable
 *   target for 时效/质量 and accepted on every 二级.
 *
 * One finding per indicator, at the first vague value (实施周期指标值 first); both values are quoted.
 */
import type { Finding, IndicatorValue, Rule, RuleMeta } from "../types";
import { forEachCandidate } from "./analysis";
import { report } from "./kit";
import { compiledLexicon, nameOf, shown } from "./b-shared";

const meta: RuleMeta = {
  id: "JX507",
  name: "vague-value",
  category: "value",
  severity: "warning",
  description: {
    zh: "指标值不应使用“有效提升”“进一步完善”“优良”等模糊表述，应尽量量化。",
    en: "A value is not a vague phrase (\"有效提升\", \"进一步完善\", \"优良\"); quantify it.",
  },
  messages: {
    vague: {
      zh: "指标“{name}”的指标值“{value}”表述模糊（“{word}”），应尽量量化（实施周期指标值“{period}”，年度指标值“{annual}”）",
      en: "The value \"{value}\" of \"{name}\" is vague (\"{word}\"); quantify it (period \"{period}\", annual \"{annual}\")",
    },
  },
  tags: ["value", "qualitative"],
  fixable: false,
};

/** A date or period: `2025年12月`, `2025年12月31日前`, `2023.07-2024.01`, `12月底前`, `2024-06-30`. */
const DATE_LIKE = /^(?:\d{4}\s*(?:年|[.\-/])\s*\d{1,2}|\d{1,2}\s*月|\d{4}\s*年|第?[一二三四1-4]\s*季度)/;
/** Clear yes/no or done/not-done values. */
const YES_NO = new Set([
  "是", "否", "有", "无", "按时", "按期", "及时", "按时完成", "按期完成", "如期完成", "及时完成", "按时按质完成",
  "完成", "已完成", "全部完成", "合格", "达标", "通过", "符合", "符合要求", "符合标准", "达到要求", "达到标准",
]);

function clearValue(text: string): boolean {
  const t = text.replace(/[\s\u3000。.；;]+/g, "");
  return YES_NO.has(t) || DATE_LIKE.test(t);
}

export const rule: Rule = {
  meta,
  check(table, options) {
    const re = compiledLexicon().vague;
    if (!re) return [];
    const out: Finding[] = [];
    forEachCandidate(table, options, "JX507", (project, ind) => {
      for (const v of [ind.period, ind.annual] as (IndicatorValue | null)[]) {
        if (!v || v.kind !== "qualitative") continue;
        const text = v.text ?? v.raw.replace(/[\r\n]+/g, "").trim();
        if (clearValue(text)) continue;
        const m = re.exec(text);
        if (!m) continue;
        out.push(
          report(meta, table, {
            messageId: "vague",
            data: {
              name: nameOf(ind),
              value: text,
              word: m[0],
              period: shown(ind.period) || "（无）",
              annual: shown(ind.annual) || "（无）",
            },
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
