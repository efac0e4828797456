/**
 * The pane never blocks Excel (issue 6): a check gives control back to the event loop while it assembles the
 * read, validates and plans the highlights, through a fast macrotask; and the stepped helpers it uses for that
 * give exactly what the one-piece versions gave.
 */
import { benchGrid } from "../../scripts/bench-data";
import { columnLetters, validateGrid, type Finding, type Severity } from "../../src/core";
import { SLICE_BUDGET_MS, yieldToEventLoop } from "../../src/excel/adapter";
import { ADDRESS_LIMIT, chunkAddresses, planHighlights } from "../../src/excel/highlight";
import { jsonBytes, rowsJsonBytes } from "../../src/excel/read";
import { finish } from "../../src/core";
import type { FakeValue } from "../fakes/excel-fake";
import { comparable, generatedSheet, gridOf, setup, SHEET } from "./helpers";

/** Counts macrotask turns of the event loop (setImmediate) until stopped, and the longest wait between two. */
function ticker() {
  let ticks = 0;
  let stopped = false;
  let last = performance.now();
  let longest = 0;
  const tick = () => {
    const t = performance.now();
    longest = Math.max(longest, t - last);
    last = t;
    if (stopped) return;
    ticks++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop() {
      stopped = true;
      return { ticks, longest };
    },
  };
}

describe("yieldToEventLoop", () => {
  it("is a macrotask: every queued microtask runs first", async () => {
    let chain = 0;
    const spin = (): void => {
      if (++chain < 1000) queueMicrotask(spin);
    };
    queueMicrotask(spin);
    await yieldToEventLoop();
    expect(chain).toBe(1000);
  });

  it("posts a MessageChannel message when there is MessageChannel, and closes the channel", async () => {
    const Real = globalThis.MessageChannel;
    const made: MessageChannel[] = [];
    class Counting extends Real {
      constructor() {
        super();
        made.push(this);
      }
    }
    globalThis.MessageChannel = Counting;
    const timeout = jest.spyOn(globalThis, "setTimeout");
    try {
      await yieldToEventLoop();
      await yieldToEventLoop();
      expect(made).toHaveLength(2);
      expect(timeout).not.toHaveBeenCalled();
    } finally {
      globalThis.MessageChannel = Real;
      timeout.mockRestore();
    }
  });

  it("falls back to setTimeout 0 without MessageChannel", async () => {
    const Real = globalThis.MessageChannel;
    // @ts-expect-error -- a host without MessageChannel
    delete globalThis.MessageChannel;
    const timeout = jest.spyOn(globalThis, "setTimeout");
    try {
      await yieldToEventLoop();
      expect(timeout).toHaveBeenCalledTimes(1);
      expect(timeout.mock.calls[0][1]).toBe(0);
    } finally {
      globalThis.MessageChannel = Real;
      timeout.mockRestore();
    }
  });
});

