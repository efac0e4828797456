import { rule } from "../../../src/core/rules/row-total-sum";
import { decimalsOf, formatAmount } from "../../../src/core/rules/row-total-sum";
import { oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { findingsOf, runRuleTests } from "../../helpers/rule-tester";

// Published/structured grids: row 4 合计, row 5 unit, row 6 first project; B 总计, C 财政拨款, D 财政专户拨款, E 其他资金.
const consistentParents = (a: { total: number; fiscal: number; specialAccount?: number; other?: number }) => ({
  grandTotal: a,
});

runRuleTests(rule, {
  valid: [
    { name: "published table whose rows add up", grid: publishedGrid(oneUnit([{ name: "项目甲", fiscal: 35.08 }, { name: "项目乙", fiscal: 1.57 }])) },
    { name: "structured table whose rows add up", grid: structuredGrid(oneUnit([{ name: "项目甲", fiscal: 35.08 }])) },
    {
      name: "three sources add up, blanks count as 0",
      grid: publishedGrid(oneUnit([{ name: "项目甲", fiscal: 10, specialAccount: 5.5, other: 0.25 }, { name: "项目乙", fiscal: 3 }])),
    },
    {
      name: "a difference of 0.005 is within the tolerance",
      grid: publishedGrid({
        units: [{ name: "测试单位", total: 35.085, fiscal: 35.08, projects: [{ name: "项目甲", total: 35.085, fiscal: 35.08 }] }],
        ...consistentParents({ total: 35.085, fiscal: 35.08 }),
      }),
    },
    {
      name: "a row with a text amount is left to JX103",
      grid: publishedGrid({
        units: [{ name: "测试单位", total: 10, fiscal: 10, projects: [{ name: "项目甲", total: 10, fiscal: "十万" }] }],
      }),
    },
    {
      name: "a row with an error value is left to JX103",
      grid: publishedGrid({
        units: [{ name: "测试单位", total: 10, fiscal: 10, projects: [{ name: "项目甲", total: "#REF!", fiscal: 10 }] }],
      }),
    },
    {
      name: "a larger tolerance accepts a 0.01 difference",
      grid: publishedGrid({
        units: [{ name: "测试单位", total: 35.08, fiscal: 35.08, projects: [{ name: "项目甲", total: 35.09, fiscal: 35.08 }] }],
      }),
      options: { thresholds: { amountTolerance: 0.02 } },
    },
    {
      name: "text that reads as a number is summed (35.08 stored as text)",
      grid: publishedGrid({
        units: [{ name: "测试单位", total: 35.08, fiscal: 35.08, projects: [{ name: "项目甲", total: "35.08", fiscal: 35.08 }] }],
      }),
    },
  ],
  invalid: [
    {
      name: "project 总计 one cent off (parents consistent)",
      grid: publishedGrid({
        units: [{ name: "测试单位", total: 35.08, fiscal: 35.08, projects: [{ name: "机构运行辅助经费", total: 35.09, fiscal: 35.08 }] }],
      }),
      errors: [
        {
          cell: "B6",
          messageId: "mismatch",
          severity: "error",
          fixText: null,
          message: "“机构运行辅助经费”总计 35.09 ≠ 财政拨款 35.08 + 财政专户拨款 0.00 + 其他资金 0.00（相差 0.01 万元）",
        },
      ],
    },
    {
      name: "a wrong project total propagated by the sums makes the unit and 合计 rows wrong too",
      // Unit and 合计 amounts are the column sums of the project: total 35.09, fiscal 35.08 on every level.
      grid: publishedGrid(oneUnit([{ name: "项目甲", total: 35.09, fiscal: 35.08 }])),
      errors: [
        { cell: "B4", message: "“合计”总计 35.09" },
        { cell: "B5", message: "“测试单位”总计 35.09" },
        { cell: "B6", message: "“项目甲”总计 35.09" },
      ],
    },
    {
      name: "all three sources, 30 ≠ 10 + 10 + 5",
      grid: publishedGrid({
        units: [
          { name: "测试单位", total: 25, fiscal: 10, specialAccount: 10, other: 5, projects: [{ name: "项目甲", total: 30, fiscal: 10, specialAccount: 10, other: 5 }] },
        ],
        grandTotal: { total: 25, fiscal: 10, specialAccount: 10, other: 5 },
      }),
      errors: [{ cell: "B6", message: "总计 30.00 ≠ 财政拨款 10.00 + 财政专户拨款 10.00 + 其他资金 5.00（相差 5.00 万元）" }],
    },
    {
      name: "total below the sources; text-number 总计 is compared by its value",
      grid: publishedGrid({
        units: [{ name: "测试单位", total: 12, fiscal: 12, projects: [{ name: "项目甲", total: "10.00", fiscal: 12 }] }],
      }),
      errors: [{ cell: "B6", message: "总计 10.00 ≠ 财政拨款 12.00 + 财政专户拨款 0.00 + 其他资金 0.00（相差 2.00 万元）" }],
    },
    {
      name: "a blank 总计 counts as 0",
      grid: publishedGrid({
        units: [{ name: "测试单位", total: 8, fiscal: 8, projects: [{ name: "项目甲", total: null, fiscal: 8 }] }],
      }),
      errors: [{ cell: "B6", message: "总计 0.00 ≠ 财政拨款 8.00" }],
    },
    {
      name: "structured layout: the project's 总计 cell on its first row",
      grid: structuredGrid({
        units: [
          {
            name: "测试单位",
            total: 20,
            fiscal: 20,
            projects: [
              { name: "项目甲", fiscal: 10 },
              { name: "项目乙", total: 11, fiscal: 10 },
            ],
          },
        ],
      }),
      // 项目甲 occupies rows 6–9 (four GOOD_ROWS), 项目乙 starts on row 10.
      errors: [{ cell: "B10", messageId: "mismatch", message: "“项目乙”总计 11.00 ≠ 财政拨款 10.00" }],
    },
  ],
});

describe("amount helpers", () => {
  it("counts decimals as written, free of float noise", () => {
    expect(decimalsOf(35.08)).toBe(2);
    expect(decimalsOf(0.1 + 0.2)).toBe(1);
    expect(decimalsOf(1.005)).toBe(3);
    expect(decimalsOf(80)).toBe(0);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(decimalsOf(123456789.123)).toBe(3);
    expect(decimalsOf(-2.5)).toBe(1);
  });
  it("formats with at least two decimals and never shows float noise", () => {
    expect(formatAmount(35.09 - 35.08)).toBe("0.01");
    expect(formatAmount(35.085)).toBe("35.085");
    expect(formatAmount(80)).toBe("80.00");
    expect(formatAmount(-0)).toBe("0.00");
  });
});

describe("JX101 suggestion: set 总计 to the sum", () => {
  const one = (project: { total?: number | string | null; fiscal?: number | string | null; specialAccount?: number | null; other?: number | null }) =>
    findingsOf(
      rule,
      publishedGrid({ units: [{ name: "测试单位", total: 35.08, fiscal: 35.08, projects: [{ name: "机构运行辅助经费", ...project }] }] }),
    ).filter((f) => f.cell === "B6");

  it("offers one explicit choice showing both numbers, never a safe fix", () => {
    const [f] = one({ total: 35.09, fiscal: 35.08 });
    expect(f.fix).toBeUndefined();
    expect(f.suggestions).toEqual([
      {
        id: "setTotal",
        message: "将总计改为 35.08（现为 35.09）",
        messageEn: "Set 总计 to 35.08 (now 35.09)",
        edits: [{ row: 5, col: 1, cell: "B6", before: 35.09, after: 35.08 }],
      },
    ]);
  });

  it("writes the sum of the three sources as a number rounded to two decimals, free of float noise", () => {
    // 10.1 + 5.2 + 0.3 is 15.600000000000001 in floating point.
    const [f] = one({ total: 30, fiscal: 10.1, specialAccount: 5.2, other: 0.3 });
    const edit = f.suggestions![0].edits[0];
    expect(edit.after).toBe(15.6);
    expect(f.suggestions![0].message).toBe("将总计改为 15.60（现为 30.00）");
  });

  it("a blank 总计 is shown as blank and written over (before = null)", () => {
    const [f] = one({ total: null, fiscal: 8 });
    expect(f.suggestions![0].message).toBe("将总计改为 8.00（现为 空白）");
    expect(f.suggestions![0].messageEn).toBe("Set 总计 to 8.00 (now blank)");
    expect(f.suggestions![0].edits[0]).toMatchObject({ cell: "B6", before: null, after: 8 });
  });

  it("is not offered when an amount of the row is text, even text that reads as a number", () => {
    const [f] = one({ total: "10.00", fiscal: 12 });
    expect(f.message).toContain("总计 10.00 ≠ 财政拨款 12.00");
    expect(f.suggestions).toBeUndefined();
  });

  it("on a structured project, edits the master cell of the merged 总计", () => {
    const found = findingsOf(
      rule,
      structuredGrid({ units: [{ name: "测试单位", total: 21, fiscal: 21, projects: [{ name: "项目甲", fiscal: 10 }, { name: "项目乙", total: 12, fiscal: 11 }] }] }),
    );
    const f = found.find((x) => x.cell === "B10")!;
    expect(f.suggestions![0].edits).toEqual([{ row: 9, col: 1, cell: "B10", before: 12, after: 11 }]);
  });
});
