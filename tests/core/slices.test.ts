/**
 * The sliced validation (issue 6): validateGridSliced gives control back whenever a slice has run its budget,
 * and returns exactly what validateGrid returns. Equality is checked on the seeds, every broken variant, a
 * generated 10,000-project sheet and structured sheets built to stress the rules' windows; the slicing itself
 * with fake clocks (deterministic: no test here depends on how fast the machine is).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { benchGrid } from "../../scripts/bench-data";
import {
  allRules, buildTable, buildTableSteps, finish, ruleScope, Slicer, sortSteps, validate, validateGrid, validateGridSliced, validateSliced,
  validateSteps, windowsOf, WINDOW_SIZES, type Finding, type GridInput, type Phase, type SliceOptions, type Table, type ValidateOptions,
} from "../../src/core";
import { resolveOptions } from "../../src/core/engine";
import { RULE_SCOPES, steppedCheck } from "../../src/core/rule-windows";
import { ALL_WORKBOOKS, cliGrid, generatedSheet, gridOf } from "../excel/helpers";
import { GOOD_ROWS, structuredGrid, type ProjectSpec } from "../helpers/grids";

/** A clock that only moves when asked: each reading costs `cost(i)` ms (i = reading number). */
function fakeClock(cost: (i: number) => number) {
  let t = 0;
  let readings = 0;
  const yields: { at: number; steps: Record<Phase, number> }[] = [];
  let slicer: Slicer | null = null;
  const options: SliceOptions = {
    now: () => (t += cost(readings++)),
    yieldControl: async () => {
      yields.push({ at: t, steps: slicer!.snapshot().steps });
    },
    budgetMs: 30,
  };
  slicer = new Slicer(options);
  return { slicer, yields, options };
}

/** Microtask yields, no clock needed to be right: every checkpoint is a chance to pause. */
const eager: SliceOptions = { now: () => 0, yieldControl: () => Promise.resolve(), budgetMs: 0 };

function tableOf(grid: GridInput): Table {
  const built = buildTable(grid);
  if (!built.table) throw new Error(built.message);
  return built.table;
}

async function expectSameResult(grid: GridInput, options: ValidateOptions = {}): Promise<void> {
  const sync = validateGrid(grid, options);
  const sliced = await validateGridSliced(grid, options, eager);
  if (sync.table && sliced.table) expect(sliced.findings).toEqual(sync.findings); // a readable diff first
  expect(isDeepStrictEqual(sliced, sync)).toBe(true);
}

