/**
 * Benchmark of the task pane in a real browser: the production build (as the browser tests make it) in headless
 * Chromium, over the Excel fake, with office.js served from @microsoft/office-js. For each workbook it measures,
 * inside the page, over fresh browser contexts:
 *
 * - render: from the start of navigation to the moment the 校验 button is enabled (office.js loaded, the bundle
 *   parsed and run, the sheets listed through the adapter, the pane rendered). The time the test harness spends
 *   building the fake from its data before the page's scripts run is measured apart and subtracted.
 * - check: from the click on 校验 to the frame after the list first shows (read, validate, highlight through the
 *   adapter and the fake, render the summary and the first page of findings).
 * - the main thread during 校验 (issue 6): Chromium's long tasks (PerformanceObserver "longtask": every task of
 *   50 ms or more) from the click to that frame: the longest, how many, and the longest once the fake's own work
 *   inside it is taken out. The fake answers in the page, so its work (building the values a load returns,
 *   measuring the response: what Excel does in its own process) runs on the pane's thread; every operation it
 *   runs at a sync is timed (its request context's `_push` is wrapped) and subtracted from the task it ran in.
 *
 *   npm run bench:pane                               # the seed and 10,000 generated projects, 5 runs each
 *   npm run bench:pane -- --runs 7 --sizes seed,1000,10000
 *   npm run bench:pane -- --runs 3 --sizes 50000,bench:50000   # issue 6: 50,000 projects
 *   npm run bench:pane -- --runs 1 --sizes 50000 --verbose      # and every long task, from the click
 *
 * By default each sync of the fake is made a round trip of macrotasks (`--round-trip task`): the request leaves
 * in one task, the fake does Excel's work in another and the answer arrives in a third, as with a real host
 * (whose answers come as messages). The fake's own syncs resolve in microtasks (`--round-trip microtask`), so
 * the adapter would run on through several syncs in one task, which no real host does.
 *
 * A size N is `generatedSheet(N)` (tests/excel/helpers.ts: 2 indicators per project, about 2 findings each);
 * `bench:N` is the engine benchmark's table (scripts/bench-data.ts: 5 indicators per project, few findings).
 *
 * The fake answers in-process, so the figures leave out Excel's round trips (see docs/performance.md, issue 3:
 * 2 syncs for a check); they are the pane's own cost on this machine.
 */
import { SEED, initFrom, generatedSheet } from "../tests/excel/helpers";
import type { FakeValue, FakeWorkbookInit } from "../tests/fakes/excel-fake";
import { benchGrid } from "./bench-data";
import { ensureProductionBuild, fakePageScript } from "../tests/browser/support/build";
import { launchChromium, serveStatic } from "../tests/browser/support/browser";
import { PanePage } from "../tests/browser/support/pane-page";
import { STRINGS } from "../src/taskpane/i18n";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * In the page, before its scripts: note when the 校验 button is first enabled; and, once armed by the benchmark,
 * when the DOM first changes as awaited ("list": the first finding or the result shows; "any": any change),
 * then the frame after it.
 */
