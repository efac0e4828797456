/**
 * Running the rules over a table in windows, so that the sliced validation (./slices, `validateGridSliced`) can
 * pause between any two pieces of a rule's work: a rule is run on a *view* of the table holding a window of its
 * projects (or rows, or model problems), and its findings for the whole table are the findings of the windows,
 * in window order. No rule is changed for this: each rule's check is the same function, on a smaller table.
 *
 * That is exact only for rules whose findings about one project (row, problem) depend on that project alone, so
 * each rule's scope is listed here, from a reading of src/core/rules (November 2026):
 *
 * - "projects": reads `table.projects` (directly, or through the shared analysis of ./rules/analysis, which is
 *   per table and so per view) and reports each project's findings in project order. It may also read the
 *   table's sheet, layout, header and money unit, which a view keeps. A view holds no rows, units, total or
 *   problems, so a rule that read them would visibly change its findings in the tests (tests/core/slices.test.ts
 *   runs every rule over windows of one project on the seeds and every broken variant).
 * - "rows": reads `table.rows` one row at a time (the amount rules, through the per-table amount pass).
 * - "problems": reads `table.problems` one at a time.
 * - "table": anything else; run once on the whole table. Unlisted rules (a caller's own) are "table".
 *
 * Two rules are not local everywhere:
 * - JX102 parent-sum compares each unit with its projects and the 合计 row with every unit: "table"; it pauses
 *   inside its own work instead (`steppedCheck`: every few units).
 * - JX304 sequence, structured layout: the numbering may run through the whole sheet, so a project's expected
 *   numbers depend on the projects above it: "table" there ("projects" in the published layout, where every
 *   project numbers from 1).
 * And one needs care: JX305 category-name reports a merged 一级/二级 cell of the structured layout once, though
 * several indicators share it. Its indicators may belong to two projects, so a window never starts at a project
 * whose parts lie in rows above its own (inside a merged area that began in the project before).
 */
import { checkSteps as parentSumSteps, rule as parentSum } from "./rules/parent-sum";
import type { Steps } from "./slices";
import type { Finding, ModelProblem, Project, Rule, RuleOptions, Table, TableRow } from "./types";

export type RuleScope = "projects" | "rows" | "problems" | "table";

export const RULE_SCOPES: Readonly<Record<string, RuleScope | ((table: Table) => RuleScope)>> = {
  JX001: "problems",
  JX101: "rows",
  JX102: "table",
  JX103: "rows",
  JX104: "rows",
  JX105: "rows",
  JX201: "projects",
  JX202: "projects",
  JX203: "projects",
  JX204: "projects",
  JX205: "projects",
  JX301: "projects",
  JX302: "projects",
  JX303: "projects",
  JX304: (table) => (table.layout === "published" ? "projects" : "table"),
  JX305: "projects",
  JX401: "projects",
  JX402: "projects",
  JX403: "projects",
  JX501: "projects",
  JX502: "projects",
  JX503: "projects",
  JX504: "projects",
  JX505: "projects",
  JX506: "projects",
  JX507: "projects",
  JX508: "projects",
};

/** How a rule may be run over `table` in windows. */
export function ruleScope(rule: Rule, table: Table): RuleScope {
  const s = Object.prototype.hasOwnProperty.call(RULE_SCOPES, rule.meta.id) ? RULE_SCOPES[rule.meta.id] : "table";
  return typeof s === "function" ? s(table) : s;
}

/** The check in steps of a rule that has one (the same work as its `check`, with checkpoints), else null. */
export function steppedCheck(rule: Rule): ((table: Table, options: RuleOptions) => Steps<Finding[]>) | null {
  return rule === parentSum ? parentSumSteps : null;
}

/** Window sizes: a rule's work on one window is one step of the sliced validation. */
export interface WindowSizes {
  projects: number;
  rows: number;
  problems: number;
}

export const WINDOW_SIZES: Readonly<WindowSizes> = { projects: 128, rows: 1024, problems: 256 };

/** Whether no part of the project's indicators lies in a row above the project's own (a merged cell above). */
function startsClean(p: Project): boolean {
  for (const ind of p.indicators) {
    const parts = [ind.whole, ind.seqPart, ind.l1, ind.l2, ind.name, ind.period, ind.annual];
    for (const part of parts) if (part && part.cell.row < p.row) return false;
  }
  return true;
}

/** Where the project windows of `table` start (and, last, where the final one ends). */
export function projectBounds(table: Table, size: number): number[] {
  const ps = table.projects;
  const out = [0];
  // Only the structured layout has parts in other rows than the project's first (merged cells included).
  const check = table.layout === "structured";
  for (let at = size; at < ps.length; at += size) {
    while (check && at < ps.length && !startsClean(ps[at])) at++;
    if (at >= ps.length) break;
    out.push(at);
  }
  out.push(ps.length);
  return out;
}

function bounds(length: number, size: number): number[] {
  const out = [0];
  for (let at = size; at < length; at += size) out.push(at);
  out.push(length);
  return out;
}

const NO_ROWS: readonly TableRow[] = [];

function view(table: Table, part: { projects?: Project[]; rows?: TableRow[]; problems?: ModelProblem[] }): Table {
  return {
    ...table,
    total: null,
    units: [],
    projects: part.projects ?? [],
    rows: part.rows ?? (NO_ROWS as TableRow[]),
    problems: part.problems ?? [],
  };
}

/** The views of `table` a rule of `scope` is run over, in order ("table": the table itself). */
export function* windowsOf(table: Table, scope: RuleScope, sizes: WindowSizes = WINDOW_SIZES): Generator<Table, void, void> {
  if (scope === "table") {
    yield table;
    return;
  }
  if (scope === "projects") {
    const b = projectBounds(table, sizes.projects);
    for (let i = 0; i + 1 < b.length; i++) yield view(table, { projects: table.projects.slice(b[i], b[i + 1]) });
  } else if (scope === "rows") {
    const b = bounds(table.rows.length, sizes.rows);
    for (let i = 0; i + 1 < b.length; i++) yield view(table, { rows: table.rows.slice(b[i], b[i + 1]) });
  } else {
    const b = bounds(table.problems.length, sizes.problems);
    for (let i = 0; i + 1 < b.length; i++) yield view(table, { problems: table.problems.slice(b[i], b[i + 1]) });
  }
}
