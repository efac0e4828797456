/**
 * The production manifest: the transform webpack.config.js applies to manifest.xml (scripts/manifest-url.js)
 * leaves no localhost, points every URL at the production address and still validates against the XSD.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEV_URL, PLACEHOLDER_URL, normalizePublicUrl, toProductionManifest } from "../../scripts/manifest-url";

const ROOT = join(__dirname, "..", "..");
const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const XSD = join(ROOT, "..", "shared", "manifest-xsd", "OfficeAppManifestV1_1.xsd");
const canValidate = spawnSync("xmllint", ["--version"]).status === 0 && existsSync(XSD);
if (!canValidate) console.warn("production manifest XSD check SKIPPED: needs xmllint and ../shared/manifest-xsd");

function urlsOf(xml: string): string[] {
  return [...xml.matchAll(/(?:DefaultValue|Value)="(\w+:\/\/[^"]+)"/g)].map((m) => m[1]);
}

function validate(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-manifest-"));
  try {
    const file = join(dir, "manifest.xml");
    writeFileSync(file, xml);
    return execFileSync("xmllint", ["--noout", "--schema", XSD, file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("toProductionManifest", () => {
  const PROD = "https://addins.example.gov.cn/jixiao";

  it("rewrites every dev URL to the production address and leaves no localhost", () => {
    const out = toProductionManifest(manifest, PROD);
    expect(out).not.toMatch(/localhost/i);
    const before = urlsOf(manifest);
    const after = urlsOf(out);
    expect(after).toHaveLength(before.length);
    after.forEach((u, i) => expect(u).toBe(`${PROD}/${before[i].slice(DEV_URL.length)}`));
    // Nothing else changed.
    expect(out.split(`${PROD}/`).join(DEV_URL)).toBe(manifest);
  });

  (canValidate ? it : it.skip)("still validates against the offline schema, with the default placeholder too", () => {
    expect(validate(toProductionManifest(manifest, PROD))).toBe("");
    expect(validate(toProductionManifest(manifest, PLACEHOLDER_URL))).toBe("");
    // A URL with characters XML escapes stays a valid document.
    const odd = toProductionManifest(manifest, "https://intranet.example.com/a&b/");
    expect(odd).toContain("https://intranet.example.com/a&amp;b/taskpane.html");
    expect(validate(odd)).toBe("");
  });

  it("refuses a manifest that would still mention localhost", () => {
    const stray = manifest.replace("https://localhost:3000/help.html", "https://localhost:3001/help.html");
    expect(() => toProductionManifest(stray, PROD)).toThrow(/still mentions localhost.*3001/);
  });

  it("uses a reserved example domain as the documented placeholder", () => {
    expect(PLACEHOLDER_URL).toBe("https://jixiao.example.com/");
  });
});

describe("normalizePublicUrl", () => {
  it("adds the trailing slash and keeps a path", () => {
    expect(normalizePublicUrl("https://addins.example.gov.cn")).toBe("https://addins.example.gov.cn/");
    expect(normalizePublicUrl(" https://addins.example.gov.cn/jixiao ")).toBe("https://addins.example.gov.cn/jixiao/");
    expect(normalizePublicUrl("https://addins.example.gov.cn:8443/a/b/")).toBe("https://addins.example.gov.cn:8443/a/b/");
  });

  it.each([
    ["http://addins.example.gov.cn/", /must use https/],
    ["addins.example.gov.cn/jixiao", /not an absolute URL/],
    ["", /not an absolute URL/],
    ["https://addins.example.gov.cn/?v=1", /query string or fragment/],
    ["https://addins.example.gov.cn/#x", /query string or fragment/],
    ["https://localhost:3000/", /points at this machine/],
    ["https://127.0.0.1/", /points at this machine/],
  ])("rejects %j", (url, message) => {
    expect(() => normalizePublicUrl(url)).toThrow(message);
  });
});
