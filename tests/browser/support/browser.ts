/**
 * A headless Chromium (Debian's `chromium`, driven by playwright-core) with no network: the production build is
 * served by a small static server on 127.0.0.1, Microsoft's office.js is answered from the @microsoft/office-js
 * package by request routing, and every other request is refused and recorded, so a test can assert that the
 * pane asked for nothing else.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { chromium, type Browser, type BrowserContext, type Route } from "playwright-core";
import { ROOT } from "./build";

export const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
export const OFFICE_JS_DIST = join(ROOT, "node_modules", "@microsoft", "office-js", "dist");

export const MISSING_CHROMIUM =
  "需要 Chromium：apt-get install chromium fonts-wqy-microhei / " +
  "Chromium is required for the task pane's browser tests: apt-get install chromium fonts-wqy-microhei " +
  "(or set CHROMIUM_PATH to a Chromium or Chrome executable)";
export const MISSING_CJK_FONT =
  "需要中文字体：apt-get install fonts-wqy-microhei / " +
  "A CJK font is required (Chinese would render as boxes): apt-get install fonts-wqy-microhei";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium", "/usr/bin/google-chrome"];

/** The Chromium to drive, or an Error whose message names the packages to install. */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. ${MISSING_CHROMIUM}`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error(MISSING_CHROMIUM);
  return found;
}

/** Fails with a message naming the package when no font covers Chinese (fontconfig's view, as Chromium's). */
export function requireCjkFont(): void {
  let fonts = "";
  try {
    fonts = execFileSync("fc-list", [":lang=zh", "family"], { encoding: "utf8", timeout: 20_000 });
  } catch {
    throw new Error(MISSING_CJK_FONT);
  }
  if (fonts.trim() === "") throw new Error(MISSING_CJK_FONT);
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

/** A file under `root` for a URL path, or null (no escaping the root). */
function fileUnder(root: string, urlPath: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const p = normalize(join(root, rel));
  if (p !== root && !p.startsWith(root + sep)) return null;
  try {
    return statSync(p).isFile() ? p : null;
  } catch {
    return null;
  }
}

export interface StaticServer {
  origin: string;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function serveStatic(root: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    requests.push(path);
    const file = req.method === "GET" || req.method === "HEAD" ? fileUnder(root, path) : null;
    if (!file) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.setHeader("content-type", TYPES[extname(file)] ?? "application/octet-stream");
    res.setHeader("cache-control", "no-store");
    res.end(req.method === "HEAD" ? undefined : readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  if (!addr || typeof addr === "string") throw new Error("the static server has no port");
  return {
    origin: `http://127.0.0.1:${addr.port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface NetworkLog {
  /** Requests answered from the @microsoft/office-js package. */
  office: string[];
  /** Requests to the static server. */
  local: string[];
  /** Requests refused: anything else (the pane must make none). */
  blocked: string[];
}

/**
 * Route every request of a browser context: the build's origin passes, the office.js CDN is answered from the
 * package (404 for a file it does not hold), anything else is aborted and recorded.
 */
export async function isolate(context: BrowserContext, origin: string): Promise<NetworkLog> {
  const log: NetworkLog = { office: [], local: [], blocked: [] };
  await context.route("**/*", async (route: Route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) {
      log.local.push(url.slice(origin.length));
      await route.continue();
      return;
    }
    if (url.startsWith(OFFICE_CDN)) {
      const path = new URL(url).pathname.slice(new URL(OFFICE_CDN).pathname.length);
      log.office.push(path);
      const file = fileUnder(OFFICE_JS_DIST, path) ?? fileUnder(OFFICE_JS_DIST, path.toLowerCase());
      if (!file) {
        await route.fulfill({ status: 404, body: "" });
        return;
      }
      await route.fulfill({
        status: 200,
        contentType: TYPES[extname(file)] ?? "application/octet-stream",
        body: readFileSync(file),
      });
      return;
    }
    log.blocked.push(url);
    await route.abort("blockedbyclient");
  });
  return log;
}

const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--disable-features=Translate,OptimizationHints,MediaRouter",
  // Screenshots and timings independent of the host's display scaling.
  "--force-device-scale-factor=1",
];

export interface Chromium {
  browser: Browser;
  close(): Promise<void>;
}

/** Launch headless Chromium (playwright gives it a fresh temporary profile); fails with the install hint when missing. */
export async function launchChromium(): Promise<Chromium> {
  const executablePath = findChromium();
  requireCjkFont();
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath, headless: true, args: FLAGS, timeout: 60_000 });
  } catch (e) {
    throw new Error(`${MISSING_CHROMIUM}\nChromium at ${executablePath} did not start: ${(e as Error).message}`);
  }
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}
