/**
 * Page object of the pane's editing tabs in a real browser (插入指标, the 修复 / 全部修复 / suggestion buttons of
 * the result, 修改记录), on top of PanePage (support/pane-page.ts, used read-only here): the controls a person
 * uses, found by role and accessible name in the pane's language, and what the Excel fake recorded about the
 * writes (its cells, merged areas and write syncs), read with page.evaluate.
 *
 * The tab names are matched by their current wording or an earlier one (校验 became 校验结果), so a rename of a
 * tab does not break the edit flows.
 */
import type { Locator, Page } from "playwright-core";
import type { Lang } from "../../../src/excel/host";
import type { Strings } from "../../../src/taskpane/i18n";
import type { SheetSnapshot, SyncRecord } from "../../fakes/excel-fake";
import type { LayoutProblem, PanePage } from "./pane-page";

export type TabName = "check" | "insert" | "changes";

/** Earlier wordings of the tab names, still accepted. */
const OLD_TAB_NAMES: Record<Lang, Record<TabName, string[]>> = {
  zh: { check: ["校验", "校验结果"], insert: ["插入指标"], changes: ["修改记录"] },
  en: { check: ["Check", "Validate", "Result"], insert: ["Insert indicators", "Insert"], changes: ["Changes"] },
};

export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A sheet's content without conditional formats (the add-in's highlights come and go with each check). */
export type SheetContent = Omit<SheetSnapshot, "conditionalFormats">;

export interface WriteSyncs {
  /** Syncs that wrote cells, number formats, rows, merges or sheets. */
  edits: SyncRecord[];
  /** Other syncs holding writes (the re-check's highlights). */
  highlights: SyncRecord[];
}

export class EditPage {
  readonly page: Page;
  readonly s: Strings;
  readonly lang: Lang;

  constructor(readonly pane: PanePage) {
    this.page = pane.page;
    this.s = pane.s;
    this.lang = pane.lang;
  }

  // --- tabs -----------------------------------------------------------------------------------

  tab(which: TabName): Locator {
    const current = which === "check" ? this.s.tabCheck : which === "insert" ? this.s.tabInsert : this.s.tabChanges;
    const names = [...new Set([current, ...OLD_TAB_NAMES[this.lang][which]])];
    return this.page.getByRole("tab", { name: new RegExp(`^(${names.map(escapeRegExp).join("|")})$`) });
  }

  /** Click a tab and wait until it is the selected one and its panel is shown. */
  async openTab(which: TabName): Promise<void> {
    const tab = this.tab(which);
    await tab.click();
    await this.page.waitForFunction(
      (id) => {
        const t = id ? document.getElementById(id) : null;
        if (!t || t.getAttribute("aria-selected") !== "true") return false;
        const panel = document.querySelector(`[role="tabpanel"][aria-labelledby="${id}"]`) as HTMLElement | null;
        return !!panel && !panel.hidden;
      },
      await tab.getAttribute("id"),
    );
  }

  /** The tab panel shown. */
  panel(): Locator {
    return this.page.locator('[role="tabpanel"]:not([hidden])');
  }

  // --- 插入指标 ---------------------------------------------------------------------------------

  /** The project the insert targets, as the tab names it ("项目：…"). */
  target(project: string): Locator {
    return this.page.getByText(this.s.targetProject(project), { exact: true });
  }

  targetDetails(sheet: string, nameCell: string, count: number, next: number): Locator {
    return this.page.getByText(this.s.targetDetails(sheet, nameCell, count, next), { exact: true });
  }

  l1Select(): Locator {
    return this.page.getByRole("combobox", { name: this.s.l1Label, exact: true });
  }

  l2Select(): Locator {
    return this.page.getByRole("combobox", { name: this.s.l2Label, exact: true });
  }

  /** The 三级 box (a combobox open to free text). */
  l3Box(): Locator {
    return this.page.getByRole("combobox", { name: this.s.l3Label, exact: true });
  }

  /** A 三级 option whose name starts with the template's name (its second line is the 二级 code and value). */
  l3Option(name: string): Locator {
    return this.page.getByRole("option", { name: new RegExp(`^${escapeRegExp(name)}`) });
  }

  /** Type into the 三级 box with real key presses (what a person does), after emptying it. */
  async typeL3(text: string): Promise<void> {
    await this.l3Box().click();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("Backspace");
    await this.page.keyboard.type(text, { delay: 40 });
  }

  /**
   * A field of a value group: `legend` is s.periodLabel or s.annualLabel, `field` s.numberShort, s.unitShort,
   * s.textShort. Its accessible name is the (visually hidden) legend followed by the short visible label.
   */
  valueBox(legend: string, field: string): Locator {
    const prefix = this.s.valuePrefix(legend).trim();
    return this.page.getByRole("textbox", { name: new RegExp(`^${escapeRegExp(prefix)}\\s*${escapeRegExp(field)}$`) });
  }

