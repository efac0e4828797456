import { locateHeader, matchColumn } from "../../src/core/header";
import { findHeader } from "../../src/core/model";
import type { CellValue, ColumnKey, GridInput, MergedArea } from "../../src/core/types";
import { oneUnit, publishedGrid, structuredGrid } from "../helpers/grids";

describe("matchColumn", () => {
  it.each<[string, ColumnKey]>([
    ["项目名称（资金使用单位）", "name"],
    ["项目名称(资金使用单位)", "name"],
    ["项目名称", "name"],
    ["项 目", "name"],
    ["名称", "name"],
    ["总计", "total"],
    ["合  计", "total"],
    ["金额合计", "total"],
    ["资金总额", "total"],
    ["预算金额", "total"],
    ["年度资金总额", "total"],
    ["总计（万元）", "total"],
    ["财政拨款", "fiscal"],
    ["一般公共预算", "fiscal"],
    ["财政资金", "fiscal"],
    ["财政拨款资金", "fiscal"],
    ["财政专\n户拨款", "specialAccount"],
    ["财政专户管理资金", "specialAccount"],
    ["财政专户", "specialAccount"],
    ["其他\n资金", "other"],
    ["其他", "other"],
    ["绩效目标", "goal"],
    ["年度绩效目标", "goal"],
    ["年度目标", "goal"],
    ["总体目标", "goal"],
    [" 绩 效 指 标 ", "indicators"],
    ["序号", "seq"],
    ["一级指标", "l1"],
    ["二级指标", "l2"],
    ["三级指标", "l3"],
    ["指标名称", "l3"],
    ["实施周期指标值", "period"],
    ["实施期指标值", "period"],
    ["中期指标值", "period"],
    ["实施周期目标值", "period"],
    ["年度指标值", "annual"],
    ["年度目标值", "annual"],
    ["指标性质", "comparator"],
    ["指标方向", "comparator"],
    ["比较符", "comparator"],
    ["运算符号", "comparator"],
    ["指标值", "value"],
    ["计量单位", "unit"],
    ["度量单位", "unit"],
    ["单位", "unit"],
    ["指标解释", "explanation"],
    ["指标说明", "explanation"],
    ["绩效标准", "standard"],
    ["评（价）标准", "standard"],
    ["评价标准", "standard"],
  ])("%j → %s", (text, key) => {
    expect(matchColumn(text)).toBe(key);
  });

  it.each([
    "广州市土地利用规划编制中心2024年项目支出绩效目标表（含转移支付项目）",
    "单位名称：广州市土地利用规划编制中心 单位：万元",
    "单位：万元",
    "资金来源",
    "总计333.81",
    "",
    "合计数据说明",
  ])("does not take %j for a column", (text) => {
    expect(matchColumn(text)).toBeNull();
  });
});

