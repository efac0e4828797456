/**
 * Read an .xlsx file with exceljs into the engine's host-neutral `GridInput`, one per worksheet.
 *
 * Every failure a user can cause (missing file, not an .xlsx, password-protected, corrupt zip, too
 * large a sheet) becomes an `InputError` carrying a Chinese and an English message: the command line
 * prints it on one line and never shows a stack trace.
 */
import * as fs from "node:fs";
import ExcelJS from "exceljs";
import type { CellValue, GridInput, MergedArea } from "../core/types";

/** Most non-empty cells a sheet may hold before the reader refuses it. */
export const MAX_CELLS_PER_SHEET = 2_000_000;

export type InputErrorKind =
  | "not-found"
  | "not-a-file"
  | "not-xlsx"
  | "legacy-xls"
  | "encrypted"
  | "corrupt"
  | "too-large"
  | "no-table"
  | "no-xlsx-in-folder"
  | "unreadable";

/** A file that cannot be checked, with a one-line reason in both languages. */
export class InputError extends Error {
  constructor(
    readonly kind: InputErrorKind,
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
    this.name = "InputError";
  }
}

export interface SheetGrid {
  grid: GridInput;
  /** exceljs sheet state: "visible", "hidden" or "veryHidden". */
  state: string;
  hidden: boolean;
  /** Non-empty cells read. */
  cells: number;
}

export interface ReadResult {
  workbook: ExcelJS.Workbook;
  sheets: SheetGrid[];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTED_PACKAGE_UTF16 = Buffer.from("EncryptedPackage", "utf16le");

function startsWith(buf: Buffer, magic: number[]): boolean {
  if (buf.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (buf[i] !== magic[i]) return false;
  return true;
}

/**
 * Check that `file` exists and looks like an .xlsx (a zip). Throws an InputError naming the problem:
 * not found, a folder, an OLE file (password-protected workbook or legacy .xls), or not a zip at all.
 */
export function sniffXlsx(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputError("not-found", "文件不存在", "file not found");
  }
  if (!stat.isFile()) throw new InputError("not-a-file", "不是普通文件", "not a regular file");
  let head: Buffer;
  const fd = fs.openSync(file, "r");
  try {
    head = Buffer.alloc(8);
    const n = fs.readSync(fd, head, 0, 8, 0);
    head = head.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
  if (startsWith(head, ZIP_MAGIC)) return;
  if (startsWith(head, OLE_MAGIC)) {
    // An encrypted OOXML workbook is an OLE compound file holding an "EncryptedPackage" stream; the
    // stream names sit in the directory sectors, UTF-16LE.
    const whole = fs.readFileSync(file);
    if (whole.indexOf(ENCRYPTED_PACKAGE_UTF16) >= 0) {
      throw new InputError(
        "encrypted",
        "工作簿设有打开密码（已加密），请先在 Excel 中取消密码再检查",
        "the workbook is password-protected (encrypted); remove the password in Excel first",
      );
    }
    throw new InputError(
      "legacy-xls",
      "这是旧版 .xls（OLE 复合文档）文件，不是 .xlsx；请在 Excel 中另存为 .xlsx",
      "this is a legacy .xls (OLE compound) file, not .xlsx; save it as .xlsx in Excel",
    );
  }
  throw new InputError("not-xlsx", "不是 .xlsx 文件（不是 zip 格式）", "not an .xlsx file (not a zip archive)");
}

/** "A1:G2" → 0-based inclusive area; null when it does not parse. */
export function parseRange(range: string): MergedArea | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i.exec(range.trim());
  if (!m) return null;
  const c1 = colIndex(m[1]);
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] ? colIndex(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  return { top: Math.min(r1, r2), left: Math.min(c1, c2), bottom: Math.max(r1, r2), right: Math.max(c1, c2) };
}

function colIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** An exceljs cell value → the engine's CellValue (plain text, number, boolean, Date, error string). */
export function toCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v !== "object") return String(v);
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) {
    let s = "";
    for (const run of o.richText as { text?: unknown }[]) if (run && typeof run.text === "string") s += run.text;
    return s;
  }
  if ("formula" in o || "sharedFormula" in o || "result" in o) {
    return o.result === undefined ? null : toCellValue(o.result);
  }
  if (typeof o.error === "string") return o.error;
  if ("hyperlink" in o || "text" in o) {
    const t = toCellValue(o.text);
    return t === null ? (typeof o.hyperlink === "string" ? o.hyperlink : null) : t;
  }
  return null;
}

