// STUB: being written (helper "rules-b"): indicator-form and value rules.
import type { Rule } from "../types";
export const rulesB: Rule[] = [];
