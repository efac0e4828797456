/**
 * WorkbookHost over Office.js. Every Excel.run asks `delayForCellEdit`, every Office error becomes a HostError,
 * and the number of context.sync() calls never depends on the sheet's size (except one per row block for a
 * sheet beyond the payload limit):
 *
 * - check({sheet}): read 1 sync; highlight 1 more (2 when the sheet already holds add-in highlights, whose
 *   areas are read first so a failed write can be rolled back). Without `sheet`, listSheets() first (2 syncs).
 * - clearHighlights(sheet): 2 syncs; all sheets: 3.
 * - listSheets(): 2 syncs whatever the number of sheets. select(): 1. watch(): 1, unsubscribe 1.
 * - Editing (./edit): planInsert 1 sync (the read); insertIndicators, applyFixes, applySuggestion,
 *   convertLayout 2 (read, write), plus 2 to roll back a failed write; undo 2 (check, write), plus 2 to roll
 *   back. The read is 1 sync whatever the sheet's size, except a sheet read in blocks (then 1 more).
 * - selection() 1 sync, 2 when the sheet's model is not cached (./selection); watchSelection 1, unsubscribe 1.
 */
import {
  buildTableSteps, conversionSheetName, findHeader, findingKey, isPlanError, planConversion, planFixes, planInsertion, planSuggestion,
  Slicer, validateGridSliced, validateSliced,
  type EditPlan, type Finding, type GridInput, type HeaderInfo, type Layout, type NoTable, type PlanError, type Table,
  type ValidateOptions, type ValidationResult,
} from "../core";
import { HEADER_SCAN_ROWS } from "../core/header";
import { checkUndo, readForEdit, verifyPlan, writePlan, writeUndo, type EditRead } from "./edit";
import { hostError, toHostError, type ErrorContext } from "./errors";
import { planHighlightsSteps, queueClear, writeHighlights, writeError, isOwn } from "./highlight";
import {
  HostError,
  pickSheet,
  type CheckRequest,
  type CheckRun,
  type HighlightSkip,
  type Lang,
  type SheetCandidate,
  type AppliedChange,
  type FixRequest,
  type HostErrorCode,
  type InsertRequest,
  type SuggestionRequest,
  type Theme,
  type WorkbookHost,
  type WorkbookSettings,
} from "./host";
import { parseAreas, queueFormats, readSheet, slicedSync, takeFormats, type Sync } from "./read";
import { createSelectionTracker } from "./selection";
import { CHANGES_LIMIT, loadChanges, loadSettings, newestFirst, saveChanges, saveSettings } from "./settings";

/** The lowest API set the add-in runs on (manifest minimum). */
export const MIN_API = "1.9";
/** Range.getMergedAreasOrNullObject. */
export const MERGES_API = "1.13";

export interface ExcelEnv {
  Excel?: typeof Excel;
  Office?: typeof Office;
}

function globalOf<T>(name: string): T | undefined {
  return (globalThis as Record<string, unknown>)[name] as T | undefined;
}

