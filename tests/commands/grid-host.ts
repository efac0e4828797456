/**
 * A small honest WorkbookHost for the ribbon command's tests: sheets are GridInputs, `check` runs the real
 * engine (validateGrid) and "highlights" one cell per faulty cell, settings round-trip through JSON as Office's
 * document settings do. It records every call so tests can see what the command did.
 *
 * The editing methods (issue 4; the ribbon never calls them) are delegated to the pane's MemoryHost, which
 * runs the engine's planners over the same grids: edits made there land in this host's sheets.
 */
import { findHeader, validateGrid } from "../../src/core";
import type { EditPlan, GridInput, Layout } from "../../src/core";
import { MemoryHost } from "../fakes/memory-host";
import { DEFAULT_SETTINGS, HostError, pickSheet } from "../../src/excel/host";
import type {
  AppliedChange,
  FixRequest,
  InsertRequest,
  SelectionInfo,
  SuggestionRequest,
  CheckRequest,
  CheckRun,
  HighlightSkip,
  Lang,
  SheetCandidate,
  Theme,
  WorkbookHost,
  WorkbookSettings,
} from "../../src/excel/host";

export interface GridSheet {
  grid: GridInput;
  visible?: boolean;
  /** A protected sheet: checking works, highlighting is skipped (as the adapter does). */
  protected?: boolean;
}

export interface GridHostOptions {
  sheets: GridSheet[];
  active?: string;
  lang?: Lang;
  settings?: Partial<WorkbookSettings>;
  /** Thrown by `check` (e.g. a HostError for a cell being edited). */
  checkError?: unknown;
  /** Thrown by `listSheets`. */
  listError?: unknown;
  /** Thrown by `saveSettings`. */
  saveError?: unknown;
}

export class GridHost implements WorkbookHost {
  readonly sheets: Map<string, GridSheet>;
  active: string;
  private readonly language: Lang;
  private stored: string;
  readonly log = {
    listSheets: 0,
    checks: [] as CheckRequest[],
    saves: [] as WorkbookSettings[],
    /** Cells highlighted per sheet, by the last check of that sheet. */
    highlights: new Map<string, Set<string>>(),
  };

  constructor(private readonly options: GridHostOptions) {
    this.sheets = new Map(options.sheets.map((s) => [s.grid.sheet, s]));
    this.active = options.active ?? options.sheets[0]?.grid.sheet ?? "";
    this.language = options.lang ?? "zh";
    this.stored = JSON.stringify({ ...DEFAULT_SETTINGS, ...(options.settings ?? {}) });
  }

  lang(): Lang {
    return this.language;
  }

  theme(): Theme {
    return "light";
  }

  async listSheets(): Promise<SheetCandidate[]> {
    this.log.listSheets++;
    if (this.options.listError !== undefined) throw this.options.listError;
    return [...this.sheets.values()].map((s) => {
      const header = findHeader(s.grid);
      const c = header?.columns;
      const layout = c ? (c.l1 !== undefined || c.l2 !== undefined || c.l3 !== undefined ? "structured" : "published") : null;
      return {
        name: s.grid.sheet,
        hasTable: header !== null,
        layout,
        active: s.grid.sheet === this.active,
        visible: s.visible !== false,
      };
    });
  }

  async check(request: CheckRequest = {}): Promise<CheckRun> {
    this.log.checks.push(JSON.parse(JSON.stringify(request)));
    if (this.options.checkError !== undefined) throw this.options.checkError;
    const name = request.sheet ?? pickSheet(await this.listSheets(), this.loadSettings().sheet);
    const sheet = name === null ? undefined : this.sheets.get(name);
    if (!sheet || name === null) {
      throw new HostError("sheetNotFound", `找不到工作表“${name}”。`, `Sheet "${name}" was not found.`);
    }
    const started = performance.now();
    const result = validateGrid(sheet.grid, request.options);
    const engineMs = performance.now() - started;
    let highlighted = 0;
    let highlightSkipped: HighlightSkip = null;
    if (request.highlight !== false && result.table) {
      if (result.findings.length === 0) highlightSkipped = "noFindings";
      else if (sheet.protected) highlightSkipped = "protected";
      else {
        const cells = new Set(result.findings.map((f) => f.cell));
        this.log.highlights.set(name, cells);
        highlighted = cells.size;
      }
    }
    return { sheet: name, result, highlighted, highlightSkipped, syncs: 2, rows: sheet.grid.values.length, engineMs };
  }

