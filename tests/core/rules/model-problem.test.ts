import { rule } from "../../../src/core/rules/model-problem";
import type { GridInput, Table } from "../../../src/core/types";
import { oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { runRuleTests } from "../../helpers/rule-tester";
import { getProfile } from "../../../src/core/catalog";

/** A published grid with an extra row holding amounts but no name (sheet row 8). */
function namelessRow(): GridInput {
  const g = publishedGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙" }]));
  g.values.push([null, 5, 5, null, null, null, null]);
  return g;
}

runRuleTests(rule, {
  valid: [
    { name: "a well-formed published table", grid: publishedGrid(oneUnit([{ name: "项目甲" }])) },
    { name: "a well-formed structured table", grid: structuredGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙" }])) },
  ],
  invalid: [
    {
      name: "a row with amounts but no name",
      grid: namelessRow(),
      errors: [{ cell: "A8", messageId: "problem", severity: "error", fixText: null, message: "第 8 行有金额、目标或指标，但名称单元格 A8 为空" }],
    },
  ],
});

describe("JX001 passes the model's messages through", () => {
  it("one finding per problem, at its cell, with both messages verbatim", () => {
    const profile = getProfile("guangzhou");
    const table = {
      sheet: "表1",
      problems: [
        { cell: { row: 9, col: 0 }, message: "第 10 行无法识别", messageEn: "Row 10 cannot be read" },
        { cell: { row: 2, col: 3 }, message: "表头不完整", messageEn: "Incomplete header" },
      ],
    } as unknown as Table;
    const found = rule.check(table, { profile, thresholds: profile.thresholds });
    expect(found.map((f) => [f.sheet, f.cell, f.row, f.col, f.message, f.messageEn, f.severity, f.ruleName])).toEqual([
      ["表1", "A10", 9, 0, "第 10 行无法识别", "Row 10 cannot be read", "error", "model-problem"],
      ["表1", "D3", 2, 3, "表头不完整", "Incomplete header", "error", "model-problem"],
    ]);
  });
});
