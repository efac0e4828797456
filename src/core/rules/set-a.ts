/** Rule set A: totals, completeness and structure (JX001, JX101–JX105, JX201–JX205, JX301–JX305). */
import type { Rule } from "../types";
import { rule as amountDecimals } from "./amount-decimals";
import { rule as amountNegative } from "./amount-negative";
import { rule as amountType } from "./amount-type";
import { rule as categoryCodeName } from "./category-code-name";
import { rule as categoryName } from "./category-name";
import { rule as goalMissing } from "./goal-missing";
import { rule as indicatorParts } from "./indicator-parts";
import { rule as indicatorsMissing } from "./indicators-missing";
import { rule as l2Parent } from "./l2-parent";
import { rule as minIndicators } from "./min-indicators";
import { rule as modelProblem } from "./model-problem";
import { rule as parentSum } from "./parent-sum";
import { rule as requiredCategories } from "./required-categories";
import { rule as rowTotalSum } from "./row-total-sum";
import { rule as sequence } from "./sequence";
import { rule as unknownCategory } from "./unknown-category";

export const rulesA: Rule[] = [
  modelProblem,
  rowTotalSum,
  parentSum,
  amountType,
  amountNegative,
  amountDecimals,
  goalMissing,
  indicatorsMissing,
  requiredCategories,
  minIndicators,
  indicatorParts,
  categoryCodeName,
  l2Parent,
  unknownCategory,
  sequence,
  categoryName,
];
