/**
 * WorkbookSettings in Office.context.document.settings: one key holding a JSON string. Reading never fails:
 * anything missing, of the wrong type or unparsable falls back to the default, field by field.
 */
import type { Finding, Summary, Thresholds } from "../core";
import { DEFAULT_SETTINGS, HostError, STORED_FINDINGS_LIMIT, type StoredRun, type WorkbookSettings } from "./host";

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
