/**
 * Build GridInputs for tests from compact specs, in both layouts, the way real sheets look:
 * title row, unit line, header row, 合计 row, unit rows, indented project rows.
 */
import type { Seed as SeedTable } from "../../scripts/build-seeds";
import type { CellValue, GridInput, MergedArea } from "../../src/core/types";

export type { SeedTable };

type Amt = number | string | null;

export interface ProjectSpec {
  name: string;
  /** Defaults: fiscal = total ?? 10, total = fiscal + specialAccount + other. */
  total?: Amt;
  fiscal?: Amt;
  specialAccount?: Amt;
  other?: Amt;
  goal?: string;
  /** Published layout: the whole 绩效指标 cell text. */
  indicators?: string;
  /** Structured layout: one array per indicator row: [一级, 二级, 三级, 实施周期指标值, 年度指标值]. */
  rows?: string[][];
}

export interface UnitSpec {
  name: string;
  total?: Amt;
  fiscal?: Amt;
  specialAccount?: Amt;
  other?: Amt;
  projects: ProjectSpec[];
}

export interface TableSpec {
  sheet?: string;
  title?: string | null;
  unitLine?: string | null;
  /** Amounts of the 合计 row (computed from the units when omitted); `false` leaves the row out. */
  grandTotal?: { total?: Amt; fiscal?: Amt; specialAccount?: Amt; other?: Amt } | false;
  units: UnitSpec[];
  /** Leading spaces before project names (published layout). Default 4. */
  projectIndent?: string;
}

export const PUBLISHED_HEADER = ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"];
export const STRUCTURED_HEADER = [
  "项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标",
  "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值",
];

export const GOOD_INDICATORS =
  "1、1-产出指标；11-数量指标；补偿人员人数；实施周期指标值:6人；年度指标值:6人。" +
  "2、1-产出指标；13-时效指标；补偿发放及时率；实施周期指标值:100%；年度指标值:100%。" +
  "3、2-效益指标；22-社会效益；编外人员劳动争议次数；实施周期指标值:0次；年度指标值:0次。" +
  "4、3-满意度指标；31-服务对象满意度；编外人员满意度；实施周期指标值:≥80%；年度指标值:≥80%。";

export const GOOD_ROWS: string[][] = [
  ["1-产出指标", "11-数量指标", "补偿人员人数", "6人", "6人"],
  ["1-产出指标", "13-时效指标", "补偿发放及时率", "100%", "100%"],
  ["2-效益指标", "22-社会效益", "编外人员劳动争议次数", "0次", "0次"],
  ["3-满意度指标", "31-服务对象满意度", "编外人员满意度", "≥80%", "≥80%"],
];

function num(a: Amt | undefined): number {
  if (a === null || a === undefined) return 0;
  return typeof a === "number" ? a : Number(a) || 0;
}
function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
function blankIfZero(a: Amt | undefined): Amt {
  return a === undefined ? null : a;
}

interface Amounts { total: Amt; fiscal: Amt; specialAccount: Amt; other: Amt }

function projectAmounts(p: { total?: Amt; fiscal?: Amt; specialAccount?: Amt; other?: Amt }): Amounts {
  const fiscal = p.fiscal !== undefined ? p.fiscal : p.total !== undefined ? p.total : 10;
  const sa = blankIfZero(p.specialAccount);
  const other = blankIfZero(p.other);
  const total = p.total !== undefined ? p.total : round2(num(fiscal) + num(sa) + num(other));
  return { total, fiscal, specialAccount: sa, other };
}

function sumAmounts(list: Amounts[], given: Partial<Amounts>): Amounts {
  const pick = (k: keyof Amounts): Amt => {
    if (given[k] !== undefined) return given[k] as Amt;
    const s = round2(list.reduce((acc, a) => acc + num(a[k]), 0));
    const anyValue = list.some((a) => a[k] !== null && a[k] !== undefined);
    return anyValue ? s : null;
  };
  return { total: pick("total"), fiscal: pick("fiscal"), specialAccount: pick("specialAccount"), other: pick("other") };
}

function head(spec: TableSpec, width: number): CellValue[][] {
  const rows: CellValue[][] = [];
  if (spec.title !== null) rows.push([spec.title ?? "测试单位2024年项目支出绩效目标表", ...Array(width - 1).fill(null)]);
  if (spec.unitLine !== null) rows.push([spec.unitLine ?? "单位名称：测试单位 单位：万元", ...Array(width - 1).fill(null)]);
  return rows;
}

