/** @jest-environment jsdom */
/**
 * The 插入指标 tab over the in-memory host on the real seed grids: the target follows the Excel selection, the
 * 一级 → 二级 → 三级 cascade, pinyin search, free text, the value inputs, the live preview (exactly what is
 * written), the verdict, inserting in both layouts, standard sets in one write, errors, English.
 */
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { buildTable, getKits, getProfile, getTemplates, type GridInput, type Table } from "../../src/core";
import { MemoryHost } from "../fakes/memory-host";
import { renderPane, settle } from "./render";
import { SEED_SHEET, seedSheet, structuredSeedSheet } from "./sheets";

// Fluent under jsdom on a shared two-core machine: a full insert round trip takes seconds.
jest.setTimeout(30_000);

function tableOf(grid: GridInput): Table {
  const b = buildTable(grid);
  if (!b.table) throw new Error(b.message);
  return b.table;
}

/** Open the 插入指标 tab with the selection on `cell`. */
async function openInsert(host: MemoryHost, tab = "插入指标") {
  const view = await renderPane(host);
  fireEvent.click(screen.getByRole("tab", { name: tab }));
  await settle();
  return view;
}

function select(label: string | RegExp, value: string): void {
  fireEvent.change(screen.getByRole("combobox", { name: label }), { target: { value } });
}

function typeName(text: string): void {
  const box = screen.getByRole("combobox", { name: "三级指标" });
  fireEvent.change(box, { target: { value: text } });
}

function optionNames(): string[] {
  const list = screen.queryByRole("listbox");
  if (!list) return [];
  return within(list)
    .queryAllByRole("option")
    .filter((o) => o.getAttribute("aria-disabled") !== "true")
    .map((o) => o.querySelector("span > span")?.textContent ?? o.textContent ?? "");
}

async function preview(): Promise<string[]> {
  const list = await screen.findByTestId("insert-preview", {}, { timeout: 2000 });
  return [...list.querySelectorAll("li")].map((li) => li.textContent ?? "");
}

function cell(grid: GridInput, row: number, col: number): unknown {
  return grid.values[row - (grid.origin?.row ?? 0)]?.[col - (grid.origin?.col ?? 0)];
}

describe("target", () => {
  test("names the project of the selection and follows the selection; outside a project it says what to do", async () => {
    const grid = seedSheet();
    const t = tableOf(grid);
    const [p0, p1] = t.projects;
    const host = new MemoryHost({ sheets: [grid], selected: `G${p0.row + 1}` });
    await openInsert(host);
    expect(screen.getByText(`项目：${p0.name}`)).toBeInTheDocument();
    expect(screen.getByText(`工作表“${SEED_SHEET}”，项目名称在 A${p0.row + 1}；现有 4 个指标，新指标从第 5 个编号。`)).toBeInTheDocument();
    expect(host.selectionWatcherCount()).toBe(1);

    act(() => host.selectCell(SEED_SHEET, `B${p1.row + 1}`));
    expect(screen.getByText(`项目：${p1.name}`)).toBeInTheDocument();

    act(() => host.selectCell(SEED_SHEET, "A2"));
    expect(screen.getByText("选区不在项目内")).toBeInTheDocument();
    expect(
      screen.getByText(/当前选中的是工作表“绩效目标表”的 A2，它不属于任何项目。请在 Excel 中选中要插入指标的项目所在的单元格/),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "插入" })).toBeDisabled();
  });

  test("a sheet with no table says so", async () => {
    const notes = { sheet: "说明", values: [["填表说明"]] };
    const host = new MemoryHost({ sheets: [notes, seedSheet()], active: "说明" });
    await openInsert(host);
    expect(screen.getByText("工作表“说明”中没有绩效目标表。请切换到绩效目标表，并选中要插入指标的项目。")).toBeInTheDocument();
  });

  test("closing the tab's pane unsubscribes from the selection", async () => {
    const host = new MemoryHost({ sheets: [seedSheet()] });
    const { unmount } = await openInsert(host);
    expect(host.selectionWatcherCount()).toBe(1);
    unmount();
    await settle();
    expect(host.selectionWatcherCount()).toBe(0);
  });
});