describe("a check of a large sheet gives control back", () => {
  it("lets the event loop run while it validates a 10,000-project sheet, with the same findings", async () => {
    const sheet = generatedSheet(10_000);
    const s = setup({ sheets: [sheet] });
    const t0 = performance.now();
    const watch = ticker();
    const run = await s.host.check({ sheet: SHEET });
    const thread = watch.stop();
    const elapsed = performance.now() - t0;

    // Before issue 6 the whole check ran in one task: no turn of the event loop until it was done.
    expect(thread.ticks).toBeGreaterThanOrEqual(3);
    expect(run.slices).toBeDefined();
    expect(run.slices!.count).toBeGreaterThanOrEqual(3);
    expect(run.slices!.longestMs).toBeGreaterThan(0);
    expect(run.slices!.longestMs).toBeLessThan(elapsed);
    expect(run.engineMs).toBeLessThan(elapsed);
    expect(run.syncs).toBe(2); // slicing adds no round trip
    const expected = validateGrid(gridOf(sheet));
    if (!expected.table || !run.result.table) throw new Error("no table");
    expect(comparable(run.result.findings)).toEqual(comparable(expected.findings));
    expect(run.highlighted).toBeGreaterThan(10_000);
  }, 120_000);

  it("gives control back on a sheet over the 5 MB limit too (read in row blocks), with the same findings", async () => {
    // The benchmark's 10,000 projects with five full indicators each: over the 5 MB limit, read in row blocks.
    const bench = benchGrid(10_000).grid;
    const values = bench.values.map((row) => Array.from({ length: 7 }, (_, c) => (row[c] ?? "") as FakeValue));
    const s = setup({ sheets: [{ name: SHEET, values }] });
    const watch = ticker();
    const run = await s.host.check({ sheet: SHEET, highlight: false });
    const thread = watch.stop();
    expect(s.log.syncs[0].error).toBe("ResponsePayloadSizeLimitExceeded");
    expect(thread.ticks).toBeGreaterThanOrEqual(3);
    expect(run.slices!.count).toBeGreaterThan(s.log.syncs.length); // slices between syncs, and inside the work
    const expected = validateGrid(bench);
    if (!expected.table || !run.result.table) throw new Error("no table");
    expect(comparable(run.result.findings)).toEqual(comparable(expected.findings));
  }, 120_000);

  it("the picker's selection() builds a 10,000-project sheet's model in slices too, finding the same project", async () => {
    const sheet = generatedSheet(10_000);
    const s = setup({ sheets: [sheet] });
    const expected = validateGrid(gridOf(sheet));
    if (!expected.table) throw new Error("no table");
    const project = expected.table.projects[7_777];
    await s.state.simulateSelect(SHEET, `A${project.row + 1}`);
    const watch = ticker();
    const sel = await s.host.selection();
    const thread = watch.stop();
    expect(thread.ticks).toBeGreaterThanOrEqual(3);
    expect(sel.project?.name).toBe(project.name);
    expect(sel.project?.row).toBe(project.row);
  }, 120_000);

  it("a small sheet is checked in one slice per stretch between syncs", async () => {
    const s = setup({ sheets: [generatedSheet(20)] });
    const run = await s.host.check({ sheet: SHEET });
    expect(run.syncs).toBe(2);
    // A slice before the read, one between read and write, one after: no yield when the work fits the budget
    // (a machine so slow that 20 projects take 30 ms would add some, never fewer).
    expect(run.slices!.count).toBeGreaterThanOrEqual(3);
    expect(SLICE_BUDGET_MS).toBeLessThan(50); // below what a browser reports as a long task
  });
});

describe("the stepped helpers give what the one-piece ones gave", () => {
  it("rowsJsonBytes is jsonBytes of the same rows", () => {
    const cases: unknown[][] = [
      [],
      [[]],
      [[1, "a", null, true], ["绩效", "😀", "\u00e9\"\\\n"]],
      [[undefined, 2], [{ format: { indentLevel: 1 } }, { format: {} }]],
      Array.from({ length: 600 }, (_, i) => [i, `项目${i}`, i % 3 === 0 ? null : "0.00"]),
    ];
    for (const rows of cases) expect(finish(rowsJsonBytes(rows))).toBe(jsonBytes(rows));
  });

  /** planHighlights as it was written before it was made stepped (the reference). */
  function referencePlan(findings: readonly Finding[], limit = ADDRESS_LIMIT) {
    const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
    const worst = new Map<number, { row: number; col: number; severity: Severity }>();
    for (const f of findings) {
      const key = f.row * 16384 + f.col;
      const cur = worst.get(key);
      if (!cur || rank[f.severity] < rank[cur.severity]) worst.set(key, { row: f.row, col: f.col, severity: f.severity });
    }
    const chunks: { severity: Severity; address: string }[] = [];
    for (const severity of ["error", "warning", "info"] as const) {
      const sorted = [...worst.values()].filter((c) => c.severity === severity).sort((a, b) => a.col - b.col || a.row - b.row);
      const areas: string[] = [];
      for (let i = 0; i < sorted.length; ) {
        const { row, col } = sorted[i];
        let end = row;
        let j = i + 1;
        while (j < sorted.length && sorted[j].col === col && sorted[j].row <= end + 1) end = Math.max(end, sorted[j++].row);
        const l = columnLetters(col);
        areas.push(end === row ? `${l}${row + 1}` : `${l}${row + 1}:${l}${end + 1}`);
        i = j;
      }
      for (const address of chunkAddresses(areas, limit)) chunks.push({ severity, address });
    }
    return { chunks, cells: worst.size };
  }

  it("planHighlights on 30,000 findings in no particular order", () => {
    let s = 12345;
    const rnd = (n: number) => ((s = (s * 1103515245 + 12345) % 2 ** 31) % n);
    const severities: Severity[] = ["error", "warning", "info"];
    const findings = Array.from({ length: 30_000 }, () => {
      const row = rnd(20_000);
      const col = rnd(12);
      return { row, col, severity: severities[rnd(3)], cell: `${columnLetters(col)}${row + 1}` } as Finding;
    });
    expect(planHighlights(findings)).toEqual(referencePlan(findings));
    expect(planHighlights(findings, 500)).toEqual(referencePlan(findings, 500));
  });
});
