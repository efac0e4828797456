#!/usr/bin/env node
/**
 * `npm run audit` and .ci/run: `npm audit --omit=dev --json` over the production dependencies, turned into a
 * decision CI can act on.
 *
 *   exit 0  no high or critical advisory (lower ones are listed as information);
 *   exit 1  one or more high or critical advisories: each vulnerable package is listed with its installed range,
 *           where it is, the advisories (title and link) and whether `npm audit fix` can fix it;
 *   exit 0  with a warning that says "NOT CHECKED" when the advisory service could not be reached: a network
 *           error, or the registry answering the bulk advisory endpoint with an HTTP error (a proxy that lets only
 *           GET and HEAD through answers the endpoint's POST with "405 Method Not Allowed"). Nothing was checked
 *           then, and the script says so in those words; it never reports that as a pass;
 *   exit 2  npm audit could not run, or said something this script does not recognise (no lock file, no npm,
 *           output that is not npm audit's JSON): fix that first.
 *
 * Options (the tests use them):
 *   --input <file>    decide from a recorded `npm audit --omit=dev --json` output instead of running npm
 *   --stderr <file>   with --input: the recorded run's stderr (npm's warnings), used for its wording only
 * npm's own settings apply as usual (e.g. npm_config_registry, npm_config_fetch_retries).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SERIOUS = ["critical", "high"];
const ALL_LEVELS = ["critical", "high", "moderate", "low", "info"];
/** Error codes of a request that never got an answer. */
const NETWORK_CODES = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "ESOCKETTIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "EPROTO",
  "ERR_SOCKET_TIMEOUT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "CERT_HAS_EXPIRED",
]);

/** One line about what `npm audit fix` can do for a vulnerability. */
function fixText(fix) {
  if (fix === true) return "fix: `npm audit fix`";
  if (fix && typeof fix === "object") {
    const breaking = fix.isSemVerMajor ? ", a breaking change" : "";
    return `fix: \`npm audit fix --force\` (installs ${fix.name}@${fix.version}${breaking})`;
  }
  return "no fix available yet";
}

/** The lines that describe one vulnerable package of an npm 7+ report (auditReportVersion 2). */
function describe(v) {
  const lines = [
    `  ${String(v.severity).toUpperCase()}  ${v.name}${v.range ? ` (affected versions: ${v.range})` : ""}${v.isDirect ? ", a direct dependency" : ""}`,
  ];
  for (const via of v.via ?? []) {
    if (typeof via === "string") lines.push(`      through ${via} (listed separately)`);
    else lines.push(`      ${via.title ?? "advisory"}${via.range ? ` [${via.range}]` : ""}${via.url ? ` ${via.url}` : ""}`);
  }
  if (v.nodes?.length) lines.push(`      in ${v.nodes.join(", ")}`);
  lines.push(`      ${fixText(v.fixAvailable)}`);
  return lines;
}

function countsLine(counts) {
  return ALL_LEVELS.map((l) => `${counts[l] ?? 0} ${l}`).join(", ");
}

/** The decision on an npm audit report (npm 7+: auditReportVersion 2; npm 6: advisories). */
function decideReport(report) {
  let vulns;
  if (report.vulnerabilities && typeof report.vulnerabilities === "object") {
    vulns = Object.values(report.vulnerabilities);
  } else {
    // npm 6 (auditReportVersion 1): one entry per advisory.
    vulns = Object.values(report.advisories ?? {}).map((a) => ({
      name: a.module_name,
      severity: a.severity,
      range: a.vulnerable_versions,
      via: [{ title: a.title, url: a.url }],
      nodes: (a.findings ?? []).flatMap((f) => f.paths ?? []),
      fixAvailable: a.patched_versions && a.patched_versions !== "<0.0.0" ? true : false,
    }));
  }
  const counts = report.metadata?.vulnerabilities ?? Object.fromEntries(ALL_LEVELS.map((l) => [l, vulns.filter((v) => v.severity === l).length]));
  const bySeverity = (a, b) => ALL_LEVELS.indexOf(a.severity) - ALL_LEVELS.indexOf(b.severity) || String(a.name).localeCompare(String(b.name));
  const serious = vulns.filter((v) => SERIOUS.includes(v.severity)).sort(bySeverity);
  const minor = vulns.filter((v) => !SERIOUS.includes(v.severity)).sort(bySeverity);
  const prod = report.metadata?.dependencies?.prod;
  const scope = `production dependencies${typeof prod === "number" ? ` (${prod} packages)` : ""}`;
  if (serious.length > 0) {
    return {
      status: "found",
      exitCode: 1,
      lines: [
        `npm audit: FAILED. ${serious.length} package${serious.length === 1 ? "" : "s"} with a high or critical advisory in the ${scope}:`,
        ...serious.flatMap(describe),
        ...(minor.length ? ["Lower severities:", ...minor.map((v) => `  ${v.severity}  ${v.name}${v.range ? ` (affected versions: ${v.range})` : ""}`)] : []),
        `All: ${countsLine(counts)}.`,
        "Update or replace these packages (npm audit fix, or a newer version in package.json), then run `npm run audit` again.",
      ],
    };
  }
  return {
    status: "clean",
    exitCode: 0,
    lines: [
      `npm audit: passed. No high or critical advisory in the ${scope}; ${countsLine(counts)}.`,
      ...minor.flatMap(describe),
    ],
  };
}

