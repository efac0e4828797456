/**
 * Fixing from the result: 全部修复 with a confirmation that lists every safe fix (cell, the text around it before →
 * after), and the confirmation of an explicit suggestion (e.g. set 总计 to the sum), which shows both numbers
 * and the cells it writes. Nothing is written until the user confirms.
 */
import { useId, useMemo, useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { Wrench20Regular } from "@fluentui/react-icons";
import type { CellValue, Finding, Suggestion, Table } from "../core";
import { fixLines, visible } from "./fixes";
import { messageOf, useUi } from "./ui";

const useStyles = makeStyles({
  list: {
    margin: 0,
    padding: 0,
    listStyle: "none",
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    maxHeight: "50vh",
    overflowY: "auto",
  },
  item: {
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    padding: "6px 8px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    overflowWrap: "anywhere",
    fontSize: tokens.fontSizeBase200,
  },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  message: { color: tokens.colorNeutralForeground2 },
  change: { whiteSpace: "pre-wrap" },
  before: { textDecorationLine: "line-through", color: tokens.colorNeutralForeground3 },
  surface: { maxWidth: "calc(100vw - 24px)", boxSizing: "border-box" },
  intro: { margin: "0 0 8px" },
});

export interface FixAllButtonProps {
  sheet: string;
  /** All findings of the result (the fixable ones are listed). */
  findings: readonly Finding[];
  table: Table | null;
  busy: boolean;
  onConfirm(): void;
}

export function FixAllButton({ sheet, findings, table, busy, onConfirm }: FixAllButtonProps) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const count = useMemo(() => findings.reduce((n, f) => (f.fix ? n + 1 : n), 0), [findings]);
  // The lines (each fix's surrounding text) are built when the confirmation opens, not with every result.
  const lines = useMemo(() => (open ? fixLines(findings, table) : []), [open, findings, table]);
  const introId = useId();
  if (count === 0) return null;
  return (
    <Dialog open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button icon={<Wrench20Regular aria-hidden="true" />} disabledFocusable={busy}>
          {s.fixAll(count)}
        </Button>
      </DialogTrigger>
      <DialogSurface className={styles.surface} aria-describedby={introId}>
        <DialogBody>
          <DialogTitle>{s.fixAllTitle}</DialogTitle>
          <DialogContent>
            <p id={introId} className={styles.intro}>
              {s.fixAllIntro(count, sheet)}
            </p>
            <ul className={styles.list} data-testid="fix-all-list">
              {lines.map((l) => (
                <li key={l.key} className={styles.item}>
                  <span>
                    <span className={styles.cell}>{l.cell}</span> <span className={styles.message}>{messageOf(l.finding, lang)}</span>
                  </span>
                  {l.before !== null ? (
                    <span className={styles.change}>
                      <span className={styles.before}>{visible(l.before)}</span>
                      {" → "}
                      <span>{visible(l.after)}</span>
                    </span>
                  ) : (
                    <span className={styles.change}>
                      {s.fixUnknownBefore}
                      {visible(l.after)}
                    </span>
                  )}
                </li>
              ))}
            </ul>
            <p>{s.fixAllOutro}</p>
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              onClick={() => {
                setOpen(false);
                onConfirm();
              }}
            >
              {s.confirmFix}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button>{s.cancel}</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

function shown(v: CellValue, empty: string): string {
  if (v === null || v === undefined || v === "") return empty;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return visible(String(v));
}

export interface SuggestionDialogProps {
  /** The finding and the suggestion to confirm; null = closed. */
  pending: { finding: Finding; suggestion: Suggestion } | null;
  onConfirm(finding: Finding, suggestion: Suggestion): void;
  onCancel(): void;
}

export function SuggestionDialog({ pending, onConfirm, onCancel }: SuggestionDialogProps) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const introId = useId();
  return (
    <Dialog open={pending !== null} onOpenChange={(_, data) => (data.open ? undefined : onCancel())}>
      <DialogSurface className={styles.surface} aria-describedby={introId}>
        {pending ? (
          <DialogBody>
            <DialogTitle>{s.suggestionTitle}</DialogTitle>
            <DialogContent>
              <p id={introId} className={styles.intro}>
                {s.suggestionIntro}
              </p>
              <p>
                <strong>{messageOf(pending.suggestion, lang)}</strong>
              </p>
              <p className={styles.message}>
                <span className={styles.cell}>{pending.finding.cell}</span> {messageOf(pending.finding, lang)}
              </p>
              <ul className={styles.list} data-testid="suggestion-edits">
                {pending.suggestion.edits.map((e) => (
                  <li key={e.cell} className={styles.item}>
                    <span className={styles.change}>
                      <span className={styles.cell}>{e.cell}</span>
                      {s.colon}
                      <span className={styles.before}>{shown(e.before, s.emptyCell)}</span>
                      {" → "}
                      <span>{shown(e.after, s.emptyCell)}</span>
                    </span>
                  </li>
                ))}
              </ul>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => onConfirm(pending.finding, pending.suggestion)}>
                {s.suggestionConfirm}
              </Button>
              <Button onClick={onCancel}>{s.cancel}</Button>
            </DialogActions>
          </DialogBody>
        ) : (
          <DialogBody />
        )}
      </DialogSurface>
    </Dialog>
  );
}
