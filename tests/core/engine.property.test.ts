/**
 * Property tests over the whole engine (issue 6): on mutated seed grids of both layouts and on arbitrary small
 * grids, validateGrid never throws; every finding (its cell, its fix, its suggestions' edits) and every part of
 * the table points at a cell the grid holds; validating is deterministic and leaves its input as it was; tables
 * written from indicator specs read back as the same specs; and safe fixes, applied, remove what they fix and
 * touch only the cells they list. (The grammar's own string-level round trips: ./grammar.property.test.ts.)
 *
 * Failures whose cause is known and lies in a file outside this suite's reach (KNOWN_ISSUES in
 * tests/helpers/fuzz.ts, each with its cause) are left out here; the fuzz run still reports them.
 *
 * Reproducible: a fixed seed by default. JIXIAO_FC_SEED=random (or a number) picks another, JIXIAO_FC_RUNS=N
 * scales every property's number of runs (e.g. JIXIAO_FC_RUNS=10 for a longer local run). The mutators and
 * invariants are shared with the long fuzz run (`npm run fuzz`) through tests/helpers/fuzz.ts.
 */
import fc from "fast-check";
import { buildTable, formatIndicators, isPlanError, parseIndicators, planInsertion, toSpec, validateGrid } from "../../src/core";
import type { CellValue, GridInput, IndicatorSpec, MergedArea } from "../../src/core";
import {
  ERROR_TEXTS, HOSTILE_TOKENS, MAX_COLS, MAX_ROWS, NUMERIC_TEXTS, SHAPE_TEXTS, checkConversionRoundTrip, checkDeterminism,
  checkFindings, checkFixRoundTrip, checkFormatRoundTrip, checkGrid, checkInsertRoundTrip, checkTable, cloneGrid, deepFreeze,
  injectDefects, loadSeeds, mutateGrid, mutateText, randomSpec, snapshot, unknownProblems, validateSafely,
  type NamedGrid, type Rng, type Seeds,
} from "../helpers/fuzz";
import { PUBLISHED_HEADER, STRUCTURED_HEADER, oneUnit, publishedGrid } from "../helpers/grids";

// ---------------------------------------------------------------------------------------------
// Seed and runs
// ---------------------------------------------------------------------------------------------

const DEFAULT_SEED = 20240615;

function seedFromEnv(): number {
  const v = process.env.JIXIAO_FC_SEED;
  if (v === undefined || v === "") return DEFAULT_SEED;
  if (v === "random") {
    const s = (Date.now() ^ Math.floor(Math.random() * 0x7fffffff)) >>> 0;
    console.log(`engine.property.test: JIXIAO_FC_SEED=random chose seed ${s}`);
    return s;
  }
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`JIXIAO_FC_SEED must be "random" or an integer, not "${v}"`);
  return n;
}

const SEED = seedFromEnv();
const RUNS = Math.max(1, Number(process.env.JIXIAO_FC_RUNS ?? "1") || 1);

/** fast-check parameters: the run's seed, `numRuns` scaled by JIXIAO_FC_RUNS. */
function params(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns: Math.ceil(numRuns * RUNS), endOnFailure: false };
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/** The shared mutators draw from an Rng; under fast-check it is backed by fc.gen(), so failures shrink. */
function rngOf(g: fc.GeneratorValue): Rng {
  return { int: (n: number) => (n <= 1 ? 0 : g(fc.integer, { min: 0, max: n - 1 })) };
}

let seeds: Seeds;
let published: NamedGrid[];
let structured: NamedGrid[];

beforeAll(async () => {
  seeds = await loadSeeds();
  published = seeds.grids.filter((g) => g.layout === "published");
  structured = seeds.grids.filter((g) => g.layout === "structured");
}, 60_000);

/** A seed grid of the layout (the clean seed, a broken variant, or one built by the test helpers) mutated at random. */
function mutated(layout: "published" | "structured"): fc.Arbitrary<{ base: string; grid: GridInput }> {
  return fc.tuple(fc.nat(), fc.gen()).map(([i, g]) => {
    const list = layout === "published" ? published : structured;
    const base = list[i % list.length];
    return { base: base.name, grid: mutateGrid(base.grid, rngOf(g), seeds.strings) };
  });
}

