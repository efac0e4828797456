/**
 * `--fix <out>` on real .xlsx files: the seeds and every broken variant, in temp folders. The input's bytes never
 * change; the copy, checked again, holds no finding with a safe fix and nothing the input did not have.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { defaultSeedPath, run } from "../../src/cli/main";
import { worksheetToGrid } from "../../src/cli/xlsx-reader";
import { applyEdits, validateGrid } from "../../src/core/index";
import type { Finding, GridInput } from "../../src/core/types";
import { capture, removeDir, sha256, tempDir } from "./cli-helpers";

const SHEET = "绩效目标表";
const SEEDS = path.dirname(defaultSeedPath());
const manifest = JSON.parse(fs.readFileSync(path.join(SEEDS, "variants.json"), "utf8")) as {
  clean: { file: string }[];
  variants: { file: string; expect: unknown }[];
};

async function sheetOf(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(SHEET);
  if (!ws) throw new Error(`${file}: no sheet ${SHEET}`);
  return ws;
}

async function gridOf(file: string): Promise<GridInput> {
  return worksheetToGrid(await sheetOf(file)).grid;
}

function findingsOf(grid: GridInput): Finding[] {
  const r = validateGrid(grid);
  if (!r.table) throw new Error(r.message);
  return r.findings;
}

const key = (f: Finding) => `${f.ruleId}|${f.messageId}|${f.cell}`;

function multiset(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/** A copy of a seed workbook with some cells changed, written into `dir`. */
async function variant(dir: string, base: string, name: string, cells: Record<string, ExcelJS.CellValue>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(SEEDS, base));
  const ws = wb.getWorksheet(SHEET)!;
  for (const [a, v] of Object.entries(cells)) ws.getCell(a).value = v;
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

let dir: string;
beforeAll(() => {
  dir = tempDir("jixiao-fix-");
});
afterAll(() => removeDir(dir));