interface WorksheetInternals {
  _merges?: Record<string, { range?: string } | undefined>;
}

function mergesOf(ws: ExcelJS.Worksheet): MergedArea[] {
  const out: MergedArea[] = [];
  const internal = (ws as unknown as WorksheetInternals)._merges;
  // `worksheet.model.merges` holds the same range strings but builds a model of every row first.
  const ranges: string[] = internal
    ? Object.values(internal).flatMap((m) => (m && typeof m.range === "string" ? [m.range] : []))
    : ((ws.model as { merges?: string[] }).merges ?? []);
  for (const r of ranges) {
    const area = parseRange(r);
    if (area) out.push(area);
  }
  out.sort((a, b) => a.top - b.top || a.left - b.left);
  return out;
}

function tooLarge(sheet: string): InputError {
  return new InputError(
    "too-large",
    `工作表“${sheet}”的非空单元格超过 ${MAX_CELLS_PER_SHEET.toLocaleString("en-US")} 个，拒绝检查`,
    `sheet "${sheet}" has more than ${MAX_CELLS_PER_SHEET.toLocaleString("en-US")} non-empty cells; refused`,
  );
}

/**
 * One worksheet → GridInput with origin {0,0}: `values[r][c]` is Excel row r+1, column c+1. Merged
 * copies are left blank (the master holds the value); indents and number formats are given for every
 * cell that has a value or a style.
 */
export function worksheetToGrid(ws: ExcelJS.Worksheet, maxCells = MAX_CELLS_PER_SHEET): SheetGrid {
  const values: CellValue[][] = [];
  const indents: (number | null)[][] = [];
  const numberFormats: (string | null)[][] = [];
  let cells = 0;
  let anyIndent = false;
  let anyFormat = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const rv: CellValue[] = [];
    const ri: (number | null)[] = [];
    const rf: (string | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const c = colNumber - 1;
      // Merged copies report the master's value; keep it only in the master.
      const copy = cell.isMerged && cell.master.address !== cell.address;
      const value = copy ? null : toCellValue(cell.value);
      const alignment = cell.alignment as { indent?: number } | undefined;
      const indent = typeof alignment?.indent === "number" && alignment.indent > 0 ? alignment.indent : null;
      const fmt = typeof cell.numFmt === "string" && cell.numFmt !== "" ? cell.numFmt : null;
      if (value === null && indent === null && fmt === null) return;
      while (rv.length < c) {
        rv.push(null);
        ri.push(null);
        rf.push(null);
      }
      rv.push(value);
      ri.push(indent);
      rf.push(fmt);
      if (indent !== null) anyIndent = true;
      if (fmt !== null) anyFormat = true;
      if (value !== null && value !== "" && ++cells > maxCells) throw tooLarge(ws.name);
    });
    if (rv.length === 0) return;
    while (values.length < r) {
      values.push([]);
      indents.push([]);
      numberFormats.push([]);
    }
    values.push(rv);
    indents.push(ri);
    numberFormats.push(rf);
  });
  const grid: GridInput = { sheet: ws.name, values, origin: { row: 0, col: 0 }, merges: mergesOf(ws) };
  if (anyIndent) grid.indents = indents;
  if (anyFormat) grid.numberFormats = numberFormats;
  const state = ws.state ?? "visible";
  return { grid, state, hidden: state !== "visible", cells };
}

function describeZipError(e: unknown): InputError {
  const detail = e instanceof Error ? e.message : String(e);
  return new InputError(
    "corrupt",
    `文件已损坏或不完整，无法作为 .xlsx 打开（${detail}）`,
    `the file is corrupt or truncated and cannot be opened as .xlsx (${detail})`,
  );
}

/** Load a workbook and convert every worksheet (hidden ones too). */
export async function readWorkbook(file: string, maxCells = MAX_CELLS_PER_SHEET): Promise<ReadResult> {
  sniffXlsx(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (e) {
    throw describeZipError(e);
  }
  const sheets: SheetGrid[] = [];
  for (const ws of workbook.worksheets) sheets.push(worksheetToGrid(ws, maxCells));
  return { workbook, sheets };
}
