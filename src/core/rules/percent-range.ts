/**
 * JX502 percent-range: percentages are at most 100%.
 *
 * - `over100` (error): a percentage above 100% (`105%`, `≥120%`). Growth indicators (增长, 增幅, 增速)
 *   may legitimately exceed 100% and are left alone.
 * - `degenerate` (warning): `≥100%` or `>100%` on a rate says nothing more than `=100%` (and `>100%` is
 *   impossible): fixed to `=100%` by replacing the comparator written in the value (no fix when the comparator
 *   sits in a separate 指标性质 column).
 *
 * A value is a percentage when its unit is % (or the name carries `（%）` and the value has no unit).
 */
import type { Finding, Indicator, IndicatorValue, Project, Rule, RuleMeta, Span, Table } from "../types";
import { report } from "./kit";
import { forEachCandidate } from "./analysis";
import { absolute, cellTextOf, effectiveUnit, isQuantitative, locateLoose, nameOf, shown } from "./b-shared";

const meta: RuleMeta = {
  id: "JX502",
  name: "percent-range",
  category: "value",
  severity: "error",
  description: {
    zh: "百分比指标值不应超过100%；比率写“≥100%”无意义，应写“=100%”。",
    en: "Percentages are at most 100%; \"≥100%\" on a rate is degenerate: write \"=100%\".",
  },
  messages: {
    over100: {
      zh: "指标“{name}”的{which}“{value}”超过100%",
      en: "The {whichEn} \"{value}\" of \"{name}\" exceeds 100%",
    },
    degenerate: {
      zh: "指标“{name}”的{which}“{value}”：比率不可能超过100%，应写作“=100%”",
      en: "The {whichEn} \"{value}\" of \"{name}\": a rate cannot exceed 100%; write \"=100%\"",
    },
  },
  tags: ["value", "percentage"],
  fixable: true,
};

const GROWTH = /增长|增幅|增速|增加率|同比|环比/;

export const rule: Rule = {
  meta,
  check(table, options) {
    const out: Finding[] = [];
    forEachCandidate(table, options, "JX502", (project, ind) => {
      checkValue(out, table, project, ind, ind.period, "实施周期指标值", "period value");
      checkValue(out, table, project, ind, ind.annual, "年度指标值", "annual value");
    });
    return out;
  },
};

function checkValue(
  out: Finding[], table: Table, project: Project, ind: Indicator, v: IndicatorValue | null, which: string, whichEn: string,
): void {
  if (!isQuantitative(v) || v.number < 100) return;
  const name = nameOf(ind);
  if (effectiveUnit(v, name) !== "%") return;
  const base = { project: project.name, indicator: ind.index, at: v.cell };
  if (v.number > 100) {
    if (GROWTH.test(name)) return;
    const data = { name, which, whichEn, value: shown(v) };
    out.push(report(meta, table, { ...base, messageId: "over100", severity: "error", data, span: v.span }));
  } else if (v.comparator === "≥" || v.comparator === ">") {
    const data = { name, which, whichEn, value: shown(v) };
    const cellText = cellTextOf(project, v);
    // The comparator written in the value's own text is replaced by "="; a comparator read from a separate
    // 指标性质 column (structured layout) is shared by both values of the row and is left to the user: no fix.
    const rel = v.comparatorRaw ? locateLoose(v.raw, v.comparatorRaw) : null;
    let fix: { cellText: string; span: Span; replacement: string } | undefined;
    if (cellText !== null && rel) fix = { cellText, span: absolute(v, rel), replacement: "=" };
    out.push(report(meta, table, { ...base, messageId: "degenerate", severity: "warning", data, span: v.span, fix }));
  }
}
