/**
 * Benchmark of the add-in's path: the Office.js adapter (src/excel) over the Excel fake, on the same generated
 * tables as `npm run bench` (scripts/bench-data.ts: 5 indicators per project). For each size it reports the
 * context.sync() calls of a first check with highlighting, of a re-check (the previous highlights exist) and of
 * 清除标记, the bytes read, and the medians of the wall time and the engine time of a check.
 *
 * The fake answers in-process, so the wall time is the adapter + engine + fake's own work, without Excel's
 * round trips: on a real host each sync adds a round trip (tens of ms on desktop, more on the web), which is why
 * the sync count, not the milliseconds, is the figure that must not grow with the sheet.
 *
 * Responsiveness (issue 6): while the first check runs, a setImmediate ticker records how long the thread was
 * held between two of its ticks (the longest task), and how much of that was the fake's own work: every
 * operation the fake runs at a sync (building the values a load returns, measuring the response) is timed by
 * wrapping FakeRequestContext#_push. In real Excel that work happens in Excel's process, so "add-in's own" =
 * task − fake work in it: the adapter and the engine (and the garbage collector they cause). When the adapter
 * reports its own slices (CheckRun.slices), they are shown as well.
 *
 *   npm run bench:addin                      # 1,000 / 10,000 / 50,000 projects, 5 runs each
 *   npm run bench:addin -- --sizes 50000 --runs 3
 *   npm run bench:addin -- --sizes 50000 --runs 3 --host desktop   # no 5 MB response limit: one read sync
 *
 * By default each sync of the fake is made a round trip of macrotasks (`--round-trip task`), as with a real host:
 * the fake's own syncs resolve in microtasks (`--round-trip microtask`), so the adapter would run on through
 * several syncs in one task, which no real host does.
 *
 * Runs itself from an esbuild bundle (like `npm run bench`): tsx's keepNames transform slows the engine 2.5×.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createExcelHost } from "../src/excel/adapter";
import type { CheckRun } from "../src/excel/host";
import { createFakeExcel, FakeRequestContext, type FakeValue } from "../tests/fakes/excel-fake";
import { benchGrid } from "./bench-data";

const SHEET = "绩效目标表";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Milliseconds spent inside the fake's operations so far (the work a real Excel does out of process). */
const fakeWork = { ms: 0 };

/** A macrotask later. */
const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Time every operation the fake runs at a sync. With `roundTrip`, a sync also works as a real one does: the
 * request leaves in a task of its own, Excel's work (the fake's) is another, the answer comes in a third.
 */
function timeFakeOperations(roundTrip: boolean): void {
  type Push = (label: string, write: boolean, run: (stage: unknown) => void) => void;
  const proto = FakeRequestContext.prototype as unknown as { _push: Push; sync: () => Promise<void>; __timed?: boolean };
  if (proto.__timed) return;
  proto.__timed = true;
  if (roundTrip) {
    const sync = proto.sync;
    proto.sync = function (this: FakeRequestContext) {
      return nextTask()
        .then(() => sync.call(this))
        .then(
          () => nextTask(),
          (e: unknown) => nextTask().then(() => Promise.reject(e)),
        );
    };
  }
  const push = proto._push;
  proto._push = function (this: FakeRequestContext, label, write, run) {
    push.call(this, label, write, (stage) => {
      const t = performance.now();
      try {
        run(stage);
      } finally {
        fakeWork.ms += performance.now() - t;
      }
    });
  };
}

/** Longest stretch the thread was held between two setImmediate ticks, and the same without the fake's work. */
function watchThread() {
  let last = performance.now();
  let fakeAt = fakeWork.ms;
  let longest = 0;
  let longestOwn = 0;
  let tasks = 0;
  let stopped = false;
  const tick = () => {
    const t = performance.now();
    const gap = t - last;
    const own = gap - (fakeWork.ms - fakeAt);
    if (gap > longest) longest = gap;
    if (own > longestOwn) longestOwn = own;
    if (gap > 50) tasks++;
    last = t;
    fakeAt = fakeWork.ms;
    if (!stopped) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    stop() {
      tick();
      stopped = true;
      return { longest, longestOwn, over50: tasks };
    },
  };
}

function fakeFor(projects: number, desktop: boolean) {
  const { grid } = benchGrid(projects, SHEET);
  const values: FakeValue[][] = grid.values.map((row) => row.map((v) => (v === null || v === undefined ? "" : (v as FakeValue))));
  const fake = createFakeExcel({ sheets: [{ name: SHEET, values }], ...(desktop ? { payloadLimitBytes: Infinity } : {}) });
  return { fake, host: createExcelHost({ Excel: fake.Excel as never, Office: fake.Office as never }) };
}