describe("--fix on the seeds and every broken variant", () => {
  const files = [...manifest.clean.map((c) => c.file), ...manifest.variants.map((v) => v.file)].map((f) => path.join(SEEDS, f));

  it("writes one fixed copy per readable workbook, leaves the inputs' bytes alone, and the copies re-check clean of fixable findings", async () => {
    const hashes = files.map(sha256);
    const out = path.join(dir, "all");
    const c = capture(dir);
    const code = await run([...files, "--fix", out, "--format", "json"], c.io);
    // broken/no-target-table.xlsx cannot be read as a table: status 2, and no copy for it.
    expect(code).toBe(2);
    expect(c.err()).toContain("no-target-table.xlsx");
    expect(files.map(sha256)).toEqual(hashes);
    const json = JSON.parse(c.out()) as { files: { file: string; fixed?: { out: string; fixes: number; changes: { cell: string }[] } }[] };

    let fixedFiles = 0;
    for (const file of files) {
      const stem = path.basename(file, ".xlsx");
      const copy = path.join(out, `${stem}.fixed.xlsx`);
      if (stem === "no-target-table") {
        expect(fs.existsSync(copy)).toBe(false);
        continue;
      }
      expect(fs.existsSync(copy)).toBe(true);
      const before = findingsOf(await gridOf(file));
      const after = findingsOf(await gridOf(copy));
      // Every safe fix was applied: the copy offers none.
      expect(after.filter((f) => f.fix).map(key)).toEqual([]);
      // The fixed findings are gone and nothing new appeared: the copy's findings are the input's unfixable ones.
      const kept = multiset(before.filter((f) => !f.fix).map(key));
      for (const [k, n] of multiset(after.map(key))) expect([k, n, kept.get(k) ?? 0]).toEqual([k, n, n]);
      const entry = json.files.find((f) => path.basename(f.file) === path.basename(file))!;
      expect(entry.fixed!.fixes).toBe(before.filter((f) => f.fix).length);
      if (entry.fixed!.fixes > 0) fixedFiles++;
    }
    expect(fixedFiles).toBeGreaterThan(20);
  }, 60_000);

  it("changes exactly the cells the fixes name, each to the text the engine's edits give", async () => {
    const input = path.join(SEEDS, "broken", "halfwidth-punctuation.xlsx");
    const grid = await gridOf(input);
    const fixes = findingsOf(grid).filter((f) => f.fix);
    const out = path.join(dir, "halfwidth.fixed.xlsx");
    const c = capture(dir);
    expect(await run([input, "--fix", out], c.io)).toBe(0);

    const inWs = await sheetOf(input);
    const outWs = await sheetOf(out);
    const cells = [...new Set(fixes.map((f) => f.fix!.cell))];
    expect(cells.sort()).toEqual(["G7", "G9"]);
    for (const a of cells) {
      const text = inWs.getCell(a).value as string;
      const expected = applyEdits(text, fixes.filter((f) => f.fix!.cell === a).map((f) => ({ span: f.fix!.span, replacement: f.fix!.replacement }))).text;
      expect(outWs.getCell(a).value).toBe(expected);
      expect(expected).not.toBe(text);
    }
    // Every other cell is as it was, styles included.
    inWs.eachRow({ includeEmpty: true }, (row, r) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (cells.includes(cell.address)) return;
        expect([cell.address, JSON.stringify(outWs.getCell(cell.address).value)]).toEqual([cell.address, JSON.stringify(cell.value)]);
        expect(JSON.stringify(outWs.getCell(cell.address).style)).toBe(JSON.stringify(cell.style));
        void r;
      }),
    );
    // The report says what changed, cell by cell, and the check of the copy.
    const text = c.out();
    expect(text).toContain("已写入修复副本 halfwidth.fixed.xlsx");
    expect(text).toMatch(/修复 3 个问题，改动 2 个单元格/);
    expect(text).toMatch(/G7：.*00-专家评审通过率.* → .*；专家评审通过率.*（JX401）/);
    expect(text).toMatch(/G9：.*服务事项数量;实施周期指标值:≥4项；年度指标值：≥4项.* → .*服务事项数量；实施周期指标值:≥4项；年度指标值:≥4项.*（JX403）/);
    expect(text).toContain("修复后复查：0 个错误，3 个警告，0 个提示");
  });

  it("reports in English with --lang en", async () => {
    const input = path.join(SEEDS, "broken", "numbering-gap.xlsx");
    const c = capture(dir);
    expect(await run([input, "--fix", path.join(dir, "numbering.fixed.xlsx"), "--lang", "en"], c.io)).toBe(0);
    expect(c.out()).toMatch(/Wrote fixed copy numbering\.fixed\.xlsx \(.*numbering-gap\.xlsx, sheet "绩效目标表"\): 3 issues fixed, 2 cells changed/);
    expect(c.out()).toMatch(/G9: .*4、1-产出指标.* → .*3、1-产出指标.* \(JX304\)/);
    expect(c.out()).toContain("Check of the copy: 0 errors, 3 warnings, 0 infos");
    const g9 = (await sheetOf(path.join(dir, "numbering.fixed.xlsx"))).getCell("G9").value as string;
    expect(g9.match(/(?:^|。)(\d+)、/g)!.map((s) => s.replace(/\D/g, ""))).toEqual(["1", "2", "3", "4"]);
  });
});

