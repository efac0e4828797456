/**
 * The committed seed workbooks match the JSON seed, the broken variants differ from the clean seed exactly
 * where variants.json says, and a rebuild gives the same cell values.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import seed from "../../seeds/guangzhou-land-planning-2024.json";
import { buildSeeds, indicatorRows, splitCanonical, type Expected, type Manifest, type VariantEntry } from "../../scripts/build-seeds";

const SEEDS = join(__dirname, "..", "..", "seeds");
const PUBLISHED = "guangzhou-land-planning-2024.xlsx";
const STRUCTURED = "guangzhou-land-planning-2024-structured.xlsx";
const manifest: Manifest = JSON.parse(readFileSync(join(SEEDS, "variants.json"), "utf8"));

const cache = new Map<string, Promise<ExcelJS.Workbook>>();
function load(file: string, dir = SEEDS): Promise<ExcelJS.Workbook> {
  const key = join(dir, file);
  let p = cache.get(key);
  if (!p) {
    const wb = new ExcelJS.Workbook();
    p = wb.xlsx.readFile(key).then(() => wb);
    cache.set(key, p);
  }
  return p;
}
async function sheetOf(file: string, dir = SEEDS): Promise<ExcelJS.Worksheet> {
  const wb = await load(file, dir);
  const ws = wb.getWorksheet("绩效目标表");
  if (!ws) throw new Error(`${file}: no sheet 绩效目标表`);
  return ws;
}

/** Every non-empty cell: address → JSON of its value (merged copies report the master's value). */
function cellMap(ws: ExcelJS.Worksheet): Map<string, string> {
  const m = new Map<string, string>();
  ws.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (c) => {
      if (c.value !== null && c.value !== undefined && c.value !== "") m.set(c.address, JSON.stringify(c.value));
    }),
  );
  return m;
}
function diffCells(a: Map<string, string>, b: Map<string, string>): string[] {
  const out = new Set<string>();
  for (const [k, v] of a) if (b.get(k) !== v) out.add(k);
  for (const k of b.keys()) if (!a.has(k)) out.add(k);
  return [...out].sort();
}
function merges(ws: ExcelJS.Worksheet): string[] {
  return [...((ws.model as unknown as { merges: string[] }).merges ?? [])].sort();
}
const text = (c: ExcelJS.Cell): string => (typeof c.value === "string" ? c.value : "");

/**
 * An independent reading of the seed's canonical 绩效指标 text (a whole-item regex, unlike the builder's
 * split on ；): [seq, 一级, 二级, 三级, 实施周期指标值, 年度指标值].
 */
function itemsOf(s: string): string[][] {
  const re = /(\d+)、([^；。]+)；([^；。]+)；([^；。]+)；实施周期指标值:([^；。]+)；年度指标值:([^；。]+)。/g;
  const out: string[][] = [];
  let consumed = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    expect(m.index).toBe(consumed); // no text between items
    consumed = m.index + m[0].length;
    out.push(m.slice(1));
  }
  expect(consumed).toBe(s.length);
  return out;
}

const projects = seed.rows.filter((r) => r.level === "project");

describe("published seed workbook", () => {
  it("has the title, the unit line and the header of the JSON", async () => {
    const ws = await sheetOf(PUBLISHED);
    expect(ws.getCell("A1").value).toBe(seed.title);
    expect(merges(ws)).toContain("A1:G1");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A1").alignment?.horizontal).toBe("center");
    expect(ws.getCell("A2").value).toBe("单位名称：广州市土地利用规划编制中心 单位：万元");
    expect(ws.getCell("A2").value).toBe(seed.unitLine);
    seed.columns.forEach((label, i) => {
      const c = ws.getRow(3).getCell(i + 1);
      expect(c.value).toBe(label);
      expect(c.font?.bold).toBe(true);
      expect(c.alignment?.wrapText).toBe(true);
      expect(c.border?.top?.style).toBe("thin");
    });
  });

  it("has one row per JSON row with names, amounts, goals and indicator texts", async () => {
    const ws = await sheetOf(PUBLISHED);
    expect(ws.rowCount).toBe(3 + seed.rows.length);
    seed.rows.forEach((r, i) => {
      const row = ws.getRow(4 + i);
      const name = text(row.getCell(1));
      expect(name.trim()).toBe(r.name);
      // Projects are indented by four spaces as in the PDF; 合计 and the unit are not.
      expect(name.startsWith("    ") && !name.startsWith("     ")).toBe(r.level === "project");
      const amounts = [r.total, r.fiscal, r.specialAccount, r.other];
      amounts.forEach((v, k) => {
        const c = row.getCell(2 + k);
        if (v === null) expect(c.value).toBeNull();
        else {
          expect(typeof c.value).toBe("number");
          expect(c.value).toBe(v);
          expect(c.numFmt).toBe("0.00");
        }
      });
      expect(row.getCell(6).value ?? "").toBe(r.goal);
      expect(row.getCell(7).value ?? "").toBe(r.indicators);
      if (r.level === "project") expect(row.getCell(7).alignment?.wrapText).toBe(true);
      expect(row.getCell(7).border?.left?.style).toBe("thin");
    });
  });

  it("balances: projects sum to the unit row and to 合计 (the clean seed has no total defect)", async () => {
    const ws = await sheetOf(PUBLISHED);
    let sum = 0;
    for (let r = 6; r <= 10; r++) sum += ws.getCell(`B${r}`).value as number;
    expect(Math.abs(sum - (ws.getCell("B5").value as number))).toBeLessThan(0.005);
    expect(ws.getCell("B4").value).toBe(ws.getCell("B5").value);
    expect(ws.getCell("B4").value).toBe(333.81);
  });
});

