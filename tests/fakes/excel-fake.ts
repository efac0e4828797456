/**
 * An honest in-memory fake of the part of the Excel JavaScript API (and of `Office.context`) that the adapter in
 * src/excel/ uses, backed by a grid of cells. It models what makes real Office.js hard to get right:
 *
 * - ClientObject objects: properties throw `PropertyNotLoaded` until they were loaded *and* a `context.sync()` returned.
 * - Batches: calls are queued and run in order at `context.sync()`. Syncs are NOT transactional: when an operation
 *   fails, the operations queued before it have taken effect and the ones after it have not; loaded values of a
 *   failed sync are never delivered.
 * - Errors shaped like `OfficeExtension.Error` (name, code, message, debugInfo): `AccessDenied` for any write on
 *   a protected sheet, `ItemNotFound`, `InvalidArgument`, `ApiNotFound` for a method of a newer API set than the configured one, `InvalidOperationInCellEditMode` while
 *   the user edits a cell (unless the run asked `delayForCellEdit`, which then waits), and
 *   `ResponsePayloadSizeLimitExceeded` when the values loaded in one sync exceed the payload limit (UTF-8 bytes of
 *   their JSON; 5 MB by default, as Excel on the web).
 * - Limits that fail silently, as documented: a `getRange`/`getRanges` address over 8,192 characters is cut to its
 *   first 8,192 characters (learn.microsoft.com, Excel add-ins troubleshooting, "Range return character limit"), and
 *   `values`/`numberFormat` of a range over 5,000,000 cells read as null (Excel performance, "Payload size limit
 *   best practices").
 * - A conditional format's `priority` is its index in the collection it was reached through (a range's
 *   collection holds only the formats that intersect the range), as the API reference says; `add` puts the new
 *   format at the top of the sheet.
 * - An injectable failure at the Nth operation of a sync.
 * - Values written are taken as typed in a cell: a string starting with "=" is a formula (a few simple ones are
 *   evaluated, any other reads as #NAME?), "+x", "-x" and "@x" likewise, numbers, percentages, dates and TRUE/FALSE
 *   written as text become numbers/booleans (and a General cell gets the matching number format), and a leading
 *   apostrophe keeps the rest as text (quote prefix), as in Excel. A cell formatted as text ("@") keeps the string.
 * - Structural edits: whole rows inserted (shift down: the new rows copy the formats of the row above, merged
 *   areas and conditional format ranges that span the insertion point grow, those below move) and deleted (shift
 *   up: areas shrink, vanish when entirely deleted; a merged area left with one cell is no longer merged), merge
 *   (only the top-left value is kept) and unmerge, worksheets added and deleted. A protected sheet refuses them
 *   (AccessDenied), a protected workbook refuses adding and deleting sheets.
 * - The selection per sheet (getActiveCell, getSelectedRange), `state.simulateSelect` for the user moving it, and
 *   events fired after the sync that caused them: Worksheet/WorksheetCollection onChanged (value writes, row
 *   inserts and deletes, user edits) and onSelectionChanged (Range.select, simulateSelect).
 *
 * It records every sync (with its operations), every value or format write, every conditional format added or
 * deleted, activations and selections, and renders each cell's effective look (its own fill/font/borders overlaid
 * by the custom conditional formats in priority order), so tests can prove that clearing restores the exact
 * previous look. Custom formulas are evaluated only as far as the add-in needs: `=TRUE`, `=FALSE` and
 * `=LEN("text")>0`; any other formula is taken as true.
 *
 * No Node imports: a later issue bundles this file into a real browser page.
 */

// ---------------------------------------------------------------------------------------------
// Public init types
// ---------------------------------------------------------------------------------------------

export type FakeValue = string | number | boolean;
export type Visibility = "Visible" | "Hidden" | "VeryHidden";

/** The user's own formatting of a cell (colors as "#RRGGBB"; borders as any description, e.g. "thin"). */
export interface CellFormat {
  fill?: string | null;
  font?: string | null;
  borders?: string | null;
}

export interface FakeConditionalFormatInit {
  /** "Custom" (default), "DataBar", "ColorScale"… Only custom formats are rendered in looks. */
  type?: string;
  /** A1 ranges, comma separated: "B4:B10, D4". */
  ranges: string;
  formula?: string;
  fill?: string | null;
  font?: string | null;
  stopIfTrue?: boolean;
}

export interface FakeSheetInit {
  name: string;
  /** Excel-style values: "" for an empty cell, error cells as "#REF!" strings, dates as serial numbers. */
  values: (FakeValue | null | undefined)[][];
  /** 0-based sheet coordinates of values[0][0] (default A1). */
  origin?: { row: number; col: number };
  /** Same shape as values; missing = "General". */
  numberFormats?: (string | null | undefined)[][];
  /** Same shape as values; missing = 0. */
  indents?: (number | null | undefined)[][];
  /** Merged areas as A1 ranges ("A1:G1"). */
  merges?: string[];
  /** The user's formats, keyed by A1 cell or range ("A3:G10"). Applied in key order. */
  formats?: Record<string, CellFormat>;
  /** The user's own conditional formats, highest priority first. */
  conditionalFormats?: FakeConditionalFormatInit[];
  /** Formulas keyed by A1 cell ("=SUM(B5:E5)"); `values` holds their results. */
  formulas?: Record<string, string>;
  protected?: boolean;
  visibility?: Visibility;
}

export interface FakeTheme {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
  controlBackgroundColor: string;
  controlForegroundColor: string;
}

