/**
 * JX303 unknown-category: a 一级/二级 label must be a category of the profile or one of its aliases (compared
 * without the suffix 指标). Pseudo-categories that belong to evaluation, not to a target table (制度指标,
 * 过程指标, 决策…), are errors.
 */
import { normalizeCategoryName } from "../catalog";
import type { CategoryPart, Finding, Indicator, Profile, Project, Rule, RuleMeta } from "../types";
import { categoryResolver, forEachCandidate, present } from "./analysis";
import { label } from "./category-code-name";
import { report } from "./kit";

const meta: RuleMeta = {
  id: "JX303",
  name: "unknown-category",
  category: "structure",
  severity: "warning",
  description: {
    zh: "一级、二级指标应为所选指标体系中的类别或其别名；“制度指标”“过程指标”等不属于绩效目标表。",
    en: "Level-1/level-2 labels must be categories of the chosen profile or their aliases; pseudo-categories such as 制度指标 or 过程指标 do not belong in a target table.",
  },
  messages: {
    unknown: {
      zh: "{level}“{label}”不是“{profile}”指标体系中的类别或别名",
      en: "{levelEn} \"{label}\" is neither a category nor an alias in the \"{profileEn}\" profile",
    },
    unknownCode: {
      zh: "{level}“{label}”的编码 {code} 不是“{profile}”指标体系中的编码（名称“{name}”的编码是 {nameCode}）",
      en: "{levelEn} \"{label}\": code {code} is not a code of the \"{profileEn}\" profile (\"{name}\" has code {nameCode})",
    },
    pseudo: {
      zh: "{level}“{label}”不属于绩效目标表的指标类别（“{name}”是评价用类别），请归入产出、效益或满意度指标",
      en: "{levelEn} \"{label}\" is not a category of a performance target table (\"{name}\" belongs to evaluation); file it under output, effect or satisfaction",
    },
  },
  tags: ["category"],
  fixable: false,
};

const LEVELS = {
  l1: { zh: "一级指标", en: "Level-1 category" },
  l2: { zh: "二级指标", en: "Level-2 category" },
} as const;

/** Whether a written name is a pseudo-category, memoised per profile (a sheet repeats a handful of labels). */
const pseudoCaches = new WeakMap<Profile, (name: string) => boolean>();
function pseudoTest(profile: Profile): (name: string) => boolean {
  let test = pseudoCaches.get(profile);
  if (!test) {
    const set = new Set(profile.pseudoCategories.map(normalizeCategoryName));
    const seen = new Map<string, boolean>();
    test = (name) => {
      let v = seen.get(name);
      if (v === undefined) {
        v = set.has(normalizeCategoryName(name));
        if (seen.size > 20000) seen.clear();
        seen.set(name, v);
      }
      return v;
    };
    pseudoCaches.set(profile, test);
  }
  return test;
}

type Verdict = "pseudo" | "unknown" | "unknownCode" | null;

/** What is wrong with a label, given whether its code is known and the code its name denotes (null: unknown name). */
function verdict(part: CategoryPart, codeKnown: boolean, nameCode: string | null, isPseudo: (name: string) => boolean): Verdict {
  if (nameCode !== null) return part.code !== null && !codeKnown ? "unknownCode" : null;
  if (part.name !== "") return isPseudo(part.name) ? "pseudo" : "unknown";
  return part.code !== null && !codeKnown ? "unknown" : null;
}

export const rule: Rule = {
  meta,
  check(table, options) {
    const out: Finding[] = [];
    const profile = options.profile;
    const cats = categoryResolver(profile);
    const isPseudo = pseudoTest(profile);
    const push = (p: Project, ind: Indicator, level: "l1" | "l2", part: CategoryPart, messageId: Verdict & string, nameCode: string | null) => {
      out.push(
        report(meta, table, {
          messageId,
          severity: messageId === "pseudo" ? "error" : undefined,
          at: part.cell,
          span: part.span,
          project: p.name,
          indicator: ind.index,
          data: {
            profile: profile.name.zh,
            profileEn: profile.name.en,
            level: LEVELS[level].zh,
            levelEn: LEVELS[level].en,
            label: label(part),
            name: part.name,
            code: part.code ?? "",
            nameCode: nameCode ?? "",
          },
        }),
      );
    };
    // Candidates: indicators with a label that has a verdict (see ./analysis).
    forEachCandidate(table, options, "JX303", (p, ind) => {
      const l1 = ind.l1;
      if (present(l1)) {
        const a = cats.l1(l1);
        const nameCode = a.byName ? a.byName.code : null;
        const v = verdict(l1, a.byCode !== null, nameCode, isPseudo);
        if (v) push(p, ind, "l1", l1, v, nameCode);
      }
      const l2 = ind.l2;
      if (present(l2)) {
        const b = cats.l2(l2);
        const nameCode = b.byName ? b.byName.l2.code : null;
        const v = verdict(l2, b.byCode !== null, nameCode, isPseudo);
        if (v) push(p, ind, "l2", l2, v, nameCode);
      }
    });
    return out;
  },
};
