/**
 * The production task pane in headless Chromium over the Excel fake: Chinese, light theme (Office's defaults
 * here). Needs Debian's `chromium` and a CJK font (`.ci/run` installs both); see flows.ts for what is checked.
 */
import { auditSelfTest, paneFlows } from "./flows";
import { usePaneSession } from "./support/env";

const session = usePaneSession();
paneFlows(session, { label: "zh-light", displayLanguage: "zh-CN", theme: "light" });
auditSelfTest(session);
