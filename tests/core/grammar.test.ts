import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  formatIndicator,
  formatIndicators,
  formatValue,
  parseCategory,
  parseIndicators,
  parseName,
  parseValue,
  toSpec,
  type IndicatorSpec,
} from "../../src/core/grammar";
import { stripLineBreaks } from "../../src/core/text";
import type { GrammarNoteKind, Indicator, TextPart } from "../../src/core/types";
import seed from "../../seeds/guangzhou-land-planning-2024.json";

const CELL = { row: 6, col: 6 };
const seedCells: string[] = seed.rows.filter((r) => r.level === "project").map((r) => r.indicators);

/** The five 绩效指标 cells as the PDF text breaks them: from the line starting `1、` to the end of the project block. */
function pdfCells(): string[] {
  const txt = readFileSync(join(__dirname, "../../seeds/000_f89a8484d8bfc957.txt"), "utf8");
  const blocks = txt.split(/\n {4}(?=\S)/).slice(1); // each project block starts with a 4-space indented name
  return blocks.map((b) => {
    const start = b.lastIndexOf("\n1、") + 1;
    return b.slice(start).replace(/\s+$/, "");
  });
}

function parts(ind: Indicator): TextPart[] {
  return [ind.whole, ind.seqPart, ind.l1, ind.l2, ind.name, ind.period, ind.annual].filter((p): p is TextPart => p !== null);
}

function expectSpansExact(text: string, inds: Indicator[]): void {
  for (const ind of inds) {
    for (const p of parts(ind)) {
      expect(p.raw).toBe(text.slice(p.span.start, p.span.end));
      expect(p.cell).toBe(CELL);
    }
    for (const n of ind.notes) {
      expect(n.span.start).toBeGreaterThanOrEqual(0);
      expect(n.span.end).toBeLessThanOrEqual(text.length);
      expect(n.span.start).toBeLessThanOrEqual(n.span.end);
    }
  }
}

function kinds(ind: Indicator): GrammarNoteKind[] {
  return ind.notes.map((n) => n.kind);
}

/** One canonical item with the given middle, to test one tolerance at a time. */
const ITEM = "1、1-产出指标；11-数量指标；补偿人员人数；实施周期指标值:6人；年度指标值:6人。";

