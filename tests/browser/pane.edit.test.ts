/**
 * The pane's editing flows (插入指标, 修复 / 全部修复 / suggestions, 修改记录 and 撤销) in headless Chromium over the
 * Excel fake: Chinese, light theme. See edit-flows.ts for what is checked.
 */
import { editFlows } from "./edit-flows";
import { usePaneSession } from "./support/env";

editFlows(usePaneSession(), { label: "zh-light", displayLanguage: "zh-CN", theme: "light" });
