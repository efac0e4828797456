/**
 * The task pane's security in a real browser: the production build (`webpack --mode production`) in headless
 * Chromium over the Excel fake, as the other browser tests (README.md in this folder).
 *
 * - Hostile cell text: a sheet whose name, project names, 绩效目标 and 绩效指标 cells hold `<script>`,
 *   `<img onerror>`, `"><svg onload>` and `javascript:` text. Through 校验 (findings), a click on a finding, the
 *   settings panel, 插入指标 (target and preview, with a hostile indicator name typed in), 插入, 修改记录 (its
 *   entry and lines), 撤销 and 清除标记, the text shows literally (the visible text is asserted), it runs nothing
 *   (window.__xss stays undefined), and no <script>, <img>, frame or event-handler attribute ever comes from it
 *   (a MutationObserver watches the document from its first byte).
 * - The page carries exactly the Content-Security-Policy webpack.config.js builds, before any script, and the
 *   normal flows above raise no violation of it (listened for from the start of the page).
 * - That policy is enforced: fetch, XHR, sendBeacon, EventSource, WebSocket, image, script, style sheet and frame
 *   requests to another origin (a bounded HTTP server on 127.0.0.1, another port than the page's) each raise a
 *   `securitypolicyviolation` and the server receives nothing, while the same origin stays reachable and the
 *   server is reachable by navigation (so only the policy stopped them); an inline script, a string evaluated as
 *   code and an inline event handler do not run.
 *
 * The browser session routes requests (support/browser.ts: isolate): requests to the other server are let
 * through explicitly here, so that only the policy can stop them.
 */
import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import { buildTable, parseA1, projectAt, validateGrid, type ValidationResult } from "../../src/core";
import type { FakeSheetInit, FakeWorkbookInit } from "../fakes/excel-fake";
import { generatedSheet, gridOf } from "../excel/helpers";
import { OFFICE_CDN } from "./support/browser";
import { EditPage } from "./support/edit-page";
import { usePaneSession } from "./support/env";
import { OFFICE_JS_OWN_CSP_REFUSAL, type FindingShown, type PanePage } from "./support/pane-page";

jest.setTimeout(180_000);

// webpack.config.js is the one place the policy is built (CommonJS, run by Node).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webpackConfig = require("../../webpack.config.js") as {
  contentSecurityPolicy(options?: { localOfficeJs?: boolean; devServerPort?: number | null }): string;
};
const POLICY = webpackConfig.contentSecurityPolicy();

/** Cell text that would run if it were ever treated as HTML or as a URL. */
const XSS = {
  script: "<script>window.__xss=1</script>",
  img: '<img src=x onerror="window.__xss=2">',
  svg: '"><svg onload="window.__xss=3">',
  js: "javascript:window.__xss=4",
} as const;
const PAYLOADS = Object.values(XSS);
/** The sheet's own name is workbook text too (Excel allows < > = " in sheet names). */
const SHEET = "<img src=x onerror=__xss=7>";
/** The indicator name typed into 插入指标 (free text). */
const TYPED_NAME = "满意度<script>window.__xss=5</script>";
/** The template picked first (by its pinyin initials), for its categories and value. */
const TEMPLATE = "服务对象满意度调查";

/**
 * A published-layout sheet of 4 projects (generatedSheet) whose project names, 绩效目标 and indicator names and
 * values hold the payloads (each cell a different one).
 */
function hostileSheet(): FakeSheetInit {
  const sheet = generatedSheet(4, SHEET);
  const first = sheet.values.findIndex((row) => String(row[0] ?? "").trim().startsWith("设备运维"));
  if (first < 0) throw new Error("generatedSheet changed: no first project row");
  for (let i = 0; i < 4; i++) {
    const row = sheet.values[first + i];
    const p = (k: number) => PAYLOADS[(i + k) % PAYLOADS.length];
    row[0] = `项目${p(0)}`;
    row[5] = `目标${p(1)}`;
    row[6] =
      `1、1-产出指标；11-数量指标；${p(2)}；实施周期指标值:≥10次；年度指标值:≥10次。` +
      `2、2-效益指标；22-社会效益；满意度${p(3)}；实施周期指标值:≥90%；年度指标值:${p(0)}。`;
  }
  return sheet;
}

