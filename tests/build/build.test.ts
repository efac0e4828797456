/**
 * The real production build (`webpack --mode production`, as `npm run build` runs it) into a temporary folder,
 * offline and without certificates: the pages, bundles, icons and the production manifest it emits. Then the
 * self-hosted office.js option, built for the commands page alone (the same config, fewer entries) to keep the
 * test short. Needs src/taskpane/index.tsx and src/excel/adapter.ts.
 *
 * Issue 6: every page carries the one Content-Security-Policy webpack.config.js builds (the self-hosted build's
 * allows nothing external), and no emitted script turns a string into code (eval, new Function, string timers),
 * webpack's own runtime included (a module using Node's `global` is built with and without the setting that
 * keeps webpack's `new Function("return this")` out).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toProductionManifest } from "../../scripts/manifest-url";

jest.setTimeout(300_000);

const ROOT = join(__dirname, "..", "..");
const WEBPACK_CLI = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
const CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const PROD = "https://addins.example.gov.cn/jixiao/";
const PAGES = ["taskpane", "commands", "dialog"] as const;

let out = "";
let local = "";
let log = "";
let probe = "";
let ownPolicyLog = "";

/** Environment for the child builds: no inherited production URL or office.js option, no network needed. */
function buildEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  for (const k of ["JIXIAO_PUBLIC_URL", "JIXIAO_LOCAL_OFFICE_JS", "JIXIAO_OUT_DIR"]) if (!(k in extra)) delete env[k];
  return env;
}

function run(args: string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8", timeout: 280_000, maxBuffer: 64 << 20 });
  const text = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.status !== 0) throw new Error(`build failed (status ${r.status}${r.error ? `, ${r.error.message}` : ""}):\n${text.slice(-4000)}`);
  return text;
}

/** Script src attributes of an emitted (minified) page, in order. */
function scripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/g)].map((m) => m[1]);
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), "utf8");

// The Content-Security-Policy is built in webpack.config.js only (CommonJS, run by Node).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { contentSecurityPolicy } = require("../../webpack.config.js") as {
  contentSecurityPolicy(options?: { localOfficeJs?: boolean; devServerPort?: number | null }): string;
};

/** The Content-Security-Policy <meta> tags of an emitted (minified) page: their content and their offsets. */
function policies(html: string): { content: string; at: number }[] {
  return [...html.matchAll(/<meta\b[^>]*http-equiv=["']?Content-Security-Policy["'\s>][^>]*>/gi)].map((m) => ({
    content: (/\bcontent="([^"]*)"/.exec(m[0])?.[1] ?? "").replace(/&#39;/g, "'"),
    at: m.index,
  }));
}

/** The directives of a policy: name → its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0] !== "")
      .map(([name, ...sources]) => [name, sources]),
  );
}

/**
 * Code in an emitted script that turns a string into code: eval, new Function / Function(…), string timers.
 * Each hit with 40 characters around it.
 */