describe("seed cells (published layout)", () => {
  test("there are five project cells, four indicators each, 20 in all", () => {
    expect(seedCells).toHaveLength(5);
    const counts = seedCells.map((c) => parseIndicators(c, CELL).length);
    expect(counts).toEqual([4, 4, 4, 4, 4]);
  });

  test("机构运行辅助经费: every field of the first and second item, checked by hand", () => {
    const text = seedCells[0]!;
    const inds = parseIndicators(text, CELL);
    const a = inds[0]!;
    expect(a.index).toBe(0);
    expect(a.seq).toBe(1);
    // Parts are class instances whose raw/cell/span are getters: toMatchObject reads them, toEqual would not.
    expect(a.seqPart).toMatchObject({ raw: "1", cell: CELL, span: { start: 0, end: 1 } });
    // "1、" is 0..2, "1-产出指标" 2..8, "；" 8, "13-时效指标" 9..16, "；" 16, "补偿发放及时率" 17..24, "；" 24,
    // "实施周期指标值" 25..32, ":" 32, "100%" 33..37, "；" 37, "年度指标值" 38..43, ":" 43, "100%" 44..48, "。" 48.
    expect(a.l1).toMatchObject({ raw: "1-产出指标", cell: CELL, span: { start: 2, end: 8 }, code: "1", name: "产出指标" });
    expect(a.l2).toMatchObject({ raw: "13-时效指标", cell: CELL, span: { start: 9, end: 16 }, code: "13", name: "时效指标" });
    expect(a.name).toMatchObject({ raw: "补偿发放及时率", cell: CELL, span: { start: 17, end: 24 }, text: "补偿发放及时率", codePrefix: null });
    const pct = { kind: "quantitative", comparator: null, comparatorRaw: null, number: 100, numberRaw: "100", unit: "%", text: null };
    expect(a.period).toMatchObject({ raw: "100%", cell: CELL, span: { start: 33, end: 37 }, ...pct });
    expect(a.annual).toMatchObject({ raw: "100%", cell: CELL, span: { start: 44, end: 48 }, ...pct });
    expect(a.whole.span).toEqual({ start: 0, end: 49 });
    expect(a.whole.raw.endsWith("。")).toBe(true);
    expect(a.notes).toEqual([]);

    const b = inds[1]!;
    expect(b.seq).toBe(2);
    expect(b.whole.span.start).toBe(49);
    expect(b.l1).toMatchObject({ code: "3", name: "满意度指标" });
    expect(b.l2).toMatchObject({ code: "31", name: "服务对象满意度" });
    expect(b.name?.text).toBe("编外人员满意度");
    expect(b.period).toMatchObject({ kind: "quantitative", comparator: "≥", comparatorRaw: "≥", number: 80, numberRaw: "80", unit: "%" });
    expect(b.annual?.raw).toBe("≥80%");
    expect(inds[2]!.period).toMatchObject({ number: 6, unit: "人" });
    expect(inds[3]!.l2).toMatchObject({ code: "22", name: "社会效益" });
    expect(inds[3]!.annual).toMatchObject({ number: 0, unit: "次", comparator: null });
    expectSpansExact(text, inds);
  });

  test("耕地保护: the 00- code prefix stays in the name and is reported", () => {
    const inds = parseIndicators(seedCells[1]!, CELL);
    expect(inds[0]!.name).toMatchObject({ text: "00-专家评审通过率", codePrefix: "00-", raw: "00-专家评审通过率" });
    expect(inds[2]!.period).toMatchObject({ comparator: "≥", number: 3, unit: "条" });
    expect(inds[3]!.period).toMatchObject({ number: 10, unit: "个" });
    expect(inds[3]!.annual).toMatchObject({ number: 4, unit: "个" });
    expect(inds.slice(1).every((i) => i.name?.codePrefix === null)).toBe(true);
  });

  test("信息化运维 2023-2024: 250 / 40 without unit, a name with 、, a unit in the name", () => {
    const inds = parseIndicators(seedCells[2]!, CELL);
    expect(inds.map((i) => i.seq)).toEqual([1, 2, 3, 4]);
    const c = inds[2]!;
    expect(c.name?.text).toBe("网络、终端、外设及病毒查杀巡查记录次数");
    expect(c.period).toMatchObject({ kind: "quantitative", number: 250, numberRaw: "250", unit: null, comparator: null });
    expect(c.annual).toMatchObject({ kind: "quantitative", number: 40, unit: null });
    const d = inds[3]!;
    expect(d.name?.text).toBe("服务对象满意度调查（%）");
    expect(d.period).toMatchObject({ comparator: "≥", number: 80, unit: "%" });
    expect(inds[0]!.period).toMatchObject({ comparator: "≥", number: 99, unit: "%" });
  });

  test("every seed cell parses without notes and formats back to itself", () => {
    for (const text of seedCells) {
      const inds = parseIndicators(text, CELL);
      expect(inds.flatMap((i) => i.notes)).toEqual([]);
      expect(formatIndicators(inds.map(toSpec))).toBe(text);
      expectSpansExact(text, inds);
      // Items tile the cell: each whole starts where the previous ended.
      for (let i = 1; i < inds.length; i++) expect(inds[i]!.whole.span.start).toBe(inds[i - 1]!.whole.span.end);
      expect(inds[inds.length - 1]!.whole.span.end).toBe(text.length);
    }
  });

  test("the same cells with the PDF's line breaks give the same specs and exact spans", () => {
    const pdf = pdfCells();
    expect(pdf).toHaveLength(5);
    for (let k = 0; k < 5; k++) {
      const text = pdf[k]!;
      expect(text).toMatch(/\n/);
      expect(stripLineBreaks(text)).toBe(seedCells[k]);
      const inds = parseIndicators(text, CELL);
      const plain = parseIndicators(seedCells[k]!, CELL);
      expect(inds.map(toSpec)).toEqual(plain.map(toSpec));
      expectSpansExact(text, inds);
      // Each part is the seed's part with line breaks added.
      for (let i = 0; i < inds.length; i++) {
        const p1 = parts(inds[i]!);
        const p2 = parts(plain[i]!);
        expect(p1.map((p) => stripLineBreaks(p.raw))).toEqual(p2.map((p) => p.raw));
      }
      // Only line-break notes, each on a break between two token characters, each deleting it.
      for (const ind of inds) {
        for (const n of ind.notes) {
          expect(n.kind).toBe("line-break");
          expect(n.canonical).toBe("");
          expect(text.slice(n.span.start, n.span.end)).toMatch(/^\n+$/);
          expect(n.span.start).toBeGreaterThanOrEqual(ind.whole.span.start);
          expect(n.span.end).toBeLessThanOrEqual(ind.whole.span.end);
        }
      }
    }
  });

  test("PDF breaks inside tokens are noted: 年\\n\\n度指标值, 11-数量指\\n标, 实施周期指标\\n值, ≥3\\n\\n条", () => {
    const pdf = pdfCells();
    const first = parseIndicators(pdf[0]!, CELL);
    // "…实施周期指标值:100%；年\n\n度指标值:100%。"
    const brk = pdf[0]!.indexOf("年\n\n度") + 1;
    expect(first[0]!.notes).toEqual([{ kind: "line-break", span: { start: brk, end: brk + 2 }, canonical: "" }]);
    expect(first[0]!.annual?.raw).toBe("100%");
    expect(first[2]!.l2).toMatchObject({ raw: "11-数量指\n标", name: "数量指标", code: "11" });
    const second = parseIndicators(pdf[1]!, CELL);
    expect(second[0]!.period?.raw).toBe("100%");
    expect(kinds(second[0]!)).toEqual(["line-break"]); // 实施周期指标\n值
    expect(second[2]!.annual).toMatchObject({ raw: "≥3\n\n条", number: 3, unit: "条" });
    const third = parseIndicators(pdf[2]!, CELL);
    expect(third[0]!.name).toMatchObject({ text: "电子办公硬件和软件故障问题及时解决完成率", raw: "电子办公硬件和软件故障问题及时解决完成\n率" });
    expect(third[3]!.l2).toMatchObject({ raw: "31-\n服务对象满意度", code: "31", name: "服务对象满意度" });
    // "31-\n服务" sits next to the dash, a token character: noted.
    const at = pdf[2]!.indexOf("31-\n") + 3;
    expect(third[3]!.notes.some((n) => n.span.start === at && n.kind === "line-break")).toBe(true);
  });
});

