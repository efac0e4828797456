/**
 * WorkbookSettings in Office.context.document.settings: one key holding a JSON string. Reading never fails:
 * anything missing, of the wrong type or unparsable falls back to the default, field by field. The add-in's
 * applied changes (the undo list) live under a second key, CHANGES_KEY, read the same tolerant way.
 */
import type { CellEdit, CellValue, EditPlan, Finding, MergedArea, NumberFormatEdit, Summary, Thresholds } from "../core";
import { DEFAULT_SETTINGS, HostError, STORED_FINDINGS_LIMIT, type AppliedChange, type StoredRun, type WorkbookSettings } from "./host";

export const SETTINGS_KEY = "jixiao.settings";
/** Bump when the stored shape changes incompatibly; older shapes are read field by field anyway. */
export const SETTINGS_VERSION = 1;

type Settings = Pick<Office.Settings, "get" | "set" | "remove" | "saveAsync">;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const THRESHOLD_KEYS: readonly (keyof Thresholds)[] = ["satisfactionFloor", "minIndicators", "amountTolerance", "maxDecimals"];

function thresholdsOf(v: unknown): Partial<Thresholds> {
  const out: Partial<Thresholds> = {};
  if (!isObject(v)) return out;
  for (const k of THRESHOLD_KEYS) {
    const x = v[k];
    if (typeof x === "number" && Number.isFinite(x) && x >= 0) out[k] = x;
  }
  return out;
}

const SUMMARY_KEYS: readonly (keyof Summary)[] = ["errors", "warnings", "infos", "projects", "indicators"];

function summaryOf(v: unknown): Summary | null {
  if (!isObject(v)) return null;
  const s = {} as Summary;
  for (const k of SUMMARY_KEYS) {
    const x = v[k];
    if (typeof x !== "number" || !Number.isFinite(x)) return null;
    s[k] = x;
  }
  return s;
}

function isFinding(v: unknown): v is Finding {
  return (
    isObject(v) &&
    typeof v.ruleId === "string" &&
    typeof v.cell === "string" &&
    typeof v.message === "string" &&
    typeof v.messageEn === "string" &&
    (v.severity === "error" || v.severity === "warning" || v.severity === "info") &&
    typeof v.row === "number" &&
    typeof v.col === "number"
  );
}

function storedRunOf(v: unknown): StoredRun | null {
  if (!isObject(v) || typeof v.sheet !== "string" || typeof v.at !== "string") return null;
  const m = v.message;
  const message = isObject(m) && typeof m.zh === "string" && typeof m.en === "string" ? { zh: m.zh, en: m.en } : null;
  const findings = Array.isArray(v.findings) ? v.findings.filter(isFinding).slice(0, STORED_FINDINGS_LIMIT) : [];
  return {
    sheet: v.sheet,
    at: v.at,
    summary: summaryOf(v.summary),
    message,
    findings,
    truncated: v.truncated === true,
  };
}

/** Whatever is stored (a JSON string, an object, garbage) → complete WorkbookSettings. */
export function parseSettings(raw: unknown): WorkbookSettings {
  let v: unknown = raw;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      v = null;
    }
  }
  const d = DEFAULT_SETTINGS;
  if (!isObject(v)) return { ...d, thresholds: {} };
  return {
    profile: typeof v.profile === "string" && v.profile.trim() !== "" ? v.profile : d.profile,
    thresholds: thresholdsOf(v.thresholds),
    autoCheck: typeof v.autoCheck === "boolean" ? v.autoCheck : d.autoCheck,
    sheet: typeof v.sheet === "string" && v.sheet !== "" ? v.sheet : null,
    lastRun: storedRunOf(v.lastRun),
  };
}

export function loadSettings(settings: Settings | undefined): WorkbookSettings {
  let raw: unknown = null;
  try {
    raw = settings?.get(SETTINGS_KEY);
  } catch {
    raw = null;
  }
  return parseSettings(raw);
}

