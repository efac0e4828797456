/**
 * The task pane. It sees the workbook only through a `WorkbookHost` (src/excel/host.ts), so every screen runs
 * the same over Office.js and over the in-memory host of the tests.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import {
  Button,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Switch,
  Text,
  tokens,
  webDarkTheme,
  webLightTheme,
  type MessageBarIntent,
} from "@fluentui/react-components";
import { Dismiss16Regular, Eraser20Regular, TaskListSquareLtr20Regular } from "@fluentui/react-icons";
import { compareFindings, type Finding, type Thresholds } from "../core";
import {
  DEFAULT_SETTINGS,
  HostError,
  pickSheet,
  type CheckRun,
  type Lang,
  type SheetCandidate,
  type StoredRun,
  type Theme,
  type WorkbookHost,
  type WorkbookSettings,
} from "../excel/host";
import { formatTime, STRINGS, type Strings } from "./i18n";
import { ResultView, type Shown } from "./ResultView";
import { SettingsPanel } from "./SettingsPanel";
import { SheetPicker } from "./SheetPicker";
import type { SeverityFilter } from "./groups";
import { messageOf, UiContext, useUi } from "./ui";

/** Quiet time after the last change before the automatic check runs. */
export const AUTO_CHECK_DELAY_MS = 800;

export interface AppProps {
  host: WorkbookHost;
}

const useRootStyles = makeStyles({
  provider: { minHeight: "100vh", boxSizing: "border-box" },
});

function ThemedPane({ lang, theme, children }: { lang: Lang; theme: Theme; children: React.ReactNode }) {
  const styles = useRootStyles();
  const ui = useMemo(() => ({ lang, s: STRINGS[lang] }), [lang]);
  return (
    <FluentProvider
      theme={theme === "dark" ? webDarkTheme : webLightTheme}
      lang={lang === "zh" ? "zh-CN" : "en"}
      className={styles.provider}
      data-theme={theme}
    >
      <UiContext.Provider value={ui}>{children}</UiContext.Provider>
    </FluentProvider>
  );
}

export function App({ host }: AppProps) {
  // Office's language and theme are read once: Office reloads add-ins when either changes.
  const [lang] = useState(() => host.lang());
  const [theme] = useState(() => host.theme());
  return (
    <ThemedPane lang={lang} theme={theme}>
      <TaskPane host={host} />
    </ThemedPane>
  );
}

/** What the page shows when it is opened outside Excel with no host double injected. */
export function NotConnected({ lang }: { lang: Lang }) {
  return (
    <ThemedPane lang={lang} theme="light">
      <main style={{ padding: 12 }}>
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{STRINGS[lang].notInExcel}</MessageBarBody>
        </MessageBar>
      </main>
    </ThemedPane>
  );
}

// ---------------------------------------------------------------------------------------------

type View =
  | { kind: "none" }
  | { kind: "run"; run: CheckRun; id: number }
  | { kind: "stored"; stored: StoredRun };

type Notice =
  | { kind: "error"; error: unknown; context?: "settings"; retry?: () => void }
  | { kind: "cleared"; sheet: string; count: number };

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "12px",
    padding: "12px",
    boxSizing: "border-box",
    width: "100%",
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: "8px" },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  visuallyHidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0, 0, 0, 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
});

function isHostError(e: unknown): e is HostError {
  if (e instanceof HostError) return true;
  // A HostError from another copy of the module (e.g. another bundle) has the same shape.
  const o = e as { name?: unknown; zh?: unknown; en?: unknown; text?: unknown } | null;
  return !!o && o.name === "HostError" && typeof o.zh === "string" && typeof o.en === "string" && typeof o.text === "function";
}

function errorText(e: unknown, lang: Lang, s: Strings): { title: string; text: string } {
  if (isHostError(e)) {
    return { title: s.errorTitle, text: `${e.text(lang)} ${e.sheetUnchanged ? s.sheetUnchanged : s.sheetMaybeChanged}` };
  }
  const detail = e instanceof Error ? e.message : String(e);
  return { title: s.errorTitle, text: s.unexpectedError(detail) };
}

function readSettings(host: WorkbookHost): WorkbookSettings {
  const stored = host.loadSettings();
  return { ...DEFAULT_SETTINGS, ...stored, thresholds: { ...(stored?.thresholds ?? {}) } };
}

