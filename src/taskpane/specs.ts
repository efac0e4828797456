/**
 * What the picker edits, as plain data: the value drafts behind the 实施周期指标值 / 年度指标值 inputs, the
 * indicator spec they make (`IndicatorSpec`, the engine's writer input), templates turned into drafts, and the
 * validator's verdict on one new indicator before it is inserted.
 */
import {
  formatIndicator,
  getProfile,
  validateGrid,
  type Comparator,
  type Finding,
  type IndicatorSpec,
  type Profile,
  type Template,
  type Thresholds,
  type ValueSpec,
} from "../core";

export const COMPARATORS: readonly Comparator[] = ["≥", "≤", "=", ">", "<"];

export type ValueMode = "quantitative" | "qualitative";

/** One value as the user types it. */
export interface ValueDraft {
  mode: ValueMode;
  /** "" = no comparator. */
  comparator: Comparator | "";
  /** Quantitative: the number as typed. */
  number: string;
  /** Quantitative: the unit (%, 人, 万元…). */
  unit: string;
  /** Qualitative: the value text (长期, 2025年12月…). */
  text: string;
}

export type DraftProblem = "numberMissing" | "numberInvalid" | "textMissing";

export const EMPTY_DRAFT: ValueDraft = { mode: "quantitative", comparator: "=", number: "", unit: "", text: "" };

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

function isComparator(c: string): c is Comparator {
  return (COMPARATORS as readonly string[]).includes(c);
}

/** The value a template proposes (number, unit and comparator prefilled; the user edits them). */
export function draftFromTemplate(t: Template): ValueDraft {
  const comparator = isComparator(t.comparator) ? t.comparator : "";
  if (t.kind === "qualitative") return { mode: "qualitative", comparator, number: "", unit: "", text: t.value };
  return { mode: "quantitative", comparator, number: t.value, unit: t.unit, text: "" };
}

/** What is wrong with a draft, or null when it makes a value. */
export function draftProblem(d: ValueDraft): DraftProblem | null {
  if (d.mode === "qualitative") return d.text.trim() === "" ? "textMissing" : null;
  const n = d.number.trim();
  if (n === "") return "numberMissing";
  return NUMBER.test(n) && Number.isFinite(Number(n)) ? null : "numberInvalid";
}

/** The draft as the engine's value spec; null while it has a problem. */
export function valueSpec(d: ValueDraft): ValueSpec | null {
  if (draftProblem(d) !== null) return null;
  const comparator = d.comparator === "" ? null : d.comparator;
  if (d.mode === "qualitative") return { comparator, number: null, unit: null, text: d.text.trim() };
  const unit = d.unit.trim();
  return { comparator, number: Number(d.number.trim()), unit: unit === "" ? null : unit, text: null };
}

/** The 一级 / 二级 of a profile by code, as the spec writes them (`1-产出指标`, `11-数量指标`). */
export function categoryOf(profile: Profile, l1Code: string, l2Code: string): Pick<IndicatorSpec, "l1" | "l2"> | null {
  const l1 = profile.tree.find((c) => c.code === l1Code);
  const l2 = l1?.children.find((c) => c.code === l2Code);
  if (!l1 || !l2) return null;
  return { l1: { code: l1.code, name: l1.name }, l2: { code: l2.code, name: l2.name } };
}

export interface SpecInput {
  profile: Profile;
  l1: string | null;
  l2: string | null;
  name: string;
  period: ValueDraft;
  annual: ValueDraft;
}

/** The spec the inputs make (seq 0: the host numbers it after the project's last), or null when incomplete. */
export function buildSpec(input: SpecInput): IndicatorSpec | null {
  if (!input.l1 || !input.l2) return null;
  const cat = categoryOf(input.profile, input.l1, input.l2);
  const name = input.name.replace(/\s+/gu, " ").trim();
  const period = valueSpec(input.period);
  const annual = valueSpec(input.annual);
  if (!cat || name === "" || !period || !annual) return null;
  return { seq: 0, ...cat, name, period, annual };
}

/** A template as a spec with its own proposed values (both values the same), for the standard sets. */
export function specFromTemplate(profile: Profile, t: Template): IndicatorSpec | null {
  const d = draftFromTemplate(t);
  return buildSpec({ profile, l1: t.l1, l2: t.l2, name: t.name, period: d, annual: d });
}

const VERDICT_HEADER = ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"];

/**
 * The validator's verdict on one indicator before it is inserted: the engine run on a one-project table that
 * holds only this indicator (in the canonical text the writer produces), keeping the findings about the
 * indicator itself and its values (a one-indicator project of course lacks the other categories: those
 * completeness findings are not about the new indicator and are left out).
 */
export function verdictOn(
  spec: IndicatorSpec,
  profileId: string,
  thresholds: Partial<Thresholds> = {},
): Finding[] {
  const text = formatIndicator({ ...spec, seq: 1 });
  const grid = {
    sheet: "预览",
    values: [VERDICT_HEADER, ["    新增指标", 10, 10, null, null, "绩效目标", text]],
  };
  let profile: Profile;
  try {
    profile = getProfile(profileId);
  } catch {
    profile = getProfile("guangzhou");
  }
  const r = validateGrid(grid, { profile, thresholds });
  if (!r.table) return [];
  return r.findings.filter((f) => (f.category === "indicator" || f.category === "value") && f.indicator === 0);
}