describe("tolerances and their notes", () => {
  test("line breaks anywhere, even between the number and 、", () => {
    const text = "1\n、1-产出指标；1\n1-数量指标；补偿人员\n人数；实施周期指标值:\n≥3\n条；年\n度指标值:3条\n。";
    const [ind, ...rest] = parseIndicators(text, CELL);
    expect(rest).toEqual([]);
    expect(toSpec(ind!)).toEqual({
      seq: 1,
      l1: { code: "1", name: "产出指标" },
      l2: { code: "11", name: "数量指标" },
      name: "补偿人员人数",
      period: { comparator: "≥", number: 3, unit: "条", text: null },
      annual: { comparator: null, number: 3, unit: "条", text: null },
    });
    expectSpansExact(text, [ind!]);
    // Breaks inside tokens: 1\n1, 人员\n人数, ≥3\n条, 年\n度 (not after 、, :, or before 。 / 、).
    const noted = ind!.notes.filter((n) => n.kind === "line-break").map((n) => text.slice(n.span.start - 1, n.span.end + 1));
    expect(noted).toEqual(["1\n1", "员\n人", "3\n条", "年\n度"]);
  });

  test("CRLF and spaces around delimiters", () => {
    const text = " 1 、 1-产出指标 ； 11-数量指标；补偿 人员；实施周期指标值 : 6人 ；年度指标值:6 人 。\r\n";
    const [ind] = parseIndicators(text, CELL);
    expect(ind!.name?.text).toBe("补偿 人员");
    expect(ind!.period).toMatchObject({ number: 6, unit: "人", raw: "6人" });
    expect(ind!.annual).toMatchObject({ number: 6, unit: "人", raw: "6 人" });
    expect(ind!.notes).toEqual([]);
    expectSpansExact(text, [ind!]);
  });

  test("half-width ; and . after the number and as terminator, full-width ：", () => {
    const text = "1.1-产出指标;11-数量指标；补偿人员人数；实施周期指标值：6人；年度指标值:6人.";
    const [ind] = parseIndicators(text, CELL);
    expect(toSpec(ind!)).toEqual(toSpec(parseIndicators(ITEM)[0]!));
    expect(ind!.notes).toEqual([
      { kind: "halfwidth-punctuation", span: { start: 1, end: 2 }, canonical: "、" },
      { kind: "halfwidth-punctuation", span: { start: 8, end: 9 }, canonical: "；" },
      { kind: "fullwidth-colon", span: { start: 31, end: 32 }, canonical: ":" },
      { kind: "halfwidth-punctuation", span: { start: text.length - 1, end: text.length }, canonical: "。" },
    ]);
    expect(text.slice(31, 32)).toBe("：");
    const full = parseIndicators("1．1-产出指标；11-数量指标；x；实施周期指标值:1个；年度指标值:1个。")[0]!;
    expect(full.seq).toBe(1);
    expect(full.notes).toEqual([{ kind: "halfwidth-punctuation", span: { start: 1, end: 2 }, canonical: "、" }]);
  });

  test("a missing 。 is a zero-width note at the item end; the next item still starts", () => {
    const text = "1、1-产出指标；11-数量指标；补偿人员人数；实施周期指标值:6人；年度指标值:6人2、2-效益指标；22-社会效益；争议次数；实施周期指标值:0次；年度指标值:0次";
    const inds = parseIndicators(text, CELL);
    expect(inds.map((i) => i.seq)).toEqual([1, 2]);
    const end1 = text.indexOf("2、");
    expect(inds[0]!.notes).toEqual([{ kind: "missing-terminator", span: { start: end1, end: end1 }, canonical: "。" }]);
    expect(inds[0]!.annual).toMatchObject({ number: 6, unit: "人" });
    expect(inds[1]!.notes).toEqual([{ kind: "missing-terminator", span: { start: text.length, end: text.length }, canonical: "。" }]);
    expect(inds[1]!.whole.span).toEqual({ start: end1, end: text.length });
  });

  test.each([
    [">=", "≥"], ["≧", "≥"], ["＞＝", "≥"], ["＝", "="], ["<=", "≤"], ["≦", "≤"], ["＞", ">"], ["＜", "<"],
    ["不低于", "≥"], ["不少于", "≥"], ["大于等于", "≥"], ["不高于", "≤"], ["不超过", "≤"], ["不多于", "≤"],
    ["小于等于", "≤"], ["大于", ">"], ["小于", "<"], ["等于", "="],
  ])("look-alike comparator %s → %s, noted with its span", (raw, canon) => {
    const text = `1、1-产出指标；11-数量指标；x；实施周期指标值:${raw}5次；年度指标值:5次。`;
    const [ind] = parseIndicators(text, CELL);
    expect(ind!.period).toMatchObject({ comparator: canon, comparatorRaw: raw, number: 5, unit: "次", raw: `${raw}5次` });
    const start = text.indexOf(raw, 20);
    expect(ind!.notes).toEqual([{ kind: "lookalike-comparator", span: { start, end: start + raw.length }, canonical: canon }]);
  });

  test.each(["≥", "≤", "=", ">", "<"])("canonical comparator %s is not noted", (c) => {
    const [ind] = parseIndicators(`1、1-产出指标；11-数量指标；x；实施周期指标值:${c}5次；年度指标值:5次。`);
    expect(ind!.period?.comparator).toBe(c);
    expect(ind!.notes).toEqual([]);
  });

  test("values: full-width digits, decimals, no unit, no comparator, compound units", () => {
    const c = { row: 0, col: 0 };
    expect(parseValue("１００％", c)).toMatchObject({ kind: "quantitative", number: 100, numberRaw: "１００", unit: "％" });
    expect(parseValue("1346.0088万平方米", c)).toMatchObject({ number: 1346.0088, numberRaw: "1346.0088", unit: "万平方米" });
    expect(parseValue("250", c)).toMatchObject({ kind: "quantitative", number: 250, unit: null, comparator: null });
    expect(parseValue("100%", c)).toMatchObject({ comparator: null, comparatorRaw: null, number: 100, unit: "%" });
    expect(parseValue("≥5人/次", c)).toMatchObject({ comparator: "≥", number: 5, unit: "人/次" });
    expect(parseValue("3万/月", c)).toMatchObject({ number: 3, unit: "万/月" });
    expect(parseValue("95%(百分比)", c)).toMatchObject({ number: 95, unit: "%(百分比)" });
    expect(parseValue("1200人次", c)).toMatchObject({ number: 1200, unit: "人次" });
    expect(parseValue("≥ 80 %", c)).toMatchObject({ comparator: "≥", number: 80, unit: "%" });
    expect(parseValue("1,234.5万元", c)).toMatchObject({ number: 1234.5, numberRaw: "1,234.5", unit: "万元" });
    expect(parseValue("-5%", c)).toMatchObject({ number: -5, unit: "%" });
    expect(parseValue("44561", c)).toMatchObject({ kind: "quantitative", number: 44561, unit: null });
  });

  test.each(["优良", "有效提升", "是", "达标", "2025年12月", "2023.07-2024.01", "12月底前", "≥良好"])(
    "qualitative value %s keeps its text, number null",
    (v) => {
      const text = `1、1-产出指标；13-时效指标；x；实施周期指标值:${v}；年度指标值:${v}。`;
      const [ind] = parseIndicators(text, CELL);
      expect(ind!.period).toMatchObject({ kind: "qualitative", text: v, number: null, numberRaw: null, unit: null, comparator: null, raw: v });
      expect(ind!.annual?.text).toBe(v);
      expect(parseIndicators(text)).toHaveLength(1); // 2023.07-2024.01 does not start an item
    },
  );

  test("empty values are kind empty with a zero-width span after the colon", () => {
    const text = "1、1-产出指标；11-数量指标；x；实施周期指标值:；年度指标值: 。";
    const [ind] = parseIndicators(text, CELL);
    const at = text.indexOf(":") + 1;
    expect(ind!.period).toMatchObject({ kind: "empty", number: null, text: null, raw: "", span: { start: at, end: at } });
    expect(ind!.annual?.kind).toBe("empty");
  });

  test("三级 names with 、 and digits do not split items; a date-like name stays one item", () => {
    const text =
      "1、1-产出指标；11-数量指标；网络、终端、外设及病毒查杀巡查记录次数；实施周期指标值:250；年度指标值:40。" +
      "2、1-产出指标；11-数量指标；市土规中心2023-2024年信息化运维完成率；实施周期指标值:100%；年度指标值:100%。" +
      "3、1-产出指标；11-数量指标；第1、2期工程完成数；实施周期指标值:2期；年度指标值:1期。" +
      "4、2-效益指标；22-社会效益；完成3.5万平方米、1-2级道路；实施周期指标值:1项；年度指标值:1项。";
    const inds = parseIndicators(text, CELL);
    expect(inds.map((i) => i.seq)).toEqual([1, 2, 3, 4]);
    expect(inds.map((i) => i.name?.text)).toEqual([
      "网络、终端、外设及病毒查杀巡查记录次数",
      "市土规中心2023-2024年信息化运维完成率",
      "第1、2期工程完成数",
      "完成3.5万平方米、1-2级道路",
    ]);
    expect(inds.every((i) => i.notes.length === 0)).toBe(true);
    expect(inds[1]!.name?.codePrefix).toBeNull();
  });

  test("一级 without code, 3-part items, gaps in the numbering", () => {
    const text = "1、产出指标；数量指标；补偿人员人数；实施周期指标值:6人；年度指标值:6人。3、1-产出指标；11-数量指标；只有名称。";
    const inds = parseIndicators(text, CELL);
    expect(inds.map((i) => i.seq)).toEqual([1, 3]);
    expect(inds[0]!.l1).toMatchObject({ code: null, name: "产出指标" });
    expect(inds[0]!.l2).toMatchObject({ code: null, name: "数量指标" });
    expect(inds[1]!.name?.text).toBe("只有名称");
    expect(inds[1]!.period).toBeNull();
    expect(inds[1]!.annual).toBeNull();
  });

  test("an item with a category and a name only: the category goes to its level", () => {
    const [a] = parseIndicators("1、13-时效指标；及时率；实施周期指标值:100%；年度指标值:100%。");
    expect(a!.l1).toBeNull();
    expect(a!.l2).toMatchObject({ code: "13" });
    expect(a!.name?.text).toBe("及时率");
    const [b] = parseIndicators("1、1-产出指标；及时率；实施周期指标值:100%；年度指标值:100%。");
    expect(b!.l1).toMatchObject({ code: "1" });
    expect(b!.l2).toBeNull();
  });

  test("values without labels get missing-label notes with the label to insert", () => {
    const text = "1、1-产出指标；11-数量指标；补偿人员人数；6人；6人。";
    const [ind] = parseIndicators(text, CELL);
    expect(ind!.period).toMatchObject({ number: 6, unit: "人" });
    expect(ind!.annual).toMatchObject({ number: 6, unit: "人" });
    const p1 = text.indexOf("6人");
    const p2 = text.lastIndexOf("6人");
    expect(ind!.notes).toEqual([
      { kind: "missing-label", span: { start: p1, end: p1 }, canonical: "实施周期指标值:" },
      { kind: "missing-label", span: { start: p2, end: p2 }, canonical: "年度指标值:" },
    ]);
    const [only] = parseIndicators("1、1-产出指标；11-数量指标；x；实施周期指标值:6人；5人。");
    expect(only!.annual).toMatchObject({ number: 5 });
    expect(kinds(only!)).toEqual(["missing-label"]);
  });

  test("an item without a number gets missing-seq; text between items gets extra-text", () => {
    const text = "说明：1、1-产出指标；11-数量指标；x；实施周期指标值:1个；年度指标值:1个。（备注）1-产出指标；12-质量指标；y；实施周期指标值:1个；年度指标值:1个。";
    const inds = parseIndicators(text, CELL);
    expect(inds.map((i) => i.seq)).toEqual([1, null]);
    const ms = text.indexOf("（备注）1-") + 4;
    // （备注） before the item's first category is stray text: an extra-text note on the item before it.
    expect(inds[0]!.notes).toEqual([
      { kind: "extra-text", span: { start: 0, end: 3 } },
      { kind: "extra-text", span: { start: ms - 4, end: ms } },
    ]);
    expect(inds[1]!.notes).toEqual([{ kind: "missing-seq", span: { start: ms, end: ms } }]);
    expect(inds[1]!.whole.raw).toBe(text.slice(ms));
    expect(inds[1]!.l1?.raw).toBe("1-产出指标");
    expect(inds[1]!.name?.text).toBe("y");
    // The item is 39 characters (1、=2, 1-产出指标=6, 11-数量指标=7, x=1, 实施周期指标值:1个=10, 年度指标值:1个=8, four ；, one 。: 39).
    const trailing = parseIndicators("1、1-产出指标；11-数量指标；x；实施周期指标值:1个；年度指标值:1个。以上指标均为预计。");
    expect(trailing).toHaveLength(1);
    expect(trailing[0]!.whole.span).toEqual({ start: 0, end: 39 });
    expect(trailing[0]!.notes).toEqual([{ kind: "extra-text", span: { start: 39, end: 48 } }]);
  });

  test("an item with many fields: the five slots are filled, the rest is extra text", () => {
    const tail = Array.from({ length: 40 }, (_, i) => `备注${i}`).join("；");
    const text = `1、1-产出指标；11-数量指标；x；实施周期指标值:1个；年度指标值:1个；${tail}。`;
    const [ind] = parseIndicators(text, CELL);
    expect(toSpec(ind!).annual).toEqual({ comparator: null, number: 1, unit: "个", text: null });
    const extras = ind!.notes.filter((n) => n.kind === "extra-text");
    expect(extras).toHaveLength(40);
    expect(text.slice(extras[39]!.span.start, extras[39]!.span.end)).toBe("备注39");
  });

  test("a cell with no item pattern gives one indicator holding the text; an empty cell gives none", () => {
    expect(parseIndicators("", CELL)).toEqual([]);
    expect(parseIndicators(" \n\t ", CELL)).toEqual([]);
    const [none] = parseIndicators(" 无 ", CELL);
    expect(none).toMatchObject({ seq: null, l1: null, l2: null, period: null, annual: null, notes: [] });
    expect(none!.name).toMatchObject({ raw: "无", cell: CELL, span: { start: 1, end: 2 }, text: "无", codePrefix: null });
    const prose = "本项目为运转类项目，\n不设绩效指标。";
    const inds = parseIndicators(prose, CELL);
    expect(inds).toHaveLength(1);
    expect(inds[0]!.name?.text).toBe("本项目为运转类项目，不设绩效指标。");
    expect(inds[0]!.name?.raw).toBe(prose);
  });
});

