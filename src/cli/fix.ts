/**
 * `--fix <out.xlsx>`: a copy of the workbook with every safe fix applied (the findings' `fix`, planned by the
 * engine's `planFixes`, performed by `applyPlanToWorkbook`). Amounts are never changed: a total mismatch offers
 * an explicit suggestion, which `--fix` does not apply.
 *
 * Fixes are applied in passes, as ESLint's --fix does: after each pass the sheet is read and checked again and
 * the fixes found then are applied, until none is left (at most MAX_PASSES). Two fixes of the same characters
 * (a look-alike `>=` on `100%`: `≥` for the punctuation rule, `=` for the percent rule) thus both take effect.
 */
import type ExcelJS from "exceljs";
import { showChange, showValue } from "../core/apply";
import { isPlanError, planFixes, validateGrid } from "../core/index";
import type { Summary } from "../core/engine";
import type { CellValue, Finding, ValidateOptions } from "../core/types";
import { ApplyError, applyPlanToWorkbook } from "./apply";
import { InputError, worksheetToGrid } from "./xlsx-reader";

export const MAX_PASSES = 10;

/** One cell changed by --fix: what it held in the input, what it holds in the copy, and the rules whose fixes changed it. */
export interface FixedCell {
  cell: string;
  row: number;
  col: number;
  before: CellValue;
  after: CellValue;
  ruleIds: string[];
}

export interface FixOutcome {
  sheet: string;
  /** Cells changed, in sheet order. */
  cells: FixedCell[];
  /** Findings whose fixes were applied (over all passes). */
  fixed: Finding[];
  passes: number;
  /** The check of the fixed sheet. */
  summary: Summary;
  findings: Finding[];
}

/**
 * Apply every safe fix to sheet `sheet` of `wb` (in memory). Throws an InputError naming the sheet and cell when a
 * plan cannot be performed (the workbook may then be partly fixed: do not write it).
 */
export function fixWorkbook(wb: ExcelJS.Workbook, sheet: string, options: ValidateOptions): FixOutcome {
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new InputError("unreadable", `工作簿中没有工作表“${sheet}”`, `the workbook has no sheet "${sheet}"`);
  const cells = new Map<string, FixedCell>();
  const fixed: Finding[] = [];
  let passes = 0;
  let grid = worksheetToGrid(ws).grid;
  let last = validateGrid(grid, options);
  while (passes < MAX_PASSES && last.table !== null) {
    const plan = planFixes(last.table, grid, last.findings);
    if (isPlanError(plan)) break;
    let applied;
    try {
      applied = applyPlanToWorkbook(wb, plan);
    } catch (e) {
      if (e instanceof ApplyError) throw new InputError("unreadable", `无法修复：${e.message}`, `cannot fix: ${e.messageEn}`);
      throw e;
    }
    passes++;
    const rulesByCell = new Map<string, Set<string>>();
    for (const f of plan.fixes ?? []) {
      const at = f.fix?.cell ?? f.cell;
      let set = rulesByCell.get(at);
      if (!set) rulesByCell.set(at, (set = new Set()));
      set.add(f.ruleId);
    }
    fixed.push(...(plan.fixes ?? []));
    for (const e of applied.edits) {
      const key = `${e.row}:${e.col}`;
      const known = cells.get(key);
      const rules = [...(rulesByCell.get(e.cell) ?? [])];
      if (known) {
        known.after = e.after;
        for (const r of rules) if (!known.ruleIds.includes(r)) known.ruleIds.push(r);
      } else cells.set(key, { cell: e.cell, row: e.row, col: e.col, before: e.before, after: e.after, ruleIds: rules });
    }
    grid = worksheetToGrid(ws).grid;
    last = validateGrid(grid, options);
  }
  if (last.table === null) {
    // A fix never removes the header; should it happen, the copy must not be written.
    throw new InputError("unreadable", `修复后工作表“${sheet}”不再能识别为绩效目标表`, `after fixing, sheet "${sheet}" no longer reads as a target table`);
  }
  const changed = [...cells.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  return { sheet, cells: changed, fixed, passes, summary: last.summary, findings: last.findings };
}

/** `G7：…旧… → …新…` for the report (the changed part with some context when the cell is long). */
export function changeLine(c: FixedCell, lang: "zh" | "en"): string {
  const change = showChange(showValue(c.before, lang), showValue(c.after, lang));
  return lang === "zh" ? `${c.cell}：${change}（${c.ruleIds.join("、")}）` : `${c.cell}: ${change} (${c.ruleIds.join(", ")})`;
}
