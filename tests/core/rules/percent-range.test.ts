import { rule } from "../../../src/core/rules/percent-range";
import type { CellValue, GridInput } from "../../../src/core/types";
import { runRuleTests } from "../../helpers/rule-tester";
import { GOOD_INDICATORS, GOOD_ROWS, PUB_CELL, item, pub, replaced, spanOf, str } from "./b-test-utils";

const OVER = item(1, "1-产出指标", "12-质量指标", "验收合格率", "105%", "100%");
const GE100 = item(1, "1-产出指标", "12-质量指标", "专家评审通过率", "≥100%", "≥100%");
const GT100 = item(1, "1-产出指标", "13-时效指标", "补偿发放及时率", "100%", ">100%");
const GE120 = item(1, "1-产出指标", "12-质量指标", "设备完好率", "≥120%", "≥99%");
const GE_LOOKALIKE = item(1, "1-产出指标", "12-质量指标", "专家评审通过率", ">=100%", ">=100%");

/** Structured layout with 指标性质 (J: the comparator), 实施周期指标值 (K), 年度指标值 (L) and 计量单位 (M) columns. */
function withComparatorColumn(): GridInput {
  const header = [
    "项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标",
    "一级指标", "二级指标", "三级指标", "指标性质", "实施周期指标值", "年度指标值", "计量单位",
  ];
  const pad = (r: CellValue[]): CellValue[] => [...r, ...Array(header.length - r.length).fill(null)];
  return {
    sheet: "Sheet1",
    values: [
      pad(["测试单位2024年项目支出绩效目标表"]),
      pad(["单位名称：测试单位 单位：万元"]),
      header,
      pad(["合计", 10, 10]),
      pad(["测试单位", 10, 10]),
      ["测试项目", 10, 10, null, null, "实施测试项目。", "1-产出指标", "12-质量指标", "专家评审通过率", "≥", "100", "100", "%"],
    ],
  };
}

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
    {
      name: "published: a look-alike >= on 100% is replaced by = as well",
      grid: pub(GE_LOOKALIKE),
      errors: [
        { cell: PUB_CELL, messageId: "degenerate", fixText: replaced(GE_LOOKALIKE, spanOf(GE_LOOKALIKE, ">=", 0), "=") },
        { cell: PUB_CELL, messageId: "degenerate", fixText: replaced(GE_LOOKALIKE, spanOf(GE_LOOKALIKE, ">=", 1), "=") },
      ],
    },
    {
      name: "structured with a 指标性质 column: the comparator is shared by both values, so no fix",
      grid: withComparatorColumn(),
      errors: [
        { cell: "K6", messageId: "degenerate", severity: "warning", fixText: null },
        { cell: "L6", messageId: "degenerate", severity: "warning", fixText: null },
      ],
    },
  ],
});
