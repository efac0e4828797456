/**
 * JX203 required-categories: every project has at least one 产出 indicator and one 效益 indicator (errors) and
 * one 满意度 indicator (warning). The role of an indicator comes from its 一级 (by code, else by name), falling
 * back to its 二级. Which roles are required comes from the profile's tree: cost (101 profile) is never required.
 */
import type { Finding, Indicator, Level1Def, Rule, RuleMeta, Severity } from "../types";
import { categoriesOf, present } from "./category-code-name";
import type { CategoryResolver, L1Match, L2Match } from "./category-code-name";
import { indicatorsCellOf } from "./indicators-missing";
import { report } from "./kit";

export type Role = Level1Def["role"];

/** The role of an indicator from what its 一级 denotes (by code, else by name), else its 二级; null when neither is known. */
export function roleFrom(l1: L1Match | null, l2: L2Match | null): Role | null {
  const d1 = l1 ? (l1.byCode ?? l1.byName) : null;
  if (d1) return d1.role;
  const d2 = l2 ? (l2.byCode ?? l2.byName) : null;
  return d2 ? d2.l1.role : null;
}

/** The role of one indicator (for callers outside a rule pass). */
export function roleOf(ind: Indicator, cats: CategoryResolver): Role | null {
  return roleFrom(present(ind.l1) ? cats.l1(ind.l1) : null, present(ind.l2) ? cats.l2(ind.l2) : null);
}

const ROLE_BIT: Record<Role | "none", number> = { none: 0, output: 1, effect: 2, satisfaction: 4, cost: 8 };

const REQUIRED: { role: Role; messageId: string; severity: Severity }[] = [
  { role: "output", messageId: "noOutput", severity: "error" },
  { role: "effect", messageId: "noEffect", severity: "error" },
  { role: "satisfaction", messageId: "noSatisfaction", severity: "warning" },
];

const meta: RuleMeta = {
  id: "JX203",
  name: "required-categories",
  category: "completeness",
  severity: "error",
  description: {
    zh: "每个项目至少应有一个产出指标和一个效益指标；有服务对象的项目还应有满意度指标（警告）。",
    en: "Every project needs at least one output and one effect indicator; a satisfaction indicator is expected too (warning).",
  },
  messages: {
    noOutput: {
      zh: "项目「{project}」的 {count} 个指标中没有产出指标（一级指标「{l1}」）",
      en: "None of the {count} indicators of project \"{project}\" is an output indicator (level-1 \"{l1}\")",
    },
    noEffect: {
      zh: "项目「{project}」的 {count} 个指标中没有效益指标（一级指标「{l1}」）",
      en: "None of the {count} indicators of project \"{project}\" is an effect indicator (level-1 \"{l1}\")",
    },
    noSatisfaction: {
      zh: "项目「{project}」的 {count} 个指标中没有满意度指标（一级指标「{l1}」）；有服务对象的项目应设置满意度指标",
      en: "None of the {count} indicators of project \"{project}\" is a satisfaction indicator (level-1 \"{l1}\"); projects with a service object should have one",
    },
  },
  tags: ["completeness", "category"],
  fixable: false,
};

export const rule: Rule = {
  meta,
  check(table, options) {
    const out: Finding[] = [];
    const { l1: m1, l2: m2 } = categoriesOf(table, options.profile);
    const required = REQUIRED.flatMap((r) => {
      const def = options.profile.tree.find((d) => d.role === r.role);
      return def ? [{ ...r, bit: ROLE_BIT[r.role], l1: `${def.code}-${def.name}` }] : [];
    });
    let all = 0;
    for (const r of required) all |= r.bit;
    let k = 0;
    for (const p of table.projects) {
      let roles = 0;
      for (let i = 0; i < p.indicators.length; i++, k++) roles |= ROLE_BIT[roleFrom(m1[k], m2[k]) ?? "none"];
      if (p.indicators.length === 0 || (roles & all) === all) continue;
      for (const r of required) {
        if (roles & r.bit) continue;
        out.push(
          report(meta, table, {
            messageId: r.messageId,
            severity: r.severity,
            at: indicatorsCellOf(table, p),
            project: p.name,
            data: { project: p.name, count: p.indicators.length, l1: r.l1 },
          }),
        );
      }
    }
    return out;
  },
};
