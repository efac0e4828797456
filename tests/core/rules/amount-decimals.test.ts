import { rule } from "../../../src/core/rules/amount-decimals";
import { oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { runRuleTests } from "../../helpers/rule-tester";

const single = (total: number | string, fiscal: number | string) =>
  publishedGrid({ units: [{ name: "测试单位", total: 1, fiscal: 1, projects: [{ name: "项目甲", total, fiscal }] }] });

runRuleTests(rule, {
  valid: [
    { name: "two decimals (35.08 is not 35.0799999…)", grid: publishedGrid(oneUnit([{ name: "项目甲", fiscal: 35.08 }, { name: "项目乙", fiscal: 215.62 }])) },
    { name: "float noise of a computed value (0.1 + 0.2)", grid: single(0.1 + 0.2, 0.1 + 0.2) },
    { name: "integers and large amounts", grid: single(1234567.89, 80) },
    { name: "a higher maxDecimals accepts three", grid: single(35.085, 35.085), options: { thresholds: { maxDecimals: 3 } } },
    { name: "structured", grid: structuredGrid(oneUnit([{ name: "项目甲", fiscal: 1.57 }])) },
  ],
  invalid: [
    {
      name: "three decimals in 总计 and 财政拨款",
      grid: single(35.085, 35.085),
      errors: [
        { cell: "B6", messageId: "tooMany", severity: "warning", fixText: null, message: "金额小数位过多：“项目甲”的总计 35.085 有 3 位小数（最多 2 位）" },
        { cell: "C6", messageId: "tooMany", message: "财政拨款 35.085 有 3 位小数" },
      ],
    },
    {
      name: "a text amount with four decimals",
      grid: single("1.2345", 1),
      errors: [{ cell: "B6", message: "总计 1.2345 有 4 位小数（最多 2 位）" }],
    },
    {
      name: "maxDecimals 0 flags cents",
      grid: single(10.5, 10),
      options: { thresholds: { maxDecimals: 0 } },
      errors: [{ cell: "B6", message: "10.5 有 1 位小数（最多 0 位）" }],
    },
  ],
});
