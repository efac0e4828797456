/**
 * JX302 l2-parent: the 二级 must belong to its 一级 (`1-产出指标；22-社会效益` is wrong). Each label is read
 * as what it denotes: by its code when the code is present and agrees with the name, else by its name
 * (when code and name disagree JX301 reports that, and the name is taken as the writer's intent).
 */
import type { Finding, Level1Def, Level2Def, Rule, RuleMeta } from "../types";
import { categoryResolver, forEachCandidate, present, type L1Match, type L2Match } from "./analysis";
import { label } from "./category-code-name";
import { report } from "./kit";

/** The 一级 a label denotes: by name when the name is known (it equals the code's when both agree), else by code. */
export function denotedL1(m: L1Match): Level1Def | null {
  return m.byName ?? m.byCode;
}

export function denotedL2(m: L2Match): { l1: Level1Def; l2: Level2Def } | null {
  return m.byName ?? m.byCode;
}

const meta: RuleMeta = {
  id: "JX302",
  name: "l2-parent",
  category: "structure",
  severity: "error",
  description: {
    zh: "二级指标应归属于所填的一级指标（如“22-社会效益指标”只能在“2-效益指标”下）。",
    en: "The level-2 category must belong to its level-1 category (e.g. 22-社会效益指标 only under 2-效益指标).",
  },
  messages: {
    wrongParent: {
      zh: "二级指标“{l2}”属于一级指标“{parent}”，不应放在一级指标“{l1}”下",
      en: "Level-2 category \"{l2}\" belongs to level-1 \"{parent}\", not to \"{l1}\"",
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
    // Candidates: indicators whose 二级 and 一级 denote different parents (see ./analysis).
    forEachCandidate(table, options, "JX302", (p, ind) => {
      const l1 = ind.l1;
      const l2 = ind.l2;
      if (!present(l1) || !present(l2)) return;
      const d1 = denotedL1(cats.l1(l1));
      const d2 = denotedL2(cats.l2(l2));
      if (!d1 || !d2 || d2.l1.code === d1.code) return;
      out.push(
        report(meta, table, {
          messageId: "wrongParent",
          at: l2.cell,
          span: l2.span,
          project: p.name,
          indicator: ind.index,
          data: { l2: label(l2), parent: `${d2.l1.code}-${d2.l1.name}`, l1: label(l1) },
        }),
      );
    });
    return out;
  },
};
