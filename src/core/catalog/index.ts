/**
 * The catalogue as data: profiles (indicator trees, thresholds), the lexicon the rules use and the
 * indicator templates of the picker. Everything lives in the JSON files beside this module; this loader
 * only types them, indexes them once and answers look-ups.
 */
import type { Comparator, Level1Def, Level2Def, Profile } from "../types";
import type { IndicatorSpec, ValueSpec } from "../grammar";
import guangzhouJson from "./profiles/guangzhou.json";
import caiyu101Json from "./profiles/caiyu-2021-101.json";
import lexiconJson from "./lexicon.json";
import templatesJson from "./templates.json";
import kitsJson from "./kits.json";

export const DEFAULT_PROFILE_ID = "guangzhou";

export interface Template {
  /** 一级 code in the profile asked for, e.g. "1". */
  l1: string;
  /** 二级 code, e.g. "11". */
  l2: string;
  name: string;
  /** "≥" | "≤" | "=" | ">" | "<", or "" when the value takes none (qualitative). */
  comparator: string;
  /** Typical value, "" when none (the user fills it in). */
  value: string;
  /** Unit, "" for qualitative values and dates ("2025年12月" carries its own). */
  unit: string;
  kind: "quantitative" | "qualitative";
  /** Negative-direction indicator (the smaller the better), from the lexicon (`isNegativeName`). */
  negative: boolean;
  /** One-line 指标解释. */
  explanation: string;
  /** Where the catalogue row came from: "seed table", "published target table", "common indicator library". */
  origin: string;
}

/** How a negative word is read in context: see lexicon.json `negativeContext._comment`. */
export interface NegativeContext {
  /** After a negative word, these make the indicator count bad things handled (投诉处理率). */
  resolvers: string[];
  /** After a negative word, a planned reduction (事故发生率下降幅度). */
  reducers: string[];
  /** Before a negative word (挽回损失, 减少损失). */
  preventers: string[];
  /** Immediately before a negative word (无事故天数, 零投诉). */
  absencePrefixes: string[];
  /** After a reducer that is itself a negative word (下降率, 下降幅度). */
  measureSuffixes: string[];
}

export interface Lexicon {
  /** Words that make an indicator negative-direction (投诉, 事故, 争议…), read in context (`negativeContext`). */
  negativeWords: string[];
  negativeContext: NegativeContext;
  /** Template placeholders left in names ("**", "XX", "指标1"). */
  placeholders: string[];
  /** Vague qualitative values (优良, 有效提升, 进一步完善…). */
  vagueValues: string[];
  /** Words marking a rate (率, 比例, 覆盖率…) whose values are percentages. */
  rateWords: string[];
  /** Words marking a cumulative count (数量, 次数, 人数…). */
  countWords: string[];
  /** Words marking a satisfaction indicator (满意度, 满意率). */
  satisfactionWords: string[];
  /** Units that are money (万元, 元, 亿元). */
  moneyUnits: string[];
}

// ---------------------------------------------------------------------------------------------
// Profiles
// ---------------------------------------------------------------------------------------------

const SPACES = /\s+/g;
const ROLES = new Set(["output", "effect", "satisfaction", "cost"]);

/**
 * Problems of a profile object (empty when well-formed): shape, unique codes, every 二级 code starting
 * with its 一级 code, thresholds as numbers. Use it on a profile loaded from a user's file.
 */
