import { rule } from "../../../src/core/rules/name-placeholder";
import { runRuleTests } from "../../helpers/rule-tester";
import { GOOD_INDICATORS, GOOD_ROWS, PUB_CELL, item, pub, spanOf, str } from "./b-test-utils";

const STARS = item(1, "1-产出指标", "11-数量指标", "购置**数量", "5台", "5台");
const XX_VALUE = item(1, "1-产出指标", "11-数量指标", "培训人次", "XX人次", "100人次");
const NUMBERED = item(1, "1-产出指标", "12-质量指标", "指标2验收合格率", "100%", "100%");

runRuleTests(rule, {
  valid: [
    { name: "good published indicators", grid: pub(GOOD_INDICATORS) },
    { name: "good structured rows", grid: str(GOOD_ROWS) },
    {
      name: "names that merely contain the word 指标 or digits",
      grid: pub(item(1, "1-产出指标", "11-数量指标", "完成5G基站建设数量", "≥10个", "≥10个")),
    },
  ],
  invalid: [
    {
      name: "published: ** in the name",
      grid: pub(STARS),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "placeholder",
          severity: "error",
          span: spanOf(STARS, "**"),
          fixText: null,
          message: "三级指标名称“购置**数量”中残留模板占位符“**”",
        },
      ],
    },
    {
      name: "published: XX in the period value",
      grid: pub(XX_VALUE),
      errors: [{ cell: PUB_CELL, span: spanOf(XX_VALUE, "XX"), message: "实施周期指标值“XX人次”" }],
    },
    {
      name: "published: a numbered placeholder (指标1 stands for 指标2 too)",
      grid: pub(NUMBERED),
      errors: [{ cell: PUB_CELL, span: spanOf(NUMBERED, "指标2"), message: "“指标2”" }],
    },
    {
      name: "structured: name and annual value each reported in their own cell",
      grid: str([["1-产出指标", "11-数量指标", "购置XX设备数量", "5台", "xx台"]]),
      errors: [
        { cell: "I6", span: { start: 2, end: 4 }, severity: "error" },
        { cell: "K6", span: { start: 0, end: 2 }, message: "年度指标值“xx台”" },
      ],
    },
  ],
});
