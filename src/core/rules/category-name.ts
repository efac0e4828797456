/**
 * JX305 category-name: a 一级/二级 written in a form other than the profile's own (`code-name`), where what it
 * denotes is beyond doubt: an alias (`效果指标` → `2-效益指标`, 二级 `满意度指标` → `31-服务对象满意度指标`),
 * no code (`社会效益` → `22-社会效益指标`), a code without its name (`22-` → `22-社会效益指标`), or a name with
 * stray spaces inside. The safe fix replaces the label's span by the profile's canonical `code-name`.
 *
 * The profile's form is the canonical code and name, the suffix 指标 being optional (`22-社会效益` and
 * `31-服务对象满意度`, as the published tables and the seed write them, are the profile's form: no finding).
 * Line breaks inside a label (PDF-style) are harmless and are not reported.
 *
 * Nothing is said where another rule finds the label doubtful: code and name disagree (JX301), the 二级 does
 * not belong to the 一级 (JX302), the code or the name is unknown (JX303).
 */
import type { CategoryPart, Finding, Indicator, Project, Rule, RuleMeta } from "../types";
import { categoryResolver, certainL1, certainL2, forEachCandidate, present, verdictFor, type CategoryNameVerdict } from "./analysis";
import { cellTextOf } from "./b-shared";
import { label } from "./category-code-name";
import { report } from "./kit";

const meta: RuleMeta = {
  id: "JX305",
  name: "category-name",
  category: "structure",
  severity: "info",
  description: {
    zh: "一级、二级指标宜按指标体系的规范写法“编码-名称”填写（如“22-社会效益指标”），不用别名、不缺编码或名称；名称末尾的“指标”二字可省略。",
    en: "Level-1/level-2 categories are best written in the profile's form code-name (e.g. 22-社会效益指标), not as an alias and with both code and name; the suffix 指标 may be left out.",
  },
  messages: {
    alias: {
      zh: "{level}“{label}”是“{canonical}”的别名，规范写法为“{canonical}”",
      en: "{levelEn} \"{label}\" is an alias of \"{canonical}\"; the standard form is \"{canonical}\"",
    },
    missingCode: {
      zh: "{level}“{label}”缺少编码，规范写法为“{canonical}”",
      en: "{levelEn} \"{label}\" has no code; the standard form is \"{canonical}\"",
    },
    missingName: {
      zh: "{level}“{label}”只有编码没有名称，规范写法为“{canonical}”",
      en: "{levelEn} \"{label}\" has a code but no name; the standard form is \"{canonical}\"",
    },
    form: {
      zh: "{level}“{label}”书写不规范，规范写法为“{canonical}”",
      en: "{levelEn} \"{label}\" is not in the standard form \"{canonical}\"",
    },
  },
  tags: ["category"],
  fixable: true,
};

const LEVELS = {
  l1: { zh: "一级指标", en: "Level-1 category" },
  l2: { zh: "二级指标", en: "Level-2 category" },
} as const;

export const rule: Rule = {
  meta,
  check(table, options) {
    const out: Finding[] = [];
    const profile = options.profile;
    const cats = categoryResolver(profile);
    // A merged 一级/二级 cell of the structured layout is shared by several indicators: one finding per cell and span.
    const seen = new Set<string>();
    const push = (p: Project, ind: Indicator, level: "l1" | "l2", part: CategoryPart, def: { code: string; name: string }, verdict: CategoryNameVerdict) => {
      const key = `${part.cell.row}:${part.cell.col}:${part.span.start}:${part.span.end}`;
      if (seen.has(key)) return;
      seen.add(key);
      const canonical = `${def.code}-${def.name}`;
      const cellText = cellTextOf(p, part);
      out.push(
        report(meta, table, {
          messageId: verdict,
          at: part.cell,
          span: part.span,
          project: p.name,
          indicator: ind.index,
          data: { level: LEVELS[level].zh, levelEn: LEVELS[level].en, label: label(part), canonical },
          fix: cellText !== null ? { cellText, span: part.span, replacement: canonical } : undefined,
        }),
      );
    };
    // Candidates: indicators with a label that is certain and not in the profile's form (see ./analysis).
    forEachCandidate(table, options, "JX305", (p, ind) => {
      const l1 = ind.l1;
      const l2 = ind.l2;
      const d1 = present(l1) ? certainL1(l1, cats.l1(l1)) : null;
      const d2 = present(l2) ? certainL2(l2, cats.l2(l2)) : null;
      // JX302: the 二级 does not belong to the 一级; which of the two is meant is not ours to decide.
      if (present(l1) && present(l2)) {
        const m1 = cats.l1(l1);
        const m2 = cats.l2(l2);
        const a = m1.byName ?? m1.byCode;
        const b = m2.byName ?? m2.byCode;
        if (a && b && b.l1.code !== a.code) return;
      }
      if (l1 && d1) {
        const v = verdictFor(l1, d1);
        if (v) push(p, ind, "l1", l1, d1, v);
      }
      if (l2 && d2) {
        const v = verdictFor(l2, d2.l2);
        if (v) push(p, ind, "l2", l2, d2.l2, v);
      }
    });
    return out;
  },
};