/** A seed grid of the layout with the defects real tables have (what the safe fixes are for). */
function withDefects(layout: "published" | "structured"): fc.Arbitrary<{ base: string; grid: GridInput }> {
  return fc.tuple(fc.nat(), fc.gen()).map(([i, g]) => {
    const list = layout === "published" ? published : structured;
    const base = list[i % list.length];
    return { base: base.name, grid: injectDefects(base.grid, rngOf(g)) };
  });
}

/** Every kind of value a host may put in a cell, and the hostile ones it should not. */
const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
  { arbitrary: fc.constantFrom<CellValue>(null, undefined, "", " ", "\u3000"), weight: 4 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 24 }), weight: 2 },
  // any UTF-16 code unit: lone surrogates, control characters, the BOM
  { arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 24 }), weight: 2 },
  { arbitrary: fc.constantFrom(...HOSTILE_TOKENS, ...SHAPE_TEXTS, ...ERROR_TEXTS, ...NUMERIC_TEXTS), weight: 4 },
  { arbitrary: fc.constantFrom("\u202e反向文字", "שלום עולם", "مرحبا", "😀👨‍👩‍👧🇨🇳", "\ud83d", "\u0000\u0001\u001f\u007f", "<script>alert(1)</script>"), weight: 1 },
  { arbitrary: fc.integer({ min: 1000, max: 32_767 }).map((n) => "无".repeat(n)), weight: 1 },
  { arbitrary: fc.double(), weight: 2 }, // NaN, ±Infinity, -0 included
  { arbitrary: fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 35.08, 1e21, 5e-324), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.date({ noInvalidDate: false }), weight: 1 },
);

const mergeArb: fc.Arbitrary<MergedArea> = fc.oneof(
  // anywhere near the grid: overlapping, inverted, negative, past its end
  fc.record({
    top: fc.integer({ min: -3, max: 14 }), left: fc.integer({ min: -3, max: 14 }),
    bottom: fc.integer({ min: -3, max: 14 }), right: fc.integer({ min: -3, max: 14 }),
  }),
  fc.constantFrom<MergedArea>(
    { top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 },
    { top: 2, left: 0, bottom: 2, right: 6 },
    { top: 3, left: 0, bottom: 6, right: 0 },
  ),
);

/** A small grid: random cells, often around a header row of either layout, random merges and origin. */
const smallGridArb: fc.Arbitrary<GridInput> = fc
  .record({
    rows: fc.array(fc.array(cellArb, { maxLength: 12 }), { maxLength: 10 }),
    header: fc.option(fc.constantFrom(PUBLISHED_HEADER, STRUCTURED_HEADER), { freq: 3 }),
    headerAt: fc.nat(4),
    merges: fc.array(mergeArb, { maxLength: 4 }),
    origin: fc.option(fc.record({
      row: fc.oneof(fc.nat(40), fc.constant(MAX_ROWS - 12)),
      col: fc.oneof(fc.nat(8), fc.constant(MAX_COLS - 13)),
    })),
    sheet: fc.oneof(fc.constant("绩效目标表"), fc.string({ maxLength: 8 })),
  })
  .map(({ rows, header, headerAt, merges, origin, sheet }) => {
    const values = rows.map((r) => [...r]);
    if (header) values.splice(Math.min(headerAt, values.length), 0, [...header]);
    const g: GridInput = { sheet, values };
    if (merges.length > 0) g.merges = merges;
    if (origin) g.origin = origin;
    return g;
  });

/** A well-formed indicator spec (what the picker writes), from the shared generator. */
const specsArb: fc.Arbitrary<IndicatorSpec[]> = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.gen()).map(([n, g]) => {
  const rng = rngOf(g);
  return Array.from({ length: n }, (_, i) => randomSpec(rng, i + 1));
});

function expectNoProblems(problems: string[], what: () => string): void {
  const left = unknownProblems(problems);
  if (left.length > 0) throw new Error(`${what()}\n  ${left.map((p) => p.split("\n")[0].slice(0, 400)).join("\n  ")}`);
}

function describeGrid(x: { base: string; grid: GridInput }): string {
  const s = snapshot(x.grid);
  return `grid from ${x.base}: ${s.length > 2000 ? s.slice(0, 2000) + "…" : s}`;
}

// ---------------------------------------------------------------------------------------------
// 1. validateGrid never throws
// ---------------------------------------------------------------------------------------------

