/** Set B: indicator-form (JX4xx) and value (JX5xx) rules. */
import type { Rule } from "../types";
import { rule as nameCodePrefix } from "./name-code-prefix";
import { rule as namePlaceholder } from "./name-placeholder";
import { rule as punctuation } from "./punctuation";
import { rule as valueUnit } from "./value-unit";
import { rule as percentRange } from "./percent-range";
import { rule as satisfaction } from "./satisfaction";
import { rule as negativeDirection } from "./negative-direction";
import { rule as annualVsPeriod } from "./annual-vs-period";
import { rule as costVsTotal } from "./cost-vs-total";
import { rule as vagueValue } from "./vague-value";
import { rule as suspiciousValue } from "./suspicious-value";

export const rulesB: Rule[] = [
  nameCodePrefix,
  namePlaceholder,
  punctuation,
  valueUnit,
  percentRange,
  satisfaction,
  negativeDirection,
  annualVsPeriod,
  costVsTotal,
  vagueValue,
  suspiciousValue,
];
