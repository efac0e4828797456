/**
 * Rule set B on the seed table (广州市土地利用规划编制中心 2024). By the brief it must raise no error and
 * exactly three warnings: the `00-` prefix on 专家评审通过率 (JX401) and the two indicators whose values
 * have no unit, `250`/`40` and `50`/`50` (JX501, one per indicator). Everything else in the seed is
 * accepted: `100%`/`0次` without comparator, `22-社会效益`, `31-服务对象满意度`, `服务对象满意度调查（%）`,
 * `10个`/`4个`, `≥80%`/`≥90%` satisfaction, `编外人员劳动争议次数 0次`.
 */
import seed from "../../../seeds/guangzhou-land-planning-2024.json";
import { validate } from "../../../src/core/engine";
import { buildTable } from "../../../src/core/model";
import { rulesB } from "../../../src/core/rules/set-b";
import { seedGrid, type SeedTable } from "../../helpers/grids";
import { spanOf } from "./b-test-utils";


const rows = (seed as SeedTable).rows;


function indicatorsOf(project: string): string {
  const r = rows.find((x) => x.name === project);
  if (!r) throw new Error(project);
  return r.indicators;
}

describe("rule set B on the seed", () => {
  const built = buildTable(seedGrid(seed as SeedTable));
  if (!built.table) throw new Error(built.message);
  const table = built.table;

  it("registers the eleven rules of set B with unique ids and names, in id order", () => {
    expect(rulesB.map((r) => r.meta.id)).toEqual([
      "JX401", "JX402", "JX403", "JX501", "JX502", "JX503", "JX504", "JX505", "JX506", "JX507", "JX508",
    ]);
    expect(new Set(rulesB.map((r) => r.meta.name)).size).toBe(rulesB.length);
    for (const r of rulesB) for (const id of Object.keys(r.meta.messages)) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
  });

  it("reports exactly the code prefix and the two unit-less indicators, no error", () => {
    const { findings, summary } = validate(table, {}, rulesB);
    // Rows: 6 机构运行辅助经费, 7 耕地保护…, 8 市土规中心2023-2024…, 9 其他运行经费, 10 市土规中心2024…; G = 绩效指标.
    expect(findings.map((f) => [f.ruleId, f.messageId, f.severity, f.cell, f.project, f.indicator])).toEqual([
      ["JX401", "codePrefix", "warning", "G7", "耕地保护和国土空间规划经费", 0],
      ["JX501", "unitless", "warning", "G8", "市土规中心2023-2024年信息化运维项目", 2],
      ["JX501", "unitless", "warning", "G10", "市土规中心2024年信息化运维项目", 2],
    ]);
    expect(summary.errors).toBe(0);
    expect(summary.warnings).toBe(3);
    expect(summary.infos).toBe(0);
  });

  it("locates each finding precisely and fixes only the prefix", () => {
    const { findings } = validate(table, {}, rulesB);
    const [prefix, u1, u2] = findings;

    const land = indicatorsOf("耕地保护和国土空间规划经费");
    expect(prefix.span).toEqual(spanOf(land, "00-"));
    expect(prefix.message).toBe("三级指标名称“00-专家评审通过率”带有编码前缀“00-”，应写作“专家评审通过率”");
    expect(prefix.fix?.cell).toBe("G7");
    expect(prefix.fix?.text).toBe(land.replace("00-专家评审通过率", "专家评审通过率"));

    const it2023 = indicatorsOf("市土规中心2023-2024年信息化运维项目");
    expect(u1.span).toEqual(spanOf(it2023, "250"));
    expect(u1.message).toBe(
      "指标“网络、终端、外设及病毒查杀巡查记录次数”的指标值缺少计量单位（实施周期指标值“250”，年度指标值“40”）",
    );
    expect(u1.fix).toBeUndefined();

    const it2024 = indicatorsOf("市土规中心2024年信息化运维项目");
    expect(u2.span).toEqual(spanOf(it2024, "50", 0, "记录次数；实施周期指标值:"));
    expect(u2.message).toContain("（实施周期指标值“50”，年度指标值“50”）");
  });
});