export interface FakeWorkbookInit {
  sheets: FakeSheetInit[];
  /** Default: the first visible sheet. */
  activeSheet?: string;
  /** Office.context.displayLanguage (default "zh-CN"). */
  displayLanguage?: string;
  /** Office.context.officeTheme: "light", "dark", explicit colors, or null for a host without it. */
  theme?: "light" | "dark" | FakeTheme | null;
  /** Highest ExcelApi version the host supports (default "1.17"). */
  apiVersion?: string;
  /** Response payload limit per sync in bytes (default 5 MB, Excel on the web; Infinity for desktop Excel). */
  payloadLimitBytes?: number;
  /** Cells above which a range's values/numberFormat read as null (default 5,000,000, every platform). */
  cellReadLimit?: number;
  /** Document settings already saved in the workbook. */
  settings?: Record<string, unknown>;
  /** The workbook's structure is protected: sheets cannot be added or deleted. */
  workbookProtected?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Geometry and addresses
// ---------------------------------------------------------------------------------------------

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
/** Longest address string `worksheet.getRange(s)` takes; a longer one is silently cut to this length. */
export const GET_RANGES_ADDRESS_LIMIT = 8192;
/** Cells a range read may hold; beyond, `values` and `numberFormat` read as null. */
export const CELL_READ_LIMIT = 5_000_000;

/** 0-based, `rows`×`cols` cells from (top, left). */
export interface Rect {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export function columnName(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function columnIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

export function cellName(row: number, col: number): string {
  return columnName(col) + String(row + 1);
}

export function rectName(r: Rect): string {
  const first = cellName(r.top, r.left);
  return r.rows === 1 && r.cols === 1 ? first : `${first}:${cellName(r.top + r.rows - 1, r.left + r.cols - 1)}`;
}

/** "B3", "B3:D9", "$B$3", "A:C", "3:5" → Rect; null when it is none of these. */
export function parseArea(text: string): Rect | null {
  const t = text.trim().replace(/\$/g, "").toUpperCase();
  let m = /^([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?$/.exec(t);
  if (m) {
    const r1 = Number(m[2]) - 1;
    const c1 = columnIndex(m[1]);
    const r2 = m[4] ? Number(m[4]) - 1 : r1;
    const c2 = m[3] ? columnIndex(m[3]) : c1;
    return normalize(r1, c1, r2, c2);
  }
  m = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(t);
  if (m) return normalize(0, columnIndex(m[1]), MAX_ROWS - 1, columnIndex(m[2]));
  m = /^(\d{1,7}):(\d{1,7})$/.exec(t);
  if (m) return normalize(Number(m[1]) - 1, 0, Number(m[2]) - 1, MAX_COLS - 1);
  return null;
}

function normalize(r1: number, c1: number, r2: number, c2: number): Rect | null {
  const top = Math.min(r1, r2);
  const left = Math.min(c1, c2);
  const bottom = Math.max(r1, r2);
  const right = Math.max(c1, c2);
  if (top < 0 || left < 0 || bottom >= MAX_ROWS || right >= MAX_COLS) return null;
  return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}

function contains(r: Rect, row: number, col: number): boolean {
  return row >= r.top && row < r.top + r.rows && col >= r.left && col < r.left + r.cols;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.top < b.top + b.rows && b.top < a.top + a.rows && a.left < b.left + b.cols && b.left < a.left + a.cols;
}

/** The sheet name as Excel writes it in an address (quoted when it holds anything but letters, digits, _ and .). */
function sheetRef(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function versionAtLeast(have: string, need: string): boolean {
  const a = have.split(".").map(Number);
  const b = need.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/** UTF-8 length of a string without allocating. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function jsonBytes(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? "null");
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

export const ErrorCodes = {
  accessDenied: "AccessDenied",
  apiNotFound: "ApiNotFound",
  generalException: "GeneralException",
  invalidArgument: "InvalidArgument",
  invalidOperation: "InvalidOperation",
  invalidOperationInCellEditMode: "InvalidOperationInCellEditMode",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  propertyNotLoaded: "PropertyNotLoaded",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  runMustReturnPromise: "RunMustReturnPromise",
} as const;

/** Shaped like OfficeExtension.Error. */
export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string; statement?: string };
  readonly traceMessages: string[] = [];
  readonly innerError: null = null;
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location, statement: location };
  }
}

function fail(code: string, message: string, location?: string): never {
  throw new FakeOfficeError(code, message, location);
}

// ---------------------------------------------------------------------------------------------
// Workbook state
// ---------------------------------------------------------------------------------------------

interface CellState {
  value: FakeValue;
  numberFormat: string;
  indent: number;
  format: CellFormat;
  /** The cell's formula ("=…"); `value` is its result. */
  formula?: string;
  /** Entered with a leading apostrophe: the value is text whatever it looks like. */
  quotePrefix?: boolean;
}

export interface CfState {
  id: string;
  type: string;
  sheet: SheetState;
  rects: Rect[];
  formula: string;
  fill: string | null;
  font: string | null;
  stopIfTrue: boolean;
  deleted: boolean;
}

type Handler = (args: unknown) => unknown;

export class SheetState {
  readonly cells = new Map<number, CellState>();
  merges: Rect[] = [];
  /** Conditional formats, highest priority first (index = priority). */
  cfs: CfState[] = [];
  readonly handlers = new Set<Handler>();
  /** Worksheet.onSelectionChanged handlers. */
  readonly selectionHandlers = new Set<Handler>();
  /** The sheet's selection (Excel keeps one per sheet); the active cell is its top-left cell. */
  selected: Rect = { top: 0, left: 0, rows: 1, cols: 1 };
  constructor(
    readonly id: string,
    public name: string,
    public visibility: Visibility,
    public protected_: boolean,
  ) {}

  static key(row: number, col: number): number {
    return row * MAX_COLS + col;
  }

  cell(row: number, col: number): CellState | undefined {
    return this.cells.get(SheetState.key(row, col));
  }

  /** The cell, created blank when missing. */
  own(row: number, col: number): CellState {
    const k = SheetState.key(row, col);
    let c = this.cells.get(k);
    if (!c) {
      c = { value: "", numberFormat: "General", indent: 0, format: {} };
      this.cells.set(k, c);
    }
    return c;
  }

  /** Bounding box of the cells holding a value (valuesOnly) or also any format; null when blank. */
  usedRect(valuesOnly: boolean): Rect | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [k, c] of this.cells) {
      const used =
        c.value !== "" ||
        (!valuesOnly && (c.numberFormat !== "General" || c.indent > 0 || !!c.format.fill || !!c.format.font || !!c.format.borders));
      if (!used) continue;
      const r = Math.floor(k / MAX_COLS);
      const col = k % MAX_COLS;
      if (r < top) top = r;
      if (r > bottom) bottom = r;
      if (col < left) left = col;
      if (col > right) right = col;
    }
    return bottom < 0 ? null : { top, left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  /** Whether a cell holds a value or a formula. */
  static filled(c: CellState | undefined): boolean {
    return !!c && (c.value !== "" || c.formula !== undefined);
  }

  /**
   * Insert `count` blank rows at `at`, shifting the rows below down. The new rows copy the formats of the row
   * above (Excel's default, "Format Same As Above"); merged areas and conditional format ranges that span the
   * insertion point grow, those below it move down.
   */
  insertRows(at: number, count: number): void {
    const moved = new Map<number, CellState>();
    const above: [number, CellState][] = [];
    for (const [k, c] of this.cells) {
      const r = Math.floor(k / MAX_COLS);
      const col = k % MAX_COLS;
      if (r >= at) moved.set(SheetState.key(r + count, col), c);
      else moved.set(k, c);
      if (r === at - 1) above.push([col, c]);
    }
    this.cells.clear();
    for (const [k, c] of moved) this.cells.set(k, c);
    for (const [col, c] of above) {
      const styled = c.numberFormat !== "General" || c.indent > 0 || !!c.format.fill || !!c.format.font || !!c.format.borders;
      if (!styled) continue;
      for (let r = at; r < at + count; r++) {
        this.cells.set(SheetState.key(r, col), { value: "", numberFormat: c.numberFormat, indent: c.indent, format: { ...c.format } });
      }
    }
    const grow = (x: Rect): Rect => {
      const bottom = x.top + x.rows - 1;
      if (x.top >= at) return { ...x, top: x.top + count };
      if (bottom >= at) return { ...x, rows: x.rows + count };
      return x;
    };
    this.merges = this.merges.map(grow);
    for (const cf of this.cfs) cf.rects = cf.rects.map(grow);
  }

  /**
   * Delete `count` rows from `at`, shifting the rows below up. Merged areas and conditional format ranges shrink
   * (and vanish when all their rows are deleted); a merged area left with a single cell is no longer merged.
   */
  deleteRows(at: number, count: number): void {
    const moved = new Map<number, CellState>();
    for (const [k, c] of this.cells) {
      const r = Math.floor(k / MAX_COLS);
      const col = k % MAX_COLS;
      if (r < at) moved.set(k, c);
      else if (r >= at + count) moved.set(SheetState.key(r - count, col), c);
    }
    this.cells.clear();
    for (const [k, c] of moved) this.cells.set(k, c);
    const shrink = (x: Rect): Rect | null => {
      const bottom = x.top + x.rows - 1;
      const top = x.top < at ? x.top : x.top >= at + count ? x.top - count : at;
      const last = bottom >= at + count ? bottom - count : bottom >= at ? at - 1 : bottom;
      return last < top ? null : { ...x, top, rows: last - top + 1 };
    };
    this.merges = this.merges.map(shrink).filter((m): m is Rect => m !== null && m.rows * m.cols > 1);
    for (const cf of this.cfs) {
      cf.rects = cf.rects.map(shrink).filter((r): r is Rect => r !== null);
      if (cf.rects.length === 0) cf.deleted = true;
    }
    this.cfs = this.cfs.filter((cf) => !cf.deleted);
  }

  /** Merge `rect` into one area. Returns the cells whose values the merge discarded (all but the top-left). */
  merge(rect: Rect): string[] {
    if (rect.rows * rect.cols === 1) return [];
    for (const m of this.merges) {
      const inside = m.top >= rect.top && m.left >= rect.left && m.top + m.rows <= rect.top + rect.rows && m.left + m.cols <= rect.left + rect.cols;
      if (intersects(m, rect) && !inside) fail(ErrorCodes.invalidOperation, `Cannot merge ${rectName(rect)}: it partly overlaps the merged area ${rectName(m)}.`, "Range.merge");
    }
    const cleared: string[] = [];
    for (let r = rect.top; r < rect.top + rect.rows; r++) {
      for (let c = rect.left; c < rect.left + rect.cols; c++) {
        if (r === rect.top && c === rect.left) continue;
        const cell = this.cell(r, c);
        if (SheetState.filled(cell)) {
          cleared.push(cellName(r, c));
          cell!.value = "";
          delete cell!.formula;
        }
      }
    }
    this.merges = this.merges.filter((m) => !intersects(m, rect));
    this.merges.push({ ...rect });
    return cleared;
  }

  unmerge(rect: Rect): void {
    this.merges = this.merges.filter((m) => !intersects(m, rect));
  }
}

export interface SyncRecord {
  /** 1-based over the life of the fake. */
  index: number;
  /** One label per operation, in order. */
  ops: string[];
  ok: boolean;
  /** Error code when the sync failed. */
  error?: string;
  /** Number of operations that ran (all of them when ok). */
  ran: number;
  /** True when the batch waited for the user to leave cell edit mode. */
  delayed: boolean;
  payloadBytes: number;
  /** True when the batch held at least one write. */
  writes: boolean;
}

export interface FakeLog {
  syncs: SyncRecord[];
  /** Excel.run calls. */
  runs: number;
  /** Operations queued but never synced (left when an Excel.run ended). */
  discardedOps: number;
  valueWrites: { sheet: string; address: string }[];
  formatWrites: { sheet: string; address: string; what: string }[];
  cfAdded: { sheet: string; id: string; address: string }[];
  cfDeleted: { sheet: string; id: string; formula: string }[];
  activations: string[];
  selections: { sheet: string; address: string }[];
  userEdits: { sheet: string; address: string }[];
  /** Row inserts and deletes, merges and unmerges, sheets added and deleted, in order. */
  structure: { sheet: string; op: "insertRows" | "deleteRows" | "merge" | "unmerge" | "addSheet" | "deleteSheet"; address: string }[];
  /** Cells whose value a merge discarded (Excel keeps only the top-left value). */
  mergeDiscarded: { sheet: string; cell: string }[];
}

/** One cell's whole state, for before/after comparisons. */
export interface CellSnapshot {
  value: FakeValue;
  formula?: string;
  quotePrefix?: boolean;
  numberFormat: string;
  indent: number;
  format: CellFormat;
}

/** Everything a sheet holds: cells (by A1, blank unformatted cells left out), merged areas, conditional formats. */
export interface SheetSnapshot {
  cells: Record<string, CellSnapshot>;
  merges: string[];
  conditionalFormats: CfSummary[];
  protected: boolean;
}

export interface Injection {
  /** 1-based operation of the sync that fails; the ones before it take effect. */
  op: number;
  code?: string;
  /** "write": the first sync holding a write (default); "any": the next sync. */
  when?: "write" | "any";
}

export interface CfSummary {
  id: string;
  type: string;
  priority: number;
  address: string;
  formula: string;
  fill: string | null;
  font: string | null;
  stopIfTrue: boolean;
}

export interface Look {
  fill: string | null;
  font: string | null;
  borders: string | null;
}

function evalFormula(formula: string): boolean {
  const f = formula.trim().toUpperCase();
  if (f === "=TRUE") return true;
  if (f === "=FALSE") return false;
  const m = /^=LEN\("((?:[^"]|"")*)"\)>0$/i.exec(formula.trim());
  if (m) return m[1].length > 0;
  return true;
}

export class FakeExcelState {
  readonly sheets: SheetState[] = [];
  activeSheetId: string;
  selection: { sheet: string; address: string } | null = null;
  apiVersion: string;
  payloadLimitBytes: number;
  cellReadLimit: number;
  displayLanguage: string;
  theme: FakeTheme | null;
  /** Settings as last saved with saveAsync (the document's copy). */
  savedSettings: Record<string, unknown>;
  /** When true, the next settings.saveAsync fails. */
  failNextSettingsSave = false;
  readonly log: FakeLog = {
    syncs: [],
    runs: 0,
    discardedOps: 0,
    valueWrites: [],
    formatWrites: [],
    cfAdded: [],
    cfDeleted: [],
    activations: [],
    selections: [],
    userEdits: [],
    structure: [],
    mergeDiscarded: [],
  };
  /** The structure of the workbook is protected (no sheet added or deleted). */
  workbookProtected: boolean;
  /** WorksheetCollection.onChanged / onSelectionChanged handlers. */
  readonly collectionHandlers = { changed: new Set<Handler>(), selectionChanged: new Set<Handler>() };
  private cellEdit = false;
  private cellEditWaiters: (() => void)[] = [];
  private injections: Injection[] = [];
  private nextId = 1;

  constructor(init: FakeWorkbookInit) {
    this.apiVersion = init.apiVersion ?? "1.17";
    this.payloadLimitBytes = init.payloadLimitBytes ?? 5 * 1024 * 1024;
    this.cellReadLimit = init.cellReadLimit ?? CELL_READ_LIMIT;
    this.displayLanguage = init.displayLanguage ?? "zh-CN";
    this.theme = resolveTheme(init.theme === undefined ? "light" : init.theme);
    this.savedSettings = JSON.parse(JSON.stringify(init.settings ?? {})) as Record<string, unknown>;
    this.workbookProtected = !!init.workbookProtected;
    for (const s of init.sheets) this.addSheet(s);
    const active = init.activeSheet
      ? this.sheetByName(init.activeSheet)
      : (this.sheets.find((s) => s.visibility === "Visible") ?? this.sheets[0]);
    if (!active) throw new Error("the fake workbook needs at least one sheet");
    this.activeSheetId = active.id;
  }

  newId(prefix: string): string {
    return `${prefix}{${String(this.nextId++).padStart(8, "0")}}`;
  }

