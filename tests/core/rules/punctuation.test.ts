import { rule } from "../../../src/core/rules/punctuation";
import { runRuleTests } from "../../helpers/rule-tester";
import { GOOD_INDICATORS, GOOD_ROWS, PUB_CELL, item, pub, replaced, spanOf, str, endOf } from "./b-test-utils";

const GOOD2 = item(2, "1-产出指标", "13-时效指标", "补偿发放及时率", "100%", "100%");

// 1、1-产出指标;11-数量指标；… (a half-width semicolon after the 一级)
const HALF_SEMI = "1、1-产出指标;11-数量指标；补偿人员人数；实施周期指标值:6人；年度指标值:6人。" + GOOD2;
// a full-width colon after 年度指标值
const FULL_COLON = "1、1-产出指标；11-数量指标；补偿人员人数；实施周期指标值:6人；年度指标值：6人。" + GOOD2;
// the last item has no 。
const NO_END = item(1, "1-产出指标", "11-数量指标", "补偿人员人数", "6人", "6人") + GOOD2.slice(0, -1);
// look-alike comparators
const GE = item(1, "3-满意度指标", "31-服务对象满意度", "编外人员满意度", ">=80%", "≥80%");
const NOT_BELOW = item(1, "3-满意度指标", "31-服务对象满意度", "编外人员满意度", "≥80%", "不低于80%");
// PDF-style line breaks inside tokens
const BROKEN =
  "1、1-产出指标；13-时效指标；补偿发放及时率；实施周期指标值:100%；年\n度指标值:100%。2、1-产出指标；11-数量指\n标；补偿人员人数；实施周期指标值:6人；年度指标值:6人。";

runRuleTests(rule, {
  valid: [
    { name: "canonical published indicators", grid: pub(GOOD_INDICATORS) },
    { name: "canonical structured rows", grid: str(GOOD_ROWS) },
    { name: "line breaks inside tokens are harmless", grid: pub(BROKEN) },
  ],
  invalid: [
    {
      name: "half-width ; → ；",
      grid: pub(HALF_SEMI),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "halfwidth",
          severity: "info",
          span: spanOf(HALF_SEMI, ";"),
          fixText: replaced(HALF_SEMI, spanOf(HALF_SEMI, ";"), "；"),
          message: "半角标点“;”应为全角“；”",
        },
      ],
    },
    {
      name: "full-width ： after 指标值 → :",
      grid: pub(FULL_COLON),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "colon",
          severity: "info",
          span: spanOf(FULL_COLON, "："),
          fixText: replaced(FULL_COLON, spanOf(FULL_COLON, "："), ":"),
        },
      ],
    },
    {
      name: "missing 。 at the end of the last item",
      grid: pub(NO_END),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "terminator",
          severity: "info",
          span: endOf(NO_END),
          fixText: NO_END + "。",
          message: "第2条指标“补偿发放及时率”末尾缺少句号“。”",
        },
      ],
    },
    {
      name: "published: >= is a look-alike comparator (warning), fixed to ≥",
      grid: pub(GE),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "comparator",
          severity: "warning",
          span: spanOf(GE, ">="),
          fixText: replaced(GE, spanOf(GE, ">="), "≥"),
          message: "比较符“>=”不规范，应写作“≥”",
        },
      ],
    },
    {
      name: "published: 不低于 → ≥",
      grid: pub(NOT_BELOW),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "comparator",
          span: spanOf(NOT_BELOW, "不低于"),
          fixText: replaced(NOT_BELOW, spanOf(NOT_BELOW, "不低于"), "≥"),
        },
      ],
    },
    {
      name: "structured: look-alike comparators in the value cells",
      grid: str([["3-满意度指标", "31-服务对象满意度", "编外人员满意度", "≧80%", "＝100%"]]),
      errors: [
        { cell: "J6", messageId: "comparator", severity: "warning", span: { start: 0, end: 1 }, fixText: "≥80%" },
        { cell: "K6", messageId: "comparator", severity: "warning", span: { start: 0, end: 1 }, fixText: "=100%" },
      ],
    },
  ],
});
