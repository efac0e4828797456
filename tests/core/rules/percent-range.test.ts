import { rule } from "../../../src/core/rules/percent-range";
import { runRuleTests } from "../../helpers/rule-tester";
import { GOOD_INDICATORS, GOOD_ROWS, PUB_CELL, item, pub, replaced, spanOf, str } from "./b-test-utils";

const OVER = item(1, "1-产出指标", "12-质量指标", "验收合格率", "105%", "100%");
const GE100 = item(1, "1-产出指标", "12-质量指标", "专家评审通过率", "≥100%", "≥100%");
const GT100 = item(1, "1-产出指标", "13-时效指标", "补偿发放及时率", "100%", ">100%");
const GE120 = item(1, "1-产出指标", "12-质量指标", "设备完好率", "≥120%", "≥99%");

runRuleTests(rule, {
  valid: [
    { name: "good published indicators", grid: pub(GOOD_INDICATORS) },
    { name: "good structured rows", grid: str(GOOD_ROWS) },
    {
      name: "=100%, ≤100%, ≥99% and growth rates above 100%",
      grid: pub(
        item(1, "1-产出指标", "12-质量指标", "专家评审通过率", "=100%", "100%") +
          item(2, "1-产出指标", "12-质量指标", "差错率", "≤100%", "≤5%") +
          item(3, "2-效益指标", "21-经济效益", "营业收入增长率", "≥120%", "≥110%") +
          item(4, "1-产出指标", "11-数量指标", "培训人次", "150人次", "150人次"),
      ),
    },
  ],
  invalid: [
    {
      name: "published: 105% is over 100% (error)",
      grid: pub(OVER),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "over100",
          severity: "error",
          span: spanOf(OVER, "105%"),
          fixText: null,
          message: "指标“验收合格率”的实施周期指标值“105%”超过100%",
        },
      ],
    },
    {
      name: "published: ≥100% on both values → =100% (warning, fix replaces the comparator)",
      grid: pub(GE100),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "degenerate",
          severity: "warning",
          span: spanOf(GE100, "≥100%", 0),
          fixText: replaced(GE100, spanOf(GE100, "≥", 0), "="),
        },
        {
          cell: PUB_CELL,
          messageId: "degenerate",
          severity: "warning",
          span: spanOf(GE100, "≥100%", 1),
          fixText: replaced(GE100, spanOf(GE100, "≥", 1), "="),
          message: "年度指标值“≥100%”",
        },
      ],
    },
    {
      name: "published: >100% on the annual value",
      grid: pub(GT100),
      errors: [{ cell: PUB_CELL, messageId: "degenerate", fixText: replaced(GT100, spanOf(GT100, ">"), "=") }],
    },
    {
      name: "published: ≥120% is over 100%, not merely degenerate",
      grid: pub(GE120),
      errors: [{ cell: PUB_CELL, messageId: "over100", severity: "error", span: spanOf(GE120, "≥120%") }],
    },
    {
      name: "structured: the value cells",
      grid: str([["1-产出指标", "12-质量指标", "专家评审通过率", "≥100%", "101%"]]),
      errors: [
        { cell: "J6", messageId: "degenerate", severity: "warning", span: { start: 0, end: 5 }, fixText: "=100%" },
        { cell: "K6", messageId: "over100", severity: "error", span: { start: 0, end: 4 } },
      ],
    },
  ],
});