/**
 * Page script (before any of the page's own): records every Content-Security-Policy violation and every element
 * that could run or fetch something (scripts, images, frames, objects, links, bases, forms, any on* attribute or
 * javascript: URL) as the document is built and changed, from its first byte.
 */
const WATCH = `(() => {
  const sec = { violations: [], elements: [], attributes: [] };
  window.__JX_SEC__ = sec;
  document.addEventListener("securitypolicyviolation", (e) => {
    sec.violations.push({ directive: e.effectiveDirective, blockedURI: e.blockedURI, sample: e.sample, sourceFile: e.sourceFile });
  }, true);
  const RISKY = new Set(["SCRIPT", "IMG", "IFRAME", "FRAME", "OBJECT", "EMBED", "LINK", "BASE", "FORM", "IMAGE", "SOURCE"]);
  const risky = (name, value) => /^on/i.test(name) || /^\\s*javascript:/i.test(value || "");
  const note = (el) => {
    const attrs = [...el.attributes].filter((a) => risky(a.name, a.value)).map((a) => a.name + "=" + a.value);
    if (RISKY.has(el.tagName.toUpperCase()) || attrs.length > 0) {
      sec.elements.push({
        tag: el.tagName.toLowerCase(),
        src: el.getAttribute("src") || el.getAttribute("href") || el.getAttribute("action") || "",
        inline: el.tagName.toUpperCase() === "SCRIPT" && !el.hasAttribute("src") ? el.textContent : null,
        attrs,
      });
    }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === "attributes") {
        const value = r.target.getAttribute(r.attributeName);
        if (risky(r.attributeName, value)) sec.attributes.push(r.target.tagName.toLowerCase() + " " + r.attributeName + "=" + value);
        continue;
      }
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        note(n);
        for (const el of n.querySelectorAll("*")) note(el);
      }
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
})();`;

interface Violation {
  directive: string;
  blockedURI: string;
  sample: string;
  sourceFile: string;
}
interface Watched {
  violations: Violation[];
  elements: { tag: string; src: string; inline: string | null; attrs: string[] }[];
  attributes: string[];
}

async function watched(pane: PanePage): Promise<Watched> {
  return pane.page.evaluate(() => (window as unknown as { __JX_SEC__: Watched }).__JX_SEC__);
}

/** Violations other than office.js's own telemetry frame, refused outside Office (support/pane-page.ts). */
function ownViolations(w: Watched): Violation[] {
  return w.violations.filter(
    (v) => !(v.directive === OFFICE_JS_OWN_CSP_REFUSAL.directive && v.blockedURI === OFFICE_JS_OWN_CSP_REFUSAL.blockedURI),
  );
}

const squash = (t: string) => t.replace(/\s+/g, " ").trim();

