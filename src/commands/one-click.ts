/**
 * The ribbon's 一键校验: validate and highlight the target sheet without opening the pane, store the result in
 * the workbook settings (the pane shows it when opened), and tell the user the outcome in one sentence.
 *
 * Host-free: everything goes through a `WorkbookHost`, so tests drive it with a double backed by the real engine.
 * The Office glue (function registration, the dialog) is in commands.ts and notify-dialog.ts.
 */
import type { Finding, Severity } from "../core";
import { HostError, pickSheet, STORED_FINDINGS_LIMIT } from "../excel/host";
import type { CheckRun, Lang, StoredRun, WorkbookHost } from "../excel/host";
import { commandStrings, markNote } from "./messages";

export type OutcomeKind = "findings" | "clean" | "noTable" | "noSheet" | "hostError" | "failed";

/** Shows `text` to the user and resolves once it has been seen or dismissed. */
export type Notify = (text: string, kind: OutcomeKind) => Promise<void>;

export interface OneClickOutcome {
  kind: OutcomeKind;
  /** What the user was told. */
  text: string;
  /** The sheet that was checked (null when none could be picked or the run failed before picking one). */
  sheet: string | null;
  /** What was written to the workbook settings' `lastRun` (null when nothing was run). */
  stored: StoredRun | null;
  /** False when the run finished but saving the settings failed. */
  saved: boolean;
  error?: unknown;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The run as kept in the workbook settings: the summary or the no-table message, and at most `limit` findings,
 * the worst first (errors, then warnings, then infos; sheet order within a severity, as the engine sorted them).
 * Findings are copied as plain JSON data, which is what the settings store.
 */
export function toStoredRun(run: CheckRun, at: Date, limit: number = STORED_FINDINGS_LIMIT): StoredRun {
  const result = run.result;
  if (result.table === null) {
    return {
      sheet: run.sheet,
      at: at.toISOString(),
      summary: null,
      message: { zh: result.message, en: result.messageEn },
      findings: [],
      truncated: false,
    };
  }
  const ranked = result.findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i)
    .slice(0, limit)
    .map(({ f }) => JSON.parse(JSON.stringify(f)) as Finding);
  return {
    sheet: run.sheet,
    at: at.toISOString(),
    summary: { ...result.summary },
    message: null,
    findings: ranked,
    truncated: result.findings.length > limit,
  };
}

function describe(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return String(err);
}

/**
 * Validate and highlight the sheet the pane would pick (the remembered one, else the detected one) with the
 * workbook's profile and thresholds; save the result as `lastRun`; notify the outcome in the host's language.
 * Never throws for a failed check (the outcome says what happened); a failing `notify` does reject.
 */
export async function runOneClickCheck(
  host: WorkbookHost,
  notify: Notify,
  now: () => Date = () => new Date(),
): Promise<OneClickOutcome> {
  let lang: Lang = "zh";
  let outcome: OneClickOutcome;
  try {
    lang = host.lang();
    outcome = await check(host, lang, now);
  } catch (err) {
    const s = commandStrings(lang);
    outcome =
      err instanceof HostError
        ? { kind: "hostError", text: err.text(lang), sheet: null, stored: null, saved: true, error: err }
        : { kind: "failed", text: s.failed(describe(err)), sheet: null, stored: null, saved: true, error: err };
  }
  await notify(outcome.text, outcome.kind);
  return outcome;
}

async function check(host: WorkbookHost, lang: Lang, now: () => Date): Promise<OneClickOutcome> {
  const s = commandStrings(lang);
  const settings = host.loadSettings();
  let run: CheckRun;
  try {
    // No sheet named: the host checks the one the pane would pick (pickSheet), reading the active sheet first,
    // so that the usual case (the table's sheet is open) costs one read and one write.
    run = await host.check({ options: { profile: settings.profile, thresholds: settings.thresholds }, highlight: true });
  } catch (err) {
    if (!(err instanceof HostError && err.code === "sheetNotFound")) throw err;
    const sheets = await host.listSheets();
    if (pickSheet(sheets, settings.sheet) !== null) throw err;
    const withTable = sheets.filter((c) => c.hasTable).length;
    const text = withTable > 1 ? s.noSheetSeveral(withTable) : s.noSheetNone;
    return { kind: "noSheet", text, sheet: null, stored: null, saved: true };
  }
  const stored = toStoredRun(run, now());
  let saved = true;
  try {
    await host.saveSettings({ ...settings, lastRun: stored });
  } catch {
    saved = false;
  }

  const lines: string[] = [];
  let kind: OutcomeKind;
  const result = run.result;
  if (result.table === null) {
    kind = "noTable";
    lines.push(lang === "zh" ? result.message : result.messageEn, s.noTableHint);
  } else {
    const { errors, warnings, infos, projects, indicators } = result.summary;
    if (errors + warnings + infos === 0) {
      kind = "clean";
      lines.push(s.clean, s.checked(run.sheet, projects, indicators));
    } else {
      kind = "findings";
      lines.push(s.found(errors, warnings, infos) + markNote(s, run.highlighted, run.highlightSkipped));
      lines.push(s.checked(run.sheet, projects, indicators) + (lang === "zh" ? "" : " ") + s.details);
      if (stored.truncated && saved) lines.push(s.truncated(STORED_FINDINGS_LIMIT));
    }
  }
  if (!saved) lines.push(s.notSaved);
  return { kind, text: lines.join("\n"), sheet: run.sheet, stored, saved };
}

/** The event Office passes to an ExecuteFunction command. */
export interface CommandEvent {
  completed(): void;
}

export interface OneClickDeps {
  createHost: () => WorkbookHost;
  /** Shows the outcome; `lang` is the host's language. */
  notify: (text: string, kind: OutcomeKind, lang: Lang) => Promise<void>;
  /** The language to use when no host could be created. */
  fallbackLang: () => Lang;
  log?: (message: string, err?: unknown) => void;
}

/**
 * The function the ribbon button runs. Always calls `event.completed()`, once, after the user has been told
 * (Office keeps the command's page, and so its dialog, alive until then), whatever failed on the way.
 */
export function createOneClickHandler(deps: OneClickDeps): (event: CommandEvent) => Promise<void> {
  const log = deps.log ?? ((message: string, err?: unknown) => console.error(message, err));
  return async (event: CommandEvent) => {
    try {
      let host: WorkbookHost | null = null;
      try {
        host = deps.createHost();
      } catch (err) {
        log("jixiao: could not connect to the workbook", err);
        const lang = deps.fallbackLang();
        await deps.notify(commandStrings(lang).failed(describe(err)), "failed", lang);
      }
      if (host) {
        const lang = safeLang(host, deps.fallbackLang);
        const outcome = await runOneClickCheck(host, (text, kind) => deps.notify(text, kind, lang));
        if (outcome.error !== undefined) log(`jixiao: one-click check ended with ${outcome.kind}`, outcome.error);
      }
    } catch (err) {
      log("jixiao: one-click check could not tell the user its outcome", err);
    } finally {
      try {
        event.completed();
      } catch (err) {
        log("jixiao: event.completed() failed", err);
      }
    }
  };
}

function safeLang(host: WorkbookHost, fallback: () => Lang): Lang {
  try {
    return host.lang();
  } catch {
    return fallback();
  }
}
