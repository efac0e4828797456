/**
 * The engine's entry points: table → findings, grid → findings; at once (`validate`, `validateGrid`) or in
 * slices that give control back to the host every few milliseconds (`validateSliced`, `validateGridSliced`),
 * with exactly the same result.
 */
import { DEFAULT_PROFILE_ID, getProfile } from "./catalog";
import { buildTableSteps } from "./model";
import { ruleScope, steppedCheck, windowsOf, WINDOW_SIZES, type RuleScope, type WindowSizes } from "./rule-windows";
import { allRules } from "./rules";
import { finish, slicerOf, sortSteps, type SliceOptions, type Slicer, type Steps } from "./slices";
import type { Finding, GridInput, Profile, Rule, RuleOptions, Severity, SeverityOrOff, Table, ValidateOptions } from "./types";

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  projects: number;
  indicators: number;
}

export interface ValidationResult {
  table: Table;
  findings: Finding[];
  summary: Summary;
}

export interface NoTable {
  table: null;
  message: string;
  messageEn: string;
}

export interface ResolvedOptions extends RuleOptions {
  /** Effective severity per rule id. */
  severities: Record<string, SeverityOrOff>;
}

export function resolveOptions(options: ValidateOptions = {}): ResolvedOptions {
  const profile: Profile =
    typeof options.profile === "object" ? options.profile : getProfile(options.profile ?? DEFAULT_PROFILE_ID);
  const thresholds = { ...profile.thresholds, ...(options.thresholds ?? {}) };
  const severities: Record<string, SeverityOrOff> = {};
  const overrides = { ...profile.rules, ...(options.rules ?? {}) };
  for (const rule of allRules) {
    severities[rule.meta.id] = overrides[rule.meta.id] ?? overrides[rule.meta.name] ?? rule.meta.severity;
  }
  return { profile, thresholds, severities };
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sheet order: row, column, then position inside the cell, then severity. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.row - b.row ||
    a.col - b.col ||
    (a.span?.start ?? -1) - (b.span?.start ?? -1) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

export function summarize(table: Table, findings: readonly Finding[]): Summary {
  const s: Summary = { errors: 0, warnings: 0, infos: 0, projects: table.projects.length, indicators: 0 };
  for (const p of table.projects) s.indicators += p.indicators.length;
  for (const f of findings) {
    if (f.severity === "error") s.errors++;
    else if (f.severity === "warning") s.warnings++;
    else s.infos++;
  }
  return s;
}

/** Run every enabled rule over a table. Never changes the table. */
export function validate(table: Table, options: ValidateOptions = {}, rules: readonly Rule[] = allRules): ValidationResult {
  return finish(validateSteps(table, options, rules, null));
}

/** Grid → table → findings; `table: null` with a clear message when the grid holds no target table. */
export function validateGrid(grid: GridInput, options: ValidateOptions = {}): ValidationResult | NoTable {
  return finish(validateGridSteps(grid, options, null));
}

/**
 * `validate` in slices: gives control back (`yieldControl`) whenever a slice has run `budgetMs` (default 30 ms),
 * and resolves to exactly what `validate` returns. Pass a Slicer to share one budget, and its statistics, with
 * the caller's own work.
 */
export function validateSliced(
  table: Table, options: ValidateOptions, slicing: SliceOptions | Slicer, rules: readonly Rule[] = allRules,
): Promise<ValidationResult> {
  return runSliced(validateSteps(table, options, rules, WINDOW_SIZES), slicing);
}

/** `validateGrid` in slices (see validateSliced): the model is built in slices too. */
export function validateGridSliced(grid: GridInput, options: ValidateOptions, slicing: SliceOptions | Slicer): Promise<ValidationResult | NoTable> {
  return runSliced(validateGridSteps(grid, options, WINDOW_SIZES), slicing);
}

async function runSliced<T>(steps: Steps<T>, slicing: SliceOptions | Slicer): Promise<T> {
  const slicer = slicerOf(slicing);
  const own = slicer !== slicing;
  try {
    return await slicer.run(steps);
  } finally {
    if (own) slicer.end();
  }
}

/**
 * Grid → table → findings in steps. `windows`: run the rules over windows of the table (./rule-windows), so that
 * no single step is a rule's work on the whole table; null: each rule on the whole table in one step.
 */
export function* validateGridSteps(grid: GridInput, options: ValidateOptions, windows: WindowSizes | null): Steps<ValidationResult | NoTable> {
  const built = yield* buildTableSteps(grid);
  if (!built.table) return { table: null, message: built.message, messageEn: built.messageEn };
  return yield* validateSteps(built.table, options, allRules, windows);
}

/** Findings moved between two checkpoints after the rules have run. */
const FINDINGS_PER_STEP = 4096;
const SCOPE_ORDER: readonly RuleScope[] = ["projects", "rows", "problems", "table"];

/** Table → findings in steps (see validateGridSteps). */
export function* validateSteps(
  table: Table, options: ValidateOptions, rules: readonly Rule[], windows: WindowSizes | null,
): Steps<ValidationResult> {
  const resolved = resolveOptions(options);
  const levels = rules.map((rule) => resolved.severities[rule.meta.id] ?? rule.meta.severity);
  // Each rule's findings, in the rule's own order: over windows, the windows' findings one after the other.
  const found: Finding[][] = rules.map(() => []);
  const byScope = new Map<RuleScope, number[]>();
  for (let i = 0; i < rules.length; i++) {
    if (levels[i] === "off") continue;
    const scope = windows ? ruleScope(rules[i], table) : "table";
    const list = byScope.get(scope);
    if (list) list.push(i);
    else byScope.set(scope, [i]);
  }
  for (const scope of SCOPE_ORDER) {
    const list = byScope.get(scope);
    if (!list) continue;
    // Window by window, every rule of the scope: the rules' shared analysis is made once per window.
    for (const part of windowsOf(table, scope, windows ?? WINDOW_SIZES)) {
      for (const i of list) {
        const out = found[i];
        // A rule run on the whole table pauses inside its own work when it can (sliced validation only).
        const stepped = windows && scope === "table" ? steppedCheck(rules[i]) : null;
        const more = stepped ? yield* stepped(part, resolved) : rules[i].check(part, resolved);
        for (let k = 0; k < more.length; k++) out.push(more[k]);
        yield "rules";
      }
    }
  }
  const findings: Finding[] = [];
  let moved = 0;
  for (let i = 0; i < rules.length; i++) {
    const level = levels[i];
    if (level === "off") continue;
    // A profile override replaces the default severity; a finding that chose its own severity
    // (e.g. a threshold turned into an error) keeps it unless the override is explicit.
    const overridden = level !== rules[i].meta.severity;
    for (const f of found[i]) {
      findings.push(overridden ? { ...f, severity: level } : f);
      if (++moved % FINDINGS_PER_STEP === 0) yield "rules";
    }
  }
  // Array#sort and sortSteps are both stable: the same comparator gives the same order.
  if (windows) yield* sortSteps(findings, compareFindings);
  else findings.sort(compareFindings);
  return { table, findings, summary: summarize(table, findings) };
}
