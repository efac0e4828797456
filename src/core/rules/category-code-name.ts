/**
 * JX301 category-code-name: the code and the name of a 一级/二级 must denote the same category
 * (`2-产出指标` and `12-数量指标` are wrong).
 */
import type { CategoryPart, Finding, Indicator, Rule, RuleMeta } from "../types";
import { categoryResolver, forEachCandidate, present } from "./analysis";
import { report } from "./kit";

// The memoised category look-ups live with the shared pass; re-exported for the rules that used them from here.
export { categoryResolver, present } from "./analysis";
export type { CategoryResolver, L1Match, L2Match } from "./analysis";

/** The category as written, for messages: `1-产出指标`, `产出指标`, `1-`. */
export function label(part: CategoryPart): string {
  return part.code !== null ? `${part.code}-${part.name}` : part.name;
}

/** What an indicator is numbered as in messages: its sequence number, else its position + 1. */
export function ordinal(ind: Indicator): number {
  return ind.seq ?? ind.index + 1;
}

const meta: RuleMeta = {
  id: "JX301",
  name: "category-code-name",
  category: "structure",
  severity: "error",
  description: {
    zh: "一级、二级指标的编码与名称应一致（如“1-产出指标”“11-数量指标”）。",
    en: "The code and the name of a level-1/level-2 category must agree (e.g. 1-产出指标, 11-数量指标).",
  },
  messages: {
    l1: {
      zh: "一级指标“{label}”编码与名称不一致：编码 {code} 是“{codeName}”，而“{name}”的编码是 {nameCode}",
      en: "Level-1 category \"{label}\": code and name disagree: code {code} is \"{codeName}\" but \"{name}\" has code {nameCode}",
    },
    l2: {
      zh: "二级指标“{label}”编码与名称不一致：编码 {code} 是“{codeName}”，而“{name}”的编码是 {nameCode}",
      en: "Level-2 category \"{label}\": code and name disagree: code {code} is \"{codeName}\" but \"{name}\" has code {nameCode}",
    },
  },
  tags: ["category"],
  fixable: false,
};

export const rule: Rule = {
  meta,
  check(table, options) {
    const out: Finding[] = [];
    const cats = categoryResolver(options.profile);
    // Candidates: indicators whose 一级 or 二级 code and name denote different categories (see ./analysis).
    forEachCandidate(table, options, "JX301", (p, ind) => {
      const l1 = ind.l1;
      const a = l1 && present(l1) ? cats.l1(l1) : null;
      if (a && a.byCode && a.byName && a.byCode.code !== a.byName.code && l1 && l1.code !== null && l1.name !== "") {
        out.push(
          report(meta, table, {
            messageId: "l1",
            at: l1.cell,
            span: l1.span,
            project: p.name,
            indicator: ind.index,
            data: { label: label(l1), code: l1.code, codeName: a.byCode.name, name: l1.name, nameCode: a.byName.code },
          }),
        );
      }
      const l2 = ind.l2;
      const b = l2 && present(l2) ? cats.l2(l2) : null;
      if (b && b.byCode && b.byName && b.byCode.l2.code !== b.byName.l2.code && l2 && l2.code !== null && l2.name !== "") {
        out.push(
          report(meta, table, {
            messageId: "l2",
            at: l2.cell,
            span: l2.span,
            project: p.name,
            indicator: ind.index,
            data: { label: label(l2), code: l2.code, codeName: b.byCode.l2.name, name: l2.name, nameCode: b.byName.l2.code },
          }),
        );
      }
    });
    return out;
  },
};