function TaskPane({ host }: AppProps) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const autoHintId = useId();

  const alive = useRef(true);
  const [settings, setSettings] = useState<WorkbookSettings>(() => readSettings(host));
  const settingsRef = useRef(settings);
  const [sheets, setSheets] = useState<SheetCandidate[] | null>(null);
  const [sheet, setSheetState] = useState<string | null>(null);
  const sheetRef = useRef<string | null>(null);
  const [view, setView] = useState<View>({ kind: "none" });
  const [checking, setChecking] = useState(false);
  const [clearing, setClearing] = useState(false);
  const [loadingSheets, setLoadingSheets] = useState(true);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [filter, setFilter] = useState<SeverityFilter>({ error: true, warning: true, info: true });
  const [current, setCurrent] = useState<Finding | null>(null);

  const runIds = useRef(0);
  const inFlight = useRef(false);
  const again = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const setSheet = useCallback((name: string | null) => {
    sheetRef.current = name;
    setSheetState(name);
  }, []);

  const updateSettings = useCallback(
    (patch: Partial<WorkbookSettings>) => {
      const next = { ...settingsRef.current, ...patch };
      settingsRef.current = next;
      setSettings(next);
      host.saveSettings(next).catch((error: unknown) => {
        if (alive.current) setNotice({ kind: "error", error, context: "settings" });
      });
    },
    [host],
  );

  // --- sheets ---------------------------------------------------------------------------------

  const loadSheets = useCallback(
    async (initial: boolean) => {
      setLoadingSheets(true);
      try {
        const list = await host.listSheets();
        if (!alive.current) return;
        setSheets(list);
        const keep = sheetRef.current !== null && list.some((c) => c.name === sheetRef.current);
        const picked = keep ? sheetRef.current : pickSheet(list, settingsRef.current.sheet);
        if (picked !== sheetRef.current) {
          setSheet(picked);
          setView({ kind: "none" });
        }
        const last = settingsRef.current.lastRun;
        if (initial && last && picked !== null && last.sheet === picked) setView({ kind: "stored", stored: last });
        setNotice((n) => (n?.kind === "error" && n.retry ? null : n));
      } catch (error) {
        if (!alive.current) return;
        setSheets((prev) => prev ?? []);
        setNotice({ kind: "error", error, retry: () => void loadSheets(initial) });
      } finally {
        if (alive.current) setLoadingSheets(false);
      }
    },
    [host, setSheet],
  );

  useEffect(() => {
    alive.current = true;
    void loadSheets(true);
    return () => {
      alive.current = false;
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [loadSheets]);

  const onPick = useCallback(
    (name: string) => {
      setSheet(name);
      updateSettings({ sheet: name });
      const last = settingsRef.current.lastRun;
      setView(last && last.sheet === name ? { kind: "stored", stored: last } : { kind: "none" });
      setCurrent(null);
      setNotice(null);
    },
    [setSheet, updateSettings],
  );

  // --- checking -------------------------------------------------------------------------------

  const runCheck = useCallback(async (): Promise<void> => {
    const target = sheetRef.current;
    if (!target) return;
    if (inFlight.current) {
      again.current = true; // the sheet changed while checking: check once more afterwards
      return;
    }
    inFlight.current = true;
    setChecking(true);
    try {
      const { profile, thresholds } = settingsRef.current;
      const run = await host.check({ sheet: target, options: { profile, thresholds }, highlight: true });
      if (!alive.current || sheetRef.current !== target) return;
      setView({ kind: "run", run, id: ++runIds.current });
      setCurrent(null);
      setNotice(null);
      if (settingsRef.current.lastRun?.sheet === target) updateSettings({ lastRun: null });
    } catch (error) {
      if (alive.current) setNotice({ kind: "error", error });
    } finally {
      inFlight.current = false;
      if (alive.current) setChecking(false);
      if (again.current && alive.current) {
        again.current = false;
        void runCheck();
      }
    }
  }, [host, updateSettings]);

  const cancelScheduled = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  const scheduleCheck = useCallback(() => {
    cancelScheduled();
    timer.current = setTimeout(() => {
      timer.current = null;
      void runCheck();
    }, AUTO_CHECK_DELAY_MS);
  }, [cancelScheduled, runCheck]);

  // Automatic check: watch the sheet while the switch is on; every change (re)starts the quiet period.
  useEffect(() => {
    if (!settings.autoCheck || !sheet) return;
    let cancelled = false;
    let unsubscribe: (() => Promise<void>) | null = null;
    host.watch(sheet, () => {
      if (!cancelled) scheduleCheck();
    }).then(
      (off) => {
        if (cancelled) void off().catch(() => undefined);
        else unsubscribe = off;
      },
      (error: unknown) => {
        if (!cancelled && alive.current) setNotice({ kind: "error", error });
      },
    );
    return () => {
      cancelled = true;
      cancelScheduled();
      if (unsubscribe) void unsubscribe().catch(() => undefined);
    };
  }, [host, sheet, settings.autoCheck, scheduleCheck, cancelScheduled]);

  const onAutoCheck = useCallback(
    (on: boolean) => {
      updateSettings({ autoCheck: on });
      if (on) void runCheck();
    },
    [updateSettings, runCheck],
  );

  const onProfile = useCallback(
    (profile: string) => {
      updateSettings({ profile });
      if (settingsRef.current.autoCheck) scheduleCheck();
    },
    [updateSettings, scheduleCheck],
  );

  const onThresholds = useCallback(
    (thresholds: Partial<Thresholds>) => {
      updateSettings({ thresholds });
      if (settingsRef.current.autoCheck) scheduleCheck();
    },
    [updateSettings, scheduleCheck],
  );

  // --- clearing and navigation ----------------------------------------------------------------

  const onClear = useCallback(async () => {
    const target = sheetRef.current;
    if (!target) return;
    setClearing(true);
    try {
      const count = await host.clearHighlights(target);
      if (!alive.current) return;
      setNotice({ kind: "cleared", sheet: target, count });
      setView((v) =>
        v.kind === "run" && v.run.sheet === target ? { ...v, run: { ...v.run, highlighted: 0, highlightSkipped: null } } : v,
      );
    } catch (error) {
      if (alive.current) setNotice({ kind: "error", error });
    } finally {
      if (alive.current) setClearing(false);
    }
  }, [host]);

  const shownSheet = view.kind === "run" ? view.run.sheet : view.kind === "stored" ? view.stored.sheet : sheet;
  const onSelect = useCallback(
    (f: Finding) => {
      setCurrent(f);
      const target = shownSheet ?? f.sheet;
      host.select(target, f.cell).catch((error: unknown) => {
        if (alive.current) setNotice({ kind: "error", error });
      });
    },
    [host, shownSheet],
  );

  // --- rendering ------------------------------------------------------------------------------

  const status = statusText(view, lang, s);

  return (
    <main className={styles.root} aria-busy={checking}>
      <h1 className={styles.title}>{s.appTitle}</h1>

      {sheets === null ? (
        <Spinner size="tiny" labelPosition="after" label={s.loadingSheets} />
      ) : sheets.length === 0 ? (
        notice?.kind === "error" && notice.retry ? null : <Text>{s.noSheets}</Text>
      ) : (
        <SheetPicker
          sheets={sheets}
          sheet={sheet}
          onPick={onPick}
          onRefresh={() => void loadSheets(false)}
          disabled={loadingSheets || checking}
        />
      )}

      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<TaskListSquareLtr20Regular aria-hidden="true" />}
          disabled={!sheet}
          disabledFocusable={!!sheet && checking}
          onClick={() => void runCheck()}
        >
          {s.check}
        </Button>
        <Button
          icon={<Eraser20Regular aria-hidden="true" />}
          disabled={!sheet}
          disabledFocusable={!!sheet && (clearing || checking)}
          onClick={() => void onClear()}
        >
          {s.clear}
        </Button>
        {checking && <Spinner size="tiny" labelPosition="after" label={s.checking} />}
      </div>

      <div>
        <Switch
          checked={settings.autoCheck}
          label={s.autoCheck}
          aria-describedby={autoHintId}
          onChange={(_, data) => onAutoCheck(data.checked)}
        />
        <div id={autoHintId} className={styles.hint}>
          {s.autoCheckHint}
        </div>
      </div>

      <SettingsPanel
        profileId={settings.profile}
        overrides={settings.thresholds}
        onProfile={onProfile}
        onThresholds={onThresholds}
      />

      <div role="status" aria-live="polite" className={styles.visuallyHidden}>
        {status}
      </div>

      {notice && <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />}

      {view.kind === "none" && sheet && <Text>{s.readyHint(sheet)}</Text>}
      {view.kind === "run" && (
        <RunView key={view.id} run={view.run} filter={filter} onFilter={setFilter} onSelect={onSelect} current={current} />
      )}
      {view.kind === "stored" && (
        <StoredView stored={view.stored} filter={filter} onFilter={setFilter} onSelect={onSelect} current={current} />
      )}
    </main>
  );
}

