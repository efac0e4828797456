/**
 * Synthetic published-layout target tables for benchmarks: N projects of 5 indicators each, spread over
 * units of 50 projects, with a few defects of each kind (about 2% of projects each).
 */
import type { CellValue, GridInput } from "../src/core/types";

export const BENCH_HEADER = ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"];

const NAMES = ["设备运行维护", "信息化运维", "专项课题研究", "业务培训", "规划编制", "耕地保护监管", "档案数字化"];

function indicatorsFor(i: number): string {
  const prefix = i % 53 === 7 ? "00-" : "";
  const unitless = i % 47 === 3;
  const sat = i % 61 === 5 ? "≥70%" : "≥85%";
  return (
    `1、1-产出指标；11-数量指标；培训人次；实施周期指标值:≥${100 + i}人次；年度指标值:≥${100 + i}人次。` +
    `2、1-产出指标；12-质量指标；${prefix}验收合格率；实施周期指标值:100%；年度指标值:100%。` +
    `3、1-产出指标；13-时效指标；任务按时完成率；实施周期指标值:≥95%；年度指标值:≥95%。` +
    `4、2-效益指标；22-社会效益；巡查记录次数；实施周期指标值:${unitless ? "250" : "250次"}；年度指标值:${unitless ? "40" : "40次"}。` +
    `5、3-满意度指标；31-服务对象满意度；服务对象满意度；实施周期指标值:${sat}；年度指标值:${sat}。`
  );
}

export interface BenchTable {
  grid: GridInput;
  projects: number;
  indicators: number;
}

export function benchGrid(projects: number, sheet = "绩效目标表"): BenchTable {
  const values: CellValue[][] = [
    [`基准测试单位2024年项目支出绩效目标表（${projects} 个项目）`],
    ["单位名称：基准测试单位 单位：万元"],
    [...BENCH_HEADER],
  ];
  const perUnit = 50;
  const units = Math.ceil(projects / perUnit);
  const unitRows: CellValue[][][] = [];
  let grand = 0;
  for (let u = 0; u < units; u++) {
    const rows: CellValue[][] = [];
    let sum = 0;
    for (let k = 0; k < perUnit && u * perUnit + k < projects; k++) {
      const i = u * perUnit + k;
      const fiscal = Math.round((10 + ((i * 37) % 900) + (i % 100) / 100) * 100) / 100;
      const other = i % 9 === 0 ? 5 : null;
      let total = Math.round((fiscal + (other ?? 0)) * 100) / 100;
      sum += total;
      if (i % 97 === 11) total = Math.round((total + 0.01) * 100) / 100; // 总计 off by 0.01
      rows.push([`    ${NAMES[i % NAMES.length]}项目${i + 1}`, total, fiscal, null, other, `保障${NAMES[i % NAMES.length]}工作顺利开展，提升服务质量。`, indicatorsFor(i)]);
    }
    sum = Math.round(sum * 100) / 100;
    grand += sum;
    unitRows.push([[`基准测试单位第${u + 1}分中心`, sum, null, null, null, null, null], ...rows]);
  }
  // fiscal column of unit rows and 合计: sums of the projects' fiscal amounts
  let grandFiscal = 0, grandOther = 0;
  for (const block of unitRows) {
    let f = 0, o = 0;
    for (const r of block.slice(1)) { f += r[2] as number; o += (r[4] as number | null) ?? 0; }
    block[0][2] = Math.round(f * 100) / 100;
    block[0][4] = o ? Math.round(o * 100) / 100 : null;
    grandFiscal += f; grandOther += o;
  }
  values.push(["合计", Math.round(grand * 100) / 100, Math.round(grandFiscal * 100) / 100, null, grandOther ? Math.round(grandOther * 100) / 100 : null, null, null]);
  for (const b of unitRows) values.push(...b);
  return { grid: { sheet, values }, projects, indicators: projects * 5 };
}