  addSheet(init: FakeSheetInit): SheetState {
    if (this.sheetByName(init.name)) throw new Error(`duplicate sheet ${init.name}`);
    const s = new SheetState(this.newId("ws"), init.name, init.visibility ?? "Visible", !!init.protected);
    const or = init.origin?.row ?? 0;
    const oc = init.origin?.col ?? 0;
    init.values.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && v !== "" && (s.own(or + r, oc + c).value = v)));
    init.indents?.forEach((row, r) => row.forEach((v, c) => v && (s.own(or + r, oc + c).indent = v)));
    init.numberFormats?.forEach((row, r) => row.forEach((v, c) => v && (s.own(or + r, oc + c).numberFormat = v)));
    for (const [addr, formula] of Object.entries(init.formulas ?? {})) {
      const p = parseArea(addr);
      if (!p || !formula.startsWith("=")) throw new Error(`bad formula ${addr}: ${formula}`);
      s.own(p.top, p.left).formula = formula;
    }
    for (const m of init.merges ?? []) {
      const rect = parseArea(m);
      if (!rect) throw new Error(`bad merge ${m}`);
      s.merges.push(rect);
    }
    for (const [addr, fmt] of Object.entries(init.formats ?? {})) {
      const rect = parseArea(addr);
      if (!rect) throw new Error(`bad format range ${addr}`);
      for (let r = rect.top; r < rect.top + rect.rows; r++) {
        for (let c = rect.left; c < rect.left + rect.cols; c++) Object.assign(s.own(r, c).format, fmt);
      }
    }
    for (const cf of init.conditionalFormats ?? []) {
      const rects = splitAddress(cf.ranges).map((a) => {
        const rect = parseArea(a);
        if (!rect) throw new Error(`bad conditional format range ${a}`);
        return rect;
      });
      s.cfs.push({
        id: this.newId("cf"),
        type: cf.type ?? "Custom",
        sheet: s,
        rects,
        formula: cf.formula ?? "=TRUE",
        fill: cf.fill ?? null,
        font: cf.font ?? null,
        stopIfTrue: !!cf.stopIfTrue,
        deleted: false,
      });
    }
    this.sheets.push(s);
    return s;
  }

  sheetByName(name: string): SheetState | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheet(name: string): SheetState {
    const s = this.sheetByName(name);
    if (!s) throw new Error(`no sheet ${name} in the fake`);
    return s;
  }

  get activeSheet(): string {
    return this.sheets.find((s) => s.id === this.activeSheetId)!.name;
  }

  // ----- controls for tests -----------------------------------------------------------------

  setProtected(sheet: string, on: boolean): void {
    this.sheet(sheet).protected_ = on;
  }

  /** While on, syncs fail with InvalidOperationInCellEditMode, or wait when the run asked delayForCellEdit. */
  setCellEditMode(on: boolean): void {
    this.cellEdit = on;
    if (!on) {
      const waiters = this.cellEditWaiters;
      this.cellEditWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  get cellEditMode(): boolean {
    return this.cellEdit;
  }

  /** Queue a failure; several queue up and are consumed in order, each by the first sync it matches. */
  injectFailure(injection: Injection): void {
    this.injections.push({ when: "write", ...injection });
  }

  /** The injections not yet consumed. */
  get pendingInjections(): readonly Injection[] {
    return this.injections;
  }

  /** A user typing `value` into `address`: changes the cell and fires the sheet's onChanged handlers. */
  async simulateEdit(sheet: string, address: string, value: FakeValue): Promise<void> {
    const s = this.sheet(sheet);
    const rect = parseArea(address);
    if (!rect) throw new Error(`bad address ${address}`);
    for (let r = rect.top; r < rect.top + rect.rows; r++) {
      for (let c = rect.left; c < rect.left + rect.cols; c++) s.own(r, c).value = value;
    }
    this.log.userEdits.push({ sheet: s.name, address: rectName(rect) });
    await Promise.all(this.changedHandlers(s, rectName(rect), "RangeEdited").map((h) => h()));
  }

  /** The user selecting `address` on `sheet` (which becomes the active sheet): fires the selection events. */
  async simulateSelect(sheet: string, address: string): Promise<void> {
    const s = this.sheet(sheet);
    const rect = parseArea(address);
    if (!rect) throw new Error(`bad address ${address}`);
    this.activeSheetId = s.id;
    s.selected = rect;
    this.selection = { sheet: s.name, address: rectName(rect) };
    await Promise.all(this.selectionHandlers(s).map((h) => h()));
  }

  /** Calls of the onChanged handlers (the sheet's and the collection's) for a change of `address`. */
  changedHandlers(s: SheetState, address: string, changeType: string): (() => Promise<unknown>)[] {
    const args = { type: "WorksheetChanged", worksheetId: s.id, address, changeType, source: "Local", triggerSource: "Unknown" };
    return [...s.handlers, ...this.collectionHandlers.changed].map((h) => async () => h(args));
  }

  selectionHandlers(s: SheetState): (() => Promise<unknown>)[] {
    const args = { type: "WorksheetSelectionChanged", worksheetId: s.id, address: rectName(s.selected) };
    return [...s.selectionHandlers, ...this.collectionHandlers.selectionChanged].map((h) => async () => h(args));
  }

  /** Every cell's state, the merged areas and the conditional formats of a sheet. */
  snapshot(sheet: string): SheetSnapshot {
    const s = this.sheet(sheet);
    const cells: Record<string, CellSnapshot> = {};
    const keys = [...s.cells.keys()].sort((a, b) => a - b);
    for (const k of keys) {
      const c = s.cells.get(k)!;
      const format = Object.fromEntries(Object.entries(c.format).filter(([, v]) => v !== null && v !== undefined && v !== "")) as CellFormat;
      const blank = c.value === "" && c.formula === undefined && !c.quotePrefix && c.numberFormat === "General" && c.indent === 0 && Object.keys(format).length === 0;
      if (blank) continue;
      const snap: CellSnapshot = { value: c.value, numberFormat: c.numberFormat, indent: c.indent, format };
      if (c.formula !== undefined) snap.formula = c.formula;
      if (c.quotePrefix) snap.quotePrefix = true;
      cells[cellName(Math.floor(k / MAX_COLS), k % MAX_COLS)] = snap;
    }
    return { cells, merges: s.merges.map(rectName).sort(), conditionalFormats: this.conditionalFormats(sheet), protected: s.protected_ };
  }

  /** The formula of a cell, if any. */
  formula(sheet: string, address: string): string | null {
    const p = parseArea(address);
    if (!p) throw new Error(`bad address ${address}`);
    return this.sheet(sheet).cell(p.top, p.left)?.formula ?? null;
  }

  /** Merged areas of a sheet as A1 ranges, sorted. */
  mergesOf(sheet: string): string[] {
    return this.sheet(sheet).merges.map(rectName).sort();
  }

  value(sheet: string, address: string): FakeValue {
    const p = parseArea(address);
    if (!p) throw new Error(`bad address ${address}`);
    return this.sheet(sheet).cell(p.top, p.left)?.value ?? "";
  }

  /** Every cell value of a sheet (for "validation never writes" checks). */
  valuesOf(sheet: string): Map<number, FakeValue> {
    const out = new Map<number, FakeValue>();
    for (const [k, c] of this.sheet(sheet).cells) if (c.value !== "") out.set(k, c.value);
    return out;
  }

  conditionalFormats(sheet: string): CfSummary[] {
    return this.sheet(sheet).cfs.map((cf, priority) => ({
      id: cf.id,
      type: cf.type,
      priority,
      address: cf.rects.map(rectName).join(","),
      formula: cf.formula,
      fill: cf.fill,
      font: cf.font,
      stopIfTrue: cf.stopIfTrue,
    }));
  }

  /** What the user sees in a cell: own format overlaid by the custom conditional formats that apply. */
  look(sheet: string, address: string): Look {
    const p = parseArea(address);
    if (!p) throw new Error(`bad address ${address}`);
    return this.lookAt(this.sheet(sheet), p.top, p.left);
  }

  private lookAt(s: SheetState, row: number, col: number): Look {
    const own = s.cell(row, col)?.format ?? {};
    let fill: string | null = null;
    let font: string | null = null;
    for (const cf of s.cfs) {
      if (cf.type !== "Custom" || !cf.rects.some((r) => contains(r, row, col)) || !evalFormula(cf.formula)) continue;
      fill ??= cf.fill;
      font ??= cf.font;
      if (cf.stopIfTrue) break;
    }
    return { fill: fill ?? own.fill ?? null, font: font ?? own.font ?? null, borders: own.borders ?? null };
  }

  /**
   * The look of every cell in the sheet's extent (cells with a value or a format, conditional format ranges
   * clipped to that box), as "fill|font|borders" keyed by A1; cells with no look at all are left out.
   */
  looks(sheet: string): Record<string, string> {
    const s = this.sheet(sheet);
    const box = s.usedRect(false);
    const out: Record<string, string> = {};
    if (!box) return out;
    for (let r = box.top; r < box.top + box.rows; r++) {
      for (let c = box.left; c < box.left + box.cols; c++) {
        const l = this.lookAt(s, r, c);
        if (l.fill || l.font || l.borders) out[cellName(r, c)] = `${l.fill ?? ""}|${l.font ?? ""}|${l.borders ?? ""}`;
      }
    }
    return out;
  }

  // ----- used by the proxies ------------------------------------------------------------------

  requireApi(version: string, what: string): void {
    if (!versionAtLeast(this.apiVersion, version)) {
      fail(ErrorCodes.apiNotFound, `The API you are trying to use could not be found (${what} needs ExcelApi ${version}).`, what);
    }
  }

  supports(version: string): boolean {
    return versionAtLeast(this.apiVersion, version);
  }

  waitForCellEditExit(): Promise<void> {
    return new Promise((resolve) => this.cellEditWaiters.push(resolve));
  }

  takeInjection(hasWrites: boolean): Injection | null {
    const inj = this.injections[0];
    if (!inj || (inj.when === "write" && !hasWrites)) return null;
    this.injections.shift();
    return inj;
  }
}

function resolveTheme(t: FakeWorkbookInit["theme"]): FakeTheme | null {
  if (t === null || t === undefined) return null;
  if (t === "light") {
    return { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000", controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#000000" };
  }
  if (t === "dark") {
    return { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#363636", controlForegroundColor: "#FFFFFF" };
  }
  return t;
}

/** "A1:B2, C3" or "A1:B2; C3" → parts (sheet prefixes removed). */
function splitAddress(address: string): string[] {
  return address
    .split(/[,;]/)
    .map((a) => a.trim().replace(/^.*!/, ""))
    .filter((a) => a !== "");
}

// ---------------------------------------------------------------------------------------------
// Requests: operations, staging of loaded values, sync
// ---------------------------------------------------------------------------------------------

interface Op {
  label: string;
  write: boolean;
  run(stage: Stage): void;
}

class Stage {
  private readonly values: [ClientObject, string, unknown][] = [];
  private readonly nulls: [ClientObject, boolean][] = [];
  private readonly results: [FakeClientResult<unknown>, unknown][] = [];
  bytes = 0;
  constructor(private readonly limit: number) {}

  /** Stage a loaded value; `value` is computed only while the response still fits. */
  put(p: ClientObject, key: string, value: () => unknown): void {
    if (this.bytes > this.limit) return;
    const v = value();
    this.bytes += jsonBytes(v) + key.length + 3;
    this.values.push([p, key, v]);
  }

  /** Stage a value that costs nothing in the response (collection items: their own loads pay). */
  putFree(p: ClientObject, key: string, value: unknown): void {
    this.values.push([p, key, value]);
  }

  isNull(p: ClientObject, isNull: boolean): void {
    this.nulls.push([p, isNull]);
  }

  result(r: FakeClientResult<unknown>, value: unknown): void {
    if (this.bytes <= this.limit) this.bytes += jsonBytes(value);
    this.results.push([r, value]);
  }

  commit(): void {
    for (const [p, k, v] of this.values) p._loaded.set(k, v);
    for (const [p, n] of this.nulls) p._isNull = n;
    for (const [r, v] of this.results) r._set(v);
  }
}

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  /** Kept for Office.js compatibility; the fake has no object lifetime to manage. */
  readonly trackedObjects = { add(): void {}, remove(): void {} };
  _queue: Op[] = [];
  /** Event handler calls caused by the operations of the current sync, fired once it returns. */
  _events: (() => Promise<unknown>)[] = [];
  constructor(
    readonly _state: FakeExcelState,
    readonly _delayForCellEdit: boolean,
  ) {
    this.workbook = new FakeWorkbook(this);
  }

  _push(label: string, write: boolean, run: (stage: Stage) => void): void {
    this._queue.push({ label, write, run });
  }

  async sync(): Promise<void> {
    const st = this._state;
    const ops = this._queue;
    this._queue = [];
    const rec: SyncRecord = {
      index: st.log.syncs.length + 1,
      ops: ops.map((o) => o.label),
      ok: false,
      ran: 0,
      delayed: false,
      payloadBytes: 0,
      writes: ops.some((o) => o.write),
    };
    st.log.syncs.push(rec);
    await Promise.resolve(); // a round trip is always asynchronous
    if (st.cellEditMode) {
      if (this._delayForCellEdit && st.supports("1.11")) {
        rec.delayed = true;
        await st.waitForCellEditExit();
      } else {
        rec.error = ErrorCodes.invalidOperationInCellEditMode;
        fail(rec.error, "The request cannot be processed while the user is editing a cell.", ops[0]?.label);
      }
    }
    const injection = st.takeInjection(rec.writes);
    const stage = new Stage(st.payloadLimitBytes);
    try {
      ops.forEach((op, i) => {
        if (injection && injection.op === i + 1) {
          fail(injection.code ?? ErrorCodes.generalException, `Injected failure at operation ${i + 1}: ${op.label}`, op.label);
        }
        op.run(stage);
        rec.ran = i + 1;
      });
      if (stage.bytes > st.payloadLimitBytes) {
        fail(
          ErrorCodes.responsePayloadSizeLimitExceeded,
          `The response payload size has exceeded the limit (${st.payloadLimitBytes} bytes).`,
          "context.sync",
        );
      }
    } catch (e) {
      rec.error = e instanceof FakeOfficeError ? e.code : String(e);
      throw e;
    } finally {
      // Events come after the round trip, for whatever took effect (also in a failed sync).
      const events = this._events;
      this._events = [];
      if (events.length > 0) setTimeout(() => events.forEach((ev) => void ev().catch(() => undefined)), 0);
    }
    stage.commit();
    rec.payloadBytes = stage.bytes;
    rec.ok = true;
  }
}

// ---------------------------------------------------------------------------------------------
// ClientObject objects
// ---------------------------------------------------------------------------------------------

type LoadTree = { [key: string]: LoadTree | true };
const ALL: LoadTree = { "*": true };

function addPath(tree: LoadTree, path: string[]): void {
  const [head, ...rest] = path;
  if (!head) return;
  if (rest.length === 0) {
    if (tree[head] === undefined) tree[head] = true;
    return;
  }
  const sub = tree[head];
  const next: LoadTree = sub === undefined || sub === true ? {} : sub;
  tree[head] = next;
  addPath(next, rest);
}

function objectToTree(o: Record<string, unknown>): LoadTree {
  const t: LoadTree = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === true) t[k] = true;
    else if (v && typeof v === "object") t[k] = objectToTree(v as Record<string, unknown>);
  }
  return t;
}