  /** Replace a text box's content with real key presses. */
  async typeInto(box: Locator, text: string): Promise<void> {
    await box.click();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("Backspace");
    await this.page.keyboard.type(text, { delay: 20 });
  }

  sameAsPeriod(): Locator {
    return this.page.getByRole("checkbox", { name: this.s.sameAsPeriod, exact: true });
  }

  preview(): Locator {
    return this.page.getByTestId("insert-preview");
  }

  verdict(): Locator {
    return this.page.getByTestId("insert-verdict");
  }

  /** The preview's lines, exactly as the page holds them (text content, no whitespace folding). */
  async previewLines(): Promise<string[]> {
    return this.preview()
      .locator("li")
      .evaluateAll((els) => els.map((el) => el.textContent ?? ""));
  }

  /**
   * Wait (up to `timeoutMs`) until the preview is shown, not loading, and `accept` holds on its lines; the lines
   * last seen (the caller asserts on them, so a preview that never matches fails with what it showed).
   */
  async settledPreview(accept: (lines: string[]) => boolean, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let lines: string[] = [];
    for (;;) {
      const loading = await this.page.getByText(this.s.previewLoading, { exact: true }).count();
      if (loading === 0 && (await this.preview().count()) === 1) {
        lines = await this.previewLines();
        if (accept(lines)) return lines;
      }
      if (Date.now() > deadline) return lines;
      await this.page.waitForTimeout(50);
    }
  }

  insertButton(): Locator {
    return this.page.getByRole("button", { name: this.s.insert, exact: true });
  }

  // --- 校验 tab: fixes and suggestions ----------------------------------------------------------

  fixButton(cell: string): Locator {
    return this.page.getByRole("button", { name: this.s.fixAria(cell), exact: true });
  }

  fixAllButton(n: number): Locator {
    return this.page.getByRole("button", { name: this.s.fixAll(n), exact: true });
  }

  /** Any 全部修复 button, whatever its count. */
  anyFixAllButton(): Locator {
    return this.page.getByRole("button", { name: new RegExp(`^${escapeRegExp(this.s.fixAll(0)).replace("0", "\\d+")}$`) });
  }

  /** Every 修复 button of the list. */
  allFixButtons(): Locator {
    return this.page.getByRole("button", { name: new RegExp(`^${escapeRegExp(this.s.fixAria("")).trimEnd()}\\s*[A-Z]{1,3}\\d+$`) });
  }

  dialog(title: string): Locator {
    return this.page.getByRole("dialog", { name: title });
  }

