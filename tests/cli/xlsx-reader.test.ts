import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import {
  DEFAULT_LIMITS,
  InputError,
  describeReadError,
  escapeXmlText,
  parseRange,
  readWorkbook,
  resolveLimits,
  sniffXlsx,
  toCellValue,
  withXmlSafeText,
  worksheetToGrid,
  type InputErrorKind,
} from "../../src/cli/xlsx-reader";
import { removeDir, tempDir } from "./cli-helpers";

let dir: string;
beforeAll(() => {
  dir = tempDir("jixiao-reader-");
});
afterAll(() => removeDir(dir));

async function roundTrip(build: (wb: ExcelJS.Workbook) => void, name: string) {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return readWorkbook(file);
}

async function kindOf(p: Promise<unknown>): Promise<InputErrorKind | "ok"> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof InputError) return e.kind;
    throw e;
  }
}

describe("parseRange", () => {
  it("turns A1 ranges into 0-based inclusive areas", () => {
    expect(parseRange("A1:G1")).toEqual({ top: 0, left: 0, bottom: 0, right: 6 });
    expect(parseRange("$B$3:$C$10")).toEqual({ top: 2, left: 1, bottom: 9, right: 2 });
    expect(parseRange("AA12")).toEqual({ top: 11, left: 26, bottom: 11, right: 26 });
    expect(parseRange("nonsense")).toBeNull();
  });
});

describe("toCellValue", () => {
  it("keeps plain values and flattens exceljs objects", () => {
    const d = new Date(Date.UTC(2024, 0, 31));
    expect(toCellValue(3.5)).toBe(3.5);
    expect(toCellValue("x")).toBe("x");
    expect(toCellValue(false)).toBe(false);
    expect(toCellValue(d)).toBe(d);
    expect(toCellValue(undefined)).toBeNull();
    expect(toCellValue({ richText: [{ text: "1、" }, { text: "产出" }] })).toBe("1、产出");
    expect(toCellValue({ text: "链接", hyperlink: "https://example.org" })).toBe("链接");
    expect(toCellValue({ text: { richText: [{ text: "a" }, { text: "b" }] }, hyperlink: "x" })).toBe("ab");
    expect(toCellValue({ formula: "A1+1", result: 7 })).toBe(7);
    expect(toCellValue({ formula: "1/0", result: { error: "#DIV/0!" } })).toBe("#DIV/0!");
    expect(toCellValue({ sharedFormula: "A2", result: "t" })).toBe("t");
    expect(toCellValue({ formula: "A1" })).toBeNull();
    expect(toCellValue({ error: "#REF!" })).toBe("#REF!");
  });
});