function parseLoad(spec: unknown): LoadTree {
  if (spec === undefined || spec === null) return ALL;
  const tree: LoadTree = {};
  const addString = (s: string) =>
    s.split(",").map((p) => p.trim()).filter(Boolean).forEach((p) => addPath(tree, p.split("/").map((x) => x.trim())));
  if (typeof spec === "string") addString(spec);
  else if (Array.isArray(spec)) spec.forEach((s) => addString(String(s)));
  else if (typeof spec === "object") {
    const o = spec as Record<string, unknown>;
    if (typeof o.select === "string" || Array.isArray(o.select)) return parseLoad(o.select);
    return objectToTree(o);
  }
  return tree;
}

function notLoaded(key: string, path: string): FakeOfficeError {
  return new FakeOfficeError(
    ErrorCodes.propertyNotLoaded,
    `The property '${key}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${path}.${key}`,
  );
}

abstract class ClientObject {
  /** Values delivered by the last successful sync that loaded them. */
  readonly _loaded = new Map<string, unknown>();
  _isNull: boolean | undefined;
  private readonly _children = new Map<string, ClientObject>();

  constructor(
    readonly context: FakeRequestContext,
    readonly _path: string,
  ) {}

  protected get _state(): FakeExcelState {
    return this.context._state;
  }

  /** Loadable scalar properties and how to read each from the entity. */
  protected abstract _scalars(): Record<string, (e: never) => unknown>;
  /** Navigation properties (child proxies). */
  protected _navs(): Record<string, () => ClientObject> {
    return {};
  }
  /** The entity behind this proxy, null for a null object; throws an Office error when it cannot be found. */
  abstract _entity(): unknown;

  protected _child<T extends ClientObject>(key: string, make: () => T): T {
    let c = this._children.get(key);
    if (!c) {
      c = make();
      this._children.set(key, c);
    }
    return c as T;
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw notLoaded("isNullObject", this._path);
    return this._isNull;
  }

  protected _get<T>(key: string): T {
    if (!this._loaded.has(key)) throw notLoaded(key, this._path);
    return this._loaded.get(key) as T;
  }

  load(spec?: unknown): this {
    const tree = parseLoad(spec);
    this.context._push(`${this._path}.load(${typeof spec === "string" ? spec : JSON.stringify(spec ?? "")})`, false, (st) =>
      this._loadNow(tree, st),
    );
    return this;
  }

  _loadNow(tree: LoadTree, st: Stage): void {
    const e = this._entity();
    st.isNull(this, e === null);
    const scalars = this._scalars();
    const navs = this._navs();
    for (const [key, sub] of Object.entries(tree)) {
      if (key === "*") {
        for (const [k, read] of Object.entries(scalars)) st.put(this, k, () => (e === null ? null : read(e as never)));
      } else if (scalars[key]) {
        const read = scalars[key];
        st.put(this, key, () => (e === null ? null : read(e as never)));
      } else if (navs[key]) {
        navs[key]()._loadNow(sub === true ? ALL : sub, st);
      } else {
        fail(ErrorCodes.invalidArgument, `Cannot find the property '${key}' on ${this._path}.`, this._path);
      }
    }
  }

  /** Queue a write on this object's sheet (fails with AccessDenied on a protected sheet). */
  protected _write(label: string, sheetOf: () => SheetState, apply: () => void): void {
    this.context._push(`${this._path}.${label}`, true, () => {
      const s = sheetOf();
      if (s.protected_) fail(ErrorCodes.accessDenied, `The cell or chart you're trying to change is on a protected sheet (${s.name}).`, `${this._path}.${label}`);
      apply();
    });
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

export class FakeClientResult<T> {
  private _has = false;
  private _v: T | undefined;
  _set(v: unknown): void {
    this._v = v as T;
    this._has = true;
  }
  get value(): T {
    if (!this._has) throw notLoaded("value", "ClientResult");
    return this._v as T;
  }
}

// ----- workbook and worksheets ----------------------------------------------------------------

export class FakeWorkbook extends ClientObject {
  readonly worksheets: FakeWorksheetCollection;
  readonly protection: FakeWorkbookProtection;
  constructor(ctx: FakeRequestContext) {
    super(ctx, "workbook");
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.protection = new FakeWorkbookProtection(ctx, "workbook.protection");
  }
  protected _scalars() {
    return {};
  }
  protected override _navs() {
    return { worksheets: () => this.worksheets, protection: () => this.protection };
  }
  _entity(): unknown {
    return this._state;
  }
  private activeSheet(): SheetState {
    return sheetById(this._state, this._state.activeSheetId);
  }
  /** The active cell: the top-left cell of the active sheet's selection. */
  getActiveCell(): FakeRange {
    return new FakeRange(this.context, "workbook.getActiveCell()", () => {
      this._state.requireApi("1.7", "Workbook.getActiveCell");
      const s = this.activeSheet();
      return { sheet: s, rect: { top: s.selected.top, left: s.selected.left, rows: 1, cols: 1 } };
    });
  }
  getSelectedRange(): FakeRange {
    return new FakeRange(this.context, "workbook.getSelectedRange()", () => {
      const s = this.activeSheet();
      return { sheet: s, rect: { ...s.selected } };
    });
  }
}

export class FakeWorkbookProtection extends ClientObject {
  _entity(): FakeExcelState {
    this._state.requireApi("1.7", "Workbook.protection");
    return this._state;
  }
  protected _scalars() {
    return { protected: (st: FakeExcelState) => st.workbookProtected };
  }
  get protected(): boolean {
    return this._get("protected");
  }
}

export class FakeWorksheetCollection extends ClientObject {
  readonly onChanged: FakeEventHandlers;
  readonly onSelectionChanged: FakeEventHandlers;
  constructor(ctx: FakeRequestContext) {
    super(ctx, "worksheets");
    this.onChanged = new FakeEventHandlers(ctx, "worksheets.onChanged", () => this._state.collectionHandlers.changed, "1.9");
    this.onSelectionChanged = new FakeEventHandlers(ctx, "worksheets.onSelectionChanged", () => this._state.collectionHandlers.selectionChanged, "1.9");
  }
  /** Add a sheet at the end (refused when the workbook's structure is protected or the name is taken or invalid). */
  add(name?: string): FakeWorksheet {
    let created: SheetState | null = null;
    const path = `worksheets.add(${name ?? ""})`;
    this.context._push(path, true, () => {
      const st = this._state;
      if (st.workbookProtected) fail(ErrorCodes.accessDenied, "The workbook is protected: sheets cannot be added.", path);
      let n = st.sheets.length + 1;
      while (name === undefined && st.sheetByName(`Sheet${n}`)) n++;
      const sheetName = name ?? `Sheet${n}`;
      if (sheetName.trim() === "" || sheetName.length > 31 || /[\\/?*[\]:]/.test(sheetName) || /^'|'$/.test(sheetName)) {
        fail(ErrorCodes.invalidArgument, `The sheet name '${sheetName}' is not valid.`, path);
      }
      if (st.sheetByName(sheetName)) fail(ErrorCodes.itemAlreadyExists, `A sheet named '${sheetName}' already exists.`, path);
      created = st.addSheet({ name: sheetName, values: [] });
      st.log.structure.push({ sheet: sheetName, op: "addSheet", address: "" });
    });
    return new FakeWorksheet(this.context, path + "#", () => {
      if (!created) fail(ErrorCodes.invalidOperation, "The worksheet was not created.", path);
      return sheetById(this._state, created.id);
    });
  }
  protected _scalars() {
    return {};
  }
  _entity(): unknown {
    return this._state.sheets;
  }
  get items(): FakeWorksheet[] {
    return this._get("items");
  }
  private byId(id: string): FakeWorksheet {
    return this._child(`id:${id}`, () => new FakeWorksheet(this.context, `worksheets[${id}]`, () => sheetById(this._state, id)));
  }
  override _loadNow(tree: LoadTree, st: Stage): void {
    const itemTree: LoadTree = {};
    for (const [k, v] of Object.entries(tree)) {
      if (k === "items") Object.assign(itemTree, v === true ? ALL : v);
      else itemTree[k] = v;
    }
    const items = this._state.sheets.map((s) => this.byId(s.id));
    for (const it of items) it._loadNow(Object.keys(itemTree).length ? itemTree : ALL, st);
    st.putFree(this, "items", items);
    st.isNull(this, false);
  }
  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, `worksheets.getItem(${key})`, () => {
      const s = this._state.sheetByName(key);
      if (!s) fail(ErrorCodes.itemNotFound, `The requested resource doesn't exist (worksheet '${key}').`, `worksheets.getItem(${key})`);
      return s;
    });
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, `worksheets.getItemOrNullObject(${key})`, () => {
      this._state.requireApi("1.4", "WorksheetCollection.getItemOrNullObject");
      return this._state.sheetByName(key) ?? null;
    });
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, "worksheets.getActiveWorksheet()", () => sheetById(this._state, this._state.activeSheetId));
  }
  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.context._push("worksheets.getCount()", false, (st) => st.result(r, this._state.sheets.length));
    return r;
  }
}

