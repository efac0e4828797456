#!/usr/bin/env node
"use strict";
/**
 * `jixiao` executable: runs src/cli/main.ts from an esbuild bundle that bin/bundle.js keeps up to date (falling
 * back to tsx's on-the-fly transform), so the command works straight after `npm ci` with no build step.
 *
 * A check builds one object per indicator part and keeps them all until the report is written; with V8's
 * default young generation (16 MB semi-spaces) most of that time goes to copying survivors. A batch tool is
 * better served by a larger young generation, which can only be set when the process starts, so the command
 * re-runs itself once with `--max-semi-space-size` (see docs/performance.md for the measured effect).
 * Set JIXIAO_NO_REEXEC=1 to run with Node's defaults.
 */
const SEMI_SPACE_FLAG = "--max-semi-space-size=";
const SEMI_SPACE_MB = 64;

function tunedAlready() {
  const opts = `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS || ""}`;
  return opts.includes(SEMI_SPACE_FLAG) || process.env.JIXIAO_NO_REEXEC === "1";
}

if (!tunedAlready()) {
  const { spawnSync } = require("node:child_process");
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, `${SEMI_SPACE_FLAG}${SEMI_SPACE_MB}`, __filename, ...process.argv.slice(2)],
    { stdio: "inherit" },
  );
  if (r.error) {
    process.stderr.write(`jixiao: 无法启动 (cannot start): ${r.error.message}\n`);
    process.exit(2);
  }
  process.exit(r.status === null ? 2 : r.status);
}

try {
  const { ensureBundle, ENTRY } = require("./bundle");
  const bundle = ensureBundle();
  if (!bundle) require("tsx/cjs/api").register();
  const { main } = require(bundle || ENTRY);
  main();
} catch (e) {
  process.stderr.write(`jixiao: 无法启动 (cannot start): ${String((e && e.message) || e).split("\n")[0]}\n`);
  process.exitCode = 2;
}
