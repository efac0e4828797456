/**
 * JX301 category-code-name: the code and the name of a 一级/二级 must denote the same category
 * (`2-产出指标` and `12-数量指标` are wrong). Also home of the memoised category lookups the structure and
 * completeness rules share.
 */
import { matchLevel1, matchLevel2 } from "../catalog";
import type { CategoryPart, Finding, Indicator, Level1Def, Level2Def, Profile, Rule, RuleMeta, Table } from "../types";
import { report } from "./kit";

export type L1Match = { byCode: Level1Def | null; byName: Level1Def | null };
export type L2Match = {
  byCode: { l1: Level1Def; l2: Level2Def } | null;
  byName: { l1: Level1Def; l2: Level2Def } | null;
};

export interface CategoryResolver {
  l1(part: CategoryPart): L1Match;
  l2(part: CategoryPart): L2Match;
}

const MAX_CACHED = 20000;
const resolvers = new WeakMap<Profile, CategoryResolver>();

/** Catalogue lookups memoised per profile: a 50,000-indicator sheet repeats a handful of labels. */
export function categoryResolver(profile: Profile): CategoryResolver {
  const known = resolvers.get(profile);
  if (known) return known;
  // Two-level maps (code, then name): no key string is built per look-up.
  const c1 = new Map<string | null, Map<string, L1Match>>();
  const c2 = new Map<string | null, Map<string, L2Match>>();
  let entries = 0;
  const bound = () => {
    // A sheet of junk labels must not grow the cache without end.
    if (++entries > MAX_CACHED) {
      c1.clear();
      c2.clear();
      entries = 0;
    }
  };
  const resolver: CategoryResolver = {
    l1(part) {
      let byName = c1.get(part.code);
      if (!byName) c1.set(part.code, (byName = new Map()));
      let m = byName.get(part.name);
      if (!m) {
        m = matchLevel1(part.code, part.name, profile);
        bound();
        byName.set(part.name, m);
      }
      return m;
    },
    l2(part) {
      let byName = c2.get(part.code);
      if (!byName) c2.set(part.code, (byName = new Map()));
      let m = byName.get(part.name);
      if (!m) {
        m = matchLevel2(part.code, part.name, profile);
        bound();
        byName.set(part.name, m);
      }
      return m;
    },
  };
  resolvers.set(profile, resolver);
  return resolver;
}

/**
 * What the 一级 and 二级 of every indicator of a table denote, computed once per table and profile and
 * shared by JX203 and JX301–JX303. Flat arrays in table order (projects, then their indicators); null where
 * the part is absent or empty.
 */
export interface CategoryAnalysis {
  l1: (L1Match | null)[];
  l2: (L2Match | null)[];
}

const analyses = new WeakMap<Table, { profile: Profile; analysis: CategoryAnalysis }>();

export function categoriesOf(table: Table, profile: Profile): CategoryAnalysis {
  const known = analyses.get(table);
  if (known && known.profile === profile) return known.analysis;
  const cats = categoryResolver(profile);
  const l1: (L1Match | null)[] = [];
  const l2: (L2Match | null)[] = [];
  for (const p of table.projects) {
    for (const ind of p.indicators) {
      l1.push(present(ind.l1) ? cats.l1(ind.l1) : null);
      l2.push(present(ind.l2) ? cats.l2(ind.l2) : null);
    }
  }
  const analysis = { l1, l2 };
  analyses.set(table, { profile, analysis });
  return analysis;
}

/** A category part that holds anything at all (a code or a name). */
export function present(part: CategoryPart | null): part is CategoryPart {
  return part !== null && (part.code !== null || part.name !== "");
}

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
      zh: "一级指标「{label}」编码与名称不一致：编码 {code} 是「{codeName}」，而「{name}」的编码是 {nameCode}",
      en: "Level-1 category \"{label}\": code and name disagree: code {code} is \"{codeName}\" but \"{name}\" has code {nameCode}",
    },
    l2: {
      zh: "二级指标「{label}」编码与名称不一致：编码 {code} 是「{codeName}」，而「{name}」的编码是 {nameCode}",
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
    const { l1: m1, l2: m2 } = categoriesOf(table, options.profile);
    let k = 0;
    for (const p of table.projects) {
      for (const ind of p.indicators) {
        const a = m1[k];
        const b = m2[k];
        k++;
        const l1 = ind.l1;
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
      }
    }
    return out;
  },
};
