/**
 * The task pane. It sees the workbook only through a `WorkbookHost` (src/excel/host.ts), so every screen runs
 * the same over Office.js and over the in-memory host of the tests.
 *
 * Three tabs: 校验结果 (the sheet, 校验 / 清除标记, the settings behind the gear button, then the result with
 * 修复 / 全部修复 and the explicit suggestions), 插入指标 (the picker) and 修改记录 (undo, 转换格式). The tab is not
 * named 校验 like its button, so each control has a name of its own. The other tabs are mounted when first opened
 * and then kept (hidden), so a half-filled form survives a look at the result, and the 校验结果 tab alone asks
 * nothing new of the host. The toolbar is kept to two rows so the result starts high in the pane.
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
  Tab,
  TabList,
  Text,
  tokens,
  webDarkTheme,
  webLightTheme,
  type MessageBarIntent,
} from "@fluentui/react-components";
import { Dismiss16Regular, Eraser20Regular, Settings20Regular, TaskListSquareLtr20Regular } from "@fluentui/react-icons";
import { compareFindings, findingKey, type Finding, type Suggestion, type Thresholds } from "../core";
import {
  DEFAULT_SETTINGS,
  pickSheet,
  type AppliedChange,
  type CheckRun,
  type Lang,
  type SheetCandidate,
  type StoredRun,
  type Theme,
  type WorkbookHost,
  type WorkbookSettings,
} from "../excel/host";
import { formatTime, STRINGS, type Strings } from "./i18n";
import { ChangesPanel } from "./ChangesPanel";
import { SuggestionDialog } from "./FixBar";
import { InsertPanel } from "./InsertPanel";
import { ResultView, type ResultViewProps, type Shown } from "./ResultView";
import { SettingsPanel } from "./SettingsPanel";
import { SheetPicker } from "./SheetPicker";
import type { SeverityFilter } from "./groups";
import { errorText, messageOf, UiContext, useUi } from "./ui";

/** Quiet time after the last change before the automatic check runs. */
export const AUTO_CHECK_DELAY_MS = 800;

export interface AppProps {
  host: WorkbookHost;
}

/**
 * The provider fills the pane. Set as an inline style, not a class: Fluent copies the provider's classes onto
 * every portal's mount node (dropdown lists, dialogs), where a full-height box would cover the pane.
 */
const PROVIDER_STYLE = { minHeight: "100vh", boxSizing: "border-box" } as const;

