/**
 * Findings → the pane's groups: one group per project (or unit / 合计 row), inside it one group for the
 * project itself and one per indicator; findings that belong to no project go to the sheet's own group.
 * Groups keep the order in which their first finding appears (the engine's sheet order). `flattenGroups` turns
 * the groups into the rows of the windowed list: a heading row per group, one per indicator (when the group
 * is split by indicator), and one row per finding.
 */
import type { Finding, Project, Severity, Table } from "../core";

export interface IndicatorGroup {
  key: string;
  /** 0-based indicator position, or null for findings about the project (or row) itself. */
  index: number | null;
  /** The indicator's 三级 name when the table is known. */
  name: string | null;
  findings: Finding[];
}

export interface FindingGroup {
  key: string;
  /** Project (or unit / 合计 row) name; null for the sheet's own group. */
  project: string | null;
  items: IndicatorGroup[];
  count: number;
}

export type SeverityFilter = Record<Severity, boolean>;

export const ALL_SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** The project whose rows hold the finding's cell (two projects may share a name, never a row). */
function projectIndex(table: Table | null): (f: Finding) => Project | null {
  if (!table) return () => null;
  const byRow = new Map<number, Project>();
  for (const p of table.projects) for (let r = p.row; r <= p.lastRow; r++) byRow.set(r, p);
  return (f) => {
    const p = byRow.get(f.row);
    return p && (f.project === undefined || p.name === f.project) ? p : null;
  };
}

export function groupFindings(findings: readonly Finding[], table: Table | null): FindingGroup[] {
  const projectOf = projectIndex(table);
  const groups = new Map<string, FindingGroup & { byIndicator: Map<string, IndicatorGroup> }>();
  for (const f of findings) {
    const project = f.project ?? null;
    const p = project === null ? null : projectOf(f);
    const key = project === null ? "sheet" : p ? `row:${p.row}` : `name:${project}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, project, items: [], count: 0, byIndicator: new Map() };
      groups.set(key, g);
    }
    const index = f.indicator ?? null;
    const itemKey = index === null ? `${key}/self` : `${key}/${index}`;
    let item = g.byIndicator.get(itemKey);
    if (!item) {
      const name = index !== null && p ? (p.indicators[index]?.name?.text ?? null) : null;
      item = { key: itemKey, index, name, findings: [] };
      g.byIndicator.set(itemKey, item);
      g.items.push(item);
    }
    item.findings.push(f);
    g.count++;
  }
  return [...groups.values()].map(({ byIndicator: _unused, ...g }) => g);
}

/** Project groups are split by indicator when some of their findings are about an indicator. */
export function splitByIndicator(g: FindingGroup): boolean {
  return g.project !== null && g.items.some((it) => it.index !== null);
}

export type ListRow =
  | { kind: "group"; key: string; group: FindingGroup; first: boolean }
  | { kind: "item"; key: string; group: FindingGroup; item: IndicatorGroup }
  | {
      kind: "finding";
      key: string;
      group: FindingGroup;
      item: IndicatorGroup;
      finding: Finding;
      /** Position among all the findings listed (0-based). */
      order: number;
      /** Position in its indicator group (1-based) and that group's size, for aria-posinset / aria-setsize. */
      pos: number;
      size: number;
    };

export interface FlatList {
  rows: ListRow[];
  /** Row index of each finding, by its `order`. */
  findingRows: number[];
}

/** The rows of the list, in reading order: group heading, indicator headings, findings. */
export function flattenGroups(groups: readonly FindingGroup[]): FlatList {
  const rows: ListRow[] = [];
  const findingRows: number[] = [];
  groups.forEach((group, gi) => {
    rows.push({ kind: "group", key: `g:${group.key}`, group, first: gi === 0 });
    const split = splitByIndicator(group);
    for (const item of group.items) {
      if (split) rows.push({ kind: "item", key: `i:${item.key}`, group, item });
      item.findings.forEach((finding, i) => {
        findingRows.push(rows.length);
        rows.push({
          kind: "finding",
          key: `f:${item.key}/${finding.ruleId}/${finding.messageId}/${finding.cell}/${finding.span?.start ?? ""}/${i}`,
          group,
          item,
          finding,
          order: findingRows.length - 1,
          pos: i + 1,
          size: item.findings.length,
        });
      });
    }
  });
  return { rows, findingRows };
}

export function filterFindings(findings: readonly Finding[], filter: SeverityFilter): Finding[] {
  return findings.filter((f) => filter[f.severity]);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
