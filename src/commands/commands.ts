/**
 * The ribbon's function file (commands.html): registers `oneClickCheck`, the 一键校验 button's ExecuteFunction
 * (manifest.xml), with no shared runtime. The work is in one-click.ts; the outcome is shown by dialog.html.
 */
import { createExcelHost } from "../excel/adapter";
import type { Lang } from "../excel/host";
import { dialogUrl, showMessageDialog } from "./notify-dialog";
import { createOneClickHandler } from "./one-click";
import type { OutcomeKind } from "./one-click";

/** The FunctionName in manifest.xml. */
export const FUNCTION_NAME = "oneClickCheck";

/** How long the outcome stays on screen: longer when the user has something to do. */
const AUTO_CLOSE_MS: Record<OutcomeKind, number> = {
  findings: 8000,
  clean: 6000,
  noTable: 15000,
  noSheet: 15000,
  hostError: 15000,
  failed: 15000,
};

function officeLang(): Lang {
  let tag = "";
  try {
    tag = Office.context.displayLanguage || "";
  } catch {
    // Office not initialised: fall back to the browser's language
  }
  if (!tag && typeof navigator !== "undefined") tag = navigator.language || "";
  return /^zh/i.test(tag) || tag === "" ? "zh" : "en";
}

async function notify(text: string, kind: OutcomeKind, lang: Lang): Promise<void> {
  const ms = AUTO_CLOSE_MS[kind];
  await showMessageDialog(Office.context.ui, dialogUrl(window.location.href, text, lang, ms), { autoCloseMs: ms });
}

export const oneClickCheck = createOneClickHandler({
  createHost: () => createExcelHost(),
  notify,
  fallbackLang: officeLang,
});

let associated = false;
/** Office.actions.associate, once, as soon as office.js provides it. */
function register(): void {
  if (associated || typeof Office.actions?.associate !== "function") return;
  Office.actions.associate(FUNCTION_NAME, oneClickCheck);
  associated = true;
}

// Hosts without Office.actions find the function by its name on the global object.
(globalThis as unknown as Record<string, unknown>)[FUNCTION_NAME] = oneClickCheck;
// Microsoft's pattern registers at load time; some hosts only provide Office.actions once office.js has
// initialised, so try again then.
register();
Office.onReady(() => register());