describe("single cells of the structured layout", () => {
  const c = { row: 3, col: 2 };
  test("parseCategory", () => {
    expect(parseCategory("1-产出指标", c)).toMatchObject({ raw: "1-产出指标", cell: c, span: { start: 0, end: 6 }, code: "1", name: "产出指标" });
    expect(parseCategory(" 22-社会\n效益 ", c, 10)).toMatchObject({ raw: "22-社会\n效益", cell: c, span: { start: 11, end: 19 }, code: "22", name: "社会效益" });
    expect(parseCategory("产出指标", c)).toMatchObject({ code: null, name: "产出指标" });
    expect(parseCategory("１１－数量指标", c)).toMatchObject({ code: "11", name: "数量指标" });
    expect(parseCategory("", c)).toMatchObject({ code: null, name: "", raw: "", span: { start: 0, end: 0 } });
  });
  test("parseName", () => {
    expect(parseName("00-专家评审通过率", c)).toMatchObject({ text: "00-专家评审通过率", codePrefix: "00-" });
    expect(parseName("2023-2024年运维完成率", c)).toMatchObject({ codePrefix: null });
    expect(parseName(" 补偿发放\n及时率", c, 5)).toMatchObject({ raw: "补偿发放\n及时率", cell: c, span: { start: 6, end: 14 }, text: "补偿发放及时率", codePrefix: null });
  });
  test("parseValue with an offset into a larger text, and with a label", () => {
    const big = "实施周期指标值:≥99%";
    const v = parseValue(big.slice(8), c, 8);
    expect(v.span).toEqual({ start: 8, end: 12 });
    expect(big.slice(v.span.start, v.span.end)).toBe(v.raw);
    expect(parseValue(big, c)).toMatchObject({ comparator: "≥", number: 99, unit: "%", span: { start: 8, end: 12 } });
    expect(parseValue("", c)).toMatchObject({ kind: "empty" });
  });
});