describe("validateGrid never throws", () => {
  test.each(["published", "structured"] as const)("on mutated %s seed grids", (layout) => {
    fc.assert(
      fc.property(mutated(layout), (x) => {
        const v = validateSafely(deepFreeze(cloneGrid(x.grid)));
        if ("error" in v) throw new Error(`${v.error}\n${describeGrid(x)}`);
        if (!v.result.table) {
          // No table left: one clear message, naming the sheet.
          expect(v.result.message).toContain(x.grid.sheet);
          expect(v.result.messageEn).toContain(x.grid.sheet);
        }
      }),
      params(100),
    );
  });

  test("on arbitrary small grids (any value, merges anywhere, any origin)", () => {
    fc.assert(
      fc.property(smallGridArb, (grid) => {
        const v = validateSafely(deepFreeze(cloneGrid(grid)));
        if ("error" in v) throw new Error(`${v.error}\ngrid: ${snapshot(grid).slice(0, 2000)}`);
      }),
      params(300),
    );
  });

  test("on indicator cells made of mutated real indicator strings", () => {
    fc.assert(
      fc.property(fc.nat(), fc.gen(), (i, g) => {
        const text = mutateText(seeds.strings[i % seeds.strings.length], rngOf(g), seeds.strings);
        const grid = publishedGrid(oneUnit([{ name: "项目甲", indicators: text }]));
        const v = validateSafely(grid);
        if ("error" in v) throw new Error(`${v.error}\ncell: ${JSON.stringify(text)}`);
        expect(v.result.table).not.toBeNull();
      }),
      params(150),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Findings point at cells that exist
// ---------------------------------------------------------------------------------------------

describe("findings and the table point at cells the grid holds", () => {
  test.each(["published", "structured"] as const)("on mutated %s seed grids", (layout) => {
    let findings = 0;
    fc.assert(
      fc.property(mutated(layout), (x) => {
        const r = validateGrid(x.grid);
        if (!r.table) return;
        findings += r.findings.length;
        expectNoProblems([...checkFindings(x.grid, r), ...checkTable(x.grid, r.table)], () => describeGrid(x));
      }),
      params(100),
    );
    expect(findings).toBeGreaterThan(0);
  });

  test("on arbitrary small grids", () => {
    fc.assert(
      fc.property(smallGridArb, (grid) => {
        const r = validateGrid(grid);
        if (!r.table) return;
        expectNoProblems([...checkFindings(grid, r), ...checkTable(grid, r.table)], () => `grid: ${snapshot(grid).slice(0, 2000)}`);
      }),
      params(200),
    );
  });

  test("on the seeds and every broken variant, as they are", () => {
    for (const { name, grid } of seeds.grids) {
      const r = validateGrid(grid);
      if (!r.table) throw new Error(`${name}: ${r.message}`);
      expectNoProblems([...checkFindings(grid, r), ...checkTable(grid, r.table)], () => name);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Validating is deterministic and pure
// ---------------------------------------------------------------------------------------------

describe("validating is deterministic and leaves the grid as it was", () => {
  test.each(["published", "structured"] as const)("on mutated %s seed grids", (layout) => {
    fc.assert(
      fc.property(mutated(layout), (x) => {
        const before = snapshot(x.grid);
        const frozen = deepFreeze(cloneGrid(x.grid));
        const first = validateSafely(frozen);
        if ("error" in first) throw new Error(first.error);
        expect(snapshot(frozen)).toBe(before);
        // Twice, on a structured clone, and again after validating another grid: deep-equal results.
        const other = layout === "published" ? seeds.structured : seeds.published;
        // (cloneGrid, not the global structuredClone: jest's sandbox would get Dates of another realm from it.)
        expectNoProblems(checkDeterminism(x.grid, first.result, other, cloneGrid), () => describeGrid(x));
        expect(snapshot(x.grid)).toBe(before);
      }),
      params(50),
    );
  });

  test("on arbitrary small grids", () => {
    fc.assert(
      fc.property(smallGridArb, (grid) => {
        const before = snapshot(grid);
        const first = validateSafely(deepFreeze(cloneGrid(grid)));
        if ("error" in first) throw new Error(first.error);
        expectNoProblems(checkDeterminism(grid, first.result, seeds.published, cloneGrid), () => `grid: ${before.slice(0, 2000)}`);
        expect(snapshot(grid)).toBe(before);
      }),
      params(120),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 4. parse(format(x)) = x at the grid level
// ---------------------------------------------------------------------------------------------

describe("tables written from specs read back as the same specs", () => {
  test("formatIndicators in a 绩效指标 cell, and one row per spec in the structured layout", () => {
    fc.assert(
      fc.property(specsArb, (specs) => {
        expectNoProblems(checkFormatRoundTrip(specs), () => `specs: ${JSON.stringify(specs)}`);
      }),
      params(200),
    );
  });

  test.each(["published", "structured"] as const)("planInsertion into a project of the %s seed, and of the seed with defects", (layout) => {
    let inserted = 0;
    fc.assert(
      fc.property(fc.boolean(), withDefects(layout), fc.nat(), specsArb, (clean, x, project, specs) => {
        if (specs.length === 0) return;
        const grid = clean ? (layout === "published" ? seeds.published : seeds.structured) : x.grid;
        const r = checkInsertRoundTrip(grid, project, specs);
        if (r.inserted) inserted++;
        expectNoProblems(r.problems, () => `${clean ? "clean seed" : describeGrid(x)}\nproject ${project}, specs ${JSON.stringify(specs)}`);
      }),
      params(120),
    );
    expect(inserted).toBeGreaterThan(0);
  });

  test("every project of both seeds takes an insertion and keeps every other indicator", () => {
    const spec = (seq: number): IndicatorSpec => ({
      seq,
      l1: { code: "3", name: "满意度指标" },
      l2: { code: "31", name: "服务对象满意度指标" },
      name: "服务对象满意度",
      period: { comparator: "≥", number: 90, unit: "%", text: null },
      annual: { comparator: "≥", number: 90, unit: "%", text: null },
    });
    for (const grid of [seeds.published, seeds.structured]) {
      const t = buildTable(grid).table!;
      t.projects.forEach((_, k) => expect(checkInsertRoundTrip(grid, k, [spec(1)])).toEqual({ problems: [], inserted: true }));
    }
    // And the published cell, read back, holds the new item's canonical text at its end.
    const t = buildTable(seeds.published).table!;
    const p = t.projects[0];
    const plan = planInsertion(t, seeds.published, p.row, [spec(1)]);
    if (isPlanError(plan)) throw new Error(plan.message);
    const after = plan.edits[0].after as string;
    expect(after.endsWith(formatIndicators([spec(p.indicators.length + 1)]))).toBe(true);
    expect(parseIndicators(after).map(toSpec).slice(-1)).toEqual([spec(p.indicators.length + 1)]);
  });

  test("converting a table to the other layout and back keeps its projects, amounts and indicators", () => {
    for (const grid of [seeds.published, seeds.structured]) expect(checkConversionRoundTrip(grid)).toEqual([]);
    fc.assert(
      fc.property(fc.array(specsArb, { minLength: 1, maxLength: 4 }), (perProject) => {
        const grid = publishedGrid(oneUnit(perProject.map((specs, i) => ({
          name: `项目${i + 1}`,
          indicators: formatIndicators(specs.map((s, k) => ({ ...s, seq: k + 1 }))),
        }))));
        expectNoProblems(checkConversionRoundTrip(grid), () => `specs: ${JSON.stringify(perProject)}`);
      }),
      params(60),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Safe fixes: fixed findings gone, only the listed cells changed
// ---------------------------------------------------------------------------------------------

describe("planFixes → applyPlanToGrid → validate again", () => {
  test.each(["published", "structured"] as const)("on the %s seeds with the defects real tables have", (layout) => {
    let planned = 0;
    fc.assert(
      fc.property(withDefects(layout), (x) => {
        const r = validateGrid(x.grid);
        if (!r.table) throw new Error(`no table: ${describeGrid(x)}`);
        const fx = checkFixRoundTrip(x.grid, r);
        if (fx.plan) planned++;
        expectNoProblems(fx.problems, () => describeGrid(x));
      }),
      params(80),
    );
    expect(planned).toBeGreaterThan(0);
  });

  test.each(["published", "structured"] as const)("on mutated %s seed grids", (layout) => {
    fc.assert(
      fc.property(mutated(layout), (x) => {
        const r = validateGrid(x.grid);
        if (!r.table) return;
        expectNoProblems(checkFixRoundTrip(x.grid, r).problems, () => describeGrid(x));
      }),
      params(70),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// All of it at once, on the grids the fuzz run starts from
// ---------------------------------------------------------------------------------------------

test("checkGrid holds on every seed grid as it is", () => {
  for (const { name, grid } of seeds.grids) {
    const other = grid === seeds.published ? seeds.structured : seeds.published;
    const r = checkGrid(grid, other, { clone: cloneGrid });
    expect(r.table).toBe(true);
    expectNoProblems(r.problems, () => name);
  }
});
