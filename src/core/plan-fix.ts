/**
 * Planning safe fixes (修复 / 全部修复 / `--fix`) and explicit suggestions (e.g. set 总计 to the sum) as edit
 * plans. Generic: a rule offers a fix as `Finding.fix` (a span of the cell's text and its replacement) and
 * choices as `Finding.suggestions` (cell edits); nothing here knows any rule.
 */
import { parseA1 } from "./address";
import { cellValueAt, isEmptyValue, mergeAt, sameValue, shorten, showChange, showValue } from "./apply";
import type { EditPlan, PlanError } from "./edits";
import { applyEdits } from "./fix";
import type { TextEdit } from "./fix";
import type { CellEdit, CellValue, Finding, GridInput, Table } from "./types";

/** A finding's identity across re-checks: rule, message, cell and span (the pane and the hosts key fixes by it). */
export function findingKey(f: Finding): string {
  return `${f.ruleId}|${f.messageId}|${f.cell}|${f.span?.start ?? ""}-${f.span?.end ?? ""}`;
}

/** The text a fix edits: a string as is, a number as JavaScript prints it; null for anything else. */
function editableText(v: CellValue): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (v === null || v === undefined) return "";
  return null;
}

const PLAIN_NUMBER_RE = /^-?\d+(\.\d+)?$/;

/** What to write back: a cell that held a number keeps a number when the fixed text is still one. */
function written(before: CellValue, text: string): CellValue {
  if (typeof before === "number" && PLAIN_NUMBER_RE.test(text)) return Number(text);
  return text;
}

