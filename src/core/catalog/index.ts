// STUB: being written (helper "catalog"). Signatures are the contract; bodies will be replaced.
import type { Level1Def, Level2Def, Profile } from "../types";

export const DEFAULT_PROFILE_ID = "guangzhou";

export interface Template {
  l1: string; // code, e.g. "1"
  l2: string; // code, e.g. "11"
  name: string;
  comparator: string; // "≥" | "≤" | "=" | ">" | "<" | "" (qualitative)
  value: string; // typical value, "" when none
  unit: string;
  kind: "quantitative" | "qualitative";
  negative: boolean;
  explanation: string;
}

export interface Lexicon {
  /** Words that make an indicator negative-direction (投诉, 事故, 争议…). */
  negativeWords: string[];
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
  /** Units that are money (万元, 元). */
  moneyUnits: string[];
}

export function listProfiles(): Profile[] {
  throw new Error("not implemented");
}
export function getProfile(id: string): Profile {
  void id;
  throw new Error("not implemented");
}
/** Category name without the suffix 指标 and spaces: "社会效益指标" → "社会效益". */
export function normalizeCategoryName(name: string): string {
  return name.replace(/\s+/g, "").replace(/指标$/, "");
}
/** The 一级 of the profile that a written code and/or name denote (by code, by name or alias). */
export function matchLevel1(code: string | null, name: string, profile: Profile): { byCode: Level1Def | null; byName: Level1Def | null } {
  void code; void name; void profile;
  throw new Error("not implemented");
}
/** The 二级 of the profile that a written code and/or name denote, with the 一级 each belongs to. */
export function matchLevel2(
  code: string | null,
  name: string,
  profile: Profile,
): { byCode: { l1: Level1Def; l2: Level2Def } | null; byName: { l1: Level1Def; l2: Level2Def } | null } {
  void code; void name; void profile;
  throw new Error("not implemented");
}
export function getLexicon(): Lexicon {
  throw new Error("not implemented");
}
export function getTemplates(): Template[] {
  throw new Error("not implemented");
}
