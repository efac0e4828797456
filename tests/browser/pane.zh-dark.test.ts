/**
 * The production task pane in headless Chromium over the Excel fake: Chinese in the dark theme (Chinese text on
 * dark backgrounds). See flows.ts for what is checked.
 */
import { paneFlows } from "./flows";
import { usePaneSession } from "./support/env";

paneFlows(usePaneSession(), { label: "zh-dark", displayLanguage: "zh-CN", theme: "dark" });
