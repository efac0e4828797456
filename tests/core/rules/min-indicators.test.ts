import { rule } from "../../../src/core/rules/min-indicators";
import { GOOD_ROWS, oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { runRuleTests } from "../../helpers/rule-tester";

const TWO =
  "1、1-产出指标；11-数量指标；补偿人员人数；实施周期指标值:6人；年度指标值:6人。" +
  "2、2-效益指标；22-社会效益；编外人员劳动争议次数；实施周期指标值:0次；年度指标值:0次。";

runRuleTests(rule, {
  valid: [
    { name: "four indicators (published)", grid: publishedGrid(oneUnit([{ name: "项目甲" }])) },
    { name: "three indicators (structured)", grid: structuredGrid(oneUnit([{ name: "项目甲", rows: GOOD_ROWS.slice(0, 3) }])) },
    { name: "no indicator at all is left to JX202", grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: "" }])) },
    { name: "a lower minimum", grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: TWO }])), options: { thresholds: { minIndicators: 2 } } },
  ],
  invalid: [
    {
      name: "two indicators (published)",
      grid: publishedGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙", indicators: TWO }])),
      errors: [{ cell: "G7", messageId: "tooFew", severity: "warning", fixText: null, message: "项目“项目乙”只有 2 个绩效指标，少于 3 个" }],
    },
    {
      name: "one indicator (structured): the name cell",
      grid: structuredGrid(oneUnit([{ name: "项目甲", rows: [GOOD_ROWS[0]] }])),
      errors: [{ cell: "A6", messageId: "tooFew", message: "只有 1 个绩效指标，少于 3 个" }],
    },
    {
      name: "a higher minimum from the options",
      grid: publishedGrid(oneUnit([{ name: "项目甲" }])),
      options: { thresholds: { minIndicators: 5 } },
      errors: [{ cell: "G6", message: "只有 4 个绩效指标，少于 5 个" }],
    },
  ],
});
