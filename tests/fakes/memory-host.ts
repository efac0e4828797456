/**
 * An honest in-memory WorkbookHost for UI tests: sheets are GridInputs, `check()` runs the real engine
 * (validateGrid) and marks cells the way the add-in's conditional formats would (worst severity per cell),
 * and every call the UI makes is recorded. It can be told to fail the next call of a method, to hold checks
 * (to see the loading state), and to change a cell (which notifies the sheet's watchers, like
 * Worksheet.onChanged).
 */
import { compareFindings, validateGrid, type CellValue, type Finding, type GridInput, type Severity } from "../../src/core";
import { locateHeader } from "../../src/core/header";
import {
  DEFAULT_SETTINGS,
  HostError,
  pickSheet,
  STORED_FINDINGS_LIMIT,
  type CheckRequest,
  type CheckRun,
  type HighlightSkip,
  type Lang,
  type SheetCandidate,
  type StoredRun,
  type Theme,
  type WorkbookHost,
  type WorkbookSettings,
} from "../../src/excel/host";

export interface MemorySheetSpec {
  grid: GridInput;
  visible?: boolean;
}

export interface MemoryHostOptions {
  /** Sheets in workbook order; each grid's `sheet` is its name. */
  sheets: (GridInput | MemorySheetSpec)[];
  /** The active sheet (default: the first). */
  active?: string;
  lang?: Lang;
  theme?: Theme;
  settings?: Partial<WorkbookSettings>;
  /** Sheets protected against formatting: highlighting is skipped, clearing fails. */
  protectedSheets?: string[];
}

export type MemoryHostMethod = "listSheets" | "check" | "clearHighlights" | "select" | "watch" | "saveSettings";

interface Sheet {
  grid: GridInput;
  visible: boolean;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function sheetNotFound(sheet: string): HostError {
  return new HostError(
    "sheetNotFound",
    `找不到工作表“${sheet}”：它可能已被重命名或删除。请重新选择工作表。`,
    `Sheet "${sheet}" was not found: it may have been renamed or deleted. Choose the sheet again.`,
  );
}

export function protectedError(sheet: string): HostError {
  return new HostError(
    "protected",
    `工作表“${sheet}”受保护，无法更改标记。请先撤销工作表保护（审阅 > 撤销工作表保护）。`,
    `Sheet "${sheet}" is protected, so its marks cannot be changed. Unprotect it first (Review > Unprotect Sheet).`,
  );
}

export class MemoryHost implements WorkbookHost {
  readonly sheets = new Map<string, Sheet>();
  active: string | null;
  readonly protectedSheets: Set<string>;
  /** Per sheet, the marked cells and the severity each shows. */
  readonly highlights = new Map<string, Map<string, Severity>>();
  /** Everything the UI asked for, in order. */
  readonly log = {
    listSheets: 0,
    checks: [] as CheckRequest[],
    runs: [] as CheckRun[],
    selects: [] as { sheet: string; cell: string }[],
    clears: [] as (string | undefined)[],
    saves: [] as WorkbookSettings[],
    watches: [] as string[],
    unwatches: [] as string[],
  };

  private readonly uiLang: Lang;
  private readonly uiTheme: Theme;
  private settings: WorkbookSettings;
  private readonly failures = new Map<MemoryHostMethod, unknown[]>();
  private readonly watchers = new Map<number, { sheet: string; onChange: () => void }>();
  private nextWatcher = 1;
  private gate: Promise<void> | null = null;

  constructor(options: MemoryHostOptions) {
    for (const s of options.sheets) {
      const spec: MemorySheetSpec = "grid" in s ? s : { grid: s };
      if (this.sheets.has(spec.grid.sheet)) throw new Error(`duplicate sheet name ${spec.grid.sheet}`);
      this.sheets.set(spec.grid.sheet, { grid: spec.grid, visible: spec.visible ?? true });
    }
    this.active = options.active ?? options.sheets.map((s) => ("grid" in s ? s.grid.sheet : s.sheet))[0] ?? null;
    this.uiLang = options.lang ?? "zh";
    this.uiTheme = options.theme ?? "light";
    this.settings = { ...clone(DEFAULT_SETTINGS), ...clone(options.settings ?? {}) };
    this.protectedSheets = new Set(options.protectedSheets ?? []);
  }

  // --- test controls --------------------------------------------------------------------------

  /** The next call of `method` rejects with `error` (queue several for several calls). */
  failNext(method: MemoryHostMethod, error: unknown): void {
    const list = this.failures.get(method) ?? [];
    list.push(error);
    this.failures.set(method, list);
  }

  /** Checks started from now on wait until the returned function is called. */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    return () => {
      this.gate = null;
      release();
    };
  }