export function checkProfile(p: unknown): string[] {
  const out: string[] = [];
  const isStr = (v: unknown): v is string => typeof v === "string" && v.length > 0;
  const isStrArr = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");
  if (!p || typeof p !== "object") return ["profile is not an object"];
  const o = p as Record<string, unknown>;
  if (!isStr(o.id)) out.push("id missing");
  for (const k of ["name", "description"]) {
    const v = o[k] as Record<string, unknown> | undefined;
    if (!v || !isStr(v.zh) || !isStr(v.en)) out.push(`${k}.zh / ${k}.en missing`);
  }
  if (!isStrArr(o.pseudoCategories)) out.push("pseudoCategories is not a list of strings");
  const t = o.thresholds as Record<string, unknown> | undefined;
  for (const k of ["satisfactionFloor", "minIndicators", "amountTolerance", "maxDecimals"]) {
    if (!t || typeof t[k] !== "number" || !Number.isFinite(t[k] as number)) out.push(`thresholds.${k} is not a number`);
  }
  if (!o.rules || typeof o.rules !== "object") out.push("rules is not an object");
  if (!Array.isArray(o.tree) || o.tree.length === 0) return [...out, "tree is empty"];
  const codes = new Set<string>();
  const names = new Set<string>();
  for (const l1 of o.tree as Record<string, unknown>[]) {
    const c1 = l1.code;
    if (!isStr(c1) || !/^\d+$/.test(c1)) out.push(`一级 code "${String(c1)}" is not digits`);
    else if (codes.has(c1)) out.push(`duplicate code ${c1}`);
    else codes.add(c1);
    if (!isStr(l1.name)) out.push(`一级 ${String(c1)} has no name`);
    else {
      const n = "1:" + normalizeCategoryName(l1.name);
      if (names.has(n)) out.push(`duplicate 一级 name ${l1.name}`);
      names.add(n);
    }
    if (!isStrArr(l1.aliases)) out.push(`一级 ${String(c1)} aliases is not a list`);
    if (!ROLES.has(l1.role as string)) out.push(`一级 ${String(c1)} role "${String(l1.role)}" unknown`);
    if (!Array.isArray(l1.children) || l1.children.length === 0) {
      out.push(`一级 ${String(c1)} has no 二级`);
      continue;
    }
    for (const l2 of l1.children as Record<string, unknown>[]) {
      const c2 = l2.code;
      if (!isStr(c2) || !/^\d+$/.test(c2)) out.push(`二级 code "${String(c2)}" is not digits`);
      else if (codes.has(c2)) out.push(`duplicate code ${c2}`);
      else {
        codes.add(c2);
        if (isStr(c1) && (!c2.startsWith(c1) || c2.length <= c1.length)) out.push(`二级 ${c2} does not start with its 一级 code ${c1}`);
      }
      if (!isStr(l2.name)) out.push(`二级 ${String(c2)} has no name`);
      else {
        const n = "2:" + normalizeCategoryName(l2.name);
        if (names.has(n)) out.push(`duplicate 二级 name ${l2.name}`);
        names.add(n);
      }
      if (!isStrArr(l2.aliases)) out.push(`二级 ${String(c2)} aliases is not a list`);
    }
  }
  return out;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

function loadProfile(raw: unknown): Profile {
  const problems = checkProfile(raw);
  if (problems.length) throw new Error(`invalid built-in profile: ${problems.join("; ")}`);
  return deepFreeze(raw as Profile);
}

const PROFILES: readonly Profile[] = [loadProfile(guangzhouJson), loadProfile(caiyu101Json)];

export function listProfiles(): Profile[] {
  return PROFILES.slice();
}

/** A built-in profile by id or by name (Chinese or English). Throws listing the known ids. */
export function getProfile(id: string): Profile {
  const key = id.trim();
  for (const p of PROFILES) if (p.id === key || p.name.zh === key || p.name.en === key) return p;
  throw new Error(
    `未知的配置方案 / unknown profile "${id}"; 可用 / known: ${PROFILES.map((p) => `${p.id} (${p.name.zh})`).join(", ")}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Category matching
// ---------------------------------------------------------------------------------------------

/** Category name without the suffix 指标 and spaces: "社会效益指标" → "社会效益". */
export function normalizeCategoryName(name: string): string {
  const s = name.replace(SPACES, "");
  return s.endsWith("指标") ? s.slice(0, -2) : s;
}

interface Level2Hit {
  l1: Level1Def;
  l2: Level2Def;
}

interface ProfileIndex {
  l1ByCode: Map<string, Level1Def>;
  l1ByName: Map<string, Level1Def>;
  l2ByCode: Map<string, Level2Hit>;
  l2ByName: Map<string, Level2Hit>;
}

/** Built once per profile object (custom profiles included), then reused: matching is two map look-ups. */
const INDEXES = new WeakMap<Profile, ProfileIndex>();

function indexOf(profile: Profile): ProfileIndex {
  let ix = INDEXES.get(profile);
  if (ix) return ix;
  ix = { l1ByCode: new Map(), l1ByName: new Map(), l2ByCode: new Map(), l2ByName: new Map() };
  for (const l1 of profile.tree) {
    if (!ix.l1ByCode.has(l1.code)) ix.l1ByCode.set(l1.code, l1);
    for (const n of [l1.name, ...l1.aliases]) {
      const k = normalizeCategoryName(n);
      if (!ix.l1ByName.has(k)) ix.l1ByName.set(k, l1);
    }
  }
  // Canonical names first, aliases second, so an alias never shadows another category's own name.
  for (const pass of [0, 1]) {
    for (const l1 of profile.tree) {
      for (const l2 of l1.children) {
        if (pass === 0 && !ix.l2ByCode.has(l2.code)) ix.l2ByCode.set(l2.code, { l1, l2 });
        for (const n of pass === 0 ? [l2.name] : l2.aliases) {
          const k = normalizeCategoryName(n);
          if (!ix.l2ByName.has(k)) ix.l2ByName.set(k, { l1, l2 });
        }
      }
    }
  }
  INDEXES.set(profile, ix);
  return ix;
}

/** Normalized name look-up with a fast path for names already free of spaces and 指标. */
function byName<T>(map: Map<string, T>, name: string): T | null {
  return map.get(name) ?? map.get(normalizeCategoryName(name)) ?? null;
}

/**
 * The 一级 of the profile that a written code and a written name denote, each on its own, so a rule
 * can tell `2-产出指标` (byCode 效益, byName 产出).
 */
export function matchLevel1(
  code: string | null,
  name: string,
  profile: Profile,
): { byCode: Level1Def | null; byName: Level1Def | null } {
  const ix = indexOf(profile);
  return {
    byCode: code ? (ix.l1ByCode.get(code) ?? null) : null,
    byName: name ? byName(ix.l1ByName, name) : null,
  };
}

/** The 二级 of the profile that a written code and a written name denote, with the 一级 each belongs to. */
export function matchLevel2(
  code: string | null,
  name: string,
  profile: Profile,
): { byCode: { l1: Level1Def; l2: Level2Def } | null; byName: { l1: Level1Def; l2: Level2Def } | null } {
  const ix = indexOf(profile);
  return {
    byCode: code ? (ix.l2ByCode.get(code) ?? null) : null,
    byName: name ? byName(ix.l2ByName, name) : null,
  };
}

/** Whether a category name is one of the profile's pseudo-categories (制度指标, 决策…), compared normalized. */
export function isPseudoCategory(name: string, profile: Profile): boolean {
  const n = normalizeCategoryName(name);
  if (!n) return false;
  for (const p of profile.pseudoCategories) if (normalizeCategoryName(p) === n) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// Lexicon
// ---------------------------------------------------------------------------------------------

const LEXICON: Lexicon = deepFreeze({
  negativeWords: lexiconJson.negativeWords,
  negativeContext: {
    resolvers: lexiconJson.negativeContext.resolvers,
    reducers: lexiconJson.negativeContext.reducers,
    preventers: lexiconJson.negativeContext.preventers,
    absencePrefixes: lexiconJson.negativeContext.absencePrefixes,
    measureSuffixes: lexiconJson.negativeContext.measureSuffixes,
  },
  placeholders: lexiconJson.placeholders,
  vagueValues: lexiconJson.vagueValues,
  rateWords: lexiconJson.rateWords,
  countWords: lexiconJson.countWords,
  satisfactionWords: lexiconJson.satisfactionWords,
  moneyUnits: lexiconJson.moneyUnits,
});

export function getLexicon(): Lexicon {
  return LEXICON;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
/** One alternation, longest words first, compiled once. */
function alternation(words: readonly string[], flags: string): RegExp {
  const sorted = [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map(escapeRe).join("|"), flags);
}

const NEG_RE = alternation(LEXICON.negativeWords, "g");
const RESOLVER_RE = alternation(LEXICON.negativeContext.resolvers, "");
const REDUCER_RE = alternation(LEXICON.negativeContext.reducers, "");
const PREVENTER_RE = alternation(LEXICON.negativeContext.preventers, "");
const REDUCERS = new Set(LEXICON.negativeContext.reducers);
const ABSENCE = LEXICON.negativeContext.absencePrefixes;
const MEASURES = LEXICON.negativeContext.measureSuffixes;
const PLACEHOLDER_RE = alternation(LEXICON.placeholders, "");

export interface WordHit {
  word: string;
  start: number;
  end: number;
}

/**
 * The first negative word of a 三级 name that makes it negative-direction, read in context (see
 * lexicon.json `negativeContext`), with its span in `name`; null when the name is not negative.
 * `投诉次数`, `安全事故发生率`, `编外人员劳动争议次数` are negative; `投诉处理率`,
 * `故障问题及时解决完成率`, `挽回经济损失`, `能耗下降率` are not.
 */
export function findNegativeWord(name: string): WordHit | null {
  NEG_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  let sawNegative = false;
  while ((m = NEG_RE.exec(name)) !== null) {
    const word = m[0];
    const start = m.index;
    const end = start + word.length;
    const before = name.slice(0, start);
    const after = name.slice(end);
    const precededByNegative = sawNegative;
    sawNegative = true;
    if (RESOLVER_RE.test(after)) continue;
    if (PREVENTER_RE.test(before)) continue;
    if (ABSENCE.some((a) => before.endsWith(a))) continue;
    if (REDUCERS.has(word)) {
      if (precededByNegative || MEASURES.some((s) => after.startsWith(s))) continue;
    } else if (REDUCER_RE.test(after)) continue;
    return { word, start, end };
  }
  return null;
}

/** Whether a 三级 name is negative-direction (the smaller the better). */
export function isNegativeName(name: string): boolean {
  return findNegativeWord(name) !== null;
}

/** The first template placeholder (`**`, `XX`, `指标1`…) left in a text, with its span; null when none. */
export function findPlaceholder(text: string): WordHit | null {
  const m = PLACEHOLDER_RE.exec(text);
  return m ? { word: m[0], start: m.index, end: m.index + m[0].length } : null;
}

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

interface TemplatesFile {
  templates: Template[];
  /** Per profile id: default-profile 二级 code → the 一级/二级 codes in that profile. */
  profileCodes: Record<string, Record<string, { l1: string; l2: string }>>;
}

const TEMPLATES_FILE = templatesJson as TemplatesFile;
const DEFAULT_TEMPLATES: readonly Template[] = deepFreeze(TEMPLATES_FILE.templates);
const TEMPLATES_BY_PROFILE = new WeakMap<Profile, readonly Template[]>();

/**
 * The indicator templates (the standard catalogue), coded for a profile: by default the Guangzhou tree;
 * for `caiyu-2021-101` the 成本指标 templates move from 14 to 4/41. Templates whose 一级/二级 the profile
 * does not have are left out.
 */
export function getTemplates(profile: string | Profile = DEFAULT_PROFILE_ID): Template[] {
  const p = typeof profile === "string" ? getProfile(profile) : profile;
  let list = TEMPLATES_BY_PROFILE.get(p);
  if (!list) {
    const remap = TEMPLATES_FILE.profileCodes[p.id] ?? {};
    const ix = indexOf(p);
    const out: Template[] = [];
    for (const t of DEFAULT_TEMPLATES) {
      const to = remap[t.l2];
      const mapped = to ? deepFreeze({ ...t, l1: to.l1, l2: to.l2 }) : t;
      const hit = ix.l2ByCode.get(mapped.l2);
      if (hit && hit.l1.code === mapped.l1) out.push(mapped);
    }
    list = out;
    TEMPLATES_BY_PROFILE.set(p, list);
  }
  return list.slice();
}

/** Templates of one 二级 (by its code in the profile: "41" in caiyu-2021-101 holds what "14" holds in Guangzhou). */
export function getTemplatesIn(l2: string, profile: string | Profile = DEFAULT_PROFILE_ID): Template[] {
  return getTemplates(profile).filter((t) => t.l2 === l2);
}

/**
 * One template by its 二级 code and name, coded for the profile; null when the profile has no such template.
 * The 二级 code may be given in the profile's coding ("41") or in the default coding the kits use ("14").
 */
export function getTemplate(l2: string, name: string, profile: string | Profile = DEFAULT_PROFILE_ID): Template | null {
  const p = typeof profile === "string" ? getProfile(profile) : profile;
  const mapped = TEMPLATES_FILE.profileCodes[p.id]?.[l2]?.l2 ?? l2;
  for (const t of getTemplates(p)) if (t.name === name && (t.l2 === mapped || t.l2 === l2)) return t;
  return null;
}

const COMPARATORS = new Set<string>(["≥", "≤", "=", ">", "<"]);

/**
 * A template's value as a ValueSpec: a number with the template's unit, or qualitative text; `value` "" gives no
 * number. A qualitative value keeps its comparator in the text (`≤2025年12月`), as the grammar reads it back.
 */
function valueSpecOf(t: Template, value: string): ValueSpec {
  const comparator = COMPARATORS.has(t.comparator) ? (t.comparator as Comparator) : null;
  if (t.kind === "qualitative") return { comparator: null, number: null, unit: null, text: value === "" ? null : t.comparator + value };
  const n = value.trim() === "" ? NaN : Number(value);
  return { comparator, number: Number.isFinite(n) ? n : null, unit: t.unit === "" ? null : t.unit, text: null };
}

/**
 * The indicator a template makes, ready for `formatIndicator` (published layout) or the structured layout's
 * columns: 一级 and 二级 with the profile's codes and canonical names (`1-产出指标`, `11-数量指标`), the
 * template's name, comparator and unit, and its value for both 实施周期指标值 and 年度指标值 unless `value` /
 * `annualValue` are given (numbers as text, e.g. "250" and "40"; or qualitative text). A template without a
 * typical value (value "") and no `value` given yields values with no number: the user must fill them in.
 */
export function templateToSpec(
  template: Template,
  options: { seq?: number; profile?: string | Profile; value?: string; annualValue?: string } = {},
): IndicatorSpec {
  const p = typeof options.profile === "string" ? getProfile(options.profile) : (options.profile ?? getProfile(DEFAULT_PROFILE_ID));
  const hit = indexOf(p).l2ByCode.get(template.l2);
  if (!hit || hit.l1.code !== template.l1) {
    throw new Error(`模板“${template.name}”的二级指标 ${template.l2} 不在配置方案 ${p.id} 中 / template "${template.name}": 二级 ${template.l2} is not in profile ${p.id}`);
  }
  const period = options.value ?? template.value;
  const annual = options.annualValue ?? period;
  return {
    seq: options.seq ?? 1,
    l1: { code: hit.l1.code, name: hit.l1.name },
    l2: { code: hit.l2.code, name: hit.l2.name },
    name: template.name,
    period: valueSpecOf(template, period),
    annual: valueSpecOf(template, annual),
  };
}

// ---------------------------------------------------------------------------------------------
// Kits: standard sets of templates for common project types
// ---------------------------------------------------------------------------------------------

/** One template of a kit, resolved for a profile, with the values the kit inserts. */
export interface KitItem {
  template: Template;
  /** 实施周期指标值 (number as text, or qualitative text): the kit's, else the template's value. */
  value: string;
  /** 年度指标值: the kit's, else `value`. */
  annualValue: string;
}

export interface Kit {
  id: string;
  name: { zh: string; en: string };
  description: { zh: string; en: string };
  /** In the kit's order; items whose 二级 the profile lacks are left out. */
  items: KitItem[];
}

interface KitRef {
  l2: string;
  name: string;
  value?: string;
  annualValue?: string;
}
interface KitDef {
  id: string;
  name: { zh: string; en: string };
  description: { zh: string; en: string };
  items: KitRef[];
}

const KIT_DEFS: readonly KitDef[] = deepFreeze((kitsJson as { kits: KitDef[] }).kits);

/** Problems of kits.json against templates.json (empty when every reference names a template). */
export function checkKits(defs: readonly KitDef[] = KIT_DEFS): string[] {
  const out: string[] = [];
  const ids = new Set<string>();
  const known = new Set(DEFAULT_TEMPLATES.map((t) => `${t.l2}|${t.name}`));
  for (const k of defs) {
    if (ids.has(k.id)) out.push(`duplicate kit id ${k.id}`);
    ids.add(k.id);
    if (!k.name?.zh || !k.name?.en) out.push(`kit ${k.id}: name.zh / name.en missing`);
    if (!k.description?.zh || !k.description?.en) out.push(`kit ${k.id}: description.zh / description.en missing`);
    if (!Array.isArray(k.items) || k.items.length === 0) out.push(`kit ${k.id} has no items`);
    const seen = new Set<string>();
    for (const r of k.items ?? []) {
      const key = `${r.l2}|${r.name}`;
      if (!known.has(key)) out.push(`kit ${k.id}: no template ${r.l2} ${r.name}`);
      if (seen.has(key)) out.push(`kit ${k.id}: ${r.l2} ${r.name} listed twice`);
      seen.add(key);
    }
  }
  return out;
}

const KIT_PROBLEMS = checkKits();
if (KIT_PROBLEMS.length) throw new Error(`invalid built-in kits: ${KIT_PROBLEMS.join("; ")}`);

const KITS_BY_PROFILE = new WeakMap<Profile, readonly Kit[]>();

/**
 * The standard indicator sets (信息化运维, 课题研究/规划编制, 工程建设…) with their templates resolved and
 * coded for a profile, in kits.json's order. A fresh array each call; the kits themselves are frozen.
 */
export function getKits(profile: string | Profile = DEFAULT_PROFILE_ID): Kit[] {
  const p = typeof profile === "string" ? getProfile(profile) : profile;
  let list = KITS_BY_PROFILE.get(p);
  if (!list) {
    list = KIT_DEFS.map((k) => {
      const items: KitItem[] = [];
      for (const r of k.items) {
        const template = getTemplate(r.l2, r.name, p);
        if (!template) continue;
        const value = r.value ?? template.value;
        items.push({ template, value, annualValue: r.annualValue ?? value });
      }
      return deepFreeze({ id: k.id, name: k.name, description: k.description, items });
    });
    KITS_BY_PROFILE.set(p, list);
  }
  return list.slice();
}

/** One kit by id, resolved for the profile; null when unknown. */
export function getKit(id: string, profile: string | Profile = DEFAULT_PROFILE_ID): Kit | null {
  return getKits(profile).find((k) => k.id === id) ?? null;
}

/** A kit's indicators numbered from `firstSeq` (default 1), ready for `formatIndicators`. */
export function kitToSpecs(kit: Kit, options: { profile?: string | Profile; firstSeq?: number } = {}): IndicatorSpec[] {
  const first = options.firstSeq ?? 1;
  return kit.items.map((it, i) =>
    templateToSpec(it.template, { seq: first + i, profile: options.profile, value: it.value, annualValue: it.annualValue }),
  );
}