function sheetById(state: FakeExcelState, id: string): SheetState {
  const s = state.sheets.find((x) => x.id === id);
  if (!s) fail(ErrorCodes.itemNotFound, "The requested worksheet no longer exists.", id);
  return s;
}

interface RangeEnt {
  sheet: SheetState;
  rect: Rect;
}
interface AreasEnt {
  sheet: SheetState;
  rects: Rect[];
}

export class FakeWorksheet extends ClientObject {
  readonly protection: FakeWorksheetProtection;
  readonly onChanged: FakeEventHandlers;
  readonly onSelectionChanged: FakeEventHandlers;
  constructor(
    ctx: FakeRequestContext,
    path: string,
    private readonly resolve: () => SheetState | null,
  ) {
    super(ctx, path);
    this.protection = new FakeWorksheetProtection(ctx, `${path}.protection`, () => this.sheet());
    this.onChanged = new FakeEventHandlers(ctx, `${path}.onChanged`, () => this.sheetNotNull().handlers);
    this.onSelectionChanged = new FakeEventHandlers(ctx, `${path}.onSelectionChanged`, () => this.sheetNotNull().selectionHandlers);
  }

  /** Delete the sheet (refused for the last visible sheet and in a protected workbook). */
  delete(): void {
    const path = `${this._path}.delete()`;
    this.context._push(path, true, () => {
      const st = this._state;
      const s = this.sheetNotNull();
      if (st.workbookProtected) fail(ErrorCodes.accessDenied, "The workbook is protected: sheets cannot be deleted.", path);
      const visible = st.sheets.filter((x) => x.visibility === "Visible" && x !== s);
      if (visible.length === 0) fail(ErrorCodes.invalidOperation, "A workbook must contain at least one visible worksheet.", path);
      st.sheets.splice(st.sheets.indexOf(s), 1);
      if (st.activeSheetId === s.id) {
        st.activeSheetId = visible[0].id;
        const now = visible[0];
        st.selection = { sheet: now.name, address: rectName(now.selected) };
      }
      st.log.structure.push({ sheet: s.name, op: "deleteSheet", address: "" });
    });
  }
  _entity(): SheetState | null {
    return this.resolve();
  }
  private sheet(): SheetState | null {
    return this.resolve();
  }
  sheetNotNull(): SheetState {
    const s = this.resolve();
    if (!s) fail(ErrorCodes.itemNotFound, "The worksheet is a null object.", this._path);
    return s;
  }
  protected _scalars() {
    return {
      name: (s: SheetState) => s.name,
      id: (s: SheetState) => s.id,
      visibility: (s: SheetState) => s.visibility,
      position: (s: SheetState) => this._state.sheets.indexOf(s),
    };
  }
  protected override _navs() {
    return { protection: () => this.protection };
  }
  get name(): string {
    return this._get("name");
  }
  get id(): string {
    return this._get("id");
  }
  get visibility(): Visibility {
    return this._get("visibility");
  }
  get position(): number {
    return this._get("position");
  }

  private range(path: string, rect: () => Rect | null, api?: string): FakeRange {
    return new FakeRange(this.context, `${this._path}.${path}`, () => {
      if (api) this._state.requireApi(api, path);
      const s = this.sheetNotNull();
      const r = rect();
      return r ? { sheet: s, rect: r } : null;
    });
  }

