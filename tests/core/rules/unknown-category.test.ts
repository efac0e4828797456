import { rule } from "../../../src/core/rules/unknown-category";
import { GOOD_INDICATORS, GOOD_ROWS, oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { runRuleTests } from "../../helpers/rule-tester";

function spanOf(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`"${needle}" not in test text`);
  return { start, end: start + needle.length };
}

const UNKNOWN = "1、1-产出指标；15-创新指标；专利数量；实施周期指标值:2项；年度指标值:2项。";
const PSEUDO = "1、制度指标；11-数量指标；制度数量；实施周期指标值:2项；年度指标值:2项。";
const BAD_CODE = "1、5-产出指标；11-数量指标；课题数量；实施周期指标值:4个；年度指标值:4个。";

runRuleTests(rule, {
  valid: [
    { name: "standard labels and the seed's aliases (published)", grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: GOOD_INDICATORS }])) },
    { name: "standard labels (structured)", grid: structuredGrid(oneUnit([{ name: "项目甲", rows: GOOD_ROWS }])) },
    {
      name: "aliases without codes: 项目完成指标, 效果指标, 具体指标",
      grid: structuredGrid(
        oneUnit([
          {
            name: "项目甲",
            rows: [
              ["项目完成指标", "数量指标", "课题数量", "4个", "4个"],
              ["效果指标", "社会效益指标", "政策建议", "≥3条", "≥3条"],
              ["满意度指标", "具体指标", "满意度", "≥80%", "≥80%"],
            ],
          },
        ]),
      ),
    },
    {
      name: "PDF-style line breaks inside labels (11-数量指\n标, 22-社会\n效益)",
      grid: publishedGrid(
        oneUnit([{ name: "项目甲", indicators: "1、1-产出\n指标；11-数量指\n标；课题数量；实施周期指标值:4个；年度指标值:4个。2、2-效益指标；22-社会\n效益；建议；实施周期指标值:≥3条；年度指标值:≥3条。" }]),
      ),
    },
    {
      name: "code and name disagreeing is JX301's business",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: "1、2-产出指标；11-数量指标；数量；实施周期指标值:4个；年度指标值:4个。" }])),
    },
    {
      name: "cost categories are known in the 101 profile",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: "1、4-成本指标；41-经济成本指标；项目成本；实施周期指标值:≤10万元；年度指标值:≤10万元。" }])),
      options: { profile: "caiyu-2021-101" },
    },
  ],
  invalid: [
    {
      name: "an unknown 二级 (published)",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: UNKNOWN }])),
      errors: [
        {
          cell: "G6",
          messageId: "unknown",
          severity: "warning",
          span: spanOf(UNKNOWN, "15-创新指标"),
          fixText: null,
          message: /^二级指标“15-创新指标”不是“.+”指标体系中的类别或别名$/,
        },
      ],
    },
    {
      name: "a pseudo-category is an error",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: PSEUDO }])),
      errors: [{ cell: "G6", messageId: "pseudo", severity: "error", span: spanOf(PSEUDO, "制度指标"), message: "一级指标“制度指标”不属于绩效目标表的指标类别" }],
    },
    {
      name: "a known name with an unknown code",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: BAD_CODE }])),
      errors: [{ cell: "G6", messageId: "unknownCode", severity: "warning", span: spanOf(BAD_CODE, "5-产出指标"), message: "一级指标“5-产出指标”的编码 5 不是" }],
    },
    {
      name: "structured: 过程指标 / 决策 and an unknown 一级",
      grid: structuredGrid(
        oneUnit([{ name: "项目甲", rows: [["过程指标", "决策", "程序规范性", "规范", "规范"], ["其他指标", "11-数量指标", "课题数量", "4个", "4个"]] }]),
      ),
      errors: [
        { cell: "G6", messageId: "pseudo", severity: "error", span: { start: 0, end: 4 } },
        { cell: "H6", messageId: "pseudo", severity: "error", message: "二级指标“决策”" },
        { cell: "G7", messageId: "unknown", severity: "warning", message: "一级指标“其他指标”" },
      ],
    },
    {
      name: "cost 一级 is unknown in the Guangzhou profile",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: "1、4-成本指标；41-经济成本指标；项目成本；实施周期指标值:≤10万元；年度指标值:≤10万元。" }])),
      errors: [
        { cell: "G6", messageId: "unknown", message: "一级指标“4-成本指标”" },
        { cell: "G6", messageId: "unknown", message: "二级指标“41-经济成本指标”" },
      ],
    },
  ],
});
