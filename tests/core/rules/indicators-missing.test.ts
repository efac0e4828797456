import { rule } from "../../../src/core/rules/indicators-missing";
import { oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { runRuleTests } from "../../helpers/rule-tester";
import { buildTable } from "../../../src/core/model";
import { getProfile } from "../../../src/core/catalog";

runRuleTests(rule, {
  valid: [
    { name: "projects with indicators (published)", grid: publishedGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙" }])) },
    { name: "projects with indicators (structured)", grid: structuredGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙" }])) },
    {
      name: "one incomplete indicator is still an indicator (JX205 covers its parts)",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: "1、1-产出指标；11-数量指标；补偿人员人数；实施周期指标值:6人。" }])),
    },
  ],
  invalid: [
    {
      name: "empty 绩效指标 cell (published)",
      grid: publishedGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙", indicators: "" }])),
      errors: [{ cell: "G7", messageId: "missing", severity: "error", fixText: null, message: "项目“项目乙”没有任何绩效指标" }],
    },
    {
      name: "no indicator row (structured): the name cell",
      grid: structuredGrid(oneUnit([{ name: "项目甲", rows: [] }, { name: "项目乙" }])),
      errors: [{ cell: "A6", messageId: "missing", message: "项目“项目甲”没有任何绩效指标" }],
    },
    {
      name: "indicator rows that are all empty (structured)",
      grid: structuredGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙", rows: [["", "", "", "", ""], ["", "", "", "", ""]] }])),
      errors: [{ cell: "A10", messageId: "missing" }],
    },
  ],
});

describe("JX202 when the grammar finds no item in a non-empty cell", () => {
  it("reports the text as unreadable, with the span of the trimmed text", () => {
    // The grammar reads free text as a bare-name indicator today; a future grammar may return no item instead.
    const table = buildTable(publishedGrid(oneUnit([{ name: "项目甲", indicators: "  见附件  " }]))).table!;
    table.projects[0].indicators = [];
    const profile = getProfile("guangzhou");
    const found = rule.check(table, { profile, thresholds: profile.thresholds });
    expect(found.map((f) => [f.cell, f.messageId, f.span, f.message])).toEqual([
      ["G6", "unreadable", { start: 2, end: 5 }, expect.stringContaining("：“见附件”")],
    ]);
  });
});

// Found by the fuzz run (issue 6): the quoted text was cut at 40 UTF-16 code units, between the halves of a
// surrogate pair when an emoji sat there.
describe("JX202 quoting a long unreadable text", () => {
  it("never cuts a surrogate pair in half", () => {
    const text = "见".repeat(39) + "😀" + "附件";
    const table = buildTable(publishedGrid(oneUnit([{ name: "项目甲", indicators: text }]))).table!;
    table.projects[0].indicators = [];
    const profile = getProfile("guangzhou");
    const found = rule.check(table, { profile, thresholds: profile.thresholds });
    expect(found.map((f) => f.messageId)).toEqual(["unreadable"]);
    expect(found[0].message).toContain("：“" + "见".repeat(39) + "…”");
    expect(found[0].message).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
