/**
 * What the ribbon's 一键校验 tells the user, in Simplified Chinese (default) and English. The English table must
 * have the Chinese table's shape (the `CommandStrings` type enforces it).
 */
import type { HighlightSkip, Lang } from "../excel/host";

const zh = {
  dialogTitle: "绩效目标表助手 · 一键校验",
  close: "关闭",
  autoCloseHint: "此窗口几秒后自动关闭。",
  /** "发现 2 个错误、5 个警告" (zero counts left out). */
  found: (errors: number, warnings: number, infos: number) =>
    "发现 " +
    [
      errors ? `${errors} 个错误` : "",
      warnings ? `${warnings} 个警告` : "",
      infos ? `${infos} 个提示` : "",
    ]
      .filter(Boolean)
      .join("、"),
  marked: "（已在表中标记）",
  markSkipped: {
    protected: "（工作表受保护，未在表中标记）",
    formatsUnreadable: "（Excel 无法读取本表已有的条件格式，为免改动，未在表中标记）",
  },
  clean: "未发现问题",
  checked: (sheet: string, projects: number, indicators: number) =>
    `工作表“${sheet}”：已检查 ${projects} 个项目、${indicators} 个指标。`,
  details: "点击“打开助手”查看问题明细。",
  truncated: (limit: number) => `工作簿中只保存了最严重的 ${limit} 条问题，打开助手重新校验可查看全部。`,
  notSaved: "结果未能保存到工作簿，打开助手后请重新校验。",
  noTableHint: "如需检查其他工作表，请点击“打开助手”选择。",
  noSheetNone: "未找到绩效目标表：没有工作表的表头包含“项目名称”和“绩效指标”。请点击“打开助手”选择要校验的工作表。",
  noSheetSeveral: (n: number) => `有 ${n} 个工作表含绩效目标表。请点击“打开助手”选择要校验的一个。`,
  failed: (detail: string) => `一键校验未完成：${detail}。请点击“打开助手”重试。`,
};

export type CommandStrings = typeof zh;

const en: CommandStrings = {
  dialogTitle: "Performance Target Table Assistant · Validate table",
  close: "Close",
  autoCloseHint: "This window closes by itself in a few seconds.",
  found: (errors, warnings, infos) => {
    const parts = [
      errors ? `${errors} ${errors === 1 ? "error" : "errors"}` : "",
      warnings ? `${warnings} ${warnings === 1 ? "warning" : "warnings"}` : "",
      infos ? `${infos} ${infos === 1 ? "info" : "infos"}` : "",
    ].filter(Boolean);
    const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0];
    return `Found ${list}`;
  },
  marked: " (marked in the sheet)",
  markSkipped: {
    protected: " (the sheet is protected: not marked)",
    formatsUnreadable: " (Excel could not list the sheet's conditional formats, so nothing was marked)",
  },
  clean: "No problems found",
  checked: (sheet, projects, indicators) =>
    `Sheet "${sheet}": checked ${projects} ${projects === 1 ? "project" : "projects"} and ${indicators} ${indicators === 1 ? "indicator" : "indicators"}.`,
  details: 'Select "Open assistant" for the details.',
  truncated: (limit) => `Only the ${limit} most serious problems were saved in the workbook: validate again in the assistant to see them all.`,
  notSaved: "The result could not be saved in the workbook: validate again after opening the assistant.",
  noTableHint: 'To check another sheet, select "Open assistant" and choose it.',
  noSheetNone:
    'No performance target table found: no sheet has a header with 项目名称 (project name) and 绩效指标 (performance indicators). Select "Open assistant" to choose the sheet to check.',
  noSheetSeveral: (n) => `${n} sheets hold a performance target table. Select "Open assistant" to choose the one to check.`,
  failed: (detail) => `Validation did not finish: ${detail}. Select "Open assistant" to try again.`,
};

export function commandStrings(lang: Lang): CommandStrings {
  return lang === "zh" ? zh : en;
}

/** The parenthesis after the counts: marked, or why not. */
export function markNote(s: CommandStrings, highlighted: number, skipped: HighlightSkip): string {
  if (skipped === "protected" || skipped === "formatsUnreadable") return s.markSkipped[skipped];
  return highlighted > 0 ? s.marked : "";
}
