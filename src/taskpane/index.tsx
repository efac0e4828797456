/**
 * Entry of the task pane bundle (webpack entry `taskpane`, page taskpane.html).
 *
 * Browser tests run the page outside Office, where `Office.onReady` resolves with no host and there is no
 * `Excel` global: they set `window.__JIXIAO_HOST__` to a host double before this script runs.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createExcelHost } from "../excel/adapter";
import type { Lang, WorkbookHost } from "../excel/host";
import { App, NotConnected } from "./App";

declare global {
  interface Window {
    /** A WorkbookHost to use instead of Excel (browser tests). */
    __JIXIAO_HOST__?: WorkbookHost;
  }
}

function browserLang(): Lang {
  const l = (typeof navigator !== "undefined" && navigator.language) || "zh";
  return /^zh/i.test(l) ? "zh" : "en";
}

function start(officeHost: Office.HostType | null): void {
  const el = document.getElementById("root");
  if (!el) throw new Error('taskpane.html has no <div id="root">');
  const root = createRoot(el);
  const injected = window.__JIXIAO_HOST__;
  if (!injected && officeHost !== Office.HostType.Excel) {
    root.render(<NotConnected lang={browserLang()} />);
    return;
  }
  const host = injected ?? createExcelHost();
  root.render(
    <StrictMode>
      <App host={host} />
    </StrictMode>,
  );
}

// office.js may have failed to load (no network, blocked CDN): say so instead of leaving a blank pane.
if (typeof Office === "undefined") {
  const el = document.getElementById("root");
  if (el) createRoot(el).render(window.__JIXIAO_HOST__ ? <App host={window.__JIXIAO_HOST__} /> : <NotConnected lang={browserLang()} />);
} else {
  Office.onReady((info) => start(info.host));
}
