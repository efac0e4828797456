/**
 * JX101 row-total-sum: 总计 = 财政拨款 + 财政专户拨款 + 其他资金 on every row (合计, 单位, 项目).
 * Blank cells count as 0; rows where any of the four is text or an error value are left to JX103.
 * Never fixed silently: when the four are numbers or blank, the finding offers the explicit suggestion
 * "set 总计 to the sum", showing both numbers.
 */
import { AMOUNT_KEYS } from "../types";
import type { AmountKey, Finding, Message, Rule, RuleMeta, Table, TableRow } from "../types";
import { amountFacts } from "./analysis";
import { report, type SuggestionDescriptor } from "./kit";

/** Column labels of the amount columns, as the tables print them. */
export const AMOUNT_LABELS: Record<AmountKey, Message> = {
  total: { zh: "总计", en: "total" },
  fiscal: { zh: "财政拨款", en: "fiscal appropriation" },
  specialAccount: { zh: "财政专户拨款", en: "special fiscal account" },
  other: { zh: "其他资金", en: "other funds" },
};

const EXP_FORM = /^-?(\d+)(?:\.(\d+))?e([+-]\d+)$/i;

/**
 * Decimals of an amount as a person wrote it, free of binary float noise: 35.08 → 2, 0.1 + 0.2 → 1,
 * 1.005 → 3, 1e-7 → 7. Values read from cells round-trip through 15 significant digits.
 */
export function decimalsOf(n: number): number {
  if (!Number.isFinite(n)) return 0;
  const s = String(Number(n.toPrecision(15)));
  const dot = s.indexOf(".");
  if (s.indexOf("e") < 0 && s.indexOf("E") < 0) return dot < 0 ? 0 : s.length - dot - 1;
  const m = EXP_FORM.exec(s);
  if (!m) return 0;
  return Math.max(0, (m[2]?.length ?? 0) - Number(m[3]));
}

/** Remove the noise of float arithmetic from a computed amount (sums, differences). */
export function clean(n: number): number {
  return Number(n.toFixed(9)) + 0; // + 0 turns -0 into 0
}

/** An amount for messages: at least two decimals, more when the value has them. */
export function formatAmount(n: number): string {
  const v = clean(n);
  return v.toFixed(Math.min(9, Math.max(2, decimalsOf(v))));
}

/** The value a computed amount is written as: float noise removed, rounded to the table's decimals (two for 万元). */
export function roundAmount(n: number, decimals: number): number {
  return Number(clean(n).toFixed(Math.max(0, Math.min(9, decimals)))) + 0;
}

/** An amount as shown in a suggestion: its number, or 空白 / blank. */
function shownAmount(row: TableRow, key: AmountKey): { zh: string; en: string } {
  const a = row.amounts[key];
  if (a.kind === "blank") return { zh: "空白", en: "blank" };
  const v = a.value ?? 0;
  return { zh: formatAmount(v), en: formatAmount(v) };
}

/** Whether an amount is a number or blank: the only cells a suggestion computes from or writes over. */
export function plainAmount(row: TableRow, key: AmountKey): boolean {
  const k = row.amounts[key].kind;
  return k === "number" || k === "blank";
}

/** "Set this cell to the sum" (an explicit choice, never a safe fix): JX101's 总计 and JX102's parent cells. */
export function setToSumSuggestion(
  row: TableRow, key: AmountKey, sum: number, decimals: number, id: string, messageId: string, data: Record<string, string | number>,
): SuggestionDescriptor {
  const a = row.amounts[key];
  const after = roundAmount(sum, decimals);
  const now = shownAmount(row, key);
  return {
    id,
    messageId,
    data: { ...data, sum: formatAmount(after), now: now.zh, nowEn: now.en },
    edits: [{ at: a.cell, before: a.raw === undefined ? null : a.raw, after }],
  };
}

/** Whether the table has this amount column at all (a missing column is not an error of the rows). */
export function hasColumn(table: Table, key: AmountKey): boolean {
  return table.header.columns[key] !== undefined;
}

/** Numeric value of an amount for sums: blank → 0, text/error → null (not summable). */
export function summable(row: TableRow, key: AmountKey): number | null {
  const a = row.amounts[key];
  if (a.kind === "blank") return 0;
  if (a.kind === "number" || a.kind === "text-number") return a.value ?? 0;
  return null;
}

/** Differences at or below the tolerance are rounding; a hair of slack absorbs float noise. */
export function exceeds(diff: number, tolerance: number): boolean {
  return Math.abs(diff) > tolerance + 1e-9;
}

const meta: RuleMeta = {
  id: "JX101",
  name: "row-total-sum",
  category: "total",
  severity: "error",
  description: {
    zh: "每一行（合计、单位、项目）的总计应等于财政拨款、财政专户拨款与其他资金之和（空白按 0 计）。",
    en: "On every row (grand total, unit, project) the total must equal fiscal appropriation + special fiscal account + other funds (blank counts as 0).",
  },
  messages: {
    mismatch: {
      zh: "“{name}”总计 {total} ≠ 财政拨款 {fiscal} + 财政专户拨款 {special} + 其他资金 {other}（相差 {diff} {unit}）",
      en: "\"{name}\": total {total} ≠ fiscal appropriation {fiscal} + special fiscal account {special} + other funds {other} (difference {diff} {unit})",
    },    setTotal: {
      zh: "将总计改为 {sum}（现为 {now}）",
      en: "Set 总计 to {sum} (now {nowEn})",
    },
  },
  tags: ["amounts"],
  fixable: false,
};

export const rule: Rule = {
  meta,
  check(table, options) {
    const out: Finding[] = [];
    if (!hasColumn(table, "total")) return [];
    if (!hasColumn(table, "fiscal") && !hasColumn(table, "specialAccount") && !hasColumn(table, "other")) return [];
    const tolerance = options.thresholds.amountTolerance;
    // `summable` of every amount, from the shared amount pass: NaN where not summable (see ./analysis).
    const { sums } = amountFacts(table);
    const rows = table.rows;
    for (let r = 0; r < rows.length; r++) {
      const total = sums[r * 4];
      const fiscal = sums[r * 4 + 1];
      const special = sums[r * 4 + 2];
      const other = sums[r * 4 + 3];
      if (Number.isNaN(total) || Number.isNaN(fiscal) || Number.isNaN(special) || Number.isNaN(other)) continue;
      const row = rows[r];
      const sum = fiscal + special + other;
      const diff = total - sum;
      if (!exceeds(diff, tolerance)) continue;
      // Offered only when every part is a number or blank (a text amount is JX103's business first).
      const suggestions = AMOUNT_KEYS.every((k) => plainAmount(row, k))
        ? [setToSumSuggestion(row, "total", sum, options.thresholds.maxDecimals, "setTotal", "setTotal", {})]
        : undefined;
      out.push(
        report(meta, table, {
          messageId: "mismatch",
          at: row.amounts.total.cell,
          project: row.name,
          suggestions,
          data: {
            name: row.name,
            total: formatAmount(total),
            fiscal: formatAmount(fiscal),
            special: formatAmount(special),
            other: formatAmount(other),
            diff: formatAmount(Math.abs(diff)),
            unit: table.moneyUnit,
          },
        }),
      );
    }
    return out;
  },
};
