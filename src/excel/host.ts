/**
 * The contract between the UI (task pane, ribbon command) and the workbook it works on.
 *
 * `createExcelHost()` (src/excel/adapter.ts) implements it over Office.js; tests implement it over the
 * honest Excel fake (tests/fakes/excel-fake.ts) by handing that fake to the same adapter. The UI never
 * touches `Excel` or `Office` directly: it only sees this interface, so every screen can be tested.
 */
import type {
  EditPlan, Finding, InsertSpec, Layout, NoTable, Summary, Thresholds, ValidateOptions, ValidationResult,
} from "../core";

export type Lang = "zh" | "en";
export type Theme = "light" | "dark";

/** A sheet of the workbook and whether it holds a target table (its header was recognised). */
export interface SheetCandidate {
  name: string;
  /** True when the header (项目名称 … 绩效指标) was found in the sheet's first rows. */
  hasTable: boolean;
  layout: Layout | null;
  /** The active sheet when the list was read. */
  active: boolean;
  /** Hidden or very hidden sheets are listed but never chosen automatically. */
  visible: boolean;
}

export interface CheckRequest {
  /** The sheet to check; default: the detected target sheet (see `pickSheet`). */
  sheet?: string;
  options?: ValidateOptions;
  /** Highlight the findings with the add-in's own conditional formats (default true). */
  highlight?: boolean;
}

/** Why highlighting was skipped although it was asked for. */
/** "formatsUnreadable": Excel could not list the sheet's conditional formats, so the add-in did not touch them. */
export type HighlightSkip = "protected" | "formatsUnreadable" | "noFindings" | null;

export interface CheckRun {
  sheet: string;
  /** The engine's result: a table with findings, or the reason no table was found. */
  result: ValidationResult | NoTable;
  /** Cells highlighted (one per cell, with the worst severity of its findings). */
  highlighted: number;
  highlightSkipped: HighlightSkip;
  /** `context.sync()` calls this run made (reads + writes). */
  syncs: number;
  /** Rows read from the sheet's used range. */
  rows: number;
  /** Milliseconds spent in the engine (not counting Excel round trips). */
  engineMs: number;
  /**
   * How the check held the pane's thread (issue 6): the add-in's own work runs in slices and gives control back
   * to the event loop whenever one has run its budget; `count` slices, the longest `longestMs` (Excel's round
   * trips not counted). Absent when the host does not slice its work.
   */
  slices?: { count: number; longestMs: number };
}

/** A finding as stored in workbook settings (the ribbon command's result, read by the pane later). */
export interface StoredRun {
  sheet: string;
  at: string; // ISO time
  summary: Summary | null;
  /** The no-table message, when there was no table. */
  message: { zh: string; en: string } | null;
  /** At most `STORED_FINDINGS_LIMIT` findings, the worst first. */
  findings: Finding[];
  truncated: boolean;
}

export const STORED_FINDINGS_LIMIT = 200;

/** Settings remembered per workbook (Office.context.document.settings). */
export interface WorkbookSettings {
  profile: string;
  thresholds: Partial<Thresholds>;
  autoCheck: boolean;
  /** The sheet the user chose when several or none matched. */
  sheet: string | null;
  lastRun: StoredRun | null;
}

export const DEFAULT_SETTINGS: WorkbookSettings = {
  profile: "guangzhou",
  thresholds: {},
  autoCheck: false,
  sheet: null,
  lastRun: null,
};

export type HostErrorCode =
  | "protected" // the sheet or workbook is protected against the write
  | "cellEditing" // the user is editing a cell
  | "unsupported" // the API set this needs is not supported by this Excel
  | "sheetNotFound"
  | "tooLarge" // the sheet exceeds the limits the add-in reads
  | "busy"
  | "stale" // the cells changed since the plan or change was made (undo, fix)
  | "noProject" // the selection is not inside a project
  | "notEmpty" // a cell the write needs is not empty
  | "unknown";

/** An error the UI can show as is: a code plus a message in both languages that says what to do. */
export class HostError extends Error {
  readonly code: HostErrorCode;
  readonly zh: string;
  readonly en: string;
  /** True when the write was rolled back or never started: the sheet is as it was. */
  readonly sheetUnchanged: boolean;
  constructor(code: HostErrorCode, zh: string, en: string, sheetUnchanged = true, cause?: unknown) {
    super(en);
    this.name = "HostError";
    this.code = code;
    this.zh = zh;
    this.en = en;
    this.sheetUnchanged = sheetUnchanged;
    if (cause !== undefined) (this as { cause?: unknown }).cause = cause;
  }
  text(lang: Lang): string {
    return lang === "zh" ? this.zh : this.en;
  }
}