  async clearHighlights(sheet?: string): Promise<number> {
    let n = 0;
    for (const [name, cells] of this.log.highlights) {
      if (sheet === undefined || sheet === name) {
        n += cells.size;
        this.log.highlights.delete(name);
      }
    }
    return n;
  }

  async select(sheet: string, _cell: string): Promise<void> {
    if (!this.sheets.has(sheet)) throw new HostError("sheetNotFound", "找不到工作表。", "Sheet not found.");
    this.active = sheet;
  }

  async watch(_sheet: string, _onChange: () => void): Promise<() => Promise<void>> {
    return async () => undefined;
  }

  loadSettings(): WorkbookSettings {
    return JSON.parse(this.stored) as WorkbookSettings;
  }

  async saveSettings(settings: WorkbookSettings): Promise<void> {
    if (this.options.saveError !== undefined) throw this.options.saveError;
    this.stored = JSON.stringify(settings);
    this.log.saves.push(JSON.parse(this.stored) as WorkbookSettings);
  }

  // --- Editing: delegated to a MemoryHost over the same grids ------------------------------------

  private editorHost: MemoryHost | null = null;

  /** The delegate, with this host's current grids, protection, active sheet and profile. */
  private editor(): MemoryHost {
    if (!this.editorHost) {
      this.editorHost = new MemoryHost({
        sheets: [...this.sheets.values()].map((s) => ({ grid: s.grid, visible: s.visible !== false })),
        active: this.active,
        lang: this.language,
        settings: this.loadSettings(),
        protectedSheets: [...this.sheets.values()].filter((s) => s.protected).map((s) => s.grid.sheet),
      });
    }
    const ed = this.editorHost;
    for (const [name, s] of this.sheets) {
      const mine = ed.sheets.get(name);
      if (mine) mine.grid = s.grid;
      else ed.sheets.set(name, { grid: s.grid, visible: s.visible !== false });
      if (s.protected) ed.protectedSheets.add(name);
      else ed.protectedSheets.delete(name);
    }
    ed.active = this.active;
    return ed;
  }

  /** Run an editing call on the delegate, then take its grids (new sheets included, deleted ones removed). */
  private async edit<T>(call: (ed: MemoryHost) => Promise<T>): Promise<T> {
    const ed = this.editor();
    try {
      return await call(ed);
    } finally {
      for (const [name, s] of ed.sheets) {
        const mine = this.sheets.get(name);
        if (mine) mine.grid = s.grid;
        else this.sheets.set(name, { grid: s.grid, visible: s.visible });
      }
      for (const name of [...this.sheets.keys()]) if (!ed.sheets.has(name)) this.sheets.delete(name);
    }
  }

  selection(): Promise<SelectionInfo> {
    return this.editor().selection();
  }

  watchSelection(onChange: (s: SelectionInfo) => void): Promise<() => Promise<void>> {
    return this.editor().watchSelection(onChange);
  }

  planInsert(request: InsertRequest): Promise<EditPlan> {
    return this.editor().planInsert(request);
  }

  insertIndicators(request: InsertRequest): Promise<AppliedChange> {
    return this.edit((ed) => ed.insertIndicators(request));
  }

  applyFixes(request: FixRequest): Promise<AppliedChange> {
    return this.edit((ed) => ed.applyFixes(request));
  }

  applySuggestion(request: SuggestionRequest): Promise<AppliedChange> {
    return this.edit((ed) => ed.applySuggestion(request));
  }

  convertLayout(sheet: string, to: Layout): Promise<AppliedChange> {
    return this.edit((ed) => ed.convertLayout(sheet, to));
  }

  undo(changeId: string): Promise<AppliedChange> {
    return this.edit((ed) => ed.undo(changeId));
  }

  changes(): AppliedChange[] {
    return this.editorHost ? this.editorHost.changes() : [];
  }
}
