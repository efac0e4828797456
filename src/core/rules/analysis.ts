/**
 * One pass over a table, shared by every rule (both sets): it reads each indicator and each amount once,
 * with cheap tests that select, for each rule, a superset of what the rule can report. Each rule then loops
 * over its few candidates and applies its own full test, so the findings are the rule's alone; the pass only
 * decides which indicators are worth a look.
 *
 * Why: on a 50,000-indicator sheet the cost of a rule is mostly touching the table's objects (cache misses
 * on ~300,000 parts) and allocating; twenty rules each walking every indicator cost ten times one walk.
 * So the pass keeps no per-indicator objects or closures: candidates are pairs of small integers (project
 * position, indicator position) in plain number arrays, amounts are a Float64Array.
 *
 * Results are cached per table (rules never change a table) in WeakMaps, and recomputed when the profile,
 * lexicon or a threshold the pass depends on differs.
 */
import { matchLevel1, matchLevel2, type Lexicon } from "../catalog";
import { annualFacts, l1Facts, l2Facts, nameFactsOf, periodFacts, type CategoryFacts, type ValueFactsLike } from "../grammar";
import { AMOUNT_KEYS } from "../types";
import type {
  Indicator, IndicatorValue, Level1Def, Level2Def, Profile, Project, RuleOptions, Table, TableRow,
} from "../types";
import {
  compiledLexicon, isPercentUnit, isQuantitative, judgeSatisfaction, looksLikeSerial, moneyFactor, nameFacts, normalizeUnit,
} from "./b-shared";

// ---------------------------------------------------------------------------------------------
// Category look-ups, memoised per profile
// ---------------------------------------------------------------------------------------------

export type L1Match = { byCode: Level1Def | null; byName: Level1Def | null };
export type L2Match = {
  byCode: { l1: Level1Def; l2: Level2Def } | null;
  byName: { l1: Level1Def; l2: Level2Def } | null;
};

/** Resolvers read a category's code and name only (a part, or the location-free facts of one). */
export interface CategoryResolver {
  l1(part: CategoryFacts): L1Match;
  l2(part: CategoryFacts): L2Match;
}

const MAX_CACHED = 20000;
const resolvers = new WeakMap<Profile, CategoryResolver>();

/** Catalogue lookups memoised per profile: a 50,000-indicator sheet repeats a handful of labels. */
export function categoryResolver(profile: Profile): CategoryResolver {
  const known = resolvers.get(profile);
  if (known) return known;
  // Two-level maps (code, then name): no key string is built per look-up.
  const c1 = new Map<string | null, Map<string, L1Match>>();
  const c2 = new Map<string | null, Map<string, L2Match>>();
  let entries = 0;
  const bound = () => {
    // A sheet of junk labels must not grow the cache without end.
    if (++entries > MAX_CACHED) {
      c1.clear();
      c2.clear();
      entries = 0;
    }
  };
  const resolver: CategoryResolver = {
    l1(part) {
      let byName = c1.get(part.code);
      if (!byName) c1.set(part.code, (byName = new Map()));
      let m = byName.get(part.name);
      if (!m) {
        m = matchLevel1(part.code, part.name, profile);
        bound();
        byName.set(part.name, m);
      }
      return m;
    },
    l2(part) {
      let byName = c2.get(part.code);
      if (!byName) c2.set(part.code, (byName = new Map()));
      let m = byName.get(part.name);
      if (!m) {
        m = matchLevel2(part.code, part.name, profile);
        bound();
        byName.set(part.name, m);
      }
      return m;
    },
  };
  resolvers.set(profile, resolver);
  return resolver;
}

/** A category part that holds anything at all (a code or a name). */
export function present<P extends CategoryFacts>(part: P | null): part is P {
  return part !== null && (part.code !== null || part.name !== "");
}

export type Role = Level1Def["role"];

/** Bits of the roles, for a project's set of roles. */
export const ROLE_BIT: Record<Role | "none", number> = { none: 0, output: 1, effect: 2, satisfaction: 4, cost: 8 };

