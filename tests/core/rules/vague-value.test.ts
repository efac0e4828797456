import { rule } from "../../../src/core/rules/vague-value";
import { runRuleTests } from "../../helpers/rule-tester";
import { GOOD_INDICATORS, GOOD_ROWS, PUB_CELL, item, pub, spanOf, str } from "./b-test-utils";

const EFFECT = item(1, "2-效益指标", "22-社会效益", "村庄规划管理水平", "有效提升", "有效提升");
const QUALITY = item(1, "1-产出指标", "12-质量指标", "成果质量", "达标", "优良");

runRuleTests(rule, {
  valid: [
    { name: "good published indicators", grid: pub(GOOD_INDICATORS) },
    { name: "good structured rows", grid: str(GOOD_ROWS) },
    {
      name: "dates, periods and clear yes/no values",
      grid: pub(
        item(1, "1-产出指标", "13-时效指标", "项目完成时间", "2025年12月", "2024年12月") +
          item(2, "1-产出指标", "13-时效指标", "项目实施周期", "2023.07-2024.01", "2024年1月前") +
          item(3, "1-产出指标", "12-质量指标", "验收是否通过", "是", "是") +
          item(4, "1-产出指标", "13-时效指标", "工作完成及时性", "按时完成", "按时完成") +
          item(5, "1-产出指标", "12-质量指标", "成果质量", "合格", "达标"),
      ),
    },
  ],
  invalid: [
    {
      name: "published: 有效提升, one finding per indicator quoting both values",
      grid: pub(EFFECT),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "vague",
          severity: "warning",
          span: spanOf(EFFECT, "有效提升", 0, "实施周期指标值:"),
          fixText: null,
          message: "指标“村庄规划管理水平”的指标值“有效提升”表述模糊（“有效提升”）",
        },
      ],
    },
    {
      name: "published: only the annual value is vague",
      grid: pub(QUALITY),
      errors: [{ cell: PUB_CELL, span: spanOf(QUALITY, "优良"), message: "（实施周期指标值“达标”，年度指标值“优良”）" }],
    },
    {
      name: "structured: the value cell",
      grid: str([...GOOD_ROWS.slice(0, 2), ["2-效益指标", "22-社会效益", "制度体系", "进一步完善", "进一步完善"], GOOD_ROWS[3]]),
      errors: [{ cell: "J8", messageId: "vague", span: { start: 0, end: 5 }, message: "（“进一步完善”）" }],
    },
  ],
});
