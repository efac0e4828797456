/**
 * The task pane's flows in a real browser, defined once and run per language and theme (the *.test.ts files of
 * this folder). Each flow asserts on what the page shows and on what the Excel fake under the production
 * bundle's own adapter recorded; screenshots of each state go to test-results/browser/.
 *
 * Adding a flow (picker, fixes, undo): add its locators and actions to support/pane-page.ts, then a `test` here.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator } from "playwright-core";
import { validateGrid, type Finding, type NoTable, type ValidationResult } from "../../src/core";
import { cliGrid, generatedSheet, gridOf, initFrom, SEED, SEEDS, SHEET, STRUCTURED_SEED } from "../excel/helpers";
import type { PaneSession } from "./support/env";
import type { FindingShown, LayoutProblem, PanePage } from "./support/pane-page";

jest.setTimeout(120_000);

export interface Variant {
  /** Prefix of the screenshot files. */
  label: string;
  displayLanguage: string;
  theme: "light" | "dark";
}

interface VariantEntry {
  file: string;
  expect: { ruleId: string; cell: string; severity?: string }[] | "no-table";
}

const VARIANTS = (JSON.parse(readFileSync(join(SEEDS, "variants.json"), "utf8")) as { variants: VariantEntry[] }).variants;

function variant(file: string): VariantEntry {
  const v = VARIANTS.find((x) => x.file === file);
  if (!v) throw new Error(`seeds/variants.json has no ${file}`);
  return v;
}

const squash = (t: string) => t.replace(/\s+/g, " ").trim();

async function expected(file: string): Promise<ValidationResult> {
  const r = validateGrid(await cliGrid(file));
  if (r.table === null) throw new Error(`${file}: the engine found no table`);
  return r;
}

/** The list renders a window of the findings: never more than this many in the page (MAX_ROWS rows + focused). */
const MAX_FINDINGS_IN_PAGE = 91;

/** The findings shown are consecutive engine findings from `from` on, each with its cell, rule and position. */
function expectWindow(shown: readonly FindingShown[], findings: readonly Finding[], from: number): void {
  shown.forEach((f, i) => {
    const want = findings[from + i];
    expect({ i, index: f.index, cell: f.cell, has: f.text.includes(want.cell) && f.text.includes(want.ruleId) }).toEqual({
      i,
      index: from + i,
      cell: want.cell,
      has: true,
    });
  });
}

/** Wait until a scroll area has stopped moving (wheel scrolling may be animated) and the page has repainted. */
async function scrollSettled(scroller: Locator): Promise<void> {
  let last = NaN;
  for (let i = 0; i < 100; i++) {
    const now = await scroller.evaluate((el) => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(el.scrollTop)))));
    if (now === last) return;
    last = now;
  }
  throw new Error("the list kept scrolling");
}

/** Everything a flow checks at its end: no page error, no request beyond the build and office.js. */
async function finish(pane: PanePage, layout: LayoutProblem[]): Promise<void> {
  expect(pane.errors).toEqual([]);
  expect(pane.unexpectedRequests()).toEqual([]);
  expect(pane.net.office).toContain("office.js");
  expect(await pane.officeJsLoaded()).toBe(true);
  expect(pane.net.local[0]).toBe("/taskpane.html");
  // Nothing cut off, sticking out or covered at 320 or 450 px; all text legible (WCAG AA contrast).
  expect(layout).toEqual([]);
}

/** The list shows the engine's findings, in its order, each with its cell, message, severity and rule. */
async function expectFindingsShown(pane: PanePage, findings: readonly Finding[]): Promise<void> {
  const shown = await pane.findings();
  expect(shown).toHaveLength(findings.length);
  findings.forEach((f, i) => {
    const text = shown[i].text;
    const want = { cell: f.cell, message: squash(pane.lang === "zh" ? f.message : f.messageEn), severity: pane.severityName(f.severity), rule: f.ruleId };
    expect({ i, has: Object.fromEntries(Object.entries(want).map(([k, v]) => [k, text.includes(v)])) }).toEqual({
      i,
      has: { cell: true, message: true, severity: true, rule: true },
    });
  });
}

