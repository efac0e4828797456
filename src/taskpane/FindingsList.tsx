/**
 * The findings, grouped by project then indicator, in a windowed list: however many findings there are, the
 * page holds only the rows in and near the visible part of the list's own scroll area (at most `MAX_ROWS`).
 * Rows have measured heights (estimated until first shown), so long messages wrap instead of being cut.
 *
 * Each finding is a native button: Tab reaches it, Enter or a click selects its cell. ↑/↓ move to the previous
 * or next finding, Home/End to the first or last, PageUp/PageDown by ten, scrolling the list and rendering the
 * row as needed. The focused row stays rendered when the list scrolls away from it, so focus is never lost.
 * For screen readers each indicator group (or project, when not split) is a list labelled with its group, and
 * every item carries aria-posinset / aria-setsize, so the numbers are right although most items are not in
 * the page. A finding with a safe fix has a 修复 button, one with explicit suggestions a button per suggestion
 * (confirmed before anything is written); they sit beside the finding's button, not inside it.
 */
import { memo, useCallback, useId, useLayoutEffect, useMemo, useReducer, useRef, useState } from "react";
import type { FocusEvent, KeyboardEvent, ReactNode } from "react";
import { Button, createFocusOutlineStyle, makeStyles, mergeClasses, shorthands, tokens } from "@fluentui/react-components";
import { Wrench16Regular } from "@fluentui/react-icons";
import type { Finding, Suggestion, Table } from "../core";
import type { Lang } from "../excel/host";
import { flattenGroups, groupFindings, splitByIndicator, type FindingGroup, type IndicatorGroup, type ListRow } from "./groups";
import type { Strings } from "./i18n";
import { messageOf, SeverityIcon, useUi } from "./ui";
import { lineCount, RowHeights } from "./virtual";

/** Rows rendered at most (plus the focused one): the page stays small with 20,000 findings. */
export const MAX_ROWS = 90;
/** Rows rendered above and below the visible part, in pixels. */
export const OVERSCAN_PX = 480;
/** Rows rendered when the list cannot be measured (its tab is hidden, or no layout engine, as under jsdom). */
export const UNMEASURED_ROWS = 200;
/** Findings moved by PageUp / PageDown. */
export const PAGE_STEP = 10;
/** Room around the rows inside the scroll area, for the focus outline (drawn 2 px outside the button). */
const EDGE = 4;
/** Space kept below the list at the bottom of the pane. */
const BOTTOM_GAP = 12;
/** The list is never shorter than this (or 80% of the pane): the page scrolls instead. */
const MIN_LIST_HEIGHT = 320;

