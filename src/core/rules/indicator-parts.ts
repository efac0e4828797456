/**
 * JX205 indicator-parts: every indicator has a 一级, a 二级, a 三级 name, a 实施周期指标值 and a 年度指标值.
 * One finding per indicator listing what is missing.
 */
import type { CellRef, ColumnKey, Finding, Indicator, Rule, RuleMeta, Span, Table } from "../types";
import { forEachCandidate, present } from "./analysis";
import { ordinal } from "./category-code-name";
import { quoteText, report } from "./kit";

type PartKey = "l1" | "l2" | "name" | "period" | "annual";

const PARTS: { key: PartKey; zh: string; en: string; columns: ColumnKey[] }[] = [
  { key: "l1", zh: "一级指标", en: "level-1 category", columns: ["l1"] },
  { key: "l2", zh: "二级指标", en: "level-2 category", columns: ["l2"] },
  { key: "name", zh: "三级指标名称", en: "level-3 indicator name", columns: ["l3"] },
  { key: "period", zh: "实施周期指标值", en: "implementation-period value", columns: ["period", "value"] },
  { key: "annual", zh: "年度指标值", en: "annual value", columns: ["annual", "value"] },
];

function has(ind: Indicator, key: PartKey): boolean {
  switch (key) {
    case "l1":
      return present(ind.l1);
    case "l2":
      return present(ind.l2);
    case "name":
      return ind.name !== null && ind.name.text !== "";
    case "period":
      return ind.period !== null && ind.period.kind !== "empty";
    case "annual":
      return ind.annual !== null && ind.annual.kind !== "empty";
  }
}

/** The common case, without allocating. */
function complete(ind: Indicator): boolean {
  return (
    present(ind.l1) &&
    present(ind.l2) &&
    ind.name !== null &&
    ind.name.text !== "" &&
    ind.period !== null &&
    ind.period.kind !== "empty" &&
    ind.annual !== null &&
    ind.annual.kind !== "empty"
  );
}

const MAX_QUOTE = 30;

function describe(ind: Indicator): string {
  const s = ind.name && ind.name.text !== "" ? ind.name.text : ind.whole.raw.replace(/\s+/g, "");
  return quoteText(s, MAX_QUOTE);
}

/** Structured layout: the cell of the first missing part's column on the indicator's row, when the table has it. */
function structuredCell(table: Table, ind: Indicator, missing: PartKey): CellRef | null {
  const part = PARTS.find((p) => p.key === missing)!;
  for (const key of part.columns) {
    const col = table.header.columns[key];
    if (col !== undefined) return { row: ind.row ?? ind.whole.cell.row, col };
  }
  return null;
}

const meta: RuleMeta = {
  id: "JX205",
  name: "indicator-parts",
  category: "completeness",
  severity: "error",
  description: {
    zh: "每个指标都应有一级指标、二级指标、三级指标名称、实施周期指标值和年度指标值。",
    en: "Every indicator needs a level-1 and a level-2 category, a level-3 name, an implementation-period value and an annual value.",
  },
  messages: {
    missing: {
      zh: "第 {n} 个指标“{indicator}”缺少{missing}",
      en: "Indicator {n} \"{indicator}\" is missing: {missingEn}",
    },
  },
  tags: ["completeness"],
  fixable: false,
};

export const rule: Rule = {
  meta,
  check(table, options) {
    const out: Finding[] = [];
    // Candidates: the incomplete indicators (see ./analysis).
    forEachCandidate(table, options, "JX205", (p, ind) => {
      if (complete(ind)) return;
      const missing = PARTS.filter((part) => !has(ind, part.key));
      let at: CellRef = ind.whole.cell;
      let span: Span | undefined = ind.whole.span;
      if (table.layout === "structured") {
        const cell = structuredCell(table, ind, missing[0].key);
        if (cell) {
          at = cell;
          span = undefined;
        }
      }
      out.push(
        report(meta, table, {
          messageId: "missing",
          at,
          span,
          project: p.name,
          indicator: ind.index,
          data: {
            n: ordinal(ind),
            indicator: describe(ind),
            missing: missing.map((m) => m.zh).join("、"),
            missingEn: missing.map((m) => m.en).join(", "),
          },
        }),
      );
    });
    return out;
  },
};
