/**
 * The pane's editing flows in headless Chromium over the Excel fake: English (Office's display language en-US)
 * in the dark theme. See edit-flows.ts for what is checked.
 */
import { editFlows } from "./edit-flows";
import { usePaneSession } from "./support/env";

editFlows(usePaneSession(), { label: "en-dark", displayLanguage: "en-US", theme: "dark" });
