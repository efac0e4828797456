/**
 * JX102 parent-sum: each unit row = Σ its projects, 合计 = Σ units (or Σ projects when there is no unit row),
 * column by column. Columns where the parent or a member is text / an error value are left to JX103.
 * When the parent and its members are numbers or blank, the finding offers the explicit suggestion "set the
 * parent's cell to the sum" (never a safe fix: the wrong cell may as well be a member's).
 */
import { finish, type Steps } from "../slices";
import { AMOUNT_KEYS } from "../types";
import type { Finding, Rule, RuleMeta, RuleOptions, Table, TableRow } from "../types";
import { amountFacts, type AmountFacts } from "./analysis";
import { report } from "./kit";
import { AMOUNT_LABELS, exceeds, formatAmount, hasColumn, plainAmount, setToSumSuggestion, summable } from "./row-total-sum";

const meta: RuleMeta = {
  id: "JX102",
  name: "parent-sum",
  category: "total",
  severity: "error",
  description: {
    zh: "单位行应等于其下各项目之和，合计行应等于各单位之和（无单位行时为各项目之和），逐列核对。",
    en: "Each unit row must equal the sum of its projects and the grand total the sum of the units (or of the projects when there are no unit rows), column by column.",
  },
  messages: {
    mismatch: {
      zh: "“{parent}”的{column} {value} ≠ {members}之和 {sum}（共 {count} 行，相差 {diff} {unit}）",
      en: "{columnEn} of \"{parent}\" is {value} but the sum of its {membersEn} is {sum} ({count} rows, difference {diff} {unit})",
    },    setParent: {
      zh: "将“{parent}”的{column}改为 {sum}（现为 {now}）",
      en: "Set {column} of \"{parent}\" to {sum} (now {nowEn})",
    },
  },
  tags: ["amounts"],
  fixable: false,
};

function checkParent(
  table: Table,
  parent: TableRow,
  members: readonly TableRow[],
  kind: "projects" | "units",
  tolerance: number,
  decimals: number,
  facts: AmountFacts,
  out: Finding[],
): void {
  if (members.length === 0) return;
  // `summable` values from the shared amount pass (NaN: not summable), read by row position; a row
  // missing from table.rows (never, in a built table) is read directly.
  const { sums, position } = facts;
  const at: number[] = new Array(members.length);
  for (let i = 0; i < members.length; i++) at[i] = position.get(members[i]) ?? -1;
  const parentAt = position.get(parent) ?? -1;
  const valueOf = (row: TableRow, r: number, k: number): number => {
    if (r >= 0) return sums[r * 4 + k];
    const v = summable(row, AMOUNT_KEYS[k]);
    return v === null ? NaN : v;
  };
  for (let k = 0; k < AMOUNT_KEYS.length; k++) {
    const key = AMOUNT_KEYS[k];
    if (!hasColumn(table, key)) continue;
    const value = valueOf(parent, parentAt, k);
    if (Number.isNaN(value)) continue;
    let sum = 0;
    let ok = true;
    for (let i = 0; i < at.length; i++) {
      const v = valueOf(members[i], at[i], k);
      if (Number.isNaN(v)) {
        ok = false;
        break;
      }
      sum += v;
    }
    if (!ok) continue;
    const diff = value - sum;
    if (!exceeds(diff, tolerance)) continue;
    // "Set the parent to the sum", offered when the parent and every member are numbers or blank.
    const suggestions =
      plainAmount(parent, key) && members.every((m) => plainAmount(m, key))
        ? [
            setToSumSuggestion(parent, key, sum, decimals, "setParent", "setParent", {
              parent: parent.name,
              column: AMOUNT_LABELS[key].zh,
            }),
          ]
        : undefined;
    out.push(
      report(meta, table, {
        messageId: "mismatch",
        at: parent.amounts[key].cell,
        project: parent.name,
        suggestions,
        data: {
          parent: parent.name,
          column: AMOUNT_LABELS[key].zh,
          columnEn: AMOUNT_LABELS[key].en,
          value: formatAmount(value),
          members: kind === "projects" ? "所属各项目" : "各单位",
          membersEn: kind === "projects" ? "projects" : "units",
          sum: formatAmount(sum),
          count: members.length,
          diff: formatAmount(Math.abs(diff)),
          unit: table.moneyUnit,
        },
      }),
    );
  }
}

/** Units checked between two checkpoints of `checkSteps` (the sliced validation: src/core/slices.ts). */
const UNITS_PER_STEP = 32;

/** The rule's check in steps: the 合计 row depends on every unit, so the rule cannot be run over windows. */
export function* checkSteps(table: Table, options: RuleOptions): Steps<Finding[]> {
  const out: Finding[] = [];
  const tolerance = options.thresholds.amountTolerance;
  const decimals = options.thresholds.maxDecimals;
  const facts = amountFacts(table);
  yield "rules";
  const underUnit = new Set<number>(); // sheet rows of projects under a unit
  for (let u = 0; u < table.units.length; u++) {
    if (u > 0 && u % UNITS_PER_STEP === 0) yield "rules";
    const unit = table.units[u];
    const projects = unit.children.filter((c) => c.level === "project");
    for (const p of projects) underUnit.add(p.row);
    checkParent(table, unit, projects, "projects", tolerance, decimals, facts, out);
  }
  if (table.total) {
    yield "rules";
    // 合计 = Σ units, plus any project that sits under no unit (projects above the first unit row).
    const loose = table.projects.filter((p) => !underUnit.has(p.row));
    if (table.units.length === 0) checkParent(table, table.total, loose, "projects", tolerance, decimals, facts, out);
    else checkParent(table, table.total, [...table.units, ...loose], "units", tolerance, decimals, facts, out);
  }
  return out;
}

export const rule: Rule = {
  meta,
  check: (table, options) => finish(checkSteps(table, options)),
};