/** JX203's role of an indicator: what its 一级 denotes (by code, else by name), else its 二级; null when neither is known. */
export function roleFrom(l1: L1Match | null, l2: L2Match | null): Role | null {
  const d1 = l1 ? (l1.byCode ?? l1.byName) : null;
  if (d1) return d1.role;
  const d2 = l2 ? (l2.byCode ?? l2.byName) : null;
  return d2 ? d2.l1.role : null;
}

/** Roles JX203 requires under a profile (those of its tree among output, effect, satisfaction), as bits. */
export function requiredRoleBits(profile: Profile): number {
  let all = 0;
  for (const role of ["output", "effect", "satisfaction"] as const) {
    if (profile.tree.some((d) => d.role === role)) all |= ROLE_BIT[role];
  }
  return all;
}

/** What a label is wrong by for JX303 (regardless of pseudo-categories): whether it has a verdict at all. */
function unknownLabel(part: CategoryFacts, byCodeKnown: boolean, nameKnown: boolean): boolean {
  if (nameKnown) return part.code !== null && !byCodeKnown;
  return part.name !== "" || (part.code !== null && !byCodeKnown);
}

// JX305 category-name: the category a label denotes beyond doubt, and what is off in its form.

export type CategoryNameVerdict = "alias" | "missingCode" | "missingName" | "form";

function withoutSuffix(name: string): string {
  return name.endsWith("指标") ? name.slice(0, -2) : name;
}

/**
 * What is off in a label that denotes `def` beyond doubt (its code and name each agree with `def` or are absent):
 * null when it is the profile's form (the code, then the canonical name with or without 指标).
 */
export function verdictFor(part: CategoryFacts, def: { code: string; name: string }): CategoryNameVerdict | null {
  const name = part.name;
  const canon = def.name;
  // The usual case, without allocating: the code, then the canonical name or the name without its suffix 指标.
  if (
    part.code === def.code &&
    (name === canon || (name.length === canon.length - 2 && canon.endsWith("指标") && canon.startsWith(name)))
  ) {
    return null;
  }
  if (name !== "" && withoutSuffix(name.replace(/[\s\u3000]+/g, "")) !== withoutSuffix(def.name)) return "alias";
  if (part.code === null) return "missingCode";
  if (name === "") return "missingName";
  return "form";
}

/** The 一级 a label denotes beyond doubt (code and name agree, or one of them is absent), or null. */
export function certainL1(part: CategoryFacts, m: L1Match): Level1Def | null {
  const d = m.byName ?? m.byCode;
  if (!d) return null;
  if (part.code !== null && m.byCode !== d) return null; // unknown code, or code and name disagree
  if (part.name !== "" && m.byName !== d) return null; // unknown name
  return d;
}

/** The 二级 a label denotes beyond doubt, with its 一级, or null. */
export function certainL2(part: CategoryFacts, m: L2Match): { l1: Level1Def; l2: Level2Def } | null {
  const d = m.byName ?? m.byCode;
  if (!d) return null;
  if (part.code !== null && (m.byCode === null || m.byCode.l2 !== d.l2)) return null;
  if (part.name !== "" && (m.byName === null || m.byName.l2 !== d.l2)) return null;
  return d;
}

/** JX305's test for the shared pass: whether a present label may get a finding (JX302's veto is left to the rule). */
export function l1Candidate(part: CategoryFacts, m: L1Match): boolean {
  const d = certainL1(part, m);
  return d !== null && verdictFor(part, d) !== null;
}

export function l2Candidate(part: CategoryFacts, m: L2Match): boolean {
  const d = certainL2(part, m);
  return d !== null && verdictFor(part, d.l2) !== null;
}

// ---------------------------------------------------------------------------------------------
// The indicator pass
// ---------------------------------------------------------------------------------------------

/** Rules that look at indicators one by one. */
export type RuleKey =
  | "JX205" | "JX301" | "JX302" | "JX303" | "JX305"
  | "JX401" | "JX402" | "JX403" | "JX501" | "JX502" | "JX503" | "JX504" | "JX505" | "JX506" | "JX507" | "JX508";
const RULE_KEYS: readonly RuleKey[] = [
  "JX205", "JX301", "JX302", "JX303", "JX305",
  "JX401", "JX402", "JX403", "JX501", "JX502", "JX503", "JX504", "JX505", "JX506", "JX507", "JX508",
];