describe("canonical writer", () => {
  const spec: IndicatorSpec = {
    seq: 2,
    l1: { code: "3", name: "满意度指标" },
    l2: { code: "31", name: "服务对象满意度" },
    name: "编外人员满意度",
    period: { comparator: "≥", number: 80, unit: "%", text: null },
    annual: { comparator: "≥", number: 80, unit: "%", text: null },
  };
  test("formatIndicator writes the seed's form", () => {
    expect(formatIndicator(spec)).toBe("2、3-满意度指标；31-服务对象满意度；编外人员满意度；实施周期指标值:≥80%；年度指标值:≥80%。");
  });
  test("formatValue: null comparator writes none, qualitative text, empty, decimals without exponent", () => {
    expect(formatValue({ comparator: null, number: 250, unit: null, text: null })).toBe("250");
    expect(formatValue({ comparator: "=", number: 0, unit: "次", text: null })).toBe("=0次");
    expect(formatValue({ comparator: null, number: null, unit: null, text: "优良" })).toBe("优良");
    expect(formatValue({ comparator: null, number: null, unit: null, text: null })).toBe("");
    expect(formatValue({ comparator: null, number: 1346.0088, unit: "万平方米", text: null })).toBe("1346.0088万平方米");
    expect(formatValue({ comparator: null, number: 1e-7, unit: null, text: null })).toBe("0.0000001");
    expect(formatValue({ comparator: null, number: 1e21, unit: null, text: null })).toBe("1000000000000000000000");
  });
  test("categories without code, the seed's first cell rebuilt from specs", () => {
    expect(formatIndicator({ ...spec, l1: { code: null, name: "满意度指标" } })).toMatch(/^2、满意度指标；31-/);
    const inds = parseIndicators(seedCells[0]!);
    expect(formatIndicators(inds.map(toSpec))).toBe(seedCells[0]);
  });
  test("messy input formats to the canonical text", () => {
    const messy = "1.1-产出指标;11-数量指\n标；补偿人员人数；实施周期指标值：>=6人；年度指标值:6人";
    expect(formatIndicators(parseIndicators(messy).map(toSpec))).toBe(
      "1、1-产出指标；11-数量指标；补偿人员人数；实施周期指标值:≥6人；年度指标值:6人。",
    );
  });
  test("toSpec of an indicator with missing parts", () => {
    const [ind] = parseIndicators("无");
    expect(toSpec(ind!)).toEqual({
      seq: 0,
      l1: { code: null, name: "" },
      l2: { code: null, name: "" },
      name: "无",
      period: { comparator: null, number: null, unit: null, text: null },
      annual: { comparator: null, number: null, unit: null, text: null },
    });
  });
});