/** Store and persist (saveAsync). Rejects with a HostError when Office cannot save. */
export function saveSettings(settings: Settings | undefined, value: WorkbookSettings): Promise<void> {
  if (!settings) return Promise.reject(saveError(null));
  const clean = parseSettings({ ...value });
  try {
    settings.set(SETTINGS_KEY, JSON.stringify({ version: SETTINGS_VERSION, ...clean }));
  } catch (e) {
    return Promise.reject(saveError(e));
  }
  return new Promise((resolve, reject) => {
    settings.saveAsync((result: Office.AsyncResult<void>) => {
      if (String(result.status) === "failed") reject(saveError(result.error));
      else resolve();
    });
  });
}

function saveError(cause: unknown): HostError {
  return new HostError(
    "unknown",
    "无法把设置保存到工作簿。请确认工作簿未以只读方式打开，然后重试。",
    "The settings could not be saved in the workbook. Make sure it is not open read-only, then try again.",
    true,
    cause ?? undefined,
  );
}

// ---------------------------------------------------------------------------------------------
// Applied changes (undo list)
// ---------------------------------------------------------------------------------------------

/** The add-in's changes to the workbook, newest first, under their own key (never mixed with the settings). */
export const CHANGES_KEY = "jixiao.changes";
/** Changes kept in the workbook. */
export const CHANGES_LIMIT = 50;
/**
 * Characters of JSON the list may take in the document's settings. Office documents no figure for the settings'
 * size; the whole settings object travels with every saveAsync, so the list is kept well below a megabyte
 * (oldest changes dropped first; one change larger than this is kept in memory only, for this session).
 */
export const CHANGES_MAX_CHARS = 200_000;

const PLAN_KINDS = new Set<EditPlan["kind"]>(["insert", "fix", "suggestion", "convert"]);

function isCellValue(v: unknown): v is CellValue {
  return v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));
}

function isIndex(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0;
}

function messageOf(v: unknown): { zh: string; en: string } | null {
  return isObject(v) && typeof v.zh === "string" && typeof v.en === "string" ? { zh: v.zh, en: v.en } : null;
}

function editOf(v: unknown): CellEdit | null {
  if (!isObject(v) || !isIndex(v.row) || !isIndex(v.col) || typeof v.cell !== "string") return null;
  const before = v.before === undefined ? null : v.before;
  const after = v.after === undefined ? null : v.after;
  if (!isCellValue(before) || !isCellValue(after)) return null;
  return { row: v.row, col: v.col, cell: v.cell, before, after };
}

function areaOf(v: unknown): MergedArea | null {
  if (!isObject(v) || !isIndex(v.top) || !isIndex(v.left) || !isIndex(v.bottom) || !isIndex(v.right)) return null;
  if (v.bottom < v.top || v.right < v.left) return null;
  return { top: v.top, left: v.left, bottom: v.bottom, right: v.right };
}

/** A stored plan, checked field by field; null when anything the undo relies on is missing or malformed. */
export function planOf(v: unknown): EditPlan | null {
  if (!isObject(v) || !PLAN_KINDS.has(v.kind as EditPlan["kind"]) || typeof v.sheet !== "string" || v.sheet === "") return null;
  const label = messageOf(v.label);
  if (!label || !Array.isArray(v.edits) || !Array.isArray(v.preview)) return null;
  const edits = v.edits.map(editOf);
  if (edits.some((e) => e === null)) return null;
  const plan: EditPlan = {
    kind: v.kind as EditPlan["kind"],
    sheet: v.sheet,
    label,
    edits: edits as CellEdit[],
    preview: v.preview.filter((p): p is string => typeof p === "string"),
  };
  if (v.rowInsert !== undefined) {
    const ri = v.rowInsert;
    if (!isObject(ri) || !isIndex(ri.at) || !isIndex(ri.count) || ri.count < 1) return null;
    plan.rowInsert = { at: ri.at, count: ri.count };
  }
  if (v.merges !== undefined) {
    if (!Array.isArray(v.merges)) return null;
    const merges = v.merges.map(areaOf);
    if (merges.some((m) => m === null)) return null;
    plan.merges = merges as MergedArea[];
  }
  if (v.numberFormats !== undefined) {
    if (!Array.isArray(v.numberFormats)) return null;
    const formats = v.numberFormats.filter((f): f is NumberFormatEdit => isObject(f) && isIndex(f.row) && isIndex(f.col) && typeof f.format === "string");
    if (formats.length !== v.numberFormats.length) return null;
    plan.numberFormats = formats;
  }
  if (v.createSheet === true) plan.createSheet = true;
  if (Array.isArray(v.fixes)) plan.fixes = v.fixes.filter(isFinding);
  return plan;
}