async function expectSummaryShown(pane: PanePage, r: ValidationResult): Promise<void> {
  expect(await pane.summary()).toEqual({
    error: r.summary.errors,
    warning: r.summary.warnings,
    info: r.summary.infos,
    projects: r.summary.projects,
    indicators: r.summary.indicators,
  });
  // The live region screen readers announce says the same.
  const total = r.summary.errors + r.summary.warnings + r.summary.infos;
  const status = total === 0 ? pane.s.allGood(r.summary.projects, r.summary.indicators) : pane.s.summaryLine(r.summary.errors, r.summary.warnings, r.summary.infos);
  await expectText(pane.page.getByRole("status").filter({ hasText: status }).first());
}

/** Wait (up to 10 s) until the page holds what `locator` finds. */
async function expectText(locator: Locator): Promise<void> {
  await locator.waitFor({ state: "attached", timeout: 10_000 });
}

/** Cells of a generated sheet (no formats of its own) that look marked. */
function changedCellsCount(looks: Record<string, string>): number {
  return Object.keys(looks).length;
}

/** The cells whose look changed between two `looks()` snapshots. */
function changedCells(before: Record<string, string>, after: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => before[k] !== after[k]).sort();
}

export function paneFlows(session: PaneSession, v: Variant): void {
  const open = async (file: string, name: string) =>
    session.open(await initFrom(file), { label: `${v.label}-${name}`, displayLanguage: v.displayLanguage, theme: v.theme });

  describe.each([
    ["published seed", SEED, "seed"],
    ["structured seed", STRUCTURED_SEED, "structured"],
  ])(`%s (${v.displayLanguage}, ${v.theme})`, (_title, file, name) => {
    test("校验 shows the engine's counts and findings, a click selects the cell, 清除标记 restores every cell", async () => {
      const want = await expected(file);
      const pane = await open(file, name);
      const layout: LayoutProblem[] = [];
      await pane.ready();
      await expectText(pane.page.getByText(pane.s.sheetCurrent(SHEET), { exact: true }));
      layout.push(...(await pane.shoot("open")));

      // The theme Office reports is the one shown.
      const [r, g, b] = await pane.background();
      if (v.theme === "dark") expect(Math.max(r, g, b)).toBeLessThan(80);
      else expect(Math.min(r, g, b)).toBeGreaterThan(200);

      const looksBefore = await pane.looks(SHEET);
      const valuesBefore = await pane.values(SHEET);
      const syncsBefore = await pane.syncCount();

      await pane.validate();
      await expectSummaryShown(pane, want);
      await expectFindingsShown(pane, want.findings);
      // One read and one write (a sheet that fits one read).
      expect((await pane.syncCount()) - syncsBefore).toBeLessThanOrEqual(3);
      // Marked with the add-in's own conditional formats, exactly on the cells with findings.
      expect((await pane.ownFormats(SHEET)).length).toBeGreaterThan(0);
      expect(changedCells(looksBefore, await pane.looks(SHEET))).toEqual([...new Set(want.findings.map((f) => f.cell))].sort());
      await expectText(pane.page.getByText(pane.s.highlighted(new Set(want.findings.map((f) => f.cell)).size)));
      layout.push(...(await pane.shoot("checked")));
      expect(await pane.unlabelledControls()).toEqual([]);

      // The settings panel: every field labelled, nothing cut at either width.
      const settings = pane.page.getByRole("button", { name: pane.s.settings, exact: true });
      await settings.click();
      await pane.page.getByRole("combobox", { name: pane.s.profile }).waitFor();
      layout.push(...(await pane.shoot("settings")));
      expect(await pane.unlabelledControls()).toEqual([]);
      await settings.click();

      // A click on the last finding selects its cell in Excel and marks the finding as current.
      const last = want.findings.length - 1;
      await pane.findingButtons().nth(last).click();
      await pane.waitForFake((f, cell) => f.state.selection?.address === cell, want.findings[last].cell);
      expect(await pane.selection()).toEqual({ sheet: SHEET, address: want.findings[last].cell });
      expect((await pane.log()).activations).toContain(SHEET);
      expect((await pane.findings()).map((f) => f.current)).toEqual(want.findings.map((_, i) => i === last));
      layout.push(...(await pane.shoot("selected")));

      // 清除标记: none of the add-in's formats remain and every cell looks as before.
      await pane.clear(SHEET);
      expect(await pane.ownFormats(SHEET)).toEqual([]);
      expect(await pane.looks(SHEET)).toEqual(looksBefore);
      layout.push(...(await pane.shoot("cleared")));

      // Validating, selecting and clearing never wrote a value.
      const log = await pane.log();
      expect(log.valueWrites).toEqual([]);
      expect(await pane.values(SHEET)).toEqual(valuesBefore);
      await finish(pane, layout);
    });
  });

  describe.each([["broken/rate-above-100.xlsx"], ["broken/total-off-by-0.01.xlsx"]])(
    `a broken variant (${v.displayLanguage}, ${v.theme})`,
    (file) => {
      test(`${file} shows its error`, async () => {
        const entry = variant(file);
        if (entry.expect === "no-table") throw new Error("not a variant with findings");
        const path = join(SEEDS, file);
        const want = await expected(path);
        expect(want.summary.errors).toBeGreaterThan(0);
        const name = file.replace(/^broken\//, "").replace(/\.xlsx$/, "");
        const pane = await open(path, name);
        await pane.ready();
        await pane.validate();
        await expectSummaryShown(pane, want);
        await expectFindingsShown(pane, want.findings);
        // Every defect the variant was made for is in the list, with the cell and rule seeds/variants.json names.
        const shown = await pane.findings();
        for (const e of entry.expect) {
          expect({ e, listed: shown.some((f) => f.text.includes(e.cell) && f.text.includes(e.ruleId)) }).toEqual({ e, listed: true });
        }
        // The error is marked with the add-in's error format, on an error finding's cell.
        const own = await pane.ownFormats(SHEET);
        const errorCells = want.findings.filter((f) => f.severity === "error").map((f) => f.cell);
        expect(own.some((cf) => cf.formula.includes(":error:") && errorCells.some((c) => cf.address.split(",").some((a) => a.startsWith(c))))).toBe(true);
        const layout = await pane.shoot("checked");
        expect((await pane.log()).valueWrites).toEqual([]);
        await finish(pane, layout);
      });
    },
  );

  test(`a workbook with no target table says what the header needs, and 校验 of the sheet says why (${v.displayLanguage}, ${v.theme})`, async () => {
    const file = join(SEEDS, "broken/no-target-table.xlsx");
    expect(variant("broken/no-target-table.xlsx").expect).toBe("no-table");
    const init = await initFrom(file);
    const sheetName = init.sheets[0].name;
    const engine = validateGrid(await cliGrid(file)) as NoTable;
    expect(engine.table).toBeNull();

    const pane = await open(file, "no-table");
    await pane.ready(false);
    const bar = pane.messageBar(pane.s.noTableTitle);
    await bar.waitFor();
    expect(squash(await bar.innerText())).toContain(squash(pane.s.sheetPickNone));
    // Nothing to check until a sheet is chosen; the dropdown to choose one is labelled.
    await expect(pane.checkButton().isDisabled()).resolves.toBe(true);
    await pane.sheetPicker().waitFor();
    const layout = await pane.shoot("open");
    expect(await pane.unlabelledControls()).toEqual([]);

    // Choosing the sheet and validating it: the engine's message, naming the sheet.
    // By keyboard: see the next test for the mouse.
    await pane.pickSheetByKeyboard(sheetName);
    await pane.ready();
    await pane.validate("keyboard");
    const result = pane.messageBar(pane.s.noTableTitle).filter({ hasText: squash(pane.lang === "zh" ? engine.message : engine.messageEn).slice(0, 20) });
    await result.waitFor();
    expect(squash(await result.innerText())).toContain(squash(pane.lang === "zh" ? engine.message : engine.messageEn));
    expect(squash(await result.innerText())).toContain(sheetName);
    layout.push(...(await pane.shoot("checked")));

    // The fake: nothing written, nothing marked, nothing selected.
    const log = await pane.log();
    expect(log.valueWrites).toEqual([]);
    expect(log.cfAdded).toEqual([]);
    expect(log.formatWrites).toEqual([]);
    expect(log.selections).toEqual([]);
    await finish(pane, layout);
  });

  test(`choosing a sheet with the mouse leaves the pane visible and usable (${v.displayLanguage}, ${v.theme})`, async () => {
    const file = join(SEEDS, "broken/no-target-table.xlsx");
    const init = await initFrom(file);
    const sheetName = init.sheets[0].name;
    const pane = await open(file, "no-table-mouse");
    await pane.ready(false);
    await pane.sheetPicker().click();
    // The click opens the list (a pointer-up landing on something laid over the pane would not).
    await pane.page.waitForTimeout(300);
    expect({ listOpenedByClick: await pane.sheetPicker().getAttribute("aria-expanded") }).toEqual({ listOpenedByClick: "true" });
    // While the list is open, the pane above it stays in view (only the list lies over what is below it).
    expect({ tabsReachable: await pane.reachable(pane.page.getByRole("tab", { name: pane.s.tabCheck })) }).toEqual({ tabsReachable: true });
    await pane.page.getByRole("option", { name: sheetName }).click({ timeout: 5_000 });
    await pane.ready();
    const layout = await pane.shoot("picked");
    // Nothing lies over the pane once the list has closed: 校验 takes a click.
    await pane.checkButton().click({ timeout: 5_000 });
    await pane.messageBar(pane.s.noTableTitle).filter({ hasText: sheetName }).waitFor({ timeout: 10_000 });
    expect((await pane.log()).runs).toBeGreaterThan(0);
    await finish(pane, layout);
  });

  test(`thousands of findings: the counts are the engine's, the page holds a window of the list that follows the scroll and the keys (${v.displayLanguage}, ${v.theme})`, async () => {
    const sheet = generatedSheet(1000);
    const want = validateGrid(gridOf(sheet));
    if (want.table === null) throw new Error("the generated sheet has no table");
    const n = want.findings.length;
    expect(n).toBeGreaterThan(1500);
    const pane = await session.open({ sheets: [sheet] }, { label: `${v.label}-1000-projects`, displayLanguage: v.displayLanguage, theme: v.theme });
    await pane.ready();
    await pane.validate();
    await expectSummaryShown(pane, want);
    await pane.findingButtons().first().waitFor();
    // Windowed: what fits in the list's scroll area and a margin, from the first of the engine's findings, in order.
    let shown = await pane.findings();
    expect(shown.length).toBeGreaterThan(3);
    expect(shown.length).toBeLessThanOrEqual(MAX_FINDINGS_IN_PAGE);
    expectWindow(shown, want.findings, 0);
    // The result starts high in the pane: the first finding is in view without scrolling the page.
    const firstBox = await pane.findingButtons().first().boundingBox();
    expect(firstBox!.y).toBeLessThan(400);
    // Every cell with a finding is marked, none is written.
    expect(changedCellsCount(await pane.looks(SHEET))).toBe(new Set(want.findings.map((f) => f.cell)).size);
    expect((await pane.log()).valueWrites).toEqual([]);
    const layout = await pane.shoot("checked");

    // Scrolled with the wheel to the middle of the list: the findings there, and no more than before.
    const scroller = pane.findingsScroller();
    const total = await scroller.evaluate((el) => el.scrollHeight);
    await scroller.hover();
    for (let moved = 0; moved < total / 2; moved += 4000) await pane.page.mouse.wheel(0, 4000);
    await scrollSettled(scroller);
    shown = await pane.findings();
    expect(shown.length).toBeLessThanOrEqual(MAX_FINDINGS_IN_PAGE);
    expect(shown[0].index).toBeGreaterThan(n / 4);
    expectWindow(shown, want.findings, shown[0].index);
    // The group of the rows at the top is named above them, though its heading has scrolled away.
    const top = await scroller.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const context = el.querySelector('[data-testid="findings-context"]') as HTMLElement | null;
      const below = (context?.getBoundingClientRect().height ?? 0) + 2;
      // The first finding whose button shows below the context line (the line lets clicks through).
      const button = [...el.querySelectorAll("li > button")].find((b) => b.getBoundingClientRect().bottom > box.top + below);
      return { context: context?.innerText ?? null, list: button?.closest("ul")?.getAttribute("aria-label") ?? null };
    });
    expect(top.context).not.toBeNull();
    expect(top.list).not.toBeNull();
    expect(top.context!.split(" (")[0]).toBe(top.list!.split(" · ")[0]);
    layout.push(...(await pane.shoot("scrolled")));

    // The keys: End jumps to the last finding, Enter selects its cell; ↑ the one before; the wheel back to the
    // top keeps the focused finding (the same element, still focused); Home goes to the first.
    await pane.findingButtons().nth(2).focus();
    await pane.page.keyboard.press("End");
    await pane.page.waitForFunction((last) => document.activeElement?.getAttribute("data-index") === String(last), n - 1);
    expect(await pane.focusedFinding()).toEqual({ index: n - 1, cell: want.findings[n - 1].cell });
    expect(await pane.reachable(pane.page.locator(":focus"))).toBe(true);
    await pane.page.keyboard.press("Enter");
    await pane.waitForFake((f, cell) => f.state.selection?.address === cell, want.findings[n - 1].cell);
    await pane.page.keyboard.press("ArrowUp");
    await pane.page.waitForFunction((i) => document.activeElement?.getAttribute("data-index") === String(i), n - 2);
    layout.push(...(await pane.shoot("end-key")));
    await scroller.hover();
    for (let moved = 0; moved < total; moved += 4000) await pane.page.mouse.wheel(0, -4000);
    await scrollSettled(scroller);
    await pane.frames();
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
    expect(await pane.focusedFinding()).toEqual({ index: n - 2, cell: want.findings[n - 2].cell });
    shown = await pane.findings();
    expect(shown.length).toBeLessThanOrEqual(MAX_FINDINGS_IN_PAGE + 1);
    expect(shown.map((f) => f.index)).toContain(n - 2);
    await pane.page.keyboard.press("Home");
    await pane.page.waitForFunction(() => document.activeElement?.getAttribute("data-index") === "0");
    expect(await pane.reachable(pane.page.locator(":focus"))).toBe(true);
    await finish(pane, layout);
  });

  if (v.label === "zh-light") {
    test(`20,000 findings (10,000 projects): the page stays small and the last finding is reached by keyboard (${v.displayLanguage}, ${v.theme})`, async () => {
      const sheet = generatedSheet(10_000);
      const want = validateGrid(gridOf(sheet));
      if (want.table === null) throw new Error("the generated sheet has no table");
      const n = want.findings.length;
      expect(n).toBeGreaterThan(20_000);
      const pane = await session.open({ sheets: [sheet] }, { label: `${v.label}-10000-projects`, displayLanguage: v.displayLanguage, theme: v.theme });
      await pane.ready();
      await pane.validate();
      await expectSummaryShown(pane, want);
      await pane.findingButtons().first().waitFor();
      const shown = await pane.findings();
      expect(shown.length).toBeLessThanOrEqual(MAX_FINDINGS_IN_PAGE);
      expectWindow(shown, want.findings, 0);
      // The whole pane, not only the list: a bounded number of elements.
      expect(await pane.page.evaluate(() => document.querySelectorAll("main *").length)).toBeLessThan(3000);
      await pane.findingButtons().first().focus();
      await pane.page.keyboard.press("End");
      await pane.page.waitForFunction((last) => document.activeElement?.getAttribute("data-index") === String(last), n - 1);
      await pane.page.keyboard.press("Enter");
      await pane.waitForFake((f, cell) => f.state.selection?.address === cell, want.findings[n - 1].cell);
      expect((await pane.findings()).length).toBeLessThanOrEqual(MAX_FINDINGS_IN_PAGE);
      const layout = await pane.shoot("end-key");
      await finish(pane, layout);
    });
  }

  test(`keyboard only: Tab to 校验, Enter; Tab to a finding, Enter selects its cell; focus is visible (${v.displayLanguage}, ${v.theme})`, async () => {
    const want = await expected(SEED);
    expect(want.findings.length).toBeGreaterThan(1);
    const pane = await open(SEED, "keyboard");
    const layout: LayoutProblem[] = [];
    await pane.ready();

    const check = pane.checkButton();
    await pane.tabTo(check);
    expect(await pane.focusVisible(check)).toBe(true);
    const runs = (await pane.log()).runs;
    await pane.page.keyboard.press("Enter");
    await pane.waitForFake((f, n) => f.log.runs > n, runs);
    await pane.idle();
    await pane.findingButtons().first().waitFor();
    await expectFindingsShown(pane, want.findings);

    for (const i of [0, 1]) {
      const target = pane.findingButtons().nth(i);
      await pane.tabTo(target);
      expect(await pane.focusVisible(target)).toBe(true);
      if (i === 0) layout.push(...(await pane.shoot("finding-focused")));
      await pane.page.keyboard.press("Enter");
      await pane.waitForFake((f, n) => f.log.selections.length >= n, i + 1);
      expect(await pane.selection()).toEqual({ sheet: SHEET, address: want.findings[i].cell });
      // Enter selects once: one selection per press.
      expect((await pane.log()).selections).toHaveLength(i + 1);
    }
    // ↓ moves from finding to finding (past the 修复 buttons Tab would stop at), ↑ back.
    await pane.page.keyboard.press("ArrowDown");
    expect(await pane.focusedFinding()).toEqual({ index: 2, cell: want.findings[2].cell });
    expect(await pane.focusVisible(pane.findingButtons().nth(2))).toBe(true);
    await pane.page.keyboard.press("Enter");
    await pane.waitForFake((f, cell) => f.state.selection?.address === cell && f.log.selections.length === 3, want.findings[2].cell);
    await pane.page.keyboard.press("ArrowUp");
    expect(await pane.focusedFinding()).toEqual({ index: 1, cell: want.findings[1].cell });
    await finish(pane, layout);
  });
}

