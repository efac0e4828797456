/**
 * A validation result: the summary counts (with how many cells were marked), then the findings under their own
 * heading with 全部修复 beside it, the severity filter and the windowed list; or, when nothing was found, the
 * state that says what was checked. Kept compact, so the list starts high in an 800 px pane.
 */
import { useId, useMemo } from "react";
import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  ToggleButton,
  tokens,
} from "@fluentui/react-components";
import type { Finding, Severity, Suggestion, Summary, Table } from "../core";
import { FindingsList } from "./FindingsList";
import { FixAllButton } from "./FixBar";
import { ALL_SEVERITIES, countBySeverity, filterFindings, type SeverityFilter } from "./groups";
import { SeverityIcon, useUi } from "./ui";

/** What the pane shows: a result of its own check or the ribbon's stored one. */
export interface Shown {
  sheet: string;
  table: Table | null;
  summary: Summary;
  findings: readonly Finding[];
}

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "8px", minWidth: 0 },
  section: { display: "flex", flexDirection: "column", gap: "4px", minWidth: 0 },
  headRow: { display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: "4px 8px" },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: "anywhere" },
  counts: { display: "flex", flexWrap: "wrap", gap: "2px 16px" },
  countRow: {
    display: "flex",
    flexWrap: "wrap",
    gap: "2px 12px",
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  count: { display: "inline-flex", alignItems: "center", gap: "4px", whiteSpace: "nowrap" },
  number: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  filters: { display: "flex", flexWrap: "wrap", gap: "4px" },
  filter: { minWidth: 0, paddingInline: "4px", columnGap: "4px" },
});

const SUMMARY_KEY: Record<Severity, keyof Summary> = { error: "errors", warning: "warnings", info: "infos" };

export interface ResultViewProps {
  shown: Shown;
  filter: SeverityFilter;
  onFilter(filter: SeverityFilter): void;
  onSelect(finding: Finding): void;
  current: Finding | null;
  /** Cells the check marked in the sheet (said next to the summary); 0 or omitted: nothing said. */
  marked?: number;
  /** Editing: the 修复 / suggestion buttons and 全部修复 (omitted: a read-only list). */
  fixing?: {
    busy: boolean;
    onFix(finding: Finding): void;
    onFixAll(): void;
    onSuggest(finding: Finding, suggestion: Suggestion): void;
  };
}

export function ResultView({ shown, filter, onFilter, onSelect, current, marked = 0, fixing }: ResultViewProps) {
  const { s } = useUi();
  const styles = useStyles();
  const headingId = useId();
  const listHeadingId = useId();
  const { summary, findings } = shown;
  const counts = useMemo(() => countBySeverity(findings), [findings]);
  const visible = useMemo(() => filterFindings(findings, filter), [findings, filter]);
  const total = summary.errors + summary.warnings + summary.infos;

  return (
    <div className={styles.root}>
      <section aria-labelledby={headingId} className={styles.section}>
        <div className={styles.headRow}>
          <h2 id={headingId} className={styles.heading}>
            {s.summaryHeading}
          </h2>
          {marked > 0 && <Text className={styles.note}>{s.highlighted(marked)}</Text>}
        </div>
        <div className={styles.counts} data-testid="summary-counts">
          <ul className={styles.countRow}>
            {ALL_SEVERITIES.map((sev) => (
              <li key={sev} className={styles.count} data-severity={sev}>
                <SeverityIcon severity={sev} />
                <span>{s.severity[sev]}</span>
                <span className={styles.number}>{summary[SUMMARY_KEY[sev]]}</span>
              </li>
            ))}
          </ul>
          <ul className={styles.countRow}>
            <li className={styles.count} data-testid="summary-projects">
              <span>{s.projects}</span>
              <span className={styles.number}>{summary.projects}</span>
            </li>
            <li className={styles.count} data-testid="summary-indicators">
              <span>{s.indicators}</span>
              <span className={styles.number}>{summary.indicators}</span>
            </li>
          </ul>
        </div>
      </section>

      {total === 0 ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{s.allGood(summary.projects, summary.indicators)}</MessageBarBody>
        </MessageBar>
      ) : (
        <section aria-labelledby={listHeadingId} className={styles.root}>
          <div className={styles.headRow}>
            <h2 id={listHeadingId} className={styles.heading}>
              {s.findingsHeading}
            </h2>
            {fixing && (
              <FixAllButton
                sheet={shown.sheet}
                findings={findings}
                table={shown.table}
                busy={fixing.busy}
                onConfirm={fixing.onFixAll}
              />
            )}
          </div>
          <div role="group" aria-label={s.filterLabel} className={styles.filters}>
            {ALL_SEVERITIES.map((sev) => (
              <ToggleButton
                key={sev}
                size="small"
                className={styles.filter}
                checked={filter[sev]}
                icon={<SeverityIcon severity={sev} />}
                onClick={() => onFilter({ ...filter, [sev]: !filter[sev] })}
              >
                {`${s.severity[sev]} (${counts[sev]})`}
              </ToggleButton>
            ))}
          </div>
          {visible.length === 0 ? (
            <Text>{s.filterEmpty}</Text>
          ) : (
            <FindingsList
              findings={visible}
              table={shown.table}
              sheet={shown.sheet}
              onSelect={onSelect}
              current={current}
              onFix={fixing?.onFix}
              onSuggest={fixing?.onSuggest}
              busy={fixing?.busy}
            />
          )}
        </section>
      )}
    </div>
  );
}
