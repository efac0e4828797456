/** @jest-environment jsdom */
/**
 * Fixing from the 校验 tab over the in-memory host on the real seed workbooks: 修复 on one finding, 全部修复
 * after a confirmation listing every safe fix, an explicit suggestion (set 总计 to the sum) after a confirmation
 * showing both numbers, re-checking afterwards, errors, the ribbon's stored result, English.
 */
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import {
  applyPlanToGrid,
  findingKey,
  isPlanError,
  planFixes,
  validateGrid,
  type Finding,
  type GridInput,
} from "../../src/core";
import { MemoryHost } from "../fakes/memory-host";
import { findingButtons, openDialog, renderPane, settle, validate } from "./render";
import { brokenSheet, engineResult, SEED_SHEET, seedSheet } from "./sheets";

jest.setTimeout(30_000);

function cellOf(grid: GridInput, f: Pick<Finding, "row" | "col">): unknown {
  return grid.values[f.row - (grid.origin?.row ?? 0)]?.[f.col - (grid.origin?.col ?? 0)];
}

/** Wait for the re-check after a write: one more run, shown. */
async function rechecked(host: MemoryHost, runs: number): Promise<void> {
  await waitFor(() => expect(host.log.runs.length).toBe(runs + 1));
  await settle();
}

test("修复 on one finding writes its fix, re-checks, and the finding is gone", async () => {
  const grid = seedSheet();
  const expected = engineResult(grid);
  const fixable = expected.findings.filter((f) => f.fix);
  expect(fixable.length).toBeGreaterThan(0);
  const f = fixable[0];
  const { host } = await renderPane({ sheets: [grid] });
  await validate(host);
  // Only the findings with a safe fix have a 修复 button, named with their cell.
  expect(screen.getAllByRole("button", { name: /^修复 / })).toHaveLength(fixable.length);
  const runs = host.log.runs.length;
  fireEvent.click(screen.getByRole("button", { name: `修复 ${f.cell}` }));
  await rechecked(host, runs);

  expect(host.log.fixes).toEqual([{ sheet: SEED_SHEET, keys: [findingKey(f)], options: { profile: "guangzhou", thresholds: {} } }]);
  expect(cellOf(host.grid(SEED_SHEET), f)).toBe(f.fix!.text);
  expect(screen.getByText(`已在工作表“${SEED_SHEET}”中修复 1 处问题，并已重新校验。可在“修改记录”中撤销。`)).toBeInTheDocument();
  const now = validateGrid(host.grid(SEED_SHEET));
  if (!now.table) throw new Error("table expected");
  expect(findingButtons()).toHaveLength(now.findings.length);
  expect(now.findings.map(findingKey)).not.toContain(findingKey(f));
  expect(findingButtons().some((b) => b.textContent?.includes(f.message))).toBe(false);
});

