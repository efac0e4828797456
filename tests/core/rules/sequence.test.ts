import { applyEdits } from "../../../src/core/fix";
import { rule } from "../../../src/core/rules/sequence";
import { GOOD_INDICATORS, GOOD_ROWS, oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { findingsOf, runRuleTests } from "../../helpers/rule-tester";
import { buildTable } from "../../../src/core/model";
import { getProfile } from "../../../src/core/catalog";
import type { Table } from "../../../src/core/types";

const ITEM = (n: string, name: string) => `${n}、1-产出指标；11-数量指标；${name}；实施周期指标值:1项；年度指标值:1项。`;

function at(text: string, needle: string): { start: number; end: number } {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`"${needle}" not in test text`);
  return { start, end: start + needle.length };
}

const REPEAT = ITEM("1", "甲") + ITEM("2", "乙") + ITEM("2", "丙") + ITEM("4", "丁");
const GAP = ITEM("1", "甲") + ITEM("3", "乙") + ITEM("4", "丙");
const NO_NUMBER = ITEM("1", "甲") + ITEM("", "乙").slice(1) + ITEM("3", "丙");

runRuleTests(rule, {
  valid: [
    { name: "1, 2, 3, 4 (published)", grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: GOOD_INDICATORS }, { name: "项目乙" }])) },
    { name: "structured without a 序号 column", grid: structuredGrid(oneUnit([{ name: "项目甲", rows: GOOD_ROWS }])) },
  ],
  invalid: [
    {
      name: "a repeated number",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: REPEAT }])),
      errors: [
        {
          cell: "G6",
          messageId: "wrong",
          severity: "warning",
          span: { start: REPEAT.indexOf("2、1-产出指标；11-数量指标；丙"), end: REPEAT.indexOf("2、1-产出指标；11-数量指标；丙") + 1 },
          fixText: ITEM("1", "甲") + ITEM("2", "乙") + ITEM("3", "丙") + ITEM("4", "丁"),
          message: "项目“项目甲”第 3 个指标的序号为 2，应为 3",
        },
      ],
    },
    {
      name: "a gap: each later number is wrong, each fix alone renumbers one item",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: GAP }])),
      errors: [
        { cell: "G6", span: { start: at(GAP, "3、").start, end: at(GAP, "3、").start + 1 }, fixText: ITEM("1", "甲") + ITEM("2", "乙") + ITEM("4", "丙") },
        { cell: "G6", span: { start: at(GAP, "4、").start, end: at(GAP, "4、").start + 1 }, fixText: ITEM("1", "甲") + ITEM("3", "乙") + ITEM("3", "丙") },
      ],
    },
    {
      name: "an item without a number gets it inserted",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: NO_NUMBER }])),
      errors: [
        {
          cell: "G6",
          messageId: "missing",
          span: { start: ITEM("1", "甲").length, end: ITEM("1", "甲").length },
          fixText: ITEM("1", "甲") + ITEM("2", "乙") + ITEM("3", "丙"),
          message: "第 2 个指标缺少序号，应为 2",
        },
      ],
    },
  ],
});

describe("JX304 fixes together", () => {
  it("applying every fix of a cell renumbers it 1, 2, 3…", () => {
    const cell = ITEM("3", "甲") + ITEM("3", "乙") + ITEM("7", "丙") + ITEM("1", "丁") + ITEM("12", "戊");
    const found = findingsOf(rule, publishedGrid(oneUnit([{ name: "项目甲", indicators: cell }])));
    // 3, 3, 7, 1, 12 against 1, 2, 3, 4, 5: every number is wrong.
    expect(found.map((f) => `${f.cell} ${f.fix?.replacement}`)).toEqual(["G6 1", "G6 2", "G6 3", "G6 4", "G6 5"]);
    const edits = found.map((f) => ({ span: f.fix!.span, replacement: f.fix!.replacement }));
    const fixed = applyEdits(cell, edits);
    expect(fixed.skipped).toEqual([]);
    expect(fixed.text).toBe(ITEM("1", "甲") + ITEM("2", "乙") + ITEM("3", "丙") + ITEM("4", "丁") + ITEM("5", "戊"));
  });
});

