/** JX104 amount-negative: amounts are never negative. */
import { AMOUNT_KEYS } from "../types";
import type { Finding, Rule, RuleMeta } from "../types";
import { amountFacts } from "./analysis";
import { report } from "./kit";
import { AMOUNT_LABELS, formatAmount, hasColumn } from "./row-total-sum";

const meta: RuleMeta = {
  id: "JX104",
  name: "amount-negative",
  category: "total",
  severity: "error",
  description: { zh: "金额不应为负数。", en: "Amounts must not be negative." },
  messages: {
    negative: {
      zh: "金额为负数：“{name}”的{column}为 {value} {unit}",
      en: "Negative amount: {columnEn} of \"{name}\" is {value} {unit}",
    },
  },
  tags: ["amounts"],
  fixable: false,
};

export const rule: Rule = {
  meta,
  check(table) {
    const out: Finding[] = [];
    const keys = AMOUNT_KEYS.filter((k) => hasColumn(table, k));
    // Rows with a negative summable value in some column (blank counts 0, text NaN), from the shared pass.
    const { sums } = amountFacts(table);
    const rows = table.rows;
    for (let r = 0; r < rows.length; r++) {
      if (!(sums[r * 4] < 0 || sums[r * 4 + 1] < 0 || sums[r * 4 + 2] < 0 || sums[r * 4 + 3] < 0)) continue;
      const row = rows[r];
      for (const key of keys) {
        const a = row.amounts[key];
        if ((a.kind !== "number" && a.kind !== "text-number") || a.value === null || !(a.value < 0)) continue;
        out.push(
          report(meta, table, {
            messageId: "negative",
            at: a.cell,
            project: row.name,
            data: {
              name: row.name,
              column: AMOUNT_LABELS[key].zh,
              columnEn: AMOUNT_LABELS[key].en,
              value: formatAmount(a.value),
              unit: table.moneyUnit,
            },
          }),
        );
      }
    }
    return out;
  },
};
