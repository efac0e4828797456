/**
 * JX203 required-categories: every project has at least one 产出 indicator and one 效益 indicator (errors) and
 * one 满意度 indicator (warning). The role of an indicator comes from its 一级 (by code, else by name), falling
 * back to its 二级. Which roles are required comes from the profile's tree: cost (101 profile) is never required.
 */
import type { Finding, Indicator, Rule, RuleMeta, Severity } from "../types";
import { candidateProjects, categoryResolver, present, ROLE_BIT, roleFrom, type CategoryResolver, type Role } from "./analysis";
import { indicatorsCellOf } from "./indicators-missing";
import { report } from "./kit";

export { roleFrom, type Role } from "./analysis";

/** The role of one indicator (for callers outside a rule pass). */
export function roleOf(ind: Indicator, cats: CategoryResolver): Role | null {
  return roleFrom(present(ind.l1) ? cats.l1(ind.l1) : null, present(ind.l2) ? cats.l2(ind.l2) : null);
}

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
      zh: "项目“{project}”的 {count} 个指标中没有产出指标（一级指标“{l1}”）",
      en: "None of the {count} indicators of project \"{project}\" is an output indicator (level-1 \"{l1}\")",
    },
    noEffect: {
      zh: "项目“{project}”的 {count} 个指标中没有效益指标（一级指标“{l1}”）",
      en: "None of the {count} indicators of project \"{project}\" is an effect indicator (level-1 \"{l1}\")",
    },
    noSatisfaction: {
      zh: "项目“{project}”的 {count} 个指标中没有满意度指标（一级指标“{l1}”）；有服务对象的项目应设置满意度指标",
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
    const cats = categoryResolver(options.profile);
    const required = REQUIRED.flatMap((r) => {
      const def = options.profile.tree.find((d) => d.role === r.role);
      return def ? [{ ...r, bit: ROLE_BIT[r.role], l1: `${def.code}-${def.name}` }] : [];
    });
    let all = 0;
    for (const r of required) all |= r.bit;
    // Candidates: the projects the shared pass found lacking a required role (see ./analysis).
    for (const p of candidateProjects(table, options, "JX203")) {
      let roles = 0;
      for (const ind of p.indicators) roles |= ROLE_BIT[roleOf(ind, cats) ?? "none"];
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
