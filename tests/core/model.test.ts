import seed from "../../seeds/guangzhou-land-planning-2024.json";
import { buildTable } from "../../src/core/model";
import type { CellValue, GridInput, MergedArea, Project, Table, TableRow } from "../../src/core/types";
import { GOOD_INDICATORS, oneUnit, publishedGrid, seedGrid as publishedSeed, structuredGrid, type SeedTable } from "../helpers/grids";

function table(grid: GridInput): Table {
  const built = buildTable(grid);
  if (!built.table) throw new Error(built.message);
  return built.table;
}

const names = (rows: readonly TableRow[]): string[] => rows.map((r) => r.name);
const levels = (t: Table): string[] => t.rows.map((r) => `${r.level}:${r.name}`);


describe("buildTable: the seed (published layout)", () => {
  const t = table({ ...publishedSeed(seed as SeedTable), sheet: "2024年绩效目标" });

  it("reads title, unit line, money unit and layout", () => {
    expect(t.sheet).toBe("2024年绩效目标");
    expect(t.layout).toBe("published");
    expect(t.title).toBe(seed.title);
    expect(t.unitLine).toBe(seed.unitLine);
    expect(t.moneyUnit).toBe("万元");
    expect(t.header.firstRow).toBe(2);
    expect(t.problems).toEqual([]);
  });

  it("builds 合计 → 单位 → 项目 with every row in sheet order", () => {
    expect(levels(t)).toEqual(seed.rows.map((r) => `${r.level}:${r.name}`));
    expect(t.total?.children).toEqual([t.units[0]]);
    expect(t.units).toHaveLength(1);
    expect(t.units[0].children).toEqual(t.projects);
    expect(t.projects.map((p) => p.unit)).toEqual(Array(5).fill("广州市土地利用规划编制中心"));
    expect(t.projects.map((p) => p.indent)).toEqual([1, 1, 1, 1, 1]);
    expect(t.total?.indent).toBe(0);
    expect(t.units[0].indent).toBe(0);
  });

  it("keeps the sheet coordinates of names, amounts, goals and indicator cells", () => {
    const p = t.projects[1]; // 耕地保护和国土空间规划经费, Excel row 7
    expect(p.name).toBe("耕地保护和国土空间规划经费");
    expect(p.nameCell).toEqual({ row: 6, col: 0 });
    expect(p.row).toBe(6);
    expect(p.lastRow).toBe(6);
    expect(p.amounts.total).toEqual({ kind: "number", value: 215.62, raw: 215.62, cell: { row: 6, col: 1 } });
    expect(p.amounts.fiscal).toEqual({ kind: "number", value: 215.62, raw: 215.62, cell: { row: 6, col: 2 } });
    expect(p.amounts.specialAccount).toEqual({ kind: "blank", value: null, raw: null, cell: { row: 6, col: 3 } });
    expect(p.amounts.other).toEqual({ kind: "blank", value: null, raw: null, cell: { row: 6, col: 4 } });
    const goal = seed.rows[3].goal;
    expect(p.goal).toEqual({ raw: goal, cell: { row: 6, col: 5 }, span: { start: 0, end: goal.length } });
    const ind = seed.rows[3].indicators;
    expect(p.indicatorsCell).toEqual({ raw: ind, cell: { row: 6, col: 6 }, span: { start: 0, end: ind.length } });
    expect(t.total?.amounts.total.cell).toEqual({ row: 3, col: 1 });
    expect(t.total?.nameCell).toEqual({ row: 3, col: 0 });
    expect(t.units[0].amounts.total.value).toBe(333.81);
  });

  it("the seed's amounts add up (a check on the hand-written grid itself)", () => {
    const sum = t.projects.reduce((s, p) => s + (p.amounts.total.value ?? 0), 0);
    expect(Math.abs(sum - (t.total?.amounts.total.value ?? 0))).toBeLessThan(0.005);
  });

  it("parses four indicators per project, located in the 绩效指标 cell", () => {
    expect(t.projects.map((p) => p.indicators.length)).toEqual([4, 4, 4, 4, 4]);
    const first = t.projects[0].indicators[0];
    // 1、1-产出指标；13-时效指标；补偿发放及时率；实施周期指标值:100%；年度指标值:100%。
    expect(first.l1?.code).toBe("1");
    expect(first.l2?.code).toBe("13");
    expect(first.name?.text).toBe("补偿发放及时率");
    expect(first.period?.number).toBe(100);
    expect(first.annual?.unit).toBe("%");
    expect(first.l1?.cell).toEqual({ row: 5, col: 6 });
    // "1、" (0-1) "1-产出指标" (2-7) "；" (8) "13-时效指标" (9-15) "；" (16) then the name, 7 characters
    expect(first.name?.span).toEqual({ start: 17, end: 24 });
    const second = t.projects[1].indicators[0];
    expect(second.name?.codePrefix).toBe("00-");
  });
});

