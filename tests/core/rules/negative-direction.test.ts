import { rule } from "../../../src/core/rules/negative-direction";
import { runRuleTests } from "../../helpers/rule-tester";
import { GOOD_INDICATORS, GOOD_ROWS, PUB_CELL, item, pub, spanOf, str } from "./b-test-utils";

const COMPLAINTS = item(1, "2-效益指标", "22-社会效益", "群众投诉次数", "≥5次", "≥5次");
const ANNUAL_ONLY = item(1, "2-效益指标", "22-社会效益", "安全事故发生率", "≤1%", ">0.5%");
const LOOKALIKE = item(1, "2-效益指标", "22-社会效益", "工作差错次数", ">=1次", "≤1次");

runRuleTests(rule, {
  valid: [
    { name: "good published indicators (争议次数 0次)", grid: pub(GOOD_INDICATORS) },
    { name: "good structured rows", grid: str(GOOD_ROWS) },
    {
      name: "ceilings and =0 on negative indicators; handled or reduced bad things are positive",
      grid: pub(
        item(1, "2-效益指标", "22-社会效益", "群众投诉次数", "≤5次", "<3次") +
          item(2, "2-效益指标", "22-社会效益", "安全事故次数", "=0次", "0次") +
          item(3, "1-产出指标", "12-质量指标", "投诉处理率", "≥95%", "≥95%") +
          item(4, "1-产出指标", "12-质量指标", "电子办公硬件和软件故障问题及时解决完成率", "≥99%", "≥99%") +
          item(5, "2-效益指标", "21-经济效益", "挽回经济损失", "≥100万元", "≥50万元") +
          item(6, "2-效益指标", "23-生态效益", "单位能耗下降率", "≥5%", "≥5%"),
      ),
    },
  ],
  invalid: [
    {
      name: "published: 投诉次数 ≥5次",
      grid: pub(COMPLAINTS),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "lowerBound",
          severity: "warning",
          span: spanOf(COMPLAINTS, "≥5次"),
          fixText: null,
          message: "“群众投诉次数”是反向指标（含“投诉”），指标值“≥5次”不应使用“≥”",
        },
      ],
    },
    {
      name: "published: only the annual value is wrong",
      grid: pub(ANNUAL_ONLY),
      errors: [{ cell: PUB_CELL, span: spanOf(ANNUAL_ONLY, ">0.5%"), message: "（含“安全事故”）" }],
    },
    {
      name: "published: a look-alike ≥ is quoted as written",
      grid: pub(LOOKALIKE),
      errors: [{ cell: PUB_CELL, span: spanOf(LOOKALIKE, ">=1次"), message: "不应使用“>=”" }],
    },
    {
      name: "structured: the value cell",
      grid: str([...GOOD_ROWS.slice(0, 2), ["2-效益指标", "22-社会效益", "信访纠纷数量", "≥2件", "≥2件"]]),
      errors: [{ cell: "J8", messageId: "lowerBound", span: { start: 0, end: 3 } }],
    },
  ],
});