describe("cascade and search", () => {
  test("一级 → 二级 lists the profile's categories; the 三级 list holds only the chosen 二级's templates", async () => {
    const host = new MemoryHost({ sheets: [seedSheet()], selected: "G6" });
    await openInsert(host);
    const tree = getProfile("guangzhou").tree;
    const l1 = screen.getByRole("combobox", { name: "一级指标" }) as HTMLSelectElement;
    expect([...l1.options].slice(1).map((o) => o.textContent)).toEqual(tree.map((c) => `${c.code}-${c.name}`));
    const l2 = screen.getByRole("combobox", { name: "二级指标" }) as HTMLSelectElement;
    expect(l2).toBeDisabled();

    select("一级指标", "1");
    expect([...l2.options].slice(1).map((o) => o.textContent)).toEqual(tree[0].children.map((c) => `${c.code}-${c.name}`));
    select("二级指标", "13");
    fireEvent.click(screen.getByRole("combobox", { name: "三级指标" }));
    const expected = getTemplates().filter((t) => t.l2 === "13").map((t) => t.name);
    await waitFor(() => expect(optionNames()).toEqual(expected.slice(0, 40)));
  });

  test("pinyin initials: myd lists 满意度 templates; choosing one sets the categories and prefills the values", async () => {
    const host = new MemoryHost({ sheets: [seedSheet()], selected: "G6" });
    await openInsert(host);
    typeName("myd");
    await waitFor(() => expect(optionNames().length).toBeGreaterThan(0));
    for (const n of optionNames()) expect(n).toContain("满意");
    // While standard indicators match, the hint says so instead of announcing a custom indicator.
    expect(screen.getByText(new RegExp(`^\\d+ 个标准指标与“myd”匹配`))).toBeInTheDocument();
    const t = getTemplates().find((x) => x.name === "服务对象满意度调查")!;
    fireEvent.click(screen.getByRole("option", { name: new RegExp(`^${t.name}`) }));
    await settle();
    expect(screen.getByRole("combobox", { name: "一级指标" })).toHaveValue(t.l1);
    expect(screen.getByRole("combobox", { name: "二级指标" })).toHaveValue(t.l2);
    expect(screen.getByRole("combobox", { name: "三级指标" })).toHaveValue(t.name);
    expect(screen.getByRole("combobox", { name: "实施周期指标值 比较符" })).toHaveValue(t.comparator);
    expect(screen.getByRole("textbox", { name: "实施周期指标值 数值" })).toHaveValue(t.value);
    expect(screen.getByRole("textbox", { name: "实施周期指标值 计量单位" })).toHaveValue(t.unit);
    expect(screen.getByText(`指标解释：${t.explanation}`)).toBeInTheDocument();
  });

  test("jsl lists 及时率 templates", async () => {
    const host = new MemoryHost({ sheets: [seedSheet()], selected: "G6" });
    await openInsert(host);
    typeName("jsl");
    await waitFor(() => expect(optionNames().length).toBeGreaterThan(0));
    expect(optionNames().some((n) => n.includes("及时率"))).toBe(true);
    for (const n of optionNames()) expect(n).toMatch(/及时|jsl/i);
  });
});

