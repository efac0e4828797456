import { rule } from "../../../src/core/rules/category-code-name";
import { GOOD_INDICATORS, GOOD_ROWS, oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { runRuleTests } from "../../helpers/rule-tester";

function spanOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`"${needle}" not in test text`);
  return { start, end: start + needle.length };
}

const BAD_L1 =
  "1、2-产出指标；11-数量指标；补偿人员人数；实施周期指标值:6人；年度指标值:6人。" +
  "2、1-产出指标；12-数量指标；课题数量；实施周期指标值:4个；年度指标值:4个。";

runRuleTests(rule, {
  valid: [
    { name: "codes and names agree, with aliases (22-社会效益, 31-服务对象满意度)", grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: GOOD_INDICATORS }])) },
    { name: "structured", grid: structuredGrid(oneUnit([{ name: "项目甲", rows: GOOD_ROWS }])) },
    {
      name: "names without codes, and unknown labels (JX303's business)",
      grid: publishedGrid(
        oneUnit([{ name: "项目甲", indicators: "1、产出指标；数量指标；课题数量；实施周期指标值:4个；年度指标值:4个。2、9-其他指标；99-杂项；其他；实施周期指标值:1项；年度指标值:1项。" }]),
      ),
    },
  ],
  invalid: [
    {
      name: "一级 2-产出指标 and 二级 12-数量指标 (published)",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: BAD_L1 }])),
      errors: [
        {
          cell: "G6",
          messageId: "l1",
          severity: "error",
          span: spanOf(BAD_L1, "2-产出指标"),
          fixText: null,
          message: "一级指标“2-产出指标”编码与名称不一致：编码 2 是“效益指标”，而“产出指标”的编码是 1",
        },
        {
          cell: "G6",
          messageId: "l2",
          span: spanOf(BAD_L1, "12-数量指标"),
          message: "二级指标“12-数量指标”编码与名称不一致：编码 12 是“质量指标”，而“数量指标”的编码是 11",
        },
      ],
    },
    {
      name: "structured: the 一级 and 二级 cells",
      grid: structuredGrid(
        oneUnit([{ name: "项目甲", rows: [["3-效益指标", "22-社会效益", "劳动争议次数", "0次", "0次"], ["1-产出指标", "31-数量指标", "人数", "6人", "6人"]] }]),
      ),
      errors: [
        { cell: "G6", messageId: "l1", span: { start: 0, end: "3-效益指标".length }, message: "编码 3 是“满意度指标”，而“效益指标”的编码是 2" },
        { cell: "H7", messageId: "l2", span: { start: 0, end: "31-数量指标".length }, message: "编码 31 是“服务对象满意度指标”" },
      ],
    },
  ],
});
