/**
 * scripts/audit.mjs (`npm run audit`, a step of .ci/run): the decision on `npm audit --omit=dev --json`.
 *
 * 1. Recorded outputs (tests/ci/npm-audit/, see its README.md), fed with --input: found critical (with a package
 *    affected through another), found high (with moderate and low beside it), only moderate and low, none, the
 *    advisory endpoint answering 405 Method Not Allowed (this machine's registry proxy), the endpoint unreachable
 *    (connection refused), no lock file; and outputs that are not npm audit's at all.
 * 2. The script running the real npm against a local advisory endpoint (a bounded HTTP server on 127.0.0.1 that
 *    answers the bulk advisory request and the package documents npm asks for): a high advisory fails, none
 *    passes, a closed port is NOT CHECKED; and what npm sent shows only production dependencies were asked about.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

jest.setTimeout(120_000);

const ROOT = join(__dirname, "..", "..");
const SCRIPT = join(ROOT, "scripts", "audit.mjs");
const RECORDED = join(__dirname, "npm-audit");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, as a person sees them. */
  all: string;
}

/** Run scripts/audit.mjs with `args` and extra environment; npm's own run-script variables are removed. */
function audit(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))) as NodeJS.ProcessEnv;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env: { ...base, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 100_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, all: `${stdout}${stderr}` });
    });
  });
}

const recorded = (name: string, withStderr = false) =>
  audit(["--input", join(RECORDED, `${name}.json`), ...(withStderr ? ["--stderr", join(RECORDED, `${name}.stderr.txt`)] : [])]);

