/**
 * `jixiao convert` on the seed workbooks, in temp folders: the new sheet holds the table in the other layout,
 * the source sheet and the input file are unchanged, and converting there and back gives the same indicators.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { defaultSeedPath, run } from "../../src/cli/main";
import { worksheetToGrid } from "../../src/cli/xlsx-reader";
import { buildTable, toSpec, validateGrid } from "../../src/core/index";
import type { Finding, Table } from "../../src/core/types";
import { capture, removeDir, seed, sha256, tempDir } from "./cli-helpers";

const SHEET = "绩效目标表";
const PUBLISHED = defaultSeedPath();
const STRUCTURED = path.join(path.dirname(PUBLISHED), "guangzhou-land-planning-2024-structured.xlsx");

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function tableOf(ws: ExcelJS.Worksheet): Table {
  const built = buildTable(worksheetToGrid(ws).grid);
  if (!built.table) throw new Error(`${ws.name}: ${built.message}`);
  return built.table;
}

function findingsOf(ws: ExcelJS.Worksheet): Finding[] {
  const r = validateGrid(worksheetToGrid(ws).grid);
  if (!r.table) throw new Error(r.message);
  return r.findings;
}

/** Indicators per project without their numbers, amounts per row: what a conversion must keep. */
function content(t: Table) {
  return {
    rows: t.rows.map((r) => [r.level, r.name.trim(), r.amounts.total.value, r.amounts.fiscal.value, r.amounts.specialAccount.value, r.amounts.other.value]),
    goals: t.projects.map((p) => p.goal?.raw ?? null),
    indicators: t.projects.map((p) =>
      p.indicators.map((i) => {
        const { seq: _seq, ...rest } = toSpec(i);
        return rest;
      }),
    ),
  };
}

/** Every cell value of a sheet (merged copies report the master's value). */
function cellMap(ws: ExcelJS.Worksheet): Record<string, string> {
  const m: Record<string, string> = {};
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (c) => {
      m[c.address] = JSON.stringify(c.value) + JSON.stringify(c.style);
    }),
  );
  return m;
}

let dir: string;
beforeAll(() => {
  dir = tempDir("jixiao-convert-");
});
afterAll(() => removeDir(dir));

async function convert(args: string[]) {
  const c = capture(dir);
  const code = await run(["convert", ...args], c.io);
  return { code, out: c.out(), err: c.err() };
}