describe("structured seed workbook", () => {
  const HEADER = [
    "项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标",
    "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值",
  ];

  it("has title, unit line, header, 合计 and unit rows with amounts only", async () => {
    const ws = await sheetOf(STRUCTURED);
    expect(ws.getCell("A1").value).toBe(seed.title);
    expect(ws.getCell("A2").value).toBe(seed.unitLine);
    expect(ws.getRow(3).values).toEqual([undefined, ...HEADER]);
    for (const [rowNo, r] of [[4, seed.rows[0]], [5, seed.rows[1]]] as const) {
      const row = ws.getRow(rowNo);
      expect(row.getCell(1).value).toBe(r.name);
      expect(row.getCell(2).value).toBe(r.total);
      expect(row.getCell(3).value).toBe(r.fiscal);
      for (let c = 6; c <= 11; c++) expect(row.getCell(c).value ?? null).toBeNull();
    }
  });

  it("has one row per indicator with the parts of the text, and merges over each project's rows", async () => {
    const ws = await sheetOf(STRUCTURED);
    const ms = merges(ws);
    let rowNo = 6;
    for (const p of projects) {
      const items = itemsOf(p.indicators);
      expect(items.map((it) => Number(it[0]))).toEqual([1, 2, 3, 4]);
      const first = rowNo;
      for (const it of items) {
        const row = ws.getRow(rowNo);
        expect([2, 3, 4, 5, 6].map((k) => row.getCell(5 + k).value)).toEqual(it.slice(1));
        rowNo++;
      }
      const last = rowNo - 1;
      for (const col of ["A", "B", "C", "D", "E", "F"]) expect(ms).toContain(`${col}${first}:${col}${last}`);
      expect(text(ws.getCell(`A${first}`)).trim()).toBe(p.name);
      expect(ws.getCell(`B${first}`).value).toBe(p.total);
      expect(ws.getCell(`C${first}`).value).toBe(p.fiscal);
      expect(ws.getCell(`F${first}`).value).toBe(p.goal);
    }
    expect(rowNo - 6).toBe(20);
    expect(ws.rowCount).toBe(25);
    // Spot checks read off the seed text by hand.
    expect(ws.getCell("I10").value).toBe("00-专家评审通过率");
    expect(ws.getCell("J16").value).toBe("250");
    expect(ws.getCell("K16").value).toBe("40");
    expect(ws.getCell("J8").value).toBe("6人");
    expect(ws.getCell("H9").value).toBe("22-社会效益");
    expect(ws.getCell("K13").value).toBe("4个");
    expect(ws.getCell("J25").value).toBe("≥80%");
  });
});

describe("indicator rows of the builder", () => {
  it("agree with an independent reading of each project's text (parsed by parseIndicators)", () => {
    for (const p of projects) expect(indicatorRows(p.indicators)).toEqual(itemsOf(p.indicators).map((it) => it.slice(1)));
  });
  it("the canonical split refuses an item that is not canonical", () => {
    expect(() => splitCanonical("1、1-产出指标；11-数量指标；名称；实施周期指标值:1个。")).toThrow(/not a canonical item/);
  });
});

// ---------------------------------------------------------------------------------------------
// Variants
// ---------------------------------------------------------------------------------------------