/** Does `fix` still apply to `text`: replacing its span gives exactly the text the rule computed? */
function applies(text: string, f: NonNullable<Finding["fix"]>): boolean {
  const { start, end } = f.span;
  if (start < 0 || end < start || end > text.length) return false;
  return text.slice(0, start) + f.replacement + text.slice(end) === f.text;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Plan the safe fixes of `findings` (those with a `fix`, on `table`'s sheet) on `grid`, a fresh read of that
 * sheet. Fixes are grouped per cell and applied together to the cell's current text (`applyEdits`); a fix
 * whose text no longer matches the cell is left out, and so is one overlapping a fix already taken. `fixes`
 * lists the findings the plan fixes. "nothingToFix" when no finding offers a fix, "stale" when none applies.
 */
export function planFixes(table: Table, grid: GridInput, findings: readonly Finding[]): EditPlan | PlanError {
  const sheet = table.sheet;
  const byCell = new Map<string, { row: number; col: number; findings: Finding[] }>();
  let offered = 0;
  let firstStale: string | undefined;
  for (const f of findings) {
    if (!f.fix || (f.sheet !== undefined && f.sheet !== sheet)) continue;
    const ref = parseA1(f.fix.cell);
    if (!ref) continue;
    offered++;
    const key = `${ref.row},${ref.col}`;
    let group = byCell.get(key);
    if (!group) byCell.set(key, (group = { row: ref.row, col: ref.col, findings: [] }));
    group.findings.push(f);
  }
  if (offered === 0) {
    return {
      error: "nothingToFix",
      message: `工作表“${sheet}”没有可以安全修复的问题`,
      messageEn: `Sheet "${sheet}" has no issue with a safe fix`,
    };
  }
  const edits: CellEdit[] = [];
  const preview: string[] = [];
  const fixed: Finding[] = [];
  const groups = [...byCell.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  for (const g of groups) {
    const address = g.findings[0].fix!.cell;
    const area = mergeAt(grid, g.row, g.col);
    const before = cellValueAt(grid, g.row, g.col);
    const text = area && (area.top !== g.row || area.left !== g.col) ? null : editableText(before);
    if (text === null) {
      firstStale ??= address;
      continue;
    }
    // One edit per distinct (span, replacement): findings that ask for the same edit share it.
    const edited = new Map<string, { edit: TextEdit; findings: Finding[] }>();
    for (const f of g.findings) {
      const fix = f.fix!;
      if (!applies(text, fix)) {
        firstStale ??= address;
        continue;
      }
      const k = `${fix.span.start}-${fix.span.end}|${fix.replacement}`;
      const e = edited.get(k);
      if (e) e.findings.push(f);
      else edited.set(k, { edit: { span: { ...fix.span }, replacement: fix.replacement }, findings: [f] });
    }
    if (edited.size === 0) continue;
    const result = applyEdits(text, [...edited.values()].map((e) => e.edit));
    if (result.text === text) continue;
    const taken = new Set(result.applied);
    for (const e of edited.values()) if (taken.has(e.edit)) fixed.push(...e.findings);
    const after = written(before, result.text);
    edits.push({ row: g.row, col: g.col, cell: address, before: before === undefined ? null : before, after });
    preview.push(`${address}：${showChange(showValue(before), result.text)}`);
  }
  if (edits.length === 0) {
    return {
      error: "stale",
      cell: firstStale,
      message: `工作表“${sheet}”的内容已改变，这些修复不再适用${firstStale ? `（如 ${firstStale}）` : ""}：请重新检查`,
      messageEn: `Sheet "${sheet}" has changed and these fixes no longer apply${firstStale ? ` (e.g. ${firstStale})` : ""}: check it again`,
    };
  }
  const n = fixed.length;
  const cells = edits.map((e) => e.cell);
  const where = cells.length <= 3 ? cells.join("、") : `${cells.slice(0, 3).join("、")} 等 ${cells.length} 个单元格`;
  const whereEn = cells.length <= 3 ? cells.join(", ") : `${cells.slice(0, 3).join(", ")} and ${cells.length - 3} more`;
  return {
    kind: "fix",
    sheet,
    label: {
      zh: n === 1 ? `修复 ${where}：${fixed[0].message}` : `修复 ${n} 个问题（${where}）`,
      en: n === 1 ? `Fix ${whereEn}: ${fixed[0].messageEn}` : `Fix ${plural(n, "issue")} (${whereEn})`,
    },
    edits,
    preview,
    fixes: fixed,
  };
}

/**
 * Plan one explicit suggestion of a finding (`finding.suggestions`, by id) on `grid`, a fresh read of the
 * finding's sheet. "stale" when the finding no longer offers it or a cell no longer holds the suggestion's `before`.
 */
export function planSuggestion(grid: GridInput, finding: Finding, suggestionId: string): EditPlan | PlanError {
  const sheet = grid.sheet;
  const s = finding.suggestions?.find((x) => x.id === suggestionId);
  if (!s || (finding.sheet !== undefined && finding.sheet !== sheet)) {
    return {
      error: "stale",
      cell: finding.cell,
      message: `工作表“${sheet}”的 ${finding.cell} 不再提供这项修改：请重新检查`,
      messageEn: `Cell ${finding.cell} of sheet "${sheet}" no longer offers this change: check the sheet again`,
    };
  }
  if (s.edits.length === 0) {
    return {
      error: "nothingToFix",
      cell: finding.cell,
      message: `这项修改没有要写入的内容（工作表“${sheet}”的 ${finding.cell}）`,
      messageEn: `This change writes nothing (cell ${finding.cell} of sheet "${sheet}")`,
    };
  }
  const preview: string[] = [];
  for (const e of s.edits) {
    const current = cellValueAt(grid, e.row, e.col);
    if (!sameValue(current, e.before)) {
      return {
        error: "stale",
        cell: e.cell,
        message: `工作表“${sheet}”的 ${e.cell} 已改变（现为“${shorten(showValue(current), 30)}”，建议基于“${shorten(showValue(e.before), 30)}”）：请重新检查`,
        messageEn: `Cell ${e.cell} of sheet "${sheet}" has changed (it holds "${shorten(showValue(current, "en"), 30)}", ` +
          `the suggestion was made for "${shorten(showValue(e.before, "en"), 30)}"): check the sheet again`,
      };
    }
    preview.push(`${e.cell}：${showChange(showValue(e.before), showValue(e.after))}`);
  }
  return {
    kind: "suggestion",
    sheet,
    label: { zh: s.message, en: s.messageEn },
    edits: s.edits.map((e) => ({ ...e, before: isEmptyValue(e.before) ? cellValueAt(grid, e.row, e.col) ?? null : e.before })),
    preview,
    fixes: [finding],
  };
}
