/**
 * Insertion plans (issue 4) on the seed workbooks in both layouts and on broken variants: exact text, the
 * existing text kept byte for byte, numbering, merged project cells extended, errors naming sheet and cell,
 * and, applied to the grid, indicators the validator reads back without new findings on them.
 */
import { join } from "node:path";
import {
  a1, applyPlanToGrid, formatIndicator, nextSequence, planInsertion, projectAt,
  revertPlanOnGrid, toSpec,
} from "../../../src/core";
import type { CellValue, Finding, GridInput, InsertSpec } from "../../../src/core";
import { SEEDS, PUBLISHED, STRUCTURED, loadGrid, check, tableOf, plan, planError } from "./helpers";






const v = (comparator: InsertSpec["period"]["comparator"], number: number, unit: string | null) => ({ comparator, number, unit, text: null });

/** Indicators the validator accepts as they are (a satisfaction, a timeliness and a qualitative social benefit). */
const SPECS: InsertSpec[] = [
  {
    seq: 99, l1: { code: "3", name: "满意度指标" }, l2: { code: "31", name: "服务对象满意度" }, name: "社会公众满意度",
    period: v("≥", 90, "%"), annual: v("≥", 90, "%"), explanation: "抽样调查社会公众对项目成效的满意程度。",
  },
  {
    seq: 0, l1: { code: "1", name: "产出指标" }, l2: { code: "13", name: "时效指标" }, name: "成果提交及时率",
    period: v("=", 100, "%"), annual: v("=", 100, "%"),
  },
  {
    seq: 0, l1: { code: "2", name: "效益指标" }, l2: { code: "22", name: "社会效益" }, name: "规划成果应用情况",
    period: { comparator: null, number: null, unit: null, text: "符合要求" },
    annual: { comparator: null, number: null, unit: null, text: "符合要求" },
  },
];