describe("buildTable: published grids", () => {
  it("several units, each with its projects", () => {
    const t = table(publishedGrid({
      units: [
        { name: "单位甲", projects: [{ name: "甲一", total: 5 }, { name: "甲二", total: 7 }] },
        { name: "单位乙", projects: [{ name: "乙一", total: 3 }] },
      ],
    }));
    expect(levels(t)).toEqual(["total:合计", "unit:单位甲", "project:甲一", "project:甲二", "unit:单位乙", "project:乙一"]);
    expect(names(t.total!.children)).toEqual(["单位甲", "单位乙"]);
    expect(names(t.units[0].children)).toEqual(["甲一", "甲二"]);
    expect(names(t.units[1].children)).toEqual(["乙一"]);
    expect(t.projects.map((p) => p.unit)).toEqual(["单位甲", "单位甲", "单位乙"]);
    // publishedGrid sums the units: 单位甲 = 12, 合计 = 15
    expect(t.units[0].amounts.total.value).toBe(12);
    expect(t.total!.amounts.total.value).toBe(15);
    expect(t.rows.map((r) => r.row)).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it("no 合计 row", () => {
    const t = table(publishedGrid(oneUnit([{ name: "项目A" }, { name: "项目B" }], { grandTotal: false })));
    expect(t.total).toBeNull();
    expect(levels(t)).toEqual(["unit:测试单位", "project:项目A", "project:项目B"]);
    expect(t.units[0].row).toBe(3);
  });

  it("Excel indent instead of leading spaces", () => {
    const g = publishedGrid({ ...oneUnit([{ name: "项目A" }, { name: "项目B" }]), projectIndent: "" });
    g.indents = g.values.map((row) => row.map(() => 0));
    g.indents[5][0] = 2;
    g.indents[6][0] = 2;
    // A goal on the unit row would make the content say "project": indentation must win.
    g.values[4][5] = "单位整体目标";
    const t = table(g);
    expect(levels(t)).toEqual(["total:合计", "unit:测试单位", "project:项目A", "project:项目B"]);
    expect(t.projects.map((p) => p.indent)).toEqual([2, 2]);
    expect(t.problems).toHaveLength(1);
    expect(t.problems[0].cell).toEqual({ row: 4, col: 0 });
    expect(t.problems[0].message).toContain("A5");
  });

  it("full-width spaces", () => {
    const t = table(publishedGrid({ ...oneUnit([{ name: "项目A" }]), projectIndent: "\u3000\u3000" }));
    expect(levels(t)).toEqual(["total:合计", "unit:测试单位", "project:项目A"]);
    expect(t.projects[0].name).toBe("项目A");
    expect(t.projects[0].indent).toBe(1);
  });

  it("no indentation at all: a row with a goal or indicators is a project, an amounts-only row a unit", () => {
    const t = table(publishedGrid({
      units: [
        { name: "单位甲", projects: [{ name: "甲一" }] },
        { name: "单位乙", projects: [{ name: "乙一", goal: "", indicators: GOOD_INDICATORS }, { name: "乙二", indicators: "" }] },
      ],
      projectIndent: "",
    }));
    expect(levels(t)).toEqual(["total:合计", "unit:单位甲", "project:甲一", "unit:单位乙", "project:乙一", "project:乙二"]);
    const p = t.projects[1];
    expect(p.goal).toBeNull();
    expect(t.projects[2].indicatorsCell).toEqual({ raw: "", cell: { row: 8, col: 6 }, span: { start: 0, end: 0 } });
    expect(t.projects[2].indicators).toEqual([]);
  });

  it("projects before any unit row sit directly under 合计", () => {
    const g: GridInput = {
      sheet: "S",
      values: [
        ["项目名称", "总计", "财政拨款", "绩效目标", "绩效指标"],
        ["合 计", 30, 30],
        ["  直属项目", 10, 10, "目标", GOOD_INDICATORS],
        ["某单位", 20, 20],
        ["  单位项目", 20, 20, "目标", GOOD_INDICATORS],
      ],
    };
    const t = table(g);
    expect(levels(t)).toEqual(["total:合 计", "project:直属项目", "unit:某单位", "project:单位项目"]);
    expect(t.projects[0].unit).toBeNull();
    expect(names(t.total!.children)).toEqual(["直属项目", "某单位"]);
    expect(t.total!.amounts.specialAccount.kind).toBe("blank");
  });

  it("no unit rows: 合计.children are the projects", () => {
    const g: GridInput = {
      sheet: "S",
      values: [
        ["项目名称", "总计", "绩效目标", "绩效指标"],
        ["合计", 3],
        ["项目一", 1, "目标", GOOD_INDICATORS],
        ["项目二", 2, "目标", GOOD_INDICATORS],
      ],
    };
    const t = table(g);
    expect(t.units).toEqual([]);
    expect(names(t.total!.children)).toEqual(["项目一", "项目二"]);
    expect(t.title).toBeNull();
    expect(t.unitLine).toBeNull();
  });

  it("columns in another order, one amount column missing", () => {
    const g: GridInput = {
      sheet: "S",
      values: [
        ["绩效指标", "绩效目标", "项目名称（资金使用单位）", "其他资金", "总计", "财政拨款"],
        [null, null, "合计", 2, 12, 10],
        [null, null, "单位", 2, 12, 10],
        [GOOD_INDICATORS, "目标", "    项目", 2, 12, 10],
      ],
    };
    const t = table(g);
    const p = t.projects[0];
    expect(p.nameCell).toEqual({ row: 3, col: 2 });
    expect(p.amounts.total).toMatchObject({ value: 12, cell: { row: 3, col: 4 } });
    expect(p.amounts.fiscal).toMatchObject({ value: 10, cell: { row: 3, col: 5 } });
    expect(p.amounts.other).toMatchObject({ value: 2, cell: { row: 3, col: 3 } });
    // No 财政专户拨款 column: blank, located at the name cell.
    expect(p.amounts.specialAccount).toEqual({ kind: "blank", value: null, raw: null, cell: { row: 3, col: 2 } });
    expect(p.goal?.cell).toEqual({ row: 3, col: 1 });
    expect(p.indicatorsCell?.cell).toEqual({ row: 3, col: 0 });
  });

  it("header moved down three rows and spanning two merged rows (both host styles)", () => {
    const build = (repeat: boolean): GridInput => {
      const merges: MergedArea[] = [
        { top: 5, left: 0, bottom: 6, right: 0 },
        { top: 5, left: 1, bottom: 5, right: 4 },
        { top: 5, left: 5, bottom: 6, right: 5 },
        { top: 5, left: 6, bottom: 6, right: 6 },
      ];
      const x = (v: string): string | null => (repeat ? v : null);
      return {
        sheet: "S",
        values: [
          ["某单位2024年项目支出绩效目标表"],
          ["单位名称：某单位", null, null, null, null, null, "单位：元"],
          [], [], [],
          ["项目名称（资金使用单位）", "资金来源", x("资金来源"), x("资金来源"), x("资金来源"), "绩效目标", "绩效指标"],
          [x("项目名称（资金使用单位）"), "总计", "财政拨款", "财政专\n户拨款", "其他\n资金", x("绩效目标"), x("绩效指标")],
          ["合计", 100, 100],
          ["某单位", 100, 100],
          ["    项目甲", 100, 100, null, null, "目标", GOOD_INDICATORS],
        ],
        merges,
      };
    };
    const a = table(build(false));
    expect(a.header.firstRow).toBe(5);
    expect(a.header.lastRow).toBe(6);
    expect(a.title).toBe("某单位2024年项目支出绩效目标表");
    expect(a.unitLine).toBe("单位名称：某单位 单位：元");
    expect(a.moneyUnit).toBe("元");
    expect(levels(a)).toEqual(["total:合计", "unit:某单位", "project:项目甲"]);
    expect(a.projects[0].amounts.fiscal.cell).toEqual({ row: 9, col: 2 });
    expect(table(build(true))).toEqual(a);
  });

  it("reads amounts of every kind", () => {
    const d = new Date(2024, 5, 30);
    const g = publishedGrid(oneUnit([
      { name: "文本数字", total: "35.08", fiscal: "1,234.50", specialAccount: "３５．０８", other: "¥12.00" },
      { name: "错误", total: "#REF!", fiscal: "#VALUE!", specialAccount: "#DIV/0!", other: "#N/A" },
      { name: "文字", total: "待定", fiscal: " ", specialAccount: "  12.5 ", other: null },
    ]));
    g.values[7][4] = d;
    const t = table(g);
    const kinds = t.projects.map((p) => [p.amounts.total.kind, p.amounts.fiscal.kind, p.amounts.specialAccount.kind, p.amounts.other.kind]);
    expect(kinds).toEqual([
      ["text-number", "text-number", "text-number", "text-number"],
      ["error", "error", "error", "error"],
      ["text", "blank", "text-number", "text"],
    ]);
    expect(t.projects[0].amounts.fiscal.value).toBe(1234.5);
    expect(t.projects[0].amounts.specialAccount.value).toBe(35.08);
    expect(t.projects[2].amounts.specialAccount.value).toBe(12.5);
    expect(t.projects[1].amounts.total.raw).toBe("#REF!");
    expect(t.projects[2].amounts.other.raw).toBe(d);
  });

  it("a date-formatted number (Office.js gives serials) is text", () => {
    const g = publishedGrid(oneUnit([{ name: "项目A", total: 45473 }]));
    g.numberFormats = g.values.map((row) => row.map(() => "General"));
    g.numberFormats[5][1] = "yyyy/m/d";
    const t = table(g);
    expect(t.projects[0].amounts.total).toMatchObject({ kind: "text", value: null, raw: 45473 });
  });

  it("reports rows it cannot place, and skips blank rows and footnotes", () => {
    const g = publishedGrid(oneUnit([{ name: "项目A" }]));
    g.values.push([]);
    g.values.push([null, 5, 5, null, null, null, null]); // amounts, no name: Excel row 8
    g.values.push(["", null, null, null, null, "孤立的目标", null]); // goal, no name: Excel row 9
    g.values.push(["合计", 99]); // a second 合计: Excel row 10
    g.values.push(["注：本表金额单位为万元。"]);
    const t = table(g);
    expect(levels(t)).toEqual(["total:合计", "unit:测试单位", "project:项目A"]);
    expect(t.problems.map((p) => p.cell)).toEqual([{ row: 7, col: 0 }, { row: 8, col: 0 }, { row: 9, col: 0 }]);
    expect(t.problems[0].message).toContain("A8");
    expect(t.problems[0].messageEn).toContain("A8");
    expect(t.problems[2].message).toContain("合计");
    expect(t.total!.amounts.total.value).toBe(10);
  });

  it("skips a header repeated on a later page", () => {
    const g = publishedGrid(oneUnit([{ name: "项目A" }]));
    g.values.push(["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"]);
    g.values.push(["    项目B", 1, 1, null, null, "目标", GOOD_INDICATORS]);
    const t = table(g);
    expect(names(t.projects)).toEqual(["项目A", "项目B"]);
    expect(t.projects[1].row).toBe(7);
    expect(t.problems).toEqual([]);
  });

  it("money unit from a header label when there is no unit line; 万元 by default", () => {
    const g: GridInput = {
      sheet: "S",
      values: [["项目名称", "总计（元）", "绩效指标"], ["  项目", 1, GOOD_INDICATORS]],
    };
    expect(table(g).moneyUnit).toBe("元");
    expect(table(publishedGrid(oneUnit([{ name: "A" }], { unitLine: null }))).moneyUnit).toBe("万元");
  });

  it("origin offset: every coordinate is a sheet coordinate", () => {
    const g = { ...publishedGrid(oneUnit([{ name: "项目A" }])), origin: { row: 4, col: 2 } };
    const t = table(g);
    expect(t.header.firstRow).toBe(6);
    expect(t.header.columns).toEqual({ name: 2, total: 3, fiscal: 4, specialAccount: 5, other: 6, goal: 7, indicators: 8 });
    expect(t.total!.nameCell).toEqual({ row: 7, col: 2 });
    expect(t.units[0].row).toBe(8);
    const p = t.projects[0];
    expect(p.row).toBe(9);
    expect(p.nameCell).toEqual({ row: 9, col: 2 });
    expect(p.amounts.total.cell).toEqual({ row: 9, col: 3 });
    expect(p.amounts.other.cell).toEqual({ row: 9, col: 6 });
    expect(p.goal!.cell).toEqual({ row: 9, col: 7 });
    expect(p.indicatorsCell!.cell).toEqual({ row: 9, col: 8 });
    expect(p.indicators[1].l2?.cell).toEqual({ row: 9, col: 8 });
    // Spans stay offsets into the cell text.
    expect(p.indicators[1].whole.span.start).toBe(GOOD_INDICATORS.indexOf("2、"));
  });

  it("a sheet with no target table: a message naming the sheet", () => {
    const built = buildTable({ sheet: "收入表", values: [["收入项目", "金额"], ["租金", 12]] });
    expect(built.table).toBeNull();
    expect(built.message).toBe("未在工作表“收入表”中找到绩效目标表：表头需包含“项目名称”和“绩效指标”（或“三级指标”）");
    expect(built.messageEn).toContain('"收入表"');
  });
});

describe("buildTable: structured grids", () => {
  it("one row per indicator, project cells merged down", () => {
    const g = structuredGrid(oneUnit([{ name: "项目A", total: 6 }, { name: "项目B", total: 4 }]));
    const t = table(g);
    expect(t.layout).toBe("structured");
    expect(levels(t)).toEqual(["total:合计", "unit:测试单位", "project:项目A", "project:项目B"]);
    const [a, b] = t.projects;
    // title 0, unit line 1, header 2, 合计 3, unit 4, 项目A rows 5-8, 项目B rows 9-12
    expect([a.row, a.lastRow, b.row, b.lastRow]).toEqual([5, 8, 9, 12]);
    expect(a.amounts.total).toMatchObject({ value: 6, cell: { row: 5, col: 1 } });
    expect(a.goal?.cell).toEqual({ row: 5, col: 5 });
    expect(a.indicatorsCell).toBeNull();
    expect(a.indicators.map((i) => i.row)).toEqual([5, 6, 7, 8]);
    expect(a.indicators.map((i) => i.index)).toEqual([0, 1, 2, 3]);
    const second = a.indicators[1]; // 1-产出指标 | 13-时效指标 | 补偿发放及时率 | 100% | 100%
    expect(second.l1).toMatchObject({ code: "1", cell: { row: 6, col: 6 } });
    expect(second.l2).toMatchObject({ code: "13", cell: { row: 6, col: 7 } });
    expect(second.name).toMatchObject({ text: "补偿发放及时率", cell: { row: 6, col: 8 } });
    expect(second.period).toMatchObject({ number: 100, unit: "%", cell: { row: 6, col: 9 } });
    expect(second.annual).toMatchObject({ number: 100, unit: "%", cell: { row: 6, col: 10 } });
    expect(second.whole).toEqual({ raw: "补偿发放及时率", cell: { row: 6, col: 8 }, span: { start: 0, end: 7 } });
    expect(b.indicators[0].row).toBe(9);
    expect(t.problems).toEqual([]);
  });

  it("the host repeating merged values or giving them only in the master reads the same", () => {
    const g = structuredGrid(oneUnit([{ name: "项目A" }, { name: "项目B" }]));
    const repeated: GridInput = { ...g, values: g.values.map((r) => [...r]) };
    for (const m of g.merges!) {
      for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) repeated.values[r][c] = g.values[m.top][m.left];
    }
    expect(repeated.values[6][0]).toBe("项目A");
    expect(table(repeated)).toEqual(table(g));
  });

  it("一级/二级 merged down several indicator rows apply to each row, at the master cell", () => {
    const g: GridInput = {
      sheet: "S",
      values: [
        ["项目名称", "总计", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"],
        ["项目A", 10, "1-产出指标", "11-数量指标", "培训人数", "100人", "50人"],
        [null, null, null, null, "培训场次", "4场", "2场"],
        [null, null, null, "12-质量指标", "合格率", "≥90%", "≥90%"],
        [null, null, null, null, null, null, null],
      ],
      merges: [
        { top: 1, left: 0, bottom: 4, right: 0 },
        { top: 1, left: 1, bottom: 4, right: 1 },
        { top: 1, left: 2, bottom: 3, right: 2 },
        { top: 1, left: 3, bottom: 2, right: 3 },
      ],
    };
    const p = table(g).projects[0];
    expect(p.lastRow).toBe(4);
    expect(p.indicators).toHaveLength(3); // row 4 is empty: skipped
    expect(p.indicators.map((i) => i.l1?.code)).toEqual(["1", "1", "1"]);
    expect(p.indicators.map((i) => i.l1?.cell)).toEqual([{ row: 1, col: 2 }, { row: 1, col: 2 }, { row: 1, col: 2 }]);
    expect(p.indicators.map((i) => i.l2?.code)).toEqual(["11", "11", "12"]);
    expect(p.indicators[2].l2?.cell).toEqual({ row: 3, col: 3 });
    expect(p.indicators[1].annual).toMatchObject({ number: 2, unit: "场" });
  });

  it("project name repeated in each row (no merges) and no unit row", () => {
    const g: GridInput = {
      sheet: "S",
      values: [
        ["项目名称", "总计", "三级指标", "年度指标值"],
        ["项目A", 10, "人数", "6人"],
        ["项目A", 10, "及时率", "100%"],
        ["项目B", 5, "次数", "3次"],
        ["项目B", 5, "满意度", "≥80%"],
      ],
    };
    const t = table(g);
    expect(t.total).toBeNull();
    expect(t.units).toEqual([]);
    expect(names(t.projects)).toEqual(["项目A", "项目B"]);
    expect(t.projects.map((p) => [p.row, p.lastRow])).toEqual([[1, 2], [3, 4]]);
    expect(t.projects[1].indicators.map((i) => i.name?.text)).toEqual(["次数", "满意度"]);
    expect(t.projects[1].indicators[0].period).toBeNull();
    expect(t.projects[1].indicators[0].l1).toBeNull();
  });

  it("comparator, value and unit in separate columns are combined, located at the value cell", () => {
    const g: GridInput = {
      sheet: "S",
      values: [
        ["序号", "项目名称", "总计", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位"],
        [1, "项目A", 10, "1-产出指标", "12-质量指标", "验收合格率", "≥", "99", "%"],
        [null, null, null, "2-效益指标", "22-社会效益", "投诉次数", "≤", "0", "次"],
        [null, null, null, "3-满意度指标", "31-服务对象满意度", "满意度", "正向指标", "≥90%", "%"],
      ],
      merges: [{ top: 1, left: 0, bottom: 3, right: 0 }, { top: 1, left: 1, bottom: 3, right: 1 }, { top: 1, left: 2, bottom: 3, right: 2 }],
    };
    const p = table(g).projects[0];
    expect(p.indicators).toHaveLength(3);
    const [a, b, c] = p.indicators;
    expect(a.annual).toMatchObject({ comparator: "≥", number: 99, unit: "%", raw: "99", cell: { row: 1, col: 7 }, span: { start: 0, end: 2 } });
    expect(a.period).toBe(a.annual);
    expect(b.annual).toMatchObject({ comparator: "≤", number: 0, unit: "次" });
    // 正向指标 is not a comparator; the value already has its unit.
    expect(c.annual).toMatchObject({ comparator: "≥", number: 90, unit: "%", raw: "≥90%" });
    // 序号 left of the name numbers projects, not indicators.
    expect(a.seq).toBeNull();
  });

  it("a 序号 column among the indicator columns numbers the indicators", () => {
    const g: GridInput = {
      sheet: "S",
      values: [
        ["项目名称", "序号", "三级指标", "实施周期指标值", "年度指标值"],
        ["  项目A", "1", "人数", "6人", "6人"],
        [null, "2、", "及时率", "100%", ""],
      ],
      merges: [{ top: 1, left: 0, bottom: 2, right: 0 }],
    };
    const p = table(g).projects[0];
    expect(p.indicators.map((i) => i.seq)).toEqual([1, 2]);
    expect(p.indicators[1].seqPart).toEqual({ raw: "2、", cell: { row: 2, col: 1 }, span: { start: 0, end: 2 } });
    expect(p.indicators[1].annual).toMatchObject({ kind: "empty", cell: { row: 2, col: 4 } });
  });

  it("origin offset with merges given in sheet coordinates", () => {
    const g = structuredGrid(oneUnit([{ name: "项目A" }]));
    const shifted: GridInput = {
      ...g,
      origin: { row: 4, col: 2 },
      merges: g.merges!.map((m) => ({ top: m.top + 4, left: m.left + 2, bottom: m.bottom + 4, right: m.right + 2 })),
    };
    const t = table(shifted);
    const p = t.projects[0];
    expect([p.row, p.lastRow]).toEqual([9, 12]);
    expect(p.nameCell).toEqual({ row: 9, col: 2 });
    expect(p.goal?.cell).toEqual({ row: 9, col: 7 });
    expect(p.indicators.map((i) => i.row)).toEqual([9, 10, 11, 12]);
    expect(p.indicators[3].name?.cell).toEqual({ row: 12, col: 10 });
    expect(p.indicators[3].annual?.cell).toEqual({ row: 12, col: 12 });
  });
});

describe("buildTable: published projects are recovered whatever their number", () => {
  it("1,000 projects under 10 units", () => {
    const units = Array.from({ length: 10 }, (_, u) => ({
      name: `单位${u}`,
      projects: Array.from({ length: 100 }, (_, k) => ({ name: `项目${u}-${k}`, total: k + 1 })),
    }));
    const t = table(publishedGrid({ units }));
    expect(t.projects).toHaveLength(1000);
    expect(t.units.map((u) => u.children.length)).toEqual(Array(10).fill(100));
    const p: Project = t.projects[123];
    expect(p.name).toBe("项目1-23");
    expect(p.unit).toBe("单位1");
    // header 2, 合计 3, 单位0 4, 100 projects 5..104, 单位1 105, 项目1-0 106
    expect(p.row).toBe(106 + 23);
    expect(p.amounts.total.value).toBe(24);
  });
});