describe("white space only", () => {
  // Found by the property test (counterexample U+2000): the rarer Unicode spaces are spaces too.
  test.each([0x20, 0x3000, 0xa0, 0x1680, 0x2000, 0x2005, 0x200a, 0x202f, 0x205f, 0xfeff])("a cell of code unit %i holds no indicator", (c) => {
    const ch = String.fromCharCode(c);
    expect(parseIndicators(ch, { row: 0, col: 6 })).toEqual([]);
    expect(parseIndicators(`${ch}${ch}\t${ch}`, { row: 0, col: 6 })).toEqual([]);
  });
});

// Found by the fuzz run (issue 6): parsing was not deterministic. The value facts of a text are shared through a
// map keyed by the text without its line breaks; facts read where the comparator had no line break were handed
// to a later value whose comparator has one, so its comparatorRaw lost the break ("不低于" for "不\r\n低于"),
// depending on what had been parsed before.
describe("a comparator broken by a line break, after the same value unbroken", () => {
  const item = (annual: string) =>
    `1、2-效益指标；22-社会效益；工作正常开展保障率；实施周期指标值:98％；年度指标值:${annual}。`;

  it("keeps its line break whatever was parsed before", () => {
    const broken = item("不\r\n低于98％");
    const fresh = parseIndicators(broken, CELL)[0].annual!;
    expect(fresh.comparatorRaw).toBe("不\r\n低于");
    parseIndicators(item("不低于98％"), CELL); // the same value, unbroken, read (and remembered) first
    const again = parseIndicators(broken, CELL)[0].annual!;
    expect(again.comparatorRaw).toBe("不\r\n低于");
    expect(again.raw).toBe("不\r\n低于98％");
    expect([again.comparator, again.number, again.unit]).toEqual(["≥", 98, "％"]);
  });

  it("and the unbroken value after the broken one keeps none", () => {
    parseIndicators(item("不\n低于97％"), CELL);
    expect(parseIndicators(item("不低于97％"), CELL)[0].annual!.comparatorRaw).toBe("不低于");
  });
});

// Found by the fuzz run (issue 6): the safe fix of a half-width terminator (`.` → `。`) changed how a cell was
// cut into items. After `N、` with no category, an item starts when its first field is closed; `.` was no stop
// for that look-ahead, which ran on into the next item to its ；, while `。` stopped it and no item started.
describe("an item of one field, ended with . or 。", () => {
  const next = "2、2-效益指标；22-社会效益；耕地保护责任目标履行情况；实施周期指标值:100%；年度指标值:100%。";
  it("starts at the same number either way", () => {
    for (const end of [".", "。"]) {
      const first = `1、度指标值:100%${end}`;
      const items = parseIndicators(first + next, CELL);
      expect(items.map((i) => [i.seq, i.whole.span.start])).toEqual([[1, 0], [2, first.length]]);
      expect(items[0].name?.text).toBe("度指标值:100%");
    }
  });
  it("while a decimal point after a sentence still starts no item", () => {
    const items = parseIndicators(`${next}3.5万元用于设备购置。`, CELL);
    expect(items.map((i) => i.seq)).toEqual([2]);
    expect(items[0].notes.map((n) => n.kind)).toContain("extra-text");
  });
});
