/**
 * The 插入指标 tab: insert one indicator (cascading 一级 → 二级 → 三级 from the profile, the 三级 list searchable
 * by name and pinyin initials and open to free text, both values, a live preview of exactly what will be written
 * and the validator's verdict on the new indicator) or a standard set of indicators for a project type, into the
 * project of the current Excel selection, which the tab follows as the user moves around the sheet.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import {
  Button,
  Checkbox,
  Combobox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { Add20Regular } from "@fluentui/react-icons";
import {
  formatValue,
  getProfile,
  getTemplates,
  type EditPlan,
  type Finding,
  type IndicatorSpec,
  type InsertSpec,
  type Profile,
  type Template,
  type Thresholds,
} from "../core";
import { getKits, templateToSpec, type Kit } from "../core/catalog";
import type { AppliedChange, ProjectTarget, SelectionInfo, WorkbookHost } from "../excel/host";
import { buildSearchIndex, loadPinyin, type PinyinLib } from "./search";
import { buildSpec, draftFromTemplate, EMPTY_DRAFT, verdictOn, type ValueDraft } from "./specs";
import { hostMessage, messageOf, OutcomeBar, SeverityIcon, useUi } from "./ui";
import { ValueInput, visuallyHiddenStyle } from "./ValueInput";
import type { Strings } from "./i18n";

/** Quiet time after the last keystroke before the preview is asked for. */
export const PREVIEW_DELAY_MS = 300;
/** Most 三级 options listed at once (type more to narrow the list). */
export const MAX_OPTIONS = 40;

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", minWidth: 0 },
  section: { display: "flex", flexDirection: "column", gap: "8px", minWidth: 0 },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  target: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere" },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  control: { width: "100%", minWidth: 0 },
  option: { display: "flex", flexDirection: "column", minWidth: 0, overflowWrap: "anywhere" },
  optionValue: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  preview: {
    margin: 0,
    padding: "8px",
    listStyle: "none",
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    display: "flex",
    flexDirection: "column",
    gap: "4px",
    minWidth: 0,
  },
  previewLine: { whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontSize: tokens.fontSizeBase200 },
  verdict: { margin: 0, padding: 0, listStyle: "none", display: "flex", flexDirection: "column", gap: "4px" },
  verdictItem: { display: "flex", gap: "6px", alignItems: "flex-start", overflowWrap: "anywhere", fontSize: tokens.fontSizeBase200 },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: "8px" },
  kitItems: {
    display: "flex",
    flexDirection: "column",
    gap: "4px",
    margin: 0,
    padding: "8px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  kitItem: { display: "flex", flexDirection: "column", minWidth: 0 },
  kitValue: { paddingInlineStart: "32px", color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  kitInput: { paddingInlineStart: "32px", minWidth: 0 },
  legend: { padding: "0 4px", fontWeight: tokens.fontWeightSemibold },
});

export interface InsertPanelProps {
  host: WorkbookHost;
  profileId: string;
  thresholds: Partial<Thresholds>;
  /** A change was written (refresh the change list, re-check). */
  onApplied(change: AppliedChange): void;
}

type Outcome = { kind: "done"; change: AppliedChange; count: number; project: string } | { kind: "error"; error: unknown };

function profileOf(id: string): Profile {
  try {
    return getProfile(id);
  } catch {
    return getProfile("guangzhou");
  }
}

