/**
 * Every string the task pane shows, in Simplified Chinese (default) and English.
 *
 * The English table must have exactly the Chinese table's shape (the `Strings` type enforces it), so a string
 * cannot be added in one language and forgotten in the other.
 */
import type { Severity, Thresholds } from "../core";
import type { Lang } from "../excel/host";

export type ThresholdKey = keyof Thresholds;

const zh = {
  appTitle: "绩效目标表助手",
  loadingSheets: "正在读取工作表…",
  sheetLabel: "要检查的工作表",
  sheetCurrent: (sheet: string) => `工作表：${sheet}`,
  sheetPlaceholder: "选择工作表",
  sheetPickNone: "表头需包含“项目名称”和“绩效指标”（逐条填报的表为“三级指标”）。请检查表头文字，或在下面选择要检查的工作表。",
  sheetPickSeveral: (n: number) => `有 ${n} 个工作表含绩效目标表，请选择要检查的一个。`,
  sheetHasTable: "含绩效目标表",
  sheetHidden: "已隐藏",
  sheetNotes: (notes: string[]) => `（${notes.join("，")}）`,
  refreshSheets: "重新检测工作表",
  noSheets: "此工作簿中没有工作表。",
  check: "校验",
  checking: "正在校验…",
  clear: "清除标记",
  cleared: (sheet: string) => `已清除工作表“${sheet}”上的标记。`,
  nothingToClear: (sheet: string) => `工作表“${sheet}”上没有本助手的标记。`,
  autoCheck: "自动检查",
  autoCheckHint: "工作表内容变化后自动重新校验并更新标记",
  readyHint: (sheet: string) => `点击“校验”检查工作表“${sheet}”。`,
  severity: { error: "错误", warning: "警告", info: "提示" } satisfies Record<Severity, string>,
  summaryHeading: "校验结果",
  projects: "项目",
  indicators: "指标",
  summaryLine: (e: number, w: number, i: number) => `发现 ${e} 个错误、${w} 个警告、${i} 个提示。`,
  checkedCounts: (projects: number, indicators: number) => `已检查 ${projects} 个项目、${indicators} 个指标`,
  allGood: (projects: number, indicators: number) => `已检查 ${projects} 个项目、${indicators} 个指标：未发现问题`,
  highlighted: (n: number) => `已在工作表中标记 ${n} 个单元格。`,
  filterLabel: "按严重程度筛选",
  filterEmpty: "当前筛选条件下没有问题。",
  findingsHeading: "问题列表",
  tableGroup: (sheet: string) => `工作表“${sheet}”整表`,
  projectLevel: "项目本身",
  indicatorGroup: (n: number, name: string | null) => (name ? `第 ${n} 个指标：${name}` : `第 ${n} 个指标`),
  issueCount: (n: number) => `${n} 个问题`,
  cellLabel: "单元格",
  showMore: (n: number) => `显示更多（还有 ${n} 条）`,
  shownOf: (shown: number, total: number) => `显示 ${shown} / ${total} 条`,
  protectedSkip: "问题已列出，但工作表受保护，未在单元格上标记。撤销工作表保护后重新校验即可标记。",
  protectedStale: "工作表受保护，之前的标记未能更新。撤销工作表保护后重新校验即可。",
  formatsUnreadableSkip: "问题已列出，但 Excel 无法读取本表已有的条件格式；为免改动您的格式，未在表中标记。可点击问题跳转到单元格。",
  noTableTitle: "未找到绩效目标表",
  errorTitle: "操作未完成",
  sheetUnchanged: "工作表未被修改。",
  sheetMaybeChanged: "部分更改可能未能撤销，请检查工作表。",
  unexpectedError: (detail: string) => `发生意外错误：${detail}`,
  dismiss: "关闭",
  retry: "重试",
  lastRunTitle: "功能区“一键校验”的结果",
  lastRunBody: (time: string) => `以下是 ${time} 通过功能区“一键校验”得到的结果。点击“校验”可重新检查。`,
  lastRunTruncated: (n: number) => `只保存了最严重的 ${n} 条问题；重新校验可查看全部。`,
  settings: "设置",
  profile: "配置方案",
  thresholdsHeading: "阈值",
  thresholdLabels: {
    satisfactionFloor: "满意度指标最低值（%）",
    minIndicators: "每个项目最少指标数",
    amountTolerance: "金额容差（表内金额单位，通常为万元）",
    maxDecimals: "金额最多小数位数",
  } satisfies Record<ThresholdKey, string>,
  defaultValue: (v: number) => `默认值：${v}`,
  rangeError: (min: number, max: number) => `请输入 ${min} 到 ${max} 之间的数。`,
  integerError: (min: number, max: number) => `请输入 ${min} 到 ${max} 之间的整数。`,
  resetThresholds: "恢复默认值",
  settingsSaveFailed: (detail: string) => `设置未能保存到工作簿：${detail}`,
  notInExcel: "请在 Excel 中打开此加载项：当前页面没有连接到工作簿。",
};