function amountsRow(name: string, a: Amounts, width: number): CellValue[] {
  const r: CellValue[] = [name, a.total, a.fiscal, a.specialAccount, a.other];
  while (r.length < width) r.push(null);
  return r;
}

/** The published layout: one row per project, all indicators in one cell. */
export function publishedGrid(spec: TableSpec): GridInput {
  const width = PUBLISHED_HEADER.length;
  const values = head(spec, width);
  values.push([...PUBLISHED_HEADER]);
  const indent = spec.projectIndent ?? "    ";
  const unitBlocks: CellValue[][][] = [];
  const unitAmounts: Amounts[] = [];
  for (const u of spec.units) {
    const pa = u.projects.map(projectAmounts);
    const ua = sumAmounts(pa, u);
    unitAmounts.push(ua);
    const block: CellValue[][] = [amountsRow(u.name, ua, width)];
    u.projects.forEach((p, i) => {
      const r = amountsRow(indent + p.name, pa[i], width);
      r[5] = p.goal ?? `实施${p.name}，保障工作顺利开展。`;
      r[6] = p.indicators ?? GOOD_INDICATORS;
      block.push(r);
    });
    unitBlocks.push(block);
  }
  if (spec.grandTotal !== false) values.push(amountsRow("合计", sumAmounts(unitAmounts, spec.grandTotal ?? {}), width));
  for (const b of unitBlocks) values.push(...b);
  return { sheet: spec.sheet ?? "Sheet1", values };
}

/** The structured layout: one row per indicator, project cells merged down its rows. */
export function structuredGrid(spec: TableSpec): GridInput {
  const width = STRUCTURED_HEADER.length;
  const values = head(spec, width);
  values.push([...STRUCTURED_HEADER]);
  const merges: MergedArea[] = [];
  const unitBlocks: CellValue[][][] = [];
  const unitAmounts: Amounts[] = [];
  const headerRows = values.length + (spec.grandTotal !== false ? 1 : 0);
  let row = headerRows;
  for (const u of spec.units) {
    const pa = u.projects.map(projectAmounts);
    const ua = sumAmounts(pa, u);
    unitAmounts.push(ua);
    const block: CellValue[][] = [amountsRow(u.name, ua, width)];
    row += 1;
    u.projects.forEach((p, i) => {
      const ind = p.rows ?? GOOD_ROWS;
      const n = Math.max(1, ind.length);
      for (let k = 0; k < n; k++) {
        const r: CellValue[] = k === 0 ? amountsRow(p.name, pa[i], width) : Array(width).fill(null);
        if (k === 0) r[5] = p.goal ?? `实施${p.name}，保障工作顺利开展。`;
        const cells = ind[k] ?? [];
        for (let c = 0; c < 5; c++) r[6 + c] = cells[c] ?? null;
        block.push(r);
      }
      if (n > 1) for (let c = 0; c <= 5; c++) merges.push({ top: row, left: c, bottom: row + n - 1, right: c });
      row += n;
    });
    unitBlocks.push(block);
  }
  if (spec.grandTotal !== false) values.push(amountsRow("合计", sumAmounts(unitAmounts, spec.grandTotal ?? {}), width));
  for (const b of unitBlocks) values.push(...b);
  return { sheet: spec.sheet ?? "Sheet1", values, merges };
}

/** One unit with the given projects: the common case in rule tests. */
export function oneUnit(projects: ProjectSpec[], extra: Partial<TableSpec> = {}): TableSpec {
  return { units: [{ name: "测试单位", projects }], ...extra };
}


/** The seed exactly as published: title, unit line, header, then 合计 / unit / projects indented by four spaces. */
export function seedGrid(seed: SeedTable): GridInput {
  const values: CellValue[][] = [[seed.title], [seed.unitLine], [...seed.columns]];
  for (const r of seed.rows) {
    const name = r.level === "project" ? "    " + r.name : r.name;
    values.push([name, r.total, r.fiscal, r.specialAccount, r.other, r.goal || null, r.indicators || null]);
  }
  return { sheet: "Sheet1", values };
}