describe("findHeader", () => {
  it("finds the published header below the title and the unit line", () => {
    const h = findHeader(publishedGrid(oneUnit([{ name: "项目A" }])));
    expect(h).toEqual({
      firstRow: 2,
      lastRow: 2,
      columns: { name: 0, total: 1, fiscal: 2, specialAccount: 3, other: 4, goal: 5, indicators: 6 },
      labels: {
        name: "项目名称（资金使用单位）", total: "总计", fiscal: "财政拨款", specialAccount: "财政专户拨款",
        other: "其他资金", goal: "绩效目标", indicators: "绩效指标",
      },
    });
  });

  it("finds the structured header and reports its layout", () => {
    const loc = locateHeader(structuredGrid(oneUnit([{ name: "项目A" }])));
    expect(loc?.layout).toBe("structured");
    expect(loc?.info.columns).toEqual({
      name: 0, total: 1, fiscal: 2, specialAccount: 3, other: 4, goal: 5, l1: 6, l2: 7, l3: 8, period: 9, annual: 10,
    });
  });

  it("does not take the 合计 row under a one-row header as a second header row", () => {
    const h = findHeader(publishedGrid(oneUnit([{ name: "项目A" }])));
    expect(h?.lastRow).toBe(2);
  });

  // Row 5: 项目名称 (merged down) | 资金来源 (merged across) | 绩效目标 | 绩效指标 (merged down)
  // Row 6: (copy)                | 总计 | 财政拨款 | 财政专\n户拨款 | 其他资金
  function twoRowHeader(repeat: boolean): GridInput {
    const merges: MergedArea[] = [
      { top: 5, left: 0, bottom: 6, right: 0 },
      { top: 5, left: 1, bottom: 5, right: 4 },
      { top: 5, left: 5, bottom: 6, right: 5 },
      { top: 5, left: 6, bottom: 6, right: 6 },
    ];
    const r5: CellValue[] = ["项目名称（资金使用单位）", "资金来源", repeat ? "资金来源" : null, repeat ? "资金来源" : null, repeat ? "资金来源" : null, "绩效目标", "绩效指标"];
    const r6: CellValue[] = [repeat ? "项目名称（资金使用单位）" : null, "总计", "财政拨款", "财政专\n户拨款", "其他资金", repeat ? "绩效目标" : null, repeat ? "绩效指标" : null];
    return {
      sheet: "S",
      values: [["标题：某单位2024年项目支出绩效目标表"], ["单位名称：某单位 单位：万元"], [], [], [], r5, r6, ["合计", 1, 1, null, null, null, null]],
      merges,
    };
  }

  it.each([false, true])("reads a header spanning two merged rows (host repeats master values: %p)", (repeat) => {
    const h = findHeader(twoRowHeader(repeat));
    expect(h?.firstRow).toBe(5);
    expect(h?.lastRow).toBe(6);
    expect(h?.columns).toEqual({ name: 0, total: 1, fiscal: 2, specialAccount: 3, other: 4, goal: 5, indicators: 6 });
    expect(h?.labels.specialAccount).toBe("财政专户拨款");
  });

  it("reads a structured header whose 绩效指标 group label spans the indicator columns", () => {
    const grid: GridInput = {
      sheet: "S",
      values: [
        ["项目名称", "年度资金总额", "年度绩效目标", "绩效指标", "绩效指标", "绩效指标", "绩效指标", "绩效指标"],
        ["项目名称", "年度资金总额", "年度绩效目标", "一级指标", "二级指标", "三级指标", "指标值", "年度指标值"],
        ["项目A", 10, "目标", "1-产出指标", "11-数量指标", "人数", "6人", "6人"],
      ],
      merges: [
        { top: 0, left: 0, bottom: 1, right: 0 },
        { top: 0, left: 1, bottom: 1, right: 1 },
        { top: 0, left: 2, bottom: 1, right: 2 },
        { top: 0, left: 3, bottom: 0, right: 7 },
      ],
    };
    const loc = locateHeader(grid);
    expect(loc?.layout).toBe("structured");
    expect(loc?.top).toBe(0);
    expect(loc?.bottom).toBe(1);
    // 绩效指标 is a group label here; 指标值 gives way to 年度指标值.
    expect(loc?.info.columns).toEqual({ name: 0, total: 1, goal: 2, l1: 3, l2: 4, l3: 5, annual: 7 });
  });

  it("finds columns in any order, by their text", () => {
    const grid: GridInput = {
      sheet: "S",
      values: [["绩效指标", "其他资金", "项目名称", "绩效目标", "财政拨款", "合计"]],
    };
    expect(findHeader(grid)?.columns).toEqual({ indicators: 0, other: 1, name: 2, goal: 3, fiscal: 4, total: 5 });
  });

  it("needs a name column and an indicator column", () => {
    expect(findHeader({ sheet: "S", values: [["项目名称", "总计", "绩效目标"]] })).toBeNull();
    expect(findHeader({ sheet: "S", values: [["总计", "绩效目标", "绩效指标"]] })).toBeNull();
    expect(findHeader({ sheet: "S", values: [] })).toBeNull();
  });

  it("looks only at the first 30 rows", () => {
    const header: CellValue[] = ["项目名称", "总计", "绩效指标"];
    const at29: CellValue[][] = Array.from({ length: 29 }, () => []);
    expect(findHeader({ sheet: "S", values: [...at29, header] })?.firstRow).toBe(29);
    expect(findHeader({ sheet: "S", values: [...at29, [], header] })).toBeNull();
  });

  it("applies the origin to rows and columns", () => {
    const g = publishedGrid(oneUnit([{ name: "项目A" }]));
    const h = findHeader({ ...g, origin: { row: 4, col: 2 } });
    expect(h?.firstRow).toBe(6);
    expect(h?.columns.name).toBe(2);
    expect(h?.columns.indicators).toBe(8);
  });

  it("drops 计量单位 from a published header (单位 there is not an indicator unit)", () => {
    const h = findHeader({ sheet: "S", values: [["单位", "项目名称", "总计", "绩效目标", "绩效指标"]] });
    expect(h?.columns.unit).toBeUndefined();
    expect(h?.columns.name).toBe(1);
  });
});
