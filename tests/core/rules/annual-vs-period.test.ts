import { rule } from "../../../src/core/rules/annual-vs-period";
import { runRuleTests } from "../../helpers/rule-tester";
import { GOOD_INDICATORS, GOOD_ROWS, PUB_CELL, item, pub, spanOf, str } from "./b-test-utils";

const EXCEEDS = item(1, "1-产出指标", "11-数量指标", "培训人次", "100人次", "120人次");
const RATE = item(1, "1-产出指标", "12-质量指标", "服务保障率", "≥95%", "≥90%");
const RATE_CMP = item(1, "1-产出指标", "12-质量指标", "服务保障率", "≥95%", "=95%");

runRuleTests(rule, {
  valid: [
    { name: "good published indicators", grid: pub(GOOD_INDICATORS) },
    { name: "good structured rows", grid: str(GOOD_ROWS) },
    {
      name: "annual ≤ period for counts (10个/4个, 250/40), equal rates, non-count quantities",
      grid: pub(
        item(1, "1-产出指标", "11-数量指标", "课题研究成果数量", "10个", "4个") +
          item(2, "1-产出指标", "11-数量指标", "网络、终端、外设及病毒查杀巡查记录次数", "250", "40") +
          item(3, "1-产出指标", "12-质量指标", "服务保障率", "≥90%", "≥90%") +
          item(4, "2-效益指标", "22-社会效益", "提出政策优化建议", "≥3条", "≥5条") +
          item(5, "1-产出指标", "11-数量指标", "课题研究成果数量", "10个", "12项"),
      ),
    },
  ],
  invalid: [
    {
      name: "published: a cumulative count with annual > period",
      grid: pub(EXCEEDS),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "annualExceeds",
          severity: "warning",
          span: spanOf(EXCEEDS, "120人次"),
          fixText: null,
          message: "指标“培训人次”的年度指标值“120人次”大于实施周期指标值“100人次”",
        },
      ],
    },
    {
      name: "published: a rate whose two values differ (info)",
      grid: pub(RATE),
      errors: [{ cell: PUB_CELL, messageId: "rateDiffers", severity: "info", span: spanOf(RATE, "≥90%") }],
    },
    {
      name: "published: a rate whose comparators differ",
      grid: pub(RATE_CMP),
      errors: [{ cell: PUB_CELL, messageId: "rateDiffers", severity: "info", span: spanOf(RATE_CMP, "=95%") }],
    },
    {
      name: "structured: the annual cell",
      grid: str([["1-产出指标", "11-数量指标", "补偿人员人数", "6人", "8人"]]),
      errors: [{ cell: "K6", messageId: "annualExceeds", severity: "warning", span: { start: 0, end: 2 } }],
    },
  ],
});
