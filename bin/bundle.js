"use strict";
/**
 * The command line runs from one esbuild bundle of src/cli/main.ts (dist/cli.js), rebuilt whenever a source
 * file is newer than it: no build step to remember, and the code V8 runs is plain output.
 *
 * Why not tsx alone: tsx always transforms with esbuild's keepNames, which wraps every function and class in a
 * `__name(…)` call that redefines its `name`; V8 then runs the engine's hot parsing loops about 2.5× slower
 * (measured: docs/performance.md). tsx stays the fallback when the bundle cannot be written (read-only install).
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const ENTRY = path.join(ROOT, "src", "cli", "main.ts");
const SOURCES = [path.join(ROOT, "src", "core"), path.join(ROOT, "src", "cli"), path.join(ROOT, "package.json"), __filename];

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function build(outfile) {
  const esbuild = require("esbuild");
  esbuild.buildSync({
    entryPoints: [ENTRY],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    logLevel: "silent",
  });
}

/** Path of an up-to-date bundle, or null when none can be had (then the caller falls back to tsx). */
function ensureBundle() {
  const newest = Math.max(...SOURCES.map(newestMtime));
  const candidates = [path.join(ROOT, "dist", "cli.js"), path.join(os.tmpdir(), `jixiao-cli-${process.getuid ? process.getuid() : "u"}`, "cli.js")];
  for (const out of candidates) {
    try {
      if (fs.statSync(out).mtimeMs >= newest) return out;
    } catch {
      // not built yet
    }
    try {
      fs.mkdirSync(path.dirname(out), { recursive: true });
      const tmp = `${out}.${process.pid}.tmp`;
      build(tmp);
      fs.renameSync(tmp, out);
      return out;
    } catch {
      // read-only or esbuild unavailable: try the next place
    }
  }
  return null;
}

module.exports = { ensureBundle, ENTRY };

// `node bin/bundle.js` (the package's prepare script) builds it ahead of time.
if (require.main === module) {
  const out = ensureBundle();
  if (!out) {
    process.stderr.write("jixiao: could not build dist/cli.js (esbuild); the command will run through tsx\n");
  }
}
