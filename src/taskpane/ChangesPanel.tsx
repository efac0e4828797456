/**
 * The 修改记录 tab: every change the add-in made in this workbook (inserted indicators, fixes, suggestions,
 * conversions), newest first, each with what it wrote and an 撤销 button (Excel's Ctrl+Z does not cover add-in
 * edits on most builds); and 转换格式, which writes the current sheet's table in the other layout on a new sheet.
 */
import { useId, useState } from "react";
import {
  Badge,
  Button,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from "@fluentui/react-components";
import { ArrowSwap20Regular, ArrowUndo16Regular } from "@fluentui/react-icons";
import type { Layout } from "../core";
import type { AppliedChange, WorkbookHost } from "../excel/host";
import { formatTime } from "./i18n";
import { OutcomeBar, useUi } from "./ui";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "12px", minWidth: 0 },
  section: { display: "flex", flexDirection: "column", gap: "8px", minWidth: 0 },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  list: { margin: 0, padding: 0, listStyle: "none", display: "flex", flexDirection: "column", gap: "8px" },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: "4px",
    padding: "8px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
    overflowWrap: "anywhere",
  },
  undone: { color: tokens.colorNeutralForeground3 },
  top: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: "6px" },
  label: { fontWeight: tokens.fontWeightSemibold },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  lines: { margin: "4px 0 0", paddingInlineStart: "16px", fontSize: tokens.fontSizeBase200, whiteSpace: "pre-wrap" },
  summary: { cursor: "pointer", fontSize: tokens.fontSizeBase200 },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: "8px" },
  convertButton: { whiteSpace: "normal", height: "auto", textAlign: "start" },
});

type Outcome =
  | { kind: "undone"; change: AppliedChange }
  | { kind: "converted"; change: AppliedChange }
  | { kind: "error"; error: unknown };

export interface ChangesPanelProps {
  host: WorkbookHost;
  /** Newest first (host.changes()). */
  changes: readonly AppliedChange[];
  /** The sheet chosen on the 校验 tab and its layout, for 转换格式. */
  sheet: string | null;
  layout: Layout | null;
  /** A change was undone or a conversion written: the caller refreshes the list, the sheets, the result. */
  onChanged(change: AppliedChange): void;
}

export function ChangesPanel({ host, changes, sheet, layout, onChanged }: ChangesPanelProps) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const listHeadingId = useId();
  const convertHeadingId = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async (id: string, call: () => Promise<AppliedChange>, kind: "undone" | "converted") => {
    setBusy(id);
    setOutcome(null);
    try {
      const change = await call();
      setOutcome({ kind, change });
      onChanged(change);
    } catch (error) {
      setOutcome({ kind: "error", error });
    } finally {
      setBusy(null);
    }
  };

  const other: Layout | null = layout === "published" ? "structured" : layout === "structured" ? "published" : null;

  return (
    <div className={styles.root}>
      {outcome && (
        <OutcomeBar
          success={
            outcome.kind === "undone"
              ? s.undoneNotice(outcome.change.plan.label[lang])
              : outcome.kind === "converted"
                ? s.converted(outcome.change.plan.sheet)
                : undefined
          }
          error={outcome.kind === "error" ? outcome.error : undefined}
          onDismiss={() => setOutcome(null)}
        />
      )}

      <section className={styles.section} aria-labelledby={listHeadingId}>
        <h2 id={listHeadingId} className={styles.heading}>
          {s.changesHeading}
        </h2>
        <Text className={styles.hint}>{s.changesHint}</Text>
        {changes.length === 0 ? (
          <Text>{s.changesEmpty}</Text>
        ) : (
          <ul className={styles.list} data-testid="changes-list">
            {changes.map((c) => (
              <li key={c.id} className={c.undone ? `${styles.item} ${styles.undone}` : styles.item}>
                <span className={styles.top}>
                  <Badge appearance="tint" color={c.undone ? "subtle" : "brand"}>
                    {s.kinds[c.plan.kind]}
                  </Badge>
                  {c.undone && (
                    <Badge appearance="outline" color="informative">
                      {s.undone}
                    </Badge>
                  )}
                </span>
                <span className={styles.label}>{c.plan.label[lang]}</span>
                <span className={styles.meta}>{s.changeMeta(c.plan.sheet, formatTime(c.at, lang))}</span>
                {c.plan.preview.length > 0 && (
                  <details>
                    <summary className={styles.summary}>
                      {s.changeDetails(c.plan.preview.length)}
                    </summary>
                    <ul className={styles.lines}>
                      {c.plan.preview.map((line, i) => (
                        <li key={i}>{line}</li>
                      ))}
                    </ul>
                  </details>
                )}
                {!c.undone && (
                  <div className={styles.actions}>
                    <Button
                      size="small"
                      icon={<ArrowUndo16Regular aria-hidden="true" />}
                      aria-label={s.undoAria(c.plan.label[lang])}
                      disabledFocusable={busy !== null}
                      onClick={() => void run(c.id, () => host.undo(c.id), "undone")}
                    >
                      {s.undo}
                    </Button>
                    {busy === c.id && <Spinner size="tiny" labelPosition="after" label={s.undoing} />}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={styles.section} aria-labelledby={convertHeadingId}>
        <h2 id={convertHeadingId} className={styles.heading}>
          {s.convertHeading}
        </h2>
        {sheet && layout && other ? (
          <>
            <Text className={styles.hint}>{s.convertHint(sheet, s.layouts[layout], s.layouts[other])}</Text>
            <div className={styles.actions}>
              <Button
                className={styles.convertButton}
                icon={<ArrowSwap20Regular aria-hidden="true" />}
                disabledFocusable={busy !== null}
                onClick={() => void run("convert", () => host.convertLayout(sheet, other), "converted")}
              >
                {s.convertTo(s.layouts[other])}
              </Button>
              {busy === "convert" && <Spinner size="tiny" labelPosition="after" label={s.converting} />}
            </div>
          </>
        ) : (
          <Text className={styles.hint}>{s.convertNoSheet}</Text>
        )}
      </section>
    </div>
  );
}