describe("jixiao convert", () => {
  it("published → structured: a new sheet 绩效目标表（明细） with the same rows, amounts and indicators; source and input unchanged", async () => {
    const hash = sha256(PUBLISHED);
    const out = path.join(dir, "to-structured.xlsx");
    const r = await convert([PUBLISHED, "--to", "structured", "--out", out]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("已写入 to-structured.xlsx：工作表“绩效目标表”（发布格式）转换为明细格式，写在新工作表“绩效目标表（明细）”（5 个项目，20 项指标）");
    expect(sha256(PUBLISHED)).toBe(hash);

    const source = (await load(PUBLISHED)).getWorksheet(SHEET)!;
    const copy = await load(out);
    expect(copy.worksheets.map((w) => w.name)).toEqual([SHEET, "绩效目标表（明细）"]);
    expect(cellMap(copy.getWorksheet(SHEET)!)).toEqual(cellMap(source));

    const converted = tableOf(copy.getWorksheet("绩效目标表（明细）")!);
    expect(converted.layout).toBe("structured");
    expect(content(converted)).toEqual(content(tableOf(source)));
    // The same findings as the structured seed, at the same addresses (the layouts agree row for row).
    const findings = findingsOf(copy.getWorksheet("绩效目标表（明细）")!);
    const seedFindings = findingsOf((await load(STRUCTURED)).getWorksheet(SHEET)!);
    expect(findings.map((f) => `${f.ruleId} ${f.messageId} ${f.cell}`)).toEqual(seedFindings.map((f) => `${f.ruleId} ${f.messageId} ${f.cell}`));
    // Amounts stay numbers with the source's format.
    const ws = copy.getWorksheet("绩效目标表（明细）")!;
    expect(ws.getCell("B4").value).toBe(333.81);
    expect(ws.getCell("B4").numFmt).toBe("0.00");
  });

  it("structured → published: the 绩效指标 cells are the seed's text, byte for byte", async () => {
    const out = path.join(dir, "to-published.xlsx");
    const r = await convert([STRUCTURED, "--to", "published", "--out", out, "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('converted to the published layout on the new sheet "绩效目标表（发布）" (5 projects, 20 indicators)');
    const ws = (await load(out)).getWorksheet("绩效目标表（发布）")!;
    const t = tableOf(ws);
    expect(t.layout).toBe("published");
    const texts = t.projects.map((p) => p.indicatorsCell?.raw);
    expect(texts).toEqual(seed.rows.filter((x) => x.level === "project").map((x) => x.indicators));
    expect(content(t)).toEqual(content(tableOf((await load(STRUCTURED)).getWorksheet(SHEET)!)));
  });

  it("there and back gives the same indicators and amounts", async () => {
    const there = path.join(dir, "there.xlsx");
    expect((await convert([PUBLISHED, "--to", "structured", "--out", there])).code).toBe(0);
    // Keep only the converted sheet, so that the next conversion reads it.
    const wb = await load(there);
    wb.removeWorksheet(wb.getWorksheet(SHEET)!.id);
    const only = path.join(dir, "only-structured.xlsx");
    await wb.xlsx.writeFile(only);
    const back = path.join(dir, "back.xlsx");
    expect((await convert([only, "--to", "published", "--out", back])).code).toBe(0);
    const result = (await load(back)).getWorksheet("绩效目标表（明细）（发布）")!;
    const original = (await load(PUBLISHED)).getWorksheet(SHEET)!;
    expect(content(tableOf(result))).toEqual(content(tableOf(original)));
    // Sequence numbers are rewritten 1…n: the 绩效指标 texts are the original's exactly.
    expect(tableOf(result).projects.map((p) => p.indicatorsCell?.raw)).toEqual(tableOf(original).projects.map((p) => p.indicatorsCell?.raw));
  });

  it("makes the new sheet's name unique and defaults --out to <name>.<layout>.xlsx beside the input", async () => {
    const wb = await load(PUBLISHED);
    wb.addWorksheet("绩效目标表（明细）").getCell("A1").value = "已有的同名工作表";
    const input = path.join(dir, "taken.xlsx");
    await wb.xlsx.writeFile(input);
    const r = await convert([input, "--to", "structured"]);
    expect(r.code).toBe(0);
    const out = path.join(dir, "taken.structured.xlsx");
    const names = (await load(out)).worksheets.map((w) => w.name);
    expect(names).toEqual([SHEET, "绩效目标表（明细）", "绩效目标表（明细） (2)"]);
    expect((await load(out)).getWorksheet("绩效目标表（明细）")!.getCell("A1").value).toBe("已有的同名工作表");
  });

  it("refuses: the same layout, the input as --out, a missing --to, two inputs, a workbook without a table", async () => {
    const same = await convert([PUBLISHED, "--to", "published", "--out", path.join(dir, "same.xlsx")]);
    expect(same.code).toBe(2);
    expect(same.err).toContain("工作表“绩效目标表”已经是发布格式");
    expect(fs.existsSync(path.join(dir, "same.xlsx"))).toBe(false);

    const copy = path.join(dir, "input.xlsx");
    fs.copyFileSync(PUBLISHED, copy);
    const hash = sha256(copy);
    const self = await convert([copy, "--to", "structured", "--out", copy]);
    expect(self.code).toBe(2);
    expect(self.err).toContain("拒绝覆盖输入文件");
    expect(sha256(copy)).toBe(hash);

    const noTo = await convert([copy]);
    expect(noTo.code).toBe(2);
    expect(noTo.err).toContain("convert 需要 --to structured 或 --to published");
    const badTo = await convert([copy, "--to", "columns"]);
    expect(badTo.err).toContain("--to 只能是 structured 或 published");
    const two = await convert([copy, PUBLISHED, "--to", "structured"]);
    expect(two.code).toBe(2);
    expect(two.err).toContain("convert 需要且只接受一个 .xlsx 文件");

    const none = await convert([path.join(path.dirname(PUBLISHED), "broken", "no-target-table.xlsx"), "--to", "structured", "--out", path.join(dir, "none.xlsx")]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("未找到绩效目标表");
  });

  it("is described in the help, in both languages", async () => {
    for (const lang of ["zh", "en"]) {
      const c = capture(dir);
      expect(await run(["--help", "--lang", lang], c.io)).toBe(0);
      expect(c.out()).toContain("jixiao convert <");
      expect(c.out()).toContain("--fix <out>");
      expect(c.out()).toContain("--to structured");
    }
  });
});
