/**
 * Where the user's selection is, and the project it falls in (the picker's target), over Office.js.
 *
 * `selection()` loads the active sheet and the active cell in one sync (Workbook.getActiveCell, ExcelApi 1.7);
 * the sheet's table model is cached per worksheet id, so moving around a sheet costs that one sync. A sheet not
 * cached yet (or changed since) is read with the one-sync reader: 2 syncs. The cache is dropped for a sheet when
 * WorksheetCollection.onChanged (ExcelApi 1.9) reports a change on it (registered with the first read, in the
 * same sync) and after every write the add-in makes; until that listener is in place nothing is cached.
 *
 * `watchSelection` registers WorksheetCollection.onSelectionChanged (ExcelApi 1.9; 1 sync, unsubscribe 1) and
 * calls back once the selection has rested for SELECTION_DEBOUNCE_MS, with a fresh `selection()`; also after
 * each change the add-in applies or undoes (the project's indicators, hence the next number, changed).
 */
import { a1, buildTable, buildTableSteps, nextSequence, projectAt, type Layout, type Project, type Slicer, type Table } from "../core";
import { toHostError } from "./errors";
import type { ProjectTarget, SelectionInfo } from "./host";
import { readSheet, slicedSync, type Sync } from "./read";

/** Quiet time after the last selection change before the watcher reads it (arrow keys held down fire many). */
export const SELECTION_DEBOUNCE_MS = 150;

export type RunFn = <T>(sheet: string | undefined, batch: (ctx: Excel.RequestContext, sync: Sync) => Promise<T>) => Promise<T>;

export interface SelectionDeps {
  run: RunFn;
  /** Whether merged areas can be read (ExcelApi 1.13). */
  merges: () => boolean;
  excel: () => typeof Excel;
  /** A slicer for one read of a sheet's table (the add-in's budget); without it the table is built at once. */
  slicer?: () => Slicer;
}

interface Entry {
  name: string;
  table: Table | null;
}

export function projectTarget(p: Project): ProjectTarget {
  return {
    name: p.name,
    row: p.row,
    lastRow: p.lastRow,
    nameCell: a1(p.nameCell),
    indicatorCount: p.indicators.length,
    nextSeq: nextSequence(p),
  };
}

export interface SelectionTracker {
  selection(): Promise<SelectionInfo>;
  watchSelection(onChange: (s: SelectionInfo) => void): Promise<() => Promise<void>>;
  /** Forget the cached model of a sheet (by name; all sheets when omitted). */
  invalidate(sheet?: string): void;
  /** Call every selection watcher again (after the add-in changed the workbook). */
  refresh(): void;
  /** Sheets whose model is cached (for tests). */
  cachedSheets(): string[];
}

export function createSelectionTracker(deps: SelectionDeps): SelectionTracker {
  const tables = new Map<string, Entry>();
  /** Bumped on every change event of a sheet: a read that started before it is not cached. */
  const generation = new Map<string, number>();
  let listening: "no" | "pending" | "yes" = "no";
  const watchers = new Set<() => void>();

  function onChanged(args: Excel.WorksheetChangedEventArgs): Promise<void> {
    generation.set(args.worksheetId, (generation.get(args.worksheetId) ?? 0) + 1);
    tables.delete(args.worksheetId);
    return Promise.resolve();
  }

  function invalidate(sheet?: string): void {
    for (const [id, e] of tables) {
      if (sheet === undefined || e.name.toLowerCase() === sheet.toLowerCase()) {
        tables.delete(id);
        generation.set(id, (generation.get(id) ?? 0) + 1);
      }
    }
  }

  async function selection(): Promise<SelectionInfo> {
    return deps.run(undefined, async (ctx, sync) => {
      const ws = ctx.workbook.worksheets.getActiveWorksheet();
      ws.load("name,id");
      const cell = ctx.workbook.getActiveCell();
      cell.load("rowIndex,columnIndex");
      const register = listening === "no";
      if (register) {
        listening = "pending";
        ctx.workbook.worksheets.onChanged.add(onChanged);
      }
      try {
        await sync();
      } catch (e) {
        if (register) listening = "no";
        throw e;
      }
      if (register) listening = "yes";
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- loaded above and synced through the counting wrapper sync(), which the rule cannot follow
      const [id, name, row, col] = [ws.id, ws.name, cell.rowIndex, cell.columnIndex];
      let entry = tables.get(id);
      if (!entry || entry.name !== name) {
        const gen = generation.get(id) ?? 0;
        // A large sheet's read and model are built in slices (the pane stays responsive while the picker follows
        // the selection); Excel's round trips are not counted in a slice.
        const slicer = deps.slicer?.();
        if (slicer) {
          slicer.begin();
          const read = await readSheet(ctx, name, { merges: deps.merges(), sync: slicedSync(sync, slicer), formats: false, slicer });
          entry = { name, table: (await slicer.run(buildTableSteps(read.grid))).table };
          slicer.end();
        } else {
          const read = await readSheet(ctx, name, { merges: deps.merges(), sync, formats: false });
          entry = { name, table: buildTable(read.grid).table };
        }
        if (listening === "yes" && (generation.get(id) ?? 0) === gen) tables.set(id, entry);
      }
      const project = entry.table ? projectAt(entry.table, row) : null;
      return {
        sheet: name,
        cell: a1({ row, col }),
        row,
        col,
        layout: (entry.table?.layout ?? null) as Layout | null,
        project: project ? projectTarget(project) : null,
      };
    });
  }

  async function watchSelection(onChange: (s: SelectionInfo) => void): Promise<() => Promise<void>> {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const fire = (): void => {
      if (stopped) return;
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        selection().then(
          (s) => {
            if (!stopped) onChange(s);
          },
          () => undefined, // a selection that cannot be read now (cell editing, busy) is picked up by the next change
        );
      }, SELECTION_DEBOUNCE_MS);
    };
    const handle = await deps.run(undefined, async (ctx, sync) => {
      const h = ctx.workbook.worksheets.onSelectionChanged.add(async () => fire());
      await sync();
      return h;
    });
    watchers.add(fire);
    return async () => {
      if (stopped) return;
      stopped = true;
      watchers.delete(fire);
      if (timer !== null) clearTimeout(timer);
      try {
        await deps.excel().run(handle.context, async (ctx) => {
          handle.remove();
          await ctx.sync();
        });
      } catch (e) {
        throw toHostError(e);
      }
    };
  }

  return {
    selection,
    watchSelection,
    invalidate,
    refresh: () => watchers.forEach((w) => w()),
    cachedSheets: () => [...tables.values()].map((e) => e.name),
  };
}
