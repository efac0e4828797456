/**
 * Findings → the pane's groups: one group per project (or unit / 合计 row), inside it one group for the
 * project itself and one per indicator; findings that belong to no project go to the sheet's own group.
 * Groups keep the order in which their first finding appears (the engine's sheet order).
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

export function filterFindings(findings: readonly Finding[], filter: SeverityFilter): Finding[] {
  return findings.filter((f) => filter[f.severity]);
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}