function statusText(view: View, lang: Lang, s: Strings): string {
  if (view.kind === "run") {
    const r = view.run.result;
    if (r.table === null) return lang === "zh" ? r.message : r.messageEn;
    const { errors, warnings, infos, projects, indicators } = r.summary;
    return errors + warnings + infos === 0 ? s.allGood(projects, indicators) : s.summaryLine(errors, warnings, infos);
  }
  if (view.kind === "stored") return s.lastRunTitle;
  return "";
}

function NoticeBar({ notice, onDismiss }: { notice: Notice; onDismiss(): void }) {
  const { lang, s } = useUi();
  let intent: MessageBarIntent;
  let title: string | null = null;
  let text: string;
  let retry: (() => void) | undefined;
  if (notice.kind === "cleared") {
    intent = "success";
    text = notice.count > 0 ? s.cleared(notice.sheet) : s.nothingToClear(notice.sheet);
  } else {
    intent = "error";
    const e = errorText(notice.error, lang, s);
    title = e.title;
    text = notice.context === "settings" ? s.settingsSaveFailed(e.text) : e.text;
    retry = notice.retry;
  }
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>
        {title && <MessageBarTitle>{title}</MessageBarTitle>}
        {text}
      </MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button appearance="transparent" aria-label={s.dismiss} icon={<Dismiss16Regular aria-hidden="true" />} onClick={onDismiss} />
        }
      >
        {retry ? <Button onClick={retry}>{s.retry}</Button> : null}
      </MessageBarActions>
    </MessageBar>
  );
}

