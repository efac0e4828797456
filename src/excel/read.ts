/**
 * Reading a sheet for the engine: the used range's values and number formats, the indent levels of its leading
 * columns, its merged areas (ExcelApi 1.13), its protection and the conditional formats already on it.
 *
 * Everything is queued in ONE context.sync(). When the response would exceed the host's payload limit
 * (Excel on the web: 5 MB, ResponsePayloadSizeLimitExceeded), or the used range holds more cells than a read may
 * (5,000,000 on every platform: `values` then reads as null instead of failing, as the Excel performance
 * article warns), the sheet is read again in row blocks, one sync per block, the block size chosen from the
 * bytes of the blocks already read and never above the cell limit.
 */
import { findHeader, finish, parseA1, type CellValue, type GridInput, type MergedArea, type Slicer, type Steps } from "../core";
import { hostError, isPayloadError, officeCode } from "./errors";

/** Leading columns whose indent levels are read (the name column is one of them in every known layout). */
export const INDENT_COLUMNS = 2;
/** Rows of the first block when a sheet has to be read in blocks. */
export const FIRST_BLOCK_ROWS = 200;
/** Aim of a block's response size; halved whenever a block is still too large. */
export const BLOCK_TARGET_BYTES = 2_000_000;
/** Cells one range read may hold (learn.microsoft.com: "a range is limited to five million cells for get operations"). */
export const CELL_READ_LIMIT = 5_000_000;

export type Sync = () => Promise<void>;

/** A conditional format found on the sheet (the user's or the add-in's). */
export interface ExistingFormat {
  id: string;
  type: string;
  /** Sheet-wide priority (0 = highest). */
  priority: number;
  stopIfTrue: boolean | null;
  /** Custom formats only; null otherwise. */
  formula: string | null;
  fill: string | null;
  font: string | null;
}

export interface SheetRead {
  /** The sheet's name (read with it, so that the active sheet can be read without knowing its name). */
  sheet: string;
  grid: GridInput;
  /** Rows of the used range. */
  rows: number;
  protected: boolean;
  /**
   * Every conditional format on the sheet, as loaded; null when Excel could not list them (some workbooks'
   * own rules make that load fail) and the sheet was read without them: the add-in then does not write marks.
   */
  formats: ExistingFormat[] | null;
}

export const FORMAT_LOAD = [
  "items/id",
  "items/type",
  "items/priority",
  "items/stopIfTrue",
  "items/customOrNullObject/rule/formula",
  "items/customOrNullObject/format/fill/color",
  "items/customOrNullObject/format/font/color",
].join(",");

/** Queue loading every conditional format of the sheet. */
export function queueFormats(ws: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const cfs = ws.getRange().conditionalFormats;
  cfs.load(FORMAT_LOAD);
  return cfs;
}

export function takeFormats(cfs: Excel.ConditionalFormatCollection): ExistingFormat[] {
  return cfs.items.map((cf) => {
    const custom = cf.customOrNullObject;
    const isCustom = !custom.isNullObject;
    return {
      id: cf.id,
      type: cf.type,
      priority: cf.priority,
      stopIfTrue: cf.stopIfTrue ?? null,
      formula: isCustom ? (custom.rule.formula ?? null) : null,
      fill: isCustom ? (custom.format.fill.color ?? null) : null,
      font: isCustom ? (custom.format.font.color ?? null) : null,
    };
  });
}

/** "Sheet1!A1:G1, 'My sheet'!A2" → 0-based areas (sheet prefixes dropped; whole rows/columns skipped). */
export function parseAreas(address: string): MergedArea[] {
  const bare = address.replace(/'(?:[^']|'')*'!/g, "").replace(/[^,'!]+!/g, "");
  const out: MergedArea[] = [];
  for (const part of bare.split(/[,;]/)) {
    const [a, b] = part.trim().split(":");
    const p = a ? parseA1(a) : null;
    const q = b ? parseA1(b) : p;
    if (!p || !q) continue;
    out.push({ top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) });
  }
  return out;
}