/** Rules that look at whole projects. */
export type ProjectRuleKey = "JX203" | "JX304";

interface Analysis {
  profile: Profile;
  lexicon: Lexicon;
  floor: number;
  /** Per rule: flat pairs (project position in table.projects, indicator position in project.indicators). */
  byRule: Record<RuleKey, number[]>;
  /** Per rule: positions of the projects in table.projects. */
  byProject: Record<ProjectRuleKey, number[]>;
}

const analyses = new WeakMap<Table, Analysis>();

function hasComparatorAtLeast(v: ValueFactsLike | null): boolean {
  return v !== null && (v.comparator === "≥" || v.comparator === ">");
}

/** `isQuantitative` (b-shared) for location-free facts. */
function quantitative(v: ValueFactsLike | null): v is ValueFactsLike & { number: number } {
  return isQuantitative(v as IndicatorValue | null);
}

function lookalike(v: ValueFactsLike | null): boolean {
  return v !== null && v.comparatorRaw !== null && v.comparatorRaw !== v.comparator;
}

/**
 * `effectiveUnit(v, name) === "%"` without a unit look-up for the usual unit: normalizeUnit only yields "%"
 * from a unit holding %, ％ or 百分比, so any other unit is ruled out by a scan of its two or three characters.
 */
function percentValue(v: ValueFactsLike, nameUnit: string | null): boolean {
  const u = v.unit;
  if (!u) return nameUnit === "%"; // effectiveUnit falls back to the name's unit (`unitInName`, as in NameFacts)
  return (u.includes("%") || u.includes("％") || u.includes("百分比")) && normalizeUnit(u) === "%";
}

/**
 * `moneyFactor(unit) !== null`, with the usual unit ruled out by a scan of its few characters: the factor table's
 * own keys all hold 元, and its inherited ones (a plain object's: `constructor`…) are ASCII words; normalizeUnit
 * adds neither, so a unit with no 元 and no ASCII letter or _ has no factor.
 */
function moneyUnit(unit: string): boolean {
  for (let i = 0; i < unit.length; i++) {
    const c = unit.charCodeAt(i);
    if (c === 0x5143 /* 元 */ || (c < 128 && (c === 95 || ((c | 32) >= 97 && (c | 32) <= 122)))) return moneyFactor(unit) !== null;
  }
  return false;
}

/** Whether JX503 has something to say about a value (`judgeSatisfaction` allocates only for a verdict). */
function satisfactionIssue(v: ValueFactsLike | null, name: string, floor: number): boolean {
  // judgeSatisfaction reads no location (its verdict's `v` is only tested for null here).
  return v !== null && judgeSatisfaction(v as IndicatorValue, name, floor) !== null;
}