describe("--fix details", () => {
  it("applies fixes in passes: a look-alike >= on a 100% rate ends as =100%", async () => {
    const seed = (await sheetOf(defaultSeedPath())).getCell("G9").value as string;
    const g9 = seed.replace("服务保障率；实施周期指标值:≥90%；年度指标值:≥90%", "服务保障率；实施周期指标值:>=100%；年度指标值:>=100%");
    expect(g9).not.toBe(seed);
    const input = await variant(dir, "guangzhou-land-planning-2024.xlsx", "ge100.xlsx", { G9: g9 });
    const ids = findingsOf(await gridOf(input)).filter((f) => f.cell === "G9").map((f) => `${f.ruleId} ${f.messageId}`);
    expect(ids).toEqual(expect.arrayContaining(["JX403 comparator", "JX502 degenerate"]));
    const out = path.join(dir, "ge100.fixed.xlsx");
    expect(await run([input, "--fix", out], capture(dir).io)).toBe(0);
    const fixed = (await sheetOf(out)).getCell("G9").value as string;
    expect(fixed).toBe(seed.replace("服务保障率；实施周期指标值:≥90%；年度指标值:≥90%", "服务保障率；实施周期指标值:=100%；年度指标值:=100%"));
    expect(findingsOf(await gridOf(out)).filter((f) => f.cell === "G9")).toEqual([]);
  });

  it("normalises category names in the structured layout, cell by cell", async () => {
    const input = await variant(dir, "guangzhou-land-planning-2024-structured.xlsx", "names.xlsx", { G6: "产出指标", H9: "社会效益" });
    const before = findingsOf(await gridOf(input)).filter((f) => f.ruleId === "JX305");
    expect(before.map((f) => `${f.cell} ${f.messageId}`)).toEqual(["G6 missingCode", "H9 missingCode"]);
    const out = path.join(dir, "names.fixed.xlsx");
    const c = capture(dir);
    expect(await run([input, "--fix", out], c.io)).toBe(0);
    const ws = await sheetOf(out);
    expect(ws.getCell("G6").value).toBe("1-产出指标");
    expect(ws.getCell("H9").value).toBe("22-社会效益指标");
    expect(ws.getCell("I10").value).toBe("专家评审通过率");
    expect(c.out()).toContain("G6：产出指标 → 1-产出指标（JX305）");
  });

  it("never changes an amount: a total mismatch keeps its number and offers the explicit suggestion in the JSON", async () => {
    const input = path.join(SEEDS, "broken", "total-off-by-0.01.xlsx");
    const out = path.join(dir, "total.fixed.xlsx");
    const c = capture(dir);
    expect(await run([input, "--fix", out, "--format", "json"], c.io)).toBe(1);
    expect((await sheetOf(out)).getCell("B6").value).toBe(35.09);
    const json = JSON.parse(c.out()) as { files: { findings: { ruleId: string; cell: string; suggestions?: { message: string; edits: { after: unknown }[] }[] }[]; fixed: { changes: { cell: string }[] } }[] };
    const jx101 = json.files[0].findings.find((f) => f.ruleId === "JX101")!;
    expect(jx101.cell).toBe("B6");
    expect(jx101.suggestions![0].message).toBe("将总计改为 35.08（现为 35.09）");
    expect(jx101.suggestions![0].edits[0].after).toBe(35.08);
    expect(json.files[0].fixed.changes.map((x) => x.cell)).toEqual(["G7"]);
    expect(findingsOf(await gridOf(out)).map((f) => f.cell)).toContain("B6");
  });

  it("refuses to overwrite the input and to fix a cell that holds a formula, writing nothing", async () => {
    const input = await variant(dir, "guangzhou-land-planning-2024.xlsx", "self.xlsx", {});
    const hash = sha256(input);
    const c = capture(dir);
    expect(await run([input, "--fix", input], c.io)).toBe(2);
    expect(c.err()).toContain("拒绝覆盖输入文件：--fix 的输出不能是输入文件本身");
    expect(sha256(input)).toBe(hash);

    const g7 = (await sheetOf(input)).getCell("G7").value as string;
    const formula = await variant(dir, "guangzhou-land-planning-2024.xlsx", "formula.xlsx", {
      G7: { formula: "\"\"", result: g7 } as ExcelJS.CellFormulaValue,
    });
    const out = path.join(dir, "formula.fixed.xlsx");
    const c2 = capture(dir);
    expect(await run([formula, "--fix", out], c2.io)).toBe(2);
    expect(c2.err()).toContain("无法修复：工作表“绩效目标表”的单元格 G7 含有公式");
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes("formula.fixed"))).toEqual([]);
  });

  it("with --annotate as well, writes both copies from the same check", async () => {
    const input = path.join(SEEDS, "broken", "lookalike-comparator.xlsx");
    const fixed = path.join(dir, "both.fixed.xlsx");
    const annotated = path.join(dir, "both.annotated.xlsx");
    const c = capture(dir);
    expect(await run([input, "--fix", fixed, "--annotate", annotated], c.io)).toBe(0);
    expect((await sheetOf(fixed)).getCell("G9").value).toContain("实施周期指标值:≥90%");
    expect((await sheetOf(fixed)).getCell("G9").note).toBeUndefined();
    expect((await sheetOf(annotated)).getCell("G9").value).toContain("实施周期指标值:>=90%");
    expect((await sheetOf(annotated)).getCell("G9").note).toBeDefined();
    const same = capture(dir);
    expect(await run([input, "--fix", fixed, "--annotate", fixed], same.io)).toBe(2);
    expect(same.err()).toContain("--fix 与 --annotate 的输出不能相同");
  });
});
