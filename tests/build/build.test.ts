/**
 * The real production build (`webpack --mode production`, as `npm run build` runs it) into a temporary folder,
 * offline and without certificates: the pages, bundles, icons and the production manifest it emits. Then the
 * self-hosted office.js option, built for the commands page alone (the same config, fewer entries) to keep the
 * test short. Needs src/taskpane/index.tsx and src/excel/adapter.ts.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
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
});

afterAll(() => {
  for (const dir of [out, local]) if (dir) rmSync(dir, { recursive: true, force: true });
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
