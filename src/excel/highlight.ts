/**
 * Highlights are conditional formats the add-in owns: one per severity (more only when the address has to be
 * cut into several `getRanges` calls), each cell once with its worst severity. A marker in the custom formula,
 * `=LEN("JIXIAO:<severity>:<run>")>0` (always true), tells them apart from the user's formats, which are never
 * touched; neither are the user's fills, fonts or borders, so deleting the add-in's formats restores the look.
 *
 * Writing is one sync: add the new formats, then delete the previous ones. Office.js syncs are not
 * transactional, so when that sync fails part-way `rollback` deletes whatever this run added and re-adds the
 * previous add-in formats that were already deleted, with their ranges (read beforehand), rule, colors and
 * sheet-wide priority: the sheet then looks exactly as before.
 */
import { columnLetters, finish, sortSteps, type Finding, type Severity, type Steps } from "../core";
import { hostError, officeCode, toHostError } from "./errors";
import { parseAreas, queueFormats, takeFormats, type ExistingFormat, type Sync } from "./read";

export const MARKER = "JIXIAO";
/** Longest address `worksheet.getRanges` accepts. */
export const ADDRESS_LIMIT = 8192;

export const STYLES: Readonly<Record<Severity, { fill: string; font: string }>> = {
  error: { fill: "#FFC7CE", font: "#9C0006" },
  warning: { fill: "#FFEB9C", font: "#9C5700" },
  info: { fill: "#DDEBF7", font: "#1F4E79" },
};

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

export function markerFormula(severity: Severity, run: string): string {
  return `=LEN("${MARKER}:${severity}:${run}")>0`;
}

/** True for a conditional format the add-in wrote (any run, any version). */
export function isOwn(f: Pick<ExistingFormat, "formula">): boolean {
  return typeof f.formula === "string" && f.formula.includes(`"${MARKER}:`);
}

let runCounter = 0;
/** A token unique to one write, so a rollback can tell this run's formats from older ones. */
export function newRunToken(): string {
  runCounter = (runCounter + 1) % 1296;
  return Date.now().toString(36) + runCounter.toString(36).padStart(2, "0");
}

export interface HighlightChunk {
  severity: Severity;
  /** Comma-separated A1 areas, at most ADDRESS_LIMIT characters. */
  address: string;
}

export interface HighlightPlan {
  chunks: HighlightChunk[];
  /** Distinct cells highlighted. */
  cells: number;
}

/** Cells (or findings) handled between two checkpoints of the stepped planning. */
const CELLS_PER_STEP = 4096;

function byColumnThenRow(a: { row: number; col: number }, b: { row: number; col: number }): number {
  return a.col - b.col || a.row - b.row;
}

/** Vertical runs of cells (same column, consecutive rows) as A1 areas: G7:G10, B4. */
export function runsOf(cells: readonly { row: number; col: number }[]): string[] {
  return finish(runsSteps(cells));
}

/** `runsOf` in steps (a check of a large sheet plans highlights in slices). */
export function* runsSteps(cells: readonly { row: number; col: number }[]): Steps<string[]> {
  const sorted = yield* sortSteps([...cells], byColumnThenRow);
  const out: string[] = [];
  let next = CELLS_PER_STEP;
  for (let i = 0; i < sorted.length; ) {
    if (i >= next) {
      next = i + CELLS_PER_STEP;
      yield "host";
    }
    const { row, col } = sorted[i];
    let end = row;
    let j = i + 1;
    while (j < sorted.length && sorted[j].col === col && sorted[j].row <= end + 1) {
      end = Math.max(end, sorted[j].row);
      j++;
    }
    const letters = columnLetters(col);
    out.push(end === row ? `${letters}${row + 1}` : `${letters}${row + 1}:${letters}${end + 1}`);
    i = j;
  }
  return out;
}