  /** The entries of a list in a dialog (fix-all-list, suggestion-edits) as shown, whitespace folded. */
  async listTexts(list: Locator): Promise<string[]> {
    return list.locator(":scope > li").evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText.replace(/\s+/g, " ").trim()));
  }

  /** A text the pane shows (a notice), exactly. */
  notice(text: string): Locator {
    return this.page.getByText(text, { exact: true });
  }

  // --- 修改记录 ---------------------------------------------------------------------------------

  /** The change entries, newest first. */
  changeEntries(): Locator {
    return this.page.getByTestId("changes-list").locator(":scope > li");
  }

  /** The 撤销 button of an entry ("撤销：<label>"). */
  undoButton(entry: Locator): Locator {
    return entry.getByRole("button", { name: new RegExp(`^${escapeRegExp(this.s.undoAria(""))}`) });
  }

  /** The undo notice ("已撤销：<label>"). */
  undoneNotice(): Locator {
    return this.page.getByText(new RegExp(`^${escapeRegExp(this.s.undoneNotice(""))}`));
  }

  // --- screenshots of a state with something laid over the pane ------------------------------------

  /**
   * Screenshots (PanePage.shoot) of a state where `overlay` (a dialog, an open list) lies over the pane by
   * design: the pane's controls under it are not reported as covered, but every control of the overlay itself
   * must be reachable by a click at its centre (nothing laid over it, not cut by the viewport's edge).
   */
  async shootOverlay(state: string, overlay: Locator): Promise<LayoutProblem[]> {
    await overlay.waitFor();
    const problems = (await this.pane.shoot(state)).filter((p) => !p.what.startsWith("covered: "));
    const width = this.page.viewportSize()?.width ?? 0;
    const covered = await overlay.evaluate((root) => {
      const out: string[] = [];
      const controls = [root, ...root.querySelectorAll("*")].filter((el) =>
        el.matches('button, input, select, textarea, [role="option"], [role="combobox"], [role="checkbox"]'),
      );
      // An overlay with no control would make this check vacuous.
      if (controls.length === 0) out.push("overlay has no control");
      for (const el of controls) {
        const r = el.getBoundingClientRect();
        if (r.width < 2 || r.height < 2) continue;
        // Only the part of a scrolling list in view counts (the rest is reached by scrolling it).
        let top = r.top;
        let bottom = r.bottom;
        for (let a = el.parentElement; a; a = a.parentElement) {
          const cs = getComputedStyle(a);
          if (cs.overflowY === "visible") continue;
          const ar = a.getBoundingClientRect();
          top = Math.max(top, ar.top);
          bottom = Math.min(bottom, ar.bottom);
        }
        if (bottom - top < 2 || top >= innerHeight) continue;
        const x = r.left + r.width / 2;
        const y = (top + Math.min(bottom, innerHeight)) / 2;
        const hit = document.elementFromPoint(x, y);
        const text = (el as HTMLElement).innerText?.replace(/\s+/g, " ").trim().slice(0, 40) ?? "";
        if (x < 0 || x >= document.documentElement.clientWidth) out.push(`overlay control off screen: <${el.tagName.toLowerCase()}> "${text}"`);
        else if (!hit || (hit !== el && !el.contains(hit))) out.push(`overlay control covered: <${el.tagName.toLowerCase()}> "${text}"`);
      }
      return out;
    });
    return [...problems, ...covered.map((what) => ({ width, what }))];
  }

  // --- what the fake holds and recorded ---------------------------------------------------------

  /** The user clicking `cell` on `sheet` in Excel (the fake fires the selection events). */
  async select(sheet: string, cell: string): Promise<void> {
    await this.pane.fake((f, a) => f.state.simulateSelect(a.sheet, a.cell).then(() => null), { sheet, cell });
  }

  async snapshot(sheet: string): Promise<SheetSnapshot> {
    return this.pane.fake((f, name) => f.state.snapshot(name), sheet);
  }

  /** Every sheet's cells, merged areas and protection, by name (no conditional formats). */
  async content(): Promise<Record<string, SheetContent>> {
    return this.pane.fake((f) =>
      Object.fromEntries(
        f.state.sheets.map((s) => {
          const { conditionalFormats: _cf, ...rest } = f.state.snapshot(s.name);
          return [s.name, rest];
        }),
      ),
    );
  }

  async value(sheet: string, cell: string): Promise<string | number | boolean> {
    return this.pane.fake((f, a) => f.state.value(a.sheet, a.cell), { sheet, cell });
  }

  /** The non-empty values of a sheet row (0-based), left to right, over the first `cols` columns. */
  async rowValues(sheet: string, row: number, cols = 26): Promise<(string | number | boolean)[]> {
    return this.pane.fake(
      (f, a) => {
        const out: (string | number | boolean)[] = [];
        for (let c = 0; c < a.cols; c++) {
          let name = "";
          for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
          const v = f.state.value(a.sheet, `${name}${a.row + 1}`);
          if (v !== "") out.push(v);
        }
        return out;
      },
      { sheet, row, cols },
    );
  }

  async syncCount(): Promise<number> {
    return this.pane.fake((f) => f.log.syncs.length);
  }

  /** The write syncs from sync number `from` on (an index into the log), split into edits and highlight writes. */
  async writeSyncsSince(from: number): Promise<WriteSyncs> {
    return this.pane.fake((f, n) => {
      const edit = /\.values=|\.numberFormat=|\.insert\(|\.delete\(|\.merge\(|\.unmerge\(|^worksheets\.add\(/;
      const isEdit = (op: string) => !op.includes("conditionalFormats") && edit.test(op);
      const writes = f.log.syncs.slice(n).filter((s) => s.writes);
      return { edits: writes.filter((s) => s.ops.some(isEdit)), highlights: writes.filter((s) => !s.ops.some(isEdit)) };
    }, from);
  }

  /** Lengths of the fake's logs, to read what happened after this moment. */
  async marks(): Promise<{ syncs: number; valueWrites: number; structure: number; mergeDiscarded: number }> {
    return this.pane.fake((f) => ({
      syncs: f.log.syncs.length,
      valueWrites: f.log.valueWrites.length,
      structure: f.log.structure.length,
      mergeDiscarded: f.log.mergeDiscarded.length,
    }));
  }

  async valueWritesSince(from: number): Promise<{ sheet: string; address: string }[]> {
    return this.pane.fake((f, n) => f.log.valueWrites.slice(n), from);
  }

  async structureSince(from: number): Promise<{ sheet: string; op: string; address: string }[]> {
    return this.pane.fake((f, n) => f.log.structure.slice(n), from);
  }

  async mergeDiscardedSince(from: number): Promise<{ sheet: string; cell: string }[]> {
    return this.pane.fake((f, n) => f.log.mergeDiscarded.slice(n), from);
  }

  /** The look of every cell of a sheet (own format overlaid by the conditional formats that apply). */
  async looks(sheet: string): Promise<Record<string, string>> {
    return this.pane.looks(sheet);
  }
}
