/** @jest-environment jsdom */
/**
 * The result of 校验: summary counts, the grouped list, navigation, the severity filter, 清除标记, the loading,
 * empty and protected states, long lists, and cell text that looks like HTML.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { Finding, Severity } from "../../src/core";
import { MAX_ROWS, UNMEASURED_ROWS } from "../../src/taskpane/FindingsList";
import { oneUnit, publishedGrid } from "../helpers/grids";
import {
  engineResult,
  findingButtons,
  mixedSheet,
  renderPane,
  SEED_SHEET,
  seedSheet,
  settle,
  validate,
  visibleText,
} from "./render";

const SEVERITY_ZH: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };

function summaryCount(label: string): string {
  const item = within(screen.getByTestId("summary-counts"))
    .getAllByRole("listitem")
    .find((li) => li.textContent?.startsWith(label));
  if (!item) throw new Error(`no summary item ${label}`);
  return item.textContent!.slice(label.length);
}

describe("validating the seed", () => {
  test("summary counts and the list are the engine's result, in its order", async () => {
    const grid = seedSheet();
    const expected = engineResult(grid);
    const { host } = await renderPane({ sheets: [grid] });
    await validate(host);

    expect(host.log.checks).toEqual([
      { sheet: SEED_SHEET, options: { profile: "guangzhou", thresholds: {} }, highlight: true },
    ]);
    expect(summaryCount("错误")).toBe(String(expected.summary.errors));
    expect(summaryCount("警告")).toBe(String(expected.summary.warnings));
    expect(summaryCount("提示")).toBe(String(expected.summary.infos));
    expect(summaryCount("项目")).toBe(String(expected.summary.projects));
    expect(summaryCount("指标")).toBe(String(expected.summary.indicators));

    const buttons = findingButtons();
    expect(buttons).toHaveLength(expected.findings.length);
    expected.findings.forEach((f, i) => {
      expect(buttons[i]).toHaveTextContent(SEVERITY_ZH[f.severity]);
      expect(buttons[i]).toHaveTextContent(f.cell);
      expect(buttons[i]).toHaveTextContent(f.message);
      // Each finding shows its severity as text and as an icon, not by colour alone.
      expect(buttons[i].querySelector(`svg[data-severity="${f.severity}"]`)).not.toBeNull();
    });

    // The host marked one cell per distinct finding cell, and the pane says how many.
    const marked = new Set(expected.findings.map((f) => f.cell)).size;
    expect(host.highlights.get(SEED_SHEET)?.size).toBe(marked);
    expect(screen.getByText(`已在工作表中标记 ${marked} 个单元格。`)).toBeInTheDocument();
    // Screen readers hear the outcome.
    expect(screen.getByRole("status")).toHaveTextContent(
      `发现 ${expected.summary.errors} 个错误、${expected.summary.warnings} 个警告、${expected.summary.infos} 个提示。`,
    );
  });
});

describe("grouping", () => {
  test.each([
    ["the seed", seedSheet()],
    ["a sheet with errors, warnings, infos and a nameless row", mixedSheet()],
  ])("%s: grouped by project, then indicator; findings with no project under the sheet", async (_, grid) => {
    const expected = engineResult(grid);
    const { host } = await renderPane({ sheets: [grid] });
    await validate(host);

    const list = screen.getByRole("region", { name: "问题列表" });
    const projectHeadings = within(list).getAllByRole("heading", { level: 3 });
    const order: string[] = [];
    for (const f of expected.findings) {
      const label = f.project ?? `工作表“${grid.sheet}”整表`;
      if (!order.includes(label)) order.push(label);
    }
    expect(projectHeadings.map((h) => h.textContent?.replace(/\s*\(\d+ 个问题\)$/, ""))).toEqual(order);

    // Every finding sits in a list labelled with its project (and indicator, when the project is split by
    // indicator), below the headings of both, with its position in that list for screen readers.
    const headings = within(list).getAllByRole("heading").map((h) => ({ level: h.tagName, text: h.textContent ?? "" }));
    const buttons = findingButtons();
    expect(buttons).toHaveLength(expected.findings.length);
    expected.findings.forEach((f, i) => {
      const label = f.project ?? `工作表“${grid.sheet}”整表`;
      const button = buttons[i];
      expect(button).toHaveTextContent(f.message);
      const li = button.closest("li")!;
      const ul = li.parentElement!;
      expect(ul).toHaveRole("list");
      const items = [...ul.children];
      expect(li).toHaveAttribute("aria-posinset", String(items.indexOf(li) + 1));
      expect(li).toHaveAttribute("aria-setsize", String(items.length));
      // The headings above the finding, in document order.
      const above = within(list)
        .getAllByRole("heading")
        .filter((h) => h.compareDocumentPosition(li) & Node.DOCUMENT_POSITION_FOLLOWING);
      const project = above.filter((h) => h.tagName === "H3").pop()!;
      expect(project.textContent?.replace(/\s*\(\d+ 个问题\)$/, "")).toBe(label);
      // Indicator subheadings appear only in project groups that have findings about indicators.
      const split = f.project !== undefined && expected.findings.some((g) => g.project === f.project && g.indicator !== undefined);
      const last = above[above.length - 1];
      if (!split) {
        expect(last).toBe(project);
        expect(ul).toHaveAccessibleName(label);
        return;
      }
      expect(last.tagName).toBe("H4");
      let sub: string;
      if (f.indicator === undefined) {
        sub = "项目本身";
      } else {
        const p = expected.table.projects.find((x) => x.name === f.project)!;
        sub = `第 ${f.indicator + 1} 个指标：${p.indicators[f.indicator].name!.text}`;
      }
      expect(last).toHaveTextContent(sub);
      expect(ul).toHaveAccessibleName(`${label} · ${sub}`);
    });
    expect(headings.length).toBeGreaterThan(0);
    // Each project group counts its findings.
    for (const h of projectHeadings) {
      const label = h.textContent!.replace(/\s*\(\d+ 个问题\)$/, "");
      const n = expected.findings.filter((f) => (f.project ?? `工作表“${grid.sheet}”整表`) === label).length;
      expect(h).toHaveTextContent(`(${n} 个问题)`);
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test("the test sheets cover every kind of group", () => {
  // The seed has a project with findings about itself and about an indicator; the mixed sheet a nameless row.
  const seed = engineResult(seedSheet()).findings;
  expect(
    seed.some((f) => f.indicator === undefined && seed.some((g) => g.project === f.project && g.indicator !== undefined)),
  ).toBe(true);
  expect(engineResult(mixedSheet()).findings.some((f) => f.project === undefined)).toBe(true);
});

describe("navigation", () => {
  test("a click or Enter on a finding selects its cell on the checked sheet", async () => {
    const grid = mixedSheet();
    const expected = engineResult(grid);
    const { host } = await renderPane({ sheets: [seedSheet(), grid], active: grid.sheet });
    await validate(host);
    const buttons = findingButtons();
    expect(buttons.length).toBeGreaterThanOrEqual(3);

    fireEvent.click(buttons[1]);
    await settle();
    expect(host.log.selects).toEqual([{ sheet: grid.sheet, cell: expected.findings[1].cell }]);
    expect(buttons[1]).toHaveAttribute("aria-current", "true");

    act(() => buttons[2].focus());
    expect(buttons[2]).toHaveFocus();
    fireEvent.keyDown(buttons[2], { key: "Enter" });
    await settle();
    expect(host.log.selects[1]).toEqual({ sheet: grid.sheet, cell: expected.findings[2].cell });
    expect(buttons[2]).toHaveAttribute("aria-current", "true");
    expect(buttons[1]).not.toHaveAttribute("aria-current");

    // Native buttons: in the tab order, named by severity, cell and message.
    for (const [i, b] of buttons.entries()) {
      expect(b.tagName).toBe("BUTTON");
      expect(b.tabIndex).toBe(0);
      const f = expected.findings[i];
      expect(b).toHaveAccessibleName(expect.stringContaining(`${SEVERITY_ZH[f.severity]}`));
      expect(b).toHaveAccessibleName(expect.stringContaining(f.cell));
    }
  });

  test("a failed selection is reported", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()] });
    await validate(host);
    host.failNext("select", new Error("the workbook is busy"));
    fireEvent.click(findingButtons()[0]);
    await settle();
    expect(await screen.findByText(/发生意外错误：the workbook is busy/)).toBeInTheDocument();
  });
});

describe("severity filter", () => {
  test("toggling a severity hides and shows its findings", async () => {
    const grid = mixedSheet();
    const expected = engineResult(grid);
    const count = (s: Severity) => expected.findings.filter((f) => f.severity === s).length;
    for (const s of ["error", "warning", "info"] as Severity[]) expect(count(s)).toBeGreaterThan(0);
    const { host } = await renderPane({ sheets: [grid] });
    await validate(host);

    const filter = screen.getByRole("group", { name: "按严重程度筛选" });
    const toggle = (s: Severity) => within(filter).getByRole("button", { name: `${SEVERITY_ZH[s]} (${count(s)})` });
    for (const s of ["error", "warning", "info"] as Severity[]) expect(toggle(s)).toHaveAttribute("aria-pressed", "true");

    fireEvent.click(toggle("error"));
    expect(toggle("error")).toHaveAttribute("aria-pressed", "false");
    let shown = findingButtons();
    expect(shown).toHaveLength(expected.findings.length - count("error"));
    expect(shown.some((b) => b.textContent?.includes("错误"))).toBe(false);

    fireEvent.click(toggle("warning"));
    shown = findingButtons();
    expect(shown).toHaveLength(count("info"));

    fireEvent.click(toggle("info"));
    expect(screen.getByText("当前筛选条件下没有问题。")).toBeInTheDocument();

    fireEvent.click(toggle("error"));
    expect(findingButtons()).toHaveLength(count("error"));
    // The summary always counts everything.
    expect(summaryCount("警告")).toBe(String(expected.summary.warnings));
  });
});

describe("清除标记", () => {
  test("clears the add-in's marks from the sheet and says so", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()] });
    await validate(host);
    expect(host.highlights.has(SEED_SHEET)).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: "清除标记" }));
    await settle();
    expect(host.log.clears).toEqual([SEED_SHEET]);
    expect(host.highlights.has(SEED_SHEET)).toBe(false);
    expect(screen.getByText(`已清除工作表“${SEED_SHEET}”上的标记。`)).toBeInTheDocument();
    expect(screen.queryByText(/已在工作表中标记/)).not.toBeInTheDocument();
    // The findings stay listed.
    expect(findingButtons().length).toBe(engineResult(seedSheet()).findings.length);

    fireEvent.click(screen.getByRole("button", { name: "清除标记" }));
    await settle();
    expect(screen.getByText(`工作表“${SEED_SHEET}”上没有本助手的标记。`)).toBeInTheDocument();
  });

  test("a protected sheet: the findings are listed and the pane says the cells were not marked", async () => {
    const grid = seedSheet();
    const expected = engineResult(grid);
    const { host } = await renderPane({ sheets: [grid], protectedSheets: [SEED_SHEET] });
    await validate(host);
    expect(host.highlights.has(SEED_SHEET)).toBe(false);
    expect(
      screen.getByText("问题已列出，但工作表受保护，未在单元格上标记。撤销工作表保护后重新校验即可标记。"),
    ).toBeInTheDocument();
    expect(findingButtons()).toHaveLength(expected.findings.length);
    expect(screen.queryByText(/已在工作表中标记/)).not.toBeInTheDocument();
  });

  test("a protected sheet whose old marks could not be updated says so, even with nothing found now", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()] });
    await validate(host);
    expect(host.highlights.has(SEED_SHEET)).toBe(true);
    // The user fixes everything, then protects the sheet.
    const clean = publishedGrid(oneUnit([{ name: "项目甲" }], { sheet: SEED_SHEET }));
    expect(engineResult(clean).findings).toHaveLength(0);
    host.sheets.set(SEED_SHEET, { grid: clean, visible: true });
    host.protectedSheets.add(SEED_SHEET);
    await validate(host);
    expect(screen.getByText("工作表受保护，之前的标记未能更新。撤销工作表保护后重新校验即可。")).toBeInTheDocument();
    expect(host.highlights.has(SEED_SHEET)).toBe(true);
  });

  test("clearing a sheet that was protected after it was marked fails and leaves the marks", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()] });
    await validate(host);
    const marks = new Map(host.highlights.get(SEED_SHEET));
    host.protectedSheets.add(SEED_SHEET);
    fireEvent.click(screen.getByRole("button", { name: "清除标记" }));
    await settle();
    expect(host.highlights.get(SEED_SHEET)).toEqual(marks);
    const bar = visibleText(/受保护/).closest(".fui-MessageBar") as HTMLElement;
    expect(bar).toHaveTextContent(`工作表“${SEED_SHEET}”受保护`);
    expect(bar).toHaveTextContent("工作表未被修改。");
    fireEvent.click(within(bar).getByRole("button", { name: "关闭" }));
    expect(screen.queryByText(/受保护/)).not.toBeInTheDocument();
  });
});

describe("states", () => {
  test("while a check runs: a spinner, and 校验 cannot be pressed again", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()] });
    const release = host.hold();
    const button = screen.getByRole("button", { name: "校验" });
    fireEvent.click(button);
    await settle();
    expect(screen.getByRole("progressbar")).toBeInTheDocument();
    expect(screen.getByText("正在校验…")).toBeInTheDocument();
    expect(button).toHaveAttribute("aria-disabled", "true");
    expect(screen.getByRole("main")).toHaveAttribute("aria-busy", "true");
    fireEvent.click(button);
    await settle();
    expect(host.log.checks).toHaveLength(1);

    release();
    await waitFor(() => expect(host.log.runs).toHaveLength(1));
    await settle();
    expect(screen.queryByText("正在校验…")).not.toBeInTheDocument();
    expect(button).not.toHaveAttribute("aria-disabled");
    expect(findingButtons().length).toBeGreaterThan(0);
  });

  test("nothing found: the pane says what was checked", async () => {
    const grid = publishedGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙" }], { sheet: "干净" }));
    const expected = engineResult(grid);
    expect(expected.findings).toHaveLength(0);
    const { host } = await renderPane({ sheets: [grid] });
    await validate(host);
    const { projects, indicators } = expected.summary;
    expect(visibleText(`已检查 ${projects} 个项目、${indicators} 个指标：未发现问题`)).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent(`已检查 ${projects} 个项目、${indicators} 个指标：未发现问题`);
    expect(screen.queryByRole("region", { name: "问题列表" })).not.toBeInTheDocument();
  });

  test("thousands of findings: a window of the list is rendered, it follows the scroll position and the keys", async () => {
    const projects = Array.from({ length: 900 }, (_, i) => ({ name: `项目${i + 1}`, total: 12, fiscal: 10 }));
    const grid = publishedGrid(oneUnit(projects, { sheet: "长表" }));
    const expected = engineResult(grid);
    const n = expected.findings.length;
    expect(n).toBeGreaterThan(4 * UNMEASURED_ROWS);
    const { host } = await renderPane({ sheets: [grid] });
    await validate(host);

    /** The findings rendered, as positions in the engine's list; each shows that finding. */
    const rendered = () => {
      const buttons = findingButtons();
      const at = buttons.map((b) => Number(b.dataset.index));
      buttons.forEach((b, i) => {
        expect(b.dataset.cell).toBe(expected.findings[at[i]].cell);
        expect(b).toHaveTextContent(expected.findings[at[i]].message);
      });
      return at;
    };
    // jsdom lays nothing out: the list cannot be measured and renders its first rows only.
    let at = rendered();
    expect(at.length).toBeGreaterThan(0);
    expect(at.length).toBeLessThan(UNMEASURED_ROWS);
    expect(at).toEqual(at.map((_, i) => i));
    // Every item says where it stands among the findings of its group, though the others are not in the page.
    const li = findingButtons()[0].closest("li")!;
    expect(li).toHaveAttribute("aria-posinset", "1");
    expect(Number(li.getAttribute("aria-setsize"))).toBeGreaterThanOrEqual(1);

    // Give the scroll area a size and a scroll position, as a browser would.
    const scroller = screen.getByTestId("findings-scroller");
    let top = 0;
    Object.defineProperty(scroller, "clientHeight", { configurable: true, get: () => 600 });
    Object.defineProperty(scroller, "clientWidth", { configurable: true, get: () => 300 });
    Object.defineProperty(scroller, "scrollTop", { configurable: true, get: () => top, set: (v: number) => (top = v) });
    const scrollTo = (y: number) => {
      top = y;
      fireEvent.scroll(scroller);
    };
    // The pane "resizes": the list measures itself again and renders what fits, plus a margin.
    fireEvent(window, new Event("resize"));
    await waitFor(() => expect(findingButtons().length).toBeLessThan(60));
    at = rendered();
    expect(at[0]).toBe(0);
    expect(at.length).toBeLessThanOrEqual(MAX_ROWS);

    // Far down: another stretch of consecutive findings, still bounded.
    const height = parseFloat((scroller.firstElementChild as HTMLElement).style.height);
    expect(height).toBeGreaterThan(n * 40);
    scrollTo(height / 2);
    at = rendered();
    expect(at[0]).toBeGreaterThan(n / 4);
    expect(at[at.length - 1]).toBeLessThan((3 * n) / 4);
    expect(at).toEqual(at.map((_, i) => at[0] + i));
    expect(at.length).toBeLessThanOrEqual(MAX_ROWS);

    // The keys: End goes to the last finding (scrolling there), Enter selects its cell; ↑ the one before;
    // Home back to the first; PageDown ten further.
    const middle = findingButtons()[3];
    act(() => middle.focus());
    fireEvent.keyDown(middle, { key: "End" });
    await settle();
    let focused = document.activeElement as HTMLButtonElement;
    expect(focused.dataset.index).toBe(String(n - 1));
    expect(top).toBeGreaterThan(height - 1000);
    fireEvent.keyDown(focused, { key: "Enter" });
    await settle();
    expect(host.log.selects).toEqual([{ sheet: "长表", cell: expected.findings[n - 1].cell }]);
    fireEvent.keyDown(focused, { key: "ArrowUp" });
    await settle();
    focused = document.activeElement as HTMLButtonElement;
    expect(focused.dataset.index).toBe(String(n - 2));
    fireEvent.keyDown(focused, { key: "Home" });
    await settle();
    focused = document.activeElement as HTMLButtonElement;
    expect(focused.dataset.index).toBe("0");
    expect(top).toBe(0);
    fireEvent.keyDown(focused, { key: "PageDown" });
    await settle();
    focused = document.activeElement as HTMLButtonElement;
    expect(focused.dataset.index).toBe("10");
    fireEvent.keyDown(focused, { key: "ArrowDown" });
    await settle();
    focused = document.activeElement as HTMLButtonElement;
    expect(focused.dataset.index).toBe("11");

    // Scrolling far away keeps the focused finding in the page (the same element, still focused).
    scrollTo(height - 600);
    at = rendered();
    expect(at).toContain(11);
    expect(at.filter((i) => i !== 11).every((i) => i > n / 2)).toBe(true);
    expect(document.activeElement).toBe(focused);
    expect(focused.isConnected).toBe(true);
    // Back at the top: the first findings again, and still the focused one.
    scrollTo(0);
    at = rendered();
    expect(at).toContain(11);
    const rest = at.filter((i) => i !== 11);
    expect(rest).toEqual(rest.map((_, i) => i));
    expect(document.activeElement).toBe(focused);
  });
});

describe("cell text is text", () => {
  test("a <script> or <img onerror> in a cell is shown as characters, never as markup", async () => {
    const grid = publishedGrid(
      oneUnit(
        [
          {
            name: "<img src=x onerror=\"window.__pwned = 1\">",
            indicators: "1、1-产出指标；11-数量指标；00-<script>window.__pwned = 2</script>；实施周期指标值:6人；年度指标值:6人。",
          },
        ],
        { sheet: "注入" },
      ),
    );
    const expected = engineResult(grid);
    const withScript = expected.findings.find((f: Finding) => f.message.includes("<script>"));
    expect(withScript).toBeDefined();
    const { host, container } = await renderPane({ sheets: [grid] });
    await validate(host);

    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("img")).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(screen.getByText(withScript!.message)).toBeInTheDocument();
    expect(
      screen.getByRole("heading", { level: 3, name: /^<img src=x onerror="window.__pwned = 1">/ }),
    ).toBeInTheDocument();
  });
});
