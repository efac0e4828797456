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
import { DEFAULT_MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, ZipRefusal, guardZip } from "./zip-guard";

/** Most non-empty cells a sheet may hold before the reader refuses it. */
export const MAX_CELLS_PER_SHEET = 2_000_000;
/**
 * Most cells a whole workbook may hold, counted by the zip guard before exceljs loads anything: cell elements
 * (formatted blanks too), row elements and the cells of merged areas, which exceljs each turns into an object.
 */
export const MAX_CELLS_PER_WORKBOOK = 2_000_000;

/**
 * What an untrusted file may cost before it is refused. `--max-cells` sets `maxCells` and `maxCellsPerSheet`,
 * `--max-unzipped-mb` sets `maxUnzippedBytes`.
 */
export interface ReadLimits {
  /** Budget for the uncompressed size of the whole package (zip entries inflated, never trusted). */
  maxUnzippedBytes: number;
  /** Most zip entries. */
  maxEntries: number;
  /** Most cells in the whole workbook (cells, rows and merged cells, counted before loading). */
  maxCells: number;
  /** Most non-empty cells in one sheet. */
  maxCellsPerSheet: number;
}

export const DEFAULT_LIMITS: Readonly<ReadLimits> = {
  maxUnzippedBytes: DEFAULT_MAX_UNZIPPED_BYTES,
  maxEntries: MAX_ZIP_ENTRIES,
  maxCells: MAX_CELLS_PER_WORKBOOK,
  maxCellsPerSheet: MAX_CELLS_PER_SHEET,
};

export type InputErrorKind =
  | "not-found"
  | "not-a-file"
  | "not-xlsx"
  | "legacy-xls"
  | "encrypted"
  | "corrupt"
  | "too-large"
  | "zip-bomb"
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

function tooLarge(sheet: string, limit: number): InputError {
  const n = limit.toLocaleString("en-US");
  return new InputError(
    "too-large",
    `工作表“${sheet}”的非空单元格超过 ${n} 个，拒绝检查；可用 --max-cells 调整`,
    `sheet "${sheet}" has more than ${n} non-empty cells; refused; raise the limit with --max-cells`,
  );
}

/** Gaps longer than this many empty rows share EMPTY_ROW. */
const LONG_GAP = 256;
const EMPTY_ROW: never[] = Object.freeze([]) as unknown as never[];

/**
 * One worksheet → GridInput with origin {0,0}: `values[r][c]` is Excel row r+1, column c+1. Merged
 * copies are left blank (the master holds the value); indents and number formats are given for every
 * cell that has a value or a style. Rows inside a gap of more than 256 empty rows are one shared, frozen empty
 * array: copy a row before changing it.
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
      if (value !== null && value !== "" && ++cells > maxCells) throw tooLarge(ws.name, maxCells);
    });
    if (rv.length === 0) return;
    // A long run of empty rows (a stray cell in row 1,048,576) shares one frozen empty row instead of a fresh
    // array per row in each of the three grids: 3 million arrays cost about 170 MB and a second to make.
    if (r - values.length > LONG_GAP) {
      const from = values.length;
      for (const grid of [values, indents, numberFormats] as unknown[][]) {
        grid.length = r;
        grid.fill(EMPTY_ROW, from, r);
      }
    }
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

/** exceljs (JSZip, saxes) failures → one clear line; the detail is kept short and free of stack traces. */
export function describeReadError(e: unknown): InputError {
  const detail = (e instanceof Error ? e.message : String(e)).split("\n")[0].slice(0, 200);
  const xml = /^(\d+):(\d+): (.*)$/.exec(detail);
  if (xml) {
    return new InputError(
      "corrupt",
      `文件已损坏：其中的 XML 有错误（第 ${xml[1]} 行第 ${xml[2]} 列：${xml[3]}），无法作为 .xlsx 打开`,
      `the file is corrupt: its XML is malformed (line ${xml[1]}, column ${xml[2]}: ${xml[3]}) and it cannot be opened as .xlsx`,
    );
  }
  if (detail === "Invalid row number in model") {
    return new InputError(
      "corrupt",
      "工作表中有缺少行号（r 属性）的行，无法读取；请用 Excel 打开后另存为 .xlsx",
      "a worksheet has rows without row numbers (r attributes) and cannot be read; open it in Excel and save it as .xlsx",
    );
  }
  if (/setting 'sheetNo'/.test(detail)) {
    // A worksheet part that exceljs could not parse (cut off, or written with namespace prefixes) leaves the
    // workbook pointing at a sheet that does not exist.
    return new InputError(
      "corrupt",
      "文件已损坏或结构不受支持：有工作表的内容无法读取（不完整，或使用了不支持的写法）；请用 Excel 打开后另存为 .xlsx",
      "the file is corrupt or laid out in a way that cannot be read: a worksheet's content could not be parsed (cut off, or written in an unsupported form); open it in Excel and save it as .xlsx",
    );
  }
  if (e instanceof TypeError || e instanceof RangeError) {
    // exceljs met a part it could not make sense of (truncated or unusual XML) and failed inside itself.
    return new InputError(
      "corrupt",
      `文件已损坏或结构不受支持，无法读取工作簿内容（${detail}）；请用 Excel 打开后另存为 .xlsx`,
      `the file is corrupt or laid out in a way that cannot be read (${detail}); open it in Excel and save it as .xlsx`,
    );
  }
  return new InputError(
    "corrupt",
    `文件已损坏或不完整，无法作为 .xlsx 打开（${detail}）`,
    `the file is corrupt or truncated and cannot be opened as .xlsx (${detail})`,
  );
}

