/** @jest-environment jsdom */
/**
 * The 修改记录 tab over the in-memory host: the record newest first, 撤销 restoring the grid exactly (also for
 * inserted rows and merged cells), a stale undo refused with the cell named, 转换格式 to a new sheet and its
 * undo, English.
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { buildTable, findingKey, getTemplates, templateToSpec, type GridInput } from "../../src/core";
import { formatTime } from "../../src/taskpane/i18n";
import { MemoryHost } from "../fakes/memory-host";
import { renderPane, settle, validate } from "./render";
import { engineResult, SEED_SHEET, seedSheet, structuredSeedSheet } from "./sheets";

jest.setTimeout(30_000);

const AT = new Date("2024-05-06T07:08:09.000Z");

function specOf(name: string) {
  return templateToSpec(getTemplates().find((t) => t.name === name)!);
}

function projectRow(grid: GridInput, i: number): number {
  const t = buildTable(grid).table;
  if (!t) throw new Error("table expected");
  return t.projects[i].row;
}

async function openChanges(host: MemoryHost, tab = "修改记录") {
  const view = await renderPane(host);
  fireEvent.click(screen.getByRole("tab", { name: tab }));
  await settle();
  return view;
}

function entries(): HTMLElement[] {
  const list = screen.queryByTestId("changes-list");
  return list ? (within(list).getAllByRole("listitem").filter((li) => li.parentElement === list) as HTMLElement[]) : [];
}

test("no changes yet: the tab says so and explains why undo lives here", async () => {
  await openChanges(new MemoryHost({ sheets: [seedSheet()] }));
  expect(screen.getByText("本工作簿中还没有由本助手做出的修改。")).toBeInTheDocument();
  expect(screen.getByText(/Excel 的“撤销”\(Ctrl\+Z\) 通常不能撤销加载项所做的修改/)).toBeInTheDocument();
});

test.each([
  ["published", async () => seedSheet()],
  ["structured", async () => structuredSeedSheet()],
])("%s: the record lists changes newest first; 撤销 each restores the grid exactly", async (_layout, load) => {
  const grid = await load();
  const original = JSON.stringify(grid);
  const host = new MemoryHost({ sheets: [grid] });
  host.now = () => AT;
  const insert = await host.insertIndicators({ sheet: SEED_SHEET, projectRow: projectRow(grid, 1), specs: [specOf("服务对象满意度调查")] });
  const afterInsert = JSON.stringify(host.grid(SEED_SHEET));
  const fix = await host.applyFixes({ sheet: SEED_SHEET });
  expect(JSON.stringify(host.grid(SEED_SHEET))).not.toBe(afterInsert);

  await openChanges(host);
  const items = entries();
  expect(items).toHaveLength(2);
  expect(items[0]).toHaveTextContent(fix.plan.label.zh);
  expect(items[0]).toHaveTextContent("修复");
  expect(items[1]).toHaveTextContent(insert.plan.label.zh);
  expect(items[1]).toHaveTextContent("插入指标");
  expect(items[1]).toHaveTextContent(`工作表“${SEED_SHEET}” · ${formatTime(AT.toISOString(), "zh")}`);
  // What each change wrote is there to read.
  fireEvent.click(within(items[1]).getByText(/查看内容/));
  for (const line of insert.plan.preview) expect(within(items[1]).getByText(line)).toBeInTheDocument();

  fireEvent.click(within(items[0]).getByRole("button", { name: `撤销：${fix.plan.label.zh}` }));
  await screen.findByText(`已撤销：${fix.plan.label.zh}`);
  expect(JSON.stringify(host.grid(SEED_SHEET))).toBe(afterInsert);
  expect(entries()[0]).toHaveTextContent("已撤销");
  expect(within(entries()[0]).queryByRole("button", { name: /^撤销/ })).toBeNull();

  fireEvent.click(within(entries()[1]).getByRole("button", { name: `撤销：${insert.plan.label.zh}` }));
  await screen.findByText(`已撤销：${insert.plan.label.zh}`);
  expect(JSON.stringify(host.grid(SEED_SHEET))).toBe(original);
});

test("a cell changed since: undo is refused, naming the cell, and the sheet is left as it is", async () => {
  const grid = seedSheet();
  const host = new MemoryHost({ sheets: [grid] });
  const change = await host.insertIndicators({ sheet: SEED_SHEET, projectRow: projectRow(grid, 0), specs: [specOf("服务对象满意度调查")] });
  const e = change.plan.edits[0];
  host.edit(SEED_SHEET, e.row, e.col, "用户改过的文字");
  const now = JSON.stringify(host.grid(SEED_SHEET));
  await openChanges(host);
  fireEvent.click(screen.getByRole("button", { name: `撤销：${change.plan.label.zh}` }));
  const bar = (await screen.findByText(new RegExp(`${e.cell} 已被改动`))).closest(".fui-MessageBar") as HTMLElement;
  expect(bar).toHaveTextContent("工作表未被修改。");
  expect(JSON.stringify(host.grid(SEED_SHEET))).toBe(now);
  expect(within(entries()[0]).getByRole("button", { name: /^撤销/ })).toBeInTheDocument();
});

test("changes made in the pane appear in the record; undoing a fix re-checks the shown result", async () => {
  const grid = seedSheet();
  const f = engineResult(grid).findings.find((x) => x.fix)!;
  const { host } = await renderPane({ sheets: [grid] });
  await validate(host);
  let runs = host.log.runs.length;
  fireEvent.click(screen.getByRole("button", { name: `修复 ${f.cell}` }));
  await waitFor(() => expect(host.log.runs.length).toBe(runs + 1));
  fireEvent.click(screen.getByRole("tab", { name: "修改记录" }));
  await settle();
  expect(entries()).toHaveLength(1);
  runs = host.log.runs.length;
  fireEvent.click(within(entries()[0]).getByRole("button", { name: /^撤销/ }));
  await waitFor(() => expect(host.log.runs.length).toBe(runs + 1));
  expect(host.grid(SEED_SHEET)).toEqual(grid);
  // Back on 校验, the finding is listed again with its 修复 button.
  fireEvent.click(screen.getByRole("tab", { name: "校验结果" }));
  await settle();
  expect(screen.getByRole("button", { name: `修复 ${f.cell}` })).toBeInTheDocument();
  expect(host.log.fixes[0].keys).toEqual([findingKey(f)]);
});

test("转换格式 writes the table in the other layout on a new sheet, says its name; undo removes the sheet", async () => {
  const grid = seedSheet();
  const host = new MemoryHost({ sheets: [grid] });
  await openChanges(host);
  expect(screen.getByText(/把工作表“绩效目标表”（发布格式（每行一个项目））写成明细格式（每行一个指标），放在一个新工作表中；原工作表保持不变。/)).toBeInTheDocument();
  const lists = host.log.listSheets;
  fireEvent.click(screen.getByRole("button", { name: "转换为明细格式（每行一个指标）" }));
  const converted = host.log.converts;
  await waitFor(() => expect(converted).toEqual([{ sheet: SEED_SHEET, to: "structured" }]));
  const created = host.changes()[0].plan.sheet;
  await screen.findByText(`已写入新工作表“${created}”。`);
  expect(buildTable(host.grid(created)).table?.layout).toBe("structured");
  expect(host.grid(SEED_SHEET)).toBe(grid);
  // The sheet list is read again, so the new sheet can be chosen on 校验.
  await waitFor(() => expect(host.log.listSheets).toBeGreaterThan(lists));

  fireEvent.click(within(entries()[0]).getByRole("button", { name: /^撤销/ }));
  await screen.findByText(/^已撤销：/);
  expect(host.sheets.has(created)).toBe(false);
});

test("English labels", async () => {
  const grid = seedSheet();
  const host = new MemoryHost({ sheets: [grid], lang: "en" });
  const change = await host.insertIndicators({ sheet: SEED_SHEET, projectRow: projectRow(grid, 0), specs: [specOf("服务对象满意度调查")] });
  await openChanges(host, "Changes");
  expect(screen.getByRole("heading", { name: "Changes made by the assistant" })).toBeInTheDocument();
  expect(entries()[0]).toHaveTextContent(change.plan.label.en);
  expect(entries()[0]).toHaveTextContent("Indicators inserted");
  expect(screen.getByRole("button", { name: `Undo: ${change.plan.label.en}` })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Convert to the declaration layout (one row per indicator)" })).toBeInTheDocument();
});
