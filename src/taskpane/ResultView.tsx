/**
 * A validation result: the summary counts, the severity filter and the grouped findings, or the empty state
 * that says what was checked when nothing was found.
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
  root: { display: "flex", flexDirection: "column", gap: "12px", minWidth: 0 },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  counts: {
    display: "flex",
    flexWrap: "wrap",
    gap: "4px 16px",
    margin: 0,
    padding: 0,
    listStyle: "none",
  },
  count: { display: "inline-flex", alignItems: "center", gap: "4px" },
  number: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  checked: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  filters: { display: "flex", flexWrap: "wrap", gap: "4px" },
});

const SUMMARY_KEY: Record<Severity, keyof Summary> = { error: "errors", warning: "warnings", info: "infos" };

export interface ResultViewProps {
  shown: Shown;
  filter: SeverityFilter;
  onFilter(filter: SeverityFilter): void;
  onSelect(finding: Finding): void;
  current: Finding | null;
  /** Editing: the 修复 / suggestion buttons and 全部修复 (omitted: a read-only list). */
  fixing?: {
    busy: boolean;
    onFix(finding: Finding): void;
    onFixAll(): void;
    onSuggest(finding: Finding, suggestion: Suggestion): void;
  };
}

export function ResultView({ shown, filter, onFilter, onSelect, current, fixing }: ResultViewProps) {
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
      <section aria-labelledby={headingId}>
        <h2 id={headingId} className={styles.heading}>
          {s.summaryHeading}
        </h2>
        <ul className={styles.counts} data-testid="summary-counts">
          {ALL_SEVERITIES.map((sev) => (
            <li key={sev} className={styles.count} data-severity={sev}>
              <SeverityIcon severity={sev} />
              <span>{s.severity[sev]}</span>
              <span className={styles.number}>{summary[SUMMARY_KEY[sev]]}</span>
            </li>
          ))}
          <li className={styles.count} data-testid="summary-projects">
            <span>{s.projects}</span>
            <span className={styles.number}>{summary.projects}</span>
          </li>
          <li className={styles.count} data-testid="summary-indicators">
            <span>{s.indicators}</span>
            <span className={styles.number}>{summary.indicators}</span>
          </li>
        </ul>
      </section>

      {total === 0 ? (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{s.allGood(summary.projects, summary.indicators)}</MessageBarBody>
        </MessageBar>
      ) : (
        <section aria-labelledby={listHeadingId} className={styles.root}>
          <h2 id={listHeadingId} className={styles.heading}>
            {s.findingsHeading}
          </h2>
          <Text className={styles.checked}>{s.checkedCounts(summary.projects, summary.indicators)}</Text>
          {fixing && (
            <div className={styles.filters}>
              <FixAllButton
                sheet={shown.sheet}
                findings={findings}
                table={shown.table}
                busy={fixing.busy}
                onConfirm={fixing.onFixAll}
              />
            </div>
          )}
          <div role="group" aria-label={s.filterLabel} className={styles.filters}>
            {ALL_SEVERITIES.map((sev) => (
              <ToggleButton
                key={sev}
                size="small"
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