function ThemedPane({ lang, theme, children }: { lang: Lang; theme: Theme; children: React.ReactNode }) {
  const ui = useMemo(() => ({ lang, s: STRINGS[lang] }), [lang]);
  return (
    <FluentProvider
      theme={theme === "dark" ? webDarkTheme : webLightTheme}
      lang={lang === "zh" ? "zh-CN" : "en"}
      style={PROVIDER_STYLE}
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
  | { kind: "cleared"; sheet: string; count: number }
  | { kind: "applied"; text: string };

type TabValue = "check" | "insert" | "changes";

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    padding: "12px",
    boxSizing: "border-box",
    width: "100%",
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: "8px" },
  sheetRow: { display: "flex", alignItems: "flex-end", gap: "4px", minWidth: 0 },
  sheetCell: { flexGrow: 1, minWidth: 0 },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  tabs: { flexWrap: "wrap", minWidth: 0, marginInline: "-8px", marginTop: "-8px" },
  panel: { display: "flex", flexDirection: "column", gap: "8px", minWidth: 0 },
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

function readSettings(host: WorkbookHost): WorkbookSettings {
  const stored = host.loadSettings();
  return { ...DEFAULT_SETTINGS, ...stored, thresholds: { ...(stored?.thresholds ?? {}) } };
}

function TaskPane({ host }: AppProps) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const settingsId = useId();
  const [settingsOpen, setSettingsOpen] = useState(false);

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
  const [tab, setTab] = useState<TabValue>("check");
  const [opened, setOpened] = useState<Record<TabValue, boolean>>({ check: true, insert: false, changes: false });
  const [changes, setChanges] = useState<AppliedChange[]>([]);
  const [fixing, setFixing] = useState(false);
  const [pendingSuggestion, setPendingSuggestion] = useState<{ finding: Finding; suggestion: Suggestion } | null>(null);
  const tabsId = useId();

  const runIds = useRef(0);
  /** What to show once the next check has finished (e.g. "fixed"), instead of clearing the notices. */
  const noticeAfterRun = useRef<Notice | null>(null);
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
      setNotice(noticeAfterRun.current);
      noticeAfterRun.current = null;
      if (settingsRef.current.lastRun?.sheet === target) updateSettings({ lastRun: null });
    } catch (error) {
      noticeAfterRun.current = null;
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

  // --- editing --------------------------------------------------------------------------------

  const viewRef = useRef(view);
  viewRef.current = view;

  const refreshChanges = useCallback(() => {
    try {
      setChanges(host.changes());
    } catch {
      // An adapter that cannot read its record yet shows an empty list; the next change refreshes it.
    }
  }, [host]);

  /** After a change to a sheet: refresh the record, and validate again when the result shown is that sheet's. */
  const afterChange = useCallback(
    (change: AppliedChange, notice: Notice | null) => {
      refreshChanges();
      const showing = viewRef.current.kind !== "none" && sheetRef.current === change.plan.sheet;
      if (showing) {
        noticeAfterRun.current = notice;
        void runCheck();
      } else if (notice) {
        setNotice(notice);
      }
    },
    [refreshChanges, runCheck],
  );

  const applyFix = useCallback(
    async (sheetName: string, keys: string[] | undefined) => {
      setFixing(true);
      try {
        const { profile, thresholds } = settingsRef.current;
        const change = await host.applyFixes({ sheet: sheetName, keys, options: { profile, thresholds } });
        if (!alive.current) return;
        const n = change.plan.fixes?.length ?? change.plan.edits.length;
        afterChange(change, { kind: "applied", text: s.fixed(n, change.plan.sheet) });
      } catch (error) {
        if (alive.current) setNotice({ kind: "error", error });
      } finally {
        if (alive.current) setFixing(false);
      }
    },
    [host, afterChange, s],
  );

  const applySuggestion = useCallback(
    async (sheetName: string, finding: Finding, suggestion: Suggestion) => {
      setPendingSuggestion(null);
      setFixing(true);
      try {
        const { profile, thresholds } = settingsRef.current;
        const change = await host.applySuggestion({
          sheet: sheetName,
          key: findingKey(finding),
          suggestionId: suggestion.id,
          options: { profile, thresholds },
        });
        if (!alive.current) return;
        afterChange(change, { kind: "applied", text: s.suggestionApplied(change.plan.label[lang]) });
      } catch (error) {
        if (alive.current) setNotice({ kind: "error", error });
      } finally {
        if (alive.current) setFixing(false);
      }
    },
    [host, afterChange, s, lang],
  );

  const fixProps = useMemo((): ResultViewProps["fixing"] | undefined => {
    if (!shownSheet) return undefined;
    return {
      busy: fixing || checking,
      onFix: (f) => void applyFix(shownSheet, [findingKey(f)]),
      onFixAll: () => void applyFix(shownSheet, undefined),
      onSuggest: (finding, suggestion) => setPendingSuggestion({ finding, suggestion }),
    };
  }, [shownSheet, fixing, checking, applyFix]);

  const onInserted = useCallback((change: AppliedChange) => afterChange(change, null), [afterChange]);

  const onChangesChanged = useCallback(
    (change: AppliedChange) => {
      // An undone conversion removes its sheet, a conversion adds one: list the sheets again.
      if (change.plan.createSheet) void loadSheets(false);
      afterChange(change, null);
    },
    [afterChange, loadSheets],
  );

  const selectTab = useCallback(
    (value: TabValue) => {
      setTab(value);
      setOpened((o) => (o[value] ? o : { ...o, [value]: true }));
      if (value === "changes") refreshChanges();
    },
    [refreshChanges],
  );

  // --- rendering ------------------------------------------------------------------------------

  const status = statusText(view, lang, s);

  const currentLayout = sheets?.find((c) => c.name === sheet)?.layout ?? null;
  const tabId = (value: TabValue) => `${tabsId}-tab-${value}`;
  const panelId = (value: TabValue) => `${tabsId}-panel-${value}`;

  return (
    <main className={styles.root} aria-busy={checking}>
      {/* Office's own title bar names the add-in: the title is for screen readers only, not a line of the pane. */}
      <h1 className={styles.visuallyHidden}>{s.appTitle}</h1>

      <TabList
        size="small"
        aria-label={s.tabsLabel}
        selectedValue={tab}
        onTabSelect={(_, data) => selectTab(data.value as TabValue)}
        className={styles.tabs}
      >
        {(["check", "insert", "changes"] as const).map((value) => (
          <Tab key={value} value={value} id={tabId(value)} aria-controls={opened[value] ? panelId(value) : undefined}>
            {value === "check" ? s.tabCheck : value === "insert" ? s.tabInsert : s.tabChanges}
          </Tab>
        ))}
      </TabList>

      <div
        role="tabpanel"
        id={panelId("check")}
        aria-labelledby={tabId("check")}
        hidden={tab !== "check"}
        style={tab !== "check" ? { display: "none" } : undefined}
        className={styles.panel}
      >
        {/* The sheet (with its refresh button) and, at the end of the same row, the settings' gear button. */}
        <div className={styles.sheetRow}>
          <div className={styles.sheetCell}>
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
          </div>
          <Button
            appearance="subtle"
            icon={<Settings20Regular aria-hidden="true" />}
            aria-label={s.settings}
            title={s.settings}
            aria-expanded={settingsOpen}
            aria-controls={settingsOpen ? settingsId : undefined}
            onClick={() => setSettingsOpen((o) => !o)}
          />
        </div>

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
          {checking ? (
            <Spinner size="tiny" labelPosition="after" label={s.checking} />
          ) : (
            settings.autoCheck && <Text className={styles.hint}>{s.autoCheckOn}</Text>
          )}
        </div>

        {settingsOpen && (
          <SettingsPanel
            id={settingsId}
            autoCheck={settings.autoCheck}
            onAutoCheck={onAutoCheck}
            profileId={settings.profile}
            overrides={settings.thresholds}
            onProfile={onProfile}
            onThresholds={onThresholds}
          />
        )}

        <div role="status" aria-live="polite" className={styles.visuallyHidden}>
          {status}
        </div>

        {notice && <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />}

        {view.kind === "none" && sheet && <Text>{s.readyHint(sheet)}</Text>}
        {view.kind === "run" && (
          <RunView
              key={view.id}
              run={view.run}
              filter={filter}
              onFilter={setFilter}
              onSelect={onSelect}
              current={current}
              fixing={fixProps}
            />
        )}
        {view.kind === "stored" && (
          <StoredView
              stored={view.stored}
              filter={filter}
              onFilter={setFilter}
              onSelect={onSelect}
              current={current}
              fixing={fixProps}
            />
        )}
      </div>

      {opened.insert && (
        <div
          role="tabpanel"
          id={panelId("insert")}
          aria-labelledby={tabId("insert")}
          hidden={tab !== "insert"}
          style={tab !== "insert" ? { display: "none" } : undefined}
          className={styles.panel}
        >
          <InsertPanel
            host={host}
            profileId={settings.profile}
            thresholds={settings.thresholds}
            onApplied={onInserted}
          />
        </div>
      )}

      {opened.changes && (
        <div
          role="tabpanel"
          id={panelId("changes")}
          aria-labelledby={tabId("changes")}
          hidden={tab !== "changes"}
          style={tab !== "changes" ? { display: "none" } : undefined}
          className={styles.panel}
        >
          <ChangesPanel
            host={host}
            changes={changes}
            sheet={currentLayout ? sheet : null}
            layout={currentLayout}
            onChanged={onChangesChanged}
          />
        </div>
      )}

      <SuggestionDialog
        pending={pendingSuggestion}
        onCancel={() => setPendingSuggestion(null)}
        onConfirm={(finding, suggestion) => {
          if (shownSheet) void applySuggestion(shownSheet, finding, suggestion);
        }}
      />
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
  } else if (notice.kind === "applied") {
    intent = "success";
    text = notice.text;
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
  fixing?: ResultViewProps["fixing"];
}

function RunView({ run, ...list }: ListProps & { run: CheckRun }) {
  const { lang, s } = useUi();
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
      <ResultView shown={shown} marked={run.highlighted} {...list} />
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