function probeScript(checkLabel: string, cellLabel: string, roundTrip: boolean): string {
  return `(() => {
    const w = window;
    w.__JX_BENCH__ = { readyAt: null, armedAt: null, mode: "list", shownAt: null, frameAt: null, longtasks: [], fakeOps: [], runs: [] };
    const b = w.__JX_BENCH__;
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) b.longtasks.push([e.startTime, e.duration]);
      }).observe({ type: "longtask", buffered: true });
    } catch (e) {}
    // Time the fake's operations (run at each sync): Excel's own work, which the fake does on this thread.
    // With roundTrip, a sync also works as a real one does: the request leaves in a task of its own, Excel's
    // work (here: the fake's, in the page) is another, and the answer comes back in a third, a message.
    const roundTrip = ${roundTrip};
    const nextTask = () => new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { ch.port1.close(); resolve(); };
      ch.port2.postMessage(null);
    });
    const timeFake = () => {
      const fake = w.__JX_FAKE__;
      if (!fake || fake.__timed) return;
      fake.__timed = true;
      const run = fake.Excel.run;
      const patch = (proto) => {
        if (proto.__timed) return;
        proto.__timed = true;
        if (roundTrip) {
          const sync = proto.sync;
          proto.sync = function () {
            return nextTask().then(() => sync.call(this)).then(
              (v) => nextTask().then(() => v),
              (e) => nextTask().then(() => { throw e; }),
            );
          };
        }
        const push = proto._push;
        proto._push = function (label, write, op) {
          return push.call(this, label, write, (stage) => {
            const t = performance.now();
            try { return op(stage); } finally { b.fakeOps.push([t, performance.now()]); }
          });
        };
      };
      fake.Excel.run = function (a, c) {
        const batch = typeof a === "function" ? a : c;
        const wrapped = (ctx) => { patch(Object.getPrototypeOf(ctx)); return batch(ctx); };
        const span = [performance.now(), null];
        b.runs.push(span);
        const p = typeof a === "function" ? run.call(this, wrapped) : run.call(this, a, wrapped);
        const done = () => { span[1] = performance.now(); };
        p.then(done, done);
        return p;
      };
    };
    timeFake();
    document.addEventListener("readystatechange", timeFake);
    const isCheck = (el) => el.textContent && el.textContent.trim() === ${JSON.stringify(checkLabel)};
    const cellRe = new RegExp(${JSON.stringify(cellLabel)} + "\\\\s*[A-Z]{1,3}[0-9]+");
    const look = () => {
      if (b.readyAt === null) {
        const btn = [...document.querySelectorAll("button:not([role])")].find(isCheck);
        if (btn && !btn.disabled && btn.getAttribute("aria-disabled") !== "true") b.readyAt = performance.now();
      }
      if (b.armedAt !== null && b.shownAt === null) {
        const shown = b.mode === "any"
          || [...document.querySelectorAll("li button")].some((x) => cellRe.test(x.textContent || ""))
          || document.querySelector('[data-testid="summary-counts"]');
        if (shown) {
          b.shownAt = performance.now();
          requestAnimationFrame(() => setTimeout(() => { b.frameAt = performance.now(); }, 0));
        }
      }
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  })();`;
}

type Bench = {
  readyAt: number | null;
  armedAt: number | null;
  mode: string;
  shownAt: number | null;
  frameAt: number | null;
  /** [startTime, duration] of every long task so far. */
  longtasks: [number, number][];
  /** [start, end] of every operation the fake ran at a sync. */
  fakeOps: [number, number][];
  /** [start, end] of every Excel.run (the adapter's batches). */
  runs: [number, number | null][];
};

/**
 * Long tasks between `from` and `to`: the longest, the longest without the fake's operations in it, how many;
 * and the longest of those that ended after the adapter's last Excel.run had returned (the pane rendering the
 * result, no longer the check itself).
 */
function longTasks(b: Bench, from: number, to: number) {
  let longest = 0;
  let longestOwn = 0;
  let longestAfter = 0;
  let count = 0;
  let total = 0;
  const runs = b.runs.filter(([s, e]) => e !== null && e >= from && s <= to);
  const checkEnd = runs.length ? Math.max(...runs.map(([, e]) => e as number)) : from;
  for (const [start, duration] of b.longtasks) {
    const end = start + duration;
    if (end < from || start > to) continue;
    count++;
    total += duration;
    let fake = 0;
    for (const [s, e] of b.fakeOps) fake += Math.max(0, Math.min(e, end) - Math.max(s, start));
    if (start >= checkEnd - 1) longestAfter = Math.max(longestAfter, duration);
    else {
      longest = Math.max(longest, duration);
      longestOwn = Math.max(longestOwn, duration - fake);
    }
  }
  return { longest, longestOwn, longestAfter, count, total };
}

/**
 * Click the first button whose text starts with `prefix` (not a tab), with the probe armed: ms to the frame
 * after, and the long tasks in between.
 */
