/**
 * `jixiao convert <in.xlsx> --to structured|published [--out <out.xlsx>]`: a copy of the workbook with the
 * target table written in the other layout on a new sheet (named after the source sheet, + "（明细）" for the
 * structured layout or "（发布）" for the published one, made unique). The source sheet is not changed; the
 * input file is never written.
 *
 * The engine plans the new sheet (`planConversion`), `applyPlanToWorkbook` writes it; the copy is then read back
 * and compared with the source (projects, amounts, indicators) before it is written to disk.
 */
import * as path from "node:path";
import type ExcelJS from "exceljs";
import { CONVERSION_SUFFIX, buildTable, conversionSheetName, isPlanError, planConversion, toSpec } from "../core/index";
import type { CellValue, Layout, Table } from "../core/types";
import { ApplyError, applyPlanToWorkbook } from "./apply";
import { sameFile, writeAtomically } from "./annotate";
import { InputError, readWorkbook, worksheetToGrid, type SheetGrid } from "./xlsx-reader";

export type Lang = "zh" | "en";

export interface ConvertOptions {
  input: string;
  to: Layout;
  out: string | null;
}

export interface Converted {
  out: string;
  source: string;
  sheet: string;
  from: Layout;
  to: Layout;
  projects: number;
  indicators: number;
}

export const LAYOUT_SUFFIX: Record<Layout, string> = CONVERSION_SUFFIX;

const LAYOUT_NAME: Record<Lang, Record<Layout, string>> = {
  zh: { published: "发布格式", structured: "明细格式" },
  en: { published: "published layout", structured: "structured layout" },
};

/** The default output beside the input: `<name>.structured.xlsx` / `<name>.published.xlsx`. */
export function defaultConvertOut(input: string, to: Layout): string {
  return path.join(path.dirname(input), `${path.basename(input).replace(/\.xlsx$/i, "")}.${to}.xlsx`);
}

/** Column widths (characters) of the new sheet by header text; text columns wrap. */
const WIDTHS: [RegExp, number, boolean][] = [
  [/项目名称/, 36, true],
  [/^(总计|财政拨款|财政专户拨款|其他资金)/, 12, false],
  [/绩效目标/, 40, true],
  [/绩效指标/, 80, true],
  [/一级指标|二级指标/, 16, true],
  [/三级指标/, 30, true],
  [/指标值/, 16, true],
];

/** Widths, wrapping, a bold header and thin borders for the new sheet (its cells are all new: no existing style is touched). */
function styleNewSheet(ws: ExcelJS.Worksheet, headerRow: number, lastCol: number): void {
  const thin = { style: "thin" as const };
  for (let c = 1; c <= lastCol; c++) {
    const label = String(ws.getCell(headerRow, c).value ?? "");
    const hit = WIDTHS.find(([re]) => re.test(label));
    ws.getColumn(c).width = hit ? hit[1] : 14;
    const wrap = hit ? hit[2] : true;
    for (let r = headerRow; r <= ws.rowCount; r++) {
      const cell = ws.getCell(r, c);
      cell.border = { top: thin, left: thin, bottom: thin, right: thin };
      cell.alignment = { vertical: "middle", wrapText: r === headerRow ? true : wrap, horizontal: r === headerRow ? "center" : undefined };
      if (r === headerRow) cell.font = { bold: true };
    }
  }
  for (let r = 1; r < headerRow; r++) {
    const cell = ws.getCell(r, 1);
    if (cell.value === null || cell.value === undefined) continue;
    cell.alignment = { horizontal: r === 1 ? "center" : "left", vertical: "middle" };
    if (r === 1) cell.font = { bold: true, size: 14 };
  }
}

function amountsOf(table: Table): CellValue[][] {
  return table.rows.map((r) => [r.amounts.total.value, r.amounts.fiscal.value, r.amounts.specialAccount.value, r.amounts.other.value]);
}

/** The indicators of each project without their numbers (the structured layout written here has no 序号). */
function indicatorsOf(table: Table): string[] {
  return table.projects.map((p) =>
    JSON.stringify(p.indicators.map((i) => {
      const s = toSpec(i);
      return [s.l1, s.l2, s.name, s.period, s.annual];
    })),
  );
}

