/** Public surface of the host-free engine. */
export * from "./types";
export { a1, parseA1, columnLetters } from "./address";
export { applyEdits } from "./fix";
export type { TextEdit } from "./fix";
export {
  parseIndicators, parseValue, parseCategory, parseName, formatIndicator, formatIndicators, formatValue, toSpec,
} from "./grammar";
export type { IndicatorSpec, ValueSpec } from "./grammar";
export { buildTable, findHeader } from "./model";
export type { BuildResult } from "./model";
export { allRules, findRule } from "./rules";
export { validate, validateGrid, resolveOptions, summarize, compareFindings } from "./engine";
export type { Summary, ValidationResult, NoTable, ResolvedOptions } from "./engine";
export {
  listProfiles, getProfile, getTemplates, getLexicon, DEFAULT_PROFILE_ID, matchLevel1, matchLevel2, normalizeCategoryName,
  checkProfile, isPseudoCategory, isNegativeName, findNegativeWord, findPlaceholder,
} from "./catalog";
export type { Template, Lexicon, NegativeContext, WordHit } from "./catalog";
export { isPlanError } from "./edits";
export type { EditPlan, RowInsert, EditKind, PlanError, NumberFormatEdit } from "./edits";
export { projectAt, nextSequence, planInsertion } from "./insert";
export type { InsertSpec } from "./insert";
export { findingKey, planFixes, planSuggestion } from "./plan-fix";
export { planConversion, conversionSheetName, CONVERSION_SUFFIX } from "./convert";
export { applyPlanToGrid, revertPlanOnGrid, checkPlanOnGrid, checkRevertOnGrid, PlanConflictError } from "./apply";
export { getKits, getKit, getTemplate, getTemplatesIn, templateToSpec, kitToSpecs, checkKits, type Kit, type KitItem } from "./catalog";
export { validateSliced, validateGridSliced, validateSteps, validateGridSteps } from "./engine";
export { buildTableSteps } from "./model";
export { Slicer, finish, sortSteps, DEFAULT_BUDGET_MS } from "./slices";
export type { SliceOptions, SliceStats, Steps, Phase } from "./slices";
export { ruleScope, windowsOf, WINDOW_SIZES } from "./rule-windows";
export type { RuleScope, WindowSizes } from "./rule-windows";
