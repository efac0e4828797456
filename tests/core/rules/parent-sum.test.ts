import { rule } from "../../../src/core/rules/parent-sum";
import type { CellValue, GridInput } from "../../../src/core/types";
import { GOOD_INDICATORS, PUBLISHED_HEADER, oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { findingsOf, runRuleTests } from "../../helpers/rule-tester";

/** A published sheet with no unit rows: header on row 1, 合计 on row 2, projects below. */
function noUnitsGrid(grand: CellValue[], projects: CellValue[][]): GridInput {
  const values: CellValue[][] = [[...PUBLISHED_HEADER], ["合计", ...grand, null, null]];
  for (const p of projects) values.push(["    " + String(p[0]), ...p.slice(1), "实施项目，保障工作开展。", GOOD_INDICATORS]);
  return { sheet: "Sheet1", values };
}

runRuleTests(rule, {
  valid: [
    { name: "one unit, two projects (published)", grid: publishedGrid(oneUnit([{ name: "甲", fiscal: 35.08 }, { name: "乙", fiscal: 215.62 }])) },
    {
      name: "two units, every source column (structured)",
      grid: structuredGrid({
        units: [
          { name: "单位一", projects: [{ name: "甲", fiscal: 1.54, specialAccount: 2, other: 0.5 }] },
          { name: "单位二", projects: [{ name: "乙", fiscal: 80 }, { name: "丙", fiscal: 1.57, other: 3 }] },
        ],
      }),
    },
    {
      name: "no unit rows: 合计 = Σ projects",
      grid: noUnitsGrid([12.5, 12.5, null, null], [["甲", 10, 10, null, null], ["乙", 2.5, 2.5, null, null]]),
    },
    {
      name: "a text amount in a member leaves that column to JX103",
      grid: publishedGrid({
        units: [{ name: "测试单位", total: 10, fiscal: 10, projects: [{ name: "甲", total: 10, fiscal: "#REF!" }, { name: "乙", total: 0, fiscal: 0 }] }],
      }),
    },
    {
      name: "differences within the tolerance",
      grid: publishedGrid({
        units: [{ name: "测试单位", total: 10.004, fiscal: 10.004, projects: [{ name: "甲", fiscal: 10 }] }],
        grandTotal: { total: 10.004, fiscal: 10.004 },
      }),
    },
    { name: "no 合计 row", grid: publishedGrid(oneUnit([{ name: "甲", fiscal: 5 }], { grandTotal: false })) },
  ],
  invalid: [
    {
      name: "unit 总计 differs from its project",
      // 合计 = Σ units = 20 is consistent; only the unit row is wrong.
      grid: publishedGrid({ units: [{ name: "测试单位", total: 20, projects: [{ name: "甲", fiscal: 10 }] }] }),
      errors: [
        {
          cell: "B5",
          messageId: "mismatch",
          severity: "error",
          fixText: null,
          message: "“测试单位”的总计 20.00 ≠ 所属各项目之和 10.00（共 1 行，相差 10.00 万元）",
        },
      ],
    },
    {
      name: "合计 财政拨款 differs from the sum of two units",
      grid: publishedGrid({
        units: [
          { name: "单位一", projects: [{ name: "甲", fiscal: 35.08 }] },
          { name: "单位二", projects: [{ name: "乙", fiscal: 1.54 }] },
        ],
        grandTotal: { fiscal: 36.63 },
      }),
      errors: [{ cell: "C4", message: "“合计”的财政拨款 36.63 ≠ 各单位之和 36.62（共 2 行，相差 0.01 万元）" }],
    },
    {
      name: "several columns of one parent: one finding per column",
      grid: publishedGrid({
        units: [{ name: "测试单位", total: 1, fiscal: 2, other: 3, projects: [{ name: "甲", fiscal: 10, other: 4 }, { name: "乙", fiscal: 5 }] }],
        grandTotal: { total: 1, fiscal: 2, other: 3 },
      }),
      errors: [
        { cell: "B5", message: "总计 1.00 ≠ 所属各项目之和 19.00" },
        { cell: "C5", message: "财政拨款 2.00 ≠ 所属各项目之和 15.00" },
        { cell: "E5", message: "其他资金 3.00 ≠ 所属各项目之和 4.00（共 2 行，相差 1.00 万元）" },
      ],
    },
    {
      name: "no unit rows: 合计 ≠ Σ projects",
      grid: noUnitsGrid([12, 12, null, null], [["甲", 10, 10, null, null], ["乙", 2.5, 2.5, null, null]]),
      errors: [
        { cell: "B2", message: "“合计”的总计 12.00 ≠ 所属各项目之和 12.50（共 2 行，相差 0.50 万元）" },
        { cell: "C2", message: "财政拨款 12.00 ≠ 所属各项目之和 12.50" },
      ],
    },
    {
      name: "a blank parent cell counts as 0 against non-blank members (合计 = the blank unit: consistent)",
      grid: publishedGrid({
        units: [{ name: "测试单位", specialAccount: null, projects: [{ name: "甲", fiscal: 5, specialAccount: 1 }] }],
        grandTotal: { specialAccount: null },
      }),
      errors: [
        { cell: "D5", message: "“测试单位”的财政专户拨款 0.00 ≠ 所属各项目之和 1.00" },
      ],
    },
    {
      name: "structured layout: the unit row's amount cell",
      grid: structuredGrid({ units: [{ name: "测试单位", total: 9, projects: [{ name: "甲", fiscal: 5 }, { name: "乙", fiscal: 5 }] }] }),
      errors: [{ cell: "B5", message: "“测试单位”的总计 9.00 ≠ 所属各项目之和 10.00" }],
    },
  ],
});

describe("JX102 suggestion: set the parent's cell to the sum", () => {
  it("offers the sum of the members for the parent's cell, showing both numbers (no safe fix)", () => {
    const found = findingsOf(
      rule,
      publishedGrid({
        units: [
          { name: "单位一", projects: [{ name: "甲", fiscal: 35.08 }] },
          { name: "单位二", projects: [{ name: "乙", fiscal: 1.54 }] },
        ],
        grandTotal: { fiscal: 36.63 },
      }),
    );
    expect(found).toHaveLength(1);
    expect(found[0].fix).toBeUndefined();
    expect(found[0].suggestions).toEqual([
      {
        id: "setParent",
        message: "将“合计”的财政拨款改为 36.62（现为 36.63）",
        messageEn: "Set 财政拨款 of \"合计\" to 36.62 (now 36.63)",
        edits: [{ row: 3, col: 2, cell: "C4", before: 36.63, after: 36.62 }],
      },
    ]);
  });

  it("one suggestion per column, each for its own cell", () => {
    const found = findingsOf(
      rule,
      publishedGrid({
        units: [{ name: "测试单位", total: 1, fiscal: 2, other: 3, projects: [{ name: "甲", fiscal: 10, other: 4 }, { name: "乙", fiscal: 5 }] }],
        grandTotal: { total: 1, fiscal: 2, other: 3 },
      }),
    );
    expect(found.map((f) => f.suggestions!.map((s) => [s.edits[0].cell, s.edits[0].before, s.edits[0].after]))).toEqual([
      [["B5", 1, 19]],
      [["C5", 2, 15]],
      [["E5", 3, 4]],
    ]);
  });

  it("is not offered when a member's amount is text", () => {
    const found = findingsOf(
      rule,
      publishedGrid({ units: [{ name: "测试单位", total: 20, fiscal: 20, projects: [{ name: "甲", total: "10.00", fiscal: 10 }] }] }),
    );
    expect(found.map((f) => f.cell)).toContain("B5");
    for (const f of found.filter((x) => x.cell === "B5")) expect(f.suggestions).toBeUndefined();
  });
});