interface ListProps {
  filter: SeverityFilter;
  onFilter(filter: SeverityFilter): void;
  onSelect(f: Finding): void;
  current: Finding | null;
}

function RunView({ run, ...list }: ListProps & { run: CheckRun }) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const result = run.result;
  if (result.table === null) {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{s.noTableTitle}</MessageBarTitle>
          {lang === "zh" ? result.message : result.messageEn}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const shown: Shown = { sheet: run.sheet, table: result.table, summary: result.summary, findings: result.findings };
  return (
    <>
      {run.highlightSkipped === "protected" && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{result.findings.length > 0 ? s.protectedSkip : s.protectedStale}</MessageBarBody>
        </MessageBar>
      )}
      {run.highlightSkipped === "formatsUnreadable" && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{s.formatsUnreadableSkip}</MessageBarBody>
        </MessageBar>
      )}
      {run.highlighted > 0 && <Text className={styles.hint}>{s.highlighted(run.highlighted)}</Text>}
      <ResultView shown={shown} {...list} />
    </>
  );
}

function StoredView({ stored, ...list }: ListProps & { stored: StoredRun }) {
  const { lang, s } = useUi();
  const styles = useStyles();
  // Stored worst first (so truncation keeps the errors); shown in sheet order like a fresh run.
  const findings = useMemo(() => stored.findings.slice().sort(compareFindings), [stored]);
  return (
    <>
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{s.lastRunTitle}</MessageBarTitle>
          {s.lastRunBody(formatTime(stored.at, lang))}
        </MessageBarBody>
      </MessageBar>
      {stored.message && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{s.noTableTitle}</MessageBarTitle>
            {messageOf({ message: stored.message.zh, messageEn: stored.message.en }, lang)}
          </MessageBarBody>
        </MessageBar>
      )}
      {stored.summary && (
        <ResultView
          shown={{ sheet: stored.sheet, table: null, summary: stored.summary, findings }}
          {...list}
        />
      )}
      {stored.truncated && <Text className={styles.hint}>{s.lastRunTruncated(stored.findings.length)}</Text>}
    </>
  );
}