let tmp = "";
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "jixiao-audit-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A variant of a recorded output, written to a temporary file. */
function variant(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

describe("recorded npm audit outputs", () => {
  it("fails on a critical advisory, listing the package, the advisory, where it is and that no fix exists, and the package affected through it", async () => {
    const r = await recorded("found-critical");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^npm audit: FAILED\. 2 packages with a high or critical advisory in the production dependencies \(291 packages\):/);
    expect(r.stderr).toContain("CRITICAL  jszip (affected versions: *)");
    expect(r.stderr).toContain("Prototype Pollution in JSZip [>=3.0.0 <=3.10.2] https://github.com/advisories/GHSA-jg8v-48h5-wgxg");
    expect(r.stderr).toContain("in node_modules/jszip");
    expect(r.stderr).toContain("HIGH  exceljs (affected versions: *), a direct dependency");
    expect(r.stderr).toContain("through jszip (listed separately)");
    expect(r.stderr).toContain("no fix available yet");
    expect(r.stderr).toContain("All: 1 critical, 1 high, 0 moderate, 0 low, 0 info.");
    // Critical first.
    expect(r.stderr.indexOf("CRITICAL  jszip")).toBeLessThan(r.stderr.indexOf("HIGH  exceljs"));
  });

  it("fails on a high advisory and lists the lower ones apart", async () => {
    const r = await recorded("found-high");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^npm audit: FAILED\. 1 package with a high or critical advisory/);
    expect(r.stderr).toContain("HIGH  jszip (affected versions: 3.10.2)");
    expect(r.stderr).toContain("fix: `npm audit fix`");
    const lower = r.stderr.slice(r.stderr.indexOf("Lower severities:"));
    expect(lower).toContain("moderate  brace-expansion");
    expect(lower).toContain("low  tmp");
    expect(r.stderr).not.toMatch(/MODERATE|LOW {2}tmp/);
  });

  it("passes with only moderate and low advisories, listing them", async () => {
    const r = await recorded("only-moderate");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/^npm audit: passed\. No high or critical advisory in the production dependencies \(291 packages\); 0 critical, 0 high, 1 moderate, 1 low, 0 info\./);
    expect(r.stdout).toContain("MODERATE  brace-expansion");
    expect(r.stdout).toContain("https://github.com/advisories/GHSA-v6h2-p8h4-qcjw");
    expect(r.stdout).toContain("LOW  tmp");
  });

  it("fails when the same moderate advisory is rated high: the decision is the severity, not npm's exit code", async () => {
    const text = readFileSync(join(RECORDED, "only-moderate.json"), "utf8").replace(/"severity": "moderate"/g, '"severity": "high"');
    const r = await audit(["--input", variant("rated-high.json", text)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("HIGH  brace-expansion");
  });

  it("passes with no advisory", async () => {
    const r = await recorded("none");
    expect(r.code).toBe(0);
    expect(r.all.trim()).toBe(
      "npm audit: passed. No high or critical advisory in the production dependencies (291 packages); 0 critical, 0 high, 0 moderate, 0 low, 0 info.",
    );
  });

  it("says NOT CHECKED, exactly why, and exits 0 when the registry answers the bulk endpoint with 405 Method Not Allowed", async () => {
    const r = await recorded("endpoint-405", true);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "warning: npm audit: NOT CHECKED. The advisory service could not be reached: the registry answered POST " +
        'https://registry.example.test/-/npm/v1/security/advisories/bulk with "405 Method Not Allowed" (it allows only GET, HEAD).\n' +
        "No advisory was checked, so this is not a pass. Run `npm run audit` where the registry's bulk advisory endpoint " +
        "(POST /-/npm/v1/security/advisories/bulk) can be reached.\n",
    );
    expect(r.all).not.toMatch(/passed/);
  });

  it("says NOT CHECKED and exits 0 when the advisory service cannot be reached at all", async () => {
    const r = await recorded("unreachable-econnrefused", true);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: npm audit: NOT CHECKED\. The advisory service could not be reached: request to http:\/\/127\.0\.0\.1:9\/-\/npm\/v1\/security\/advisories\/bulk failed, reason: connect ECONNREFUSED 127\.0\.0\.1:9\./);
    expect(r.all).not.toMatch(/passed/);
  });

  it("exits 2 with npm's reason when npm audit cannot run (no lock file)", async () => {
    const r = await recorded("no-lockfile", true);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("npm audit: ERROR. ENOLOCK: This command requires an existing lockfile.");
    expect(r.stderr).toContain("npm i --package-lock-only");
  });

  it.each([
    ["empty output", "", /npm audit printed nothing/],
    ["text that is not JSON", "npm ERR! something broke", /not JSON/],
    ["JSON that is not npm audit's", '{"hello": "world"}', /npm audit: ERROR\. \{"hello":"world"\}/],
  ])("exits 2 on %s, never passing", async (_name, text, message) => {
    const r = await audit(["--input", variant("odd.json", text)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.all).not.toMatch(/passed|NOT CHECKED/);
  });
});

// ---------------------------------------------------------------------------------------------
// The real npm against a local advisory endpoint
// ---------------------------------------------------------------------------------------------

const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version: string; dev?: boolean; dependencies?: Record<string, string> }>;
};
const JSZIP = lock.packages["node_modules/jszip"];

interface Endpoint {
  registry: string;
  /** The package names npm asked the bulk advisory endpoint about, per request. */
  asked: string[][];
  close(): Promise<void>;
}

/**
 * A registry that answers only what `npm audit` needs: the bulk advisory POST (one high advisory for the
 * installed jszip when `withAdvisory`) and the package document of jszip (its installed version and a fixed
 * one); 404 for anything else. Bounded: closed after the tests.
 */