const KNOWN_RULES = new Set([
  "JX001", "JX101", "JX102", "JX103", "JX104", "JX105", "JX201", "JX202", "JX203", "JX204", "JX205",
  "JX301", "JX302", "JX303", "JX304", "JX401", "JX402", "JX403", "JX501", "JX502", "JX503", "JX504",
  "JX505", "JX506", "JX507", "JX508",
]);
const AMOUNT_LABELS = ["总计", "财政拨款", "财政专户拨款", "其他资金"];
const NAME_LABEL = "项目名称（资金使用单位）";

/** The column label a finding of this rule must sit under, per layout (the rules' cell conventions). */
function expectedLabels(ruleId: string, layout: "published" | "structured"): string[] {
  if (/^JX10/.test(ruleId)) return AMOUNT_LABELS;
  if (ruleId === "JX201") return ["绩效目标"];
  if (layout === "published") return ["绩效指标"];
  if (ruleId === "JX202" || ruleId === "JX203" || ruleId === "JX204") return [NAME_LABEL];
  if (ruleId === "JX302") return ["二级指标"];
  if (ruleId === "JX301" || ruleId === "JX303") return ["一级指标", "二级指标"];
  if (ruleId === "JX401" || ruleId === "JX402") return ["三级指标"];
  return ["一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"];
}

/** Header row = the last row whose column A reads 项目名称（资金使用单位） (a two-row merged header repeats it). */
function headerRowOf(ws: ExcelJS.Worksheet): number {
  let found = -1;
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (row.getCell(1).value === NAME_LABEL) found = n;
  });
  if (found < 0) throw new Error("no header");
  return found;
}

async function checkAddresses(file: string, layout: "published" | "structured", list: Expected[]): Promise<void> {
  const ws = await sheetOf(file);
  const header = headerRowOf(ws);
  const unitName = seed.rows[1].name;
  for (const e of list) {
    expect(KNOWN_RULES.has(e.ruleId)).toBe(true);
    const m = /^([A-Z]+)(\d+)$/.exec(e.cell);
    expect(m).not.toBeNull();
    const cell = ws.getCell(e.cell);
    const label = String(ws.getRow(header).getCell(cell.col).value);
    const rowName = text(ws.getCell(`A${cell.row}`)).trim();
    const rowNames = e.ruleId === "JX102" ? ["合计", unitName] : projects.map((p) => p.name);
    // Reported with the entry so a failure names it.
    expect({ file, ...e, labelOk: expectedLabels(e.ruleId, layout).includes(label), rowOk: rowNames.includes(rowName) })
      .toEqual({ file, ...e, labelOk: true, rowOk: true });
  }
}

