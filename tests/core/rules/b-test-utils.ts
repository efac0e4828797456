/**
 * Small helpers for the set-B rule tests (indicator form and values): one-project grids in both
 * layouts and spans computed from the input text (never copied from the code's output).
 */
import type { CellValue, GridInput, Span } from "../../../src/core/types";
import { GOOD_INDICATORS, GOOD_ROWS, oneUnit, publishedGrid, structuredGrid, type ProjectSpec, type TableSpec } from "../../helpers/grids";

export { GOOD_INDICATORS, GOOD_ROWS };

/** Published layout: one unit, one project at sheet row 5 (Excel row 6); its 绩效指标 cell is G6. */
export const PUB_CELL = "G6";

export function pub(indicators: string, project: Partial<ProjectSpec> = {}, extra: Partial<TableSpec> = {}): GridInput {
  return publishedGrid(oneUnit([{ name: "测试项目", ...project, indicators }], extra));
}

/** Structured layout: one unit, one project whose indicator rows start at Excel row 6 (G 一级 … K 年度). */
export function str(rows: string[][], project: Partial<ProjectSpec> = {}, extra: Partial<TableSpec> = {}): GridInput {
  return structuredGrid(oneUnit([{ name: "测试项目", ...project, rows }], extra));
}

/** The span of the n-th (0-based) occurrence of `sub` in `text`, found after `after` when given. */
export function spanOf(text: string, sub: string, n = 0, after?: string): Span {
  let from = after ? text.indexOf(after) + after.length : 0;
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(sub, from);
    if (i < 0) throw new Error(`"${sub}" not found in "${text}"`);
    from = i + sub.length;
  }
  return { start: i, end: i + sub.length };
}

/** An empty span at the end of the text (where a missing terminator goes). */
export function endOf(text: string): Span {
  return { start: text.length, end: text.length };
}

/** Replace `span` of `text` (to write the expected fixed text by hand). */
export function replaced(text: string, span: Span, replacement: string): string {
  return text.slice(0, span.start) + replacement + text.slice(span.end);
}

/** One item in the canonical published form. */
export function item(seq: number, l1: string, l2: string, name: string, period: string, annual: string): string {
  return `${seq}、${l1}；${l2}；${name}；实施周期指标值:${period}；年度指标值:${annual}。`;
}

/**
 * Structured layout with a 计量单位 column after the two values (columns G 一级, H 二级, I 三级,
 * J 实施周期指标值, K 年度指标值, L 计量单位), built by hand: the shared builder has no unit column.
 */
export function strWithUnit(rows: string[][]): GridInput {
  const header = [
    "项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标",
    "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值", "计量单位",
  ];
  const w = header.length;
  const pad = (r: CellValue[]): CellValue[] => [...r, ...Array(w - r.length).fill(null)];
  const values: CellValue[][] = [
    pad(["测试单位2024年项目支出绩效目标表"]),
    pad(["单位名称：测试单位 单位：万元"]),
    header,
    pad(["合计", 10, 10]),
    pad(["测试单位", 10, 10]),
  ];
  rows.forEach((r, k) => {
    const base: CellValue[] = k === 0 ? ["测试项目", 10, 10, null, null, "实施测试项目，保障工作顺利开展。"] : Array(6).fill(null);
    values.push(pad([...base, ...r]));
  });
  const n = rows.length;
  const merges = n > 1 ? [0, 1, 2, 3, 4, 5].map((c) => ({ top: 5, left: c, bottom: 5 + n - 1, right: c })) : [];
  return { sheet: "Sheet1", values, merges };
}
