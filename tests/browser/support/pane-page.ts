/**
 * Page object of the task pane in a real browser: how a test opens the production pane over the Excel fake,
 * finds the controls a person uses (by role and accessible name, in the pane's language), reads what the page
 * shows, reads back what the fake recorded, and takes screenshots at the task pane's real sizes.
 *
 * The flows (tests/browser/flows.ts) only talk to this class: when the pane's markup changes, this file is the
 * one place to adapt. New flows (indicator picker, fixes, undo) add their locators and actions here.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import type { Severity } from "../../../src/core";
import type { Lang } from "../../../src/excel/host";
import { STRINGS, type Strings } from "../../../src/taskpane/i18n";
import type { CfSummary, FakeExcel, FakeWorkbookInit, FakeLog } from "../../fakes/excel-fake";
import { ROOT } from "./build";
import { isolate, type NetworkLog } from "./browser";

/** The task pane's real widths (Office's default and its widest usual size) and height. */
export const PANE_WIDTHS = [320, 450] as const;
export const PANE_HEIGHT = 800;
export const SHOTS_DIR = join(ROOT, "test-results", "browser");

/**
 * What office.js itself asks for outside an Office client: its ULS telemetry frame (o15apptofilemappingtable.js
 * loads it after 3 s). It is refused like everything else; it is Microsoft's request, not the pane's.
 */