/** The project a cell belongs to (any of its rows), as the picker shows it. */
export interface ProjectTarget {
  name: string;
  /** First and last sheet rows (0-based) of the project. */
  row: number;
  lastRow: number;
  /** A1 address of the project's name cell. */
  nameCell: string;
  indicatorCount: number;
  /** The sequence number the next inserted indicator gets. */
  nextSeq: number;
}

/** Where the user's selection is, and the project it falls in. */
export interface SelectionInfo {
  sheet: string;
  /** A1 address of the active cell. */
  cell: string;
  row: number;
  col: number;
  /** The sheet's table layout, or null when the sheet holds no target table. */
  layout: Layout | null;
  /** The project the active cell is in, or null (header, 合计 or unit row, outside the table, no table). */
  project: ProjectTarget | null;
}

/** A change the add-in made to the workbook, kept so the pane can undo it (Ctrl+Z does not cover add-in edits). */
export interface AppliedChange {
  id: string;
  /** ISO time it was applied. */
  at: string;
  plan: EditPlan;
  undone: boolean;
}

export interface InsertRequest {
  sheet: string;
  /** Any sheet row (0-based) of the target project; the project is found again from a fresh read. */
  projectRow: number;
  /** Indicators to insert, in order; their `seq` is ignored (numbered after the project's last). An `explanation`
   * (指标解释, from a template) is written where the sheet has a 指标解释 column. */
  specs: InsertSpec[];
}

export interface FixRequest {
  sheet: string;
  /** `findingKey`s of the findings to fix; omitted = every safe fix on the sheet (全部修复). */
  keys?: string[];
  options?: ValidateOptions;
}

export interface SuggestionRequest {
  sheet: string;
  /** `findingKey` of the finding and the id of the suggestion chosen. */
  key: string;
  suggestionId: string;
  options?: ValidateOptions;
}

export interface WorkbookHost {
  /** Office's display language mapped to the UI language: zh for any Chinese locale, else en. */
  lang(): Lang;
  theme(): Theme;
  listSheets(): Promise<SheetCandidate[]>;
  /** Read, validate and (optionally) highlight one sheet. */
  check(request?: CheckRequest): Promise<CheckRun>;
  /** Delete the add-in's own conditional formats from a sheet (default: every sheet); returns how many. */
  clearHighlights(sheet?: string): Promise<number>;
  /** Activate the sheet and select the cell (A1 address, no sheet name). */
  select(sheet: string, cell: string): Promise<void>;
  /** Call `onChange` when a value of the sheet changes; resolves to an unsubscribe function. */
  watch(sheet: string, onChange: () => void): Promise<() => Promise<void>>;
  loadSettings(): WorkbookSettings;
  saveSettings(settings: WorkbookSettings): Promise<void>;

  // --- Editing (issue 4). Every write is one context.sync(), never touches a non-empty cell it did not
  // announce, and fails with a HostError leaving the sheet as it was (protected sheet, stale cell…).

  /** The active cell and the project it is in. */
  selection(): Promise<SelectionInfo>;
  /** Call `onChange` when the selection moves (any sheet); resolves to an unsubscribe function. */
  watchSelection(onChange: (s: SelectionInfo) => void): Promise<() => Promise<void>>;
  /** Plan (from a fresh read) without writing: what `insertIndicators` would write now. */
  planInsert(request: InsertRequest): Promise<EditPlan>;
  insertIndicators(request: InsertRequest): Promise<AppliedChange>;
  /** Apply safe fixes (re-validated on a fresh read; only findings that still exist are fixed). */
  applyFixes(request: FixRequest): Promise<AppliedChange>;
  /** Apply one explicit suggestion (e.g. set 总计 to the sum). */
  applySuggestion(request: SuggestionRequest): Promise<AppliedChange>;
  /** Write a layout conversion of `sheet` to a new sheet (the source is never changed). */
  convertLayout(sheet: string, to: Layout): Promise<AppliedChange>;
  /** Undo an applied change; refuses (HostError "stale") when a cell it wrote has been changed since. */
  undo(changeId: string): Promise<AppliedChange>;
  /** Changes applied in this workbook, newest first (kept in the workbook's settings). */
  changes(): AppliedChange[];
}

/**
 * The sheet to check when the user has not chosen one: the active sheet if it holds a table, else the only
 * visible sheet that does; null when none or several (the pane then asks).
 */
export function pickSheet(sheets: readonly SheetCandidate[], remembered: string | null = null): string | null {
  const withTable = sheets.filter((s) => s.hasTable);
  if (remembered && sheets.some((s) => s.name === remembered)) return remembered;
  const active = withTable.find((s) => s.active);
  if (active) return active.name;
  const visible = withTable.filter((s) => s.visible);
  return visible.length === 1 ? visible[0].name : null;
}