describe("JX304 in the structured layout (numbers from a 序号 column)", () => {
  // The model does not fill seqPart from a 序号 column yet: give the structured indicators numbers by hand,
  // as a 序号 cell in column L holding just the number.
  function numbered(seqs: number[][]): Table {
    const grid = structuredGrid(oneUnit(seqs.map((_, i) => ({ name: `项目${i + 1}`, rows: GOOD_ROWS.slice(0, seqs[i].length) }))));
    const table = buildTable(grid).table!;
    table.projects.forEach((p, i) =>
      p.indicators.forEach((ind, j) => {
        const raw = String(seqs[i][j]);
        ind.seq = seqs[i][j];
        ind.seqPart = { raw, cell: { row: ind.row ?? ind.whole.cell.row, col: 11 }, span: { start: 0, end: raw.length } };
      }),
    );
    return table;
  }
  const profile = getProfile("guangzhou");
  const run = (t: Table) => rule.check(t, { profile, thresholds: profile.thresholds });

  it("accepts numbering per project and numbering through the sheet", () => {
    expect(run(numbered([[1, 2, 3], [1, 2]]))).toEqual([]);
    expect(run(numbered([[1, 2, 3], [4, 5]]))).toEqual([]);
  });
  it("flags a repeat at the 序号 cell, with a fix of that cell", () => {
    // 项目1 on rows 6–8, 项目2 on rows 9–10; column L.
    const found = run(numbered([[1, 2, 2], [1, 2]]));
    expect(found.map((f) => [f.cell, f.messageId, f.fix?.text, f.project, f.indicator])).toEqual([["L8", "wrong", "3", "项目1", 2]]);
  });
});

// Found by the fuzz run (issue 6): a fix that, applied, does not give the numbering it promises. The grammar
// starts an item only at a number followed by a category and reads a number as an item's when the numbering
// around it makes sense, so on a garbled cell the old fixes were offered again after being applied.
describe("JX304 offers fixes only when they renumber the cell", () => {
  it("no number is inserted where it would stay unread text", () => {
    // A long piece of a cut item (no category, no ； within 80 characters), then item 2: "1、" inserted before
    // it starts no item, so the same fix would be offered again after being applied.
    const cell = "年度指标值:" + "按计划完成".repeat(18) + "。" + ITEM("2", "乙");
    const found = findingsOf(rule, publishedGrid(oneUnit([{ name: "项目甲", indicators: cell }])));
    expect(found.map((f) => [f.messageId, f.span, f.fix])).toEqual([["missing", { start: 0, end: 0 }, undefined]]);
    // A short one is read as item 1 once numbered: that fix is offered.
    const short = "年度指标值:100%。" + ITEM("2", "乙");
    const offered = findingsOf(rule, publishedGrid(oneUnit([{ name: "项目甲", indicators: short }])));
    expect(offered.map((f) => [f.messageId, f.fix?.text])).toEqual([["missing", "1、" + short]]);
    expect(findingsOf(rule, publishedGrid(oneUnit([{ name: "项目甲", indicators: "1、" + short }])))).toEqual([]);
  });

  it("no fix when numbering an item makes the grammar see an item start it did not see before", () => {
    // Item 2 has no number and holds "3、产出指标；": once it is numbered 2, "3、" after it reads as item 3, so
    // the old fixes (insert 2, renumber 4 → 3) would leave the last item misnumbered again.
    const second = "1-产出指标；11-数量指标；乙类3、产出指标；实施周期指标值:1项；年度指标值:1项。";
    const cell = ITEM("1", "甲") + second + ITEM("4", "丙");
    const found = findingsOf(rule, publishedGrid(oneUnit([{ name: "项目甲", indicators: cell }])));
    expect(found.map((f) => [f.messageId, f.fix])).toEqual([["missing", undefined], ["wrong", undefined]]);
    // The same numbers in a cell where they do renumber it keep their fixes.
    const plain = ITEM("1", "甲") + ITEM("", "乙").slice(1) + ITEM("4", "丙");
    const fixed = findingsOf(rule, publishedGrid(oneUnit([{ name: "项目甲", indicators: plain }])));
    expect(fixed.map((f) => [f.messageId, f.fix?.replacement])).toEqual([["missing", "2、"], ["wrong", "3"]]);
    const text = applyEdits(plain, fixed.map((f) => ({ span: f.fix!.span, replacement: f.fix!.replacement }))).text;
    expect(text).toBe(ITEM("1", "甲") + ITEM("2", "乙") + ITEM("3", "丙"));
    expect(findingsOf(rule, publishedGrid(oneUnit([{ name: "项目甲", indicators: text }])))).toEqual([]);
  });
});
