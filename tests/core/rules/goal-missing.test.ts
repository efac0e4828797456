import { rule } from "../../../src/core/rules/goal-missing";
import type { CellValue, GridInput } from "../../../src/core/types";
import { GOOD_INDICATORS, oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { runRuleTests } from "../../helpers/rule-tester";

/** A published sheet without a 绩效目标 column: header row 1, unit row 2, project row 3. */
function noGoalColumn(): GridInput {
  const values: CellValue[][] = [
    ["项目名称", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效指标"],
    ["测试单位", 10, 10, null, null, null],
    ["    项目甲", 10, 10, null, null, GOOD_INDICATORS],
  ];
  return { sheet: "Sheet1", values };
}

runRuleTests(rule, {
  valid: [
    { name: "every project has a goal (published)", grid: publishedGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙" }])) },
    { name: "every project has a goal (structured)", grid: structuredGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙" }])) },
    { name: "a one-word goal is still a goal", grid: publishedGrid(oneUnit([{ name: "项目甲", goal: "完成课题研究" }])) },
  ],
  invalid: [
    {
      name: "empty goal cell (published)",
      grid: publishedGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙", goal: "" }])),
      errors: [{ cell: "F7", messageId: "missing", severity: "error", fixText: null, message: "项目“项目乙”未填写绩效目标" }],
    },
    {
      name: "whitespace only",
      grid: publishedGrid(oneUnit([{ name: "项目甲", goal: "  \n " }])),
      errors: [{ cell: "F6", messageId: "missing" }],
    },
    {
      name: "a filler such as 无 or ——",
      grid: publishedGrid(oneUnit([{ name: "项目甲", goal: "无" }, { name: "项目乙", goal: "——" }])),
      errors: [
        { cell: "F6", messageId: "placeholder", message: "项目“项目甲”的绩效目标只有“无”" },
        { cell: "F7", messageId: "placeholder", message: "“——”" },
      ],
    },
    {
      name: "structured layout: the project's goal cell on its first row",
      grid: structuredGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙", goal: "" }])),
      errors: [{ cell: "F10", messageId: "missing", message: "“项目乙”" }],
    },
    {
      name: "no 绩效目标 column: the project's name cell",
      grid: noGoalColumn(),
      errors: [{ cell: "A3", messageId: "noColumn", message: "表中没有“绩效目标”列，项目“项目甲”缺少绩效目标" }],
    },
  ],
});
