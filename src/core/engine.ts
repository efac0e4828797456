/**
 * The engine's entry points: table → findings, grid → findings.
 */
import { DEFAULT_PROFILE_ID, getProfile } from "./catalog";
import { buildTable } from "./model";
import { allRules } from "./rules";
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
  const resolved = resolveOptions(options);
  const findings: Finding[] = [];
  for (const rule of rules) {
    const level = resolved.severities[rule.meta.id] ?? rule.meta.severity;
    if (level === "off") continue;
    const found = rule.check(table, resolved);
    // A profile override replaces the default severity; a finding that chose its own severity
    // (e.g. a threshold turned into an error) keeps it unless the override is explicit.
    const overridden = level !== rule.meta.severity;
    for (const f of found) findings.push(overridden ? { ...f, severity: level } : f);
  }
  findings.sort(compareFindings);
  return { table, findings, summary: summarize(table, findings) };
}

/** Grid → table → findings; `table: null` with a clear message when the grid holds no target table. */
export function validateGrid(grid: GridInput, options: ValidateOptions = {}): ValidationResult | NoTable {
  const built = buildTable(grid);
  if (!built.table) return { table: null, message: built.message, messageEn: built.messageEn };
  return validate(built.table, options);
}
