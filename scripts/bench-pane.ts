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
 *
 *   npm run bench:pane                               # the seed and 10,000 generated projects, 5 runs each
 *   npm run bench:pane -- --runs 7 --sizes seed,1000,10000
 *
 * The fake answers in-process, so the figures leave out Excel's round trips (see docs/performance.md, issue 3:
 * 2 syncs for a check); they are the pane's own cost on this machine.
 */
import { SEED, initFrom, generatedSheet } from "../tests/excel/helpers";
import type { FakeWorkbookInit } from "../tests/fakes/excel-fake";
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
function probeScript(checkLabel: string, cellLabel: string): string {
  return `(() => {
    const w = window;
    w.__JX_BENCH__ = { readyAt: null, armedAt: null, mode: "list", shownAt: null, frameAt: null };
    const b = w.__JX_BENCH__;
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

type Bench = { readyAt: number | null; armedAt: number | null; mode: string; shownAt: number | null; frameAt: number | null };

/** Click the first button whose text starts with `prefix` (not a tab), with the probe armed; ms to the frame after. */
async function timedClick(pane: PanePage, prefix: string, mode: "list" | "any", exact: boolean): Promise<number> {
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
  return (t.frameAt ?? NaN) - (t.armedAt ?? NaN);
}

interface Sample {
  renderMs: number;
  harnessMs: number;
  checkMs: number;
  filterMs: number;
  findings: number;
  syncs: number;
}

async function main(): Promise<void> {
  const runs = Math.max(1, Number(arg("runs", "5")));
  const sizes = arg("sizes", "seed,10000").split(",").map((s) => s.trim());
  const s = STRINGS.zh;

  process.stderr.write("building the production task pane (cached between runs)…\n");
  const dist = ensureProductionBuild();
  const server = await serveStatic(dist);
  const chromium = await launchChromium();
  const env = { browser: chromium.browser, origin: server.origin, fakeScript: await fakePageScript() };
  const probe = probeScript(s.check, s.cellLabel);

  const rows: string[] = [];
  try {
    for (const size of sizes) {
      let init: FakeWorkbookInit;
      let label: string;
      if (size === "seed") {
        init = await initFrom(SEED);
        label = "seed (5 projects)";
      } else {
        const n = Number(size);
        if (!Number.isInteger(n) || n <= 0) throw new Error(`--sizes: "${size}" is neither "seed" nor a number of projects`);
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
          const checkMs = await timedClick(pane, s.check, "list", true);
          await pane.idle();
          const syncs = (await pane.syncCount()) - syncsBefore;
          const summary = await pane.summary();
          // Responsiveness with the list shown: hide the warnings with the severity filter.
          const filterMs = await timedClick(pane, `${s.severity.warning} (`, "any", false);
          if (r > 0) {
            samples.push({
              renderMs: readyAt - harnessMs,
              harnessMs,
              checkMs,
              filterMs,
              findings: summary.error + summary.warning + summary.info,
              syncs,
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
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