describe("variants.json", () => {
  it("lists every file in broken/ and each listed file exists", () => {
    const listed = manifest.variants.map((v) => v.file).sort();
    const onDisk = readdirSync(join(SEEDS, "broken")).map((f) => `broken/${f}`).sort();
    expect(listed).toEqual(onDisk);
    expect(new Set(listed).size).toBe(listed.length);
    for (const c of manifest.clean) expect(existsSync(join(SEEDS, c.file))).toBe(true);
    expect(listed.length).toBeGreaterThanOrEqual(18);
  });

  it("describes each defect in Chinese and English", () => {
    for (const v of manifest.variants) {
      expect(v.defect).toMatch(/[\u4e00-\u9fff]/);
      const [zh, en] = v.defect.split(" / ");
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/[A-Za-z]{4,}/);
    }
  });

  it("names cells under the column and on the row the rule reports (clean seeds and baselines too)", async () => {
    await checkAddresses(PUBLISHED, "published", manifest.clean[0].expect);
    await checkAddresses(STRUCTURED, "structured", manifest.clean[1].expect);
    for (const v of manifest.variants) {
      if (v.expect === "no-table") continue;
      await checkAddresses(v.file, v.base, [...v.expect, ...(v.mayAlso ?? []), ...(v.baseline ?? [])]);
    }
  });

  const simple = manifest.variants.filter((v): v is VariantEntry & { changed: string[] } => !!v.changed);
  it.each(simple.map((v) => [v.file, v] as const))("%s differs from its seed exactly in the changed cells", async (_f, v) => {
    const base = cellMap(await sheetOf(v.base === "published" ? PUBLISHED : STRUCTURED));
    const ws = await sheetOf(v.file);
    expect(diffCells(base, cellMap(ws))).toEqual([...v.changed].sort());
    // The defect's own cells (not the parents a sum rule blames) are among the changed ones.
    if (Array.isArray(v.expect)) {
      for (const e of v.expect) if (e.ruleId !== "JX102") expect(v.changed).toContain(e.cell);
    }
    expect(merges(ws)).toEqual(merges(await sheetOf(v.base === "published" ? PUBLISHED : STRUCTURED)));
  });

  it("the changed cells carry the defect the file is named after", async () => {
    const g = async (file: string, addr: string): Promise<ExcelJS.Cell> => (await sheetOf(`broken/${file}`)).getCell(addr);
    expect((await g("total-off-by-0.01.xlsx", "B6")).value).toBe(35.09);
    expect((await g("total-off-by-0.01.xlsx", "C6")).value).toBe(35.08);
    expect((await g("unit-row-not-summing.xlsx", "B5")).value).toBe(333.8);
    expect((await g("unit-row-not-summing.xlsx", "B4")).value).toBe(333.81);
    expect(text(await g("l2-under-wrong-l1.xlsx", "G7"))).toContain("1-产出指标；22-社会效益");
    expect(text(await g("missing-annual-value.xlsx", "G6"))).toContain("补偿人员人数；实施周期指标值:6人。4、");
    expect(text(await g("numbering-gap.xlsx", "G9")).match(/\d+(?=、\d-)/g)).toEqual(["1", "2", "4", "5"]);
    expect(text(await g("rate-above-100.xlsx", "G9"))).toContain("服务保障率；实施周期指标值:≥120%");
    const asText = await g("amounts-as-text.xlsx", "B9");
    expect(asText.value).toBe("80.00");
    expect(asText.numFmt).toBe("@");
    const hw = text(await g("halfwidth-punctuation.xlsx", "G9"));
    expect(hw).toContain(";");
    expect(hw).toContain("：");
    expect((await g("goal-missing.xlsx", "F9")).value ?? null).toBeNull();
    const noEff = text(await g("no-satisfaction-and-no-effect.xlsx", "G9"));
    expect(itemsOf(noEff).map((it) => it[1])).toEqual(["1-产出指标", "1-产出指标", "1-产出指标"]);
    expect(text(await g("code-name-mismatch.xlsx", "G6"))).toContain("2-产出指标");
    expect(text(await g("satisfaction-below-floor.xlsx", "G9"))).toContain("单位人员满意度；实施周期指标值:≥70%；年度指标值:≥70%");
    expect(text(await g("negative-direction.xlsx", "G6"))).toContain("投诉次数；实施周期指标值:≥5次");
    expect(text(await g("pseudo-category.xlsx", "G9"))).toContain("4-过程指标");
    expect((await g("three-decimals.xlsx", "C9")).value).toBe(80.001);
    expect((await g("amount-error-value.xlsx", "C9")).value).toEqual({ error: "#REF!" });
    expect(text(await g("lookalike-comparator.xlsx", "G9"))).toContain(">=90%");
    expect(text(await g("placeholder-name.xlsx", "G9"))).toContain("XX");
    expect((await g("indicators-missing.xlsx", "G9")).value ?? null).toBeNull();
    expect(text(await g("cost-over-total.xlsx", "G9"))).toMatch(/≤85万元。$/);
    expect((await g("cost-over-total.xlsx", "B9")).value).toBe(80);
    expect(text(await g("date-serial.xlsx", "G6"))).toContain(":45657；");
    const broken = text(await g("pdf-line-breaks.xlsx", "G6"));
    expect(broken).toContain("年\n度指标值");
    expect(broken.replace(/\n/g, "")).toBe(projects[0].indicators); // only line breaks added
    expect((await g("structured-l2-wrong.xlsx", "H12")).value).toBe("11-数量指标");
    expect((await g("structured-l2-wrong.xlsx", "G12")).value).toBe("2-效益指标");
    expect((await g("structured-l2-wrong.xlsx", "I12")).value).toBe("提出政策优化建议");
    const indented = await g("excel-indent.xlsx", "A9");
    expect(indented.value).toBe("其他运行经费");
    expect(indented.alignment?.indent).toBe(1);
    expect((await g("excel-indent.xlsx", "A5")).alignment?.indent ?? 0).toBe(0);
  });

  it("header-moved-down-merged: three rows above, a two-row merged header, the data moved down by 4", async () => {
    const ws = await sheetOf("broken/header-moved-down-merged.xlsx");
    const base = await sheetOf(PUBLISHED);
    expect(ws.getCell("A1").value).toBe("附件3");
    for (const a of ["A2", "A3", "B1", "B2"]) expect(ws.getCell(a).value ?? null).toBeNull();
    expect(ws.getCell("A4").value).toBe(seed.title);
    expect(ws.getCell("A5").value).toBe(seed.unitLine);
    const ms = merges(ws);
    for (const m of ["A6:A7", "B6:B7", "C6:E6", "F6:F7", "G6:G7"]) expect(ms).toContain(m);
    expect(ws.getCell("C6").value).toBe("资金来源");
    expect([ws.getCell("C7").value, ws.getCell("D7").value, ws.getCell("E7").value]).toEqual(["财政拨款", "财政专户拨款", "其他资金"]);
    for (let r = 4; r <= 10; r++)
      for (let c = 1; c <= 7; c++) expect(ws.getCell(r + 4, c).value).toEqual(base.getCell(r, c).value);
    expect(ws.rowCount).toBe(14);
  });

  it("columns-reordered: the same values under the same header labels", async () => {
    const ws = await sheetOf("broken/columns-reordered.xlsx");
    const base = await sheetOf(PUBLISHED);
    const labels = (s: ExcelJS.Worksheet): string[] => [1, 2, 3, 4, 5, 6, 7].map((c) => text(s.getCell(3, c)));
    expect(labels(ws)).toEqual(["项目名称（资金使用单位）", "总计", "其他资金", "财政拨款", "财政专户拨款", "绩效指标", "绩效目标"]);
    const baseLabels = labels(base);
    labels(ws).forEach((label, i) => {
      const from = baseLabels.indexOf(label) + 1;
      for (let r = 4; r <= 10; r++) expect(ws.getCell(r, i + 1).value).toEqual(base.getCell(r, from).value);
    });
  });

  it("structured-repeated-cells: the structured values with no merges below the header", async () => {
    const ws = await sheetOf("broken/structured-repeated-cells.xlsx");
    const base = await sheetOf(STRUCTURED);
    expect(merges(ws)).toEqual(["A1:K1", "A2:K2"]);
    expect(diffCells(cellMap(base), cellMap(ws))).toEqual([]);
    expect(ws.getCell("B21").value).toBe(80); // written on every row, not a merged copy
  });

  it("no-target-table: one unrelated sheet", async () => {
    const wb = await load("broken/no-target-table.xlsx");
    expect(wb.worksheets.map((w) => w.name)).toEqual(["说明"]);
    const all = [...cellMap(wb.worksheets[0]).values()].join("");
    for (const word of ["绩效", "总计", "财政拨款", "项目名称"]) expect(all).not.toContain(word);
    expect(manifest.variants.find((v) => v.file === "broken/no-target-table.xlsx")?.expect).toBe("no-table");
  });
});

