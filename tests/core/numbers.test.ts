import { classifyAmount, isDateFormat, isErrorText, parseNumberText } from "../../src/core/numbers";
import type { CellValue } from "../../src/core/types";

const at = { row: 7, col: 2 };

describe("parseNumberText", () => {
  it.each<[string, number]>([
    ["35.08", 35.08],
    ["1,234.50", 1234.5],
    ["12,345,678", 12345678],
    ["３５．０８", 35.08],
    ["１，２３４．５", 1234.5],
    ["¥12.00", 12],
    ["￥12.00", 12],
    ["  80  ", 80],
    ["\u300035.08\u3000", 35.08],
    ["\n1.54\n", 1.54],
    ["-3", -3],
    ["−3.5", -3.5],
    ["-¥3", -3],
    ["(12.00)", -12],
    ["12.", 12],
    [".5", 0.5],
    ["12.00万元", 12],
    ["0", 0],
  ])("reads %j as %p", (text, n) => {
    expect(parseNumberText(text)).toBeCloseTo(n, 10);
  });

  it("converts a unit that differs from the table's money unit", () => {
    expect(parseNumberText("1200元", "万元")).toBeCloseTo(0.12, 10);
    expect(parseNumberText("3万元", "元")).toBe(30000);
    expect(parseNumberText("3元", "元")).toBe(3);
  });

  it.each(["abc", "12%", "1,23", "1.2.3", "十万", "1e5", "--3", "12 34", "", "¥", "2024年", "1,2345.00"])(
    "rejects %j",
    (text) => {
      expect(parseNumberText(text)).toBeNull();
    },
  );
});

describe("isErrorText / isDateFormat", () => {
  it("knows the Excel error codes, case-insensitively, and nothing else", () => {
    for (const e of ["#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!", "#n/a", " #REF! "]) {
      expect(isErrorText(e)).toBe(true);
    }
    for (const e of ["#", "#1", "REF!", "#REF", "# REF!"]) expect(isErrorText(e)).toBe(false);
  });

  it("tells date formats from number formats", () => {
    for (const f of ["yyyy-mm-dd", "m/d/yyyy", "h:mm", "yyyy\"年\"m\"月\"", "[$-804]aaaa", "d-mmm"]) {
      expect(isDateFormat(f)).toBe(true);
    }
    for (const f of [null, undefined, "", "General", "0.00", "#,##0.00", "@", "[Red]0.00", "0.00E+00", "\"¥\"#,##0.00", "#,##0.00_);(#,##0.00)", "0.00\"万元\""]) {
      expect(isDateFormat(f)).toBe(false);
    }
  });
});

describe("classifyAmount", () => {
  it("numbers", () => {
    expect(classifyAmount(35.08, at)).toEqual({ kind: "number", value: 35.08, raw: 35.08, cell: at });
    expect(classifyAmount(0, at)).toEqual({ kind: "number", value: 0, raw: 0, cell: at });
    expect(classifyAmount(-2, at).kind).toBe("number");
  });

  it.each<[CellValue]>([[null], [undefined], [""], ["   "], ["\u3000"], ["\n"], ["\u00a0"]])("blank %j", (raw) => {
    const a = classifyAmount(raw, at);
    expect(a.kind).toBe("blank");
    expect(a.value).toBeNull();
    expect(a.cell).toBe(at);
  });

  it("text that reads as a number keeps its raw text and parsed value", () => {
    const a = classifyAmount(" 1,234.50 ", at);
    expect(a).toEqual({ kind: "text-number", value: 1234.5, raw: " 1,234.50 ", cell: at });
    expect(classifyAmount("３５．０８", at)).toMatchObject({ kind: "text-number", value: 35.08 });
    expect(classifyAmount("￥12.00", at)).toMatchObject({ kind: "text-number", value: 12 });
    expect(classifyAmount("1200元", at, { moneyUnit: "万元" }).value).toBeCloseTo(0.12, 10);
  });

  it("text", () => {
    expect(classifyAmount("待定", at)).toEqual({ kind: "text", value: null, raw: "待定", cell: at });
    expect(classifyAmount("-", at).kind).toBe("text");
    expect(classifyAmount(true, at).kind).toBe("text");
  });

  it("dates are text, whether a Date or a serial shown with a date format", () => {
    const d = new Date(2024, 0, 5);
    expect(classifyAmount(d, at)).toMatchObject({ kind: "text", value: null, raw: d });
    expect(classifyAmount(45296, at, { numberFormat: "yyyy/m/d" })).toMatchObject({ kind: "text", value: null });
    expect(classifyAmount(45296, at, { numberFormat: "#,##0.00" })).toMatchObject({ kind: "number", value: 45296 });
  });

  it.each(["#REF!", "#VALUE!", "#DIV/0!", "#N/A", "#NAME?", "#NUM!", "#NULL!"])("error %s", (e) => {
    expect(classifyAmount(e, at)).toEqual({ kind: "error", value: null, raw: e, cell: at });
  });

  it("non-finite numbers are errors", () => {
    expect(classifyAmount(NaN, at).kind).toBe("error");
    expect(classifyAmount(Infinity, at).kind).toBe("error");
  });
});