/** Relative luminance of "#RRGGBB" (0 black … 1 white); null when unparsable. */
export function luminance(color: string | undefined | null): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec((color ?? "").trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  const lin = (x: number) => {
    const c = x / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

function layoutOf(h: HeaderInfo): Layout {
  const c = h.columns;
  return c.l1 !== undefined || c.l2 !== undefined || c.l3 !== undefined ? "structured" : "published";
}

function now(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

/**
 * Longest stretch of the add-in's own work before it gives control back to the pane's event loop (issue 6):
 * below the 50 ms a browser calls a long task, far below the 5 s after which desktop Excel offers to restart an
 * add-in that does not answer.
 */
export const SLICE_BUDGET_MS = 30;

/**
 * Give control back to the event loop: a macrotask, so that input, rendering and Office's own messages run
 * before the work goes on. A MessageChannel message where there is one (no 4 ms clamp, unlike nested
 * setTimeout calls), else setTimeout 0. A fresh channel each time, closed once used: an open port would keep a
 * Node process alive.
 */
export function yieldToEventLoop(): Promise<void> {
  const Channel = (globalThis as { MessageChannel?: typeof MessageChannel }).MessageChannel;
  if (typeof Channel === "function") {
    return new Promise((resolve) => {
      const ch = new Channel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        ch.port2.close();
        resolve();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A slicer for one operation of the add-in, with the budget above. */
function newSlicer(): Slicer {
  return new Slicer({ now, yieldControl: yieldToEventLoop, budgetMs: SLICE_BUDGET_MS });
}

/** A plan the core could not make → the HostError the pane shows (its message names the sheet and cell). */
function planError(pe: PlanError): HostError {
  const codes: Partial<Record<PlanError["error"], HostErrorCode>> = { noProject: "noProject", notEmpty: "notEmpty", stale: "stale", nothingToFix: "stale" };
  return new HostError(codes[pe.error] ?? "unknown", `${pe.message}。`.replace(/[。.]。$/, "。"), /[.!?]$/.test(pe.messageEn) ? pe.messageEn : `${pe.messageEn}.`, true, pe);
}

function noTableError(sheet: string, message: string, messageEn: string): HostError {
  return new HostError("sheetNotFound", message, messageEn, true, { sheet });
}

let changeCounter = 0;
function newChangeId(): string {
  changeCounter = (changeCounter + 1) % 1_000_000;
  return `${Date.now().toString(36)}-${changeCounter.toString(36).padStart(4, "0")}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

export function createExcelHost(env: ExcelEnv = {}): WorkbookHost {
  const excel = (): typeof Excel => {
    const x = env.Excel ?? globalOf<typeof Excel>("Excel");
    if (!x) throw hostError("unsupported");
    return x;
  };
  const office = (): typeof Office | undefined => env.Office ?? globalOf<typeof Office>("Office");

  function supports(version: string): boolean {
    try {
      const req = office()?.context?.requirements;
      return req ? req.isSetSupported("ExcelApi", version) : true;
    } catch {
      return false;
    }
  }

  // Checks and clears run one at a time: two interleaved writes would each delete the formats the other read.
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(job: () => Promise<T>): Promise<T> {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  }

  /** One Excel.run with delayForCellEdit; counts syncs; turns every error into a HostError. */
  async function run<T>(
    sheet: string | undefined,
    batch: (ctx: Excel.RequestContext, sync: Sync) => Promise<T>,
    counter = { n: 0 },
    errors: ErrorContext = {},
  ): Promise<T> {
    if (!supports(MIN_API)) throw hostError("unsupported", { sheet, ...errors });
    try {
      return await excel().run({ delayForCellEdit: true }, (ctx) => {
        const sync: Sync = () => {
          counter.n++;
          return ctx.sync();
        };
        return batch(ctx, sync);
      });
    } catch (e) {
      throw toHostError(e, { sheet, ...errors });
    }
  }

  async function listSheets(counter = { n: 0 }): Promise<SheetCandidate[]> {
    const merges = supports(MERGES_API);
    return run(undefined, async (ctx, sync) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load("items/name,items/visibility");
      const active = sheets.getActiveWorksheet();
      active.load("name");
      await sync();
      const heads = sheets.items.map((ws) => {
        const used = ws.getUsedRange(true);
        used.load("rowCount");
        // The header scan looks at HEADER_SCAN_ROWS rows and the row after them (a two-row header).
        const head = used.getRow(0).getResizedRange(HEADER_SCAN_ROWS, 0);
        head.load("values,rowIndex,columnIndex");
        const merged = merges ? head.getMergedAreasOrNullObject() : null;
        merged?.load("address");
        return { ws, used, head, merged };
      });
      await sync();
      return heads.map(({ ws, used, head, merged }) => {
        const values = head.values.slice(0, used.rowCount).map((row) => row.map((v) => (v === "" ? null : (v as string | number | boolean))));
        const h = findHeader({
          sheet: ws.name,
          values,
          origin: { row: head.rowIndex, col: head.columnIndex },
          merges: merged && !merged.isNullObject ? parseAreas(merged.address) : [],
        });
        return {
          name: ws.name,
          hasTable: h !== null,
          layout: h ? layoutOf(h) : null,
          // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- loaded above and synced through the counting wrapper o.sync(), which the rule cannot follow
          active: ws.name === active.name,
          visible: ws.visibility === "Visible",
        };
      });
    }, counter);
  }

  /**
   * Check a sheet. Without `request.sheet` the sheet is the one pickSheet would choose, found with as few round
   * trips as possible: the sheet remembered in the settings, read directly; else the active sheet, read directly
   * and kept when it holds a target table (the usual case: 2 syncs in all); else the list of sheets.
   */
  async function check(request: CheckRequest = {}): Promise<CheckRun> {
    const counter = { n: 0 };
    if (request.sheet) return (await checkSheet(request.sheet, request, counter))!;
    const remembered = loadSettings(office()?.context?.document?.settings).sheet;
    try {
      const direct = await checkSheet(remembered, request, counter, remembered === null);
      if (direct) return direct;
    } catch (e) {
      // A remembered sheet that was renamed or deleted since: fall back to the list, as pickSheet does.
      if (!(remembered !== null && e instanceof HostError && e.code === "sheetNotFound")) throw e;
    }
    const sheet = pickSheet(await listSheets(counter), remembered);
    if (!sheet) {
      throw new HostError(
        "sheetNotFound",
        "未找到绩效目标表：表头需包含“项目名称”和“绩效指标”。请选择要检查的工作表。",
        "No target table found: the header must contain 项目名称 and 绩效指标. Choose the sheet to check.",
      );
    }
    return (await checkSheet(sheet, request, counter))!;
  }

  /**
   * Read, validate and highlight one sheet (the active one when `sheet` is null). With `onlyIfTable`, a sheet that
   * holds no target table is left untouched and null is returned.
   */
  /**
   * The add-in's own work runs in slices of at most about SLICE_BUDGET_MS (assembling the grid from the read,
   * the engine, planning the highlights), giving control back to the event loop in between; the run reports how
   * many slices it took and the longest.
   */
  async function checkSheet(sheet: string | null, request: CheckRequest, counter: { n: number }, onlyIfTable = false): Promise<CheckRun | null> {
    const merges = supports(MERGES_API);
    const slicer = newSlicer();
    return run(sheet ?? undefined, async (ctx, excelSync) => {
      slicer.begin();
      const sync = slicedSync(excelSync, slicer);
      const read = await readSheet(ctx, sheet, { merges, sync, slicer });
      const target = read.sheet;
      if (onlyIfTable && !findHeader(read.grid)) {
        slicer.end();
        return null;
      }
      // The engine's time is the time its slices held the thread, not the time given back to the event loop.
      const busy0 = slicer.snapshot().busyMs;
      let result: ValidationResult | NoTable;
      try {
        result = await validateGridSliced(read.grid, request.options ?? {}, slicer);
      } catch (e) {
        const detail = e instanceof Error ? e.message.split("\n")[0] : String(e);
        throw new HostError("unknown", `校验引擎出错（${detail}）。工作表未作任何更改。`, `The validation engine failed (${detail}). The sheet was not changed.`, true, e);
      }
      const engineMs = slicer.snapshot().busyMs - busy0;
      let highlighted = 0;
      let skipped: HighlightSkip = null;
      if (request.highlight !== false) {
        const plan = result.table ? await slicer.run(planHighlightsSteps(result.findings)) : { chunks: [], cells: 0 };
        const stale = read.formats?.some(isOwn) ?? false;
        if (read.formats === null) skipped = "formatsUnreadable";
        else if (read.protected && (plan.cells > 0 || stale)) skipped = "protected";
        else {
          if (plan.cells > 0 || stale) await writeHighlights(ctx, { sheet: target, plan, before: read.formats, sync });
          highlighted = plan.cells;
          if (plan.cells === 0) skipped = "noFindings";
        }
      }
      slicer.end();
      const stats = slicer.snapshot();
      return {
        sheet: target, result, highlighted, highlightSkipped: skipped, syncs: counter.n, rows: read.rows, engineMs,
        slices: { count: stats.count, longestMs: stats.longestMs },
      };
    }, counter);
  }

  async function clearHighlights(sheet?: string): Promise<number> {
    return run(sheet, async (ctx, sync) => {
      const targets: { ws: Excel.Worksheet; name: string; protection: Excel.WorksheetProtection; cfs: Excel.ConditionalFormatCollection }[] = [];
      if (sheet !== undefined) {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.protection.load("protected");
        // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- loaded above and synced through the counting wrapper o.sync(), which the rule cannot follow
        targets.push({ ws, name: sheet, protection: ws.protection, cfs: queueFormats(ws) });
      } else {
        const sheets = ctx.workbook.worksheets;
        sheets.load("items/name,items/protection/protected");
        await sync();
        for (const ws of sheets.items) targets.push({ ws, name: ws.name, protection: ws.protection, cfs: queueFormats(ws) });
      }
      await sync();
      let count = 0;
      const blocked: string[] = [];
      for (const t of targets) {
        const formats = takeFormats(t.cfs);
        if (!formats.some(isOwn)) continue;
        if (t.protection.protected) blocked.push(t.name);
        else count += queueClear(t.ws, formats);
      }
      if (count > 0) {
        try {
          await sync();
        } catch (err) {
          // Deletes are not transactional: count what is left to say truthfully whether anything changed.
          let unchanged = false;
          try {
            const left = targets.map((t) => queueFormats(t.ws));
            await sync();
            unchanged = left.reduce((n, c) => n + takeFormats(c).filter(isOwn).length, 0) >= count;
          } catch {
            unchanged = false;
          }
          throw writeError(err, sheet ?? blocked[0], unchanged);
        }
      }
      if (blocked.length > 0) throw hostError("protected", { sheet: blocked.join("、") });
      return count;
    });
  }

  async function select(sheet: string, cell: string): Promise<void> {
    await run(sheet, async (ctx, sync) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await sync();
    });
  }

  async function watch(sheet: string, onChange: () => void): Promise<() => Promise<void>> {
    const handle = await run(sheet, async (ctx, sync) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const h = ws.onChanged.add(async () => {
        onChange();
      });
      await sync();
      return h;
    });
    let removed = false;
    return async () => {
      if (removed) return;
      removed = true;
      try {
        await excel().run(handle.context, async (ctx) => {
          handle.remove();
          await ctx.sync();
        });
      } catch (e) {
        throw toHostError(e, { sheet });
      }
    };
  }

  // --- Editing ---------------------------------------------------------------------------------

  const settingsObject = () => office()?.context?.document?.settings;
  const tracker = createSelectionTracker({
    run: (sheet, batch) => run(sheet, batch),
    merges: () => supports(MERGES_API),
    excel,
    slicer: newSlicer,
  });
  /** Changes made or undone by this host, newest first (the workbook's list may lack one too large to store). */
  let session: AppliedChange[] = [];

  function changes(): AppliedChange[] {
    const byId = new Map(loadChanges(settingsObject()).map((c) => [c.id, c] as const));
    for (const c of session) {
      const stored = byId.get(c.id);
      byId.set(c.id, stored ? { ...stored, undone: stored.undone || c.undone } : c);
    }
    return [...byId.values()].sort(newestFirst).slice(0, CHANGES_LIMIT);
  }

  /** Remember a change (or its undoing) in this session and in the workbook. Saving is best effort. */
  async function record(change: AppliedChange): Promise<void> {
    session = [change, ...session.filter((c) => c.id !== change.id)].slice(0, CHANGES_LIMIT);
    try {
      await saveChanges(settingsObject(), changes());
    } catch {
      // The change is made and kept for this session; it just cannot be undone after the workbook is reopened.
    }
  }

  function afterWrite(plan: EditPlan, source: string): void {
    tracker.invalidate(source);
    tracker.invalidate(plan.sheet);
    tracker.refresh();
  }

  const editErrors: ErrorContext = { action: "edit" };

  interface Planned {
    er: EditRead;
    plan: EditPlan;
  }

  /** Plans an edit from a fresh read and its table; `slicer` runs any long validation the plan needs in slices. */
  type MakePlan = (er: EditRead, table: Table, grid: GridInput, slicer: Slicer) => EditPlan | PlanError | Promise<EditPlan | PlanError>;

  /**
   * Read `sheet` (1 sync) and plan on that read; throws the plan's refusal as a HostError. The table is built
   * (and validated, for fixes) in slices, as a check is.
   */
  async function planOn(ctx: Excel.RequestContext, sheet: string, sync: Sync, make: MakePlan): Promise<Planned> {
    const slicer = newSlicer();
    slicer.begin();
    try {
      const er = await readForEdit(ctx, sheet, { merges: supports(MERGES_API), sync: slicedSync(sync, slicer) });
      const built = await slicer.run(buildTableSteps(er.read.grid));
      if (!built.table) throw noTableError(er.read.sheet, built.message, built.messageEn);
      const plan = await make(er, built.table, er.read.grid, slicer);
      if (isPlanError(plan)) throw planError(plan);
      return { er, plan };
    } finally {
      slicer.end();
    }
  }

  /** Read, plan, verify and write in one Excel.run (2 syncs); record the change. */
  function apply(sheet: string, make: MakePlan): Promise<AppliedChange> {
    return exclusive(async () => {
      const plan = await run(sheet, async (ctx, sync) => {
        const { er, plan } = await planOn(ctx, sheet, sync, make);
        if (plan.createSheet && er.workbookProtected) throw hostError("protected", { sheet: plan.sheet, action: "edit", workbook: true });
        if (!plan.createSheet && er.read.protected) throw hostError("protected", { sheet: er.read.sheet, action: "edit" });
        const bad = verifyPlan(plan, er);
        if (bad) throw bad;
        await writePlan(ctx, plan, er, sync);
        return plan;
      }, undefined, { ...editErrors, sheet });
      const change: AppliedChange = { id: newChangeId(), at: new Date().toISOString(), plan, undone: false };
      afterWrite(plan, sheet);
      await record(change);
      return change;
    });
  }

  /**
   * The findings of a fresh validation of the read's table (the fixes and suggestions are planned from them):
   * what validateGrid gives on the read's grid, without building the table a second time.
   */
  async function findingsOf(table: Table, options: ValidateOptions | undefined, slicer: Slicer): Promise<Finding[]> {
    return (await validateSliced(table, options ?? {}, slicer)).findings;
  }

  function gone(sheet: string, what: "fixes" | "finding"): HostError {
    return what === "fixes"
      ? new HostError("stale", `工作表“${sheet}”中已找不到要修复的问题（表格可能已被修改）：请重新检查。`, `The issues to fix are no longer found on sheet "${sheet}" (it may have been edited): check it again.`)
      : new HostError("stale", `工作表“${sheet}”中已找不到这个问题（表格可能已被修改）：请重新检查。`, `This issue is no longer found on sheet "${sheet}" (it may have been edited): check it again.`);
  }

  function planInsert(request: InsertRequest): Promise<EditPlan> {
    return run(request.sheet, async (ctx, sync) => {
      const { plan } = await planOn(ctx, request.sheet, sync, (_er, table, grid) => planInsertion(table, grid, request.projectRow, request.specs));
      return plan;
    }, undefined, { ...editErrors, sheet: request.sheet });
  }

  function insertIndicators(request: InsertRequest): Promise<AppliedChange> {
    return apply(request.sheet, (_er, table, grid) => planInsertion(table, grid, request.projectRow, request.specs));
  }

  function applyFixes(request: FixRequest): Promise<AppliedChange> {
    return apply(request.sheet, async (er, table, grid, slicer) => {
      const all = await findingsOf(table, request.options, slicer);
      const keys = request.keys ? new Set(request.keys) : null;
      const chosen = keys ? all.filter((f) => keys.has(findingKey(f))) : all;
      if (keys && !chosen.some((f) => f.fix)) throw gone(er.read.sheet, "fixes");
      return planFixes(table, grid, chosen);
    });
  }

  function applySuggestion(request: SuggestionRequest): Promise<AppliedChange> {
    return apply(request.sheet, async (er, table, grid, slicer) => {
      const finding = (await findingsOf(table, request.options, slicer)).find((f) => findingKey(f) === request.key);
      if (!finding) throw gone(er.read.sheet, "finding");
      return planSuggestion(grid, finding, request.suggestionId);
    });
  }

  function convertLayout(sheet: string, to: Layout): Promise<AppliedChange> {
    return apply(sheet, (er, table, grid) => planConversion(table, grid, to, conversionSheetName(er.read.sheet, to, er.sheetNames)));
  }

  function undo(changeId: string): Promise<AppliedChange> {
    return exclusive(async () => {
      const change = changes().find((c) => c.id === changeId);
      if (!change) {
        throw new HostError("stale", "找不到这项更改的记录（可能已超出保留的数量）：无法撤销。", "This change is no longer recorded (the list keeps a limited number): it cannot be undone.");
      }
      if (change.undone) return change;
      const plan = change.plan;
      await run(plan.sheet, async (ctx, sync) => {
        await checkUndo(ctx, plan, sync);
        await writeUndo(ctx, plan, sync);
      }, undefined, { ...editErrors, sheet: plan.sheet });
      const done: AppliedChange = { ...change, undone: true };
      afterWrite(plan, plan.sheet);
      await record(done);
      return done;
    });
  }

  return {
    selection: () => tracker.selection(),
    watchSelection: (onChange) => tracker.watchSelection(onChange),
    planInsert,
    insertIndicators,
    applyFixes,
    applySuggestion,
    convertLayout,
    undo,
    changes,
    lang(): Lang {
      try {
        return /^zh/i.test(office()?.context?.displayLanguage ?? "zh") ? "zh" : "en";
      } catch {
        return "zh";
      }
    },
    theme(): Theme {
      try {
        const l = luminance(office()?.context?.officeTheme?.bodyBackgroundColor);
        return l !== null && l < 0.5 ? "dark" : "light";
      } catch {
        return "light";
      }
    },
    listSheets: () => listSheets(),
    check: (request?: CheckRequest) => exclusive(() => check(request)),
    clearHighlights: (sheet?: string) => exclusive(() => clearHighlights(sheet)),
    select,
    watch,
    loadSettings(): WorkbookSettings {
      return loadSettings(office()?.context?.document?.settings);
    },
    saveSettings(settings: WorkbookSettings): Promise<void> {
      return saveSettings(office()?.context?.document?.settings, settings);
    },
  };
}