describe("全部修复", () => {
  test("lists every safe fix (cell, before → after) and writes nothing until confirmed; then fixes them all", async () => {
    const grid = await brokenSheet("halfwidth-punctuation");
    const expected = engineResult(grid);
    const fixable = expected.findings.filter((f) => f.fix);
    expect(fixable.length).toBeGreaterThan(1);
    const { host } = await renderPane({ sheets: [grid] });
    await validate(host);

    fireEvent.click(screen.getByRole("button", { name: `全部修复（${fixable.length}）` }));
    const dialog = await openDialog("确认全部修复");
    expect(dialog).toHaveTextContent(`将在工作表“${SEED_SHEET}”中应用以下 ${fixable.length} 处安全修复：`);
    const items = within(within(dialog).getByTestId("fix-all-list")).getAllByRole("listitem");
    expect(items).toHaveLength(fixable.length);
    fixable.forEach((f, i) => {
      expect(items[i]).toHaveTextContent(f.fix!.cell);
      expect(items[i]).toHaveTextContent(f.message);
      expect(items[i]).toHaveTextContent("→");
      // The replaced characters appear struck through before the arrow, the replacement after it.
      const [before, after] = items[i].querySelectorAll(":scope > span:last-child > span");
      expect(before.textContent).not.toBe(after.textContent);
    });

    fireEvent.click(within(dialog).getByRole("button", { name: "取消" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    expect(host.log.fixes).toEqual([]);
    expect(host.grid(SEED_SHEET)).toBe(grid);

    const runs = host.log.runs.length;
    fireEvent.click(screen.getByRole("button", { name: `全部修复（${fixable.length}）` }));
    fireEvent.click(within(await openDialog()).getByRole("button", { name: "确认修复" }));
    await rechecked(host, runs);
    expect(host.log.fixes).toEqual([{ sheet: SEED_SHEET, keys: undefined, options: { profile: "guangzhou", thresholds: {} } }]);
    const plan = planFixes(expected.table, grid, expected.findings);
    if (isPlanError(plan)) throw new Error(plan.message);
    expect(host.grid(SEED_SHEET)).toEqual(applyPlanToGrid(grid, plan));
    expect(screen.queryByRole("button", { name: /^全部修复/ })).toBeNull();
    expect(screen.queryAllByRole("button", { name: /^修复 / })).toEqual([]);
  });
});

describe("an explicit suggestion", () => {
  test("shows both numbers, asks for confirmation, then writes only the suggested cell", async () => {
    const grid = await brokenSheet("total-off-by-0.01");
    const expected = engineResult(grid);
    const f = expected.findings.find((x) => x.suggestions?.length)!;
    const sug = f.suggestions![0];
    const { host } = await renderPane({ sheets: [grid] });
    await validate(host);

    // The button says what it would do, both numbers included; it is not a safe fix.
    const button = screen.getByRole("button", { name: sug.message });
    expect(button).toHaveTextContent(/现为/);
    fireEvent.click(button);
    const dialog = await openDialog("确认修改");
    expect(dialog).toHaveTextContent(sug.message);
    const edits = within(within(dialog).getByTestId("suggestion-edits")).getAllByRole("listitem");
    expect(edits.map((e) => e.textContent)).toEqual(sug.edits.map((e) => `${e.cell}：${String(e.before)} → ${String(e.after)}`));

    fireEvent.click(within(dialog).getByRole("button", { name: "取消" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { hidden: true })).toBeNull());
    expect(host.log.suggestions).toEqual([]);

    const runs = host.log.runs.length;
    fireEvent.click(screen.getByRole("button", { name: sug.message }));
    fireEvent.click(within(await openDialog()).getByRole("button", { name: "确认修改" }));
    await rechecked(host, runs);
    expect(host.log.suggestions).toEqual([
      { sheet: SEED_SHEET, key: findingKey(f), suggestionId: sug.id, options: { profile: "guangzhou", thresholds: {} } },
    ]);
    const after = host.grid(SEED_SHEET);
    for (const e of sug.edits) expect(cellOf(after, e)).toBe(e.after);
    // Nothing else changed.
    const changed: string[] = [];
    grid.values.forEach((row, r) => row.forEach((v, c) => v !== after.values[r][c] && changed.push(`${r},${c}`)));
    expect(changed).toEqual(sug.edits.map((e) => `${e.row},${e.col}`));
    expect(screen.getByText(`已修改：${sug.message}。已重新校验，可在“修改记录”中撤销。`)).toBeInTheDocument();
  });
});

test("a protected sheet: the fix fails with a message saying so; the sheet is unchanged", async () => {
  const grid = seedSheet();
  const f = engineResult(grid).findings.find((x) => x.fix)!;
  const { host } = await renderPane({ sheets: [grid], protectedSheets: [SEED_SHEET] });
  await validate(host);
  fireEvent.click(screen.getByRole("button", { name: `修复 ${f.cell}` }));
  await screen.findByText(/工作表“绩效目标表”受保护，无法写入。.*工作表未被修改。/);
  expect(host.grid(SEED_SHEET)).toBe(grid);
});

test("the ribbon's stored result can be fixed from too", async () => {
  const grid = seedSheet();
  const host = new MemoryHost({ sheets: [grid] });
  host.storeRibbonRun(SEED_SHEET, "2024-05-06T07:08:09.000Z");
  await renderPane(host);
  const f = engineResult(grid).findings.find((x) => x.fix)!;
  const runs = host.log.runs.length;
  fireEvent.click(screen.getByRole("button", { name: `修复 ${f.cell}` }));
  await rechecked(host, runs);
  expect(cellOf(host.grid(SEED_SHEET), f)).toBe(f.fix!.text);
});

test("English labels", async () => {
  const grid = await brokenSheet("halfwidth-punctuation");
  const fixable = engineResult(grid).findings.filter((f) => f.fix);
  const { host } = await renderPane({ sheets: [grid], lang: "en" });
  await validate(host, "Validate");
  expect(screen.getAllByRole("button", { name: /^Fix [A-Z]+\d+$/ })).toHaveLength(fixable.length);
  fireEvent.click(screen.getByRole("button", { name: `Fix all (${fixable.length})` }));
  const dialog = await openDialog("Apply all safe fixes?");
  expect(within(dialog).getByRole("button", { name: "Apply fixes" })).toBeInTheDocument();
  expect(within(dialog).getByRole("button", { name: "Cancel" })).toBeInTheDocument();
  expect(dialog).toHaveTextContent(fixable[0].messageEn);
});