describe("inserting one indicator", () => {
  test.each([
    ["published", async () => seedSheet()],
    ["structured", async () => structuredSeedSheet()],
  ])("%s: the preview is exactly what is written; the verdict shows; insert writes it and says so", async (layout, load) => {
    const grid = await load();
    const p = tableOf(grid).projects[1];
    const host = new MemoryHost({ sheets: [grid], selected: `B${p.row + 1}` });
    await openInsert(host);
    typeName("服务对象满意度调查");
    fireEvent.click(await screen.findByRole("option", { name: /^服务对象满意度调查/ }));
    await settle();

    const lines = await preview();
    expect(screen.getByTestId("insert-verdict")).toHaveTextContent("新指标符合全部校验规则。");
    const planned = host.log.plans[host.log.plans.length - 1];
    expect(planned.projectRow).toBe(p.row);

    fireEvent.click(screen.getByRole("button", { name: "插入" }));
    await screen.findByText(`已在工作表“${SEED_SHEET}”的项目“${p.name}”中插入 1 个指标。可在“修改记录”中撤销。`);
    expect(host.log.inserts).toHaveLength(1);
    const after = host.grid(SEED_SHEET);
    if (layout === "published") {
      const col = tableOf(grid).header.columns.indicators!;
      const before = String(cell(grid, p.row, col));
      const written = String(cell(after, p.row, col));
      const sep = /[。\n]$/.test(before) ? "" : "\n";
      expect(written).toBe(before + sep + lines.join(""));
      const t = getTemplates().find((x) => x.name === "服务对象满意度调查")!;
      const value = `${t.comparator}${t.value}${t.unit}`;
      expect(lines).toEqual([
        `${p.indicators.length + 1}、3-满意度指标；31-服务对象满意度指标；服务对象满意度调查；实施周期指标值:${value}；年度指标值:${value}。`,
      ]);
    } else {
      // One new row after the project's last: its non-empty cells, in column order, are the preview line.
      const row = p.lastRow + 1;
      const values = (after.values[row - (after.origin?.row ?? 0)] ?? []).filter((v) => v !== null && v !== undefined && v !== "");
      expect(lines).toEqual([values.map(String).join(" | ")]);
      expect(values).toContain("服务对象满意度调查");
      // The project's merged cells now span the new row.
      const merged = after.merges!.find((m) => m.left === 0 && m.top === p.row)!;
      expect(merged.bottom).toBe(row);
    }
    const now = tableOf(after).projects[1];
    expect(now.indicators.map((i) => i.name?.text)).toEqual([...p.indicators.map((i) => i.name?.text), "服务对象满意度调查"]);
    // The target follows the grown project.
    await screen.findByText(new RegExp(`现有 ${p.indicators.length + 1} 个指标，新指标从第 ${p.indicators.length + 2} 个编号`));
  });

  test("free text: a name of one's own with chosen categories and typed values", async () => {
    const grid = seedSheet();
    const p = tableOf(grid).projects[0];
    const host = new MemoryHost({ sheets: [grid], selected: `A${p.row + 1}` });
    await openInsert(host);
    select("一级指标", "2");
    select("二级指标", "22");
    typeName("群众投诉办结率（自定）");
    await settle();
    expect(screen.getByText("没有匹配的标准指标：将按输入的名称插入自定义指标。")).toBeInTheDocument();
    select("实施周期指标值 比较符", "≥");
    fireEvent.change(screen.getByRole("textbox", { name: "实施周期指标值 数值" }), { target: { value: "98" } });
    fireEvent.change(screen.getByRole("textbox", { name: "实施周期指标值 计量单位" }), { target: { value: "%" } });
    // A different annual value.
    fireEvent.click(screen.getByRole("checkbox", { name: "年度指标值与实施周期指标值相同" }));
    fireEvent.change(screen.getByRole("textbox", { name: "年度指标值 数值" }), { target: { value: "95" } });
    expect(await preview()).toEqual([
      `${p.indicators.length + 1}、2-效益指标；22-社会效益指标；群众投诉办结率（自定）；实施周期指标值:≥98%；年度指标值:≥95%。`,
    ]);
    fireEvent.click(screen.getByRole("button", { name: "插入" }));
    await screen.findByText(/已在工作表“绩效目标表”的项目/);
    const text = String(cell(host.grid(SEED_SHEET), p.row, 6));
    expect(text.endsWith("群众投诉办结率（自定）；实施周期指标值:≥98%；年度指标值:≥95%。")).toBe(true);
  });

  test("a qualitative value, and a rate written ≥100% gets the validator's verdict before inserting", async () => {
    const host = new MemoryHost({ sheets: [seedSheet()], selected: "A7" });
    await openInsert(host);
    select("一级指标", "1");
    select("二级指标", "12");
    typeName("验收合格率（自定）");
    select("实施周期指标值 比较符", "≥");
    fireEvent.change(screen.getByRole("textbox", { name: "实施周期指标值 数值" }), { target: { value: "100" } });
    fireEvent.change(screen.getByRole("textbox", { name: "实施周期指标值 计量单位" }), { target: { value: "%" } });
    await settle();
    const verdict = screen.getByTestId("insert-verdict");
    expect(verdict).toHaveTextContent("比率不可能超过100%");
    expect(verdict).not.toHaveTextContent("新指标符合全部校验规则。");

    fireEvent.click(screen.getByRole("radio", { name: "定性（文字）" }));
    fireEvent.change(screen.getByRole("textbox", { name: "实施周期指标值 定性值" }), { target: { value: "长期" } });
    select("实施周期指标值 比较符", "");
    expect((await preview())[0]).toMatch(/验收合格率（自定）；实施周期指标值:长期；年度指标值:长期。$/);
  });

  test("incomplete input: insert says what is missing and writes nothing", async () => {
    const host = new MemoryHost({ sheets: [seedSheet()], selected: "A7" });
    await openInsert(host);
    fireEvent.click(screen.getByRole("button", { name: "插入" }));
    await settle();
    expect(screen.getByText("请选择一级指标和二级指标。 请选择或输入三级指标名称。")).toBeInTheDocument();
    expect(screen.getByText("请输入数值。")).toBeInTheDocument();
    expect(host.log.inserts).toEqual([]);
  });

  test("a protected sheet: the error says so and the sheet is unchanged", async () => {
    const grid = seedSheet();
    const host = new MemoryHost({ sheets: [grid], selected: "A7", protectedSheets: [SEED_SHEET] });
    await openInsert(host);
    typeName("服务对象满意度调查");
    fireEvent.click(await screen.findByRole("option", { name: /^服务对象满意度调查/ }));
    fireEvent.click(screen.getByRole("button", { name: "插入" }));
    await screen.findByText(/工作表“绩效目标表”受保护，无法写入。.*工作表未被修改。/);
    expect(host.grid(SEED_SHEET)).toEqual(grid);
  });
});

