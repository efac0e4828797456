/**
 * The one-click outcome dialog's content: the message comes from the query string and is only ever set as text
 * (textContent), never parsed as HTML.
 */
import type { Lang } from "../excel/host";
import { commandStrings } from "./messages";

export interface DialogView {
  lang: Lang;
  text: string;
}

function element(doc: Document, id: string): HTMLElement {
  const el = doc.getElementById(id);
  if (!el) throw new Error(`dialog.html has no #${id}`);
  return el;
}

/** Fill dialog.html's elements from `search` (location.search) and wire the close button and Escape. */
export function renderDialog(doc: Document, search: string, onClose: () => void): DialogView {
  const params = new URLSearchParams(search);
  const lang: Lang = params.get("lang") === "en" ? "en" : "zh";
  const s = commandStrings(lang);
  const text = params.get("text") ?? "";
  const autoClose = Number(params.get("close") ?? "0") > 0;

  doc.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  doc.title = s.dialogTitle;
  element(doc, "dialog-title").textContent = s.dialogTitle;
  element(doc, "dialog-message").textContent = text;
  element(doc, "dialog-hint").textContent = autoClose ? s.autoCloseHint : "";
  const button = element(doc, "dialog-close") as HTMLButtonElement;
  button.textContent = s.close;
  button.addEventListener("click", () => onClose());
  doc.addEventListener("keydown", (e) => {
    if (e.key === "Escape") onClose();
  });
  button.focus();
  return { lang, text };
}