const useStyles = makeStyles({
  scroller: {
    position: "relative",
    overflowY: "auto",
    overflowX: "hidden",
    overflowAnchor: "none",
    marginInline: `-${EDGE}px`,
    minWidth: 0,
  },
  inner: { position: "relative", width: "100%" },
  // The group of the rows at the top, once its heading has scrolled away: a zero-height sticky box, so it takes
  // no room in the list; clicks go through it to the rows under it.
  sticky: { position: "sticky", top: 0, height: 0, zIndex: 2, pointerEvents: "none" },
  stickyText: {
    marginInline: `${EDGE}px`,
    padding: "2px 0 4px",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
  },
  row: { position: "absolute", left: `${EDGE}px`, right: `${EDGE}px`, boxSizing: "border-box" },
  groupHeading: {
    margin: 0,
    paddingTop: "12px",
    paddingBottom: "4px",
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: "anywhere",
  },
  firstHeading: { paddingTop: 0 },
  count: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground3, whiteSpace: "nowrap" },
  itemHeading: {
    margin: 0,
    paddingTop: "4px",
    paddingBottom: "4px",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    overflowWrap: "anywhere",
  },
  ul: { listStyle: "none", margin: 0, padding: 0 },
  li: { paddingBottom: "4px" },
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
  fixes: { display: "flex", flexWrap: "wrap", gap: "4px", padding: "4px 0 2px 8px" },
  suggestion: { whiteSpace: "normal", textAlign: "start", height: "auto", overflowWrap: "anywhere" },
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

function groupTitle(g: FindingGroup, sheet: string, s: Strings): string {
  return g.project ?? s.tableGroup(sheet);
}

function itemTitle(item: IndicatorGroup, s: Strings): string {
  return item.index === null ? s.projectLevel : s.indicatorGroup(item.index + 1, item.name);
}

/** A row's height before it has been measured, from its text and the list's width. */
function estimateRow(row: ListRow, width: number, ctx: { lang: Lang; s: Strings; sheet: string; fixing: boolean }): number {
  const text = width - 2 * EDGE;
  if (row.kind === "group") {
    const title = `${groupTitle(row.group, ctx.sheet, ctx.s)} (${ctx.s.issueCount(row.group.count)})`;
    return (row.first ? 0 : 12) + lineCount(title, 14, text) * 20 + 4;
  }
  if (row.kind === "item") return 8 + lineCount(itemTitle(row.item, ctx.s), 12, text) * 16;
  const f = row.finding;
  const inner = text - 18; // border and padding of the button
  let h = 2 + 12 + 16 + 2 + lineCount(messageOf(f, ctx.lang), 12, inner) * 16 + 4;
  if (ctx.fixing && (f.fix || (f.suggestions && f.suggestions.length > 0))) {
    const buttons = (f.fix ? 1 : 0) + (f.suggestions?.reduce((n, sug) => n + lineCount(messageOf(sug, ctx.lang), 12, inner - 16), 0) ?? 0);
    h += 6 + buttons * 28;
  }
  return h;
}

interface RowProps {
  row: Extract<ListRow, { kind: "finding" }>;
  index: number;
  top: number;
  current: boolean;
  busy: boolean;
  onSelect(finding: Finding): void;
  onFix?(finding: Finding): void;
  onSuggest?(finding: Finding, suggestion: Suggestion): void;
  onKey(order: number, e: KeyboardEvent<HTMLButtonElement>): void;
}

const FindingRow = memo(function FindingRow({ row, index, top, current, busy, onSelect, onFix, onSuggest, onKey }: RowProps) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const f = row.finding;
  return (
    <li
      className={mergeClasses(styles.row, styles.li)}
      style={{ top }}
      data-row={index}
      aria-posinset={row.pos}
      aria-setsize={row.size}
    >
      <button
        type="button"
        className={mergeClasses(styles.finding, current && styles.current)}
        aria-current={current ? "true" : undefined}
        data-cell={f.cell}
        data-index={row.order}
        onClick={() => onSelect(f)}
        onKeyDown={(e) => {
          // Enter activates natively too; handle it here so it works the same everywhere
          // and prevent the native click so it fires once.
          if (e.key === "Enter") {
            e.preventDefault();
            onSelect(f);
            return;
          }
          onKey(row.order, e);
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
  );
});

/** Where the scroll area must be so that the stretch [top, bottom] is in view (unchanged when it is). */
function scrollToShow(scrollTop: number, viewport: number, top: number, bottom: number): number {
  if (top < scrollTop) return Math.max(0, top - EDGE);
  if (bottom > scrollTop + viewport) return Math.max(0, Math.min(top - EDGE, bottom - viewport + EDGE));
  return scrollTop;
}

export function FindingsList({ findings, table, sheet, onSelect, current, onFix, onSuggest, busy = false }: FindingsListProps) {
  const { lang, s } = useUi();
  const styles = useStyles();
  const baseId = useId();
  const groups = useMemo(() => groupFindings(findings, table), [findings, table]);
  const flat = useMemo(() => flattenGroups(groups), [groups]);
  const n = flat.rows.length;

  const scrollerRef = useRef<HTMLDivElement>(null);
  const innerRef = useRef<HTMLDivElement>(null);
  /** Height of the visible part of the list; null before the first measurement, 0 when it cannot be measured. */
  const [viewport, setViewport] = useState<number | null>(null);
  const [width, setWidth] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [maxHeight, setMaxHeight] = useState<number | undefined>(() => (typeof window === "undefined" ? undefined : window.innerHeight));
  const [focusedRow, setFocusedRow] = useState<number | null>(null);
  const pendingFocus = useRef<number | null>(null);
  /** Height of the line that names the group at the top (it lies over the rows there), as last measured. */
  const contextHeight = useRef(20);
  const [, remeasured] = useReducer((x: number) => x + 1, 0);

  const ctx = useMemo(() => ({ lang, s, sheet, fixing: !!(onFix || onSuggest) }), [lang, s, sheet, onFix, onSuggest]);
  const widthRef = useRef(0);
  widthRef.current = width;
  const heights = useMemo(() => {
    const w = widthRef.current || (typeof window === "undefined" ? 300 : Math.max(200, window.innerWidth - 24));
    return new RowHeights(flat.rows.map((r) => estimateRow(r, w, ctx)));
  }, [flat, ctx]);

  // A new list (another result, another filter) starts at its top, with nothing focused inside it.
  useLayoutEffect(() => {
    if (scrollerRef.current) scrollerRef.current.scrollTop = 0;
    setScrollTop(0);
    setFocusedRow(null);
    pendingFocus.current = null;
  }, [flat]);

  // The list fills the pane down to its bottom edge (never less than MIN_LIST_HEIGHT); re-fitted when the pane
  // resizes or the content above it changes (settings opened, a notice shown).
  useLayoutEffect(() => {
    let frame = 0;
    const fit = () => {
      const el = scrollerRef.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      const available = Math.floor(window.innerHeight - top - BOTTOM_GAP);
      setMaxHeight(Math.max(Math.min(MIN_LIST_HEIGHT, Math.floor(window.innerHeight * 0.8)), available));
      remeasured();
    };
    const schedule = () => {
      if (typeof requestAnimationFrame === "undefined") return fit();
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(fit);
    };
    fit();
    window.addEventListener("resize", schedule);
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(schedule);
    observer?.observe(document.body);
    if (scrollerRef.current) observer?.observe(scrollerRef.current);
    return () => {
      if (typeof cancelAnimationFrame !== "undefined") cancelAnimationFrame(frame);
      window.removeEventListener("resize", schedule);
      observer?.disconnect();
    };
  }, []);

  // After every render: the visible height and width, the heights of the rows shown, and a pending focus.
  useLayoutEffect(() => {
    const el = scrollerRef.current;
    const inner = innerRef.current;
    if (!el || !inner) return;
    const vh = el.clientHeight;
    if (vh !== viewport) setViewport(vh);
    const w = el.clientWidth;
    if (w > 0 && Math.abs(w - width) > 20) {
      // Only a real change of the pane's width (not a scroll bar coming and going) re-estimates the rows.
      heights.reestimate((i) => estimateRow(flat.rows[i], w, ctx), false);
      setWidth(w);
    }
    // Keep the first visible row where it is while the rows above it get their measured heights.
    const before = el.scrollTop;
    const anchor = heights.indexAt(before - EDGE);
    const shift = before - heights.offset(anchor);
    let changed = false;
    for (const node of inner.querySelectorAll<HTMLElement>("[data-row]")) {
      const h = node.getBoundingClientRect().height;
      if (h > 0) changed = heights.set(Number(node.dataset.row), h) || changed;
    }
    if (changed) {
      if (before > 0 && anchor >= 0) {
        const want = heights.offset(anchor) + shift;
        if (Math.abs(want - before) >= 1) el.scrollTop = want;
      }
      setScrollTop(el.scrollTop);
      remeasured();
    }
    const context = el.querySelector<HTMLElement>('[data-testid="findings-context"] > div');
    if (context && Math.abs(context.offsetHeight - contextHeight.current) > 1) {
      contextHeight.current = context.offsetHeight;
      remeasured();
    }
    if (pendingFocus.current !== null) {
      const button = inner.querySelector<HTMLButtonElement>(`[data-row="${pendingFocus.current}"] > button`);
      if (button) {
        pendingFocus.current = null;
        button.focus();
      }
    }
  });

  const focusFinding = useCallback(
    (order: number) => {
      const row = flat.findingRows[order];
      const el = scrollerRef.current;
      if (row === undefined || !el) return;
      // Show the headings right above the finding with it (its project's and indicator's, when it is their first).
      // Otherwise keep it clear of the line that names the group at the top.
      let first = row;
      while (first > 0 && flat.rows[first - 1].kind !== "finding") first--;
      const top = EDGE + heights.offset(row);
      const from = first === row ? top - contextHeight.current : EDGE + heights.offset(first);
      const next = scrollToShow(el.scrollTop, el.clientHeight, from, top + heights.height(row));
      if (next !== el.scrollTop) {
        el.scrollTop = next;
        setScrollTop(el.scrollTop);
      }
      pendingFocus.current = row;
      setFocusedRow(row);
      remeasured();
    },
    [flat, heights],
  );

  const onKey = useCallback(
    (order: number, e: KeyboardEvent<HTMLButtonElement>) => {
      const last = flat.findingRows.length - 1;
      let target: number;
      switch (e.key) {
        case "ArrowDown":
          target = order + 1;
          break;
        case "ArrowUp":
          target = order - 1;
          break;
        case "Home":
          target = 0;
          break;
        case "End":
          target = last;
          break;
        case "PageDown":
          target = order + PAGE_STEP;
          break;
        case "PageUp":
          target = order - PAGE_STEP;
          break;
        default:
          return;
      }
      e.preventDefault();
      target = Math.max(0, Math.min(last, target));
      if (target !== order) focusFinding(target);
    },
    [flat, focusFinding],
  );

  const onFocus = useCallback((e: FocusEvent<HTMLDivElement>) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>("[data-row]");
    if (row) setFocusedRow(Number(row.dataset.row));
  }, []);

  const onBlur = useCallback((e: FocusEvent<HTMLDivElement>) => {
    const to = e.relatedTarget as Node | null;
    if (!to || !e.currentTarget.contains(to)) setFocusedRow(null);
  }, []);

  // The rows to render: those in and near view, and the focused one wherever it is.
  let start = 0;
  let end = Math.min(n, UNMEASURED_ROWS);
  if (viewport !== 0) {
    const vh = viewport ?? (typeof window === "undefined" ? 800 : window.innerHeight);
    ({ start, end } = heights.range(scrollTop - EDGE - OVERSCAN_PX, scrollTop - EDGE + vh + OVERSCAN_PX, MAX_ROWS));
  }
  // The group of the first row seen below the line that names it, when the group's heading is above the top
  // (said visually only: each list is labelled with its group for screen readers).
  let context: string | null = null;
  if (viewport && scrollTop > EDGE) {
    const topRow = heights.indexAt(scrollTop - EDGE + contextHeight.current);
    const row = flat.rows[topRow];
    let headingRow = topRow;
    while (headingRow > 0 && flat.rows[headingRow].kind !== "group") headingRow--;
    if (row && heights.offset(headingRow) + EDGE < scrollTop) {
      const g = row.group;
      context = `${groupTitle(g, sheet, s)} (${s.issueCount(g.count)})`;
      if (row.kind !== "group" && splitByIndicator(g)) context += ` · ${itemTitle(row.item, s)}`;
    }
  }

  const shown: number[] = [];
  const pinned = focusedRow !== null && focusedRow < n && (focusedRow < start || focusedRow >= end) ? focusedRow : null;
  if (pinned !== null && pinned < start) shown.push(pinned);
  for (let i = start; i < end; i++) shown.push(i);
  if (pinned !== null && pinned >= end) shown.push(pinned);

  // Headings stand alone; consecutive findings of one group form one labelled list (kept mounted, by key, while
  // any of its rows is shown, so a focused row is never re-created).
  const children: ReactNode[] = [];
  let list: { key: string; label: string; items: ReactNode[] } | null = null;
  const flush = () => {
    if (list) {
      children.push(
        <ul key={list.key} className={styles.ul} aria-label={list.label}>
          {list.items}
        </ul>,
      );
    }
    list = null;
  };
  for (const i of shown) {
    const row = flat.rows[i];
    const top = EDGE + heights.offset(i);
    if (row.kind === "finding") {
      if (!list || list.key !== `l:${row.item.key}`) {
        flush();
        const label = groupTitle(row.group, sheet, s);
        list = { key: `l:${row.item.key}`, label: splitByIndicator(row.group) ? `${label} · ${itemTitle(row.item, s)}` : label, items: [] };
      }
      list.items.push(
        <FindingRow
          key={row.key}
          row={row}
          index={i}
          top={top}
          current={row.finding === current}
          busy={busy}
          onSelect={onSelect}
          onFix={onFix}
          onSuggest={onSuggest}
          onKey={onKey}
        />,
      );
    } else if (row.kind === "group") {
      flush();
      children.push(
        <h3
          key={row.key}
          id={`${baseId}-${i}`}
          className={mergeClasses(styles.row, styles.groupHeading, row.first && styles.firstHeading)}
          style={{ top }}
          data-row={i}
        >
          {groupTitle(row.group, sheet, s)} <span className={styles.count}>({s.issueCount(row.group.count)})</span>
        </h3>,
      );
    } else {
      flush();
      children.push(
        <h4 key={row.key} className={mergeClasses(styles.row, styles.itemHeading)} style={{ top }} data-row={i}>
          {itemTitle(row.item, s)}
        </h4>,
      );
    }
  }
  flush();

  return (
    <div
      ref={scrollerRef}
      className={styles.scroller}
      // Focus moved by Tab scrolls the row clear of the group line too.
      style={{ maxHeight, scrollPaddingTop: context !== null ? contextHeight.current : undefined }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onFocus={onFocus}
      onBlur={onBlur}
      data-testid="findings-scroller"
    >
      {context !== null && (
        <div className={styles.sticky} aria-hidden="true" data-testid="findings-context">
          <div className={styles.stickyText}>{context}</div>
        </div>
      )}
      <div ref={innerRef} className={styles.inner} style={{ height: heights.total() + 2 * EDGE }}>
        {children}
      </div>
    </div>
  );
}
