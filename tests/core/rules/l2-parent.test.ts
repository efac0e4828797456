import { rule } from "../../../src/core/rules/l2-parent";
import { GOOD_INDICATORS, GOOD_ROWS, oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { runRuleTests } from "../../helpers/rule-tester";

function spanOf(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`"${needle}" not in test text`);
  return { start, end: start + needle.length };
}

const WRONG =
  "1、1-产出指标；11-数量指标；补偿人员人数；实施周期指标值:6人；年度指标值:6人。" +
  "2、1-产出指标；22-社会效益；编外人员劳动争议次数；实施周期指标值:0次；年度指标值:0次。";

runRuleTests(rule, {
  valid: [
    { name: "every 二级 under its 一级 (published)", grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: GOOD_INDICATORS }])) },
    { name: "every 二级 under its 一级 (structured)", grid: structuredGrid(oneUnit([{ name: "项目甲", rows: GOOD_ROWS }])) },
    {
      name: "by name when code and name disagree: 2-产出指标 (meant 产出) over 12-质量指标",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: "1、2-产出指标；12-质量指标；通过率；实施周期指标值:100%；年度指标值:100%。" }])),
    },
    {
      name: "names without codes and aliases (效果指标 / 社会效益)",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: "1、效果指标；社会效益；政策建议；实施周期指标值:≥3条；年度指标值:≥3条。" }])),
    },
    {
      name: "an unknown label is left to JX303",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: "1、1-产出指标；杂项指标；其他；实施周期指标值:1项；年度指标值:1项。" }])),
    },
  ],
  invalid: [
    {
      name: "22-社会效益 under 1-产出指标 (published)",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: WRONG }])),
      errors: [
        {
          cell: "G6",
          messageId: "wrongParent",
          severity: "error",
          span: spanOf(WRONG, "22-社会效益"),
          fixText: null,
          message: "二级指标“22-社会效益”属于一级指标“2-效益指标”，不应放在一级指标“1-产出指标”下",
        },
      ],
    },
    {
      name: "by name: 服务对象满意度 under 效益指标, no codes (structured)",
      grid: structuredGrid(oneUnit([{ name: "项目甲", rows: [GOOD_ROWS[0], ["效益指标", "服务对象满意度", "满意度", "≥80%", "≥80%"]] }])),
      errors: [
        { cell: "H7", span: { start: 0, end: "服务对象满意度".length }, message: "二级指标“服务对象满意度”属于一级指标“3-满意度指标”，不应放在一级指标“效益指标”下" },
      ],
    },
    {
      name: "by name when the 二级's code and name disagree: 11-社会效益 under 1-产出指标",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: "1、1-产出指标；11-社会效益；满意度；实施周期指标值:1项；年度指标值:1项。" }])),
      errors: [{ cell: "G6", message: "“11-社会效益”属于一级指标“2-效益指标”" }],
    },
  ],
});
