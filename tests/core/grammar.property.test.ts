import fc from "fast-check";
import {
  formatIndicators,
  parseCategory,
  parseIndicators,
  parseName,
  parseValue,
  toSpec,
  type IndicatorSpec,
  type ValueSpec,
} from "../../src/core/grammar";
import type { Comparator, Indicator, TextPart } from "../../src/core/types";

const CELL = { row: 1, col: 6 };

// ---------------------------------------------------------------------------------------------
// Valid specs: names without the grammar's delimiters
// ---------------------------------------------------------------------------------------------

const L1_NAMES = ["产出指标", "效益指标", "满意度指标", "成本指标", "效果指标", "项目完成指标", "制度指标"];
const L2_NAMES = ["数量指标", "质量指标", "时效指标", "社会效益", "服务对象满意度", "经济成本指标", "可持续影响指标", "具体指标"];
const NAME_CHUNKS = [
  "补偿", "发放", "及时率", "网络", "、", "终端", "病毒查杀", "次数", "市土规中心", "2023-2024年", "信息化", "（%）",
  "满意度", "调查", "00-", "专家评审", "通过率", "第", "3", "期", " ", "A级", "1346.0088", "万平方米", "·", "：", ":",
];
const UNITS = ["%", "人", "次", "个", "项", "条", "万元", "万平方米", "人/次", "万/月", "%(百分比)", "人次", "天", "km", "m²", "小时", "户"];
const QUALITATIVE = ["优良", "有效提升", "是", "否", "达标", "进一步完善", "2025年12月", "2023.07-2024.01", "12月底前", "≥良好", "按时完成"];
const COMPARATORS: Array<Comparator | null> = [null, "≥", "≤", "=", ">", "<"];

/** A name may not contain ；;。 or a line break, nor a digit directly followed by 、 . ． (that is an item start). */
function validName(n: string): boolean {
  return (
    n.length > 0 &&
    n === n.trim() &&
    !/[；;。\n\r]/.test(n) &&
    !/[0-9０-９]\s*[、.．]/.test(n) &&
    !/^(实施周期|年度指标|年度值|本年度)/.test(n)
  );
}

const nameArb = fc
  .array(fc.constantFrom(...NAME_CHUNKS), { minLength: 1, maxLength: 6 })
  .map((xs) => xs.join(""))
  .filter(validName);

const codeArb = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 99 }).map(String), fc.constant("00"));

const numberArb = fc
  .tuple(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 4 }), fc.boolean())
  .map(([n, d, neg]) => {
    const x = n / 10 ** d;
    return neg && x !== 0 ? -x : x;
  });

const valueArb: fc.Arbitrary<ValueSpec> = fc.oneof(
  fc.record({
    comparator: fc.constantFrom(...COMPARATORS),
    number: numberArb,
    unit: fc.oneof(fc.constant(null), fc.constantFrom(...UNITS)),
    text: fc.constant(null),
  }),
  fc.record({ comparator: fc.constant(null), number: fc.constant(null), unit: fc.constant(null), text: fc.constantFrom(...QUALITATIVE) }),
  fc.constant({ comparator: null, number: null, unit: null, text: null }),
);

const specArb: fc.Arbitrary<IndicatorSpec> = fc.record({
  seq: fc.integer({ min: 1, max: 999 }),
  l1: fc.record({ code: codeArb, name: fc.constantFrom(...L1_NAMES) }),
  l2: fc.record({ code: codeArb, name: fc.constantFrom(...L2_NAMES) }),
  name: nameArb,
  period: valueArb,
  annual: valueArb,
});

function parts(ind: Indicator): TextPart[] {
  return [ind.whole, ind.seqPart, ind.l1, ind.l2, ind.name, ind.period, ind.annual].filter((p): p is TextPart => p !== null);
}

