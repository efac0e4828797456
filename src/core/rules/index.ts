import type { Rule } from "../types";
import { rulesA } from "./set-a";
import { rulesB } from "./set-b";

/** Every rule, in id order. */
export const allRules: readonly Rule[] = [...rulesA, ...rulesB].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** A rule by id ("JX101") or name ("row-total-sum"). */
export function findRule(idOrName: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === idOrName || r.meta.name === idOrName);
}
