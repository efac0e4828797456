import { rule } from "../../../src/core/rules/amount-type";
import { oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { findingsOf, runRuleTests } from "../../helpers/rule-tester";

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

// Found by the fuzz run (issue 6): an invalid Date in an amount cell made the rule throw (Date#toISOString),
// and a long text amount was cut in the middle of a surrogate pair in the message.
describe("JX103 on hostile amount cells", () => {
  it("an invalid Date is reported as not a number, without throwing", () => {
    const grid = publishedGrid(unitWith({ total: 10, fiscal: 10 }));
    grid.values[5][1] = new Date(NaN);
    const found = findingsOf(rule, grid);
    expect(found.map((f) => [f.cell, f.messageId])).toEqual([["B6", "notNumber"]]);
    expect(found[0].message).toBe("金额不是数字：“项目甲”的总计为“Invalid Date”");
  });

  it("a valid Date is quoted as yyyy-mm-dd", () => {
    const grid = publishedGrid(unitWith({ total: 10, fiscal: 10 }));
    grid.values[5][1] = new Date(Date.UTC(2024, 0, 15));
    expect(findingsOf(rule, grid)[0].message).toContain("“2024-01-15”");
  });

  it("a long text is shortened without cutting an emoji in half", () => {
    // 39 characters, then an emoji (two UTF-16 code units) across the 40-unit limit.
    const text = "待".repeat(39) + "😀" + "定".repeat(10);
    const found = findingsOf(rule, publishedGrid(unitWith({ total: 10, fiscal: text })));
    expect(found.map((f) => f.cell)).toEqual(["C6"]);
    expect(found[0].message).toContain("“" + "待".repeat(39) + "…”");
    expect(found[0].message).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
