/**
 * Layout conversion plans (issue 4): the published seed converted is the structured seed and back, cell for
 * cell; converting there and back keeps the indicators (toSpec) and the amounts on the seeds and on broken
 * variants; the plan creates a new sheet and never reads or writes the source.
 */
import {
  applyPlanToGrid, planConversion, revertPlanOnGrid, toSpec, validateGrid,
} from "../../../src/core";
import type { CellValue, EditPlan, GridInput, Layout, MergedArea, Table } from "../../../src/core";
import { SEEDS, PUBLISHED, STRUCTURED, loadGrid, tableOf, plan, planError } from "./helpers";



/** Values with blank cells as null and trailing blank cells and rows removed (a sheet's content, not the reader's shape). */
function content(values: CellValue[][]): CellValue[][] {
  const rows = values.map((row) => {
    const r = (row ?? []).map((v) => (v === undefined || v === "" ? null : v));
    while (r.length > 0 && r[r.length - 1] === null) r.pop();
    return r;
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}
const sortMerges = (m: MergedArea[] | undefined): MergedArea[] =>
  [...(m ?? [])].sort((a, b) => a.top - b.top || a.left - b.left);

function convert(grid: GridInput, to: Layout, name = "转换结果"): { plan: EditPlan; grid: GridInput; table: Table } {
  const p = plan(planConversion(tableOf(grid), grid, to, name));
  const out = applyPlanToGrid(grid, p);
  return { plan: p, grid: out, table: tableOf(out) };
}

/** What a conversion must keep: per project its name, amounts and indicators. */
function essence(table: Table, withSeq: boolean) {
  return table.rows.map((r) => ({
    level: r.level,
    name: r.name,
    amounts: [r.amounts.total.raw, r.amounts.fiscal.raw, r.amounts.specialAccount.raw, r.amounts.other.raw].map((x) => x ?? null),
    goal: r.level === "project" ? (r as Table["projects"][number]).goal?.raw ?? null : null,
    indicators: r.level === "project"
      ? (r as Table["projects"][number]).indicators.map(toSpec).map((s) => (withSeq ? s : { ...s, seq: 0 }))
      : [],
  }));
}

describe("the seeds convert into each other cell for cell", () => {
  it("published seed → structured is the structured seed", async () => {
    const source = await loadGrid(PUBLISHED);
    const structured = await loadGrid(STRUCTURED);
    const { plan: p, grid } = convert(source, "structured", "明细");
    expect(p).toMatchObject({ kind: "convert", sheet: "明细", createSheet: true });
    expect(p.edits.every((e) => e.before === null)).toBe(true);
    expect(content(grid.values)).toEqual(content(structured.values));
    expect(sortMerges(grid.merges)).toEqual(sortMerges(structured.merges));
    // Amounts stay numbers with their format.
    expect(p.edits.find((e) => e.cell === "B6")?.after).toBe(35.08);
    expect(p.numberFormats).toContainEqual({ row: 5, col: 1, format: "0.00" });
    expect(grid.numberFormats?.[3]?.[1]).toBe("0.00");
    expect(p.preview[2]).toBe("3：项目名称（资金使用单位） | 总计 | 财政拨款 | 财政专户拨款 | 其他资金 | 绩效目标 | 一级指标 | 二级指标 | 三级指标 | 实施周期指标值 | 年度指标值");
    expect(p.label.zh).toContain("明细格式");
    // The source is untouched.
    expect(source).toEqual(await loadGrid(PUBLISHED));
  });

  it("structured seed → published is the published seed", async () => {
    const source = await loadGrid(STRUCTURED);
    const published = await loadGrid(PUBLISHED);
    const { plan: p, grid } = convert(source, "published", "发布");
    expect(content(grid.values)).toEqual(content(published.values));
    expect(sortMerges(grid.merges)).toEqual(sortMerges(published.merges));
    expect(p.preview).toHaveLength(10);
    expect(p.label.en).toContain("published layout");
  });

  it.each([PUBLISHED, STRUCTURED])("%s there and back is the same sheet, with the same findings", async (file) => {
    const source = await loadGrid(file);
    const table = tableOf(source);
    const other: Layout = table.layout === "published" ? "structured" : "published";
    const there = convert(source, other);
    const back = convert(there.grid, table.layout, "绩效目标表");
    expect(essence(back.table, true)).toEqual(essence(table, true));
    // The structured copy has no 序号 column: the numbers come back from the order.
    expect(essence(there.table, false)).toEqual(essence(table, false));
    expect(content(back.grid.values)).toEqual(content(source.values));
    const findings = (g: GridInput) => {
      const r = validateGrid(g);
      if (!r.table) throw new Error(r.message);
      return r.findings.map((f) => `${f.ruleId}|${f.messageId}|${f.cell}`).sort();
    };
    expect(findings(back.grid)).toEqual(findings(source));
  });
});

describe("broken variants keep their indicators and amounts there and back", () => {
  it.each([
    "broken/halfwidth-punctuation.xlsx", "broken/lookalike-comparator.xlsx", "broken/numbering-gap.xlsx",
    "broken/pdf-line-breaks.xlsx", "broken/excel-indent.xlsx", "broken/header-moved-down-merged.xlsx",
    "broken/columns-reordered.xlsx", "broken/amounts-as-text.xlsx", "broken/three-decimals.xlsx",
    "broken/code-name-mismatch.xlsx", "broken/goal-missing.xlsx", "broken/indicators-missing.xlsx",
    "broken/structured-l2-wrong.xlsx", "broken/structured-repeated-cells.xlsx",
  ])("%s", async (file) => {
    const source = await loadGrid(file);
    const table = tableOf(source);
    const other: Layout = table.layout === "published" ? "structured" : "published";
    const there = convert(source, other);
    expect(there.table.layout).toBe(other);
    expect(essence(there.table, false)).toEqual(essence(table, false));
    const back = convert(there.grid, table.layout, "回转");
    expect(back.table.layout).toBe(table.layout);
    expect(essence(back.table, false)).toEqual(essence(table, false));
    // Amounts are copied as they are: text stays text, numbers numbers.
    for (const [i, r] of table.rows.entries()) {
      expect(there.table.rows[i].amounts.total.kind).toBe(r.amounts.total.kind);
      expect(there.table.rows[i].amounts.fiscal.raw ?? null).toBe(r.amounts.fiscal.raw ?? null);
    }
  });

  it("numbering-gap.xlsx: the structured copy has no numbers, so back in the published layout they run 1…n", async () => {
    const source = await loadGrid("broken/numbering-gap.xlsx");
    const back = convert(convert(source, "structured").grid, "published", "回转");
    expect(tableOf(source).projects[3].indicators.map((i) => i.seq)).toEqual([1, 2, 4, 5]);
    expect(back.table.projects[3].indicators.map((i) => i.seq)).toEqual([1, 2, 3, 4]);
  });
});

describe("structured sources with a 序号 column", () => {
  function withSeq(seqs: number[][]): GridInput {
    const values: CellValue[][] = [
      ["项目名称", "总计", "财政拨款", "绩效目标", "序号", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"],
    ];
    const merges: MergedArea[] = [];
    const rows = [
      ["1-产出指标", "11-数量指标", "培训人次", "≥200人次", "≥200人次"],
      ["3-满意度指标", "31-服务对象满意度", "参训人员满意度", "≥90%", "≥90%"],
    ];
    seqs.forEach((project, k) => {
      const top = values.length;
      project.forEach((n, i) => {
        const head = i === 0 ? [`    项目${k + 1}`, 10, 10, "完成。"] : [null, null, null, null];
        values.push([...head, n, ...rows[i % 2]]);
      });
      for (let c = 0; c < 4; c++) merges.push({ top, left: c, bottom: top + project.length - 1, right: c });
    });
    return { sheet: "申报表", values, merges };
  }

  it("keeps the source's numbers", () => {
    const { table } = convert(withSeq([[1, 3], [1, 2]]), "published");
    expect(table.projects.map((p) => p.indicators.map((i) => i.seq))).toEqual([[1, 3], [1, 2]]);
  });

  it("restarts a numbering that runs through the sheet in each project", () => {
    const { table, plan: p } = convert(withSeq([[1, 2], [3, 4]]), "published");
    expect(table.projects.map((x) => x.indicators.map((i) => i.seq))).toEqual([[1, 2], [1, 2]]);
    expect(p.edits.find((e) => e.cell === "G4")?.after).toBe(
      "1、1-产出指标；11-数量指标；培训人次；实施周期指标值:≥200人次；年度指标值:≥200人次。" +
        "2、3-满意度指标；31-服务对象满意度；参训人员满意度；实施周期指标值:≥90%；年度指标值:≥90%。",
    );
    // No title or unit line in the source: none written, the header stays on row 3.
    expect(p.edits.some((e) => e.row < 2)).toBe(false);
  });
});

describe("conversion errors and undo", () => {
  it("refuses the layout the sheet already has and names Excel cannot take", async () => {
    const grid = await loadGrid(PUBLISHED);
    const table = tableOf(grid);
    const same = planError(planConversion(table, grid, "published", "新表"));
    expect(same.error).toBe("badSpec");
    expect(same.message).toContain("绩效目标表");
    for (const name of ["", "   ", "a".repeat(32), "表[1]", "a/b", "'引号", "绩效目标表"]) {
      const e = planError(planConversion(table, grid, "structured", name));
      expect(e.error).toBe("badSpec");
      expect(e.message).toContain("绩效目标表");
    }
  });

  it("undoing a conversion empties the created sheet (a host deletes it); a changed cell refuses", async () => {
    const grid = await loadGrid(PUBLISHED);
    const { plan: p, grid: created } = convert(grid, "structured", "明细");
    expect(revertPlanOnGrid(created, p)).toEqual({ sheet: "明细", values: [], origin: { row: 0, col: 0 }, merges: [] });
    const edited = structuredClone(created);
    edited.values[5][8] = "改过的名称";
    expect(() => revertPlanOnGrid(edited, p)).toThrow(/I6/);
  });
});