async function timedClick(pane: PanePage, prefix: string, mode: "list" | "any", exact: boolean) {
  await pane.page.evaluate(
    ([text, m, whole]) => {
      const b = (window as unknown as { __JX_BENCH__: Bench }).__JX_BENCH__;
      const btn = [...document.querySelectorAll<HTMLButtonElement>("button:not([role])")].find((x) =>
        whole ? x.textContent?.trim() === text : (x.textContent ?? "").trim().startsWith(text),
      );
      if (!btn) throw new Error(`no button "${text}"`);
      Object.assign(b, { mode: m, shownAt: null, frameAt: null, armedAt: performance.now() });
      btn.click();
    },
    [prefix, mode, exact] as const,
  );
  await pane.page
    .waitForFunction(() => (window as unknown as { __JX_BENCH__: Bench }).__JX_BENCH__.frameAt !== null, undefined, { timeout: 300_000 })
    .catch(async (e: unknown) => {
      console.error(await pane.page.evaluate(() => JSON.stringify((window as unknown as { __JX_BENCH__: Bench }).__JX_BENCH__)), pane.errors);
      throw e;
    });
  const t = await pane.page.evaluate(() => (window as unknown as { __JX_BENCH__: Bench }).__JX_BENCH__);
  if (process.argv.includes("--verbose")) {
    // Every long task of the measurement, from the click: start, duration, the fake's operations in it.
    const at = t.armedAt ?? 0;
    const runs = t.runs.filter(([, e]) => e !== null && e >= at).map(([s, e]) => `${Math.round(s - at)}–${Math.round((e as number) - at)}`);
    const tasks = t.longtasks
      .filter(([s, d]) => s + d >= at && s <= (t.frameAt ?? Infinity))
      .map(([s, d]) => {
        let fake = 0;
        for (const [fs, fe] of t.fakeOps) fake += Math.max(0, Math.min(fe, s + d) - Math.max(fs, s));
        return `${Math.round(s - at)}+${Math.round(d)}${fake > 0 ? ` (fake ${Math.round(fake)})` : ""}`;
      });
    process.stderr.write(`  Excel.run ${runs.join(", ")}; long tasks ${tasks.join(", ")}\n`);
  }
  return { ms: (t.frameAt ?? NaN) - (t.armedAt ?? NaN), tasks: longTasks(t, t.armedAt ?? NaN, t.frameAt ?? NaN) };
}

interface Sample {
  renderMs: number;
  harnessMs: number;
  checkMs: number;
  filterMs: number;
  findings: number;
  syncs: number;
  /** Long tasks during 校验 (while the adapter's check ran): the longest, the longest without the fake's work. */
  longestTask: number;
  longestOwn: number;
  /** The longest long task after the check had returned: the pane rendering the result. */
  longestRender: number;
  /** Every long task from the click to the list shown: how many, their total. */
  longTasks: number;
  longTaskMs: number;
  /** The fake's operations during 校验, all together. */
  fakeMs: number;
}