describe("readWorkbook", () => {
  it("reads values at their sheet coordinates with origin {0,0}, ragged rows allowed", async () => {
    const { sheets } = await roundTrip((wb) => {
      const ws = wb.addWorksheet("表");
      ws.getCell("C5").value = "右下";
      ws.getCell("A2").value = 12.34;
      ws.getCell("B2").value = true;
    }, "coords.xlsx");
    expect(sheets).toHaveLength(1);
    const g = sheets[0].grid;
    expect(g.sheet).toBe("表");
    expect(g.origin).toEqual({ row: 0, col: 0 });
    expect(g.values[1][0]).toBe(12.34);
    expect(g.values[1][1]).toBe(true);
    expect(g.values[4][2]).toBe("右下");
    expect(g.values[0] ?? []).toEqual([]);
    expect(g.values[1]).toHaveLength(2); // ragged: row 2 ends at column B
    expect(sheets[0].cells).toBe(3);
  });

  it("reports merged areas 0-based and keeps the value in the master only", async () => {
    const { sheets } = await roundTrip((wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = "标题";
      ws.mergeCells("A1:G1");
      ws.getCell("B3").value = "财政专户拨款";
      ws.mergeCells("B3:B4");
    }, "merges.xlsx");
    const g = sheets[0].grid;
    expect(g.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 6 },
      { top: 2, left: 1, bottom: 3, right: 1 },
    ]);
    expect(g.values[0][0]).toBe("标题");
    expect(g.values[0].slice(1).every((v) => v === null || v === undefined)).toBe(true);
    expect(g.values[2][1]).toBe("财政专户拨款");
    expect(g.values[3]?.[1] ?? null).toBeNull();
  });

  it("reads Excel indents and number formats in the shape of values", async () => {
    const { sheets } = await roundTrip((wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = "单位";
      ws.getCell("A2").value = "项目";
      ws.getCell("A2").alignment = { indent: 2 };
      ws.getCell("B2").value = 35.08;
      ws.getCell("B2").numFmt = "0.00";
      ws.getCell("C2").value = "00123";
      ws.getCell("C2").numFmt = "@";
    }, "indent.xlsx");
    const g = sheets[0].grid;
    expect(g.indents?.[1][0]).toBe(2);
    expect(g.indents?.[0][0] ?? null).toBeNull();
    expect(g.numberFormats?.[1][1]).toBe("0.00");
    expect(g.numberFormats?.[1][2]).toBe("@");
    expect(g.values[1][1]).toBe(35.08);
    expect(g.values[1][2]).toBe("00123");
  });

  it("joins rich text, takes hyperlink text, formula results and error results", async () => {
    const { sheets } = await roundTrip((wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = { richText: [{ text: "1、1-产出指标；" }, { font: { bold: true }, text: "11-数量指标" }] };
      ws.getCell("A2").value = { text: "官网", hyperlink: "https://example.org" };
      ws.getCell("B1").value = 10;
      ws.getCell("B2").value = 5;
      ws.getCell("B3").value = { formula: "B1+B2", result: 15 };
      ws.getCell("B4").value = { formula: "B1/0", result: { error: "#DIV/0!" } };
      ws.getCell("B5").value = { formula: "Sheet9!A1", result: { error: "#REF!" } };
      ws.getCell("B6").value = { formula: "\"文本\"", result: "文本" };
    }, "rich.xlsx");
    const v = sheets[0].grid.values;
    expect(v[0][0]).toBe("1、1-产出指标；11-数量指标");
    expect(v[1][0]).toBe("官网");
    expect(v[2][1]).toBe(15);
    expect(v[3][1]).toBe("#DIV/0!");
    expect(v[4][1]).toBe("#REF!");
    expect(v[5][1]).toBe("文本");
  });

  it("gives dates as Date and reads hidden sheets, marking them", async () => {
    const when = new Date(Date.UTC(2024, 11, 31));
    const { sheets } = await roundTrip((wb) => {
      const a = wb.addWorksheet("可见");
      a.getCell("A1").value = when;
      a.getCell("A1").numFmt = "yyyy-mm-dd";
      const b = wb.addWorksheet("隐藏");
      b.state = "hidden";
      b.getCell("A1").value = "x";
    }, "dates.xlsx");
    const d = sheets[0].grid.values[0][0];
    expect(d).toBeInstanceOf(Date);
    expect((d as Date).getTime()).toBe(when.getTime());
    expect(sheets[0].grid.numberFormats?.[0][0]).toBe("yyyy-mm-dd");
    expect(sheets.map((s) => [s.grid.sheet, s.hidden])).toEqual([
      ["可见", false],
      ["隐藏", true],
    ]);
    expect(sheets[1].grid.values[0][0]).toBe("x");
  });

  it("refuses a sheet with more non-empty cells than the cap", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("大表");
    for (let r = 1; r <= 3; r++) for (let c = 1; c <= 2; c++) ws.getCell(r, c).value = r * 10 + c;
    expect(worksheetToGrid(ws, 6).cells).toBe(6);
    expect(() => worksheetToGrid(ws, 5)).toThrow(InputError);
    try {
      worksheetToGrid(ws, 5);
    } catch (e) {
      expect((e as InputError).kind).toBe("too-large");
      expect((e as InputError).message).toContain("大表");
      expect((e as InputError).messageEn).toContain("non-empty cells");
    }
    const file = path.join(dir, "big.xlsx");
    await wb.xlsx.writeFile(file);
    expect(await kindOf(readWorkbook(file, 5))).toBe("too-large");
    expect(await kindOf(readWorkbook(file, 6))).toBe("ok");
  });
});