export type Strings = typeof zh;

const en: Strings = {
  appTitle: "Performance Target Table Assistant",
  loadingSheets: "Reading the sheets…",
  sheetLabel: "Sheet to check",
  sheetCurrent: (sheet) => `Sheet: ${sheet}`,
  sheetPlaceholder: "Choose a sheet",
  sheetPickNone: "The header must contain 项目名称 and 绩效指标 (三级指标 in a one-row-per-indicator table). Check the header text, or choose the sheet to check below.",
  sheetPickSeveral: (n) => `${n} sheets hold a performance target table. Choose the one to check.`,
  sheetHasTable: "target table",
  sheetHidden: "hidden",
  sheetNotes: (notes) => ` (${notes.join(", ")})`,
  refreshSheets: "Detect sheets again",
  noSheets: "This workbook has no sheets.",
  check: "Validate",
  checking: "Validating…",
  clear: "Clear marks",
  cleared: (sheet) => `Marks cleared from sheet "${sheet}".`,
  nothingToClear: (sheet) => `Sheet "${sheet}" has no marks from this add-in.`,
  autoCheck: "Auto-check",
  autoCheckHint: "Validate again and update the marks whenever the sheet changes",
  readyHint: (sheet) => `Select "Validate" to check sheet "${sheet}".`,
  severity: { error: "Error", warning: "Warning", info: "Info" },
  summaryHeading: "Result",
  projects: "Projects",
  indicators: "Indicators",
  summaryLine: (e, w, i) =>
    `Found ${e} ${e === 1 ? "error" : "errors"}, ${w} ${w === 1 ? "warning" : "warnings"}, ${i} ${i === 1 ? "info" : "infos"}.`,
  checkedCounts: (p, i) => `Checked ${p} ${p === 1 ? "project" : "projects"} and ${i} ${i === 1 ? "indicator" : "indicators"}`,
  allGood: (p, i) =>
    `Checked ${p} ${p === 1 ? "project" : "projects"} and ${i} ${i === 1 ? "indicator" : "indicators"}: no problems found`,
  highlighted: (n) => `${n} ${n === 1 ? "cell" : "cells"} marked in the sheet.`,
  filterLabel: "Filter by severity",
  filterEmpty: "No problems match the current filter.",
  findingsHeading: "Problems",
  tableGroup: (sheet) => `Sheet "${sheet}" (whole table)`,
  projectLevel: "The project itself",
  indicatorGroup: (n, name) => (name ? `Indicator ${n}: ${name}` : `Indicator ${n}`),
  issueCount: (n) => `${n} ${n === 1 ? "problem" : "problems"}`,
  cellLabel: "Cell",
  showMore: (n) => `Show more (${n} more)`,
  shownOf: (shown, total) => `Showing ${shown} of ${total}`,
  protectedSkip:
    "The problems are listed, but the cells were not marked because the sheet is protected. Unprotect the sheet and validate again to mark them.",
  protectedStale: "The sheet is protected, so the earlier marks could not be updated. Unprotect it and validate again.",
  formatsUnreadableSkip:
    "The problems are listed, but Excel could not list the sheet's conditional formats; to leave your formats untouched, no cells were marked. Select a problem to go to its cell.",
  noTableTitle: "No performance target table",
  errorTitle: "Not done",
  sheetUnchanged: "The sheet was not changed.",
  sheetMaybeChanged: "Some changes may not have been undone: check the sheet.",
  unexpectedError: (detail) => `Unexpected error: ${detail}`,
  dismiss: "Dismiss",
  retry: "Retry",
  lastRunTitle: "Result of the ribbon's one-click check",
  lastRunBody: (time) => `This is the result of the ribbon's one-click check at ${time}. Select "Validate" to check again.`,
  lastRunTruncated: (n) => `Only the ${n} most serious problems were stored; validate again to see them all.`,
  settings: "Settings",
  profile: "Profile",
  thresholdsHeading: "Thresholds",
  thresholdLabels: {
    satisfactionFloor: "Lowest satisfaction value (%)",
    minIndicators: "Fewest indicators per project",
    amountTolerance: "Amount tolerance (in the table's money unit, usually 万元)",
    maxDecimals: "Most decimals in an amount",
  },
  defaultValue: (v) => `Default: ${v}`,
  rangeError: (min, max) => `Enter a number from ${min} to ${max}.`,
  integerError: (min, max) => `Enter a whole number from ${min} to ${max}.`,
  resetThresholds: "Restore defaults",
  settingsSaveFailed: (detail) => `The settings could not be saved in the workbook: ${detail}`,
  notInExcel: "Open this add-in in Excel: this page is not connected to a workbook.",
};

export const STRINGS: Record<Lang, Strings> = { zh, en };

/** Date and time of a stored run, in the UI language's conventions. */
export function formatTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
}
