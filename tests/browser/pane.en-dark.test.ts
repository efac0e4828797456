/**
 * The production task pane in headless Chromium over the Excel fake: English (Office's display language en-US)
 * and the dark theme. See flows.ts for what is checked.
 */
import { paneFlows } from "./flows";
import { usePaneSession } from "./support/env";

paneFlows(usePaneSession(), { label: "en-dark", displayLanguage: "en-US", theme: "dark" });
