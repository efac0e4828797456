#!/usr/bin/env node
"use strict";
/**
 * `jixiao` executable: registers tsx's CommonJS hook and runs src/cli/main.ts, so the command works
 * straight after `npm ci` with no build step.
 */
const path = require("node:path");

try {
  const { register } = require("tsx/cjs/api");
  register();
  const { main } = require(path.join(__dirname, "..", "src", "cli", "main.ts"));
  main();
} catch (e) {
  process.stderr.write(`jixiao: 无法启动 (cannot start): ${String((e && e.message) || e).split("\n")[0]}\n`);
  process.exitCode = 2;
}