async function advisoryEndpoint(withAdvisory: boolean): Promise<Endpoint> {
  const asked: string[][] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      if (req.method === "POST" && (req.url ?? "").startsWith("/-/npm/v1/security/advisories/bulk")) {
        let body = Buffer.concat(chunks);
        if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
        const names = Object.keys(JSON.parse(body.toString("utf8")) as Record<string, string[]>);
        asked.push(names);
        const advisories =
          withAdvisory && names.includes("jszip")
            ? {
                jszip: [
                  {
                    id: 900001,
                    url: "https://github.com/advisories/GHSA-test-only-0001",
                    title: "Test advisory for jszip",
                    severity: "high",
                    vulnerable_versions: `<=${JSZIP.version}`,
                    cwe: ["CWE-1321"],
                    cvss: { score: 7.5, vectorString: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H" },
                  },
                ],
              }
            : {};
        res.end(JSON.stringify(advisories));
        return;
      }
      if (req.method === "GET" && decodeURIComponent(req.url ?? "") === "/jszip") {
        const versions = [JSZIP.version, "999.0.0"];
        res.end(
          JSON.stringify({
            name: "jszip",
            "dist-tags": { latest: "999.0.0" },
            versions: Object.fromEntries(versions.map((v) => [v, { name: "jszip", version: v, dist: { tarball: `http://127.0.0.1/jszip-${v}.tgz` } }])),
          }),
        );
        return;
      }
      res.statusCode = 404;
      res.end("{}");
    });
  });
  server.maxConnections = 20;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  if (!addr || typeof addr === "string") throw new Error("no port");
  return {
    registry: `http://127.0.0.1:${addr.port}/`,
    asked,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** npm's settings for a run against `registry`: no retries, no cache of earlier answers. */
function npmEnv(registry: string): Record<string, string> {
  return { npm_config_registry: registry, npm_config_fetch_retries: "0", npm_config_cache: join(tmp, "npm-cache"), npm_config_update_notifier: "false" };
}

describe("the real npm audit, against a local advisory endpoint", () => {
  it("fails on a high advisory for an installed production package, having asked about production packages only", async () => {
    const endpoint = await advisoryEndpoint(true);
    try {
      const r = await audit([], npmEnv(endpoint.registry));
      expect({ code: r.code, out: r.all }).toMatchObject({ code: 1 });
      expect(r.stderr).toContain(`HIGH  jszip (affected versions: ${JSZIP.version})`);
      expect(r.stderr).toContain("Test advisory for jszip");
      expect(endpoint.asked).toHaveLength(1);
      const names = endpoint.asked[0];
      // --omit=dev: production packages only (exceljs, react…), none that only development needs (jest, webpack).
      expect(names).toEqual(expect.arrayContaining(["jszip", "exceljs", "react", "pinyin-pro"]));
      // A package is development-only when every copy of it in the lock file is marked dev.
      const hasProdCopy = new Map<string, boolean>();
      for (const [path, p] of Object.entries(lock.packages)) {
        const at = path.lastIndexOf("node_modules/");
        if (at < 0) continue;
        const name = path.slice(at + "node_modules/".length);
        hasProdCopy.set(name, (hasProdCopy.get(name) ?? false) || !p.dev);
      }
      const devOnly = [...hasProdCopy].filter(([, prod]) => !prod).map(([name]) => name);
      expect(devOnly.length).toBeGreaterThan(100);
      expect(names.filter((n) => devOnly.includes(n))).toEqual([]);
      expect(names).not.toContain("jest");
      expect(names).not.toContain("webpack");
    } finally {
      await endpoint.close();
    }
  });

  it("passes when the endpoint knows no advisory", async () => {
    const endpoint = await advisoryEndpoint(false);
    try {
      const r = await audit([], npmEnv(endpoint.registry));
      expect({ code: r.code, out: r.all }).toMatchObject({ code: 0 });
      expect(r.stdout).toMatch(/^npm audit: passed\. No high or critical advisory in the production dependencies \(\d+ packages\); 0 critical, 0 high, 0 moderate, 0 low, 0 info\./);
      expect(endpoint.asked).toHaveLength(1);
    } finally {
      await endpoint.close();
    }
  });

  it("says NOT CHECKED and exits 0 when nothing listens at the registry's address", async () => {
    const endpoint = await advisoryEndpoint(false);
    const registry = endpoint.registry;
    await endpoint.close(); // the port is free again: connections are refused
    const r = await audit([], npmEnv(registry));
    expect({ code: r.code, out: r.all }).toMatchObject({ code: 0 });
    expect(r.stderr).toContain("warning: npm audit: NOT CHECKED. The advisory service could not be reached: request to");
    expect(r.stderr).toContain("ECONNREFUSED");
    expect(r.all).not.toMatch(/passed/);
  });
});
