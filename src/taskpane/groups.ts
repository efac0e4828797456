/**
 * Findings → the pane's groups: one group per project (or unit / 合计 row), inside it one group for the
 * project itself and one per indicator; findings that belong to no project go to the sheet's own group.
 * Groups keep the order in which their first finding appears (the engine's sheet order). `flattenGroups` turns
 * the groups into the rows of the windowed list: a heading row per group, one per indicator (when the group
 * is split by indicator), and one row per finding.
 */
import { finish, type Finding, type Project, type Severity, type Steps, type Table } from "../core";

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

/** Findings (or rows) handled between two checkpoints of the stepped versions. */
const PER_STEP = 4096;

export function groupFindings(findings: readonly Finding[], table: Table | null): FindingGroup[] {
  return finish(groupFindingsSteps(findings, table));
}

/**
 * `groupFindings` in steps (see src/core/slices.ts), for a caller that groups a large result in slices. Groups
 * are looked up by project (or name) and items by indicator position: a key string is made once per group and
 * item, not once per finding (100,000 findings on a 50,000-project sheet).
 */
export function* groupFindingsSteps(findings: readonly Finding[], table: Table | null): Steps<FindingGroup[]> {
  const projectOf = projectIndex(table);
  const out: FindingGroup[] = [];
  let sheetGroup: FindingGroup | null = null;
  const byProject = new Map<Project, FindingGroup>();
  const byName = new Map<string, FindingGroup>();
  /** Per group: its items by indicator position (-1: the project itself). */
  const items = new Map<FindingGroup, Map<number, IndicatorGroup>>();
  for (let i = 0; i < findings.length; i++) {
    if (i > 0 && i % PER_STEP === 0) yield "host";
    const f = findings[i];
    const project = f.project ?? null;
    const p = project === null ? null : projectOf(f);
    let g: FindingGroup | null | undefined = project === null ? sheetGroup : p ? byProject.get(p) : byName.get(project);
    if (!g) {
      const key = project === null ? "sheet" : p ? `row:${p.row}` : `name:${project}`;
      g = { key, project, items: [], count: 0 };
      if (project === null) sheetGroup = g;
      else if (p) byProject.set(p, g);
      else byName.set(project, g);
      items.set(g, new Map());
      out.push(g);
    }
    const index = f.indicator ?? null;
    const byIndicator = items.get(g)!;
    let item = byIndicator.get(index ?? -1);
    if (!item) {
      const name = index !== null && p ? (p.indicators[index]?.name?.text ?? null) : null;
      item = { key: index === null ? `${g.key}/self` : `${g.key}/${index}`, index, name, findings: [] };
      byIndicator.set(index ?? -1, item);
      g.items.push(item);
    }
    item.findings.push(f);
    g.count++;
  }
  return out;
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

/**
 * A finding's row. Its React key is made when read: the list renders a window of the rows, so most keys of a
 * 100,000-finding list are never needed.
 */
class FindingRow {
  readonly kind = "finding" as const;
  constructor(
    readonly group: FindingGroup,
    readonly item: IndicatorGroup,
    readonly finding: Finding,
    readonly order: number,
    readonly pos: number,
    readonly size: number,
  ) {}

  get key(): string {
    const f = this.finding;
    return `f:${this.item.key}/${f.ruleId}/${f.messageId}/${f.cell}/${f.span?.start ?? ""}/${this.pos - 1}`;
  }
}

/** The rows of the list, in reading order: group heading, indicator headings, findings. */
export function flattenGroups(groups: readonly FindingGroup[]): FlatList {
  return finish(flattenGroupsSteps(groups));
}

/** `flattenGroups` in steps (see groupFindingsSteps). */
export function* flattenGroupsSteps(groups: readonly FindingGroup[]): Steps<FlatList> {
  const rows: ListRow[] = [];
  const findingRows: number[] = [];
  let next = PER_STEP;
  for (let gi = 0; gi < groups.length; gi++) {
    if (rows.length >= next) {
      next = rows.length + PER_STEP;
      yield "host";
    }
    const group = groups[gi];
    rows.push({ kind: "group", key: `g:${group.key}`, group, first: gi === 0 });
    const split = splitByIndicator(group);
    for (const item of group.items) {
      if (split) rows.push({ kind: "item", key: `i:${item.key}`, group, item });
      const size = item.findings.length;
      for (let i = 0; i < size; i++) {
        findingRows.push(rows.length);
        rows.push(new FindingRow(group, item, item.findings[i], findingRows.length - 1, i + 1, size));
      }
    }
  }
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