function analyze(table: Table, options: RuleOptions): Analysis {
  const profile = options.profile;
  const floor = options.thresholds.satisfactionFloor;
  const lex = compiledLexicon();
  const cached = analyses.get(table);
  if (cached && cached.profile === profile && cached.lexicon === lex.lexicon && cached.floor === floor) return cached;

  const byRule = {} as Record<RuleKey, number[]>;
  for (const k of RULE_KEYS) byRule[k] = [];
  const { JX205, JX301, JX302, JX303, JX305, JX401, JX402, JX403, JX501, JX502, JX503, JX504, JX505, JX506, JX507, JX508 } = byRule;
  const byProject: Record<ProjectRuleKey, number[]> = { JX203: [], JX304: [] };
  const cats = categoryResolver(profile);
  const requiredRoles = requiredRoleBits(profile);
  const placeholderRe = lex.placeholder;
  const published = table.layout === "published";
  const projects = table.projects;

  for (let pi = 0; pi < projects.length; pi++) {
    const project = projects[pi];
    const inds = project.indicators;
    // Published layout: one test of the whole 绩效指标 cell rules out placeholders in all its parts.
    const cell = project.indicatorsCell;
    const cellMayHavePlaceholder = placeholderRe !== null && (!published || !cell || placeholderRe.test(cell.raw));
    let roles = 0;
    let seqIssue = false;
    for (let ii = 0; ii < inds.length; ii++) {
      const ind = inds[ii];
      // Each part is read once here; the tests below use these locals.
      // Location-free facts: for a parsed item they are read without building its parts (see grammar.ts).
      const l1 = l1Facts(ind);
      const l2 = l2Facts(ind);
      const namePart = nameFactsOf(ind);
      const p = periodFacts(ind);
      const a = annualFacts(ind);
      const notes = ind.notes;

      // --- set A: categories (JX203, JX301–JX303, JX305), parts (JX205), numbering (JX304) ---
      const l1Present = present(l1);
      const l2Present = present(l2);
      const m1 = l1Present ? cats.l1(l1) : null;
      const m2 = l2Present ? cats.l2(l2) : null;
      const role = roleFrom(m1, m2);
      if (role !== null) roles |= ROLE_BIT[role];
      const name = namePart !== null ? namePart.text : "";
      if (!(l1Present && l2Present && name !== "" && p !== null && p.kind !== "empty" && a !== null && a.kind !== "empty")) {
        JX205.push(pi, ii);
      }
      if (
        (m1 !== null && m1.byCode !== null && m1.byName !== null && m1.byCode.code !== m1.byName.code) ||
        (m2 !== null && m2.byCode !== null && m2.byName !== null && m2.byCode.l2.code !== m2.byName.l2.code)
      ) {
        JX301.push(pi, ii);
      }
      if (m1 !== null && m2 !== null) {
        const d1 = m1.byName ?? m1.byCode;
        const d2 = m2.byName ?? m2.byCode;
        if (d1 && d2 && d2.l1.code !== d1.code) JX302.push(pi, ii);
      }
      if (
        (m1 !== null && unknownLabel(l1!, m1.byCode !== null, m1.byName !== null)) ||
        (m2 !== null && unknownLabel(l2!, m2.byCode !== null, m2.byName !== null))
      ) {
        JX303.push(pi, ii);
      }
      if ((m1 !== null && l1Candidate(l1!, m1)) || (m2 !== null && l2Candidate(l2!, m2))) JX305.push(pi, ii);
      if (!seqIssue) {
        const seq = ind.seq;
        if (seq !== null) seqIssue = seq !== ind.index + 1 && ind.seqPart !== null; // seqPart builds a part: test it last
        else if (published && notes.length > 0) seqIssue = notes.some((n) => n.kind === "missing-seq");
      }

      // --- set B: indicator form (JX4xx) and values (JX5xx) ---
      const facts = nameFacts(name, lex);
      const pq = quantitative(p);
      const aq = quantitative(a);
      if (namePart !== null && namePart.codePrefix) JX401.push(pi, ii);
      if (
        cellMayHavePlaceholder &&
        (facts.placeholder || (p !== null && placeholderRe!.test(ind.period!.raw)) || (a !== null && placeholderRe!.test(ind.annual!.raw)))
      ) {
        JX402.push(pi, ii);
      }
      if ((published && notes.length > 0) || lookalike(p) || lookalike(a)) JX403.push(pi, ii);
      if (
        (pq && p.unit === null) ||
        (aq && a.unit === null) ||
        (facts.unit !== null && ((pq && p.unit !== null) || (aq && a.unit !== null))) ||
        (pq && aq && p.unit !== a.unit) ||
        (ind as Indicator & { unitPart?: unknown }).unitPart
      ) {
        JX501.push(pi, ii);
      }
      if (
        (pq && (p.number > 100 || (p.number === 100 && hasComparatorAtLeast(p))) && percentValue(p, facts.unit)) ||
        (aq && (a.number > 100 || (a.number === 100 && hasComparatorAtLeast(a))) && percentValue(a, facts.unit))
      ) {
        JX502.push(pi, ii);
      }
      // JX503's role is read the way `CategoryRoles.role` reads it: the 二级 by name, else by code, then the 一级.
      if (facts.satisfaction || satisfactionRole(m1, m2)) {
        if (satisfactionIssue(p, name, floor) || satisfactionIssue(a, name, floor)) JX503.push(pi, ii);
      }
      if (facts.negative !== null && (hasComparatorAtLeast(p) || hasComparatorAtLeast(a))) JX504.push(pi, ii);
      // JX505 reports an annual count above the period's, or a rate (%) whose two values differ.
      if (
        pq &&
        aq &&
        (a.number > p.number ||
          ((p.number !== a.number || p.comparator !== a.comparator) &&
            (percentValue(p, facts.unit) || percentValue(a, facts.unit))))
      ) {
        JX505.push(pi, ii);
      }
      if (aq && (a.unit !== null ? moneyUnit(a.unit) : facts.unit !== null && moneyUnit(facts.unit))) {
        JX506.push(pi, ii);
      }
      if ((p !== null && p.kind === "qualitative") || (a !== null && a.kind === "qualitative")) JX507.push(pi, ii);
      if (
        (pq && (looksLikeSerial(p as IndicatorValue) || (facts.count && !facts.rate && isPercentUnit(p.unit)))) ||
        (aq && (looksLikeSerial(a as IndicatorValue) || (facts.count && !facts.rate && isPercentUnit(a.unit))))
      ) {
        JX508.push(pi, ii);
      }
    }
    if (inds.length > 0 && (roles & requiredRoles) !== requiredRoles) byProject.JX203.push(pi);
    if (seqIssue) byProject.JX304.push(pi);
  }
  const analysis: Analysis = { profile, lexicon: lex.lexicon, floor, byRule, byProject };
  analyses.set(table, analysis);
  return analysis;
}