export const OFFICE_JS_OWN_REQUESTS = [/^https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\/telemetryservice\//];

/**
 * That same telemetry frame, refused by the pages' Content-Security-Policy (frame-src, webpack.config.js) before
 * any request: the browser reports a `securitypolicyviolation` whose blockedURI is this origin and logs a console
 * error. Both are office.js's doing outside an Office client, not the pane's, and are not counted as errors.
 */
export const OFFICE_JS_OWN_CSP_REFUSAL = {
  directive: "frame-src",
  blockedURI: "https://telemetryservice.firstpartyapps.oaspapps.com",
  consoleError: /^Framing 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\/[^']*' violates the following Content Security Policy directive: "frame-src [^"]*"\. The request has been blocked\.\s*$/,
};

/** Marker in the formula of the add-in's own conditional formats (src/excel/highlight.ts). */
export const OWN_FORMAT_MARKER = "JIXIAO";

export interface PaneEnv {
  browser: Browser;
  origin: string;
  fakeScript: string;
}

export interface OpenOptions {
  /** Office.context.displayLanguage (default zh-CN). */
  displayLanguage?: string;
  theme?: "light" | "dark";
  width?: number;
  /** Name used for screenshot files. */
  label: string;
  /** More scripts to run in the page before its own (after the fake's). */
  initScripts?: string[];
}

export interface SummaryShown {
  error: number;
  warning: number;
  info: number;
  projects: number;
  indicators: number;
}

/** One finding as the list shows it. */
export interface FindingShown {
  text: string;
  current: boolean;
  /** Its position among all the findings listed (the list renders only a window of them), and its cell. */
  index: number;
  cell: string;
}

/** An interactive element of the accessibility tree with no accessible name. */
export interface Unlabelled {
  role: string;
  html: string;
}

export interface LayoutProblem {
  width: number;
  what: string;
}

type FakeWindow = { __JX_FAKE__: FakeExcel };

export class PanePage {
  readonly s: Strings;
  readonly lang: Lang;
  readonly errors: string[] = [];
  readonly shots: string[] = [];

  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly net: NetworkLog,
    readonly options: Required<Omit<OpenOptions, "width">> & { width: number },
  ) {
    this.lang = /^zh/i.test(options.displayLanguage) ? "zh" : "en";
    this.s = STRINGS[this.lang];
    page.on("pageerror", (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && !OFFICE_JS_OWN_CSP_REFUSAL.consoleError.test(m.text())) this.errors.push(`console.error: ${m.text()}`);
    });
  }

  /** A new browser context with the fake built from `init` installed, on taskpane.html (not yet waited for). */
  static async open(env: PaneEnv, init: FakeWorkbookInit, opts: OpenOptions): Promise<PanePage> {
    const options = {
      displayLanguage: opts.displayLanguage ?? "zh-CN",
      theme: opts.theme ?? "light",
      width: opts.width ?? PANE_WIDTHS[0],
      label: opts.label,
      initScripts: opts.initScripts ?? [],
    };
    const context = await env.browser.newContext({
      viewport: { width: options.width, height: PANE_HEIGHT },
      locale: options.displayLanguage,
      colorScheme: options.theme,
      reducedMotion: "reduce",
    });
    const net = await isolate(context, env.origin);
    const page = await context.newPage();
    const full: FakeWorkbookInit = { ...init, displayLanguage: options.displayLanguage, theme: options.theme };
    // Under tsx (scripts/bench-pane.ts), esbuild's keepNames wraps the named functions of the code handed to
    // page.evaluate in __name(…) calls: give the page the same no-op helper.
    await page.addInitScript("globalThis.__name ??= (f) => f;");
    await page.addInitScript(`window.__FAKE_INIT__ = ${JSON.stringify(full)};\n${env.fakeScript}`);
    for (const script of options.initScripts) await page.addInitScript(script);
    const pane = new PanePage(page, context, net, options);
    await page.goto(`${env.origin}/taskpane.html`);
    return pane;
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  // --- controls -------------------------------------------------------------------------------

  checkButton(): Locator {
    return this.page.getByRole("button", { name: this.s.check, exact: true });
  }

  clearButton(): Locator {
    return this.page.getByRole("button", { name: this.s.clear, exact: true });
  }

  /** The sheet dropdown (shown when several or no sheets hold a table). */
  sheetPicker(): Locator {
    return this.page.getByRole("combobox", { name: this.s.sheetLabel });
  }

  findingsRegion(): Locator {
    return this.page.getByRole("region", { name: this.s.findingsHeading, exact: true });
  }

  /** The finding entries: the buttons of the list that name a cell ("单元格 G7"), not its fix or other buttons. */
  findingButtons(): Locator {
    return this.findingsRegion()
      .locator("li button")
      .filter({ hasText: new RegExp(`${this.s.cellLabel}\\s*[A-Z]{1,3}[0-9]+`) });
  }

  /** A MessageBar whose title is `title`. */
  messageBar(title: string): Locator {
    return this.page.locator(".fui-MessageBar").filter({ has: this.page.locator(".fui-MessageBarTitle", { hasText: title }) });
  }

  // --- actions --------------------------------------------------------------------------------

  /** Wait until the pane has read the workbook: 校验 is shown, and enabled when a sheet was picked. */
  async ready(expectEnabled = true, timeoutMs = 30_000): Promise<void> {
    const check = this.checkButton();
    await check.waitFor({ state: "visible", timeout: timeoutMs });
    if (!expectEnabled) return;
    const deadline = Date.now() + timeoutMs;
    while (!(await check.isEnabled()) || (await check.getAttribute("aria-disabled")) === "true") {
      if (Date.now() > deadline) throw new Error(`${this.s.check} was not enabled within ${timeoutMs} ms`);
      await this.page.waitForTimeout(25);
    }
  }

  /** Wait until no check is running (the pane's <main> is not aria-busy). */
  async idle(): Promise<void> {
    await this.page.waitForFunction(() => document.querySelector("main")?.getAttribute("aria-busy") !== "true");
  }

  /** Press 校验 (click, or Enter on it) and wait for its outcome: the result, the no-table message or an error bar. */
  async validate(by: "mouse" | "keyboard" = "mouse"): Promise<void> {
    const before = await this.fake((f) => f.log.runs);
    if (by === "mouse") await this.checkButton().click();
    else {
      await this.checkButton().focus();
      await this.page.keyboard.press("Enter");
    }
    await this.waitForFake((f, n) => f.log.runs > n, before);
    await this.idle();
    await this.page
      .getByRole("heading", { name: this.s.summaryHeading, exact: true })
      .or(this.messageBar(this.s.noTableTitle))
      .or(this.messageBar(this.s.errorTitle))
      .first()
      .waitFor();
  }

  /** Press 清除标记 and wait for the pane to say what it cleared on `sheet`. */
  async clear(sheet: string): Promise<void> {
    await this.clearButton().click();
    await this.page.getByText(this.s.cleared(sheet)).or(this.page.getByText(this.s.nothingToClear(sheet))).first().waitFor();
  }

  /** Press Tab until `target` has the focus (at most `max` times); the number of presses. */
  /** Choose a sheet in the sheet dropdown with the keyboard (focus, ↓ opens the list, ↓ to the option, Enter). */
  async pickSheetByKeyboard(name: string): Promise<void> {
    const picker = this.sheetPicker();
    await picker.focus();
    await this.page.keyboard.press("ArrowDown");
    const option = this.page.getByRole("option", { name });
    await option.waitFor();
    const id = await option.getAttribute("id");
    for (let i = 0; (await picker.getAttribute("aria-activedescendant")) !== id; i++) {
      if (i === 50) throw new Error(`the arrow keys never reach the sheet ${name} in the dropdown`);
      await this.page.keyboard.press("ArrowDown");
    }
    await this.page.keyboard.press("Enter");
    await this.page.waitForFunction(
      ([n]) => document.querySelector('[role="combobox"]')?.textContent?.includes(n) ?? false,
      [name] as const,
    );
  }

  async tabTo(target: Locator, max = 60): Promise<number> {
    for (let i = 1; i <= max; i++) {
      await this.page.keyboard.press("Tab");
      if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return i;
    }
    throw new Error(`${max} presses of Tab never reached the element`);
  }

  // --- what the page shows --------------------------------------------------------------------

  async summary(): Promise<SummaryShown> {
    return this.page.evaluate(() => {
      const ul = document.querySelector('[data-testid="summary-counts"]');
      if (!ul) throw new Error("no summary counts on the page");
      const num = (li: Element | null) => Number(li?.lastElementChild?.textContent?.trim() ?? NaN);
      const sev = (s: string) => num(ul.querySelector(`li[data-severity="${s}"]`));
      return {
        error: sev("error"),
        warning: sev("warning"),
        info: sev("info"),
        projects: num(ul.querySelector('[data-testid="summary-projects"]')),
        indicators: num(ul.querySelector('[data-testid="summary-indicators"]')),
      };
    });
  }

  /** The findings in the page (a window of the list when it is long), in document order. */
  async findings(): Promise<FindingShown[]> {
    return this.findingButtons().evaluateAll((els) =>
      els.map((el) => ({
        text: (el as HTMLElement).innerText.replace(/\s+/g, " ").trim(),
        current: el.getAttribute("aria-current") === "true",
        index: Number(el.getAttribute("data-index")),
        cell: el.getAttribute("data-cell") ?? "",
      })),
    );
  }

  /** The list's own scroll area. */
  findingsScroller(): Locator {
    return this.findingsRegion().getByTestId("findings-scroller");
  }

  /** The finding that has the keyboard focus: its position in the list and its cell (null: focus elsewhere). */
  async focusedFinding(): Promise<{ index: number; cell: string } | null> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      if (!el || !el.hasAttribute("data-index")) return null;
      return { index: Number(el.getAttribute("data-index")), cell: el.getAttribute("data-cell") ?? "" };
    });
  }

  /** Wait until the page has painted twice (React has committed what the last event caused). */
  async frames(): Promise<void> {
    await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  severityName(sev: Severity): string {
    return this.s.severity[sev];
  }

  // --- what the fake recorded -----------------------------------------------------------------

  /**
   * Run `fn` on the page's fake and return its (JSON) result. `fn` is serialised into the page: it may use only
   * its argument, no closure variables.
   */
  async fake<T, A = undefined>(fn: (fake: FakeExcel, arg: A) => T, arg?: A): Promise<T> {
    return this.page.evaluate(
      ([src, a]) => {
        const f = new Function(`return (${src});`)() as (fake: FakeExcel, arg: unknown) => unknown;
        return f((window as unknown as FakeWindow).__JX_FAKE__, a);
      },
      [fn.toString(), arg] as const,
    ) as Promise<T>;
  }

  /** Wait until `predicate` holds on the page's fake (serialised like `fake`'s function). */
  async waitForFake<A = undefined>(predicate: (fake: FakeExcel, arg: A) => boolean, arg?: A): Promise<void> {
    await this.page.waitForFunction(
      ([src, a]) => {
        const f = new Function(`return (${src});`)() as (fake: FakeExcel, arg: unknown) => boolean;
        return f((window as unknown as FakeWindow).__JX_FAKE__, a);
      },
      [predicate.toString(), arg] as const,
    );
  }

  async log(): Promise<FakeLog> {
    return this.fake((f) => f.log);
  }

  async selection(): Promise<{ sheet: string; address: string } | null> {
    return this.fake((f) => f.state.selection);
  }

  async ownFormats(sheet: string): Promise<CfSummary[]> {
    return this.fake((f, a) => f.state.conditionalFormats(a.sheet).filter((cf) => cf.formula.includes(a.marker)), {
      sheet,
      marker: OWN_FORMAT_MARKER,
    });
  }

  async looks(sheet: string): Promise<Record<string, string>> {
    return this.fake((f, name) => f.state.looks(name), sheet);
  }

  async values(sheet: string): Promise<[number, string | number | boolean][]> {
    return this.fake((f, name) => [...f.state.valuesOf(name)], sheet);
  }

  /** True when Microsoft's office.js (routed from the package) had loaded before the fake was installed. */
  async officeJsLoaded(): Promise<boolean> {
    return this.page.evaluate(() => (window as unknown as { __JX_OFFICE_JS_LOADED__?: boolean }).__JX_OFFICE_JS_LOADED__ === true);
  }

  async syncCount(): Promise<number> {
    return this.fake((f) => f.log.syncs.length);
  }

  /** Requests refused that office.js did not make on its own (the pane must make none). */
  unexpectedRequests(): string[] {
    return this.net.blocked.filter((u) => !OFFICE_JS_OWN_REQUESTS.some((re) => re.test(u)));
  }

  // --- looks, layout and accessibility --------------------------------------------------------

  /** The background colour of the pane's root (the FluentProvider) as [r, g, b]. */
  async background(): Promise<[number, number, number]> {
    return this.page.evaluate(() => {
      const el = document.querySelector(".fui-FluentProvider") ?? document.body;
      const m = /rgba?\((\d+), (\d+), (\d+)/.exec(getComputedStyle(el).backgroundColor);
      if (!m) throw new Error(`no background colour: ${getComputedStyle(el).backgroundColor}`);
      return [Number(m[1]), Number(m[2]), Number(m[3])] as [number, number, number];
    });
  }

  /**
   * Layout problems at the current width: anything that sticks out to the right of the viewport (body hides
   * horizontal overflow, so it would simply be cut off), text cut inside its own box (ellipsis or hidden
   * overflow with more content than room), and controls in view that something else lies over (a click at
   * their centre would not reach them).
   */
  async layoutProblems(): Promise<LayoutProblem[]> {
    const width = this.page.viewportSize()?.width ?? 0;
    const found = await this.page.evaluate(() => {
      const out: string[] = [];
      const vw = document.documentElement.clientWidth;
      const describe = (el: Element) => {
        const text = (el as HTMLElement).innerText?.replace(/\s+/g, " ").trim().slice(0, 60) ?? "";
        const label = el.getAttribute("aria-label");
        return `<${el.tagName.toLowerCase()}${label ? ` aria-label="${label}"` : ""}> "${text}"`;
      };
      if (document.documentElement.scrollWidth > vw + 1) out.push(`page scrolls horizontally: ${document.documentElement.scrollWidth} > ${vw}`);
      for (const el of document.body.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const cs = getComputedStyle(el);
        if (cs.visibility === "hidden" || cs.position === "fixed") continue;
        // Visually hidden helpers (1px clip) are not seen.
        if (r.width <= 1 && r.height <= 1) continue;
        if (r.right > vw + 1 && !el.closest("[data-popper-placement],[role=tooltip]")) {
          const parentOut = el.parentElement && el.parentElement.getBoundingClientRect().right > vw + 1;
          if (!parentOut) out.push(`sticks out ${Math.round(r.right - vw)}px to the right: ${describe(el)}`);
        }
        const clipsX = cs.overflowX === "hidden" || cs.overflowX === "clip" || cs.textOverflow === "ellipsis";
        const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== "");
        if (hasText && clipsX && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 1) {
          out.push(`text cut (${el.scrollWidth}px in ${el.clientWidth}px): ${describe(el)}`);
        }
      }
      // The part of an element its scrolling or clipping ancestors let through (a control scrolled out of its
      // scroll area is out of view, not covered).
      const visibleRect = (el: Element) => {
        const r = el.getBoundingClientRect();
        let { left, top, right, bottom } = r;
        for (let a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
          const cs = getComputedStyle(a);
          if (cs.overflowX === "visible" && cs.overflowY === "visible") continue;
          const ar = a.getBoundingClientRect();
          if (cs.overflowX !== "visible") {
            left = Math.max(left, ar.left);
            right = Math.min(right, ar.right);
          }
          if (cs.overflowY !== "visible") {
            top = Math.max(top, ar.top);
            bottom = Math.min(bottom, ar.bottom);
          }
        }
        return { left, top, right, bottom, width: right - left, height: bottom - top };
      };
      // Controls in view must be what a click at their centre reaches (nothing laid over them).
      for (const el of document.querySelectorAll('button, input, select, textarea, [role="combobox"], [role="tab"], [role="switch"]')) {
        const r = visibleRect(el);
        if (r.width < 2 || r.height < 2 || r.bottom <= 0 || r.top >= innerHeight || r.left >= vw) continue;
        const cs = getComputedStyle(el);
        if (cs.visibility === "hidden" || cs.opacity === "0" || cs.pointerEvents === "none" || el.closest("[aria-hidden=true]")) continue;
        const x = Math.min(r.left + r.width / 2, vw - 1);
        const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
        const hit = document.elementFromPoint(x, y);
        if (hit && hit !== el && !el.contains(hit) && !hit.contains(el) && !(el as HTMLInputElement).labels?.[0]?.contains(hit)) {
          const htmlOf = (e: Element) => e.outerHTML.slice(0, e.outerHTML.indexOf(">") + 1).slice(0, 120);
          out.push(`covered: ${describe(el)} is under ${htmlOf(hit)}`);
        }
      }
      return out;
    });
    return found.map((what) => ({ width, what }));
  }

  /**
   * Text whose colour contrasts less than WCAG AA with the background it is drawn on (4.5:1; 3:1 for large
   * text, ≥ 18.66 px bold or ≥ 24 px). Disabled controls are exempt, as WCAG allows.
   */
  async lowContrastText(): Promise<string[]> {
    return this.page.evaluate(() => {
      const parse = (c: string): [number, number, number, number] | null => {
        const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c);
        return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
      };
      const lum = ([r, g, b]: number[]) => {
        const f = (x: number) => {
          const v = x / 255;
          return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const background = (el: Element | null): number[] => {
        for (let e = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c && c[3] >= 0.99) return c;
        }
        return [255, 255, 255];
      };
      const out: string[] = [];
      for (const el of document.body.querySelectorAll("*")) {
        const own = [...el.childNodes].filter((n) => n.nodeType === 3 && n.textContent!.trim() !== "").map((n) => n.textContent!.trim()).join(" ");
        if (!own) continue;
        const r = el.getBoundingClientRect();
        if (r.width < 2 || r.height < 2) continue;
        if (el.closest("[disabled],[aria-disabled=true]")) continue;
        const cs = getComputedStyle(el);
        if (cs.visibility === "hidden" || Number(cs.opacity) === 0) continue;
        const fg = parse(cs.color);
        if (!fg) continue;
        const bg = background(el);
        const a = fg[3];
        const mixed = [0, 1, 2].map((i) => fg[i] * a + bg[i] * (1 - a));
        const [l1, l2] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
        const ratio = (l1 + 0.05) / (l2 + 0.05);
        const size = parseFloat(cs.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
        if (ratio < (large ? 3 : 4.5)) out.push(`${ratio.toFixed(2)}:1 "${own.slice(0, 40)}" (${cs.color} on rgb(${bg.slice(0, 3).join(", ")}))`);
      }
      return out;
    });
  }

  /** True when a click at the centre of `target` would reach it (nothing is laid over it there). */
  async reachable(target: Locator): Promise<boolean> {
    return target.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return !!hit && (hit === el || el.contains(hit));
    });
  }

  /** Interactive nodes of Chromium's accessibility tree with no accessible name. */
  async unlabelledControls(): Promise<Unlabelled[]> {
    const cdp = await this.context.newCDPSession(this.page);
    try {
      const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as {
        nodes: { ignored: boolean; role?: { value?: string }; name?: { value?: string }; backendDOMNodeId?: number }[];
      };
      const interactive = new Set([
        "button", "checkbox", "combobox", "link", "listbox", "menuitem", "option", "radio", "slider", "spinbutton",
        "switch", "tab", "textbox", "searchbox", "togglebutton", "treeitem", "PopUpButton", "ToggleButton",
      ]);
      const out: Unlabelled[] = [];
      for (const n of nodes) {
        const role = n.role?.value ?? "";
        if (n.ignored || !interactive.has(role) || (n.name?.value ?? "").trim() !== "") continue;
        let html = "";
        if (n.backendDOMNodeId) {
          try {
            const { object } = (await cdp.send("DOM.resolveNode", { backendNodeId: n.backendDOMNodeId })) as { object: { objectId?: string } };
            if (object.objectId) {
              const r = (await cdp.send("Runtime.callFunctionOn", {
                objectId: object.objectId,
                functionDeclaration: "function () { return this.outerHTML.slice(0, 200); }",
                returnByValue: true,
              })) as { result: { value?: string } };
              html = r.result.value ?? "";
            }
          } catch {
            // The node went away.
          }
        }
        out.push({ role, html });
      }
      return out;
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  }

  /** The accessibility tree of the pane as YAML (roles and names), for the report and for assertions. */
  async ariaSnapshot(): Promise<string> {
    return this.page.locator("body").ariaSnapshot();
  }

  /**
   * True when `target` looks different with the keyboard focus than without: the focus indicator is visible.
   * Compares screenshots of the element's box grown by 4 px (outlines are drawn around it).
   */
  async focusVisible(target: Locator): Promise<boolean> {
    const box = await target.boundingBox();
    if (!box) throw new Error("focusVisible: the element has no box");
    const clip = { x: Math.max(0, box.x - 4), y: Math.max(0, box.y - 4), width: box.width + 8, height: box.height + 8 };
    const focused = await this.page.screenshot({ clip, animations: "disabled" });
    await target.evaluate((el) => (el as HTMLElement).blur());
    const blurred = await this.page.screenshot({ clip, animations: "disabled" });
    await target.focus();
    return !focused.equals(blurred);
  }

  /**
   * Screenshots of the current state at each pane width (test-results/browser/<label>-<state>-<width>.png),
   * and the problems found: layout at each width, text contrast once; the viewport is left at the width the
   * page was opened with.
   */
  async shoot(state: string): Promise<LayoutProblem[]> {
    mkdirSync(SHOTS_DIR, { recursive: true });
    const problems: LayoutProblem[] = [];
    for (const width of PANE_WIDTHS) {
      await this.page.setViewportSize({ width, height: PANE_HEIGHT });
      await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const file = join(SHOTS_DIR, `${this.options.label}-${state}-${width}.png`);
      await this.page.screenshot({ path: file, fullPage: true, animations: "disabled" });
      this.shots.push(file);
      problems.push(...(await this.layoutProblems()));
      if (width === PANE_WIDTHS[0]) problems.push(...(await this.lowContrastText()).map((what) => ({ width, what: `low contrast: ${what}` })));
    }
    await this.page.setViewportSize({ width: this.options.width, height: PANE_HEIGHT });
    return problems;
  }
}