/** Findings as comparable keys (rule, message, cell), a multiset as a sorted list. */
function keys(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId}|${f.messageId}|${f.cell}`).sort();
}

/** Every non-empty cell of a grid, by A1 address (sheet coordinates). */
function cellsOf(grid: GridInput): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  const or = grid.origin?.row ?? 0;
  const oc = grid.origin?.col ?? 0;
  grid.values.forEach((row, r) =>
    row?.forEach((value, c) => {
      if (value !== null && value !== undefined && value !== "") out.set(a1({ row: r + or, col: c + oc }), value);
    }),
  );
  return out;
}

describe("projectAt and nextSequence", () => {
  it.each([PUBLISHED, STRUCTURED])("%s: every row of a project finds it, other rows find none", async (file) => {
    const grid = await loadGrid(file);
    const table = tableOf(grid);
    expect(table.projects).toHaveLength(5);
    const inProject = new Set<number>();
    for (const p of table.projects) {
      for (let r = p.row; r <= p.lastRow; r++) {
        expect(projectAt(table, r)?.name).toBe(p.name);
        inProject.add(r);
      }
    }
    for (let r = 0; r < grid.values.length + 3; r++) if (!inProject.has(r)) expect(projectAt(table, r)).toBeNull();
    // Header, 合计 and unit rows are outside every project.
    expect(projectAt(table, table.header.firstRow)).toBeNull();
    expect(projectAt(table, table.total!.row)).toBeNull();
    expect(projectAt(table, table.units[0].row)).toBeNull();
  });

  it("numbers after the highest number or the count, whichever is larger", async () => {
    const seed = tableOf(await loadGrid(PUBLISHED));
    for (const p of seed.projects) expect(nextSequence(p)).toBe(5);
    const gap = tableOf(await loadGrid("broken/numbering-gap.xlsx")).projects[3];
    expect(gap.indicators.map((i) => i.seq)).toEqual([1, 2, 4, 5]);
    expect(nextSequence(gap)).toBe(6);
    const none = tableOf(await loadGrid("broken/indicators-missing.xlsx")).projects[3];
    expect(none.indicators).toHaveLength(0);
    expect(nextSequence(none)).toBe(1);
    // The structured seed has no 序号 column: the count decides.
    for (const p of tableOf(await loadGrid(STRUCTURED)).projects) expect(nextSequence(p)).toBe(p.indicators.length + 1);
  });
});

describe("published layout: appending to the 绩效指标 cell", () => {
  it.each([0, 1, 2, 3, 4])("project %i of the seed: the segments are appended, the text before kept byte for byte", async (i) => {
    const grid = await loadGrid(PUBLISHED);
    const before = check(grid);
    const project = before.table.projects[i];
    const original = grid.values[project.row][6] as string;
    const p = plan(planInsertion(before.table, grid, project.row, SPECS));

    expect(p.kind).toBe("insert");
    expect(p.sheet).toBe("绩效目标表");
    expect(p.rowInsert).toBeUndefined();
    expect(p.merges).toBeUndefined();
    expect(p.edits).toHaveLength(1);
    const e = p.edits[0];
    expect(e).toMatchObject({ row: project.row, col: 6, cell: `G${project.row + 1}`, before: original });
    const expected = SPECS.map((s, k) => formatIndicator({ ...s, seq: 5 + k }));
    expect(p.preview).toEqual(expected);
    expect(expected[0].startsWith("5、3-满意度指标；31-服务对象满意度；社会公众满意度；实施周期指标值:≥90%；")).toBe(true);
    // The seed's texts end with 。: the segments follow directly.
    expect(original.endsWith("。")).toBe(true);
    expect(e.after).toBe(original + expected.join(""));
    expect((e.after as string).slice(0, original.length)).toBe(original);

    const after = check(applyPlanToGrid(grid, p));
    const q = after.table.projects[i];
    expect(q.indicators).toHaveLength(project.indicators.length + SPECS.length);
    expect(q.indicators.slice(0, 4).map(toSpec)).toEqual(project.indicators.map(toSpec));
    expect(q.indicators.slice(4).map(toSpec)).toEqual(SPECS.map((s, k) => ({
      seq: 5 + k, l1: s.l1, l2: s.l2, name: s.name, period: s.period, annual: s.annual,
    })));
    // Nothing to say about the new indicators; everything said before is still said, except what they complete.
    expect(after.findings.filter((f) => f.project === q.name && (f.indicator ?? -1) >= 4)).toEqual([]);
    const gone = keys(before.findings).filter((k) => !keys(after.findings).includes(k));
    expect(gone).toEqual(i === 1 ? ["JX203|noSatisfaction|G7"] : []);
    expect(keys(after.findings).filter((k) => !keys(before.findings).includes(k))).toEqual([]);
  });

  it("closes an open last item with 。 and starts a new line (a line break alone does not end an item)", async () => {
    const grid = await loadGrid(PUBLISHED);
    const open = (grid.values[5][6] as string).replace(/。$/, "");
    grid.values[5][6] = open;
    const table = tableOf(grid);
    const p = plan(planInsertion(table, grid, 5, SPECS.slice(0, 1)));
    expect(p.edits[0].before).toBe(open);
    expect(p.edits[0].after).toBe(open + "。\n" + formatIndicator({ ...SPECS[0], seq: 5 }));
    const q = tableOf(applyPlanToGrid(grid, p)).projects[0];
    expect(q.indicators).toHaveLength(5);
    expect(toSpec(q.indicators[4]).name).toBe("社会公众满意度");

    grid.values[5][6] = open + "。\n";
    const p2 = plan(planInsertion(tableOf(grid), grid, 5, SPECS.slice(0, 1)));
    expect(p2.edits[0].after).toBe(open + "。\n" + formatIndicator({ ...SPECS[0], seq: 5 }));

    // Ending with a line break but no 。: the last value would run into the new item's number (…:6 + 2、 → 62、).
    for (const [end, sep] of [["\n", "。\n"], ["；", "\n"], ["；\n", ""], ["。 ", "\n"]] as const) {
      grid.values[5][6] = open + end;
      const p3 = plan(planInsertion(tableOf(grid), grid, 5, SPECS.slice(0, 1)));
      expect(p3.edits[0].after).toBe(open + end + sep + formatIndicator({ ...SPECS[0], seq: 5 }));
      const q3 = tableOf(applyPlanToGrid(grid, p3)).projects[0];
      expect(q3.indicators.map((i) => toSpec(i).name)).toEqual([...q.indicators.slice(0, 4).map((i) => toSpec(i).name), "社会公众满意度"]);
    }
  });

  it("keeps the PDF's line breaks of pdf-line-breaks.xlsx byte for byte", async () => {
    const grid = await loadGrid("broken/pdf-line-breaks.xlsx");
    const original = grid.values[5][6] as string;
    expect(original).toContain("\n");
    const p = plan(planInsertion(tableOf(grid), grid, 5, SPECS.slice(0, 2)));
    const after = p.edits[0].after as string;
    expect(after.slice(0, original.length)).toBe(original);
    expect(after.slice(original.length).replace(/^\n/, "")).toBe(p.preview.join(""));
    const r = check(applyPlanToGrid(grid, p));
    expect(r.table.projects[0].indicators.slice(4).map((i) => i.name?.text)).toEqual(["社会公众满意度", "成果提交及时率"]);
  });

  it("fills an empty 绩效指标 cell with the segments alone, numbered from 1 (indicators-missing.xlsx)", async () => {
    const grid = await loadGrid("broken/indicators-missing.xlsx");
    const before = check(grid);
    expect(keys(before.findings)).toContain("JX202|missing|G9");
    const p = plan(planInsertion(before.table, grid, 8, SPECS));
    expect(p.edits).toEqual([{
      row: 8, col: 6, cell: "G9", before: null, after: SPECS.map((s, k) => formatIndicator({ ...s, seq: k + 1 })).join(""),
    }]);
    const after = check(applyPlanToGrid(grid, p));
    expect(after.table.projects[3].indicators.map((i) => i.seq)).toEqual([1, 2, 3]);
    expect(keys(after.findings)).not.toContain("JX202|missing|G9");
    expect(after.findings.filter((f) => f.project === "其他运行经费" && f.indicator !== undefined)).toEqual([]);
  });

  it("numbers after a gap (numbering-gap.xlsx: 1, 2, 4, 5 → 6)", async () => {
    const grid = await loadGrid("broken/numbering-gap.xlsx");
    const p = plan(planInsertion(tableOf(grid), grid, 8, SPECS.slice(0, 1)));
    expect(p.preview[0].startsWith("6、")).toBe(true);
  });

  it("finds the 绩效指标 column where it is (columns-reordered.xlsx: column F)", async () => {
    const grid = await loadGrid("broken/columns-reordered.xlsx");
    const table = tableOf(grid);
    const p = plan(planInsertion(table, grid, table.projects[2].row, SPECS.slice(0, 1)));
    expect(p.edits[0].cell).toBe(`F${table.projects[2].row + 1}`);
    expect(p.edits[0].before).toBe(grid.values[table.projects[2].row][5]);
  });
});

describe("structured layout: new rows after the project's last row", () => {
  it.each([0, 1, 2, 3, 4])("project %i of the seed: rows inserted, columns filled, merged cells extended", async (i) => {
    const grid = await loadGrid(STRUCTURED);
    const before = check(grid);
    const project = before.table.projects[i];
    const p = plan(planInsertion(before.table, grid, project.row + 1, SPECS));
    const at = project.lastRow + 1;
    expect(p.rowInsert).toEqual({ at, count: 3 });
    // Only the new rows are written, every cell empty before.
    for (const e of p.edits) {
      expect(e.row).toBeGreaterThanOrEqual(at);
      expect(e.row).toBeLessThan(at + 3);
      expect(e.before).toBeNull();
      expect(e.cell).toBe(a1(e));
    }
    const row = (k: number) => p.edits.filter((e) => e.row === at + k).map((e) => [e.cell, e.after]);
    const r = at + 1;
    expect(row(0)).toEqual([
      [`G${r}`, "3-满意度指标"], [`H${r}`, "31-服务对象满意度"], [`I${r}`, "社会公众满意度"], [`J${r}`, "≥90%"], [`K${r}`, "≥90%"],
    ]);
    expect(row(1).map((c) => c[1])).toEqual(["1-产出指标", "13-时效指标", "成果提交及时率", "=100%", "=100%"]);
    expect(row(2).map((c) => c[1])).toEqual(["2-效益指标", "22-社会效益", "规划成果应用情况", "符合要求", "符合要求"]);
    expect(p.preview).toEqual([0, 1, 2].map((k) => row(k).map((c) => c[1]).join(" | ")));
    // The project's A–F areas grow over the new rows; nothing else is merged.
    expect(p.merges).toEqual([0, 1, 2, 3, 4, 5].map((c) => ({ top: project.row, left: c, bottom: project.lastRow + 3, right: c })));

    const applied = applyPlanToGrid(grid, p);
    const after = check(applied);
    const q = after.table.projects[i];
    expect(q.row).toBe(project.row);
    expect(q.lastRow).toBe(project.lastRow + 3);
    expect(q.amounts.total.value).toBe(project.amounts.total.value);
    expect(q.indicators.map(toSpec)).toEqual([
      ...project.indicators.map(toSpec),
      ...SPECS.map((s) => ({ seq: 0, l1: s.l1, l2: s.l2, name: s.name, period: s.period, annual: s.annual })),
    ]);
    for (const other of after.table.projects.filter((x) => x !== q)) {
      const was = before.table.projects.find((x) => x.name === other.name)!;
      expect(other.row).toBe(was.row > project.row ? was.row + 3 : was.row);
      expect(other.indicators.map(toSpec)).toEqual(was.indicators.map(toSpec));
    }
    expect(after.summary.indicators).toBe(before.summary.indicators + 3);
    expect(after.findings.filter((f) => f.project === q.name && (f.indicator ?? -1) >= project.indicators.length)).toEqual([]);
    // The findings before, at their new addresses (rows below the insertion move down by 3).
    const shifted = before.findings.map((f) => ({ ...f, cell: a1({ row: f.row >= at ? f.row + 3 : f.row, col: f.col }) }));
    const gone = keys(shifted).filter((k) => !keys(after.findings).includes(k));
    expect(gone).toEqual(i === 1 ? ["JX203|noSatisfaction|A10"] : []);
    expect(keys(after.findings).filter((k) => !keys(shifted).includes(k))).toEqual([]);
    // Undone, the grid is the seed again.
    expect(revertPlanOnGrid(applied, p)).toEqual(grid);
  });

  it("repeats the project's cells on the new rows when the sheet repeats them instead of merging (structured-repeated-cells.xlsx)", async () => {
    const grid = await loadGrid("broken/structured-repeated-cells.xlsx");
    const before = check(grid);
    const project = before.table.projects[0];
    const p = plan(planInsertion(before.table, grid, project.row, SPECS.slice(0, 1)));
    expect(p.merges).toBeUndefined();
    const at = project.lastRow + 1;
    expect(p.edits.filter((e) => e.col <= 5).map((e) => e.after)).toEqual(grid.values[project.row].slice(0, 6).filter((x) => x !== null));
    expect(p.preview).toEqual([
      "    机构运行辅助经费 | 35.08 | 35.08 | 支付经济补偿金，解除劳务派遣人员的劳务关系，以落实相关要求。 | 3-满意度指标 | 31-服务对象满意度 | 社会公众满意度 | ≥90% | ≥90%",
    ]);
    // A long repeated goal is cut in the preview line (the cell gets it whole).
    const long = plan(planInsertion(before.table, grid, before.table.projects[1].row, SPECS.slice(0, 1)));
    const goal = grid.values[before.table.projects[1].row][5] as string;
    expect(long.edits.find((e) => e.col === 5)?.after).toBe(goal);
    expect(long.preview[0]).toContain(`${goal.slice(0, 29)}… | 3-满意度指标`);
    const after = check(applyPlanToGrid(grid, p));
    expect(after.table.projects[0].lastRow).toBe(at);
    expect(after.table.projects[0].indicators).toHaveLength(5);
    // Amounts are still counted once.
    expect(after.findings.filter((f) => f.category === "total")).toEqual([]);
    expect(keys(after.findings).length).toBe(keys(before.findings).length);
  });

  it("merges a one-row project's cells over the new rows like the sheet's other projects", async () => {
    const grid = await loadGrid(STRUCTURED);
    // Make 市土规中心2024年信息化运维项目 (rows 22–25) a one-row project: drop its last three indicator rows.
    grid.values.splice(22, 3);
    grid.merges = grid.merges!.filter((m) => m.top !== 21);
    const table = tableOf(grid);
    const project = table.projects[4];
    expect([project.row, project.lastRow]).toEqual([21, 21]);
    const p = plan(planInsertion(table, grid, 21, SPECS.slice(0, 2)));
    expect(p.rowInsert).toEqual({ at: 22, count: 2 });
    expect(p.merges).toEqual([0, 1, 2, 3, 4, 5].map((c) => ({ top: 21, left: c, bottom: 23, right: c })));
    const after = check(applyPlanToGrid(grid, p));
    expect(after.table.projects[4].indicators.map((i) => i.name?.text)).toEqual(["电子办公硬件和软件故障问题及时解决完成率", "社会公众满意度", "成果提交及时率"]);
  });

  it("fills a 序号 column and a 指标值 column with its 指标方向 and 计量单位 columns", () => {
    const header = ["项目名称", "总计", "财政拨款", "绩效目标", "序号", "一级指标", "二级指标", "三级指标", "指标方向", "指标值", "计量单位", "指标解释"];
    const grid: GridInput = {
      sheet: "申报表",
      values: [
        ["2024年项目支出绩效目标申报表"],
        ["单位：万元"],
        header,
        ["合计", 20, 20],
        ["    甲项目", 20, 20, "完成甲项目。", 1, "1-产出指标", "11-数量指标", "培训人次", "≥", "200", "人次", "参加培训的人次"],
        [null, null, null, null, 2, "2-效益指标", "22-社会效益", "政策知晓率", "≥", "90", "%", null],
        [null, null, null, null, 3, "3-满意度指标", "31-服务对象满意度", "参训人员满意度", "≥", "90", "%", null],
      ],
      merges: [0, 1, 2, 3].map((c) => ({ top: 4, left: c, bottom: 6, right: c })),
    };
    const before = check(grid);
    expect(before.table.layout).toBe("structured");
    const specs: InsertSpec[] = [
      { ...SPECS[1], period: v("≤", 30, "天"), annual: v("≤", 30, "天"), name: "培训通知发布时限" },
      SPECS[2],
      { ...SPECS[0], explanation: "抽样调查。" },
    ];
    const p = plan(planInsertion(before.table, grid, 5, specs));
    expect(p.rowInsert).toEqual({ at: 7, count: 3 });
    const rows = [7, 8, 9].map((r) => p.edits.filter((e) => e.row === r).map((e) => e.after));
    expect(rows).toEqual([
      [4, "1-产出指标", "13-时效指标", "培训通知发布时限", "≤", "30", "天"],
      [5, "2-效益指标", "22-社会效益", "规划成果应用情况", "符合要求"],
      [6, "3-满意度指标", "31-服务对象满意度", "社会公众满意度", "≥", "90", "%", "抽样调查。"],
    ]);
    expect(p.merges).toEqual([0, 1, 2, 3].map((c) => ({ top: 4, left: c, bottom: 9, right: c })));
    const after = check(applyPlanToGrid(grid, p));
    const inds = after.table.projects[0].indicators;
    expect(inds.map((i) => i.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(inds.slice(3).map(toSpec)).toEqual(specs.map((s, k) => ({
      seq: 4 + k, l1: s.l1, l2: s.l2, name: s.name, period: s.annual, annual: s.annual,
    })));
    expect(after.findings.filter((f) => (f.indicator ?? -1) >= 3)).toEqual([]);
  });

  it("writes the comparator into the value when the 指标方向 column holds words (正向/反向)", () => {
    const grid: GridInput = {
      sheet: "申报表",
      values: [
        ["项目名称", "总计", "财政拨款", "绩效目标", "一级指标", "二级指标", "三级指标", "指标方向", "指标值", "计量单位"],
        ["    甲项目", 20, 20, "完成甲项目。", "1-产出指标", "11-数量指标", "培训人次", "正向", "200", "人次"],
      ],
    };
    const table = tableOf(grid);
    const p = plan(planInsertion(table, grid, 1, [SPECS[0]]));
    expect(p.edits.map((e) => [e.cell, e.after])).toEqual([
      ["E3", "3-满意度指标"], ["F3", "31-服务对象满意度"], ["G3", "社会公众满意度"], ["I3", "≥90"], ["J3", "%"],
    ]);
    const ind = tableOf(applyPlanToGrid(grid, p)).projects[0].indicators[1];
    expect(ind.annual).toMatchObject({ comparator: "≥", number: 90, unit: "%" });
  });

  it("refuses, naming it, a merged area reaching across the insertion point (found by the fuzz)", () => {
    const grid: GridInput = {
      sheet: "申报表",
      values: [
        ["项目名称", "总计", "财政拨款", "绩效目标", "一级指标", "二级指标", "三级指标", "指标值"],
        ["    项目甲", 20, 20, "完成甲。", "1-产出指标", "11-数量指标", "培训人次", "≥200人次"],
        ["    项目乙", 10, 10, "完成乙。", null, "11-数量指标", "印发册数", "≥500册"],
      ],
      merges: [{ top: 1, left: 4, bottom: 2, right: 4 }],
    };
    const e = planError(planInsertion(tableOf(grid), grid, 1, [SPECS[0]]));
    expect(e).toMatchObject({ error: "badSpec", cell: "E2" });
    expect(e.message).toContain("合并区域 E2:E3 跨过插入位置（第 3 行）");
    // The last project is below the merge: it takes the insertion.
    expect(planInsertion(tableOf(grid), grid, 2, [SPECS[0]])).not.toHaveProperty("error");
  });

  it("writes each value inline when the two values differ, since the 指标方向/计量单位 cells apply to both (found by the fuzz)", () => {
    const grid: GridInput = {
      sheet: "申报表",
      values: [
        ["项目名称", "总计", "财政拨款", "绩效目标", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值", "指标方向", "计量单位"],
        ["    甲项目", 20, 20, "完成甲项目。", "1-产出指标", "11-数量指标", "培训人次", "200", "200", "≥", "人次"],
      ],
    };
    const cases: Array<[InsertSpec, string[][]]> = [
      [{ ...SPECS[0], name: "培训覆盖", period: v("≥", 200, "人次"), annual: { comparator: null, number: null, unit: null, text: "达标" } }, [["H3", "≥200人次"], ["I3", "达标"]]],
      [{ ...SPECS[0], name: "培训场次", period: v("≥", 12, "场"), annual: v(null, 6, null) }, [["H3", "≥12场"], ["I3", "6"]]],
      [{ ...SPECS[0], name: "培训人数", period: v("≥", 300, "人"), annual: v("≥", 300, "人") }, [["H3", "300"], ["I3", "300"], ["J3", "≥"], ["K3", "人"]]],
    ];
    for (const [spec, cells] of cases) {
      const p = plan(planInsertion(tableOf(grid), grid, 1, [spec]));
      expect(p.edits.filter((e) => e.col >= 7).map((e) => [e.cell, e.after])).toEqual(cells);
      const ind = tableOf(applyPlanToGrid(grid, p)).projects[0].indicators[1];
      expect([toSpec(ind).period, toSpec(ind).annual]).toEqual([spec.period, spec.annual]);
    }
  });
});

describe("errors name the sheet and the cell", () => {
  it.each([PUBLISHED, STRUCTURED])("%s: a row outside every project is noProject", async (file) => {
    const grid = await loadGrid(file);
    const table = tableOf(grid);
    for (const [row, cell] of [[2, "A3"], [3, "A4"], [4, "A5"], [40, "A41"]] as const) {
      const e = planError(planInsertion(table, grid, row, SPECS));
      expect(e.error).toBe("noProject");
      expect(e.cell).toBe(cell);
      expect(e.message).toContain("绩效目标表");
      expect(e.message).toContain(cell);
      expect(e.messageEn).toContain(`"绩效目标表"`);
      expect(e.messageEn).toContain(cell);
    }
  });

  it("a 绩效指标 cell that holds no text is notEmpty", async () => {
    const grid = await loadGrid(PUBLISHED);
    grid.values[7][6] = 42;
    const e = planError(planInsertion(tableOf(grid), grid, 7, SPECS));
    expect(e).toMatchObject({ error: "notEmpty", cell: "G8" });
    expect(e.message).toContain("G8");
    expect(e.message).toContain("绩效目标表");
    expect(e.messageEn).toContain("G8");
  });

  it("a 绩效指标 cell inside another cell's merged area is notEmpty, naming the area's first cell", async () => {
    const grid = await loadGrid(PUBLISHED);
    grid.merges = [...(grid.merges ?? []), { top: 6, left: 5, bottom: 6, right: 6 }];
    const e = planError(planInsertion(tableOf(grid), grid, 6, SPECS));
    expect(e).toMatchObject({ error: "notEmpty", cell: "F7" });
    expect(e.message).toContain("G7");
  });

  it("a grid that is not the table's own read is stale", async () => {
    const grid = await loadGrid(PUBLISHED);
    const table = tableOf(grid);
    const changed = structuredClone(grid);
    changed.values[5][6] = (changed.values[5][6] as string) + "5、";
    const e = planError(planInsertion(table, changed, 5, SPECS));
    expect(e).toMatchObject({ error: "stale", cell: "G6" });
  });

  it("a structured sheet without a 三级指标 column is noIndicatorColumn", async () => {
    const grid = await loadGrid(STRUCTURED);
    grid.values[2][8] = "备注";
    const table = tableOf(grid);
    expect(table.header.columns.l3).toBeUndefined();
    const e = planError(planInsertion(table, grid, 5, SPECS));
    expect(e.error).toBe("noIndicatorColumn");
    expect(e.message).toContain("三级指标");
    expect(e.message).toContain("绩效目标表");
  });

  it("no indicator, a nameless one or one whose text would split the item is badSpec", async () => {
    const grid = await loadGrid(PUBLISHED);
    const table = tableOf(grid);
    expect(planError(planInsertion(table, grid, 5, [])).error).toBe("badSpec");
    expect(planError(planInsertion(table, grid, 5, [{ ...SPECS[0], name: "  " }])).error).toBe("badSpec");
    const split = planError(planInsertion(table, grid, 5, [{ ...SPECS[0], name: "满意度；调查" }]));
    expect(split).toMatchObject({ error: "badSpec", cell: "A6" });
    expect(split.message).toContain("满意度；调查");
    const value = planError(planInsertion(table, grid, 5, [{ ...SPECS[2], annual: { ...SPECS[2].annual, text: "提升。" } }]));
    expect(value.error).toBe("badSpec");
  });

  it("control characters and lone surrogates (pasted into the picker's free text) are badSpec, naming the code point", async () => {
    const grid = await loadGrid(PUBLISHED);
    const table = tableOf(grid);
    for (const [name, hex] of [["满意度\u0007", "0007"], ["满意度\u001b[2J", "001B"], ["率\ud800", "D800"], ["\udc00率", "DC00"], ["a\u0085b", "0085"]] as const) {
      const e = planError(planInsertion(table, grid, 5, [{ ...SPECS[0], name }]));
      expect(e).toMatchObject({ error: "badSpec", cell: "A6" });
      expect(e.message).toContain(`U+${hex}`);
    }
    // A whole emoji (a surrogate pair), a tab and right-to-left text are fine.
    for (const name of ["满意度😀调查", "满意\t度", "رضا المستفيدين"]) {
      expect(planInsertion(table, grid, 5, [{ ...SPECS[0], name }])).not.toHaveProperty("error");
    }
  });

  it("refuses to make a 绩效指标 cell longer than Excel's 32,767 characters, naming the cell", async () => {
    const grid = await loadGrid(PUBLISHED);
    const table = tableOf(grid);
    const project = table.projects[0];
    const cell = project.indicatorsCell!.cell;
    const text = String(grid.values[cell.row][cell.col]);
    const long = grid.values.map((r) => [...r]);
    long[cell.row][cell.col] = `${text}${"补".repeat(32_767 - text.length - 10)}。`;
    const g2 = { ...grid, values: long };
    const e = planError(planInsertion(tableOf(g2), g2, project.row, [SPECS[0]]));
    expect(e.error).toBe("badSpec");
    expect(e.message).toContain("32,767");
    expect(e.cell).toBe(`G${cell.row + 1}`);
  });
});

describe("several broken variants take insertions too", () => {
  it.each([
    "broken/header-moved-down-merged.xlsx", "broken/excel-indent.xlsx", "broken/halfwidth-punctuation.xlsx",
    "broken/structured-l2-wrong.xlsx",
  ])("%s: inserting into every project adds exactly the new indicators", async (file) => {
    const original = await loadGrid(file);
    let grid = original;
    const before = check(grid);
    for (const name of before.table.projects.map((x) => x.name)) {
      const table = tableOf(grid);
      const project = table.projects.find((x) => x.name === name)!;
      grid = applyPlanToGrid(grid, plan(planInsertion(table, grid, project.lastRow, SPECS.slice(0, 2))));
    }
    const after = check(grid);
    expect(after.table.projects.map((x) => x.indicators.length)).toEqual(before.table.projects.map((x) => x.indicators.length + 2));
    for (const q of after.table.projects) {
      expect(q.indicators.slice(-2).map((i) => i.name?.text)).toEqual(["社会公众满意度", "成果提交及时率"]);
      const old = before.table.projects.find((x) => x.name === q.name)!.indicators.length;
      expect(after.findings.filter((f) => f.project === q.name && (f.indicator ?? -1) >= old)).toEqual([]);
    }
    // Every other value is still in the sheet; each 绩效指标 text is the start of its new text.
    const newCells = [...cellsOf(grid).values()].map(String);
    for (const value of cellsOf(original).values()) {
      const text = String(value);
      if (before.table.layout === "published" && before.table.projects.some((x) => x.indicatorsCell?.raw === text)) {
        expect(newCells.some((t) => t.startsWith(text) && t.length > text.length)).toBe(true);
      } else expect(newCells).toContain(text);
    }
  });
});
