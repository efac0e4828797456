/** @jest-environment jsdom */
/**
 * The manifest asks for the least it needs (issue 6): the ReadWriteDocument permission and nothing that widens
 * it (no AppDomains, no single sign-on resource, no other origin), and every URL it holds, in the source manifest
 * and in the production manifest the build writes, is on the one origin the add-in is served from.
 *
 * Why ReadWriteDocument is the least that works. Office's levels for a task pane add-in ([MS-OWEMXML]
 * ST_Permissions1): Restricted (activation and the Settings object only), ReadDocument (get data),
 * ReadAllDocument (also a copy of the whole file), WriteDocument (set data, no reading), ReadWriteDocument (read
 * and write, "all write methods", bindings, and subscribing to events). The add-in
 * - reads the sheet (校验) and writes it: the highlights are conditional formats it adds and deletes (校验,
 *   清除标记), 插入指标 / 修复 / 撤销 write cell values and insert rows, 转换格式 adds a sheet — read and write
 *   together rule out ReadDocument, ReadAllDocument and WriteDocument;
 * - subscribes to events: WorksheetCollection.onSelectionChanged (the insert tab follows the selection) and
 *   onChanged (a result made stale by an edit is noticed), which only ReadWriteDocument allows;
 * - keeps its settings and change history in the document (Office.context.document.settings), allowed at
 *   every level.
 * It needs no copy of the whole file (Document.getFileAsync) and no other origin; the permission covers only
 * the open workbook.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEV_URL, toProductionManifest } from "../../scripts/manifest-url";

const ROOT = join(__dirname, "..", "..");
const source = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const PROD = "https://addins.example.gov.cn/jixiao/";
const APP_NS = "http://schemas.microsoft.com/office/appforoffice/1.1";
/** XML namespace names look like URLs but are never fetched. */
const isNamespaceAttr = (a: Attr) => a.name === "xmlns" || a.name.startsWith("xmlns:");

function parse(xml: string): Document {
  const doc = new DOMParser().parseFromString(xml, "application/xml");
  if (doc.getElementsByTagName("parsererror").length > 0) throw new Error("the manifest is not well-formed XML");
  return doc;
}

/**
 * Every URL-like value of the manifest's data: each attribute value and element text that holds
 * `scheme://` or starts with `//` (comments and namespace declarations aside), with where it was found.
 */
function urlsIn(doc: Document): { where: string; url: string }[] {
  const out: { where: string; url: string }[] = [];
  const scan = (where: string, value: string) => {
    for (const m of value.matchAll(/(?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"'<>]+/gi)) out.push({ where, url: m[0] });
  };
  for (const el of doc.getElementsByTagName("*")) {
    for (const a of el.attributes) if (!isNamespaceAttr(a)) scan(`<${el.localName} ${a.name}>`, a.value);
    for (const n of el.childNodes) if (n.nodeType === n.TEXT_NODE || n.nodeType === n.CDATA_SECTION_NODE) scan(`<${el.localName}> text`, n.textContent ?? "");
  }
  return out;
}

describe.each([
  ["the source manifest (dev server)", () => source, new URL(DEV_URL).origin],
  ["the production manifest (npm run build)", () => toProductionManifest(source, PROD), new URL(PROD).origin],
])("%s", (_name, xml, origin) => {
  const doc = parse(xml());

  it("asks for ReadWriteDocument, once", () => {
    const permissions = [...doc.getElementsByTagNameNS(APP_NS, "Permissions")];
    expect(permissions.map((p) => p.textContent?.trim())).toEqual(["ReadWriteDocument"]);
    // A direct child of OfficeApp, where the schema puts it (not inside VersionOverrides).
    expect(permissions[0].parentElement).toBe(doc.documentElement);
  });

  it("lists no AppDomains and asks for no single sign-on token or other extended permission", () => {
    expect(doc.getElementsByTagNameNS("*", "AppDomains")).toHaveLength(0);
    expect(doc.getElementsByTagNameNS("*", "AppDomain")).toHaveLength(0);
    for (const name of ["WebApplicationInfo", "ExtendedPermissions", "Scopes", "Authorization"]) {
      expect({ name, count: doc.getElementsByTagNameNS("*", name).length }).toEqual({ name, count: 0 });
    }
  });

  it("holds URLs on the add-in's one origin only, all https", () => {
    const urls = urlsIn(doc);
    // SourceLocation, icons, the help page, the function file and the task pane: a real list, not an empty one.
    expect(urls.length).toBeGreaterThan(10);
    const foreign = urls.filter(({ url }) => {
      try {
        return new URL(url).origin !== origin;
      } catch {
        return true; // a scheme-relative or malformed URL is not on the origin either
      }
    });
    expect(foreign).toEqual([]);
    for (const { url } of urls) expect(url.startsWith("https://")).toBe(true);
  });
});

describe("the URL scan itself", () => {
  it("finds a URL on another origin wherever it is put (attribute, text, AppDomain)", () => {
    const xml = source
      .replace("<Permissions>", "<AppDomains><AppDomain>https://evil.example.net</AppDomain></AppDomains><Permissions>")
      .replace('DefaultValue="https://localhost:3000/help.html"', 'DefaultValue="https://cdn.example.org/help.html"');
    const doc = parse(xml);
    const foreign = urlsIn(doc).filter(({ url }) => new URL(url).origin !== new URL(DEV_URL).origin).map((u) => u.url);
    expect(foreign).toEqual(expect.arrayContaining(["https://evil.example.net", "https://cdn.example.org/help.html"]));
    expect(doc.getElementsByTagNameNS("*", "AppDomains")).toHaveLength(1);
  });
});
