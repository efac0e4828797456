/**
 * Rule set A on the seed table (广州市土地利用规划编制中心 2024): the only finding of set A is the missing
 * 满意度 indicator of 耕地保护和国土空间规划经费 (its four indicators are 产出, 效益, 效益, 产出). The other
 * expected seed warnings (code prefix, unitless values) belong to set B.
 */
import seed from "../../../seeds/guangzhou-land-planning-2024.json";
import { validate } from "../../../src/core/engine";
import { buildTable } from "../../../src/core/model";
import { rulesA } from "../../../src/core/rules/set-a";
import { seedGrid, type SeedTable } from "../../helpers/grids";



describe("rule set A on the seed", () => {
  const built = buildTable(seedGrid(seed as SeedTable));
  if (!built.table) throw new Error(built.message);
  const table = built.table;

  it("registers the sixteen rules of set A with unique ids and names", () => {
    const ids = rulesA.map((r) => r.meta.id);
    expect(ids).toEqual(["JX001", "JX101", "JX102", "JX103", "JX104", "JX105", "JX201", "JX202", "JX203", "JX204", "JX205", "JX301", "JX302", "JX303", "JX304", "JX305"]);
    expect(new Set(rulesA.map((r) => r.meta.name)).size).toBe(rulesA.length);
  });

  it("reads the seed as 1 合计, 1 unit, 5 projects of 4 indicators", () => {
    expect(table.total?.name).toBe("合计");
    expect(table.units.map((u) => u.name)).toEqual(["广州市土地利用规划编制中心"]);
    expect(table.projects.map((p) => p.indicators.length)).toEqual([4, 4, 4, 4, 4]);
  });

  it("reports exactly one warning: no 满意度 indicator for 耕地保护和国土空间规划经费", () => {
    const { findings, summary } = validate(table, {}, rulesA);
    expect(findings.map((f) => [f.ruleId, f.messageId, f.severity, f.cell, f.project])).toEqual([
      // Rows: 1 title, 2 unit line, 3 header, 4 合计, 5 unit, 6 机构运行辅助经费, 7 耕地保护…; G = 绩效指标.
      ["JX203", "noSatisfaction", "warning", "G7", "耕地保护和国土空间规划经费"],
    ]);
    expect(findings[0].message).toBe(
      "项目“耕地保护和国土空间规划经费”的 4 个指标中没有满意度指标（一级指标“3-满意度指标”）；有服务对象的项目应设置满意度指标",
    );
    expect(summary.errors).toBe(0);
    expect(summary.warnings).toBe(1);
  });

  it("the seed's totals add up: 35.08 + 215.62 + 1.54 + 80.00 + 1.57 = 333.81", () => {
    const sum = table.projects.reduce((s, p) => s + (p.amounts.total.value ?? 0), 0);
    expect(Math.abs(sum - 333.81)).toBeLessThan(1e-9);
  });
});