describe("unreadable inputs", () => {
  it("names each kind of unreadable file", async () => {
    const missing = path.join(dir, "nope.xlsx");
    const text = path.join(dir, "text.xlsx");
    fs.writeFileSync(text, "项目名称,绩效指标\n");
    const ole = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole, 0);
    const encrypted = path.join(dir, "locked.xlsx");
    const enc = Buffer.from(ole);
    Buffer.from("EncryptedPackage", "utf16le").copy(enc, 1024);
    fs.writeFileSync(encrypted, enc);
    const legacy = path.join(dir, "old.xlsx");
    fs.writeFileSync(legacy, ole);
    const good = path.join(dir, "good.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("S").getCell("A1").value = "x";
    await wb.xlsx.writeFile(good);
    const truncated = path.join(dir, "truncated.xlsx");
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));

    expect(await kindOf(readWorkbook(missing))).toBe("not-found");
    expect(await kindOf(readWorkbook(dir))).toBe("not-a-file");
    expect(await kindOf(readWorkbook(text))).toBe("not-xlsx");
    expect(await kindOf(readWorkbook(encrypted))).toBe("encrypted");
    expect(await kindOf(readWorkbook(legacy))).toBe("legacy-xls");
    expect(await kindOf(readWorkbook(truncated))).toBe("corrupt");
    expect(await kindOf(readWorkbook(good))).toBe("ok");
    expect(() => sniffXlsx(good)).not.toThrow();
  });

  it("gives one-line messages in both languages", () => {
    const file = path.join(dir, "plain.xlsx");
    fs.writeFileSync(file, "hello");
    try {
      sniffXlsx(file);
      throw new Error("should have thrown");
    } catch (e) {
      const err = e as InputError;
      expect(err.message).toMatch(/不是 \.xlsx/);
      expect(err.messageEn).toMatch(/not an \.xlsx/);
      expect(err.message).not.toContain("\n");
    }
  });
});

describe("limits", () => {
  it("fills a partial set from the defaults; a number is the per-sheet cell cap", () => {
    expect(resolveLimits()).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toEqual({ maxUnzippedBytes: 256 * 1024 * 1024, maxEntries: 10_000, maxCells: 2_000_000, maxCellsPerSheet: 2_000_000 });
    expect(resolveLimits(7)).toEqual({ ...DEFAULT_LIMITS, maxCellsPerSheet: 7 });
    expect(resolveLimits({ maxCells: 10, maxUnzippedBytes: -1 })).toEqual({ ...DEFAULT_LIMITS, maxCells: 10 });
  });

  it("runs the zip guard before exceljs: a workbook over the cell limit is refused naming the sheet part", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    for (let r = 1; r <= 5; r++) ws.getCell(r, 1).value = r;
    const file = path.join(dir, "limits.xlsx");
    await wb.xlsx.writeFile(file);
    // 5 rows + 5 cells
    expect(await kindOf(readWorkbook(file, { maxCells: 10 }))).toBe("ok");
    await expect(readWorkbook(file, { maxCells: 9 })).rejects.toMatchObject({
      kind: "too-large",
      messageEn: expect.stringContaining("counting reached xl/worksheets/sheet1.xml"),
    });
    await expect(readWorkbook(file, { maxUnzippedBytes: 1000 })).rejects.toMatchObject({ kind: "too-large" });
  });
});