async function main(): Promise<void> {
  const runs = Math.max(1, Number(arg("runs", "5")));
  const sizes = arg("sizes", "seed,10000").split(",").map((s) => s.trim());
  // "task" (default): each sync is a round trip of macrotasks, as with a real host; "microtask": the fake's
  // own syncs, which resolve in microtasks (the adapter then runs on through several syncs in one task).
  const roundTrip = arg("round-trip", "task") !== "microtask";
  const s = STRINGS.zh;

  process.stderr.write("building the production task pane (cached between runs)…\n");
  const dist = ensureProductionBuild();
  const server = await serveStatic(dist);
  const chromium = await launchChromium();
  const env = { browser: chromium.browser, origin: server.origin, fakeScript: await fakePageScript() };
  const probe = probeScript(s.check, s.cellLabel, roundTrip);

  const rows: string[] = [];
  const taskRows: string[] = [];
  try {
    for (const size of sizes) {
      let init: FakeWorkbookInit;
      let label: string;
      if (size === "seed") {
        init = await initFrom(SEED);
        label = "seed (5 projects)";
      } else if (size.startsWith("bench:")) {
        const n = Number(size.slice(6));
        if (!Number.isInteger(n) || n <= 0) throw new Error(`--sizes: "${size}" is not bench:<projects>`);
        const { grid } = benchGrid(n, "绩效目标表");
        const values: FakeValue[][] = grid.values.map((row) => row.map((v) => (v === null || v === undefined ? "" : (v as FakeValue))));
        init = { sheets: [{ name: grid.sheet, values }] };
        label = `${n.toLocaleString("en-US")} projects (\`benchGrid\`, 5 indicators each)`;
      } else {
        const n = Number(size);
        if (!Number.isInteger(n) || n <= 0) throw new Error(`--sizes: "${size}" is neither "seed", a number of projects nor bench:<projects>`);
        init = { sheets: [generatedSheet(n)] };
        label = `${n.toLocaleString("en-US")} projects`;
      }
      const samples: Sample[] = [];
      // One warm-up run (not counted): Chromium's first context pays for its own start-up.
      for (let r = 0; r <= runs; r++) {
        const pane = await PanePage.open(env, init, { label: `bench-${size}`, initScripts: [probe] });
        try {
          await pane.page.waitForFunction(() => (window as unknown as { __JX_BENCH__: Bench }).__JX_BENCH__.readyAt !== null, undefined, {
            timeout: 120_000,
          });
          const { readyAt, harnessMs } = await pane.page.evaluate(() => ({
            readyAt: (window as unknown as { __JX_BENCH__: Bench }).__JX_BENCH__.readyAt ?? NaN,
            harnessMs: (window as unknown as { __JX_FAKE_SETUP_MS__: number }).__JX_FAKE_SETUP_MS__,
          }));
          const syncsBefore = await pane.syncCount();
          const fakeBefore = await pane.page.evaluate(() => (window as unknown as { __JX_BENCH__: Bench }).__JX_BENCH__.fakeOps.length);
          const check = await timedClick(pane, s.check, "list", true);
          const fakeMs = await pane.page.evaluate(
            (from) => (window as unknown as { __JX_BENCH__: Bench }).__JX_BENCH__.fakeOps.slice(from).reduce((n, [a, b]) => n + b - a, 0),
            fakeBefore,
          );
          await pane.idle();
          const syncs = (await pane.syncCount()) - syncsBefore;
          const summary = await pane.summary();
          // Responsiveness with the list shown: hide the warnings with the severity filter.
          const filter = await timedClick(pane, `${s.severity.warning} (`, "any", false);
          if (r > 0) {
            samples.push({
              renderMs: readyAt - harnessMs,
              harnessMs,
              checkMs: check.ms,
              filterMs: filter.ms,
              findings: summary.error + summary.warning + summary.info,
              syncs,
              longestTask: check.tasks.longest,
              longestOwn: check.tasks.longestOwn,
              longestRender: check.tasks.longestAfter,
              longTasks: check.tasks.count,
              longTaskMs: check.tasks.total,
              fakeMs,
            });
          }
          if (pane.errors.length) throw new Error(`page errors: ${pane.errors.join("; ")}`);
        } finally {
          await pane.close();
        }
        process.stderr.write(".");
      }
      process.stderr.write("\n");
      const m = (k: keyof Sample) => median(samples.map((x) => x[k]));
      rows.push(
        `| ${label} | ${Math.round(m("renderMs"))} | ${Math.round(m("checkMs"))} | ${Math.round(m("filterMs"))} | ${m("findings").toLocaleString("en-US")} | ${m("syncs")} | ${Math.round(m("harnessMs"))} |`,
      );
      taskRows.push(
        `| ${label} | ${Math.round(m("checkMs"))} | ${Math.round(m("fakeMs"))} | ${Math.round(m("longestTask"))} | ${Math.round(m("longestOwn"))} | ${Math.round(m("longestRender"))} | ${m("longTasks")} | ${Math.round(m("longTaskMs"))} |`,
      );
      process.stderr.write(
        `${label}: ${samples.map((x) => [x.checkMs, x.longestTask, x.longestOwn, x.longestRender].map(Math.round).join("/")).join(" ")} (each run: 校验 ms/longest task/without the fake/longest render task)\n`,
      );
    }
  } finally {
    await chromium.close();
    await server.close();
  }
  console.log(`Task pane in headless Chromium (${process.platform}), production build, medians of ${runs} runs:\n`);
  console.log(
    "| workbook | render ms (navigation → 校验 enabled) | 校验 → list shown ms | 警告 filter → list updated ms | findings | syncs | fake set-up ms (excluded) |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const r of rows) console.log(r);
  console.log(
    `\nMain thread during 校验 (Chromium long tasks, ≥ 50 ms, from the click to the frame after the list shows; syncs as ${roundTrip ? "macrotask round trips" : "the fake's microtasks"}), medians of ${runs} runs:\n`,
  );
  console.log(
    "| workbook | 校验 → list shown ms | fake's operations ms | longest task while checking ms | the same without the fake's operations ms | longest task rendering the result ms | long tasks | long tasks, total ms |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const r of taskRows) console.log(r);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