/** Limits from a partial set (a number is the per-sheet cell cap, as before limits were a set). */
export function resolveLimits(limits: number | Partial<ReadLimits> = {}): ReadLimits {
  if (typeof limits === "number") return { ...DEFAULT_LIMITS, maxCellsPerSheet: limits };
  const out: ReadLimits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ReadLimits)[]) {
    const v = limits[key];
    if (typeof v === "number" && v > 0) out[key] = v;
  }
  return out;
}

/**
 * Load a workbook and convert every worksheet (hidden ones too). Before exceljs sees the file, the zip guard
 * (./zip-guard) checks it against the limits; `limits` defaults to DEFAULT_LIMITS.
 */
export async function readWorkbook(file: string, limits: number | Partial<ReadLimits> = {}): Promise<ReadResult> {
  const lim = resolveLimits(limits);
  sniffXlsx(file);
  try {
    await guardZip(file, { maxUnzippedBytes: lim.maxUnzippedBytes, maxEntries: lim.maxEntries, maxCells: lim.maxCells });
  } catch (e) {
    if (e instanceof ZipRefusal) throw new InputError(e.kind, e.message, e.messageEn);
    throw describeReadError(e);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (e) {
    throw describeReadError(e);
  }
  // The workbook-wide cell limit was applied by the guard, before loading (cells, rows and merged areas).
  const sheets: SheetGrid[] = [];
  for (const ws of workbook.worksheets) sheets.push(worksheetToGrid(ws, lim.maxCellsPerSheet));
  return { workbook, sheets };
}

/**
 * Characters exceljs cannot write as they are: XML 1.0 has no place for most C0 controls, CR is read back as LF,
 * lone surrogates become U+FFFD in UTF-8, and a literal `_xHHHH_` would be read back as the character it names.
 * exceljs drops the controls silently, so a copy (--annotate, --fix, convert) would change cells it never announced.
 */
// eslint-disable-next-line no-control-regex
const XML_UNSAFE = /_x[0-9A-Fa-f]{4}_|[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * `text` in Excel's own escaped form for shared strings (`_x001B_` for ESC, `_x005F_` for the underscore of a literal
 * `_xHHHH_`), which Excel and exceljs decode on reading; text with nothing to escape is returned as it is.
 */
export function escapeXmlText(text: string): string {
  XML_UNSAFE.lastIndex = 0;
  if (!XML_UNSAFE.test(text)) return text;
  return text.replace(XML_UNSAFE, (m) =>
    m.length > 1 ? `_x005F_${m.slice(1)}` : `_x${m.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

/**
 * Run `write` (a save of `wb`) with every text cell of every sheet in its escaped form (escapeXmlText), then put
 * the values back, so the saved file reads back with exactly the text the workbook held.
 */
export async function withXmlSafeText<T>(wb: ExcelJS.Workbook, write: () => Promise<T>): Promise<T> {
  const restore: (() => void)[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const v = cell.value;
        if (typeof v === "string") {
          const safe = escapeXmlText(v);
          if (safe !== v) {
            cell.value = safe;
            restore.push(() => (cell.value = v));
          }
        } else if (v && typeof v === "object" && "richText" in v && Array.isArray(v.richText)) {
          const runs = v.richText.map((r) => ({ ...r, text: escapeXmlText(r.text) }));
          if (runs.some((r, i) => r.text !== v.richText[i].text)) {
            cell.value = { ...v, richText: runs };
            restore.push(() => (cell.value = v));
          }
        } else if (v && typeof v === "object" && "hyperlink" in v && typeof v.text === "string") {
          const safe = escapeXmlText(v.text);
          if (safe !== v.text) {
            cell.value = { ...v, text: safe };
            restore.push(() => (cell.value = v));
          }
        }
      }),
    );
  }
  try {
    return await write();
  } finally {
    for (let i = restore.length - 1; i >= 0; i--) restore[i]();
  }
}