/** Every finding's key fields, for a readable difference when two runs disagree. */
function keys(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId} ${f.cell} ${f.span?.start ?? ""} ${f.messageId} ${f.severity}`);
}

// ---------------------------------------------------------------------------------------------

describe("finish and Slicer", () => {
  function* counter(n: number) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += i;
      yield "model" as const;
    }
    return sum;
  }

  it("finish runs stepped work to its value", () => {
    expect(finish(counter(10))).toBe(45);
    expect(buildTableSteps({ sheet: "S", values: [] }).next().done).toBe(true);
  });

  it("gives control back only once a slice has run its budget, and times every slice", async () => {
    const { slicer, yields } = fakeClock(() => 1); // every reading of the clock: 1 ms of work
    const value = await slicer.run(counter(1000));
    slicer.end();
    expect(value).toBe(499500);
    const stats = slicer.snapshot();
    expect(stats.steps.model).toBe(1000);
    expect(stats.yields).toBe(yields.length);
    // 1 ms per checkpoint, 30 ms budget: a yield every 30 checkpoints or so.
    expect(stats.yields).toBeGreaterThanOrEqual(Math.floor(1000 / 32));
    expect(stats.yields).toBeLessThanOrEqual(Math.ceil(1000 / 29));
    expect(stats.count).toBe(stats.yields + 1);
    expect(stats.longestMs).toBeGreaterThanOrEqual(30);
    expect(stats.longestMs).toBeLessThanOrEqual(31);
  });

  it("does not give control back when the work fits its budget", async () => {
    const { slicer, yields } = fakeClock(() => 0.01);
    await slicer.run(counter(500));
    slicer.end();
    expect(yields).toEqual([]);
    expect(slicer.snapshot().count).toBe(1);
  });

  it("ends a slice at the host's own awaits (end/begin) and shares the budget across pieces of work", async () => {
    const { slicer } = fakeClock(() => 1);
    slicer.begin();
    await slicer.run(counter(20)); // 20 ms
    slicer.end(); // waiting for Excel
    slicer.begin();
    await slicer.run(counter(20));
    await slicer.run(counter(20)); // the same slice goes on: a yield at 30 ms
    slicer.end();
    const stats = slicer.snapshot();
    expect(stats.yields).toBe(1);
    expect(stats.count).toBe(3);
    expect(stats.longestMs).toBeLessThanOrEqual(31);
  });
});

describe("sortSteps", () => {
  const cmp = (a: { k: number }, b: { k: number }) => a.k - b.k;

  function pseudoRandom(seed: number): () => number {
    let s = seed >>> 0;
    return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  }

  it("returns what the native stable sort returns, ties included", () => {
    const rnd = pseudoRandom(7);
    const cases: { k: number; id: number }[][] = [[], [{ k: 1, id: 0 }]];
    for (const n of [2, 3, 10, 100, 5000, 20000]) {
      for (const shape of ["random", "few-keys", "sorted", "reversed", "runs"]) {
        cases.push(
          Array.from({ length: n }, (_, id) => {
            const k =
              shape === "random" ? Math.floor(rnd() * n)
              : shape === "few-keys" ? Math.floor(rnd() * 4)
              : shape === "sorted" ? id
              : shape === "reversed" ? n - id
              : (id % 97) - (id % 13);
            return { k, id };
          }),
        );
      }
    }
    for (const items of cases) {
      const expected = [...items].sort(cmp);
      const got = finish(sortSteps([...items], cmp));
      expect(got.map((x) => x.id)).toEqual(expected.map((x) => x.id));
    }
  });

  it("pauses while sorting a large array", () => {
    const items = Array.from({ length: 50000 }, (_, i) => ({ k: (i * 7919) % 50000 }));
    const steps = sortSteps(items, cmp);
    let pauses = 0;
    for (let r = steps.next(); !r.done; r = steps.next()) pauses++;
    expect(pauses).toBeGreaterThan(50000 / 2048);
  });
});

describe("rule scopes", () => {
  it("every rule of the engine has an audited scope (a new rule must be added to RULE_SCOPES)", () => {
    expect(allRules.map((r) => r.meta.id).filter((id) => !(id in RULE_SCOPES))).toEqual([]);
  });

  it("views hold one window of a table's projects, rows or problems", () => {
    const table = tableOf(benchGrid(300).grid);
    const projects = [...windowsOf(table, "projects", { projects: 128, rows: 100, problems: 1 })];
    expect(projects.map((v) => v.projects.length)).toEqual([128, 128, 44]);
    expect(projects.every((v) => v.rows.length === 0 && v.units.length === 0 && v.total === null)).toBe(true);
    expect(projects.flatMap((v) => v.projects)).toEqual(table.projects);
    const rows = [...windowsOf(table, "rows", { projects: 1, rows: 100, problems: 1 })];
    expect(rows.flatMap((v) => v.rows)).toEqual(table.rows);
    expect([...windowsOf(table, "table")]).toEqual([table]);
    expect(ruleScope(allRules.find((r) => r.meta.id === "JX102")!, table)).toBe("table");
  });
});

// ---------------------------------------------------------------------------------------------

describe("validateGridSliced returns exactly what validateGrid returns", () => {
  it.each(ALL_WORKBOOKS.map((f) => [f.replace(/^.*seeds\//, "")]))("%s", async (name) => {
    await expectSameResult(await cliGrid(ALL_WORKBOOKS.find((f) => f.endsWith(name))!));
  });

  it("with severity overrides and rules turned off", async () => {
    const grid = await cliGrid(ALL_WORKBOOKS[0]);
    await expectSameResult(grid, { rules: { JX204: "off", JX101: "warning", "value-unit": "error", JX001: "info" } });
    await expectSameResult(grid, { profile: "caiyu-2021-101", thresholds: { satisfactionFloor: 95 } });
  });

  it("on a sheet without a target table", async () => {
    await expectSameResult({ sheet: "空表", values: [["hello"], [1, 2, 3]] });
  });

  it("on a generated 10,000-project sheet (about 40,000 findings)", async () => {
    await expectSameResult(gridOf(generatedSheet(10000)));
  }, 120_000);

  it("on the benchmark's 10,000-project table (5 indicators each)", async () => {
    await expectSameResult(benchGrid(10000).grid);
  }, 120_000);
});

/** A structured sheet whose merged 一级/二级 cells and running 序号 numbers cross project boundaries. */
function crossingStructured(projects: number): GridInput {
  const rowsOf = (i: number): string[][] =>
    GOOD_ROWS.map((r, k) => [
      // Labels without their codes (JX305 reports them, once per merged cell), some unknown (JX303).
      k === 0 ? "产出指标" : i % 5 === 0 ? "过程指标" : r[0],
      k === 1 ? "时效指标" : r[1],
      r[2],
      i % 7 === 0 ? "100" : r[3],
      r[4],
    ]);
  const specs: ProjectSpec[] = Array.from({ length: projects }, (_, i) => ({ name: `项目${i + 1}`, rows: rowsOf(i) }));
  const grid = structuredGrid({ units: [{ name: "测试单位", projects: specs }] });
  // Merge the last 一级 cell of every fourth project with the next project's first, and the 二级 cells likewise
  // across other boundaries: one cell then holds indicators of two projects (a window never splits them).
  const merges = [...(grid.merges ?? [])];
  const first = grid.values.findIndex((r) => typeof r[0] === "string" && r[0] === "项目1");
  for (let i = 0; i + 1 < projects; i++) {
    const last = first + i * GOOD_ROWS.length + GOOD_ROWS.length - 1;
    if (i % 4 === 0) merges.push({ top: last, left: 6, bottom: last + 1, right: 6 });
    if (i % 6 === 1) merges.push({ top: last - 2, left: 7, bottom: last + 2, right: 7 });
  }
  // A 序号 column numbering the indicators through the whole sheet (JX304 accepts that, and reports the few
  // wrong numbers against the running count: a project's expected numbers depend on the projects above it).
  const header = grid.values.findIndex((r) => r[0] === "项目名称（资金使用单位）");
  let seq = 0;
  const values = grid.values.map((r, i) => {
    if (i === header) return [...r, "序号"];
    if (i < first || r[8] === null || r[8] === undefined) return [...r, null];
    seq++;
    return [...r, seq % 11 === 0 ? seq + 1 : seq];
  });
  return { ...grid, values, merges };
}

describe("the rules over windows", () => {
  const sizes = [
    { projects: 1, rows: 1, problems: 1 },
    { projects: 2, rows: 3, problems: 2 },
    { projects: 7, rows: 5, problems: 3 },
  ];

  it.each(sizes)("give each rule's findings on the whole table, every seed and variant (windows %o)", async (size) => {
    for (const file of ALL_WORKBOOKS) {
      const built = buildTable(await cliGrid(file));
      if (!built.table) continue;
      const whole = validate(built.table);
      const windowed = finish(validateSteps(built.table, {}, allRules, size));
      expect({ file, findings: keys(windowed.findings) }).toEqual({ file, findings: keys(whole.findings) });
      expect(isDeepStrictEqual(windowed, whole)).toBe(true);
    }
  });

  it("on structured sheets whose merged category cells span two projects (JX305 reports such a cell once)", () => {
    const table = tableOf(crossingStructured(40));
    const whole = validate(table);
    // Windows of one project: they start only where no merged cell comes from the project above.
    const starts = [...windowsOf(table, "projects", { projects: 1, rows: 1, problems: 1 })].map((v) => table.projects.indexOf(v.projects[0]));
    expect(starts.length).toBeGreaterThan(20);
    expect(starts.length).toBeLessThan(40);
    expect(whole.findings.some((f) => f.ruleId === "JX305")).toBe(true);
    expect(whole.findings.filter((f) => f.ruleId === "JX304").length).toBeGreaterThan(5);
    for (const size of sizes) {
      const windowed = finish(validateSteps(table, {}, allRules, size));
      expect(keys(windowed.findings)).toEqual(keys(whole.findings));
      expect(isDeepStrictEqual(windowed, whole)).toBe(true);
    }
  });

  it("on a sheet with many model problems (JX001 over windows of problems)", () => {
    const grid = benchGrid(300).grid;
    // Rows with amounts but no name: each one is a model problem.
    const values = grid.values.map((r, i) => (i > 10 && i % 3 === 0 ? [null, ...r.slice(1)] : r));
    const table = tableOf({ ...grid, values });
    expect(table.problems.length).toBeGreaterThan(50);
    const whole = validate(table);
    const windowed = finish(validateSteps(table, {}, allRules, { projects: 5, rows: 7, problems: 3 }));
    expect(isDeepStrictEqual(windowed, whole)).toBe(true);
  });

  it("JX102, run on the whole table, pauses inside its own work and finds what its check finds", () => {
    const table = tableOf(benchGrid(3000).grid); // 60 units
    const jx102 = allRules.find((r) => r.meta.id === "JX102")!;
    const stepped = steppedCheck(jx102);
    expect(stepped).not.toBeNull();
    const options = resolveOptions({});
    const steps = stepped!({ ...table }, options);
    let pauses = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(60 / 32);
    expect(r.value.length).toBeGreaterThan(0);
    expect(r.value).toEqual(jx102.check({ ...table }, options));
    expect(steppedCheck(allRules.find((x) => x.meta.id === "JX101")!)).toBeNull();
  });

  it("validateSliced on a table equals validate", async () => {
    const table = tableOf(crossingStructured(30));
    expect(isDeepStrictEqual(await validateSliced(table, {}, eager), validate(table))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe("slices of a 10,000-project check (fake clocks)", () => {
  const grid = gridOf(generatedSheet(10000));
  const projects = 10000;

  it("pauses inside the model's row loop, inside the rules and inside the sort; no slice runs far over budget", async () => {
    // Each checkpoint costs 1 ms of fake time.
    const { slicer, yields } = fakeClock(() => 1);
    const result = await validateGridSliced(grid, {}, slicer);
    slicer.end();
    if (!result.table) throw new Error("no table");
    const stats = slicer.snapshot();
    const total = stats.steps.model + stats.steps.rules + stats.steps.sort;
    // Checkpoints: at least one every 16 projects while building the model (each parses its indicators), one
    // per rule and window of 128 projects, and the sort's.
    expect(stats.steps.model).toBeGreaterThanOrEqual(projects / 16);
    expect(stats.steps.rules).toBeGreaterThanOrEqual((projects / WINDOW_SIZES.projects) * 20);
    expect(stats.steps.sort).toBeGreaterThan(result.findings.length / 4096);
    // Yields: one per 30 checkpoints or so, in every phase.
    expect(stats.yields).toBe(yields.length);
    expect(stats.yields).toBeGreaterThanOrEqual(Math.floor(total / 32));
    expect(yields[0].steps.rules).toBe(0); // the first pause comes while the model is being built
    expect(yields.filter((y) => y.steps.model === stats.steps.model && y.steps.sort === 0).length).toBeGreaterThan(10);
    expect(yields.some((y) => y.steps.sort > 0)).toBe(true);
    expect(stats.longestMs).toBeLessThanOrEqual(31);
    expect(isDeepStrictEqual(result, validateGrid(grid))).toBe(true);
  }, 120_000);

  it("with uneven step costs, no slice runs longer than its budget plus one step", async () => {
    // A deterministic sequence of costs between 0 and 4 ms per checkpoint.
    const { slicer, yields } = fakeClock((i) => ((i * 2654435761) % 4001) / 1000);
    const result = await validateGridSliced(grid, {}, slicer);
    slicer.end();
    const stats = slicer.snapshot();
    expect(result.table).not.toBeNull();
    expect(stats.yields).toBe(yields.length);
    expect(stats.yields).toBeGreaterThan(100);
    expect(stats.longestMs).toBeGreaterThanOrEqual(30);
    expect(stats.longestMs).toBeLessThanOrEqual(30 + 4 + 4);
  }, 120_000);
});

describe("the core slices without timers", () => {
  it("src/core's sliced code uses no timers or host clocks (they are passed in)", () => {
    for (const f of ["slices.ts", "rule-windows.ts", "engine.ts", "model.ts"]) {
      const text = readFileSync(join(__dirname, "..", "..", "src", "core", f), "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      expect({ f, found: text.match(/setTimeout|setImmediate|MessageChannel|performance\.|Date\.now|queueMicrotask/g) }).toEqual({ f, found: null });
    }
  });
});