/** The audits the flows rely on find what they are for (so their empty results mean something). */
export function auditSelfTest(session: PaneSession): void {
  test("the layout, contrast, label and focus audits catch an over-wide box, cut text, a covered button, faint text, an unlabelled button and an invisible focus", async () => {
    const pane = await session.open(await initFrom(SEED), { label: "audit-self-test" });
    await pane.ready();
    expect(await pane.layoutProblems()).toEqual([]);
    expect(await pane.unlabelledControls()).toEqual([]);
    await pane.page.evaluate(() => {
      const main = document.querySelector("main")!;
      const wide = document.createElement("div");
      wide.style.width = "400px";
      wide.textContent = "宽".repeat(5);
      const cut = document.createElement("div");
      cut.style.cssText = "width: 50px; overflow: hidden; white-space: nowrap";
      cut.textContent = "这段文字太长放不下";
      const bare = document.createElement("button");
      bare.id = "audit-bare";
      bare.style.cssText = "outline: none; width: 20px; height: 20px";
      bare.innerHTML = '<svg aria-hidden="true" width="16" height="16"></svg>';
      const faint = document.createElement("span");
      faint.style.color = "#cccccc";
      faint.textContent = "浅色文字";
      main.append(wide, cut, bare, faint);
    });
    // A transparent layer over the 校验 button.
    await pane.page.evaluate(() => {
      const b = [...document.querySelectorAll("button:not([role])")].find((x) => x.textContent?.trim() === "校验")!.getBoundingClientRect();
      const layer = document.createElement("div");
      layer.id = "audit-layer";
      layer.style.cssText = `position: fixed; left: ${b.left}px; top: ${b.top}px; width: ${b.width}px; height: ${b.height}px; z-index: 9`;
      document.body.append(layer);
    });
    const problems = (await pane.layoutProblems()).map((p) => p.what);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^sticks out \d+px to the right: <div> "宽宽宽宽宽"/),
        expect.stringMatching(/^text cut .*这段文字太长放不下/),
        expect.stringMatching(/^covered: <button> "校验" is under <div id="audit-layer"/),
      ]),
    );
    await pane.page.evaluate(() => document.getElementById("audit-layer")!.remove());
    expect(await pane.lowContrastText()).toEqual([expect.stringMatching(/^1\.\d\d:1 "浅色文字" \(rgb\(204, 204, 204\) on rgb\(255, 255, 255\)\)$/)]);
    expect(await pane.unlabelledControls()).toEqual([{ role: "button", html: expect.stringContaining('id="audit-bare"') }]);
    const bare = pane.page.locator("#audit-bare");
    await bare.focus();
    expect(await pane.focusVisible(bare)).toBe(false);
    await pane.tabTo(pane.checkButton());
    expect(await pane.focusVisible(pane.checkButton())).toBe(true);
  });
}
