/**
 * JX505 annual-vs-period: the 年度指标值 fits within the 实施周期指标值.
 *
 * - `annualExceeds` (warning): a cumulative count (name with a count word of the lexicon, not a rate)
 *   whose annual value is larger than its period value (`10个` / `12个`). Equal or smaller is fine
 *   (`10个` / `4个`, `250` / `40`). Values with different units are not compared (JX501's business).
 * - `rateDiffers` (info): a rate (unit %) whose period and annual values differ (`≥95%` / `≥90%`):
 *   rates are normally the same for the year and the period.
 *
 * Reported at the annual value.
 */
import type { Finding, Rule, RuleMeta } from "../types";
import { forEachCandidate } from "./analysis";
import { report } from "./kit";
import {
  compiledLexicon, effectiveUnit, isCountName, isQuantitative, isRateName, nameOf, shown,
} from "./b-shared";

const meta: RuleMeta = {
  id: "JX505",
  name: "annual-vs-period",
  category: "value",
  severity: "warning",
  description: {
    zh: "累计数量指标的年度指标值不应大于实施周期指标值；比率类指标的两个值一般应相同。",
    en: "For a cumulative count the annual value does not exceed the period value; for a rate the two are normally equal.",
  },
  messages: {
    annualExceeds: {
      zh: "指标“{name}”的年度指标值“{annual}”大于实施周期指标值“{period}”",
      en: "The annual value \"{annual}\" of \"{name}\" exceeds the period value \"{period}\"",
    },
    rateDiffers: {
      zh: "比率指标“{name}”的年度指标值“{annual}”与实施周期指标值“{period}”不同，通常两者应一致",
      en: "The annual value \"{annual}\" of the rate \"{name}\" differs from the period value \"{period}\"; they are normally the same",
    },
  },
  tags: ["value", "consistency"],
  fixable: false,
};

export const rule: Rule = {
  meta,
  check(table, options) {
    const lex = compiledLexicon();
    const out: Finding[] = [];
    forEachCandidate(table, options, "JX505", (project, ind) => {
      const { period, annual } = ind;
      if (!isQuantitative(period) || !isQuantitative(annual)) return;
      const name = nameOf(ind);
      const pu = effectiveUnit(period, name);
      const au = effectiveUnit(annual, name);
      // A missing unit on one side still compares (`250` / `40`); two different units do not.
      if (pu !== null && au !== null && pu !== au) return;
      const unit = pu ?? au;
      const base = { project: project.name, indicator: ind.index, at: annual.cell, span: annual.span };
      const data = { name, period: shown(period), annual: shown(annual) };
      if (unit === "%") {
        if (period.number !== annual.number || (period.comparator ?? "=") !== (annual.comparator ?? "=")) {
          out.push(report(meta, table, { ...base, messageId: "rateDiffers", severity: "info", data }));
        }
        return;
      }
      if (isRateName(name, lex) || !isCountName(name, lex)) return;
      if (annual.number > period.number) {
        out.push(report(meta, table, { ...base, messageId: "annualExceeds", severity: "warning", data }));
      }
    });
    return out;
  },
};
