/**
 * JX402 name-placeholder: a template placeholder left in the 三级 name or in a value (`**`, `XX`,
 * `指标1:`…, from the lexicon's placeholders). One finding per offending part (name, 实施周期指标值,
 * 年度指标值), at the placeholder's span.
 */
import type { Finding, Rule, RuleMeta, TextPart } from "../types";
import { forEachCandidate } from "./analysis";
import { report } from "./kit";
import { absolute, compiledLexicon, shown } from "./b-shared";

const meta: RuleMeta = {
  id: "JX402",
  name: "name-placeholder",
  category: "indicator",
  severity: "error",
  description: {
    zh: "三级指标名称和指标值中不应残留模板占位符（如“**”“XX”“指标1:”）。",
    en: "No template placeholder (\"**\", \"XX\", \"指标1:\") is left in an indicator name or value.",
  },
  messages: {
    placeholder: {
      zh: "{part}“{text}”中残留模板占位符“{placeholder}”，请填写实际内容",
      en: "The {partEn} \"{text}\" still holds the template placeholder \"{placeholder}\"; fill in the real content",
    },
  },
  tags: ["indicator", "name", "template"],
  fixable: false,
};

const PARTS: { key: "name" | "period" | "annual"; zh: string; en: string }[] = [
  { key: "name", zh: "三级指标名称", en: "indicator name" },
  { key: "period", zh: "实施周期指标值", en: "implementation-period value" },
  { key: "annual", zh: "年度指标值", en: "annual value" },
];

export const rule: Rule = {
  meta,
  check(table, options) {
    const re = compiledLexicon().placeholder;
    if (!re) return [];
    const out: Finding[] = [];
    forEachCandidate(table, options, "JX402", (project, ind) => {
      for (const p of PARTS) {
        const part: TextPart | null = ind[p.key];
        if (!part || part.raw.length === 0) continue;
        const m = re.exec(part.raw);
        if (!m) continue;
        out.push(
          report(meta, table, {
            messageId: "placeholder",
            data: { part: p.zh, partEn: p.en, text: shown(part), placeholder: m[0] },
            at: part.cell,
            span: absolute(part, { start: m.index, end: m.index + m[0].length }),
            project: project.name,
            indicator: ind.index,
          }),
        );
      }
    });
    return out;
  },
};