  getRange(address?: string): FakeRange {
    return this.range(`getRange(${address ?? ""})`, () => {
      if (address === undefined || address === "") return { top: 0, left: 0, rows: MAX_ROWS, cols: MAX_COLS };
      const r = parseArea(address.slice(0, GET_RANGES_ADDRESS_LIMIT).replace(/^.*!/, ""));
      if (!r) fail(ErrorCodes.invalidArgument, `The argument is invalid or missing or has an incorrect format (address '${address}').`, "getRange");
      return r;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return this.range(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      const ok =
        Number.isInteger(startRow) && Number.isInteger(startColumn) && rowCount >= 1 && columnCount >= 1 &&
        startRow >= 0 && startColumn >= 0 && startRow + rowCount <= MAX_ROWS && startColumn + columnCount <= MAX_COLS;
      if (!ok) fail(ErrorCodes.invalidArgument, "The argument is invalid or missing or has an incorrect format.", "getRangeByIndexes");
      return { top: startRow, left: startColumn, rows: rowCount, cols: columnCount };
    }, "1.7");
  }

  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this.range(`getUsedRange(${valuesOnly ? "true" : ""})`, () => {
      if (valuesOnly) this._state.requireApi("1.2", "getUsedRange(valuesOnly)");
      return this.sheetNotNull().usedRect(!!valuesOnly) ?? { top: 0, left: 0, rows: 1, cols: 1 };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return this.range(`getUsedRangeOrNullObject(${valuesOnly ? "true" : ""})`, () => this.sheetNotNull().usedRect(!!valuesOnly), "1.4");
  }

  getRanges(address?: string): FakeRangeAreas {
    const path = `${this._path}.getRanges(${address !== undefined && address.length > 40 ? address.slice(0, 40) + "…" : (address ?? "")})`;
    return new FakeRangeAreas(this.context, path, () => {
      this._state.requireApi("1.9", "Worksheet.getRanges");
      const s = this.sheetNotNull();
      if (address === undefined) return { sheet: s, rects: [{ top: 0, left: 0, rows: MAX_ROWS, cols: MAX_COLS }] };
      // Documented: a longer address is cut to its first 8,192 characters, without an error.
      const rects = splitAddress(address.slice(0, GET_RANGES_ADDRESS_LIMIT)).map((a) => {
        const r = parseArea(a);
        if (!r) fail(ErrorCodes.invalidArgument, `The argument is invalid or missing or has an incorrect format (address '${a}').`, "Worksheet.getRanges");
        return r;
      });
      return { sheet: s, rects };
    });
  }

  activate(): void {
    this.context._push(`${this._path}.activate()`, false, () => {
      const s = this.sheetNotNull();
      if (s.visibility !== "Visible") fail(ErrorCodes.invalidOperation, `Cannot activate the hidden sheet '${s.name}'.`, `${this._path}.activate()`);
      this._state.activeSheetId = s.id;
      this._state.log.activations.push(s.name);
    });
  }
}

export class FakeWorksheetProtection extends ClientObject {
  constructor(
    ctx: FakeRequestContext,
    path: string,
    private readonly resolve: () => SheetState | null,
  ) {
    super(ctx, path);
  }
  _entity(): SheetState | null {
    this._state.requireApi("1.2", "Worksheet.protection");
    return this.resolve();
  }
  protected _scalars() {
    return { protected: (s: SheetState) => s.protected_ };
  }
  get protected(): boolean {
    return this._get("protected");
  }
}

export class FakeEventHandlerResult {
  constructor(
    readonly context: FakeRequestContext,
    private readonly handlers: FakeEventHandlers,
    private readonly handler: Handler,
  ) {}
  remove(): void {
    this.handlers.remove(this.handler, this.context);
  }
}

export class FakeEventHandlers {
  constructor(
    private readonly ctx: FakeRequestContext,
    private readonly path: string,
    /** The set of handlers this event property adds to (resolved when the operation runs). */
    private readonly target: () => Set<Handler>,
    private readonly api = "1.7",
  ) {}
  add(handler: Handler): FakeEventHandlerResult {
    this.ctx._push(`${this.path}.add`, false, () => {
      this.ctx._state.requireApi(this.api, this.path);
      this.target().add(handler);
    });
    return new FakeEventHandlerResult(this.ctx, this, handler);
  }
  remove(handler: Handler, ctx: FakeRequestContext = this.ctx): void {
    ctx._push(`${this.path}.remove`, false, () => {
      this.target().delete(handler);
    });
  }
}

// ----- ranges ---------------------------------------------------------------------------------

function rangeAddress(e: RangeEnt): string {
  return `${sheetRef(e.sheet.name)}!${rectName(e.rect)}`;
}

function readGrid<T>(e: RangeEnt, limit: number, read: (c: CellState | undefined) => T, cellLimit = Infinity): T[][] | null {
  const { rows, cols, top, left } = e.rect;
  if (rows * cols > cellLimit) return null;
  if (rows * cols * 2 > limit) {
    fail(ErrorCodes.responsePayloadSizeLimitExceeded, `The response payload size has exceeded the limit (${rows}×${cols} cells).`, "Range.load");
  }
  const out: T[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: T[] = new Array<T>(cols);
    for (let c = 0; c < cols; c++) row[c] = read(e.sheet.cell(top + r, left + c));
    out.push(row);
  }
  return out;
}

// ----- values as typed -------------------------------------------------------------------------

/** What a string written to `values` becomes, as if typed into the cell (Excel's parsing of input). */
interface Typed {
  value: FakeValue;
  formula?: string;
  quotePrefix?: boolean;
  /** Number format Excel gives a General cell for this input (percent, date). */
  numberFormat?: string;
}

const FULL_WIDTH_DIGITS = /[\uFF10-\uFF19\uFF0E\uFF0C\uFF05\uFF0B\uFF0D]/g;

function halfWidth(s: string): string {
  return s.replace(FULL_WIDTH_DIGITS, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/** A number as Excel reads typed text: "1,234.5", "-3", "1e3", "$12", "¥12", "50%"; null when it is not one. */
function typedNumber(text: string): { n: number; percent: boolean } | null {
  const t = halfWidth(text).trim();
  const m = /^([+-]?)[$¥￥€£]?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?(%?)$/.exec(t);
  if (!m) return null;
  let n = Number(m[2].replace(/,/g, "")) * (m[3] ? 10 ** Number(m[3]) : 1);
  if (m[1] === "-") n = -n;
  return m[4] ? { n: n / 100, percent: true } : { n, percent: false };
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** A date as a zh-CN Excel reads typed text: 2024-1-5, 2024/1/5, 2024年1月5日, 2024年1月, 1月5日, 1/5. */
function typedDate(text: string): number | null {
  const t = halfWidth(text).trim();
  let m = /^(\d{4})[-/年](\d{1,2})(?:[-/月](\d{1,2})日?|月)?$/.exec(t);
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : 1];
  else if ((m = /^(\d{1,2})(?:[/-]|月)(\d{1,2})日?$/.exec(t))) [y, mo, d] = [2024, Number(m[1]), Number(m[2])];
  else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return (Date.UTC(y, mo - 1, d) - EXCEL_EPOCH) / 86_400_000;
}

/** The few formulas the fake evaluates: a number or percentage, optionally negated ("=100%", "=-3"). */
function evalSimpleFormula(formula: string): FakeValue {
  const n = typedNumber(formula.slice(1));
  return n ? n.n : "#NAME?";
}

export function typedInput(input: FakeValue, textFormat: boolean): Typed {
  if (typeof input !== "string") return { value: input };
  if (input.startsWith("'")) return { value: input.slice(1), quotePrefix: true };
  if (input === "") return { value: "" };
  if (textFormat) return { value: input };
  if (input.startsWith("=") && input.length > 1) return { value: evalSimpleFormula(input), formula: input };
  const num = typedNumber(input);
  if (num) return { value: num.n, ...(num.percent ? { numberFormat: "0%" } : {}) };
  if (/^[+\-@]./.test(input)) return { value: "#NAME?", formula: `=${input.startsWith("@") ? input.slice(1) : input}` };
  const upper = input.trim().toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return { value: upper === "TRUE" };
  const date = typedDate(input);
  if (date !== null) return { value: date, numberFormat: "yyyy/m/d" };
  return { value: input };
}

function writeTyped(cell: CellState, input: FakeValue): void {
  const t = typedInput(input, cell.numberFormat === "@");
  cell.value = t.value;
  if (t.formula !== undefined) cell.formula = t.formula;
  else delete cell.formula;
  if (t.quotePrefix) cell.quotePrefix = true;
  else delete cell.quotePrefix;
  if (t.numberFormat && cell.numberFormat === "General") cell.numberFormat = t.numberFormat;
}

export class FakeRange extends ClientObject {
  constructor(
    ctx: FakeRequestContext,
    path: string,
    private readonly resolve: () => RangeEnt | null,
  ) {
    super(ctx, path);
  }
  _entity(): RangeEnt | null {
    return this.resolve();
  }
  private ent(): RangeEnt {
    const e = this.resolve();
    if (!e) fail(ErrorCodes.itemNotFound, "The range is a null object.", this._path);
    return e;
  }
  protected _scalars() {
    const limit = this._state.payloadLimitBytes;
    const cells = this._state.cellReadLimit;
    return {
      address: (e: RangeEnt) => rangeAddress(e),
      rowIndex: (e: RangeEnt) => e.rect.top,
      columnIndex: (e: RangeEnt) => e.rect.left,
      rowCount: (e: RangeEnt) => e.rect.rows,
      columnCount: (e: RangeEnt) => e.rect.cols,
      cellCount: (e: RangeEnt) => e.rect.rows * e.rect.cols,
      values: (e: RangeEnt) => readGrid(e, limit, (c) => c?.value ?? "", cells),
      numberFormat: (e: RangeEnt) => readGrid(e, limit, (c) => c?.numberFormat ?? "General", cells),
      // As Office.js: the formula, else the value (a quote-prefixed text without its apostrophe).
      formulas: (e: RangeEnt) => readGrid(e, limit, (c) => c?.formula ?? c?.value ?? "", cells),
    };
  }
  protected override _navs() {
    return { conditionalFormats: () => this.conditionalFormats, format: () => this.format, worksheet: () => this.worksheet };
  }
  get worksheet(): FakeWorksheet {
    return this._child("worksheet", () => new FakeWorksheet(this.context, `${this._path}.worksheet`, () => this.ent().sheet));
  }
  get address(): string {
    return this._get("address");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }
  get cellCount(): number {
    return this._get("cellCount");
  }
  get values(): FakeValue[][] {
    return this._get("values");
  }
  /** A value write: recorded in log.valueWrites (the add-in must never do this while validating). */
  set values(v: FakeValue[][]) {
    this._write("values=", () => this.ent().sheet, () => {
      const e = this.ent();
      const single = !Array.isArray(v);
      if (!single && (v.length !== e.rect.rows || v.some((row) => !Array.isArray(row) || row.length !== e.rect.cols))) {
        fail(ErrorCodes.invalidArgument, `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rectName(e.rect)}).`, `${this._path}.values=`);
      }
      for (let r = 0; r < e.rect.rows; r++) {
        for (let c = 0; c < e.rect.cols; c++) {
          const x = single ? (v as unknown as FakeValue) : v[r][c];
          // Documented: a null in the input array leaves that cell unchanged.
          if (x === null) continue;
          writeTyped(e.sheet.own(e.rect.top + r, e.rect.left + c), (x as FakeValue | undefined) ?? "");
        }
      }
      this._state.log.valueWrites.push({ sheet: e.sheet.name, address: rectName(e.rect) });
      this.context._events.push(...this._state.changedHandlers(e.sheet, rectName(e.rect), "RangeEdited"));
    });
  }
  get formulas(): FakeValue[][] {
    return this._get("formulas");
  }
  get numberFormat(): string[][] {
    return this._get("numberFormat");
  }
  set numberFormat(v: string[][]) {
    this._write("numberFormat=", () => this.ent().sheet, () => {
      const e = this.ent();
      for (let r = 0; r < e.rect.rows; r++) {
        for (let c = 0; c < e.rect.cols; c++) e.sheet.own(e.rect.top + r, e.rect.left + c).numberFormat = v[r]?.[c] ?? "General";
      }
      this._state.log.formatWrites.push({ sheet: e.sheet.name, address: rectName(e.rect), what: "numberFormat" });
    });
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return this._child("cfs", () =>
      new FakeConditionalFormatCollection(this.context, `${this._path}.conditionalFormats`, () => {
        this._state.requireApi("1.6", "Range.conditionalFormats");
        const e = this.ent();
        return { sheet: e.sheet, rects: [e.rect] };
      }),
    );
  }

  get format(): FakeRangeFormat {
    return this._child("format", () => new FakeRangeFormat(this.context, `${this._path}.format`, () => this.ent()));
  }

  private derived(path: string, f: (e: RangeEnt) => Rect, api?: string): FakeRange {
    return new FakeRange(this.context, `${this._path}.${path}`, () => {
      if (api) this._state.requireApi(api, path);
      const e = this.ent();
      const r = f(e);
      const ok = r.rows >= 1 && r.cols >= 1 && r.top >= 0 && r.left >= 0 && r.top + r.rows <= MAX_ROWS && r.left + r.cols <= MAX_COLS;
      if (!ok) fail(ErrorCodes.invalidArgument, "The argument is invalid or missing or has an incorrect format.", `${this._path}.${path}`);
      return { sheet: e.sheet, rect: r };
    });
  }

  getRow(row: number): FakeRange {
    return this.derived(`getRow(${row})`, (e) => {
      if (row < 0 || row >= e.rect.rows) fail(ErrorCodes.invalidArgument, "The row index is outside the range.", "getRow");
      return { ...e.rect, top: e.rect.top + row, rows: 1 };
    });
  }
  getColumn(column: number): FakeRange {
    return this.derived(`getColumn(${column})`, (e) => {
      if (column < 0 || column >= e.rect.cols) fail(ErrorCodes.invalidArgument, "The column index is outside the range.", "getColumn");
      return { ...e.rect, left: e.rect.left + column, cols: 1 };
    });
  }
  getCell(row: number, column: number): FakeRange {
    return this.derived(`getCell(${row},${column})`, (e) => ({ top: e.rect.top + row, left: e.rect.left + column, rows: 1, cols: 1 }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived(
      `getResizedRange(${deltaRows},${deltaColumns})`,
      (e) => ({ ...e.rect, rows: e.rect.rows + deltaRows, cols: e.rect.cols + deltaColumns }),
      "1.2",
    );
  }

  getCellProperties(options: { format?: { indentLevel?: boolean; fill?: { color?: boolean }; font?: { color?: boolean } }; address?: boolean }): FakeClientResult<unknown[][]> {
    const result = new FakeClientResult<unknown[][]>();
    this.context._push(`${this._path}.getCellProperties`, false, (st) => {
      this._state.requireApi("1.9", "Range.getCellProperties");
      const e = this.ent();
      const value = readGrid(e, this._state.payloadLimitBytes, (c) => {
        const o: Record<string, unknown> = {};
        const f = options.format;
        if (f) {
          const fo: Record<string, unknown> = {};
          if (f.indentLevel) fo.indentLevel = c?.indent ?? 0;
          if (f.fill?.color) fo.fill = { color: c?.format.fill ?? "#FFFFFF" };
          if (f.font?.color) fo.font = { color: c?.format.font ?? "#000000" };
          o.format = fo;
        }
        return o;
      })!;
      if (options.address) value.forEach((row, r) => row.forEach((o, c) => ((o as Record<string, unknown>).address = `${sheetRef(e.sheet.name)}!${cellName(e.rect.top + r, e.rect.left + c)}`)));
      st.result(result as FakeClientResult<unknown>, value);
    });
    return result;
  }

  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(this.context, `${this._path}.getMergedAreasOrNullObject()`, () => {
      this._state.requireApi("1.13", "Range.getMergedAreasOrNullObject");
      const e = this.ent();
      const rects = e.sheet.merges.filter((m) => intersects(m, e.rect));
      return rects.length ? { sheet: e.sheet, rects } : null;
    });
  }

  select(): void {
    this.context._push(`${this._path}.select()`, false, () => {
      const e = this.ent();
      if (e.sheet.visibility !== "Visible") fail(ErrorCodes.invalidOperation, `Cannot select on the hidden sheet '${e.sheet.name}'.`, `${this._path}.select()`);
      // Selecting a range on another sheet brings that sheet to the front, as in Excel.
      this._state.activeSheetId = e.sheet.id;
      e.sheet.selected = { ...e.rect };
      const sel = { sheet: e.sheet.name, address: rectName(e.rect) };
      this._state.selection = sel;
      this._state.log.selections.push(sel);
      this.context._events.push(...this._state.selectionHandlers(e.sheet));
    });
  }

  /** Whole rows or whole columns only: "5:6" rows, "B:C" columns (the fake models whole-row edits). */
  private wholeRows(e: RangeEnt, what: string): void {
    if (e.rect.left !== 0 || e.rect.cols !== MAX_COLS) throw new Error(`excel-fake: ${what} is modelled for whole rows only (got ${rectName(e.rect)})`);
  }

  /** Insert blank cells in place of this range (whole rows, shifting down); returns the new blank rows. */
  insert(shift: string): FakeRange {
    const path = `${this._path}.insert(${shift})`;
    this._write(`insert(${shift})`, () => this.ent().sheet, () => {
      const e = this.ent();
      if (shift !== "Down") throw new Error(`excel-fake: insert(${shift}) is not modelled`);
      this.wholeRows(e, "insert");
      for (const k of e.sheet.cells.keys()) {
        if (Math.floor(k / MAX_COLS) >= MAX_ROWS - e.rect.rows && SheetState.filled(e.sheet.cells.get(k))) {
          fail(ErrorCodes.invalidOperation, "Microsoft Excel can't insert new cells because it would push non-empty cells off the end of the worksheet.", path);
        }
      }
      e.sheet.insertRows(e.rect.top, e.rect.rows);
      this._state.log.structure.push({ sheet: e.sheet.name, op: "insertRows", address: `${e.rect.top + 1}:${e.rect.top + e.rect.rows}` });
      this.context._events.push(...this._state.changedHandlers(e.sheet, `${e.rect.top + 1}:${e.rect.top + e.rect.rows}`, "RowInserted"));
    });
    return new FakeRange(this.context, path, () => this.ent());
  }

  /** Delete the cells of this range (whole rows, shifting up). */
  delete(shift: string): void {
    this._write(`delete(${shift})`, () => this.ent().sheet, () => {
      const e = this.ent();
      if (shift !== "Up") throw new Error(`excel-fake: delete(${shift}) is not modelled`);
      this.wholeRows(e, "delete");
      e.sheet.deleteRows(e.rect.top, e.rect.rows);
      this._state.log.structure.push({ sheet: e.sheet.name, op: "deleteRows", address: `${e.rect.top + 1}:${e.rect.top + e.rect.rows}` });
      this.context._events.push(...this._state.changedHandlers(e.sheet, `${e.rect.top + 1}:${e.rect.top + e.rect.rows}`, "RowDeleted"));
    });
  }

  merge(across?: boolean): void {
    this._write(`merge(${across ? "true" : ""})`, () => this.ent().sheet, () => {
      this._state.requireApi("1.2", "Range.merge");
      const e = this.ent();
      const parts = across ? Array.from({ length: e.rect.rows }, (_, r) => ({ ...e.rect, top: e.rect.top + r, rows: 1 })) : [e.rect];
      for (const part of parts) {
        for (const cell of e.sheet.merge(part)) this._state.log.mergeDiscarded.push({ sheet: e.sheet.name, cell });
        this._state.log.structure.push({ sheet: e.sheet.name, op: "merge", address: rectName(part) });
      }
    });
  }

  unmerge(): void {
    this._write("unmerge()", () => this.ent().sheet, () => {
      this._state.requireApi("1.2", "Range.unmerge");
      const e = this.ent();
      e.sheet.unmerge(e.rect);
      this._state.log.structure.push({ sheet: e.sheet.name, op: "unmerge", address: rectName(e.rect) });
    });
  }

  private usedWithin(valuesOnly: boolean): RangeEnt | null {
    const e = this.ent();
    const { top, left, rows, cols } = e.rect;
    let t = Infinity;
    let l = Infinity;
    let b = -1;
    let r = -1;
    for (const [k, c] of e.sheet.cells) {
      const row = Math.floor(k / MAX_COLS);
      const col = k % MAX_COLS;
      if (row < top || row >= top + rows || col < left || col >= left + cols) continue;
      const used = SheetState.filled(c) || (!valuesOnly && (c.numberFormat !== "General" || c.indent > 0 || !!c.format.fill || !!c.format.font || !!c.format.borders));
      if (!used) continue;
      t = Math.min(t, row);
      b = Math.max(b, row);
      l = Math.min(l, col);
      r = Math.max(r, col);
    }
    return b < 0 ? null : { sheet: e.sheet, rect: { top: t, left: l, rows: b - t + 1, cols: r - l + 1 } };
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(this.context, `${this._path}.getUsedRangeOrNullObject(${valuesOnly ? "true" : ""})`, () => {
      this._state.requireApi("1.4", "Range.getUsedRangeOrNullObject");
      return this.usedWithin(!!valuesOnly);
    });
  }

  /** The cells of this range holding formulas ("Formulas") or constants ("Constants"), by row runs. */
  getSpecialCellsOrNullObject(cellType: string): FakeRangeAreas {
    return new FakeRangeAreas(this.context, `${this._path}.getSpecialCellsOrNullObject(${cellType})`, () => {
      this._state.requireApi("1.9", "Range.getSpecialCellsOrNullObject");
      if (cellType !== "Formulas" && cellType !== "Constants") throw new Error(`excel-fake: special cells of type ${cellType} are not modelled`);
      const e = this.ent();
      const hits = [...e.sheet.cells.entries()]
        .filter(([k, c]) => {
          const row = Math.floor(k / MAX_COLS);
          const col = k % MAX_COLS;
          if (!contains(e.rect, row, col)) return false;
          return cellType === "Formulas" ? c.formula !== undefined : c.formula === undefined && c.value !== "";
        })
        .map(([k]) => k)
        .sort((a, b) => a - b);
      const rects: Rect[] = [];
      for (const k of hits) {
        const row = Math.floor(k / MAX_COLS);
        const col = k % MAX_COLS;
        const last = rects[rects.length - 1];
        if (last && last.top === row && last.left + last.cols === col) last.cols++;
        else rects.push({ top: row, left: col, rows: 1, cols: 1 });
      }
      return rects.length ? { sheet: e.sheet, rects } : null;
    });
  }
}

export class FakeRangeFormat extends ClientObject {
  readonly fill: FakeColorPart;
  readonly font: FakeColorPart;
  constructor(ctx: FakeRequestContext, path: string, private readonly resolve: () => RangeEnt) {
    super(ctx, path);
    const part = (what: "fill" | "font") =>
      new FakeColorPart(ctx, `${path}.${what}`, {
        sheet: () => this.resolve().sheet,
        get: () => {
          const e = this.resolve();
          return e.sheet.cell(e.rect.top, e.rect.left)?.format[what] ?? null;
        },
        set: (v) => {
          const e = this.resolve();
          for (let r = 0; r < e.rect.rows; r++) {
            for (let c = 0; c < e.rect.cols; c++) e.sheet.own(e.rect.top + r, e.rect.left + c).format[what] = v;
          }
          this._state.log.formatWrites.push({ sheet: e.sheet.name, address: rectName(e.rect), what });
        },
      });
    this.fill = part("fill");
    this.font = part("font");
  }
  _entity(): RangeEnt {
    return this.resolve();
  }
  protected _scalars() {
    return {
      indentLevel: (e: RangeEnt) => {
        const first = e.sheet.cell(e.rect.top, e.rect.left)?.indent ?? 0;
        for (let r = 0; r < e.rect.rows; r++) {
          for (let c = 0; c < e.rect.cols; c++) if ((e.sheet.cell(e.rect.top + r, e.rect.left + c)?.indent ?? 0) !== first) return null;
        }
        return first;
      },
    };
  }
  protected override _navs() {
    return { fill: () => this.fill, font: () => this.font };
  }
  get indentLevel(): number | null {
    return this._get("indentLevel");
  }
}

interface ColorTarget {
  /** The sheet a write lands on (for protection); throws for a null object. */
  sheet(): SheetState;
  /** Null for a null object. */
  get(): string | null;
  set(v: string | null): void;
}

/** A `{ color }` object (range fill/font, conditional format fill/font). */
export class FakeColorPart extends ClientObject {
  constructor(
    ctx: FakeRequestContext,
    path: string,
    private readonly target: ColorTarget,
    private readonly isNull: () => boolean = () => false,
  ) {
    super(ctx, path);
  }
  _entity(): unknown {
    return this.isNull() ? null : this.target;
  }
  protected _scalars() {
    return { color: (t: ColorTarget) => t.get() };
  }
  get color(): string | null {
    return this._get("color");
  }
  set color(v: string | null) {
    this._write("color=", () => this.target.sheet(), () => this.target.set(v));
  }
}

export class FakeRangeAreas extends ClientObject {
  constructor(
    ctx: FakeRequestContext,
    path: string,
    private readonly resolve: () => AreasEnt | null,
  ) {
    super(ctx, path);
  }
  _entity(): AreasEnt | null {
    return this.resolve();
  }
  protected _scalars() {
    return {
      address: (e: AreasEnt) => e.rects.map((r) => `${sheetRef(e.sheet.name)}!${rectName(r)}`).join(", "),
      areaCount: (e: AreasEnt) => e.rects.length,
      cellCount: (e: AreasEnt) => e.rects.reduce((n, r) => n + r.rows * r.cols, 0),
    };
  }
  protected override _navs() {
    return { conditionalFormats: () => this.conditionalFormats };
  }
  get address(): string {
    return this._get("address");
  }
  get areaCount(): number {
    return this._get("areaCount");
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return this._child("cfs", () =>
      new FakeConditionalFormatCollection(this.context, `${this._path}.conditionalFormats`, () => {
        this._state.requireApi("1.9", "RangeAreas.conditionalFormats");
        const e = this.resolve();
        if (!e) fail(ErrorCodes.itemNotFound, "The range areas object is a null object.", this._path);
        return e;
      }),
    );
  }
}

// ----- conditional formats --------------------------------------------------------------------

const CF_TYPES = ["Custom", "DataBar", "ColorScale", "IconSet", "TopBottom", "PresetCriteria", "ContainsText", "CellValue"];

export class FakeConditionalFormatCollection extends ClientObject {
  constructor(
    ctx: FakeRequestContext,
    path: string,
    private readonly resolve: () => AreasEnt,
  ) {
    super(ctx, path);
  }
  _entity(): AreasEnt {
    return this.resolve();
  }
  protected _scalars() {
    return {};
  }
  /** The formats of this collection in priority order: those intersecting its range(s). */
  _list(): CfState[] {
    const e = this.resolve();
    return e.sheet.cfs.filter((cf) => cf.rects.some((r) => e.rects.some((x) => intersects(r, x))));
  }
  private list(): CfState[] {
    return this._list();
  }
  private readonly scope = (): CfState[] => this._list();
  private bound(cf: CfState): FakeConditionalFormat {
    return this._child(`id:${cf.id}`, () => new FakeConditionalFormat(this.context, `${this._path}[${cf.id}]`, () => cf, this.scope));
  }
  override _loadNow(tree: LoadTree, st: Stage): void {
    const itemTree: LoadTree = {};
    for (const [k, v] of Object.entries(tree)) {
      if (k === "items") Object.assign(itemTree, v === true ? ALL : v);
      else itemTree[k] = v;
    }
    const items = this.list().map((cf) => this.bound(cf));
    for (const it of items) it._loadNow(Object.keys(itemTree).length ? itemTree : ALL, st);
    st.putFree(this, "items", items);
    st.isNull(this, false);
  }
  get items(): FakeConditionalFormat[] {
    return this._get("items");
  }
  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.context._push(`${this._path}.getCount()`, false, (st) => st.result(r as FakeClientResult<unknown>, this.list().length));
    return r;
  }
  getItem(id: string): FakeConditionalFormat {
    return new FakeConditionalFormat(this.context, `${this._path}.getItem(${id})`, () => {
      const cf = this.list().find((x) => x.id === id);
      if (!cf) fail(ErrorCodes.itemNotFound, `The requested conditional format doesn't exist (${id}).`, `${this._path}.getItem`);
      return cf;
    }, this.scope);
  }
  /** The format at `index` of the collection, resolved once (when first used in a sync), as an object path is. */
  getItemAt(index: number): FakeConditionalFormat {
    let resolved: CfState | null = null;
    return new FakeConditionalFormat(this.context, `${this._path}.getItemAt(${index})`, () => {
      if (!resolved) {
        const cf = this.list()[index];
        if (!cf) fail(ErrorCodes.itemNotFound, `There is no conditional format at index ${index}.`, `${this._path}.getItemAt`);
        resolved = cf;
      }
      return resolved;
    }, this.scope);
  }
  add(type: string): FakeConditionalFormat {
    let created: CfState | null = null;
    const cf = new FakeConditionalFormat(this.context, `${this._path}.add(${type})#`, () => {
      if (!created) fail(ErrorCodes.invalidOperation, "The conditional format was not created.", `${this._path}.add`);
      return created;
    }, this.scope);
    this.context._push(`${this._path}.add(${type})`, true, () => {
      const e = this.resolve();
      if (!CF_TYPES.includes(type)) fail(ErrorCodes.invalidArgument, `Unknown conditional format type '${type}'.`, `${this._path}.add`);
      if (e.sheet.protected_) fail(ErrorCodes.accessDenied, `The sheet '${e.sheet.name}' is protected.`, `${this._path}.add`);
      created = {
        id: this._state.newId("cf"),
        type,
        sheet: e.sheet,
        rects: e.rects.map((r) => ({ ...r })),
        formula: "",
        fill: null,
        font: null,
        stopIfTrue: false,
        deleted: false,
      };
      e.sheet.cfs.unshift(created); // a new format gets the highest priority
      this._state.log.cfAdded.push({ sheet: e.sheet.name, id: created.id, address: created.rects.map(rectName).join(",") });
    });
    return cf;
  }
}

export class FakeConditionalFormat extends ClientObject {
  constructor(
    ctx: FakeRequestContext,
    path: string,
    private readonly resolve: () => CfState,
    /** The formats of the collection this one was reached through, in priority order (its priority is an index in it). */
    private readonly scope: () => CfState[] = () => this.cf().sheet.cfs,
  ) {
    super(ctx, path);
  }
  cf(): CfState {
    const cf = this.resolve();
    if (cf.deleted) fail(ErrorCodes.itemNotFound, `The conditional format ${cf.id} no longer exists.`, this._path);
    return cf;
  }
  _entity(): CfState {
    return this.cf();
  }
  protected _scalars() {
    return {
      id: (cf: CfState) => cf.id,
      type: (cf: CfState) => cf.type,
      priority: (cf: CfState) => this.scope().indexOf(cf),
      stopIfTrue: (cf: CfState) => (cf.type === "Custom" ? cf.stopIfTrue : null),
    };
  }
  protected override _navs() {
    return { custom: () => this.custom, customOrNullObject: () => this.customOrNullObject };
  }
  get id(): string {
    return this._get("id");
  }
  get type(): string {
    return this._get("type");
  }
  get priority(): number {
    return this._get("priority");
  }
  set priority(p: number) {
    this._write("priority=", () => this.cf().sheet, () => {
      // `p` is an index in the collection the format was reached through: the sheet's formats outside that
      // collection keep their places, and the format lands just before (or after the last of) the collection's.
      const cf = this.cf();
      const list = cf.sheet.cfs;
      const others = this.scope().filter((x) => x !== cf);
      const from = list.indexOf(cf);
      list.splice(from, 1);
      if (others.length === 0) {
        list.splice(from, 0, cf);
        return;
      }
      const at = p < 0 ? Math.max(0, others.length + 1 + p) : Math.min(p, others.length);
      list.splice(at < others.length ? list.indexOf(others[at]) : list.indexOf(others[others.length - 1]) + 1, 0, cf);
    });
  }
  get stopIfTrue(): boolean {
    return this._get("stopIfTrue");
  }
  set stopIfTrue(v: boolean) {
    this._write("stopIfTrue=", () => this.cf().sheet, () => (this.cf().stopIfTrue = v));
  }
  get custom(): FakeCustomConditionalFormat {
    return this._child("custom", () =>
      new FakeCustomConditionalFormat(this.context, `${this._path}.custom`, () => {
        const cf = this.cf();
        if (cf.type !== "Custom") fail(ErrorCodes.invalidOperation, `The conditional format is of type ${cf.type}, not Custom.`, `${this._path}.custom`);
        return cf;
      }),
    );
  }
  get customOrNullObject(): FakeCustomConditionalFormat {
    return this._child("customOrNull", () =>
      new FakeCustomConditionalFormat(this.context, `${this._path}.customOrNullObject`, () => {
        const cf = this.cf();
        return cf.type === "Custom" ? cf : null;
      }),
    );
  }
  getRanges(): FakeRangeAreas {
    return new FakeRangeAreas(this.context, `${this._path}.getRanges()`, () => {
      this._state.requireApi("1.9", "ConditionalFormat.getRanges");
      const cf = this.cf();
      return { sheet: cf.sheet, rects: cf.rects };
    });
  }
  getRange(): FakeRange {
    return new FakeRange(this.context, `${this._path}.getRange()`, () => {
      const cf = this.cf();
      if (cf.rects.length !== 1) fail(ErrorCodes.invalidOperation, "The conditional format applies to more than one range.", `${this._path}.getRange`);
      return { sheet: cf.sheet, rect: cf.rects[0] };
    });
  }
  delete(): void {
    this._write("delete()", () => this.cf().sheet, () => {
      const cf = this.cf();
      cf.sheet.cfs.splice(cf.sheet.cfs.indexOf(cf), 1);
      cf.deleted = true;
      this._state.log.cfDeleted.push({ sheet: cf.sheet.name, id: cf.id, formula: cf.formula });
    });
  }
}

export class FakeCustomConditionalFormat extends ClientObject {
  readonly rule: FakeConditionalFormatRule;
  readonly format: FakeConditionalRangeFormat;
  constructor(
    ctx: FakeRequestContext,
    path: string,
    private readonly resolve: () => CfState | null,
  ) {
    super(ctx, path);
    this.rule = new FakeConditionalFormatRule(ctx, `${path}.rule`, resolve);
    this.format = new FakeConditionalRangeFormat(ctx, `${path}.format`, resolve);
  }
  _entity(): CfState | null {
    return this.resolve();
  }
  protected _scalars() {
    return {};
  }
  protected override _navs() {
    return { rule: () => this.rule, format: () => this.format };
  }
}

function sheetOfCf(resolve: () => CfState | null, path: string): () => SheetState {
  return () => {
    const cf = resolve();
    if (!cf) fail(ErrorCodes.invalidOperation, "The object is a null object.", path);
    return cf.sheet;
  };
}

export class FakeConditionalFormatRule extends ClientObject {
  constructor(
    ctx: FakeRequestContext,
    path: string,
    private readonly resolve: () => CfState | null,
  ) {
    super(ctx, path);
  }
  _entity(): CfState | null {
    return this.resolve();
  }
  protected _scalars() {
    return { formula: (cf: CfState) => cf.formula };
  }
  get formula(): string {
    return this._get("formula");
  }
  set formula(f: string) {
    this._write("formula=", sheetOfCf(this.resolve, this._path), () => {
      if (typeof f !== "string" || !f.startsWith("=")) fail(ErrorCodes.invalidArgument, `Invalid formula '${String(f)}'.`, `${this._path}.formula`);
      this.resolve()!.formula = f;
    });
  }
}

export class FakeConditionalRangeFormat extends ClientObject {
  readonly fill: FakeColorPart;
  readonly font: FakeColorPart;
  constructor(
    ctx: FakeRequestContext,
    path: string,
    private readonly resolve: () => CfState | null,
  ) {
    super(ctx, path);
    const sheet = sheetOfCf(resolve, path);
    const part = (what: "fill" | "font") =>
      new FakeColorPart(
        ctx,
        `${path}.${what}`,
        { sheet, get: () => resolve()?.[what] ?? null, set: (v) => (resolve()![what] = v) },
        () => resolve() === null,
      );
    this.fill = part("fill");
    this.font = part("font");
  }
  _entity(): CfState | null {
    return this.resolve();
  }
  protected _scalars() {
    return {};
  }
  protected override _navs() {
    return { fill: () => this.fill, font: () => this.font };
  }
}

// ---------------------------------------------------------------------------------------------
// Excel and Office namespaces
// ---------------------------------------------------------------------------------------------

interface RunOptions {
  delayForCellEdit?: boolean;
  previousObjects?: unknown;
}

function contextOf(x: unknown): FakeRequestContext | null {
  if (x instanceof FakeRequestContext) return x;
  if (x instanceof ClientObject) return x.context;
  if (Array.isArray(x) && x[0] instanceof ClientObject) return x[0].context;
  return null;
}

export interface FakeExcel {
  state: FakeExcelState;
  log: FakeLog;
  /** Pass as `{ Excel }` to createExcelHost, or install as globalThis.Excel. */
  Excel: typeof Excel;
  Office: typeof Office;
}

export function createFakeExcel(init: FakeWorkbookInit): FakeExcel {
  const state = new FakeExcelState(init);

  async function run<T>(a: unknown, b?: (ctx: FakeRequestContext) => Promise<T>): Promise<T> {
    const batch = (typeof a === "function" ? a : b) as (ctx: FakeRequestContext) => Promise<T>;
    let ctx: FakeRequestContext | null = typeof a === "function" ? null : contextOf(a);
    if (!ctx && a && typeof a === "object") {
      const o = a as RunOptions;
      ctx = contextOf(o.previousObjects) ?? new FakeRequestContext(state, !!o.delayForCellEdit);
    }
    ctx ??= new FakeRequestContext(state, false);
    state.log.runs++;
    try {
      const p = batch(ctx);
      if (!p || typeof (p as { then?: unknown }).then !== "function") {
        fail(ErrorCodes.runMustReturnPromise, "The batch function passed to the \".run\" method didn't return a promise.");
      }
      return await p;
    } finally {
      state.log.discardedOps += ctx._queue.length;
      ctx._queue = [];
    }
  }

  const ExcelNs = {
    run,
    RequestContext: FakeRequestContext,
    ErrorCodes,
    ConditionalFormatType: {
      custom: "Custom",
      dataBar: "DataBar",
      colorScale: "ColorScale",
      iconSet: "IconSet",
      topBottom: "TopBottom",
      presetCriteria: "PresetCriteria",
      containsText: "ContainsText",
      cellValue: "CellValue",
    },
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
    InsertShiftDirection: { down: "Down", right: "Right" },
    DeleteShiftDirection: { up: "Up", left: "Left" },
    SpecialCellType: { formulas: "Formulas", constants: "Constants", blanks: "Blanks" },
    EventSource: { local: "Local", remote: "Remote" },
  };

  const staged: Record<string, unknown> = JSON.parse(JSON.stringify(state.savedSettings)) as Record<string, unknown>;
  type AsyncResult = { status: "succeeded" | "failed"; value?: unknown; error?: { name: string; message: string; code: number } };
  const settings = {
    get(name: string): unknown {
      return name in staged ? JSON.parse(JSON.stringify(staged[name])) : null;
    },
    set(name: string, value: unknown): void {
      // Office serializes settings as JSON: functions and undefined vanish, Dates become strings.
      staged[name] = value === undefined ? null : JSON.parse(JSON.stringify(value));
    },
    remove(name: string): void {
      delete staged[name];
    },
    saveAsync(a?: unknown, b?: unknown): void {
      const cb = (typeof a === "function" ? a : b) as ((r: AsyncResult) => void) | undefined;
      setTimeout(() => {
        if (state.failNextSettingsSave) {
          state.failNextSettingsSave = false;
          cb?.({ status: "failed", error: { name: "Settings save failed", message: "The settings could not be saved.", code: 5001 } });
          return;
        }
        state.savedSettings = JSON.parse(JSON.stringify(staged)) as Record<string, unknown>;
        cb?.({ status: "succeeded" });
      }, 0);
    },
  };

  const OfficeNs = {
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    onReady(cb?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }> {
      const info = { host: "Excel", platform: "OfficeOnline" };
      cb?.(info);
      return Promise.resolve(info);
    },
    context: {
      get displayLanguage(): string {
        return state.displayLanguage;
      },
      get officeTheme(): FakeTheme | undefined {
        return state.theme ?? undefined;
      },
      requirements: {
        isSetSupported(name: string, minVersion?: string | number): boolean {
          if (name.toLowerCase() !== "excelapi") return false;
          const v = minVersion === undefined ? "1.1" : String(minVersion);
          return versionAtLeast(state.apiVersion, v);
        },
      },
      document: { settings },
    },
  };

  return {
    state,
    log: state.log,
    Excel: ExcelNs as unknown as typeof Excel,
    Office: OfficeNs as unknown as typeof Office,
  };
}