/** The policy of the page as the browser holds it: every CSP <meta>, and whether it precedes every script. */
async function pagePolicy(pane: PanePage): Promise<{ policies: string[]; beforeScripts: boolean; headStart: string[] }> {
  return pane.page.evaluate(() => {
    const metas = [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')];
    const scripts = [...document.querySelectorAll("script, style, link")];
    return {
      policies: metas.map((m) => m.getAttribute("content") ?? ""),
      beforeScripts: metas.length === 1 && scripts.every((s) => !!(metas[0].compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING)),
      headStart: [...document.head.children].slice(0, 2).map((e) => e.outerHTML.slice(0, 60)),
    };
  });
}

/** Everything the page holds that could run or fetch: scripts, images, frames, on* attributes, javascript: URLs. */
async function domNow(pane: PanePage) {
  return pane.page.evaluate(() => {
    const all = [...document.querySelectorAll("*")];
    return {
      scripts: [...document.scripts].map((s) => ({ src: s.src, inline: s.src ? null : s.textContent })),
      images: [...document.images].map((i) => i.src),
      frames: [...document.querySelectorAll("iframe, frame, object, embed")].map((f) => f.outerHTML.slice(0, 200)),
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName.toLowerCase()} ${a.name}`)),
      jsUrls: all.flatMap((el) => [...el.attributes].filter((a) => /^\s*javascript:/i.test(a.value)).map((a) => `${el.tagName.toLowerCase()} ${a.name}`)),
      xss: (window as unknown as { __xss?: unknown }).__xss,
    };
  });
}

/** Every finding of the (windowed) list as shown, by its index: the list is scrolled through from the top. */
async function allFindingsShown(pane: PanePage): Promise<Map<number, FindingShown>> {
  const seen = new Map<number, FindingShown>();
  const scroller = pane.findingsScroller();
  await scroller.evaluate((el) => el.scrollTo(0, 0));
  for (let i = 0; i < 200; i++) {
    await pane.frames();
    for (const f of await pane.findings()) seen.set(f.index, f);
    const atEnd = await scroller.evaluate((el) => {
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) return true;
      el.scrollTo(0, el.scrollTop + Math.max(20, el.clientHeight / 2));
      return false;
    });
    if (atEnd) return seen;
  }
  throw new Error("the findings list never reached its end");
}

interface Listener {
  origin: string;
  port: number;
  /** "METHOD /path" of every HTTP request received, and the path of every WebSocket upgrade. */
  requests: string[];
  upgrades: string[];
  close(): Promise<void>;
}

/** A bounded HTTP server on 127.0.0.1 that records what reaches it (at most 50 requests, closed after the test). */
async function listen(): Promise<Listener> {
  const requests: string[] = [];
  const upgrades: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.setHeader("access-control-allow-origin", "*");
    res.setHeader("content-type", "text/plain");
    res.end(requests.length > 50 ? "" : "reached");
  });
  server.maxConnections = 50;
  server.requestTimeout = 10_000;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("upgrade", (req, socket: Socket) => {
    upgrades.push(req.url ?? "");
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  if (!addr || typeof addr === "string") throw new Error("the listener has no port");
  return {
    origin: `http://127.0.0.1:${addr.port}`,
    port: addr.port,
    requests,
    upgrades,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const session = usePaneSession();

function expected(): { init: FakeWorkbookInit; result: ValidationResult } {
  const sheet = hostileSheet();
  const result = validateGrid(gridOf(sheet));
  if (result.table === null) throw new Error(`the engine found no table on the hostile sheet: ${result.message}`);
  return { init: { sheets: [sheet] }, result };
}

describe("hostile cell text in the production pane (zh-CN, light)", () => {
  test("is shown as text in the findings, 插入指标, 修改记录 and notices, runs nothing, and the flows raise no CSP violation", async () => {
    const { init, result } = expected();
    // The engine quotes the hostile text in its messages: every payload reaches the findings.
    for (const p of PAYLOADS) expect(result.findings.some((f) => f.message.includes(p))).toBe(true);
    const table = buildTable(gridOf(init.sheets[0])).table!;
    const project = projectAt(table, parseA1("D7")!.row)!;
    expect(project.name).toContain(XSS.img);

    const pane = await session.open(init, { label: "security-hostile", initScripts: [WATCH] });
    const ed = new EditPage(pane);
    const { s } = pane;
    await pane.ready();
    const valuesBefore = await pane.values(SHEET);

    // The page holds exactly the policy the build writes, first in <head> after the charset, before any script.
    const csp = await pagePolicy(pane);
    expect(csp.policies).toEqual([POLICY]);
    expect(csp.beforeScripts).toBe(true);
    expect(csp.headStart[0]).toMatch(/^<meta charset="UTF-8"/i);
    expect(csp.headStart[1]).toMatch(/^<meta http-equiv="Content-Security-Policy"/i);

    // The sheet's hostile name, literally.
    await pane.page.getByText(s.sheetCurrent(SHEET), { exact: true }).waitFor();

    // 校验: the engine's findings, their hostile text shown literally.
    await pane.validate();
    const shown = await allFindingsShown(pane);
    expect(shown.size).toBe(result.findings.length);
    result.findings.forEach((f, i) => {
      const row = shown.get(i);
      expect({ i, cell: row?.cell, has: row?.text.includes(squash(f.message)) }).toEqual({ i, cell: f.cell, has: true });
    });
    const listText = [...shown.values()].map((f) => f.text).join("\n");
    for (const p of PAYLOADS) expect({ payload: p, shown: listText.includes(p) }).toEqual({ payload: p, shown: true });
    await pane.findingsScroller().evaluate((el) => el.scrollTo(0, 0));

    // A click on a finding selects its cell; the settings panel opens and closes.
    await pane.findingButtons().nth(1).click();
    await pane.waitForFake((f, cell) => f.state.selection?.address === cell, result.findings[1].cell);
    const settings = pane.page.getByRole("button", { name: s.settings, exact: true });
    await settings.click();
    await pane.page.getByRole("combobox", { name: s.profile }).waitFor();
    await settings.click();

    // 插入指标: the hostile project as the target, a hostile indicator name typed in, shown literally in the preview.
    await ed.openTab("insert");
    await ed.select(SHEET, "D7");
    await ed.target(project.name).waitFor();
    await ed.typeL3("myd");
    await ed.l3Option(TEMPLATE).click();
    await ed.typeInto(ed.valueBox(s.periodLabel, s.numberShort), "85");
    await ed.typeL3(TYPED_NAME);
    await pane.page.keyboard.press("Escape");
    const lines = await ed.settledPreview((l) => l.join("").includes(TYPED_NAME));
    expect(lines.join("")).toContain(TYPED_NAME);
    expect(await ed.preview().innerText()).toContain(TYPED_NAME);
    expect(await ed.preview().locator("li *").count()).toBe(0); // text nodes only

    // 插入 writes exactly that text into the cell (not escaped, not interpreted) and says so, literally.
    const cell = `G7`;
    const textBefore = String(await ed.value(SHEET, cell));
    await ed.insertButton().click();
    await ed.notice(s.inserted(1, project.name, SHEET)).waitFor();
    await pane.idle();
    expect(String(await ed.value(SHEET, cell))).toBe(textBefore + lines.join(""));

    // 修改记录: the entry, with its lines opened, shows the hostile text literally.
    await ed.openTab("changes");
    const entry = ed.changeEntries().first();
    await entry.waitFor();
    await entry.locator("summary").click();
    const entryText = await entry.innerText();
    expect(entryText).toContain(TYPED_NAME);
    expect(entryText).toContain(s.changeMeta(SHEET, "").replace(/\s*·\s*$/, ""));
    expect(await entry.locator("details li *").count()).toBe(0);

    // 撤销 gives the cell back; 清除标记 clears the marks (its notice names the hostile sheet literally).
    await ed.undoButton(entry).click();
    await ed.undoneNotice().waitFor();
    await pane.idle();
    expect(String(await ed.value(SHEET, cell))).toBe(textBefore);
    await ed.openTab("check");
    await pane.clear(SHEET);
    expect(await pane.values(SHEET)).toEqual(valuesBefore);

    // Nothing ran, nothing was made of the text: no inline script, no image, no frame, no handler, no javascript: URL.
    const origin = new URL(pane.page.url()).origin;
    const allowedScript = (src: string) => src.startsWith(OFFICE_CDN) || (src.startsWith(`${origin}/`) && /^[\w.-]+\.js$/.test(src.slice(origin.length + 1)));
    const dom = await domNow(pane);
    expect(dom.xss).toBeUndefined();
    expect(dom.scripts.filter((x) => x.inline !== null || !allowedScript(x.src))).toEqual([]);
    expect(dom.images).toEqual([]);
    // office.js's telemetry frame outside Office is the one frame (refused by the policy, below).
    expect(dom.frames.filter((f) => !f.includes(`src="${OFFICE_JS_OWN_CSP_REFUSAL.blockedURI}/`))).toEqual([]);
    expect(dom.handlers).toEqual([]);
    expect(dom.jsUrls).toEqual([]);
    const w = await watched(pane);
    const made = w.elements.map((e) => ({ ...e, src: e.src.startsWith("http") || e.src === "" ? e.src : new URL(e.src, `${origin}/`).href }));
    expect(made.filter((e) => e.tag === "script" && (e.inline !== null || !allowedScript(e.src)))).toEqual([]);
    expect(made.filter((e) => e.tag === "script").map((e) => e.src)).toEqual(expect.arrayContaining([`${OFFICE_CDN}office.js`, `${origin}/taskpane.js`]));
    // The only others: the page's own icon link, 插入指标's form (no action: it never submits, and form-action
    // 'none' would refuse it), and office.js's telemetry frame (refused by the policy).
    const expectedOther = (e: (typeof made)[number]) =>
      (e.tag === "link" && e.src === `${origin}/assets/icon-32.png`) ||
      (e.tag === "form" && e.src === "") ||
      (e.tag === "iframe" && e.src.startsWith(`${OFFICE_JS_OWN_CSP_REFUSAL.blockedURI}/`));
    expect(made.filter((e) => e.tag !== "script" && !expectedOther(e))).toEqual([]);
    expect(made.flatMap((e) => e.attrs)).toEqual([]);
    expect(w.attributes).toEqual([]);

    // The normal flows raised no violation of the policy (office.js's telemetry frame outside Office aside).
    expect(ownViolations(w)).toEqual([]);
    expect(pane.errors).toEqual([]);
    expect(pane.unexpectedRequests()).toEqual([]);
  });
});

describe("the Content-Security-Policy, enforced", () => {
  let other: Listener | null = null;
  afterEach(async () => {
    await other?.close();
    other = null;
  });

  test("refuses requests to another origin (the server receives none), inline script, eval and inline handlers", async () => {
    other = await listen();
    const { init } = expected();
    const pane = await session.open(init, { label: "security-csp", initScripts: [WATCH] });
    await pane.ready();
    const origin = new URL(pane.page.url()).origin;
    expect(other.origin).not.toBe(origin);
    expect(await pane.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute("content"))).toBe(POLICY);

    // The harness refuses foreign requests itself (support/browser.ts): let this server's through, so that only
    // the page's policy can stop them; a navigation to it (not governed by the policy) shows it is reachable.
    const target = other;
    await pane.context.route(`${target.origin}/**`, (route) => route.continue());
    const control = await pane.context.newPage();
    await control.goto(`${target.origin}/control`);
    expect(await control.locator("body").innerText()).toBe("reached");
    await control.close();
    expect(target.requests).toEqual(["GET /control"]);
    const before = (await watched(pane)).violations.length;

    const outcome = await pane.page.evaluate(async ({ o, ws }) => {
      const within = <T,>(p: Promise<T>, fallback: T) => Promise.race([p, new Promise<T>((r) => setTimeout(() => r(fallback), 3000))]);
      const element = (tag: string, attr: string, url: string, extra: Record<string, string> = {}) =>
        within(
          new Promise<string>((resolve) => {
            const el = document.createElement(tag) as HTMLElement & { onload: unknown; onerror: unknown };
            for (const [k, v] of Object.entries(extra)) el.setAttribute(k, v);
            el.onload = () => resolve("loaded");
            el.onerror = () => resolve("failed");
            el.setAttribute(attr, url);
            document.body.appendChild(el);
          }),
          "no answer",
        );
      const r: Record<string, string> = {};
      r.sameOriginFetch = await fetch("/taskpane.html").then((x) => `status ${x.status}`, (e: Error) => `failed: ${e.name}`);
      r.fetch = await fetch(`${o}/fetch`).then((x) => `status ${x.status}`, (e: Error) => `failed: ${e.name}`);
      r.xhr = await within(
        new Promise<string>((resolve) => {
          const x = new XMLHttpRequest();
          x.onload = () => resolve(`status ${x.status}`);
          x.onerror = () => resolve("failed");
          try {
            x.open("GET", `${o}/xhr`);
            x.send();
          } catch (e) {
            resolve(`threw ${(e as Error).name}`);
          }
        }),
        "no answer",
      );
      try {
        r.beacon = String(navigator.sendBeacon(`${o}/beacon`, "x"));
      } catch (e) {
        r.beacon = `threw ${(e as Error).name}`;
      }
      r.eventSource = await within(
        new Promise<string>((resolve) => {
          try {
            const es = new EventSource(`${o}/events`);
            es.onopen = () => resolve("open");
            es.onerror = () => {
              es.close();
              resolve("failed");
            };
          } catch (e) {
            resolve(`threw ${(e as Error).name}`);
          }
        }),
        "no answer",
      );
      r.webSocket = await within(
        new Promise<string>((resolve) => {
          try {
            const sock = new WebSocket(`${ws}/socket`);
            sock.onopen = () => resolve("open");
            sock.onerror = () => resolve("failed");
          } catch (e) {
            resolve(`threw ${(e as Error).name}`);
          }
        }),
        "no answer",
      );
      r.image = await element("img", "src", `${o}/image.png`);
      r.script = await element("script", "src", `${o}/script.js`);
      r.style = await element("link", "href", `${o}/style.css`, { rel: "stylesheet" });
      r.frame = await element("iframe", "src", `${o}/frame.html`);

      // Code that is not one of the add-in's files: an inline script, a string run as code, an inline handler.
      const inline = document.createElement("script");
      inline.textContent = "window.__inlineRan = 1;";
      document.head.appendChild(inline);
      window.setTimeout("window.__evalRan = 1;" as unknown as () => void, 0);
      document.body.insertAdjacentHTML("beforeend", '<img id="jx-handler-probe" src="assets/icon-32.png" onload="window.__handlerRan = 1">');
      const probe = document.getElementById("jx-handler-probe") as HTMLImageElement;
      await within(new Promise<void>((resolve) => (probe.complete ? resolve() : probe.addEventListener("load", () => resolve()))), undefined);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const w = window as unknown as Record<string, unknown>;
      r.inlineScript = String(w.__inlineRan);
      r.eval = String(w.__evalRan);
      r.handler = String(w.__handlerRan);
      r.handlerImageLoaded = String(probe.naturalWidth > 0);
      return r;
    }, { o: target.origin, ws: `ws://127.0.0.1:${target.port}` });

    // Same origin answers; nothing reached the other server after the control navigation.
    expect(outcome.sameOriginFetch).toBe("status 200");
    await pane.page.waitForTimeout(300);
    expect(target.requests).toEqual(["GET /control"]);
    expect(target.upgrades).toEqual([]);
    expect(outcome).toMatchObject({
      fetch: "failed: TypeError",
      xhr: "failed",
      eventSource: "failed",
      image: "failed",
      script: "failed",
      style: "failed",
      inlineScript: "undefined",
      eval: "undefined",
      handler: "undefined",
      // The image of the handler probe is the add-in's own icon: it loads, only its handler is refused.
      handlerImageLoaded: "true",
    });
    expect(["failed", "threw SecurityError"]).toContain(outcome.webSocket);
    // sendBeacon only queues (true or false either way): the violation and the silent server are what count.
    expect(["true", "false"]).toContain(outcome.beacon);

    // Each was refused by the policy, under the directive that governs it.
    const seen = (await watched(pane)).violations.slice(before).map((v) => `${v.directive} ${v.blockedURI.replace(target.origin, "<other>").replace(`ws://127.0.0.1:${target.port}`, "<ws>")}`);
    expect(seen).toEqual(
      expect.arrayContaining([
        "connect-src <other>/fetch",
        "connect-src <other>/xhr",
        "connect-src <other>/beacon",
        "connect-src <other>/events",
        "connect-src <ws>/socket",
        "img-src <other>/image.png",
        "script-src-elem <other>/script.js",
        "style-src-elem <other>/style.css",
        "frame-src <other>", // a frame's violation names only the origin
        "script-src-elem inline",
        "script-src eval",
        "script-src-attr inline",
      ]),
    );
    expect(await pane.page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  });
});