/** UTF-8 bytes of a value's JSON (what it costs in a response). */
export function jsonBytes(v: unknown): number {
  return utf8Bytes(JSON.stringify(v) ?? "");
}

function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}

/** Rows converted (or measured) between two checkpoints when a read is assembled in slices. */
const ROWS_PER_STEP = 256;

/**
 * `jsonBytes(rows)` of an array of rows, in steps: an array's JSON is `[` + its elements' JSON joined by `,` +
 * `]`, so the sum over the rows plus the brackets and commas is the same number.
 */
export function* rowsJsonBytes(rows: readonly unknown[]): Steps<number> {
  if (!Array.isArray(rows)) return jsonBytes(rows);
  let n = 2 + Math.max(0, rows.length - 1);
  for (let r = 0; r < rows.length; r++) {
    // An element JSON cannot show (undefined, a function) is written as null inside an array.
    n += utf8Bytes(JSON.stringify(rows[r]) ?? "null");
    if ((r + 1) % ROWS_PER_STEP === 0) yield "host";
  }
  return n;
}

const INDENT_OPTIONS: Excel.CellPropertiesLoadOptions = { format: { indentLevel: true } };

interface Meta {
  ws: Excel.Worksheet;
  used: Excel.Range;
  protection: Excel.WorksheetProtection;
  formats: Excel.ConditionalFormatCollection | null;
  merged: Excel.RangeAreas | null;
}

/** The named sheet, or the active one when `sheet` is null. */
function worksheetOf(ctx: Excel.RequestContext, sheet: string | null): Excel.Worksheet {
  return sheet === null ? ctx.workbook.worksheets.getActiveWorksheet() : ctx.workbook.worksheets.getItem(sheet);
}