export function InsertPanel({ host, profileId, thresholds, onApplied }: InsertPanelProps) {
  const { s } = useUi();
  const styles = useStyles();
  const profile = useMemo(() => profileOf(profileId), [profileId]);
  const [selection, setSelection] = useState<SelectionInfo | null>(null);
  const [selectionError, setSelectionError] = useState<unknown>(null);
  const [mode, setMode] = useState<"single" | "kit">("single");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [writing, setWriting] = useState(false);
  /** Bumped after each write so the preview and the target are read again. */
  const [version, setVersion] = useState(0);
  const alive = useRef(true);

  // --- follow the selection -------------------------------------------------------------------
  useEffect(() => {
    alive.current = true;
    let off: (() => Promise<void>) | null = null;
    let cancelled = false;
    host.selection().then(
      (sel) => {
        if (!cancelled) setSelection(sel);
      },
      (error: unknown) => {
        if (!cancelled) setSelectionError(error);
      },
    );
    host
      .watchSelection((sel) => {
        if (cancelled) return;
        setSelection(sel);
        setSelectionError(null);
      })
      .then(
        (unsubscribe) => {
          if (cancelled) void unsubscribe().catch(() => undefined);
          else off = unsubscribe;
        },
        (error: unknown) => {
          if (!cancelled) setSelectionError(error);
        },
      );
    return () => {
      cancelled = true;
      alive.current = false;
      if (off) void off().catch(() => undefined);
    };
  }, [host]);

  // After a write the project has grown: read the selection again (its indicator count and next number).
  useEffect(() => {
    if (version === 0) return;
    let cancelled = false;
    host.selection().then(
      (sel) => {
        if (!cancelled) setSelection(sel);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [host, version]);

  const target = selection?.project ? { sheet: selection.sheet, row: selection.project.row, project: selection.project } : null;

  const insert = useCallback(
    async (specs: IndicatorSpec[]) => {
      if (!target || specs.length === 0) return;
      setWriting(true);
      setOutcome(null);
      try {
        const change = await host.insertIndicators({ sheet: target.sheet, projectRow: target.row, specs });
        if (!alive.current) return;
        setOutcome({ kind: "done", change, count: specs.length, project: target.project.name });
        setVersion((v) => v + 1);
        onApplied(change);
      } catch (error) {
        if (alive.current) setOutcome({ kind: "error", error });
      } finally {
        if (alive.current) setWriting(false);
      }
    },
    [host, target, onApplied],
  );

  return (
    <div className={styles.root}>
      <TargetView selection={selection} error={selectionError} />

      <RadioGroup
        layout="horizontal"
        aria-label={s.modeLabel}
        value={mode}
        onChange={(_, data) => {
          setMode(data.value as "single" | "kit");
          setOutcome(null);
        }}
      >
        <Radio value="single" label={s.modeSingle} />
        <Radio value="kit" label={s.modeKit} />
      </RadioGroup>

      {outcome && (
        <OutcomeBar
          success={outcome.kind === "done" ? s.inserted(outcome.count, outcome.project, outcome.change.plan.sheet) : undefined}
          error={outcome.kind === "error" ? outcome.error : undefined}
          onDismiss={() => setOutcome(null)}
        />
      )}

      {mode === "single" ? (
        <SingleForm
          host={host}
          profile={profile}
          thresholds={thresholds}
          target={target}
          version={version}
          writing={writing}
          onInsert={(spec) => void insert([spec])}
        />
      ) : (
        <KitForm
          host={host}
          profile={profile}
          target={target}
          version={version}
          writing={writing}
          onInsert={(specs) => void insert(specs)}
        />
      )}
    </div>
  );
}

function TargetView({ selection, error }: { selection: SelectionInfo | null; error: unknown }) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const headingId = useId();
  let body: React.ReactNode;
  if (error) {
    body = (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{s.selectionFailed}</MessageBarTitle>
          {hostMessage(error, lang, s)}
        </MessageBarBody>
      </MessageBar>
    );
  } else if (!selection) {
    body = <Spinner size="tiny" labelPosition="after" label={s.selectionLoading} />;
  } else if (selection.layout === null) {
    body = (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{s.notInProjectTitle}</MessageBarTitle>
          {s.noTableHere(selection.sheet)}
        </MessageBarBody>
      </MessageBar>
    );
  } else if (!selection.project) {
    body = (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{s.notInProjectTitle}</MessageBarTitle>
          {s.notInProject(selection.sheet, selection.cell)}
        </MessageBarBody>
      </MessageBar>
    );
  } else {
    const p = selection.project;
    body = (
      <>
        <Text className={styles.target}>{s.targetProject(p.name)}</Text>
        <Text className={styles.hint}>{s.targetDetails(selection.sheet, p.nameCell, p.indicatorCount, p.nextSeq)}</Text>
      </>
    );
  }
  return (
    <section className={styles.section} aria-labelledby={headingId} aria-live="polite">
      <h2 id={headingId} className={styles.heading}>
        {s.targetHeading}
      </h2>
      {body}
      <Text className={styles.hint}>{s.targetFollows}</Text>
    </section>
  );
}

interface Target {
  sheet: string;
  row: number;
  /** The project as the selection last read it: when its rows or numbering change (an undo, an edit in Excel),
   * the preview is planned again, so it stays exactly what would be written. */
  project?: Pick<ProjectTarget, "lastRow" | "indicatorCount" | "nextSeq">;
}

/** `host.planInsert` for the specs, asked again after a quiet period whenever they (or the target) change. */
function usePreview(host: WorkbookHost, target: Target | null, specs: IndicatorSpec[] | null, version: number) {
  const [state, setState] = useState<{ plan: EditPlan | null; error: unknown; loading: boolean }>({
    plan: null,
    error: null,
    loading: false,
  });
  const shape = target?.project ? [target.project.lastRow, target.project.indicatorCount, target.project.nextSeq] : null;
  const key = specs && target ? JSON.stringify([target.sheet, target.row, shape, specs, version]) : null;
  useEffect(() => {
    if (!key || !specs || !target) {
      setState({ plan: null, error: null, loading: false });
      return;
    }
    let cancelled = false;
    setState((st) => ({ ...st, loading: true }));
    const timer = setTimeout(() => {
      host.planInsert({ sheet: target.sheet, projectRow: target.row, specs }).then(
        (plan) => {
          if (!cancelled) setState({ plan, error: null, loading: false });
        },
        (error: unknown) => {
          if (!cancelled) setState({ plan: null, error, loading: false });
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // `key` stands for target (with the project's shape), specs and version.
  }, [host, key]);
  return state;
}

function PreviewView({ state }: { state: ReturnType<typeof usePreview> }) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const headingId = useId();
  const { plan, error, loading } = state;
  let where: string | null = null;
  if (plan?.rowInsert) where = s.previewStructured(plan.rowInsert.at + 1, plan.rowInsert.count);
  else if (plan && plan.edits.length > 0) {
    // The segments are appended after the cell's text; when that text does not end an item or a line, the plan
    // closes it with 。 and starts them on a new line, which the preview lines cannot show: say so.
    const e = plan.edits[0];
    const before = typeof e.before === "string" ? e.before : "";
    const after = typeof e.after === "string" ? e.after : "";
    const added = plan.preview.join("");
    const sep = after.startsWith(before) && after.endsWith(added) ? after.slice(before.length, after.length - added.length) : "";
    // "。\n": the last item was not closed, so the plan closes it before the new line.
    where = /^。\r?\n$/.test(sep) ? s.previewPublishedClosed(e.cell) : /^\r?\n$/.test(sep) ? s.previewPublishedNewLine(e.cell) : s.previewPublished(e.cell);
  }
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        {s.previewHeading}
      </h3>
      {loading && <Spinner size="tiny" labelPosition="after" label={s.previewLoading} />}
      {error !== null && !loading && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{hostMessage(error, lang, s)}</MessageBarBody>
        </MessageBar>
      )}
      {plan && !loading && (
        <>
          {where && <Text className={styles.hint}>{where}</Text>}
          <ul className={styles.preview} data-testid="insert-preview">
            {plan.preview.map((line, i) => (
              <li key={i} className={styles.previewLine}>
                {line}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function VerdictView({ findings }: { findings: Finding[] }) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const headingId = useId();
  return (
    <section className={styles.section} aria-labelledby={headingId} data-testid="insert-verdict">
      <h3 id={headingId} className={styles.heading}>
        {s.verdictHeading}
      </h3>
      {findings.length === 0 ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{s.verdictOk}</MessageBarBody>
        </MessageBar>
      ) : (
        <ul className={styles.verdict}>
          {findings.map((f, i) => (
            <li key={i} className={styles.verdictItem}>
              <SeverityIcon severity={f.severity} />
              <span>
                {s.severity[f.severity]}{s.colon}{messageOf(f, lang)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// One indicator
// ---------------------------------------------------------------------------------------------

interface FormProps {
  host: WorkbookHost;
  profile: Profile;
  target: Target | null;
  version: number;
  writing: boolean;
}

function SingleForm({
  host,
  profile,
  thresholds,
  target,
  version,
  writing,
  onInsert,
}: FormProps & { thresholds: Partial<Thresholds>; onInsert(spec: IndicatorSpec): void }) {
  const { s } = useUi();
  const styles = useStyles();
  const templates = useMemo(() => getTemplates(profile), [profile]);
  // The pinyin index is built once per template list (per profile) and pinyin library, not per keystroke.
  const [lib, setLib] = useState<PinyinLib | null>(null);
  useEffect(() => {
    let cancelled = false;
    loadPinyin().then(
      (l) => {
        if (!cancelled) setLib(l);
      },
      () => undefined, // names still match as text
    );
    return () => {
      cancelled = true;
    };
  }, []);
  const index = useMemo(() => buildSearchIndex(templates, (t) => t.name, lib), [templates, lib]);
  const [l1, setL1] = useState<string>("");
  const [l2, setL2] = useState<string>("");
  const [nameText, setNameText] = useState("");
  const [template, setTemplate] = useState<Template | null>(null);
  const [period, setPeriod] = useState<ValueDraft>(EMPTY_DRAFT);
  const [annual, setAnnual] = useState<ValueDraft>(EMPTY_DRAFT);
  const [same, setSame] = useState(true);
  const [touched, setTouched] = useState(false);
  // The list opens as the user types (also with an IME, which sends no ordinary key presses).
  const [listOpen, setListOpen] = useState(false);

  // Another profile: the cascade starts again.
  useEffect(() => {
    setL1("");
    setL2("");
    setTemplate(null);
  }, [profile]);

  const level1 = profile.tree.find((c) => c.code === l1) ?? null;
  const inScope = useCallback((t: Template) => (l1 === "" || t.l1 === l1) && (l2 === "" || t.l2 === l2), [l1, l2]);
  const scoped = useMemo(() => templates.filter(inScope), [templates, inScope]);
  const hits = useMemo(() => {
    // The typed text of a chosen template shows the whole scope, so the list can be browsed again.
    const q = template && nameText === template.name ? "" : nameText;
    return index.search(q).map((h) => h.item).filter(inScope);
  }, [index, nameText, template, inScope]);
  const shown = hits.slice(0, MAX_OPTIONS);

  const pick = (t: Template) => {
    setTemplate(t);
    setNameText(t.name);
    setL1(t.l1);
    setL2(t.l2);
    const d = draftFromTemplate(t);
    setPeriod(d);
    setAnnual(d);
    setSame(true);
  };

  const annualValue = same ? period : annual;
  const spec = useMemo((): InsertSpec | null => {
    const built = buildSpec({ profile, l1: l1 || null, l2: l2 || null, name: nameText, period, annual: annualValue });
    // A template brings its one-line 指标解释 (written where the sheet has a 指标解释 column).
    return built && template && built.name === template.name ? { ...built, explanation: template.explanation } : built;
  }, [profile, l1, l2, nameText, period, annualValue, template]);
  const specs = useMemo(() => (spec ? [spec] : null), [spec]);
  const preview = usePreview(host, target, specs, version);
  const verdict = useMemo(() => (spec ? verdictOn(spec, profile.id, thresholds) : null), [spec, profile, thresholds]);
  const missing: string[] = [];
  if (!l1 || !l2) missing.push(s.needCategory);
  if (nameText.trim() === "") missing.push(s.needName);
  const custom = nameText.trim() !== "" && !templates.some((t) => t.name === nameText.trim() && inScope(t));

  return (
    <form
      className={styles.root}
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (spec && target && !writing) onInsert(spec);
      }}
    >
      <Field label={s.l1Label}>
        <Select
          className={styles.control}
          value={l1}
          onChange={(_, data) => {
            setL1(data.value);
            const keep = profile.tree.find((c) => c.code === data.value)?.children.some((c) => c.code === l2);
            if (!keep) setL2("");
            if (template && template.l1 !== data.value) setTemplate(null);
          }}
        >
          <option value="">{s.l1Placeholder}</option>
          {profile.tree.map((c) => (
            <option key={c.code} value={c.code}>
              {`${c.code}-${c.name}`}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={s.l2Label}>
        <Select
          className={styles.control}
          value={l2}
          disabled={!level1}
          onChange={(_, data) => {
            setL2(data.value);
            if (template && template.l2 !== data.value) setTemplate(null);
          }}
        >
          <option value="">{level1 ? s.l2Placeholder : s.l2NeedsL1}</option>
          {(level1?.children ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {`${c.code}-${c.name}`}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={s.l3Label}
        hint={
          custom
            ? hits.length === 0
              ? s.l3NoMatch
              : s.l3Matches(hits.length, nameText.trim())
            : template
              ? s.explanation(template.explanation)
              : s.l3Hint(scoped.length)
        }
        validationState={touched && nameText.trim() === "" ? "error" : "none"}
        validationMessage={touched && nameText.trim() === "" ? s.needName : undefined}
      >
        <Combobox
          className={styles.control}
          freeform
          placeholder={s.l3Placeholder}
          value={nameText}
          selectedOptions={template ? [templateKey(template)] : []}
          open={listOpen}
          onOpenChange={(_, data) => setListOpen(data.open)}
          onChange={(e) => {
            setNameText(e.target.value);
            setTemplate(null);
            setListOpen(true);
          }}
          onOptionSelect={(_, data) => {
            const t = templates.find((x) => templateKey(x) === data.optionValue);
            if (t) pick(t);
            setListOpen(false);
          }}
        >
          {shown.map((t) => (
            <Option key={templateKey(t)} value={templateKey(t)} text={t.name}>
              <span className={styles.option}>
                <span>{t.name}</span>
                <span className={styles.optionValue}>
                  {`${t.l2} · ${templateValueText(t)}`}
                </span>
              </span>
            </Option>
          ))}
          {hits.length > shown.length && (
            <Option key="more" value="" text="" disabled>
              {s.l3More(hits.length - shown.length)}
            </Option>
          )}
        </Combobox>
      </Field>

      <ValueInput legend={s.periodLabel} value={period} onChange={setPeriod} showProblems={touched || template !== null} />
      <Checkbox checked={same} label={s.sameAsPeriod} onChange={(_, data) => {
        setSame(!!data.checked);
        if (!data.checked) setAnnual(period);
      }} />
      {!same && <ValueInput legend={s.annualLabel} value={annual} onChange={setAnnual} showProblems={touched || template !== null} />}

      {touched && missing.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{missing.join(" ")}</MessageBarBody>
        </MessageBar>
      )}

      {spec && target && <PreviewView state={preview} />}
      {verdict && <VerdictView findings={verdict} />}

      <div className={styles.actions}>
        <Button
          type="submit"
          appearance="primary"
          icon={<Add20Regular aria-hidden="true" />}
          disabled={!target}
          disabledFocusable={!!target && writing}
        >
          {s.insert}
        </Button>
        {writing && <Spinner size="tiny" labelPosition="after" label={s.inserting} />}
      </div>
    </form>
  );
}

function templateKey(t: Template): string {
  return `${t.l1}|${t.l2}|${t.name}`;
}

/** The template's proposed value as the option shows it ("≥95%", "≤2025年12月", "≥…次" when it has none). */
function templateValueText(t: Template): string {
  const value = t.value === "" ? "…" : t.value;
  return `${t.comparator}${value}${t.kind === "quantitative" ? t.unit : ""}`;
}

// ---------------------------------------------------------------------------------------------
// A standard set
// ---------------------------------------------------------------------------------------------

interface KitRow {
  key: string;
  label: string;
  kind: Template["kind"];
  /** The spec with the kit's values; its values lack a number (or text) when the template has no typical value. */
  spec: InsertSpec;
  /** The user must type the value (the template has no typical value). */
  needsValue: boolean;
}

function kitRows(kit: Kit, profile: Profile): KitRow[] {
  return kit.items.map((it, i) => {
    const spec: InsertSpec = {
      ...templateToSpec(it.template, { profile, value: it.value, annualValue: it.annualValue }),
      explanation: it.template.explanation,
    };
    const kind = it.template.kind;
    const needsValue =
      kind === "quantitative" ? spec.period.number === null || spec.annual.number === null : spec.period.text === null || spec.annual.text === null;
    return { key: `${i}|${it.template.l2}|${it.template.name}`, label: it.template.name, kind, spec, needsValue };
  });
}

/** A kit row with the value the user typed (both values take it), or the problem with what was typed. */
function resolveRow(r: KitRow, typed: string | undefined, s: Strings): { spec: InsertSpec | null; problem: string | null } {
  if (!r.needsValue) return { spec: r.spec, problem: null };
  const text = (typed ?? "").trim();
  if (r.kind === "qualitative") {
    if (text === "") return { spec: null, problem: s.textMissing };
    return { spec: { ...r.spec, period: { ...r.spec.period, text }, annual: { ...r.spec.annual, text } }, problem: null };
  }
  if (text === "") return { spec: null, problem: s.numberMissing };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return { spec: null, problem: s.numberInvalid };
  const n = Number(text);
  return { spec: { ...r.spec, period: { ...r.spec.period, number: n }, annual: { ...r.spec.annual, number: n } }, problem: null };
}

function KitForm({ host, profile, target, version, writing, onInsert }: FormProps & { onInsert(specs: IndicatorSpec[]): void }) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const legendId = useId();
  const kits = useMemo(() => {
    try {
      return getKits(profile);
    } catch {
      return [];
    }
  }, [profile]);
  const [kitId, setKitId] = useState("");
  const kit = kits.find((k) => k.id === kitId) ?? null;
  const rows = useMemo(() => (kit ? kitRows(kit, profile) : []), [kit, profile]);
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState(false);

  useEffect(() => {
    setChecked(Object.fromEntries(rows.map((r) => [r.key, true])));
    setTyped({});
    setTouched(false);
  }, [rows]);

  const resolved = rows.map((row) => ({ row, ...resolveRow(row, typed[row.key], s) }));
  const chosen = resolved.filter((x) => checked[x.row.key]);
  const complete = chosen.every((x) => x.spec !== null);
  // A fresh array each render is fine: the preview is keyed by the specs' content.
  const specs = chosen.length > 0 && complete ? chosen.map((x) => x.spec as InsertSpec) : null;
  const preview = usePreview(host, target, specs, version);

  if (kits.length === 0) return <Text>{s.kitNone}</Text>;

  return (
    <form
      className={styles.root}
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (specs && target && !writing) onInsert(specs);
      }}
    >
      <Field label={s.kitLabel} hint={kit ? kit.description[lang] : undefined}>
        <Select className={styles.control} value={kitId} onChange={(_, data) => setKitId(data.value)}>
          <option value="">{s.kitPlaceholder}</option>
          {kits.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name[lang]}
            </option>
          ))}
        </Select>
      </Field>

      {kit && (
        <fieldset className={styles.kitItems} aria-labelledby={legendId}>
          <legend id={legendId} className={styles.legend}>
            {s.kitItems}
          </legend>
          {resolved.map(({ row, spec, problem }) => (
            <div key={row.key} className={styles.kitItem}>
              <Checkbox
                checked={!!checked[row.key]}
                label={row.label}
                onChange={(_, data) => setChecked((c) => ({ ...c, [row.key]: !!data.checked }))}
              />
              {row.needsValue ? (
                <Field
                  className={styles.kitInput}
                  label={
                    <>
                      <span style={visuallyHiddenStyle}>{s.valuePrefix(row.label)}</span>
                      {row.kind === "qualitative"
                        ? s.textShort
                        : `${s.numberShort}${row.spec.period.unit ? `（${row.spec.period.unit}）` : ""}`}
                    </>
                  }
                  validationState={touched && checked[row.key] && problem ? "error" : "none"}
                  validationMessage={touched && checked[row.key] && problem ? problem : undefined}
                >
                  <Input
                    value={typed[row.key] ?? ""}
                    disabled={!checked[row.key]}
                    onChange={(_, data) => setTyped((t) => ({ ...t, [row.key]: data.value }))}
                  />
                </Field>
              ) : (
                <span className={styles.kitValue}>
                  {spec ? `${formatValue(spec.period)}${formatValue(spec.annual) !== formatValue(spec.period) ? ` / ${formatValue(spec.annual)}` : ""}` : ""}
                </span>
              )}
            </div>
          ))}
        </fieldset>
      )}

      {touched && kit && chosen.length === 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{s.kitNothingChecked}</MessageBarBody>
        </MessageBar>
      )}

      {specs && target && <PreviewView state={preview} />}

      {kit && (
        <div className={styles.actions}>
          <Button
            type="submit"
            appearance="primary"
            icon={<Add20Regular aria-hidden="true" />}
            disabled={!target}
            disabledFocusable={!!target && writing}
          >
            {s.kitInsert(chosen.length)}
          </Button>
          {writing && <Spinner size="tiny" labelPosition="after" label={s.inserting} />}
        </div>
      )}
    </form>
  );
}