/** Join areas with commas into strings of at most `limit` characters. */
export function chunkAddresses(areas: readonly string[], limit = ADDRESS_LIMIT): string[] {
  const out: string[] = [];
  let cur = "";
  for (const a of areas) {
    if (a.length > limit) throw new Error(`area ${a} longer than ${limit} characters`);
    if (cur === "") cur = a;
    else if (cur.length + 1 + a.length <= limit) cur += "," + a;
    else {
      out.push(cur);
      cur = a;
    }
  }
  if (cur !== "") out.push(cur);
  return out;
}

/** Each cell once, with the worst severity of its findings; chunked addresses per severity. */
export function planHighlights(findings: readonly Finding[], limit = ADDRESS_LIMIT): HighlightPlan {
  return finish(planHighlightsSteps(findings, limit));
}

/** `planHighlights` in steps (a check of a large sheet plans highlights in slices). */
export function* planHighlightsSteps(findings: readonly Finding[], limit = ADDRESS_LIMIT): Steps<HighlightPlan> {
  const worst = new Map<number, { row: number; col: number; severity: Severity }>();
  for (let i = 0; i < findings.length; i++) {
    if (i > 0 && i % CELLS_PER_STEP === 0) yield "host";
    const f = findings[i];
    const key = f.row * 16384 + f.col;
    const cur = worst.get(key);
    if (!cur || RANK[f.severity] < RANK[cur.severity]) worst.set(key, { row: f.row, col: f.col, severity: f.severity });
  }
  // The cells of each severity, in the map's order (what filtering the map's values per severity gives).
  const bySeverity: Record<Severity, { row: number; col: number }[]> = { error: [], warning: [], info: [] };
  for (const c of worst.values()) bySeverity[c.severity].push(c);
  yield "host";
  const chunks: HighlightChunk[] = [];
  for (const severity of SEVERITIES) {
    const runs = yield* runsSteps(bySeverity[severity]);
    for (const address of chunkAddresses(runs, limit)) chunks.push({ severity, address });
    yield "host";
  }
  return { chunks, cells: worst.size };
}

function addFormat(
  ws: Excel.Worksheet,
  address: string,
  f: { formula: string; fill: string | null; font: string | null; stopIfTrue?: boolean | null },
): Excel.ConditionalFormat {
  const cf = ws.getRanges(address).conditionalFormats.add("Custom");
  cf.custom.rule.formula = f.formula;
  if (f.fill) cf.custom.format.fill.color = f.fill;
  if (f.font) cf.custom.format.font.color = f.font;
  if (f.stopIfTrue) cf.stopIfTrue = true;
  return cf;
}

function queueDeletes(ws: Excel.Worksheet, ids: readonly string[]): void {
  const all = ws.getRange().conditionalFormats;
  for (const id of ids) all.getItem(id).delete();
}

/** The areas of each of the given formats (one sync): what a rollback needs to re-add them. */
export async function loadAreas(ws: Excel.Worksheet, formats: readonly ExistingFormat[], sync: Sync): Promise<Map<string, string[]>> {
  const all = ws.getRange().conditionalFormats;
  const ranges = formats.map((f) => {
    const r = all.getItem(f.id).getRanges();
    r.load("address");
    return [f.id, r] as const;
  });
  await sync();
  const out = new Map<string, string[]>();
  for (const [id, r] of ranges) {
    out.set(id, parseAreas(r.address).map((a) => {
      const first = `${columnLetters(a.left)}${a.top + 1}`;
      return a.top === a.bottom && a.left === a.right ? first : `${first}:${columnLetters(a.right)}${a.bottom + 1}`;
    }));
  }
  return out;
}

export interface WriteInput {
  sheet: string;
  plan: HighlightPlan;
  /** Every conditional format on the sheet before the write (from the read). */
  before: readonly ExistingFormat[];
  sync: Sync;
}

/**
 * Replace the add-in's formats on the sheet by the plan's: one sync, plus one beforehand to read the areas of
 * the previous add-in formats when there are any. On failure, roll back and throw a HostError saying whether
 * the sheet is as it was.
 */
