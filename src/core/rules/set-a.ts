// STUB: being written (helper "rules-a"): totals, completeness and structure rules.
import type { Rule } from "../types";
export const rulesA: Rule[] = [];
