/**
 * JX506 cost-vs-total: an indicator in money units (元, 万元, 亿元…, or the unit carried by its name,
 * `采购金额（万元）`) does not exceed the project's 总计.
 *
 * The 年度指标值 is compared, converted to the table's money unit: the 总计 is this year's budget, while
 * a multi-year 实施周期指标值 may rightly exceed it. Projects whose 总计 is not a number are skipped
 * (the totals rules report them). Tolerance: `thresholds.amountTolerance`.
 */
import type { Finding, Rule, RuleMeta } from "../types";
import { forEachCandidate } from "./analysis";
import { money, report } from "./kit";
import { effectiveUnit, isQuantitative, moneyFactor, nameOf, shown } from "./b-shared";

const meta: RuleMeta = {
  id: "JX506",
  name: "cost-vs-total",
  category: "value",
  severity: "error",
  description: {
    zh: "以金额为单位的指标值（元、万元、亿元）不应超过项目总计。",
    en: "A value in money units (元, 万元, 亿元) does not exceed the project's 总计.",
  },
  messages: {
    exceedsTotal: {
      zh: "指标“{name}”的年度指标值“{value}”（折合{converted}{moneyUnit}）超过项目总计{total}{moneyUnit}",
      en: "The annual value \"{value}\" of \"{name}\" ({converted} {moneyUnit}) exceeds the project's 总计 {total} {moneyUnit}",
    },
  },
  tags: ["value", "cost", "amount"],
  fixable: false,
};

export const rule: Rule = {
  meta,
  check(table, options) {
    const tableFactor = moneyFactor(table.moneyUnit) ?? 1e4;
    const tolerance = options.thresholds.amountTolerance;
    const out: Finding[] = [];
    forEachCandidate(table, options, "JX506", (project, ind) => {
      const v = ind.annual;
      if (!isQuantitative(v)) return;
      const total = project.amounts.total.value;
      if (total === null || !Number.isFinite(total)) return;
      const name = nameOf(ind);
      const unit = effectiveUnit(v, name);
      if (unit === null) return;
      const factor = moneyFactor(unit);
      if (factor === null) return;
      const converted = (v.number * factor) / tableFactor;
      if (converted <= total + tolerance) return;
      out.push(
        report(meta, table, {
          messageId: "exceedsTotal",
          data: { name, value: shown(v), converted: money(converted), total: money(total), moneyUnit: table.moneyUnit },
          at: v.cell,
          span: v.span,
          project: project.name,
          indicator: ind.index,
        }),
      );
    });
    return out;
  },
};