function changeOf(v: unknown): AppliedChange | null {
  if (!isObject(v) || typeof v.id !== "string" || v.id === "" || typeof v.at !== "string") return null;
  const plan = planOf(v.plan);
  return plan ? { id: v.id, at: v.at, plan, undone: v.undone === true } : null;
}

/** Whatever is stored (a JSON string, an array, garbage) → the valid changes, newest first, ids unique. */
export function parseChanges(raw: unknown): AppliedChange[] {
  let v: unknown = raw;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      v = null;
    }
  }
  const list = isObject(v) && Array.isArray(v.changes) ? v.changes : Array.isArray(v) ? v : [];
  const seen = new Set<string>();
  const out: AppliedChange[] = [];
  for (const item of list) {
    const c = changeOf(item);
    if (!c || seen.has(c.id)) continue;
    seen.add(c.id);
    out.push(c);
  }
  return out.sort(newestFirst);
}

export function newestFirst(a: AppliedChange, b: AppliedChange): number {
  return a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function loadChanges(settings: Settings | undefined): AppliedChange[] {
  let raw: unknown = null;
  try {
    raw = settings?.get(CHANGES_KEY);
  } catch {
    raw = null;
  }
  return parseChanges(raw);
}

/** A finding as the undo list keeps it: what the pane shows, without its parsed parts and suggestions. */
function slimFinding(f: Finding): Finding {
  const { suggestions: _s, fix: _f, ...rest } = f;
  return JSON.parse(JSON.stringify(rest)) as Finding;
}

/** The JSON stored for `changes`: newest first, at most CHANGES_LIMIT, within CHANGES_MAX_CHARS. */
export function serializeChanges(changes: readonly AppliedChange[]): { json: string; kept: AppliedChange[] } {
  const kept: AppliedChange[] = [];
  const parts: string[] = [];
  let size = 0;
  for (const c of [...changes].sort(newestFirst)) {
    if (kept.length >= CHANGES_LIMIT) break;
    const plan = c.plan.fixes ? { ...c.plan, fixes: c.plan.fixes.map(slimFinding) } : c.plan;
    const part = JSON.stringify({ ...c, plan });
    if (size + part.length + 1 > CHANGES_MAX_CHARS) continue; // too large: this one stays in memory only
    size += part.length + 1;
    parts.push(part);
    kept.push(c);
  }
  return { json: `{"version":${SETTINGS_VERSION},"changes":[${parts.join(",")}]}`, kept };
}

/** Store the changes and persist them (saveAsync). Returns the changes stored; rejects with a HostError. */
export function saveChanges(settings: Settings | undefined, changes: readonly AppliedChange[]): Promise<AppliedChange[]> {
  if (!settings) return Promise.reject(saveError(null));
  const { json, kept } = serializeChanges(changes);
  try {
    settings.set(CHANGES_KEY, json);
  } catch (e) {
    return Promise.reject(saveError(e));
  }
  return new Promise((resolve, reject) => {
    settings.saveAsync((result: Office.AsyncResult<void>) => {
      if (String(result.status) === "failed") reject(saveError(result.error));
      else resolve(kept);
    });
  });
}
