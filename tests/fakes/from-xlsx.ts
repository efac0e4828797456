/**
 * Build a FakeWorkbookInit from a real .xlsx (Node only), as Excel's JavaScript API would report it:
 * "" for empty cells and for the copies of a merged area (only the master holds the value), error cells as
 * "#REF!" strings, dates as serial numbers, "General" as the default number format; plus each cell's own
 * fill, font color and borders, merged areas, formulas (with their cached results as values), sheet protection,
 * visibility and the active sheet.
 */
import ExcelJS from "exceljs";
import { toCellValue } from "../../src/cli/xlsx-reader";
import type { CellFormat, FakeSheetInit, FakeValue, FakeWorkbookInit, Visibility } from "./excel-fake";

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function toExcelValue(v: unknown): FakeValue {
  const x = toCellValue(v);
  if (x === null || x === undefined) return "";
  if (x instanceof Date) return (x.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
  return x;
}

function argb(c: unknown): string | null {
  const v = (c as { argb?: unknown } | undefined)?.argb;
  return typeof v === "string" && v.length >= 6 ? `#${v.slice(-6).toUpperCase()}` : null;
}

function formatOf(cell: ExcelJS.Cell): CellFormat | null {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  const f: CellFormat = {};
  const fillColor = fill && fill.type === "pattern" && fill.pattern !== "none" ? argb(fill.fgColor) : null;
  if (fillColor) f.fill = fillColor;
  const font = argb(cell.font?.color);
  if (font) f.font = font;
  const b = cell.border;
  if (b) {
    const sides = (["top", "left", "bottom", "right"] as const)
      .filter((s) => b[s]?.style)
      .map((s) => `${s}:${b[s]!.style}`);
    if (sides.length) f.borders = sides.join(",");
  }
  return Object.keys(f).length ? f : null;
}

const VISIBILITY: Record<string, Visibility> = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" };

export function sheetInitFrom(ws: ExcelJS.Worksheet): FakeSheetInit {
  const values: FakeValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  const indents: (number | null)[][] = [];
  const formats: Record<string, CellFormat> = {};
  const formulas: Record<string, string> = {};
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    while (values.length <= r) {
      values.push([]);
      numberFormats.push([]);
      indents.push([]);
    }
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - 1;
      const copy = cell.isMerged && cell.master.address !== cell.address;
      values[r][c] = copy ? "" : toExcelValue(cell.value);
      numberFormats[r][c] = typeof cell.numFmt === "string" && cell.numFmt !== "" ? cell.numFmt : null;
      const indent = (cell.alignment as { indent?: number } | undefined)?.indent;
      indents[r][c] = typeof indent === "number" && indent > 0 ? indent : null;
      const f = formatOf(cell);
      if (f) formats[cell.address] = f;
      const formula = copy ? undefined : (cell as { formula?: unknown }).formula;
      if (typeof formula === "string" && formula !== "") formulas[cell.address] = formula.startsWith("=") ? formula : `=${formula}`;
    });
  });
  const merges = Object.values((ws as unknown as { _merges?: Record<string, { range?: string }> })._merges ?? {})
    .map((m) => m.range)
    .filter((r): r is string => typeof r === "string");
  const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean } | null }).sheetProtection;
  return {
    name: ws.name,
    values: values.map((row) => Array.from(row, (v) => v ?? "")),
    numberFormats,
    indents,
    merges,
    formats,
    ...(Object.keys(formulas).length ? { formulas } : {}),
    protected: !!protection?.sheet,
    visibility: VISIBILITY[ws.state ?? "visible"] ?? "Visible",
  };
}

export async function fakeInitFromXlsx(file: string, extra: Partial<FakeWorkbookInit> = {}): Promise<FakeWorkbookInit> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheets = wb.worksheets.map(sheetInitFrom);
  const activeTab = (wb.views?.[0] as { activeTab?: number } | undefined)?.activeTab;
  const active = typeof activeTab === "number" ? wb.worksheets[activeTab]?.name : undefined;
  return { sheets, ...(active ? { activeSheet: active } : {}), ...extra };
}