describe("standard sets", () => {
  test("a kit's templates are listed and ticked; missing numbers are asked for; one write inserts them all", async () => {
    const grid = seedSheet();
    const p = tableOf(grid).projects[1];
    const host = new MemoryHost({ sheets: [grid], selected: `A${p.row + 1}` });
    await openInsert(host);
    fireEvent.click(screen.getByRole("radio", { name: "标准指标集" }));
    await settle();
    const kit = getKits("guangzhou").find((k) => k.id === "it-maintenance")!;
    select("项目类型", kit.id);
    await settle();
    const boxes = kit.items.map((it) => screen.getByRole("checkbox", { name: it.template.name }));
    for (const b of boxes) expect(b).toBeChecked();
    // Untick one, fill in what the catalogue leaves open.
    fireEvent.click(boxes[1]);
    for (const [i, it] of kit.items.entries()) {
      if (i === 1) continue;
      const input = screen.queryByRole("textbox", { name: new RegExp(`^${it.template.name}`) });
      if (input) fireEvent.change(input, { target: { value: "95" } });
    }
    const lines = await preview();
    expect(lines).toHaveLength(kit.items.length - 1);
    lines.forEach((line, k) => expect(line.startsWith(`${p.indicators.length + 1 + k}、`)).toBe(true));

    fireEvent.click(screen.getByRole("button", { name: `插入选中的 ${kit.items.length - 1} 个指标` }));
    await screen.findByText(`已在工作表“${SEED_SHEET}”的项目“${p.name}”中插入 ${kit.items.length - 1} 个指标。可在“修改记录”中撤销。`);
    expect(host.log.inserts).toHaveLength(1);
    expect(host.log.inserts[0].specs.map((s) => s.name)).toEqual(kit.items.filter((_, i) => i !== 1).map((it) => it.template.name));
    const before = String(cell(grid, p.row, 6));
    expect(String(cell(host.grid(SEED_SHEET), p.row, 6))).toBe(before + (/[。\n]$/.test(before) ? "" : "\n") + lines.join(""));
  });
});

test("English labels", async () => {
  const host = new MemoryHost({ sheets: [seedSheet()], selected: "A2", lang: "en" });
  await openInsert(host, "Insert indicators");
  expect(screen.getByRole("tab", { name: "Check" })).toBeInTheDocument();
  expect(screen.getByRole("tab", { name: "Changes" })).toBeInTheDocument();
  expect(screen.getByText("The selection is not in a project")).toBeInTheDocument();
  expect(screen.getByRole("combobox", { name: "Level 1 (一级指标)" })).toBeInTheDocument();
  expect(screen.getByRole("combobox", { name: "Level 3 (三级指标)" })).toBeInTheDocument();
  expect(screen.getByRole("textbox", { name: "Whole-period value (实施周期指标值): Number" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Insert" })).toBeInTheDocument();
  expect(screen.getByRole("radio", { name: "Standard set" })).toBeInTheDocument();
});
