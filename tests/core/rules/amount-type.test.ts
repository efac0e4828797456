import { rule } from "../../../src/core/rules/amount-type";
import { oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { runRuleTests } from "../../helpers/rule-tester";

// Unit and 合计 amounts are given as numbers so that only the project's cells are at issue.
const unitWith = (project: { total?: number | string | null; fiscal?: number | string | null; other?: number | string | null }) => ({
  units: [{ name: "测试单位", total: 10, fiscal: 10, projects: [{ name: "项目甲", ...project }] }],
});

runRuleTests(rule, {
  valid: [
    { name: "numbers and blanks (published)", grid: publishedGrid(oneUnit([{ name: "项目甲", fiscal: 35.08 }])) },
    { name: "numbers and blanks (structured)", grid: structuredGrid(oneUnit([{ name: "项目甲", fiscal: 35.08, other: 0 }])) },
  ],
  invalid: [
    {
      name: "a number stored as text is a warning",
      grid: publishedGrid(unitWith({ total: "35.08", fiscal: 35.08 })),
      errors: [
        {
          cell: "B6",
          messageId: "textNumber",
          severity: "warning",
          fixText: null,
          message: "金额以文本形式存储：“项目甲”的总计为文本“35.08”",
        },
      ],
    },
    {
      name: "text that is not a number is an error",
      grid: publishedGrid(unitWith({ total: 10, fiscal: "待定" })),
      errors: [{ cell: "C6", messageId: "notNumber", severity: "error", message: "金额不是数字：“项目甲”的财政拨款为“待定”" }],
    },
    {
      name: "an error value is an error",
      grid: publishedGrid(unitWith({ total: 10, fiscal: 10, other: "#REF!" })),
      errors: [{ cell: "E6", messageId: "errorValue", severity: "error", message: "“项目甲”的其他资金为 #REF!" }],
    },
    {
      name: "several cells of one row, in column order",
      grid: publishedGrid(unitWith({ total: "#VALUE!", fiscal: "10.00" })),
      errors: [
        { cell: "B6", messageId: "errorValue", severity: "error" },
        { cell: "C6", messageId: "textNumber", severity: "warning" },
      ],
    },
    {
      name: "unit and 合计 rows are checked too (structured)",
      grid: structuredGrid({ units: [{ name: "测试单位", total: "n/a", projects: [{ name: "项目甲", fiscal: 10 }] }], grandTotal: { total: 10 } }),
      errors: [{ cell: "B5", messageId: "notNumber", message: "“测试单位”的总计为“n/a”" }],
    },
  ],
});
