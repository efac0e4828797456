import { rule } from "../../../src/core/rules/suspicious-value";
import { runRuleTests } from "../../helpers/rule-tester";
import { GOOD_INDICATORS, GOOD_ROWS, PUB_CELL, item, pub, spanOf, str } from "./b-test-utils";

// Excel serial 44561 is 2021-12-31 (serial 1 = 1900-01-01 with Excel's 1900 leap-day bug: day 0 = 1899-12-30).
const SERIAL = item(1, "1-产出指标", "13-时效指标", "项目完成时间", "44561", "44561");
const SERIAL_BY_NAME = item(1, "1-产出指标", "12-质量指标", "成果提交日期", "45657", "45657");
const COUNT_PCT = item(1, "1-产出指标", "11-数量指标", "培训人数", "≥90%", "≥90%");

runRuleTests(rule, {
  valid: [
    { name: "good published indicators", grid: pub(GOOD_INDICATORS) },
    { name: "good structured rows", grid: str(GOOD_ROWS) },
    {
      name: "large plain numbers that are not about time, ranges outside 2000–2050, shares of counts",
      grid: pub(
        item(1, "1-产出指标", "11-数量指标", "黄金蜜种植数量", "40000", "40000") +
          item(2, "1-产出指标", "13-时效指标", "项目完成时间", "30000", "60000") +
          item(3, "1-产出指标", "13-时效指标", "补偿发放及时率", "100%", "100%") +
          item(4, "2-效益指标", "22-社会效益", "参训人数占比", "≥90%", "≥90%") +
          item(5, "1-产出指标", "13-时效指标", "项目完成时间", "44561天", "2025年12月"),
      ),
    },
  ],
  invalid: [
    {
      name: "published: a date serial on a 时效 indicator",
      grid: pub(SERIAL),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "dateSerial",
          severity: "warning",
          span: spanOf(SERIAL, "44561", 0),
          fixText: null,
          message: "指标值“44561”疑似Excel日期序列号（对应2021年12月31日）",
        },
      ],
    },
    {
      name: "published: a date serial on a name about dates (2024-12-31)",
      grid: pub(SERIAL_BY_NAME),
      errors: [{ cell: PUB_CELL, messageId: "dateSerial", message: "对应2024年12月31日" }],
    },
    {
      name: "published: a count written as a percentage",
      grid: pub(COUNT_PCT),
      errors: [
        { cell: PUB_CELL, messageId: "countAsPercent", severity: "warning", span: spanOf(COUNT_PCT, "≥90%"), message: "“培训人数”" },
      ],
    },
    {
      name: "structured: the value cell",
      grid: str([["1-产出指标", "13-时效指标", "完成时限", "2025年6月", "45657"]]),
      errors: [{ cell: "K6", messageId: "dateSerial", span: { start: 0, end: 5 } }],
    },
  ],
});
