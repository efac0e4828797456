/**
 * The findings, grouped by project then indicator. Each finding is a native button (Tab reaches it, Enter or a
 * click selects its cell). Only the first `PAGE_SIZE` findings are rendered; "显示更多" adds the next page, so a
 * sheet with thousands of findings stays responsive. A finding with a safe fix has a 修复 button, one with
 * explicit suggestions a button per suggestion (confirmed before anything is written); they sit beside the
 * finding's button, not inside it.
 */
import { useId, useMemo, useState } from "react";
import { Button, createFocusOutlineStyle, makeStyles, mergeClasses, shorthands, tokens } from "@fluentui/react-components";
import { Wrench16Regular } from "@fluentui/react-icons";
import type { Finding, Suggestion, Table } from "../core";
import { groupFindings } from "./groups";
import { messageOf, SeverityIcon, useUi } from "./ui";

export const PAGE_SIZE = 200;

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", gap: "12px", minWidth: 0 },
  group: { display: "flex", flexDirection: "column", gap: "4px", minWidth: 0 },
  groupHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
  },
  count: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground3 },
  itemHeading: {
    margin: "4px 0 0",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  ul: { listStyle: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "4px" },
  finding: {
    position: "relative", // the focus outline is drawn by an absolutely positioned ::after
    display: "flex",
    flexDirection: "column",
    gap: "2px",
    width: "100%",
    boxSizing: "border-box",
    textAlign: "start",
    padding: "6px 8px",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    font: "inherit",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    cursor: "pointer",
    overflowWrap: "anywhere",
    whiteSpace: "normal",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ...createFocusOutlineStyle(),
  },
  current: {
    ...shorthands.borderColor(tokens.colorBrandStroke1),
    backgroundColor: tokens.colorNeutralBackground1Selected,
  },
  meta: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: "6px", rowGap: "2px" },
  severity: { fontWeight: tokens.fontWeightSemibold },
  cell: { fontFamily: tokens.fontFamilyMonospace },
  rule: { color: tokens.colorNeutralForeground3, marginInlineStart: "auto" },
  message: { whiteSpace: "pre-wrap" },
  more: { alignSelf: "flex-start" },
  fixes: { display: "flex", flexWrap: "wrap", gap: "4px", padding: "4px 0 2px 8px" },
  suggestion: { whiteSpace: "normal", textAlign: "start", height: "auto", overflowWrap: "anywhere" },
  shown: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export interface FindingsListProps {
  /** The findings to show (already filtered), in sheet order. */
  findings: readonly Finding[];
  /** The table the findings were made from, for indicator names; null for a stored run. */
  table: Table | null;
  sheet: string;
  onSelect(finding: Finding): void;
  /** The finding selected last, shown as current. */
  current: Finding | null;
  /** Apply a finding's safe fix (omit to show no 修复 buttons). */
  onFix?(finding: Finding): void;
  /** Ask to apply one of a finding's suggestions (the caller confirms first). */
  onSuggest?(finding: Finding, suggestion: Suggestion): void;
  /** A write is in progress: the fix buttons wait. */
  busy?: boolean;
}

export function FindingsList({ findings, table, sheet, onSelect, current, onFix, onSuggest, busy = false }: FindingsListProps) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const baseId = useId();
  const [limit, setLimit] = useState(PAGE_SIZE);
  const shown = useMemo(() => (findings.length > limit ? findings.slice(0, limit) : findings), [findings, limit]);
  const groups = useMemo(() => groupFindings(shown, table), [shown, table]);
  const remaining = findings.length - shown.length;

  return (
    <div className={styles.list}>
      {groups.map((g, gi) => {
        const headingId = `${baseId}-group-${gi}`;
        return (
          <section key={g.key} className={styles.group} aria-labelledby={headingId}>
            <h3 id={headingId} className={styles.groupHeading}>
              {g.project ?? s.tableGroup(sheet)} <span className={styles.count}>({s.issueCount(g.count)})</span>
            </h3>
            {g.items.map((item) => (
              <div key={item.key}>
                {g.project !== null && g.items.some((it) => it.index !== null) && (
                  <h4 className={styles.itemHeading}>
                    {item.index === null ? s.projectLevel : s.indicatorGroup(item.index + 1, item.name)}
                  </h4>
                )}
                <ul className={styles.ul}>
                  {item.findings.map((f, i) => (
                    <li key={`${f.ruleId}/${f.messageId}/${f.cell}/${f.span?.start ?? ""}/${i}`}>
                      <button
                        type="button"
                        className={mergeClasses(styles.finding, f === current && styles.current)}
                        aria-current={f === current ? "true" : undefined}
                        onClick={() => onSelect(f)}
                        onKeyDown={(e) => {
                          // Enter activates natively too; handle it here so it works the same everywhere
                          // and prevent the native click so it fires once.
                          if (e.key === "Enter") {
                            e.preventDefault();
                            onSelect(f);
                          }
                        }}
                      >
                        <span className={styles.meta}>
                          <SeverityIcon severity={f.severity} />
                          <span className={styles.severity}>{s.severity[f.severity]}</span>
                          <span>
                            {s.cellLabel} <span className={styles.cell}>{f.cell}</span>
                          </span>
                          <span className={styles.rule}>{f.ruleId}</span>
                        </span>
                        <span className={styles.message}>{messageOf(f, lang)}</span>
                      </button>
                      {((onFix && f.fix) || (onSuggest && f.suggestions && f.suggestions.length > 0)) && (
                        <div className={styles.fixes}>
                          {onFix && f.fix && (
                            <Button
                              size="small"
                              icon={<Wrench16Regular aria-hidden="true" />}
                              aria-label={s.fixAria(f.cell)}
                              disabledFocusable={busy}
                              onClick={() => onFix(f)}
                            >
                              {s.fix}
                            </Button>
                          )}
                          {onSuggest &&
                            f.suggestions?.map((sug) => (
                              <Button
                                key={sug.id}
                                size="small"
                                className={styles.suggestion}
                                disabledFocusable={busy}
                                onClick={() => onSuggest(f, sug)}
                              >
                                {messageOf(sug, lang)}
                              </Button>
                            ))}
                        </div>
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
      {remaining > 0 && (
        <>
          <span className={styles.shown} aria-live="polite">
            {s.shownOf(shown.length, findings.length)}
          </span>
          <Button className={styles.more} onClick={() => setLimit((l) => l + PAGE_SIZE)}>
            {s.showMore(remaining)}
          </Button>
        </>
      )}
    </div>
  );
}
