/**
 * Browser entry bundled by esbuild and added to the page as an init script (before any of the page's own
 * scripts): the honest Excel fake of tests/fakes/excel-fake.ts, built from `window.__FAKE_INIT__`, installed as
 * the page's `Office` and `Excel` globals, so the production bundle's own Office.js adapter talks to it.
 *
 * Microsoft's office.js still loads and runs as it does outside an Office client. Two things about it shape this
 * script:
 * - It assigns `window.Office` more than once: office.js when it runs, and again o15apptofilemappingtable.js
 *   (which office.js loads asynchronously) with `window.Office = Microsoft.Office.WebExtension`, possibly after
 *   the pane's bundle has started. So `Office` and `Excel` are accessor properties of `window` defined here,
 *   before office.js: office.js's assignments are kept as "the real namespace", and once the fake is installed
 *   reads return the fake, whose prototype is the latest real namespace (office.js's own timers keep finding
 *   `Office.Promise` and the like there).
 * - office.js copies what `window.Office` already holds into its namespace when it starts, so the fake is only
 *   installed after office.js has run: when the document's readyState turns "interactive" (the parser is done,
 *   so the classic office.js script in <head> has run; the deferred taskpane.js runs right after).
 *
 * The fake is exposed as `window.__JX_FAKE__`, so tests read back what it recorded with page.evaluate.
 */
import { createFakeExcel, type FakeExcel, type FakeWorkbookInit } from "../../fakes/excel-fake";

interface PageWindow {
  __FAKE_INIT__?: FakeWorkbookInit;
  __JX_FAKE__?: FakeExcel;
  /** When the fake was installed (readyState at that moment). */
  __JX_FAKE_INSTALLED__?: string;
  /** True when office.js had defined its namespace before the fake was installed. */
  __JX_OFFICE_JS_LOADED__?: boolean;
  /** Milliseconds spent building the fake from its init (test harness time, not the pane's). */
  __JX_FAKE_SETUP_MS__?: number;
}

const w = window as unknown as PageWindow;
const init = w.__FAKE_INIT__;
if (!init) throw new Error("fake-page: window.__FAKE_INIT__ was not set before the fake's script");
const t0 = performance.now();
const fake = createFakeExcel(init);
w.__JX_FAKE_SETUP_MS__ = performance.now() - t0;
w.__JX_FAKE__ = fake;

let installed = false;
const real: Record<"Office" | "Excel", unknown> = { Office: undefined, Excel: undefined };
/** The fake's Office members in front of the real namespace. */
const office: object = Object.assign(Object.create(null) as object, fake.Office);

function chain(v: unknown): void {
  Object.setPrototypeOf(office, typeof v === "object" && v !== null ? v : null);
}

for (const name of ["Office", "Excel"] as const) {
  Object.defineProperty(window, name, {
    configurable: true,
    enumerable: true,
    get: () => (installed ? (name === "Office" ? office : fake.Excel) : real[name]),
    set: (v: unknown) => {
      real[name] = v;
      if (name === "Office") chain(v);
    },
  });
}

function install(): void {
  if (installed) return;
  w.__JX_OFFICE_JS_LOADED__ = typeof real.Office === "object" && real.Office !== null;
  chain(real.Office);
  installed = true;
  w.__JX_FAKE_INSTALLED__ = document.readyState;
}

document.addEventListener("readystatechange", () => {
  if (document.readyState === "interactive") install();
});