function queueMeta(ws: Excel.Worksheet, merges: boolean, formats: boolean): Meta {
  ws.load("name");
  const used = ws.getUsedRange(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  ws.protection.load("protected");
  const merged = merges ? used.getMergedAreasOrNullObject() : null;
  merged?.load("address");
  return { ws, used, protection: ws.protection, formats: formats ? queueFormats(ws) : null, merged };
}

interface Block {
  values: unknown[][];
  formats: string[][];
  indents: Excel.CellProperties[][];
}

function toCell(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

class GridBuilder {
  readonly values: CellValue[][] = [];
  readonly numberFormats: (string | null)[][] = [];
  readonly indents: (number | null)[][] = [];
  private anyFormat = false;
  private anyIndent = false;

  /** Convert `rows` rows of a block, in steps of a few hundred rows. */
  *add(b: Block, rows: number): Steps<void> {
    for (let r = 0; r < rows; r++) {
      if (r > 0 && r % ROWS_PER_STEP === 0) yield "host";
      const vs = b.values[r] ?? [];
      const row: CellValue[] = new Array<CellValue>(vs.length);
      for (let c = 0; c < vs.length; c++) row[c] = toCell(vs[c]);
      this.values.push(row);
      const fs = b.formats[r] ?? [];
      const frow: (string | null)[] = new Array<string | null>(fs.length);
      for (let c = 0; c < fs.length; c++) {
        const f = fs[c];
        frow[c] = typeof f === "string" && f !== "General" ? f : null;
        if (frow[c] !== null) this.anyFormat = true;
      }
      this.numberFormats.push(frow);
      const irow = (b.indents[r] ?? []).map((p) => {
        const n = p?.format?.indentLevel;
        return typeof n === "number" && n > 0 ? n : null;
      });
      if (irow.some((n) => n !== null)) this.anyIndent = true;
      this.indents.push(irow);
    }
  }

  grid(sheet: string, origin: { row: number; col: number }, merges: MergedArea[]): GridInput {
    const g: GridInput = { sheet, values: this.values, origin, merges };
    if (this.anyFormat) g.numberFormats = this.numberFormats;
    if (this.anyIndent) g.indents = this.indents;
    return g;
  }
}

function finishRead(meta: Meta, builder: GridBuilder): SheetRead {
  const merged = meta.merged && !meta.merged.isNullObject ? parseAreas(meta.merged.address) : [];
  const used = meta.used;
  return {
    sheet: meta.ws.name,
    grid: builder.grid(meta.ws.name, { row: used.rowIndex, col: used.columnIndex }, merged),
    rows: used.rowCount,
    protected: meta.protection.protected,
    formats: meta.formats ? takeFormats(meta.formats) : null,
  };
}

export interface ReadOptions {
  /** Read merged areas (needs ExcelApi 1.13). */
  merges: boolean;
  sync: Sync;
  /**
   * Assemble the grid in slices, giving control back when one has run its budget (a check of a large sheet);
   * without it the grid is assembled at once.
   */
  slicer?: Slicer;
  /** Load the sheet's conditional formats too (default true). */
  formats?: boolean;
}

/**
 * Errors after which the read is tried once more without the conditional formats: Excel has known bugs listing
 * some users' own rules (office-js issues #5222, #6827, #6835), and a check must not fail because of them.
 * Not for errors that would fail the second read the same way (no sheet, cell editing, payload, busy host).
 */
function mayBeFormatLoad(e: unknown): boolean {
  const code = officeCode(e);
  return code === null || ["GeneralException", "InvalidArgument", "InvalidOperation", "InvalidReference", "InvalidBinding"].includes(code);
}

/**
 * Read one sheet (the active one when `sheet` is null): one sync when it fits the payload limit, else 2 + one per
 * row block.
 */
export async function readSheet(ctx: Excel.RequestContext, sheet: string | null, o: ReadOptions): Promise<SheetRead> {
  const ws = worksheetOf(ctx, sheet);
  const meta = queueMeta(ws, o.merges, o.formats !== false);
  meta.used.load("values,numberFormat");
  const indents = meta.used.getColumn(0).getResizedRange(0, INDENT_COLUMNS - 1).getCellProperties(INDENT_OPTIONS);
  try {
    await o.sync();
  } catch (e) {
    if (isPayloadError(e)) return readInBlocks(ctx, sheet, o);
    if (o.formats !== false && mayBeFormatLoad(e)) return readSheet(ctx, sheet, { ...o, formats: false });
    throw e;
  }
  // Over 5,000,000 cells `values` may read as null rather than fail: read in blocks then too.
  if (!Array.isArray(meta.used.values) || !Array.isArray(meta.used.numberFormat)) return readInBlocks(ctx, sheet, o);
  const builder = new GridBuilder();
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- loaded above and synced through the counting wrapper o.sync(), which the rule cannot follow
  await steps(o, builder.add({ values: meta.used.values, formats: meta.used.numberFormat, indents: indents.value }, meta.used.rowCount));
  return finishRead(meta, builder);
}

/**
 * `sync` as seen by sliced work: a slice ends when the add-in starts waiting for Excel and a new one starts
 * when Excel has answered (the round trip is not the add-in's work).
 */
export function slicedSync(sync: Sync, slicer: Slicer): Sync {
  return async () => {
    slicer.end();
    try {
      await sync();
    } finally {
      slicer.begin();
    }
  };
}

/** Run stepped work in the read's slicer, or at once without one. */
function steps<T>(o: ReadOptions, work: Steps<T>): T | Promise<T> {
  return o.slicer ? o.slicer.run(work) : finish(work);
}

/** Past this many cells in the used range (a stray value in XFD1048576, say), the read is narrowed first. */
export const NARROW_READ_CELLS = 5_000_000;
/** Columns searched for the header when narrowing. */
export const HEADER_SCAN_COLUMNS = 256;

interface Rect {
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
}

/**
 * The part of a huge used range that can hold the table: the header is looked for in the top rows of the first
 * HEADER_SCAN_COLUMNS columns; then only the header's columns (one spare) are kept, down to the last row that has
 * a value in them. 2 syncs. Values outside (a note typed far to the right) are not read: no finding can be there.
 */
async function narrow(ws: Excel.Worksheet, used: Rect, o: ReadOptions): Promise<Rect> {
  const topRows = Math.min(FIRST_BLOCK_ROWS, used.rowCount);
  const top = ws.getRangeByIndexes(used.rowIndex, used.columnIndex, topRows, Math.min(HEADER_SCAN_COLUMNS, used.columnCount));
  top.load("values");
  await o.sync();
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- loaded above and synced through the counting wrapper o.sync(), which the rule cannot follow
  const values = (top.values ?? []).map((row) => row.map(toCell));
  const header = findHeader({ sheet: "", values, origin: { row: used.rowIndex, col: used.columnIndex } });
  // The header's last column; without a header, the last column used in the rows looked at.
  let last = used.columnIndex;
  if (header) {
    for (const c of Object.values(header.columns)) if (typeof c === "number" && c > last) last = c;
  } else {
    for (const row of values) {
      let c = row.length - 1;
      while (c >= 0 && row[c] === null) c--;
      if (c >= 0) last = Math.max(last, used.columnIndex + c);
    }
  }
  const columnCount = Math.min(used.columnCount, last - used.columnIndex + 2);
  const within = ws.getRangeByIndexes(used.rowIndex, used.columnIndex, used.rowCount, columnCount).getUsedRangeOrNullObject(true);
  within.load("rowIndex,rowCount");
  await o.sync();
  // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- loaded above and synced through the counting wrapper o.sync(), which the rule cannot follow
  const rowCount = within.isNullObject ? topRows : Math.max(topRows, within.rowIndex + within.rowCount - used.rowIndex);
  return { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount, columnCount };
}

async function readInBlocks(ctx: Excel.RequestContext, sheet: string | null, o: ReadOptions): Promise<SheetRead> {
  const ws = worksheetOf(ctx, sheet);
  const meta = queueMeta(ws, o.merges, o.formats !== false);
  await o.sync();
  const used: Rect = meta.used;
  const { rowIndex, columnIndex, rowCount, columnCount } = used.rowCount * used.columnCount > NARROW_READ_CELLS ? await narrow(ws, used, o) : used;
  const builder = new GridBuilder();
  let target = BLOCK_TARGET_BYTES;
  const maxRows = Math.max(1, Math.floor(CELL_READ_LIMIT / columnCount));
  let size = Math.min(FIRST_BLOCK_ROWS, rowCount);
  for (let r = 0; r < rowCount; ) {
    const n = Math.min(size, maxRows, rowCount - r);
    const range = ws.getRangeByIndexes(rowIndex + r, columnIndex, n, columnCount);
    range.load("values,numberFormat");
    const indents = ws
      .getRangeByIndexes(rowIndex + r, columnIndex, n, Math.min(INDENT_COLUMNS, columnCount))
      .getCellProperties(INDENT_OPTIONS);
    try {
      await o.sync();
    } catch (e) {
      if (!isPayloadError(e) || n === 1) throw e;
      target = Math.max(1, Math.floor(target / 2));
      size = Math.max(1, Math.floor(n / 2));
      continue;
    }
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load, office-addins/load-object-before-read -- loaded above and synced through the counting wrapper o.sync(), which the rule cannot follow
    const block: Block = { values: range.values, formats: range.numberFormat, indents: indents.value };
    if (!Array.isArray(block.values) || !Array.isArray(block.formats) || !Array.isArray(block.indents)) {
      // Read as null: more cells than the host returns at once. Halve, as for a payload error.
      if (n === 1) throw hostError("tooLarge", { sheet: ws.name });
      size = Math.max(1, Math.floor(n / 2));
      continue;
    }
    await steps(o, builder.add(block, n));
    const bytes = (await steps(o, rowsJsonBytes(block.values))) + (await steps(o, rowsJsonBytes(block.formats))) + (await steps(o, rowsJsonBytes(block.indents)));
    const perRow = Math.max(1, bytes / n);
    size = Math.max(1, Math.floor(target / perRow));
    r += n;
  }
  return finishRead(meta, builder);
}
