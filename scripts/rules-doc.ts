/**
 * docs/rules.md from the rules' own metadata: `npx tsx scripts/rules-doc.ts` rewrites it, and a test checks that
 * the committed file is what this produces, so the list can never drift from the code.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { allRules } from "../src/core/rules";
import { listProfiles } from "../src/core/catalog";

const CATEGORY_ZH: Record<string, string> = { total: "金额", structure: "结构", completeness: "完整性", indicator: "指标形式", value: "指标值" };
const SEVERITY_ZH: Record<string, string> = { error: "错误", warning: "警告", info: "提示" };

export function rulesDoc(): string {
  const lines: string[] = [
    "# 校验规则 / Rules",
    "",
    "Generated from the rules' metadata by `npx tsx scripts/rules-doc.ts`; do not edit by hand.",
    "Each rule is one module in `src/core/rules/` (ESLint style: `meta` + `check(table, options)`). A finding names the",
    "rule by id and alias, its category and severity, the sheet and cell at fault and, inside a 绩效指标 cell, the span.",
    "Severities can be changed or turned `off` per profile (`rules` in `src/core/catalog/profiles/*.json`).",
    "",
    "| id | alias | category | default | fix | 说明 | description |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const r of allRules) {
    const m = r.meta;
    lines.push(
      `| ${m.id} | \`${m.name}\` | ${m.category} (${CATEGORY_ZH[m.category]}) | ${m.severity} (${SEVERITY_ZH[m.severity]}) | ${m.fixable ? "yes" : ""} | ${m.description.zh} | ${m.description.en} |`,
    );
  }
  lines.push("", "## Messages", "");
  for (const r of allRules) {
    lines.push(`### ${r.meta.id} ${r.meta.name}`, "");
    for (const [id, msg] of Object.entries(r.meta.messages)) lines.push(`- \`${id}\`: ${msg.zh}`, `  — ${msg.en}`);
    lines.push("");
  }
  lines.push("## Profiles", "");
  for (const p of listProfiles()) {
    lines.push(`### \`${p.id}\`: ${p.name.zh} / ${p.name.en}`, "", `${p.description.zh}`, "", `${p.description.en}`, "");
    lines.push(
      `Thresholds: 满意度 floor ${p.thresholds.satisfactionFloor}%, at least ${p.thresholds.minIndicators} indicators, amount tolerance ${p.thresholds.amountTolerance} 万元, at most ${p.thresholds.maxDecimals} decimals.`,
      "",
      "| 一级 | 二级 |",
      "|---|---|",
    );
    for (const l1 of p.tree) lines.push(`| ${l1.code}-${l1.name} | ${l1.children.map((c) => `${c.code}-${c.name}`).join("、")} |`);
    lines.push("");
  }
  return lines.join("\n");
}

if (require.main === module) {
  const out = join(__dirname, "..", "docs", "rules.md");
  writeFileSync(out, rulesDoc());
  console.log(`wrote ${out} (${allRules.length} rules)`);
}
