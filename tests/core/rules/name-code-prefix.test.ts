import { rule } from "../../../src/core/rules/name-code-prefix";
import { runRuleTests } from "../../helpers/rule-tester";
import { GOOD_INDICATORS, GOOD_ROWS, PUB_CELL, item, pub, replaced, spanOf, str } from "./b-test-utils";

const PREFIXED =
  item(1, "1-产出指标", "12-质量指标", "00-专家评审通过率", "100%", "100%") +
  item(2, "2-效益指标", "22-社会效益", "耕地保护责任目标履行情况", "100%", "100%");

const SPACED_PREFIX = item(1, "1-产出指标", "12-质量指标", "00- \u3000专家评审通过率", "100%", "100%");

const TWO_PREFIXED =
  item(1, "1-产出指标", "11-数量指标", "01-课题研究成果数量", "10个", "4个") +
  item(2, "2-效益指标", "22-社会效益", "02-提出政策优化建议", "≥3条", "≥3条");

runRuleTests(rule, {
  valid: [
    { name: "good published indicators", grid: pub(GOOD_INDICATORS) },
    { name: "good structured rows", grid: str(GOOD_ROWS) },
    {
      name: "category codes are not name prefixes",
      grid: pub(item(1, "1-产出指标", "13-时效指标", "补偿发放及时率", "100%", "100%")),
    },
  ],
  invalid: [
    {
      name: "published: 00- prefix removed by the fix",
      grid: pub(PREFIXED),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "codePrefix",
          severity: "warning",
          span: spanOf(PREFIXED, "00-"),
          fixText: replaced(PREFIXED, spanOf(PREFIXED, "00-"), ""),
          message: "“00-专家评审通过率”带有编码前缀“00-”，应写作“专家评审通过率”",
        },
      ],
    },
    {
      name: "published: one finding per prefixed name",
      grid: pub(TWO_PREFIXED),
      errors: [
        { cell: PUB_CELL, span: spanOf(TWO_PREFIXED, "01-"), fixText: replaced(TWO_PREFIXED, spanOf(TWO_PREFIXED, "01-"), "") },
        { cell: PUB_CELL, span: spanOf(TWO_PREFIXED, "02-"), fixText: replaced(TWO_PREFIXED, spanOf(TWO_PREFIXED, "02-"), "") },
      ],
    },
    {
      name: "published: spaces after the prefix go with it",
      grid: pub(SPACED_PREFIX),
      errors: [
        {
          cell: PUB_CELL,
          span: spanOf(SPACED_PREFIX, "00- \u3000"),
          fixText: replaced(SPACED_PREFIX, spanOf(SPACED_PREFIX, "00- \u3000"), ""),
          message: "应写作“专家评审通过率”",
        },
      ],
    },
    {
      name: "structured: the 三级 cell, fixed to the bare name",
      grid: str([GOOD_ROWS[0], ["1-产出指标", "12-质量指标", "00-专家评审通过率", "100%", "100%"], ...GOOD_ROWS.slice(1)]),
      errors: [
        {
          cell: "I7",
          messageId: "codePrefix",
          severity: "warning",
          span: { start: 0, end: 3 },
          fixText: "专家评审通过率",
        },
      ],
    },
  ],
});