describe("describeReadError", () => {
  it("turns exceljs, JSZip and saxes failures into one clear line", () => {
    const xml = describeReadError(new Error("2:350: disallowed character."));
    expect(xml.message).toBe("文件已损坏：其中的 XML 有错误（第 2 行第 350 列：disallowed character.），无法作为 .xlsx 打开");
    expect(describeReadError(new Error("Invalid row number in model")).messageEn).toContain("rows without row numbers");
    expect(describeReadError(new TypeError("Cannot set properties of undefined (setting 'sheetNo')")).messageEn).toContain(
      "a worksheet's content could not be parsed",
    );
    expect(describeReadError(new TypeError("x is not a function")).message).toBe(
      "文件已损坏或结构不受支持，无法读取工作簿内容（x is not a function）；请用 Excel 打开后另存为 .xlsx",
    );
    const other = describeReadError(new Error("End of data reached (data length = 10, asked index = 20).\n  at stack"));
    expect(other.message).toBe("文件已损坏或不完整，无法作为 .xlsx 打开（End of data reached (data length = 10, asked index = 20).）");
    for (const e of [xml, other]) expect(e.kind).toBe("corrupt");
  });
});

describe("long runs of empty rows", () => {
  it("share one frozen empty row, short gaps keep their own", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    ws.getCell("A1").value = "top";
    ws.getCell("A5").value = "near";
    ws.getCell("B100000").value = "far";
    const g = worksheetToGrid(ws).grid;
    expect(g.values).toHaveLength(100_000);
    expect(g.values[99_999]).toEqual([null, "far"]);
    expect(g.values[1]).not.toBe(g.values[2]);
    expect(g.values[10]).toBe(g.values[90_000]);
    expect(g.values[10]).toEqual([]);
    expect(Object.isFrozen(g.values[10])).toBe(true);
    expect(Object.isFrozen(g.values[1])).toBe(false);
  });
});

describe("text that exceljs cannot write as it is", () => {
  it("escapes controls, CR, lone surrogates and literal _xHHHH_ the way Excel does", () => {
    expect(escapeXmlText("plain 文本\t\n")).toBe("plain 文本\t\n");
    expect(escapeXmlText("a\x1b[2Jb\x00\r")).toBe("a_x001B_[2Jb_x0000__x000D_");
    expect(escapeXmlText("x\ud83dy\udc00 😀")).toBe("x_xD83D_y_xDC00_ 😀");
    expect(escapeXmlText("_x0041_ and _x00ab_")).toBe("_x005F_x0041_ and _x005F_x00ab_");
  });

  it("survives a save and a read: the copy holds exactly the workbook's text, and the workbook is left as it was", async () => {
    const texts = ["机构\x1b[2J\x07经费", "规划\ud83d经费\udc00", "率\r\n值", "literal _x0041_ text", "\x00\x08\x0b\x0c\x1f"];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("S");
    texts.forEach((t, i) => (ws.getCell(i + 1, 1).value = t));
    ws.getCell("B1").value = { richText: [{ text: "粗\x1b" }, { font: { bold: true }, text: "体\ud800" }] };
    ws.getCell("B2").value = { text: "链接\x07", hyperlink: "https://example.org" };

    const plain = path.join(dir, "unsafe-plain.xlsx");
    await wb.xlsx.writeFile(plain);
    const lost = (await readWorkbook(plain)).sheets[0].grid.values;
    expect(lost[0][0]).not.toBe(texts[0]); // exceljs alone drops the controls: the reason for withXmlSafeText

    const safe = path.join(dir, "unsafe-safe.xlsx");
    await withXmlSafeText(wb, () => wb.xlsx.writeFile(safe));
    const back = (await readWorkbook(safe)).sheets[0].grid.values;
    texts.forEach((t, i) => expect([i, back[i][0]]).toEqual([i, t]));
    expect(back[0][1]).toBe("粗\x1b体\ud800");
    expect(back[1][1]).toBe("链接\x07");
    expect(ws.getCell("A1").value).toBe(texts[0]);
    expect(ws.getCell("B1").value).toEqual({ richText: [{ text: "粗\x1b" }, { font: { bold: true }, text: "体\ud800" }] });
  });
});
