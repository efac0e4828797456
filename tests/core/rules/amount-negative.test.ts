import { rule } from "../../../src/core/rules/amount-negative";
import { oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { runRuleTests } from "../../helpers/rule-tester";

runRuleTests(rule, {
  valid: [
    { name: "positive amounts and zeros", grid: publishedGrid(oneUnit([{ name: "项目甲", fiscal: 35.08, other: 0 }])) },
    { name: "structured", grid: structuredGrid(oneUnit([{ name: "项目甲", fiscal: 1.54 }])) },
    {
      name: "a non-numeric text is not negative (JX103 reports it)",
      grid: publishedGrid({ units: [{ name: "测试单位", total: 1, fiscal: 1, projects: [{ name: "项目甲", total: 1, fiscal: 1, other: "-" }] }] }),
    },
  ],
  invalid: [
    {
      name: "a negative 其他资金 on a project",
      grid: publishedGrid({
        units: [{ name: "测试单位", total: 10, fiscal: 12, other: 0, projects: [{ name: "项目甲", total: 10, fiscal: 12, other: -2 }] }],
      }),
      errors: [{ cell: "E6", messageId: "negative", severity: "error", fixText: null, message: "金额为负数：“项目甲”的其他资金为 -2.00 万元" }],
    },
    {
      name: "a negative fiscal amount propagated to unit and 合计 (structured)",
      // Unit and 合计 are column sums: total and fiscal are -5 on all three rows.
      grid: structuredGrid(oneUnit([{ name: "项目甲", fiscal: -5 }])),
      errors: [
        { cell: "B4", message: "“合计”的总计为 -5.00" },
        { cell: "C4", message: "“合计”的财政拨款为 -5.00" },
        { cell: "B5" },
        { cell: "C5" },
        { cell: "B6", message: "“项目甲”的总计为 -5.00" },
        { cell: "C6" },
      ],
    },
    {
      name: "a negative number stored as text",
      // Unit and 合计 given as non-negative numbers, so only the project's text cell is negative.
      grid: publishedGrid({
        units: [{ name: "测试单位", total: 0, fiscal: 0, specialAccount: 0, projects: [{ name: "项目甲", total: 0, fiscal: 0, specialAccount: "-3.5" }] }],
        grandTotal: { total: 0, fiscal: 0, specialAccount: 0 },
      }),
      errors: [{ cell: "D6", message: "财政专户拨款为 -3.50" }],
    },
  ],
});