type Slices = { count: number; longestMs: number };

async function measure(projects: number, runs: number, desktop: boolean) {
  const wall: number[] = [];
  const engine: number[] = [];
  const longest: number[] = [];
  const own: number[] = [];
  const over50: number[] = [];
  const fake: number[] = [];
  const sliceLongest: number[] = [];
  const sliceCount: number[] = [];
  let first = 0;
  let again = 0;
  let clear = 0;
  let bytes = 0;
  let findings = 0;
  let blocks = 0;
  for (let i = 0; i < runs; i++) {
    const { fake: f, host } = fakeFor(projects, desktop);
    const fake0 = fakeWork.ms;
    const t0 = performance.now();
    const watch = watchThread();
    const run: CheckRun & { slices?: Slices } = await host.check({ sheet: SHEET });
    const thread = watch.stop();
    wall.push(performance.now() - t0);
    fake.push(fakeWork.ms - fake0);
    engine.push(run.engineMs);
    longest.push(thread.longest);
    own.push(thread.longestOwn);
    over50.push(thread.over50);
    if (run.slices) {
      sliceLongest.push(run.slices.longestMs);
      sliceCount.push(run.slices.count);
    }
    first = run.syncs;
    bytes = f.log.syncs.reduce((n, s) => n + s.payloadBytes, 0);
    blocks = f.log.syncs.filter((s) => s.ok && !s.writes).length;
    findings = run.result.table ? run.result.findings.length : 0;
    again = (await host.check({ sheet: SHEET })).syncs;
    const before = f.log.syncs.length;
    await host.clearHighlights(SHEET);
    clear = f.log.syncs.length - before;
  }
  return {
    projects, findings, mb: bytes / 1e6, first, again, clear, blocks,
    wall: median(wall), engine: median(engine), fake: median(fake),
    longest: median(longest), own: median(own), over50: median(over50),
    slices: sliceCount.length ? { count: median(sliceCount), longest: median(sliceLongest) } : null,
  };
}

async function child(): Promise<void> {
  const roundTrip = arg("round-trip", "task") !== "microtask";
  timeFakeOperations(roundTrip);
  const sizes = arg("sizes", "1000,10000,50000").split(",").map(Number);
  const runs = Number(arg("runs", "5"));
  const desktop = arg("host", "web") === "desktop";
  const results = [];
  for (const n of sizes) results.push(await measure(n, runs, desktop));
  console.log(`Host: ${desktop ? "desktop (no response size limit)" : "web (5 MB response limit)"}; medians of ${runs} runs.\n`);
  console.log("| projects | findings | MB read | syncs: check | syncs: re-check | syncs: clear | read syncs | check ms | engine ms |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const m of results) {
    console.log(
      `| ${m.projects.toLocaleString("en")} | ${m.findings} | ${m.mb.toFixed(1)} | ${m.first} | ${m.again} | ${m.clear} | ${m.blocks} | ${Math.round(m.wall)} | ${Math.round(m.engine)} |`,
    );
  }
  console.log(
    `\nMain thread during the first check (ms; "own" = the task without the fake's operations in it; syncs as ${roundTrip ? "macrotask round trips" : "the fake's microtasks"}):\n`,
  );
  console.log("| projects | check ms | fake's work ms | longest task ms | longest task, own ms | tasks > 50 ms | adapter slices | longest slice ms (adapter) |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const m of results) {
    console.log(
      `| ${m.projects.toLocaleString("en")} | ${Math.round(m.wall)} | ${Math.round(m.fake)} | ${Math.round(m.longest)} | ${Math.round(m.own)} | ${m.over50} | ${m.slices ? m.slices.count : "–"} | ${m.slices ? m.slices.longest.toFixed(1) : "–"} |`,
    );
  }
}

if (process.env.JIXIAO_BENCH_CHILD) {
  child().catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  // Bundle this file and run the bundle in a fresh process.
  const out = join(__dirname, "..", "bench-out");
  mkdirSync(out, { recursive: true });
  const bundle = join(out, "bench-addin.cjs");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildSync } = require("esbuild") as typeof import("esbuild");
  buildSync({ entryPoints: [__filename], bundle: true, platform: "node", format: "cjs", outfile: bundle, logLevel: "error" });
  const r = spawnSync(process.execPath, [bundle, ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, JIXIAO_BENCH_CHILD: "1" } });
  process.exit(r.status ?? 1);
}
