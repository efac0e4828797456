/**
 * JX501 value-unit: a quantitative value has a unit, and both values share it.
 *
 * - `unitless`: a quantitative value with no unit (`250`), one finding per indicator, at the first
 *   unitless value; fine when the 三级 name carries the unit (`服务对象满意度调查（%）`, `…（万元）`,
 *   `…（个）`). A leaked Excel date serial on a time indicator is JX508's, not this rule's.
 * - `unitDiffers`: 实施周期指标值 and 年度指标值 with different units (`10个` / `4项`), at the annual value.
 * - `nameUnit`: a value whose unit contradicts the unit written in the name (`…（%）` with `28.8万元`).
 * - `unitColumn`: structured layout, a value that writes its own unit contradicting the row's 计量单位
 *   cell (`28.8万元` under `%`), at the value cell. The model folds the 计量单位 column into values that
 *   end with a digit (so `250` under `次` has its unit); the cell itself is read from `Indicator.unitPart`
 *   when the model provides it (see `WithUnitPart`).
 */
import type { Finding, Indicator, IndicatorValue, Rule, RuleMeta, TextPart } from "../types";
import { forEachCandidate } from "./analysis";
import { report } from "./kit";
import {
  CategoryRoles, compiledLexicon, isDateSerialValue, isQuantitative, isRateName, nameOf, normalizeUnit,
  shown, unitInName,
} from "./b-shared";

const meta: RuleMeta = {
  id: "JX501",
  name: "value-unit",
  category: "value",
  severity: "warning",
  description: {
    zh: "定量指标值应带计量单位，实施周期指标值与年度指标值的单位应一致。",
    en: "A quantitative value has a unit, and the period and annual values share it.",
  },
  messages: {
    unitless: {
      zh: "指标“{name}”的指标值缺少计量单位（实施周期指标值“{period}”，年度指标值“{annual}”）{hint}",
      en: "The values of \"{name}\" have no unit (period \"{period}\", annual \"{annual}\"){hintEn}",
    },
    unitDiffers: {
      zh: "指标“{name}”的实施周期指标值“{period}”与年度指标值“{annual}”单位不一致（“{periodUnit}”≠“{annualUnit}”）",
      en: "The period value \"{period}\" and the annual value \"{annual}\" of \"{name}\" have different units (\"{periodUnit}\" ≠ \"{annualUnit}\")",
    },
    unitColumn: {
      zh: "指标“{name}”的指标值“{value}”单位为“{unit}”，与计量单位列“{column}”不一致",
      en: "The value \"{value}\" of \"{name}\" is in \"{unit}\", which contradicts the unit column \"{column}\"",
    },
    nameUnit: {
      zh: "指标名称“{name}”标明单位“{nameUnit}”，但指标值“{value}”的单位为“{unit}”",
      en: "The name \"{name}\" states the unit \"{nameUnit}\" but the value \"{value}\" is in \"{unit}\"",
    },
  },
  tags: ["value", "unit"],
  fixable: false,
};

const NONE = "（无）";

/**
 * The structured layout's 计量单位 cell of an indicator row. Not (yet) in the shared `Indicator` type:
 * read when the model provides it, so the contradiction check lights up without a change here.
 */
export type WithUnitPart = Indicator & { unitPart?: TextPart | null };

function quote(v: IndicatorValue | null): string {
  const s = shown(v);
  return s.length > 0 ? s : NONE;
}

export const rule: Rule = {
  meta,
  check(table, options) {
    const lex = compiledLexicon();
    const roles = new CategoryRoles(options.profile);
    const out: Finding[] = [];
    forEachCandidate(table, options, "JX501", (project, ind) => {
      const name = nameOf(ind);
      const nameUnit = unitInName(name);
      const base = { project: project.name, indicator: ind.index };
      const period = ind.period;
      const annual = ind.annual;
      const unitless: IndicatorValue[] = [];
      for (const v of [period, annual]) {
        if (isQuantitative(v) && v.unit === null && !isDateSerialValue(ind, v, roles, lex)) unitless.push(v);
      }
      if (unitless.length > 0 && nameUnit === null) {
        const first = unitless[0];
        const rate = isRateName(name, lex);
        out.push(
          report(meta, table, {
            ...base,
            messageId: "unitless",
            data: {
              name,
              period: quote(period),
              annual: quote(annual),
              hint: rate ? "，比率类指标应以“%”为单位" : "",
              hintEn: rate ? "; a rate is expressed in \"%\"" : "",
            },
            at: first.cell,
            span: first.span,
          }),
        );
        return;
      }
      const unitPart = (ind as WithUnitPart).unitPart;
      const column = unitPart ? unitPart.raw.replace(/[\s\u3000]+/g, "") : "";
      if (column.length > 0) {
        for (const v of [period, annual]) {
          if (!isQuantitative(v) || v.unit === null || !v.raw.includes(v.unit)) continue;
          if (normalizeUnit(v.unit) === normalizeUnit(column)) continue;
          out.push(
            report(meta, table, {
              ...base,
              messageId: "unitColumn",
              data: { name, value: shown(v), unit: v.unit, column },
              at: v.cell,
              span: v.span,
            }),
          );
          return;
        }
      }
      if (nameUnit !== null) {
        for (const v of [period, annual]) {
          if (!isQuantitative(v) || v.unit === null) continue;
          const u = normalizeUnit(v.unit);
          if (u === nameUnit) continue;
          out.push(
            report(meta, table, {
              ...base,
              messageId: "nameUnit",
              data: { name, nameUnit, value: shown(v), unit: v.unit },
              at: v.cell,
              span: v.span,
            }),
          );
          return;
        }
      }
      if (isQuantitative(period) && isQuantitative(annual) && period.unit !== null && annual.unit !== null) {
        const pu = normalizeUnit(period.unit);
        const au = normalizeUnit(annual.unit);
        if (pu !== au) {
          out.push(
            report(meta, table, {
              ...base,
              messageId: "unitDiffers",
              data: { name, period: shown(period), annual: shown(annual), periodUnit: period.unit, annualUnit: annual.unit },
              at: annual.cell,
              span: annual.span,
            }),
          );
        }
      }
    });
    return out;
  },
};