function stringToCode(js: string): string[] {
  const patterns = [/\beval\s*\(/g, /\bnew\s+Function\b/g, /(?<![\w$])Function\s*\(/g, /\bset(?:Timeout|Interval)\s*\(\s*["'`]/g, /\bexecScript\b/g];
  return patterns.flatMap((re) => [...js.matchAll(re)].map((m) => js.slice(Math.max(0, m.index - 40), m.index + 40)));
}

/** Spawn Node on a script that compiles `entry` with webpack.config.js's production settings (only its entry and output replaced). */
function compileProbe(outDir: string, globalThisOption: boolean | "config"): void {
  const script = `
    const fs = require("fs");
    const path = require("path");
    const webpack = require("webpack");
    const [outDir, globalThisOption] = process.argv.slice(1);
    fs.writeFileSync(path.join(outDir, "entry.js"), "module.exports = typeof global.document;\\n");
    require("./webpack.config.js")({ WEBPACK_BUILD: true, outDir }, { mode: "production" }).then((config) => {
      config.entry = { probe: path.join(outDir, "entry.js") };
      config.plugins = [];
      config.devtool = false;
      config.output.clean = false;
      if (globalThisOption !== "config") config.output.environment = { ...config.output.environment, globalThis: globalThisOption === "true" };
      webpack(config, (err, stats) => {
        if (err || stats.hasErrors()) { console.error(err || stats.toString("errors-only")); process.exit(1); }
      });
    }, (err) => { console.error(err); process.exit(1); });`;
  run(["-e", script, outDir, String(globalThisOption)], buildEnv({}));
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), "jixiao-build-"));
  log = run([WEBPACK_CLI, "--mode", "production", "--env", `outDir=${out}`], buildEnv({ JIXIAO_PUBLIC_URL: PROD }));

  local = mkdtempSync(join(tmpdir(), "jixiao-build-local-"));
  const script = `
    const webpack = require("webpack");
    const HtmlWebpackPlugin = require("html-webpack-plugin");
    require("./webpack.config.js")({ WEBPACK_BUILD: true, localOfficeJs: true, outDir: process.argv[1] }, { mode: "production" })
      .then((config) => {
        config.entry = { commands: config.entry.commands };
        config.plugins = config.plugins.filter(
          (p) => !(p instanceof HtmlWebpackPlugin) || p.userOptions.filename === "commands.html");
        webpack(config, (err, stats) => {
          if (err || stats.hasErrors()) { console.error(err || stats.toString("errors-only")); process.exit(1); }
        });
      }, (err) => { console.error(err); process.exit(1); });`;
  run(["-e", script, local], buildEnv({}));

  // A module that uses Node's `global`, built with the add-in's settings and with globalThis turned off.
  probe = mkdtempSync(join(tmpdir(), "jixiao-build-global-"));
  mkdirSync(join(probe, "config"));
  mkdirSync(join(probe, "off"));
  compileProbe(join(probe, "config"), "config");
  compileProbe(join(probe, "off"), false);

  // A page template that brings a policy of its own: the build must refuse it.
  mkdirSync(join(probe, "own-policy"));
  const own = `
    const fs = require("fs");
    const path = require("path");
    const webpack = require("webpack");
    const HtmlWebpackPlugin = require("html-webpack-plugin");
    const outDir = process.argv[1];
    fs.writeFileSync(path.join(outDir, "entry.js"), "document.title = 'x';\\n");
    fs.writeFileSync(path.join(outDir, "page.html"),
      '<!doctype html><html><head><meta charset="UTF-8" /><meta http-equiv="Content-Security-Policy" content="default-src *" /></head><body></body></html>');
    require("./webpack.config.js")({ WEBPACK_BUILD: true, outDir }, { mode: "production" }).then((config) => {
      config.entry = { page: path.join(outDir, "entry.js") };
      const csp = config.plugins.find((p) => p.constructor.name === "ContentSecurityPolicyPlugin");
      config.plugins = [new HtmlWebpackPlugin({ filename: "page.html", template: path.join(outDir, "page.html") }), csp];
      config.devtool = false;
      config.output.clean = false;
      webpack(config, (err, stats) => {
        if (err || stats.hasErrors()) { console.error(err || stats.toString("errors-only")); process.exit(3); }
        process.exit(0);
      });
    }, (err) => { console.error(err); process.exit(1); });`;
  const r = spawnSync(process.execPath, ["-e", own, join(probe, "own-policy")], { cwd: ROOT, env: buildEnv({}), encoding: "utf8", timeout: 120_000 });
  ownPolicyLog = `status ${r.status}\n${r.stdout}${r.stderr}`;
});

afterAll(() => {
  for (const dir of [out, local, probe]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("npm run build (production)", () => {
  it("compiles without errors or warnings", () => {
    expect(log).toMatch(/compiled successfully/);
    expect(log).not.toMatch(/WARNING in|ERROR in/);
  });

  it("emits the pages, their bundles, the help page, the icons and the manifest", () => {
    for (const p of PAGES) {
      expect(existsSync(join(out, `${p}.html`))).toBe(true);
      expect(existsSync(join(out, `${p}.js`))).toBe(true);
    }
    expect(existsSync(join(out, "help.html"))).toBe(true);
    expect(existsSync(join(out, "manifest.xml"))).toBe(true);
    const icons = readdirSync(join(out, "assets")).filter((f) => f.endsWith(".png")).sort();
    expect(icons).toEqual(readdirSync(join(ROOT, "assets")).filter((f) => f.endsWith(".png")).sort());
    for (const f of icons) expect(readFileSync(join(out, "assets", f))).toEqual(readFileSync(join(ROOT, "assets", f)));
    expect(existsSync(join(out, "office-js"))).toBe(false);
  });

  it("loads office.js from Microsoft's CDN before each page's own bundle, and only that bundle", () => {
    for (const p of PAGES) {
      expect({ page: p, scripts: scripts(read(out, `${p}.html`)) }).toEqual({ page: p, scripts: [CDN, `${p}.js`] });
    }
    expect(scripts(read(out, "help.html"))).toEqual([]);
  });

  it("writes a manifest with no localhost, every URL on the production address and served by the build", () => {
    const emitted = read(out, "manifest.xml");
    expect(emitted).not.toMatch(/localhost/i);
    expect(emitted).toBe(toProductionManifest(read(ROOT, "manifest.xml"), PROD));
    const urls = [...emitted.matchAll(/(?:DefaultValue|Value)="(https:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) {
      expect(u.startsWith(PROD)).toBe(true);
      expect({ url: u, emitted: existsSync(join(out, u.slice(PROD.length))) }).toEqual({ url: u, emitted: true });
    }
  });
});

describe("the Content-Security-Policy of every page (issue 6)", () => {
  const ALL_PAGES = [...PAGES, "help"];

  it("is written once into every page, first after the charset and before any script, style or link", () => {
    const policy = contentSecurityPolicy();
    for (const p of ALL_PAGES) {
      const html = read(out, `${p}.html`);
      const found = policies(html);
      expect({ page: p, policies: found.map((f) => f.content) }).toEqual({ page: p, policies: [policy] });
      expect(html.slice(0, found[0].at)).toMatch(/^<!doctype html><html[^>]*><head><meta charset="?UTF-8"?>$/i);
      const first = html.search(/<(script|style|link)\b/i);
      expect(first === -1 || first > found[0].at).toBe(true);
    }
  });

  it("allows no inline or evaluated script and no origin but the add-in's and office.js's CDN folder", () => {
    const policy = contentSecurityPolicy();
    const d = directives(policy);
    expect(d.get("default-src")).toEqual(["'none'"]);
    expect(d.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com/lib/1/hosted/"]);
    expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get("img-src")).toEqual(["'self'"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    expect(d.get("frame-src")).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/"]);
    for (const name of ["object-src", "base-uri", "form-action"]) expect({ name, sources: d.get(name) }).toEqual({ name, sources: ["'none'"] });
    expect(policy).not.toMatch(/unsafe-eval|unsafe-hashes|wasm-unsafe-eval|strict-dynamic|\*|\bhttps?:(?!\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/)/);
    // office.js itself is allowed by it: the pages' script comes from that folder.
    expect(CDN.startsWith(d.get("script-src")![1])).toBe(true);
  });

  it("in the self-hosted office.js build allows that local copy and nothing external", () => {
    const html = read(local, "commands.html");
    const found = policies(html);
    expect(found.map((f) => f.content)).toEqual([contentSecurityPolicy({ localOfficeJs: true })]);
    const d = directives(found[0].content);
    expect(d.get("script-src")).toEqual(["'self'"]);
    expect(d.get("frame-src")).toEqual(["'self'"]);
    expect(found[0].content).not.toMatch(/https?:|wss?:/);
    // office-js/office.js is on the page's own origin.
    expect(scripts(html)[0]).toBe("office-js/office.js");
  });

  it("is the only one: a page template with a policy of its own fails the build", () => {
    expect(ownPolicyLog).toMatch(/^status 3\n/);
    // webpack wraps the message's lines: compare with the white space folded.
    expect(ownPolicyLog.replace(/\s+/g, " ")).toContain("page.html has a Content-Security-Policy of its own; the policy comes from webpack.config.js only");
  });

  it("adds only the dev server's hot-reload websocket when serving (npm run dev-server)", () => {
    const dev = directives(contentSecurityPolicy({ devServerPort: 3000 }));
    const prod = directives(contentSecurityPolicy());
    expect(dev.get("connect-src")).toEqual(["'self'", "wss://localhost:3000"]);
    expect(new Map([...dev].filter(([k]) => k !== "connect-src"))).toEqual(new Map([...prod].filter(([k]) => k !== "connect-src")));
  });
});

describe("no string becomes code (issue 6)", () => {
  it("the production bundles hold no eval, new Function, Function(…) or string timer", () => {
    const bundles = readdirSync(out).filter((f) => f.endsWith(".js"));
    expect(bundles).toEqual(expect.arrayContaining(["taskpane.js", "commands.js", "dialog.js"]));
    expect(bundles.length).toBeGreaterThan(3); // the lazily loaded chunk(s) too (pinyin)
    for (const f of bundles) expect({ file: f, hits: stringToCode(read(out, f)) }).toEqual({ file: f, hits: [] });
  });

  it("the pages hold no inline script and no inline event handler", () => {
    for (const p of [...PAGES, "help"]) {
      const html = read(out, `${p}.html`);
      expect({ page: p, inline: [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>/gi)].map((m) => m[0]) }).toEqual({ page: p, inline: [] });
      expect({ page: p, handlers: html.match(/<[^>]+\son[a-z]+\s*=/gi) ?? [] }).toEqual({ page: p, handlers: [] });
    }
  });

  it("webpack reaches the global object through globalThis, not new Function(\"return this\"), because the config says so", () => {
    const withConfig = read(join(probe, "config"), "probe.js");
    const withoutGlobalThis = read(join(probe, "off"), "probe.js");
    // The same module built with globalThis off gets webpack's Function-based fallback: the setting is what prevents it.
    expect(stringToCode(withoutGlobalThis).join(" ")).toMatch(/Function\s*\(\s*["']return this["']\s*\)/);
    expect(stringToCode(withConfig)).toEqual([]);
    expect(withConfig).toContain("globalThis");
  });
});

describe("the self-hosted office.js option", () => {
  it("copies office.js with the files it loads and points the pages at the copy", () => {
    expect(scripts(read(local, "commands.html"))).toEqual(["office-js/office.js", "commands.js"]);
    const copied = readFileSync(join(local, "office-js", "office.js"));
    expect(copied).toEqual(readFileSync(join(ROOT, "node_modules", "@microsoft", "office-js", "dist", "office.js")));
    // The host files and locale strings office.js fetches next to itself, without the *.debug.js twins.
    const files = readdirSync(join(local, "office-js"));
    expect(files).toEqual(expect.arrayContaining(["excel-win32-16.01.js", "excel-web-16.00.js", "excel-mac-16.00.js", "zh-cn", "en-us"]));
    expect(files.filter((f) => f.endsWith(".debug.js"))).toEqual([]);
    expect(existsSync(join(local, "office-js", "zh-cn", "office_strings.js"))).toBe(true);
  });
});
