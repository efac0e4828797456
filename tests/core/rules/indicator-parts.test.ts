import { rule } from "../../../src/core/rules/indicator-parts";
import { GOOD_INDICATORS, GOOD_ROWS, oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { findingsOf, runRuleTests } from "../../helpers/rule-tester";

function spanOf(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`"${needle}" not in test text`);
  return { start, end: start + needle.length };
}

const NO_ANNUAL = "2、1-产出指标；13-时效指标；补偿发放及时率；实施周期指标值:100%。";
const CELL1 =
  "1、1-产出指标；11-数量指标；补偿人员人数；实施周期指标值:6人；年度指标值:6人。" +
  NO_ANNUAL +
  "3、2-效益指标；22-社会效益；编外人员劳动争议次数；实施周期指标值:0次；年度指标值:0次。";

const EMPTY_VALUES = "1、1-产出指标；11-数量指标；补偿人员人数；实施周期指标值:；年度指标值:。";

runRuleTests(rule, {
  valid: [
    { name: "complete indicators (published)", grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: GOOD_INDICATORS }])) },
    { name: "complete indicators (structured)", grid: structuredGrid(oneUnit([{ name: "项目甲", rows: GOOD_ROWS }])) },
    {
      name: "a qualitative value is a value",
      grid: structuredGrid(oneUnit([{ name: "项目甲", rows: [["1-产出指标", "12-质量指标", "成果质量", "优良", "优良"]] }])),
    },
  ],
  invalid: [
    {
      name: "missing 年度指标值 (published): the item's whole span",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: CELL1 }])),
      errors: [
        {
          cell: "G6",
          messageId: "missing",
          severity: "error",
          span: spanOf(CELL1, NO_ANNUAL),
          fixText: null,
          message: "第 2 个指标“补偿发放及时率”缺少年度指标值",
        },
      ],
    },
    {
      name: "both values empty (published)",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: EMPTY_VALUES }])),
      errors: [{ cell: "G6", span: spanOf(EMPTY_VALUES, EMPTY_VALUES), message: "第 1 个指标“补偿人员人数”缺少实施周期指标值、年度指标值" }],
    },
    {
      name: "free text that is no indicator item: read as a bare name, everything else missing",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: "保障工作顺利开展" }])),
      errors: [
        {
          cell: "G6",
          span: { start: 0, end: "保障工作顺利开展".length },
          message: "第 1 个指标“保障工作顺利开展”缺少一级指标、二级指标、实施周期指标值、年度指标值",
        },
      ],
    },
    {
      name: "structured: the column of the first missing part",
      grid: structuredGrid(
        oneUnit([
          {
            name: "项目甲",
            rows: [
              GOOD_ROWS[0],
              ["1-产出指标", "", "补偿发放及时率", "100%", ""],
              ["2-效益指标", "22-社会效益", "", "0次", "0次"],
              ["3-满意度指标", "31-服务对象满意度", "编外人员满意度", "≥80%", ""],
            ],
          },
        ]),
      ),
      // Rows 6–9; H 二级, I 三级, K 年度指标值.
      errors: [
        { cell: "H7", messageId: "missing", message: "第 2 个指标“补偿发放及时率”缺少二级指标、年度指标值" },
        { cell: "I8", message: "缺少三级指标名称" },
        { cell: "K9", message: "第 4 个指标“编外人员满意度”缺少年度指标值" },
      ],
    },
  ],
});

// Found by the fuzz run (issue 6): the quoted name was cut at 30 UTF-16 code units, which can fall between the
// two halves of a surrogate pair (an emoji, a rare CJK character) and leave a lone surrogate in the message.
describe("JX205 quoting a long name", () => {
  it("never cuts a surrogate pair in half", () => {
    const name = "补".repeat(29) + "𠀀" + "偿人数";
    const grid = publishedGrid(oneUnit([{ name: "项目甲", indicators: `1、1-产出指标；11-数量指标；${name}；实施周期指标值:6人。` }]));
    const found = findingsOf(rule, grid);
    expect(found.map((f) => f.messageId)).toEqual(["missing"]);
    expect(found[0].message).toContain("“" + "补".repeat(29) + "…”");
    expect(found[0].message).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  });
});
