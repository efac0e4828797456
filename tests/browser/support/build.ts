/**
 * The production build of the add-in (`webpack --mode production`, exactly what `npm run build` runs), made once
 * for the browser tests and the pane benchmark, and the page script that injects the Excel fake.
 *
 * The build goes to `<tmp>/jixiao-pane-build-<hash>/`, where the hash covers every input of the build (src/,
 * webpack.config.js, the manifest, the icons, the lock file…): every browser test file of a jest run, and later
 * runs while the sources are unchanged, reuse it. A lock directory makes concurrent test workers wait for the one
 * that builds instead of building again. `JIXIAO_PANE_DIST=/path/to/dist/addin` uses an existing build instead.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

export const ROOT = join(__dirname, "..", "..", "..");
const WEBPACK_CLI = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
/** A build directory nobody has used for this long is deleted by the next build. */
const STALE_MS = 6 * 3600_000;
/** A lock older than this is taken to be left by a crashed build. */
const LOCK_STALE_MS = 10 * 60_000;
const PREFIX = "jixiao-pane-build-";
const COMPLETE = ".complete";

/** Files whose content decides the build's output. */
function buildInputs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(join(ROOT, "src"));
  walk(join(ROOT, "assets"));
  for (const f of ["webpack.config.js", "scripts/manifest-url.js", "manifest.xml", "package-lock.json", "tsconfig.json"]) {
    const p = join(ROOT, f);
    if (existsSync(p)) out.push(p);
  }
  return out.sort();
}

export function buildHash(): string {
  const h = createHash("sha256");
  for (const f of buildInputs()) {
    h.update(relative(ROOT, f));
    h.update("\0");
    h.update(readFileSync(f));
    h.update("\0");
  }
  return h.digest("hex").slice(0, 16);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function pruneStale(keep: string): void {
  const base = tmpdir();
  for (const name of readdirSync(base)) {
    if (!name.startsWith(PREFIX)) continue;
    const p = join(base, name);
    if (p === keep || p.startsWith(`${keep}.`)) continue;
    try {
      if (Date.now() - statSync(p).mtimeMs > STALE_MS) rmSync(p, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
}

function webpackBuild(outDir: string): void {
  const env: NodeJS.ProcessEnv = { ...process.env, JIXIAO_PUBLIC_URL: "https://addins.example.gov.cn/jixiao/" };
  delete env.JIXIAO_LOCAL_OFFICE_JS;
  delete env.JIXIAO_OUT_DIR;
  const r = spawnSync(process.execPath, [WEBPACK_CLI, "--mode", "production", "--env", `outDir=${outDir}`], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 400_000,
    maxBuffer: 64 << 20,
  });
  const log = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.status !== 0 || !existsSync(join(outDir, "taskpane.html"))) {
    throw new Error(`the production build failed (status ${r.status}${r.error ? `, ${r.error.message}` : ""}):\n${log.slice(-4000)}`);
  }
}

/**
 * The directory of a production build of the current sources (built now if needed; synchronous, so it can run
 * in a jest beforeAll or a script alike). Typically 30–60 s on this machine when it builds, instant otherwise.
 */
export function ensureProductionBuild(): string {
  const given = process.env.JIXIAO_PANE_DIST;
  if (given) {
    if (!existsSync(join(given, "taskpane.html"))) throw new Error(`JIXIAO_PANE_DIST=${given} holds no taskpane.html`);
    return given;
  }
  const dir = join(tmpdir(), `${PREFIX}${buildHash()}`);
  const lock = `${dir}.lock`;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (existsSync(join(dir, COMPLETE))) {
      const now = new Date();
      utimesSync(dir, now, now);
      return dir;
    }
    try {
      mkdirSync(lock);
    } catch {
      // Someone else is building: wait for them (or take over a lock left by a crashed build).
      try {
        if (Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      } catch {
        // The lock went away meanwhile.
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build in ${dir} (lock ${lock})`);
      sleep(500);
      continue;
    }
    try {
      if (existsSync(join(dir, COMPLETE))) continue;
      pruneStale(dir);
      const work = `${dir}.tmp-${process.pid}`;
      rmSync(work, { recursive: true, force: true });
      webpackBuild(work);
      writeFileSync(join(work, COMPLETE), new Date().toISOString());
      rmSync(dir, { recursive: true, force: true });
      renameSync(work, dir);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

let fakeScript: Promise<string> | null = null;

/** The page script that installs the Excel fake (tests/browser/support/fake-page.ts), bundled for the browser. */
export function fakePageScript(): Promise<string> {
  fakeScript ??= (async () => {
    const { build } = await import("esbuild");
    const r = await build({
      entryPoints: [join(__dirname, "fake-page.ts")],
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: "es2020",
      logLevel: "silent",
    });
    return r.outputFiles[0].text;
  })();
  return fakeScript;
}
