/**
 * JX103 amount-type: amounts must be numbers. Text that reads as a number → warning (Excel sums skip it);
 * text that is not a number, or an error value (#REF!) → error.
 */
import { AMOUNT_KEYS } from "../types";
import type { Amount, Finding, Rule, RuleMeta } from "../types";
import { amountFacts } from "./analysis";
import { quoteText, report } from "./kit";
import { AMOUNT_LABELS, formatAmount, hasColumn } from "./row-total-sum";

const meta: RuleMeta = {
  id: "JX103",
  name: "amount-type",
  category: "total",
  severity: "error",
  description: {
    zh: "金额单元格应为数值：以文本形式存储的数字为警告，非数字文本或错误值（如 #REF!）为错误。",
    en: "Amount cells must hold numbers: a number stored as text is a warning; other text or an error value (e.g. #REF!) is an error.",
  },
  messages: {
    textNumber: {
      zh: "金额以文本形式存储：“{name}”的{column}为文本“{raw}”，求和公式会忽略它，请改为数值 {value}",
      en: "Amount stored as text: {columnEn} of \"{name}\" is the text \"{raw}\", which sum formulas ignore; enter the number {value}",
    },
    notNumber: {
      zh: "金额不是数字：“{name}”的{column}为“{raw}”",
      en: "Amount is not a number: {columnEn} of \"{name}\" is \"{raw}\"",
    },
    errorValue: {
      zh: "金额为错误值：“{name}”的{column}为 {raw}，请检查公式或引用",
      en: "Amount is an error value: {columnEn} of \"{name}\" is {raw}; check the formula or reference",
    },
  },
  tags: ["amounts"],
  fixable: false,
};

const MAX_QUOTE = 40;

/** The cell's content for a message, trimmed and shortened (a date as yyyy-mm-dd; an invalid date as JavaScript prints it). */
export function quoteRaw(a: Amount): string {
  const raw = a.raw instanceof Date
    ? Number.isNaN(a.raw.getTime()) ? String(a.raw) : a.raw.toISOString().slice(0, 10)
    : String(a.raw ?? "");
  return quoteText(raw.replace(/\s+/g, " ").trim(), MAX_QUOTE);
}

export const rule: Rule = {
  meta,
  check(table) {
    const out: Finding[] = [];
    const keys = AMOUNT_KEYS.filter((k) => hasColumn(table, k));
    // Candidates: the rows holding an amount that is neither a number nor blank (see ./analysis).
    for (const r of amountFacts(table).notNumbers) {
      const row = table.rows[r];
      for (const key of keys) {
        const a = row.amounts[key];
        if (a.kind === "number" || a.kind === "blank") continue;
        const data = {
          name: row.name,
          column: AMOUNT_LABELS[key].zh,
          columnEn: AMOUNT_LABELS[key].en,
          raw: quoteRaw(a),
          value: a.value === null ? "" : formatAmount(a.value),
        };
        if (a.kind === "text-number") {
          out.push(report(meta, table, { messageId: "textNumber", severity: "warning", at: a.cell, project: row.name, data }));
        } else {
          out.push(
            report(meta, table, { messageId: a.kind === "error" ? "errorValue" : "notNumber", at: a.cell, project: row.name, data }),
          );
        }
      }
    }
    return out;
  },
};