/** `CategoryRoles.role(ind) === "satisfaction"`, from the memoised matches (null: part absent or empty). */
function satisfactionRole(m1: L1Match | null, m2: L2Match | null): boolean {
  const h2 = m2 ? (m2.byName ?? m2.byCode) : null;
  if (h2) return h2.l1.role === "satisfaction";
  const h1 = m1 ? (m1.byName ?? m1.byCode) : null;
  return h1 !== null && h1.role === "satisfaction";
}

/** Calls `fn` for each indicator rule `key` has to examine (a superset of those it reports), in sheet order. */
export function forEachCandidate(
  table: Table, options: RuleOptions, key: RuleKey, fn: (project: Project, ind: Indicator) => void,
): void {
  const list = analyze(table, options).byRule[key];
  const projects = table.projects;
  for (let i = 0; i < list.length; i += 2) {
    const project = projects[list[i]];
    fn(project, project.indicators[list[i + 1]]);
  }
}

/** The projects rule `key` has to examine (a superset of those it reports), in sheet order. */
export function candidateProjects(table: Table, options: RuleOptions, key: ProjectRuleKey): Project[] {
  const list = analyze(table, options).byProject[key];
  const out: Project[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = table.projects[list[i]];
  return out;
}

// ---------------------------------------------------------------------------------------------
// The amount pass (JX101–JX105)
// ---------------------------------------------------------------------------------------------

export interface AmountFacts {
  /**
   * `summable(row, key)` of every row of `table.rows`, at `row * 4 + k` (k = position of the key in AMOUNT_KEYS):
   * blank → 0, number or text-number → its value, text or error → NaN (not summable).
   */
  sums: Float64Array;
  /** Position of each row in `table.rows`. */
  position: Map<TableRow, number>;
  /** Rows (positions) with an amount that is neither a number nor blank, in any column (JX103). */
  notNumbers: number[];
}

const amountCache = new WeakMap<Table, AmountFacts>();

/** One pass over the amounts of every row, cached per table. */
export function amountFacts(table: Table): AmountFacts {
  const known = amountCache.get(table);
  if (known) return known;
  const rows = table.rows;
  const sums = new Float64Array(rows.length * 4);
  const position = new Map<TableRow, number>();
  const notNumbers: number[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    position.set(row, r);
    const amounts = row.amounts;
    let mixed = false;
    for (let k = 0; k < 4; k++) {
      const a = amounts[AMOUNT_KEYS[k]];
      const kind = a.kind;
      if (kind === "blank") sums[r * 4 + k] = 0;
      else if (kind === "number" || kind === "text-number") sums[r * 4 + k] = a.value ?? 0;
      else sums[r * 4 + k] = NaN;
      if (kind !== "number" && kind !== "blank") mixed = true;
    }
    if (mixed) notNumbers.push(r);
  }
  const facts: AmountFacts = { sums, position, notNumbers };
  amountCache.set(table, facts);
  return facts;
}
