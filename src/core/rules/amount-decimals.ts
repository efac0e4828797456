/**
 * JX105 amount-decimals: at most `thresholds.maxDecimals` decimals (two for 万元). Decimals are counted on the
 * value's shortest decimal form, so binary float noise (35.08 stored as 35.0799999…) does not count.
 */
import { AMOUNT_KEYS } from "../types";
import type { Finding, Rule, RuleMeta } from "../types";
import { amountFacts } from "./analysis";
import { report } from "./kit";
import { AMOUNT_LABELS, decimalsOf, hasColumn } from "./row-total-sum";

const meta: RuleMeta = {
  id: "JX105",
  name: "amount-decimals",
  category: "total",
  severity: "warning",
  description: {
    zh: "金额的小数位数不应超过规定位数（万元保留两位小数）。",
    en: "Amounts must not have more decimals than allowed (two for 万元).",
  },
  messages: {
    tooMany: {
      zh: "金额小数位过多：“{name}”的{column} {value} 有 {decimals} 位小数（最多 {max} 位）",
      en: "Too many decimals: {columnEn} of \"{name}\" is {value}, {decimals} decimals (at most {max})",
    },
  },
  tags: ["amounts"],
  fixable: false,
};

/** Fast path: the value times 10^max is an integer up to float noise (35.08 × 100 = 3508.0000000000005). */
function fits(v: number, scale: number): boolean {
  const x = v * scale;
  return Math.abs(x - Math.round(x)) <= 1e-12 * Math.max(1, Math.abs(x));
}

export const rule: Rule = {
  meta,
  check(table, options) {
    const out: Finding[] = [];
    const max = options.thresholds.maxDecimals;
    const scale = Math.pow(10, max);
    const keys = AMOUNT_KEYS.filter((k) => hasColumn(table, k));
    // Rows with a value that does not fit in `max` decimals, from the shared pass's summable values (a text
    // or error amount is NaN, which never fits: the full test below skips it).
    const { sums } = amountFacts(table);
    const rows = table.rows;
    for (let r = 0; r < rows.length; r++) {
      if (fits(sums[r * 4], scale) && fits(sums[r * 4 + 1], scale) && fits(sums[r * 4 + 2], scale) && fits(sums[r * 4 + 3], scale)) {
        continue;
      }
      const row = rows[r];
      for (const key of keys) {
        const a = row.amounts[key];
        if ((a.kind !== "number" && a.kind !== "text-number") || a.value === null) continue;
        if (fits(a.value, scale)) continue;
        const decimals = decimalsOf(a.value);
        if (decimals <= max) continue;
        out.push(
          report(meta, table, {
            messageId: "tooMany",
            at: a.cell,
            project: row.name,
            data: {
              name: row.name,
              column: AMOUNT_LABELS[key].zh,
              columnEn: AMOUNT_LABELS[key].en,
              value: String(Number(a.value.toPrecision(15))),
              decimals,
              max,
            },
          }),
        );
      }
    }
    return out;
  },
};
