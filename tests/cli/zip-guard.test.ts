/**
 * The zip guard on zips made here byte by byte (scripts/build-fixtures.ts's writer): central directory parsing
 * (ZIP64 too), every refusal with its kind and the entry it names, declared sizes never trusted, the cell/row/merge
 * count across chunk boundaries, and memory that stays flat while a gigabyte is inflated.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import {
  DEFAULT_MAX_UNZIPPED_BYTES,
  SheetScanner,
  ZipRefusal,
  bufferReader,
  formatBytes,
  guardZip,
  mergedArea,
  readCentralDirectory,
  type ZipLimits,
} from "../../src/cli/zip-guard";
import { makeZip, repeatDeflate, type ZipItem } from "../../scripts/build-fixtures";
import { removeDir, tempDir } from "./cli-helpers";

let dir: string;
beforeAll(() => {
  dir = tempDir("jixiao-zip-guard-");
});
afterAll(() => removeDir(dir));

const LIMITS: ZipLimits = { maxUnzippedBytes: DEFAULT_MAX_UNZIPPED_BYTES, maxEntries: 10_000, maxCells: 2_000_000 };
let n = 0;
function write(buf: Buffer): string {
  const file = path.join(dir, `z${++n}.zip`);
  fs.writeFileSync(file, buf);
  return file;
}

async function refusal(file: string, limits: Partial<ZipLimits> = {}): Promise<ZipRefusal> {
  try {
    await guardZip(file, { ...LIMITS, ...limits });
  } catch (e) {
    if (e instanceof ZipRefusal) return e;
    throw e;
  }
  throw new Error("not refused");
}

const SHEET = (rows: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="2"/></cols><sheetData>${rows}</sheetData></worksheet>`;
const item = (name: string, text: string, extra: Partial<ZipItem> = {}): ZipItem => ({ name, data: Buffer.from(text, "utf8"), ...extra });

describe("formatBytes and mergedArea", () => {
  it("shows sizes the way file managers do", () => {
    expect(formatBytes(12)).toBe("12 B");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(256 * 1024 * 1024)).toBe("256 MB");
    expect(formatBytes(1_288_490_189)).toBe("1.2 GB");
  });

  it("counts the cells of an A1 range", () => {
    expect(mergedArea("A1")).toBe(1);
    expect(mergedArea("B3:C4")).toBe(4);
    expect(mergedArea("$H$1:$H$1048576")).toBe(1_048_576);
    expect(mergedArea("H1:XFD1048576")).toBe(16_377 * 1_048_576);
    expect(mergedArea("C4:B3")).toBe(4);
    expect(mergedArea("nonsense")).toBe(0);
  });
});

describe("SheetScanner", () => {
  const xml =
    '<worksheet><cols><col min="1"/></cols><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"/></row>' +
    '<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c></x:row><row r="3"/></sheetData><conditionalFormatting><cfRule type="x"/>' +
    '</conditionalFormatting><mergeCells count="2"><mergeCell ref="A1:B2"/><x:mergeCell  ref = "C1:C10" /></mergeCells></worksheet>';

  it("counts cells, rows and merged cells, and nothing else", () => {
    const s = new SheetScanner();
    s.push(Buffer.from(xml));
    expect([s.cells, s.rows, s.mergedCells, s.total]).toEqual([3, 3, 14, 20]);
  });

  it("gives the same count however the stream is cut", () => {
    const bytes = Buffer.from(xml);
    for (let cut = 1; cut < bytes.length; cut++) {
      const s = new SheetScanner();
      s.push(bytes.subarray(0, cut));
      s.push(bytes.subarray(cut));
      expect([cut, s.cells, s.rows, s.mergedCells]).toEqual([cut, 3, 3, 14]);
    }
    const one = new SheetScanner();
    for (let i = 0; i < bytes.length; i++) one.push(bytes.subarray(i, i + 1));
    expect([one.cells, one.rows, one.mergedCells]).toEqual([3, 3, 14]);
  });
});

describe("readCentralDirectory", () => {
  const items = [item("[Content_Types].xml", "<Types/>"), item("xl/worksheets/sheet1.xml", SHEET('<row r="1"><c r="A1"><v>1</v></c></row>')), item("中文/名.xml", "<a/>")];

  it("reads a plain and a ZIP64 archive alike", () => {
    const plain = makeZip(items);
    const z64 = makeZip(items, { zip64: true });
    const a = readCentralDirectory(bufferReader(plain), plain.length, LIMITS);
    const b = readCentralDirectory(bufferReader(z64), z64.length, LIMITS);
    expect(a.map((e) => e.name)).toEqual(["[Content_Types].xml", "xl/worksheets/sheet1.xml", "中文/名.xml"]);
    expect(b.map(({ name, method, uncompressedSize, compressedSize, crc32 }) => ({ name, method, uncompressedSize, compressedSize, crc32 }))).toEqual(
      a.map(({ name, method, uncompressedSize, compressedSize, crc32 }) => ({ name, method, uncompressedSize, compressedSize, crc32 })),
    );
  });

  it("refuses more entries than the limit before reading them", () => {
    const zip = makeZip(items);
    expect(() => readCentralDirectory(bufferReader(zip), zip.length, { maxEntries: 2 })).toThrow(
      expect.objectContaining({ kind: "too-large", messageEn: "the zip holds 3 entries, more than the limit of 2; refused" }),
    );
  });

  it("finds the end record behind a comment and refuses a file without one", () => {
    const zip = makeZip(items);
    const withComment = Buffer.concat([zip, Buffer.from("a comment")]);
    withComment.writeUInt16LE(9, zip.length - 2);
    expect(readCentralDirectory(bufferReader(withComment), withComment.length, LIMITS)).toHaveLength(3);
    const cut = zip.subarray(0, zip.length - 30);
    expect(() => readCentralDirectory(bufferReader(cut), cut.length, LIMITS)).toThrow(expect.objectContaining({ kind: "corrupt" }));
  });
});

describe("guardZip", () => {
  it("passes a real workbook and reports what it counted", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = "项目名称";
    ws.getCell("B2").value = 1;
    ws.mergeCells("C1:D2");
    const file = path.join(dir, "real.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await guardZip(file, LIMITS);
    expect(r.inflatedBytes).toBe(r.declaredBytes);
    expect(r.entries).toBeGreaterThan(5);
    // 2 rows; cells A1, B2 and C1 (the merge master), D1, C2, D2 as written by exceljs; 4 merged cells.
    expect(r.cells).toBeGreaterThanOrEqual(2 + 2 + 4);
    expect(r.cells).toBeLessThanOrEqual(2 + 6 + 4);
  });

  it("refuses a total declared size over the budget, naming the largest part", async () => {
    const file = write(makeZip([item("a.xml", "x".repeat(5000)), item("xl/sharedStrings.xml", "y".repeat(20_000))]));
    const e = await refusal(file, { maxUnzippedBytes: 16 * 1024 });
    expect(e.kind).toBe("too-large");
    expect(e.entry).toBe("xl/sharedStrings.xml");
    expect(e.message).toBe("解压后共 24.4 KB，超过上限 16 KB（最大的是 xl/sharedStrings.xml，19.5 KB），拒绝检查；可用 --max-unzipped-mb 调整（现为 0.02）");
  });

  it("does not trust a declared size: an entry that inflates to more is a zip bomb", async () => {
    const file = write(makeZip([item("xl/sharedStrings.xml", "z".repeat(300_000), { declaredSize: 1000 })]));
    const e = await refusal(file);
    expect(e.kind).toBe("zip-bomb");
    expect(e.messageEn).toMatch(/^zip entry xl\/sharedStrings\.xml inflates to more than it records \(1000 B recorded, at least \d+(\.\d)? KB produced\)/);
  });

  it("refuses an entry that inflates to less than it records, and broken deflate data", async () => {
    const short = write(makeZip([item("a.xml", "q".repeat(1000), { declaredSize: 5000 })]));
    expect((await refusal(short)).messageEn).toMatch(/zip entry a\.xml inflates to 1000 B where 4\.9 KB is recorded/);
    const zip = makeZip([item("b.xml", "r".repeat(100_000))]);
    const broken = Buffer.from(zip);
    broken.fill(0xff, 40, 60); // inside b.xml's deflate data
    const e = await refusal(write(broken));
    expect(e.kind).toBe("corrupt");
    expect(e.messageEn).toMatch(/zip entry b\.xml cannot be inflated/);
  });

  it("refuses declared ratios deflate cannot reach, encryption, unknown methods and data past the end", async () => {
    const ratio = await refusal(write(makeZip([item("s.xml", "s".repeat(200), { declaredSize: 10_000_000 })])));
    expect(ratio.kind).toBe("zip-bomb");
    const enc = await refusal(write(makeZip([item("xl/workbook.xml", "<w/>", { flags: 1 })])));
    expect([enc.kind, enc.entry]).toEqual(["encrypted", "xl/workbook.xml"]);
    const method = await refusal(write(makeZip([item("a.xml", "<a/>", { declaredMethod: 14 })])));
    expect(method.messageEn).toContain("zip entry a.xml uses the unsupported compression method 14");
    const stored = await refusal(write(makeZip([item("a.xml", "<a/>", { method: 0, declaredSize: 9 })])));
    expect(stored.messageEn).toContain("the sizes recorded for zip entry a.xml disagree");
    // Central directory intact, but the first entry's compressed size pointing far past the end of the file.
    const zip = makeZip([item("a.xml", "a".repeat(1000))]);
    const cdAt = zip.readUInt32LE(zip.length - 6);
    zip.writeUInt32LE(1 << 30, cdAt + 20);
    expect((await refusal(write(zip))).messageEn).toContain("the data of zip entry a.xml runs past the end of the file");
  });

  it("counts cells, rows and merged areas of the worksheets against the cell limit", async () => {
    const rows = Array.from({ length: 10 }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>1</v></c><c r="B${r + 1}" s="1"/></row>`).join("");
    const file = write(
      makeZip([item("xl/worksheets/sheet1.xml", SHEET(rows)), item("xl/worksheets/sheet2.xml", SHEET("") + '<mergeCells><mergeCell ref="A1:J10"/></mergeCells>')]),
    );
    expect((await guardZip(file, LIMITS)).cells).toBe(10 * 3 + 100);
    expect((await guardZip(file, { ...LIMITS, maxCells: 130 })).cells).toBe(130);
    const e = await refusal(file, { maxCells: 129 });
    expect([e.kind, e.entry]).toEqual(["too-large", "xl/worksheets/sheet2.xml"]);
    expect(e.message).toBe("工作簿的单元格超过 129 个（含只有格式的空单元格、行与合并区域，数到 xl/worksheets/sheet2.xml 时），拒绝检查；可用 --max-cells 调整");
  });

  it("inflates a gigabyte with flat memory and stops a lying one at once", async () => {
    const unit = Buffer.from("指".repeat(349_525), "utf8");
    const honest = repeatDeflate(Buffer.from("<sst><si><t>"), unit, 1000, Buffer.from("</t></si></sst>"));
    const file = write(makeZip([{ name: "xl/sharedStrings.xml", deflated: honest }]));
    expect(fs.statSync(file).size).toBeLessThan(2 * 1024 * 1024);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const r = await guardZip(file, { ...LIMITS, maxUnzippedBytes: 2 * 1024 * 1024 * 1024 });
      expect(r.inflatedBytes).toBe(honest.size);
      expect(r.inflatedBytes).toBeGreaterThan(1_000_000_000);
    } finally {
      clearInterval(sampler);
    }
    expect(peak - before).toBeLessThan(200 * 1024 * 1024);
    const lying = write(makeZip([{ name: "xl/sharedStrings.xml", deflated: honest, declaredSize: 4096 }]));
    const started = Date.now();
    expect((await refusal(lying)).kind).toBe("zip-bomb");
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 120_000);
});