describe("seeds/README.md", () => {
  it("lists every file in seeds/", () => {
    const readme = readFileSync(join(SEEDS, "README.md"), "utf8");
    const files = [
      ...readdirSync(SEEDS).filter((f) => f !== "README.md" && f !== "broken"),
      ...readdirSync(join(SEEDS, "broken")).map((f) => `broken/${f}`),
    ];
    for (const f of files) expect({ f, listed: readme.includes(`\`${f}\``) }).toEqual({ f, listed: true });
  });
});

describe("rebuild", () => {
  let dir = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "jixiao-seeds-"));
    await buildSeeds(dir);
  }, 30000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("gives the committed cell values, merges and dates for every workbook, and the same manifest", async () => {
    const files = [PUBLISHED, STRUCTURED, ...manifest.variants.map((v) => v.file)];
    for (const f of files) {
      const a = await load(f);
      const b = await load(f, dir);
      expect(b.worksheets.map((w) => w.name)).toEqual(a.worksheets.map((w) => w.name));
      a.worksheets.forEach((wa, i) => {
        const wb = b.worksheets[i];
        expect({ f, diff: diffCells(cellMap(wa), cellMap(wb)) }).toEqual({ f, diff: [] });
        expect(merges(wb)).toEqual(merges(wa));
      });
      expect(b.created.toISOString()).toBe("2024-01-15T00:00:00.000Z");
      expect(a.created.toISOString()).toBe(b.created.toISOString());
      expect(a.modified.toISOString()).toBe(b.modified.toISOString());
    }
    expect(readFileSync(join(dir, "variants.json"), "utf8")).toBe(readFileSync(join(SEEDS, "variants.json"), "utf8"));
  }, 30000);
});
