/**
 * JX508 suspicious-value: values that are probably not what the author meant.
 *
 * - `dateSerial`: an Excel date serial leaking into a value: an integer from 36526 to 54789
 *   (2000-01-01 … 2050-01-01) with no unit, on an indicator whose name is about a time or date
 *   (完成时间, 截止日期…) or whose 二级 is 时效. The message gives the date it stands for.
 * - `countAsPercent`: a count written as a percentage: a name with a count word (人数, 次数, 数量…) and no
 *   rate word (率, 比例…) whose value is in %.
 *
 * One finding per indicator, at the first suspicious value.
 */
import type { Finding, Rule, RuleMeta } from "../types";
import { forEachCandidate } from "./analysis";
import { report } from "./kit";
import {
  CategoryRoles, compiledLexicon, isCountName, isDateSerialValue, isPercentUnit, isQuantitative,
  isRateName, nameOf, serialToDate, shown,
} from "./b-shared";

const meta: RuleMeta = {
  id: "JX508",
  name: "suspicious-value",
  category: "value",
  severity: "warning",
  description: {
    zh: "指标值疑似有误：Excel日期序列号混入指标值，或数量指标写成了百分比。",
    en: "Suspicious values: an Excel date serial leaking into a value, or a count written as a percentage.",
  },
  messages: {
    dateSerial: {
      zh: "指标“{name}”的指标值“{value}”疑似Excel日期序列号（对应{date}），请改为日期文本",
      en: "The value \"{value}\" of \"{name}\" looks like an Excel date serial ({date}); write the date as text",
    },
    countAsPercent: {
      zh: "数量指标“{name}”的指标值“{value}”使用了百分比单位，请核实计量单位",
      en: "The count \"{name}\" has the percentage value \"{value}\"; check the unit",
    },
  },
  tags: ["value", "suspicious"],
  fixable: false,
};

export const rule: Rule = {
  meta,
  check(table, options) {
    const lex = compiledLexicon();
    const roles = new CategoryRoles(options.profile);
    const out: Finding[] = [];
    forEachCandidate(table, options, "JX508", (project, ind) => {
      const name = nameOf(ind);
      const base = { project: project.name, indicator: ind.index };
      let countAsPercent: boolean | null = null;
      for (const v of [ind.period, ind.annual]) {
        if (!isQuantitative(v)) continue;
        if (isDateSerialValue(ind, v, roles, lex)) {
          out.push(
            report(meta, table, {
              ...base,
              messageId: "dateSerial",
              data: { name, value: shown(v), date: serialToDate(v.number) },
              at: v.cell,
              span: v.span,
            }),
          );
          return;
        }
        if (v.unit !== null && isPercentUnit(v.unit)) {
          if (countAsPercent === null) countAsPercent = isCountName(name, lex) && !isRateName(name, lex);
          if (countAsPercent) {
            out.push(
              report(meta, table, { ...base, messageId: "countAsPercent", data: { name, value: shown(v) }, at: v.cell, span: v.span }),
            );
            return;
          }
        }
      }
    });
    return out;
  },
};