export async function writeHighlights(ctx: Excel.RequestContext, w: WriteInput): Promise<void> {
  const ws = ctx.workbook.worksheets.getItem(w.sheet);
  const previous = w.before.filter(isOwn);
  const areas = previous.length > 0 ? await loadAreas(ws, previous, w.sync) : new Map<string, string[]>();
  const run = newRunToken();
  for (const chunk of w.plan.chunks) {
    addFormat(ws, chunk.address, { formula: markerFormula(chunk.severity, run), ...STYLES[chunk.severity] });
  }
  queueDeletes(ws, previous.map((f) => f.id));
  try {
    await w.sync();
  } catch (err) {
    let restored = false;
    try {
      await rollback(ctx, w.sheet, w.before, areas, run, w.sync);
      restored = true;
    } catch {
      restored = false;
    }
    throw writeError(err, w.sheet, restored);
  }
}

/** A failed write → HostError. A format that vanished under us means another operation ran meanwhile: busy. */
export function writeError(err: unknown, sheet: string | undefined, sheetUnchanged: boolean) {
  const ctx = { sheet, sheetUnchanged };
  return officeCode(err) === "ItemNotFound" ? hostError("busy", ctx, err) : toHostError(err, ctx);
}

/**
 * Undo a partly applied write: delete the formats this run added (new ids whose formula carries the run token,
 * or is still empty because the failure came right after the add) and re-add the previous add-in formats that
 * are gone, at their former priorities. Up to three syncs; throws when they fail.
 *
 * A format's `priority` is its index in the collection it was reached through ("Priority is a number equal to
 * the index in the ConditionalFormatCollection"), and a re-added format is reached through its own ranges'
 * collection, which holds only the formats that intersect them. So the former sheet-wide priorities are set
 * in a third sync through the sheet's collection, by id: first every re-added format goes to the bottom
 * (a priority beyond the bounds is clamped to the last), then each to its slot in ascending order, so every
 * format above a slot is already in place when it is filled.
 */
export async function rollback(
  ctx: Excel.RequestContext,
  sheet: string,
  before: readonly ExistingFormat[],
  areas: ReadonlyMap<string, string[]>,
  run: string,
  sync: Sync,
): Promise<void> {
  const ws = ctx.workbook.worksheets.getItem(sheet);
  const cfs = queueFormats(ws);
  await sync();
  const now = takeFormats(cfs);
  const beforeIds = new Set(before.map((f) => f.id));
  const nowIds = new Set(now.map((f) => f.id));
  const added = now.filter((f) => !beforeIds.has(f.id) && f.type === "Custom" && (!f.formula || f.formula.includes(run)));
  queueDeletes(ws, added.map((f) => f.id));
  const missing = before.filter((f) => isOwn(f) && !nowIds.has(f.id)).sort((a, b) => a.priority - b.priority);
  const readded: { cf: Excel.ConditionalFormat; priority: number }[] = [];
  let extra = 0;
  for (const f of missing) {
    const chunks = chunkAddresses(areas.get(f.id) ?? []);
    chunks.forEach((chunk, i) => {
      const cf = addFormat(ws, chunk, { formula: f.formula ?? "", fill: f.fill, font: f.font, stopIfTrue: f.stopIfTrue });
      cf.load("id");
      readded.push({ cf, priority: f.priority + extra + i });
    });
    extra += Math.max(0, chunks.length - 1);
  }
  if (added.length === 0 && missing.length === 0) return;
  await sync();
  if (readded.length === 0) return;
  // eslint-disable-next-line office-addins/load-object-before-read -- a navigation property (a proxy), not a loaded value
  const all = ws.getRange().conditionalFormats;
  const bottom = before.length + readded.length + now.length;
  const ids = readded.map((r) => ({ id: r.cf.id, priority: r.priority }));
  // A fresh object for every change: the reference says to re-fetch a format after changing its priority.
  for (const { id } of ids) all.getItem(id).priority = bottom;
  for (const { id, priority } of ids) all.getItem(id).priority = priority;
  await sync();
}

/** Delete the add-in's formats among `formats` (queued; the caller syncs). Returns how many. */
export function queueClear(ws: Excel.Worksheet, formats: readonly ExistingFormat[]): number {
  const own = formats.filter(isOwn);
  queueDeletes(ws, own.map((f) => f.id));
  return own.length;
}
