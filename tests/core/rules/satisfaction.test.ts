import { rule } from "../../../src/core/rules/satisfaction";
import { runRuleTests } from "../../helpers/rule-tester";
import { GOOD_INDICATORS, GOOD_ROWS, PUB_CELL, item, pub, spanOf, str } from "./b-test-utils";

const SAT = (period: string, annual: string, name = "编外人员满意度"): string =>
  item(1, "3-满意度指标", "31-服务对象满意度", name, period, annual);

const BELOW = SAT("≥70%", "≥70%");
const PERFECT = SAT("100%", "100%");
const QUALITATIVE = SAT("满意", "满意");
const CEILING = SAT("≤90%", "≤90%");
const MIXED = SAT("100%", "≥60%");
const BY_NAME = item(1, "2-效益指标", "22-社会效益", "群众满意率", "≥75%", "≥75%");
const SCORE = SAT("≥4.5分", "≥4.5分", "培训满意度");

runRuleTests(rule, {
  valid: [
    { name: "good published indicators (≥80%)", grid: pub(GOOD_INDICATORS) },
    { name: "good structured rows", grid: str(GOOD_ROWS) },
    {
      name: "the seed's ≥80% / ≥90% and a unit carried by the name",
      grid: pub(
        SAT("≥90%", "≥90%", "单位人员满意度") + item(2, "3-满意度指标", "31-服务对象满意度", "服务对象满意度调查（%）", "≥80", "≥80"),
      ),
    },
    {
      name: "不满意率 is not a satisfaction target; other indicators are ignored",
      grid: pub(item(1, "2-效益指标", "22-社会效益", "群众不满意率", "≤5%", "≤5%") + item(2, "1-产出指标", "11-数量指标", "培训人次", "60人次", "60人次")),
    },
    {
      name: "a lower floor from the options",
      grid: pub(BELOW),
      options: { thresholds: { satisfactionFloor: 70 } },
    },
  ],
  invalid: [
    {
      name: "published: ≥70% is below the floor",
      grid: pub(BELOW),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "belowFloor",
          severity: "warning",
          span: spanOf(BELOW, "≥70%"),
          fixText: null,
          message: "满意度指标“编外人员满意度”的指标值“≥70%”低于80%",
        },
      ],
    },
    {
      name: "published: a raised floor makes ≥80% too low",
      grid: pub(GOOD_INDICATORS),
      options: { thresholds: { satisfactionFloor: 85 } },
      errors: [{ cell: PUB_CELL, messageId: "belowFloor", span: spanOf(GOOD_INDICATORS, "≥80%"), message: "低于85%" }],
    },
    {
      name: "published: 100% is questioned (info)",
      grid: pub(PERFECT),
      errors: [
        { cell: PUB_CELL, messageId: "perfect", severity: "info", span: spanOf(PERFECT, "100%"), message: "满意度目标为100%，评审常会质疑" },
      ],
    },
    {
      name: "published: a warning on the annual value wins over the info on the period value",
      grid: pub(MIXED),
      errors: [{ cell: PUB_CELL, messageId: "belowFloor", severity: "warning", span: spanOf(MIXED, "≥60%") }],
    },
    {
      name: "published: a qualitative value is not a percentage",
      grid: pub(QUALITATIVE),
      errors: [{ cell: PUB_CELL, messageId: "notPercent", span: spanOf(QUALITATIVE, "满意", 0, "实施周期指标值:") }],
    },
    {
      name: "published: a score is not a percentage",
      grid: pub(SCORE),
      errors: [{ cell: PUB_CELL, messageId: "notPercent", message: "“≥4.5分”不是百分比" }],
    },
    {
      name: "published: written as a ceiling",
      grid: pub(CEILING),
      errors: [{ cell: PUB_CELL, messageId: "upperBound", severity: "warning" }],
    },
    {
      name: "published: a satisfaction indicator found by its name under 22",
      grid: pub(BY_NAME),
      errors: [{ cell: PUB_CELL, messageId: "belowFloor", span: spanOf(BY_NAME, "≥75%") }],
    },
    {
      name: "structured: the value cell at fault",
      grid: str([...GOOD_ROWS.slice(0, 3), ["3-满意度指标", "31-服务对象满意度", "编外人员满意度", "≥80%", "≥50%"]]),
      errors: [{ cell: "K9", messageId: "belowFloor", severity: "warning", span: { start: 0, end: 4 } }],
    },
  ],
});