/** The invariants every parse must keep, whatever the input (plain checks: thousands of runs). */
function checkInvariants(text: string, inds: Indicator[]): void {
  const fail = (what: string, x: unknown): never => {
    throw new Error(`${what}: ${JSON.stringify(x)} in ${JSON.stringify(text.slice(0, 300))}`);
  };
  const spanOk = (s: { start: number; end: number }): boolean =>
    Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length;
  inds.forEach((ind, i) => {
    if (ind.index !== i) fail("index", ind.index);
    for (const p of parts(ind)) {
      if (!spanOk(p.span)) fail("span out of the text", p.span);
      if (p.raw !== text.slice(p.span.start, p.span.end)) fail("raw is not the slice", p);
      if (p.cell !== CELL) fail("cell", p.cell);
    }
    for (const n of ind.notes) if (!spanOk(n.span)) fail("note span", n);
    if (i > 0 && ind.whole.span.start < inds[i - 1]!.whole.span.end) fail("items overlap", ind.whole.span);
  });
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe("round trip", () => {
  test("parseIndicators(formatIndicators(x)).map(toSpec) equals x", () => {
    fc.assert(
      fc.property(fc.array(specArb, { minLength: 0, maxLength: 6 }), (specs) => {
        const text = formatIndicators(specs);
        const inds = parseIndicators(text, CELL);
        expect(inds.map(toSpec)).toEqual(specs);
        expect(inds.flatMap((i) => i.notes)).toEqual([]);
        checkInvariants(text, inds);
      }),
      { numRuns: 400 },
    );
  });

  test("line breaks inserted anywhere change no spec, and every raw keeps its breaks", () => {
    fc.assert(
      fc.property(
        fc.array(specArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom("\n", "\n\n", "\r\n")), { maxLength: 12 }),
        (specs, breaks) => {
          const canonical = formatIndicators(specs);
          let text = canonical;
          for (const [at, br] of breaks) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + br + text.slice(i);
          }
          const inds = parseIndicators(text, CELL);
          expect(inds.map(toSpec)).toEqual(specs);
          checkInvariants(text, inds);
          expect(inds.flatMap((i) => i.notes).every((n) => n.kind === "line-break" && /^[\r\n]+$/.test(text.slice(n.span.start, n.span.end)))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("never throws, spans always exact", () => {
  const TOKENS = [
    "1", "2", "12", "１", "、", ".", "．", "。", "；", ";", ":", "：", "-", "－", "1-产出指标", "11-数量指标", "22-社会效益",
    "产出指标", "满意度", "实施周期指标值", "年度指标值", "实施周期", "指标值", "≥", ">=", "≧", "不低于", "大于", "100", "%",
    "％", "99.5", "人/次", "2023.07-2024.01", "12月底前", "优良", "网络、终端", "00-", "\n", "\r\n", " ", "\u3000", "\t",
    "\u2028", "\ud800", "\udfff", "\u0000", "😀", "x",
  ];
  const noisy = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 3 })), { maxLength: 60 }).map((xs) => xs.join(""));
  const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 });

  test.each([
    ["fc.string", fc.string({ maxLength: 200 })],
    ["full unicode (binary)", fc.string({ unit: "binary", maxLength: 200 })],
    ["code units incl. lone surrogates", codeUnits],
    ["grammar tokens mixed with noise", noisy],
  ] as const)("%s", (_label, arb) => {
    fc.assert(
      fc.property(arb, (text) => {
        const inds = parseIndicators(text, CELL);
        checkInvariants(text, inds);
        if (text.trim() === "" && !/[\u2028\u0085]/.test(text)) expect(inds).toEqual([]);
        const v = parseValue(text, CELL, 3);
        expect(v.raw).toBe(text.slice(v.span.start - 3, v.span.end - 3));
        const c = parseCategory(text, CELL);
        expect(c.raw).toBe(text.slice(c.span.start, c.span.end));
        const n = parseName(text, CELL);
        expect(n.raw).toBe(text.slice(n.span.start, n.span.end));
      }),
      { numRuns: 300 },
    );
  });

  test("a 32,767-character cell", () => {
    const unit = formatIndicators([
      {
        seq: 1,
        l1: { code: "1", name: "产出指标" },
        l2: { code: "11", name: "数量指标" },
        name: "网络、终端巡查记录次数",
        period: { comparator: "≥", number: 250, unit: "次", text: null },
        annual: { comparator: null, number: null, unit: null, text: "优良" },
      },
    ]);
    let text = "";
    while (text.length < 32_767) text += unit.replace(/^1/, String((text.length % 97) + 1)) + "\n";
    text = text.slice(0, 32_767);
    const inds = parseIndicators(text, CELL);
    expect(inds.length).toBeGreaterThan(500);
    checkInvariants(text, inds);
    const long = "无".repeat(32_767);
    expect(parseIndicators(long, CELL)[0]!.name?.text).toBe(long);
    const digits = "1、".repeat(16_383);
    checkInvariants(digits, parseIndicators(digits, CELL));
  });
});