/** The new sheet holds the same projects, amounts and indicators as the source; else a message saying where not. */
function compareTables(source: Table, copy: Table): { zh: string; en: string } | null {
  const names = (t: Table) => t.rows.map((r) => `${r.level}:${r.name.trim()}`);
  if (JSON.stringify(names(source)) !== JSON.stringify(names(copy))) {
    return { zh: "合计、单位和项目行与原表不一致", en: "the 合计, unit and project rows differ from the source" };
  }
  if (JSON.stringify(amountsOf(source)) !== JSON.stringify(amountsOf(copy))) {
    return { zh: "金额与原表不一致", en: "the amounts differ from the source" };
  }
  const a = indicatorsOf(source);
  const b = indicatorsOf(copy);
  const i = a.findIndex((x, k) => x !== b[k]);
  if (i >= 0) {
    const name = source.projects[i].name.trim();
    return { zh: `项目“${name}”的绩效指标与原表不一致`, en: `the indicators of project "${name}" differ from the source` };
  }
  return null;
}

/** The target-table sheet: visible sheets first, then hidden ones. */
function pickSheet(sheets: readonly SheetGrid[]): { sheet: SheetGrid; table: Table } | null {
  const ordered = [...sheets.filter((s) => !s.hidden), ...sheets.filter((s) => s.hidden)];
  for (const s of ordered) {
    const built = buildTable(s.grid);
    if (built.table) return { sheet: s, table: built.table };
  }
  return null;
}

/** Convert one workbook; throws an InputError (both languages, naming the file's sheet and cell) when it cannot. */
export async function convertFile(opts: ConvertOptions): Promise<Converted> {
  const out = opts.out ?? defaultConvertOut(opts.input, opts.to);
  if (sameFile(out, opts.input)) {
    throw new InputError(
      "unreadable",
      `拒绝覆盖输入文件：--out 不能是输入文件本身（${out}）`,
      `refusing to overwrite the input: --out is the input file itself (${out})`,
    );
  }
  const { workbook, sheets } = await readWorkbook(opts.input);
  const picked = pickSheet(sheets);
  if (!picked) {
    throw new InputError("no-table", "未找到绩效目标表：表头需包含“项目名称”和“绩效指标”或“三级指标”", "no performance target table found: the header must contain 项目名称 and 绩效指标 or 三级指标");
  }
  const { sheet, table } = picked;
  const name = conversionSheetName(sheet.grid.sheet, opts.to, workbook.worksheets.map((w) => w.name));
  const plan = planConversion(table, sheet.grid, opts.to, name);
  if (isPlanError(plan)) throw new InputError("unreadable", plan.message, plan.messageEn);
  try {
    applyPlanToWorkbook(workbook, plan);
  } catch (e) {
    if (e instanceof ApplyError) throw new InputError("unreadable", e.message, e.messageEn);
    throw e;
  }
  const ws = workbook.getWorksheet(name)!;
  const written = worksheetToGrid(ws).grid;
  const built = buildTable(written);
  if (!built.table || built.table.layout !== opts.to) {
    throw new InputError("unreadable", `转换后的工作表“${name}”无法识别为${LAYOUT_NAME.zh[opts.to]}，未写入`, `the converted sheet "${name}" does not read as the ${LAYOUT_NAME.en[opts.to]}; nothing was written`);
  }
  const diff = compareTables(table, built.table);
  if (diff) {
    throw new InputError("unreadable", `转换核对失败：${diff.zh}，未写入`, `conversion check failed: ${diff.en}; nothing was written`);
  }
  styleNewSheet(ws, built.table.header.firstRow + 1, Math.max(...written.values.map((r) => r.length)));
  await writeAtomically(workbook, out);
  return {
    out,
    source: sheet.grid.sheet,
    sheet: name,
    from: table.layout,
    to: opts.to,
    projects: built.table.projects.length,
    indicators: built.table.projects.reduce((n, p) => n + p.indicators.length, 0),
  };
}

export function convertedLine(c: Converted, display: string, lang: Lang): string {
  return lang === "zh"
    ? `jixiao: 已写入 ${display}：工作表“${c.source}”（${LAYOUT_NAME.zh[c.from]}）转换为${LAYOUT_NAME.zh[c.to]}，写在新工作表“${c.sheet}”（${c.projects} 个项目，${c.indicators} 项指标）`
    : `jixiao: wrote ${display}: sheet "${c.source}" (${LAYOUT_NAME.en[c.from]}) converted to the ${LAYOUT_NAME.en[c.to]} on the new sheet "${c.sheet}" (${c.projects} projects, ${c.indicators} indicators)`;
}