/** npm's JSON when the audit request failed: the endpoint's HTTP error, or a request that got no answer. */
function unreachable(out, stderr) {
  const message = typeof out.message === "string" ? out.message : "";
  const code = out.code ?? out.error?.code;
  const said = /audit endpoint returned an error/.test(stderr);
  let what = null;
  if (typeof out.statusCode === "number") {
    const status = /^\s*(\d{3}\s+[^-]+?)\s+-\s/.exec(message)?.[1] ?? String(out.statusCode);
    const allow = out.headers?.allow ? [].concat(out.headers.allow).join(", ") : "";
    what =
      `the registry answered ${out.method ?? "POST"} ${out.uri ?? "its bulk advisory endpoint"} with "${status}"` +
      (allow ? ` (it allows only ${allow.replace(/\s*,\s*/g, ", ")})` : "");
  } else if (/request to \S+ failed, reason: /.test(message) || NETWORK_CODES.has(code)) {
    what = message || `the request failed (${code})`;
  } else if (said && message) {
    what = message;
  }
  if (!what) return null;
  return {
    status: "unreachable",
    exitCode: 0,
    lines: [
      `npm audit: NOT CHECKED. The advisory service could not be reached: ${what}.`,
      "No advisory was checked, so this is not a pass. Run `npm run audit` where the registry's bulk advisory endpoint " +
        "(POST /-/npm/v1/security/advisories/bulk) can be reached.",
    ],
  };
}

/**
 * The decision on one run of `npm audit --omit=dev --json`: its stdout (JSON) and stderr.
 * Returns { status: "clean" | "found" | "unreachable" | "error", exitCode, lines }.
 */
export function decide(stdout, stderr = "") {
  const text = String(stdout ?? "").trim();
  const tail = String(stderr ?? "").trim().split("\n").slice(-5).join("\n");
  if (text === "") {
    return { status: "error", exitCode: 2, lines: ["npm audit: ERROR. npm audit printed nothing.", ...(tail ? [tail] : [])] };
  }
  let out;
  try {
    out = JSON.parse(text);
  } catch (e) {
    return {
      status: "error",
      exitCode: 2,
      lines: [`npm audit: ERROR. Its output is not JSON (${e.message}): ${text.slice(0, 200)}`, ...(tail ? [tail] : [])],
    };
  }
  if (out && typeof out === "object" && (out.auditReportVersion !== undefined || out.vulnerabilities || out.advisories)) {
    return decideReport(out);
  }
  if (out && typeof out === "object") {
    const u = unreachable(out, String(stderr ?? ""));
    if (u) return u;
    const err = out.error ?? {};
    const summary = [err.code, err.summary || out.message].filter(Boolean).join(": ") || JSON.stringify(out).slice(0, 200);
    return {
      status: "error",
      exitCode: 2,
      lines: [`npm audit: ERROR. ${summary}`, ...(err.detail ? [String(err.detail)] : [])],
    };
  }
  return { status: "error", exitCode: 2, lines: [`npm audit: ERROR. Unexpected output: ${text.slice(0, 200)}`] };
}

/** Run npm audit on the production dependencies: { stdout, stderr } or { error }. */
function runNpmAudit() {
  const args = ["audit", "--omit=dev", "--json"];
  // Under `npm run`, npm_execpath is npm's own CLI script (npm-cli.js): use the same npm. (Under npx it is
  // npx-cli.js, which would run a package named "audit": plain `npm` then.)
  const execPath = process.env.npm_execpath;
  const [cmd, cmdArgs] = execPath && /^npm-cli\.[cm]?js$/.test(basename(execPath)) ? [process.execPath, [execPath, ...args]] : ["npm", args];
  const r = spawnSync(cmd, cmdArgs, {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 << 20,
    timeout: 3 * 60_000,
    shell: process.platform === "win32" && cmd === "npm",
  });
  if (r.error && /ETIMEDOUT/.test(String(r.error.code ?? r.error.message))) {
    return { timedOut: `npm audit gave no answer in 3 minutes (${r.error.message})` };
  }
  if (r.error) return { error: `could not run ${cmd} ${cmdArgs.join(" ")}: ${r.error.message}` };
  return { stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

function option(argv, name) {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith("--")) throw new Error(`${name} needs a file name`);
  return v;
}

function main(argv) {
  let run;
  try {
    const input = option(argv, "--input");
    const stderrFile = option(argv, "--stderr");
    run = input ? { stdout: readFileSync(input, "utf8"), stderr: stderrFile ? readFileSync(stderrFile, "utf8") : "" } : runNpmAudit();
  } catch (e) {
    run = { error: e.message };
  }
  const decision = run.timedOut
    ? { status: "unreachable", exitCode: 0, lines: [`npm audit: NOT CHECKED. ${run.timedOut}; no advisory was checked, so this is not a pass.`] }
    : run.error
      ? { status: "error", exitCode: 2, lines: [`npm audit: ERROR. ${run.error}`] }
      : decide(run.stdout, run.stderr);
  const text = decision.lines.join("\n");
  if (decision.status === "clean") console.log(text);
  else if (decision.status === "unreachable") console.warn(`warning: ${text}`);
  else console.error(text);
  return decision.exitCode;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