  /** Change one cell (0-based sheet coordinates) as a user would, and notify the sheet's watchers. */
  edit(sheet: string, row: number, col: number, value: CellValue): void {
    const s = this.sheets.get(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    const origin = s.grid.origin ?? { row: 0, col: 0 };
    const r = row - origin.row;
    const c = col - origin.col;
    if (r < 0 || c < 0) throw new Error("edit outside the sheet's grid");
    const values = s.grid.values.map((line) => line.slice());
    while (values.length <= r) values.push([]);
    while (values[r].length <= c) values[r].push(null);
    values[r][c] = value;
    s.grid = { ...s.grid, values };
    for (const w of [...this.watchers.values()]) if (w.sheet === sheet) w.onChange();
  }

  /** How many watchers are subscribed (to one sheet, or in all). */
  watcherCount(sheet?: string): number {
    return [...this.watchers.values()].filter((w) => sheet === undefined || w.sheet === sheet).length;
  }

  /** What the ribbon's one-click check stores: validate the sheet and keep the worst findings. */
  storeRibbonRun(sheet: string, at: string): StoredRun {
    const s = this.sheets.get(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    const r = validateGrid(s.grid, { profile: this.settings.profile, thresholds: this.settings.thresholds });
    const stored: StoredRun = r.table
      ? {
          sheet,
          at,
          summary: r.summary,
          message: null,
          findings: r.findings
            .slice()
            .sort((a, b) => RANK[a.severity] - RANK[b.severity] || compareFindings(a, b))
            .slice(0, STORED_FINDINGS_LIMIT),
          truncated: r.findings.length > STORED_FINDINGS_LIMIT,
        }
      : { sheet, at, summary: null, message: { zh: r.message, en: r.messageEn }, findings: [], truncated: false };
    this.settings = { ...this.settings, lastRun: clone(stored) };
    return stored;
  }

  /** The settings as stored in the workbook now. */
  stored(): WorkbookSettings {
    return clone(this.settings);
  }

  private maybeFail(method: MemoryHostMethod): void {
    const list = this.failures.get(method);
    if (list && list.length > 0) throw list.shift();
  }

  // --- WorkbookHost ---------------------------------------------------------------------------

  lang(): Lang {
    return this.uiLang;
  }

  theme(): Theme {
    return this.uiTheme;
  }

  async listSheets(): Promise<SheetCandidate[]> {
    this.log.listSheets++;
    this.maybeFail("listSheets");
    return this.candidates();
  }

  private candidates(): SheetCandidate[] {
    return [...this.sheets.entries()].map(([name, s]) => {
      const loc = locateHeader(s.grid);
      return { name, hasTable: loc !== null, layout: loc?.layout ?? null, active: name === this.active, visible: s.visible };
    });
  }

  async check(request: CheckRequest = {}): Promise<CheckRun> {
    this.log.checks.push(clone(request));
    this.maybeFail("check");
    if (this.gate) await this.gate;
    const name = request.sheet ?? pickSheet(this.candidates(), this.settings.sheet);
    if (name === null) {
      throw new HostError(
        "sheetNotFound",
        "未找到绩效目标表：表头需包含“项目名称”和“绩效指标”。请选择要检查的工作表。",
        'No performance target table found: the header must contain "项目名称" and "绩效指标". Choose the sheet to check.',
      );
    }
    const s = this.sheets.get(name);
    if (!s) throw sheetNotFound(name);
    const t0 = performance.now();
    const result = validateGrid(s.grid, request.options ?? {});
    const engineMs = performance.now() - t0;
    let highlighted = 0;
    let highlightSkipped: HighlightSkip = null;
    if (request.highlight !== false) {
      const findings: readonly Finding[] = result.table ? result.findings : [];
      const stale = this.highlights.has(name);
      if (this.protectedSheets.has(name) && (findings.length > 0 || stale)) {
        // Like the adapter: nothing can be written (nor old marks removed) on a protected sheet.
        highlightSkipped = "protected";
      } else if (this.protectedSheets.has(name)) {
        highlightSkipped = "noFindings";
      } else {
        // A new check replaces the sheet's marks.
        this.highlights.delete(name);
        if (findings.length === 0) {
          highlightSkipped = "noFindings";
        } else {
          const marks = new Map<string, Severity>();
          for (const f of findings) {
            const had = marks.get(f.cell);
            if (!had || RANK[f.severity] < RANK[had]) marks.set(f.cell, f.severity);
          }
          this.highlights.set(name, marks);
          highlighted = marks.size;
        }
      }
    }
    const run: CheckRun = { sheet: name, result, highlighted, highlightSkipped, syncs: 0, rows: s.grid.values.length, engineMs };
    this.log.runs.push(run);
    return run;
  }

  async clearHighlights(sheet?: string): Promise<number> {
    this.log.clears.push(sheet);
    this.maybeFail("clearHighlights");
    const names = sheet === undefined ? [...this.sheets.keys()] : [sheet];
    if (sheet !== undefined && !this.sheets.has(sheet)) throw sheetNotFound(sheet);
    const blocked = names.find((n) => this.protectedSheets.has(n) && this.highlights.has(n));
    if (blocked) throw protectedError(blocked);
    let formats = 0;
    for (const n of names) {
      const marks = this.highlights.get(n);
      if (!marks) continue;
      formats += new Set(marks.values()).size; // one conditional format per severity
      this.highlights.delete(n);
    }
    return formats;
  }

  async select(sheet: string, cell: string): Promise<void> {
    this.log.selects.push({ sheet, cell });
    this.maybeFail("select");
    if (!this.sheets.has(sheet)) throw sheetNotFound(sheet);
    if (!/^[A-Z]{1,3}[1-9]\d*$/.test(cell)) throw new Error(`not an A1 address: ${cell}`);
    this.active = sheet;
  }

  async watch(sheet: string, onChange: () => void): Promise<() => Promise<void>> {
    this.log.watches.push(sheet);
    this.maybeFail("watch");
    if (!this.sheets.has(sheet)) throw sheetNotFound(sheet);
    const id = this.nextWatcher++;
    this.watchers.set(id, { sheet, onChange });
    return async () => {
      if (this.watchers.delete(id)) this.log.unwatches.push(sheet);
    };
  }

  loadSettings(): WorkbookSettings {
    return clone(this.settings);
  }

  async saveSettings(settings: WorkbookSettings): Promise<void> {
    this.maybeFail("saveSettings");
    this.log.saves.push(clone(settings));
    this.settings = clone(settings);
  }
}
