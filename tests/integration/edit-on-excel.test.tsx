/** @jest-environment jsdom */
/**
 * Editing through the whole add-in chain: the real task pane, over the real Office.js adapter
 * (createExcelHost), over the Excel fake built from the real seed workbooks. Each flow checks what the pane
 * shows AND what the fake recorded: the cells, merged areas and formats, and that an insert, a fix or an undo
 * is exactly one write sync (the re-check that follows a fix only writes the add-in's own highlights).
 */
import { act, configure, fireEvent, screen, waitFor, within } from "@testing-library/react";
import {
  a1, buildTable, conversionSheetName, getKits, isPlanError, parseA1, planConversion, toSpec, validateGrid,
  type Table, type ValidationResult,
} from "../../src/core";
import { cliGrid, initFrom, seedSetup, SEED, setup, SHEET, shiftedCells, STRUCTURED_SEED, type Setup } from "../excel/helpers";
import {
  changeEntries, content, fakeGrid, findingButtons, openDialog, openPane, openTab, previewLines, reopen, rowValues, settle,
  VARIANT, writeSyncs,
} from "./edit-helpers";
import { STRINGS } from "../../src/taskpane/i18n";

/** The message bar says the sheet was not changed, exactly once (the adapter's edit errors state it themselves; otherwise the pane adds it). */
function expectSaysUnchanged(bar: Element | null): void {
  expect(bar).not.toBeNull();
  const text = bar!.textContent ?? "";
  // Either the host's own sentence or the pane's, never both.
  expect(text.match(/工作表未作任何更改|工作表未被修改/g)).toHaveLength(1);
}

/** The pane's tab names (their wording is the pane's business; the flows only need to open them). */
const TAB = { check: STRINGS.zh.tabCheck, insert: STRINGS.zh.tabInsert, changes: STRINGS.zh.tabChanges };

// Fluent under jsdom on a shared two-core machine: a whole flow takes several seconds.
jest.setTimeout(120_000);
// Each write is a few host round trips through the fake plus a Fluent re-render: give findBy/waitFor time.
configure({ asyncUtilTimeout: 10_000 });

function tableOf(fake: Setup): Table {
  const built = buildTable(fakeGrid(fake, SHEET));
  if (!built.table) throw new Error(built.message);
  return built.table;
}

/** Move Excel's selection (the user clicking a cell) and let the pane's watcher pick it up. */
async function selectCell(fake: Setup, cell: string): Promise<void> {
  await act(async () => {
    await fake.state.simulateSelect(SHEET, cell);
  });
}

/** Type pinyin initials into the 三级 box and choose the template named `name` from the list. */
async function pickTemplate(initials: string, name: string, label = "三级指标"): Promise<void> {
  fireEvent.change(screen.getByRole("combobox", { name: label }), { target: { value: initials } });
  const option = await screen.findByRole("option", { name: new RegExp(`^${name.replace(/[()（）]/g, ".")}`) }, { timeout: 5000 });
  fireEvent.click(option);
  await settle();
}

/** The tab panel shown, checked to be the one of the tab named `tab`. */
function shownPanel(tab: string): HTMLElement {
  const panel = screen.getByRole("tabpanel");
  expect(panel).toHaveAttribute("aria-labelledby", screen.getByRole("tab", { name: tab }).id);
  return panel;
}

function setText(name: string, value: string): void {
  fireEvent.change(screen.getByRole("textbox", { name }), { target: { value } });
}

/** Undo the newest change from the 修改记录 tab and wait for the pane to say so. */
async function undoNewest(fake: Setup): Promise<number> {
  await openTab(TAB.changes);
  await settle();
  const entry = changeEntries().find((li) => within(li).queryByRole("button", { name: /^撤销：/ }));
  if (!entry) throw new Error("no change left to undo");
  const from = fake.log.syncs.length;
  fireEvent.click(within(entry).getByRole("button", { name: /^撤销：/ }));
  await screen.findByText(/^已撤销：/);
  await settle();
  return from;
}

// ---------------------------------------------------------------------------------------------
// 1 + 4. Published seed: the target follows the selection; insert one indicator
// ---------------------------------------------------------------------------------------------

describe("插入指标 on the published seed", () => {
  test("outside a project: the hint, 插入 disabled; in a project: its name; the preview is exactly what is appended", async () => {
    const fake = await seedSetup(SEED);
    await fake.state.simulateSelect(SHEET, "A2");
    const original = fake.state.snapshot(SHEET);
    const project = tableOf(fake).projects.find((p) => p.row === 6)!;
    expect(project.name).toBe("耕地保护和国土空间规划经费");

    await openPane(fake);
    await openTab(TAB.insert);
    // 4. The selection is on the unit line: no project, 插入 cannot be pressed.
    await screen.findByText("选区不在项目内");
    expect(screen.getByText(/当前选中的是工作表“绩效目标表”的 A2，它不属于任何项目。/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "插入" })).toBeDisabled();

    // The user clicks a cell of the project in Excel: the pane follows.
    await selectCell(fake, "D7");
    await screen.findByText(`项目：${project.name}`, {}, { timeout: 3000 });
    expect(screen.getByText("工作表“绩效目标表”，项目名称在 A7；现有 4 个指标，新指标从第 5 个编号。")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "插入" })).toBeEnabled();

    // Pinyin initials find the template; the values are edited (annual differs from the period's).
    await pickTemplate("myd", "服务对象满意度调查");
    expect(screen.getByRole("combobox", { name: "一级指标" })).toHaveValue("3");
    setText("实施周期指标值 数值", "85");
    fireEvent.click(screen.getByRole("checkbox", { name: "年度指标值与实施周期指标值相同" }));
    setText("年度指标值 数值", "90");
    await waitFor(async () =>
      expect(await previewLines()).toEqual([
        "5、3-满意度指标；31-服务对象满意度指标；服务对象满意度调查；实施周期指标值:≥85%；年度指标值:≥90%。",
      ]),
    );
    const lines = await previewLines();
    expect(screen.getByText("追加到单元格 G7 的现有文字之后：")).toBeInTheDocument();
    // The validator's verdict on the new indicator, before anything is written.
    expect(screen.getByTestId("insert-verdict")).toHaveTextContent("年度指标值“≥90%”与实施周期指标值“≥85%”不同");
    // Previews read, never write.
    expect(fake.log.syncs.filter((s) => s.writes)).toEqual([]);

    const from = fake.log.syncs.length;
    const valueWrites = fake.log.valueWrites.length;
    fireEvent.click(screen.getByRole("button", { name: "插入" }));
    await screen.findByText(`已在工作表“${SHEET}”的项目“${project.name}”中插入 1 个指标。可在“修改记录”中撤销。`);
    await settle();

    const { edits, highlights } = writeSyncs(fake, from);
    expect(edits).toHaveLength(1);
    expect(highlights).toEqual([]);
    expect(fake.log.valueWrites.slice(valueWrites)).toEqual([{ sheet: SHEET, address: "G7" }]);
    // The existing text byte for byte, then exactly the preview (it ends in 。, so no line break between).
    const before = original.cells.G7.value as string;
    expect(before.endsWith("。")).toBe(true);
    const after = fake.state.value(SHEET, "G7") as string;
    expect(after.slice(0, before.length)).toBe(before);
    expect(after.slice(before.length)).toBe(lines.join(""));
    // No other cell, format or merge changed; G7 keeps its number format.
    const now = fake.state.snapshot(SHEET);
    expect({ ...now.cells, G7: null }).toEqual({ ...original.cells, G7: null });
    expect({ ...now.cells.G7, value: null }).toEqual({ ...original.cells.G7, value: null });
    expect(now.merges).toEqual(original.merges);
    expect(fake.log.mergeDiscarded).toEqual([]);
    // The engine sees the new indicator: the project's missing 满意度 warning is gone.
    const result = validateGrid(fakeGrid(fake, SHEET)) as ValidationResult;
    expect(result.table!.projects[1].indicators.map((i) => i.name?.text).at(-1)).toBe("服务对象满意度调查");
    expect(result.findings.some((f) => f.cell === "G7" && f.messageId === "noSatisfaction")).toBe(false);
    // The target follows the grown project.
    await screen.findByText(/现有 5 个指标，新指标从第 6 个编号/, {}, { timeout: 3000 });

    // 6. 修改记录 lists it; 撤销 gives the sheet back exactly, in one write.
    await openTab(TAB.changes);
    await settle();
    expect(changeEntries()).toHaveLength(1);
    expect(changeEntries()[0]).toHaveTextContent(`在“${project.name}”插入 1 个指标`);
    const undoFrom = await undoNewest(fake);
    expect(writeSyncs(fake, undoFrom).edits).toHaveLength(1);
    expect(fake.state.snapshot(SHEET)).toEqual(original);
    expect(changeEntries()[0]).toHaveTextContent("已撤销");
    expect(within(changeEntries()[0]).queryByRole("button", { name: /^撤销/ })).toBeNull();

    // Back on 插入指标, the target and the preview follow the undone insert: the next number is 5 again.
    await openTab(TAB.insert);
    await screen.findByText(/现有 4 个指标，新指标从第 5 个编号/);
    await waitFor(async () => expect(await previewLines()).toEqual(lines));
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Structured seed: a new row after the project's last, merged project cells spanning it; stale undo
// ---------------------------------------------------------------------------------------------

/** Merged areas after inserting `count` rows at `at` into a project spanning [top, last]. */
function expectedMerges(before: string[], top: number, last: number, at: number, count: number): string[] {
  return before
    .map((m) => {
      const [x, y] = m.split(":");
      const p = parseA1(x)!;
      const q = parseA1(y ?? x)!;
      let [r0, r1] = [p.row, q.row];
      if (r0 >= at) [r0, r1] = [r0 + count, r1 + count];
      else if (r0 === top && r1 === last) r1 += count;
      return `${a1({ row: r0, col: p.col })}:${a1({ row: r1, col: q.col })}`;
    })
    .sort();
}

describe("插入指标 on the structured seed", () => {
  test("a new row after the project's last indicator row holds the preview; merged cells span it; a stale undo is refused", async () => {
    const fake = await seedSetup(STRUCTURED_SEED);
    await fake.state.simulateSelect(SHEET, "I12");
    const original = fake.state.snapshot(SHEET);
    const project = tableOf(fake).projects.find((p) => p.row === 9)!;
    expect([project.row, project.lastRow]).toEqual([9, 12]);

    await openPane(fake);
    await openTab(TAB.insert);
    await screen.findByText(`项目：${project.name}`, {}, { timeout: 3000 });
    await pickTemplate("myd", "服务对象满意度调查");
    setText("实施周期指标值 数值", "85");
    const lines = await previewLines();
    expect(lines).toHaveLength(1);
    expect(screen.getByText("在第 14 行插入 1 行：")).toBeInTheDocument();

    const from = fake.log.syncs.length;
    fireEvent.click(screen.getByRole("button", { name: "插入" }));
    await screen.findByText(`已在工作表“${SHEET}”的项目“${project.name}”中插入 1 个指标。可在“修改记录”中撤销。`);
    await settle();
    expect(writeSyncs(fake, from).edits).toHaveLength(1);
    expect(fake.log.structure.filter((s) => s.op === "insertRows")).toEqual([{ sheet: SHEET, op: "insertRows", address: "14:14" }]);

    // The new row (sheet row 14) holds exactly the preview line, as text.
    const at = project.lastRow + 1;
    const row = rowValues(fake, SHEET, at);
    expect(row.join(" | ")).toBe(lines[0]);
    expect(row.every((v) => typeof v === "string")).toBe(true);
    expect(row).toContain("服务对象满意度调查");
    // Every other cell moved down with its row (or stayed), byte for byte; nothing else appeared.
    const now = fake.state.snapshot(SHEET);
    const moved = shiftedCells(original, at, 1);
    for (const [addr, cell] of Object.entries(moved)) expect(now.cells[addr]).toEqual(cell);
    const extra = Object.keys(now.cells).filter((addr) => !(addr in moved));
    expect(extra.every((addr) => parseA1(addr)!.row === at)).toBe(true);
    // The project's merged cells (A–F) now span the new row; the merged areas below moved down.
    expect(now.merges).toEqual(expectedMerges(original.merges, project.row, project.lastRow, at, 1));
    expect(now.merges).toEqual(expect.arrayContaining(["A10:A14", "F10:F14", "A15:A18"]));
    expect(fake.log.mergeDiscarded).toEqual([]);
    // The engine sees a 5-indicator project.
    const grown = tableOf(fake).projects.find((p) => p.row === 9)!;
    expect([grown.lastRow, grown.indicators.length]).toEqual([13, 5]);
    const afterInsert = fake.state.snapshot(SHEET);

    // 6. Stale undo: the user changed a cell the insert wrote. Undo refuses, naming it, and writes nothing.
    const nameCell = a1({ row: at, col: 8 });
    expect(fake.state.value(SHEET, nameCell)).toBe("服务对象满意度调查");
    await act(async () => {
      await fake.state.simulateEdit(SHEET, nameCell, "用户改过的名称");
    });
    const edited = fake.state.snapshot(SHEET);
    await openTab(TAB.changes);
    await settle();
    const staleFrom = fake.log.syncs.length;
    fireEvent.click(within(changeEntries()[0]).getByRole("button", { name: /^撤销：/ }));
    const refusal = await screen.findByText(new RegExp(`无法撤销：工作表“${SHEET}”的 ${nameCell} 在更改之后又被改动`));
    expectSaysUnchanged(refusal.closest(".fui-MessageBar"));
    await settle();
    expect(writeSyncs(fake, staleFrom).edits).toEqual([]);
    expect(fake.state.snapshot(SHEET)).toEqual(edited);
    expect(within(changeEntries()[0]).getByRole("button", { name: /^撤销：/ })).toBeInTheDocument();

    // Put the cell back: now undo deletes the row and the sheet is exactly as it was.
    await act(async () => {
      await fake.state.simulateEdit(SHEET, nameCell, "服务对象满意度调查");
    });
    expect(fake.state.snapshot(SHEET)).toEqual(afterInsert);
    const undoFrom = await undoNewest(fake);
    expect(writeSyncs(fake, undoFrom).edits).toHaveLength(1);
    expect(fake.state.snapshot(SHEET)).toEqual(original);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. A standard kit in one write
// ---------------------------------------------------------------------------------------------

describe("标准指标集", () => {
  test("the IT-maintenance kit goes into a structured project in one write, one row per template", async () => {
    const fake = await seedSetup(STRUCTURED_SEED);
    await fake.state.simulateSelect(SHEET, "B15");
    const original = fake.state.snapshot(SHEET);
    const project = tableOf(fake).projects.find((p) => p.row === 13)!;
    const kit = getKits("guangzhou").find((k) => k.id === "it-maintenance")!;

    await openPane(fake);
    await openTab(TAB.insert);
    await screen.findByText(`项目：${project.name}`, {}, { timeout: 3000 });
    fireEvent.click(screen.getByRole("radio", { name: "标准指标集" }));
    await settle();
    fireEvent.change(screen.getByRole("combobox", { name: "项目类型" }), { target: { value: kit.id } });
    await settle();
    for (const it of kit.items) expect(screen.getByRole("checkbox", { name: it.template.name })).toBeChecked();
    const lines = await previewLines();
    expect(lines).toHaveLength(kit.items.length);
    expect(screen.getByText(`在第 ${project.lastRow + 2} 行插入 ${kit.items.length} 行：`)).toBeInTheDocument();

    const from = fake.log.syncs.length;
    fireEvent.click(screen.getByRole("button", { name: `插入选中的 ${kit.items.length} 个指标` }));
    await screen.findByText(`已在工作表“${SHEET}”的项目“${project.name}”中插入 ${kit.items.length} 个指标。可在“修改记录”中撤销。`);
    await settle();
    expect(writeSyncs(fake, from).edits).toHaveLength(1);

    const at = project.lastRow + 1;
    lines.forEach((line, i) => expect(rowValues(fake, SHEET, at + i).join(" | ")).toBe(line));
    kit.items.forEach((it, i) => expect(rowValues(fake, SHEET, at + i)).toContain(it.template.name));
    const now = fake.state.snapshot(SHEET);
    const moved = shiftedCells(original, at, kit.items.length);
    for (const [addr, cell] of Object.entries(moved)) expect(now.cells[addr]).toEqual(cell);
    expect(now.merges).toEqual(expectedMerges(original.merges, project.row, project.lastRow, at, kit.items.length));
    const grown = tableOf(fake).projects.find((p) => p.row === 13)!;
    expect(grown.indicators.slice(-kit.items.length).map((i) => i.name?.text)).toEqual(kit.items.map((it) => it.template.name));

    const undoFrom = await undoNewest(fake);
    expect(writeSyncs(fake, undoFrom).edits).toHaveLength(1);
    expect(fake.state.snapshot(SHEET)).toEqual(original);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Fixes on the broken variants
// ---------------------------------------------------------------------------------------------

/** Press 校验 and wait until the pane lists `n` findings. */
async function validate(fake: Setup, n: number, label = "校验", heading = "问题列表"): Promise<void> {
  fireEvent.click(screen.getByRole("button", { name: label }));
  await waitFor(() => expect(findingButtons(heading)).toHaveLength(n), { timeout: 5000 });
  await settle();
}

async function engineOn(file: string): Promise<ValidationResult> {
  const r = validateGrid(await cliGrid(file));
  if (!r.table) throw new Error(r.message);
  return r;
}

/** Cells whose content differs between two snapshots of a sheet. */
function changedCells(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
}

describe("修复 and 全部修复", () => {
  test("lookalike-comparator: 修复 one finding, then 全部修复 after a confirmation; undo each, newest first", async () => {
    const file = VARIANT("lookalike-comparator");
    const expected = await engineOn(file);
    const target = expected.findings.find((f) => f.ruleId === "JX403" && f.fix)!;
    const others = expected.findings.filter((f) => f.fix && f !== target);
    expect(target.cell).toBe("G9");
    expect(others.map((f) => f.cell)).toEqual(["G7"]);

    const fake = await seedSetup(file);
    const original = content(fake);
    await openPane(fake);
    await validate(fake, expected.findings.length);
    const looks = fake.state.looks(SHEET);
    expect(screen.getAllByRole("button", { name: /^修复 / })).toHaveLength(2);

    // 修复 on the one finding: its cell gets the fix's text, in one write; the list is checked again.
    let from = fake.log.syncs.length;
    fireEvent.click(screen.getByRole("button", { name: `修复 ${target.cell}` }));
    await screen.findByText(`已在工作表“${SHEET}”中修复 1 处问题，并已重新校验。可在“修改记录”中撤销。`, {}, { timeout: 5000 });
    await settle();
    let w = writeSyncs(fake, from);
    expect(w.edits).toHaveLength(1);
    expect(fake.state.value(SHEET, "G9")).toBe(target.fix!.text);
    expect(String(fake.state.value(SHEET, "G9"))).toContain("≥90%");
    expect(changedCells(original[SHEET].cells, content(fake)[SHEET].cells)).toEqual(["G9"]);
    expect(findingButtons()).toHaveLength(expected.findings.length - 1);
    expect(findingButtons().some((b) => b.textContent?.includes(target.message))).toBe(false);
    const afterOne = content(fake);

    // 全部修复 lists what is left to fix and writes nothing until confirmed.
    fireEvent.click(screen.getByRole("button", { name: "全部修复（1）" }));
    const dialog = await openDialog("确认全部修复");
    const items = within(within(dialog).getByTestId("fix-all-list")).getAllByRole("listitem");
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent("G7");
    expect(items[0]).toHaveTextContent(others[0].message);
    expect(items[0]).toHaveTextContent("00-专家评审通过率");
    expect(writeSyncs(fake, fake.log.syncs.length).edits).toEqual([]);
    from = fake.log.syncs.length;
    fireEvent.click(within(dialog).getByRole("button", { name: "确认修复" }));
    await screen.findByText(`已在工作表“${SHEET}”中修复 1 处问题，并已重新校验。可在“修改记录”中撤销。`, {}, { timeout: 5000 });
    await waitFor(() => expect(screen.queryByRole("button", { name: /^全部修复/ })).toBeNull());
    await settle();
    w = writeSyncs(fake, from);
    expect(w.edits).toHaveLength(1);
    expect(fake.state.value(SHEET, "G7")).toBe(others[0].fix!.text);
    expect(changedCells(afterOne[SHEET].cells, content(fake)[SHEET].cells)).toEqual(["G7"]);
    expect(screen.queryAllByRole("button", { name: /^修复 / })).toEqual([]);
    const now = validateGrid(fakeGrid(fake, SHEET)) as ValidationResult;
    expect(now.findings.filter((f) => f.fix)).toEqual([]);
    expect(findingButtons()).toHaveLength(now.findings.length);

    // 6. Undo each, newest first: the workbook is as it was before each change, the marks as after 校验.
    let undoFrom = await undoNewest(fake);
    expect(writeSyncs(fake, undoFrom).edits).toHaveLength(1);
    expect(content(fake)).toEqual(afterOne);
    undoFrom = await undoNewest(fake);
    expect(writeSyncs(fake, undoFrom).edits).toHaveLength(1);
    expect(content(fake)).toEqual(original);
    await waitFor(() => expect(fake.state.looks(SHEET)).toEqual(looks));
    await openTab(TAB.check);
    await waitFor(() => expect(findingButtons()).toHaveLength(expected.findings.length));
    expect(screen.getByRole("button", { name: `修复 ${target.cell}` })).toBeInTheDocument();
  });

  test("numbering-gap: 全部修复 renumbers and strips the code in one write; undo restores it", async () => {
    const file = VARIANT("numbering-gap");
    const expected = await engineOn(file);
    const fixable = expected.findings.filter((f) => f.fix);
    expect(fixable.map((f) => `${f.ruleId} ${f.cell}`)).toEqual(["JX401 G7", "JX304 G9", "JX304 G9"]);

    const fake = await seedSetup(file);
    const original = content(fake);
    await openPane(fake);
    await validate(fake, expected.findings.length);
    fireEvent.click(screen.getByRole("button", { name: `全部修复（${fixable.length}）` }));
    const dialog = await openDialog("确认全部修复");
    expect(dialog).toHaveTextContent(`将在工作表“${SHEET}”中应用以下 ${fixable.length} 处安全修复：`);
    const items = within(within(dialog).getByTestId("fix-all-list")).getAllByRole("listitem");
    expect(items.map((li) => li.querySelector("span > span")?.textContent)).toEqual(["G7", "G9", "G9"]);
    fixable.forEach((f, i) => expect(items[i]).toHaveTextContent(f.message));

    // 7. The write fails after G7 was written (G9's write is its 2nd operation): G7 is written back, and
    // the pane says the sheet was not changed.
    const failFrom = fake.log.syncs.length;
    fake.state.injectFailure({ op: 2, code: "GeneralException" });
    fireEvent.click(within(dialog).getByRole("button", { name: "确认修复" }));
    const bar = (await within(shownPanel(TAB.check)).findByText(/与 Excel 通信时出错（GeneralException）/)).closest(".fui-MessageBar");
    expectSaysUnchanged(bar);
    await settle();
    const failed = fake.log.syncs.slice(failFrom).find((x) => !x.ok)!;
    expect(failed.ran).toBe(1); // G7's write took effect before the failure
    expect(fake.state.pendingInjections).toEqual([]);
    expect(content(fake)).toEqual(original);
    expect(fake.host.changes()).toEqual([]);

    // Again, without the failure.
    fireEvent.click(screen.getByRole("button", { name: `全部修复（${fixable.length}）` }));
    const from = fake.log.syncs.length;
    fireEvent.click(within(await openDialog("确认全部修复")).getByRole("button", { name: "确认修复" }));
    await screen.findByText(`已在工作表“${SHEET}”中修复 ${fixable.length} 处问题，并已重新校验。可在“修改记录”中撤销。`, {}, { timeout: 5000 });
    await settle();
    expect(writeSyncs(fake, from).edits).toHaveLength(1);
    expect(changedCells(original[SHEET].cells, content(fake)[SHEET].cells)).toEqual(["G7", "G9"]);
    const fixedTable = tableOf(fake);
    const p = fixedTable.projects.find((x) => x.row === 8)!;
    expect(p.indicators.map((i) => i.seq)).toEqual([1, 2, 3, 4]);
    const now = validateGrid(fakeGrid(fake, SHEET)) as ValidationResult;
    expect(now.findings.filter((f) => f.fix)).toEqual([]);
    expect(findingButtons()).toHaveLength(now.findings.length);

    const undoFrom = await undoNewest(fake);
    expect(writeSyncs(fake, undoFrom).edits).toHaveLength(1);
    expect(content(fake)).toEqual(original);
  });

  test("total-off-by-0.01: the suggestion shows both numbers; confirmed, 总计 holds the sum; undo restores it", async () => {
    const file = VARIANT("total-off-by-0.01");
    const expected = await engineOn(file);
    const f = expected.findings.find((x) => x.ruleId === "JX101")!;
    const sug = f.suggestions!.find((x) => x.id === "setTotal")!;
    expect(sug.message).toBe("将总计改为 35.08（现为 35.09）");

    const fake = await seedSetup(file);
    const original = content(fake);
    const parts = ["C6", "D6", "E6"].map((c) => Number(fake.state.value(SHEET, c) || 0));
    const sum = Math.round(parts.reduce((x, y) => x + y, 0) * 100) / 100;
    expect([fake.state.value(SHEET, "B6"), sum]).toEqual([35.09, 35.08]);
    await openPane(fake);
    await validate(fake, expected.findings.length);

    fireEvent.click(screen.getByRole("button", { name: sug.message }));
    const dialog = await openDialog("确认修改");
    expect(dialog).toHaveTextContent(sug.message);
    const edits = within(within(dialog).getByTestId("suggestion-edits")).getAllByRole("listitem");
    expect(edits.map((e) => e.textContent)).toEqual(["B6：35.09 → 35.08"]);
    const from = fake.log.syncs.length;
    fireEvent.click(within(dialog).getByRole("button", { name: "确认修改" }));
    await screen.findByText(`已修改：${sug.message}。已重新校验，可在“修改记录”中撤销。`, {}, { timeout: 5000 });
    await settle();
    expect(writeSyncs(fake, from).edits).toHaveLength(1);
    expect(fake.state.value(SHEET, "B6")).toBe(sum);
    expect(changedCells(original[SHEET].cells, content(fake)[SHEET].cells)).toEqual(["B6"]);
    // Both totals add up again: no error left.
    const now = validateGrid(fakeGrid(fake, SHEET)) as ValidationResult;
    expect(now.summary.errors).toBe(0);
    await waitFor(() => expect(findingButtons()).toHaveLength(now.findings.length));
    expect(findingButtons().some((b) => b.textContent?.includes("JX101"))).toBe(false);

    // An undo whose write fails: the pane says the sheet was not changed (B6 keeps the sum), the change can
    // still be undone.
    const fixedContent = content(fake);
    await openTab(TAB.changes);
    await settle();
    fake.state.injectFailure({ op: 1, code: "GeneralException" });
    fireEvent.click(within(changeEntries()[0]).getByRole("button", { name: /^撤销：/ }));
    const bar = (await within(shownPanel(TAB.changes)).findByText(/与 Excel 通信时出错（GeneralException）/)).closest(".fui-MessageBar");
    expectSaysUnchanged(bar);
    await settle();
    expect(fake.state.pendingInjections).toEqual([]);
    expect(content(fake)).toEqual(fixedContent);
    expect(within(changeEntries()[0]).getByRole("button", { name: /^撤销：/ })).toBeInTheDocument();

    const undoFrom = await undoNewest(fake);
    expect(writeSyncs(fake, undoFrom).edits).toHaveLength(1);
    expect(content(fake)).toEqual(original);
    expect(fake.state.value(SHEET, "B6")).toBe(35.09);
  });
});

// ---------------------------------------------------------------------------------------------
// 7. A protected sheet; a failure during the write
// ---------------------------------------------------------------------------------------------

describe("writes that cannot be made", () => {
  test("a protected sheet: insert and 修复 say so and nothing is written", async () => {
    const fake = await seedSetup(SEED);
    fake.state.setProtected(SHEET, true);
    await fake.state.simulateSelect(SHEET, "G8");
    const original = workbookSnapshotOf(fake);
    await openPane(fake);

    await openTab(TAB.insert);
    await screen.findByText(/^项目：/, {}, { timeout: 3000 });
    await pickTemplate("myd", "服务对象满意度调查");
    await previewLines(); // a protected sheet can still be read: the preview shows
    let from = fake.log.syncs.length;
    fireEvent.click(screen.getByRole("button", { name: "插入" }));
    const bar = (await within(shownPanel(TAB.insert)).findByText(/工作表“绩效目标表”受保护，无法写入。请在“审阅”选项卡中点击“撤销工作表保护”后重试。/)).closest(".fui-MessageBar");
    expectSaysUnchanged(bar);
    expect(fake.log.syncs.slice(from).filter((s) => s.writes)).toEqual([]);

    await openTab(TAB.check);
    const expected = await engineOn(SEED);
    await validate(fake, expected.findings.length);
    expect(screen.getByText(/工作表受保护，未在单元格上标记/)).toBeInTheDocument();
    from = fake.log.syncs.length;
    fireEvent.click(screen.getByRole("button", { name: "修复 G7" }));
    await within(shownPanel(TAB.check)).findByText(/工作表“绩效目标表”受保护，无法写入。/);
    await settle();
    expect(fake.log.syncs.slice(from).filter((s) => s.writes)).toEqual([]);
    expect(workbookSnapshotOf(fake)).toEqual(original);
    expect(fake.host.changes()).toEqual([]);
  });

  test("a failure during the write sync: the pane says the sheet was not changed, and it was not", async () => {
    const fake = await seedSetup(STRUCTURED_SEED);
    await fake.state.simulateSelect(SHEET, "I12");
    const original = workbookSnapshotOf(fake);
    await openPane(fake);
    await openTab(TAB.insert);
    await screen.findByText(/^项目：/, {}, { timeout: 3000 });
    await pickTemplate("myd", "服务对象满意度调查");
    await previewLines();

    // The rows get inserted, then the value write fails: the adapter deletes the rows again.
    fake.state.injectFailure({ op: 2, code: "GeneralException" });
    fireEvent.click(screen.getByRole("button", { name: "插入" }));
    const bar = (await within(shownPanel(TAB.insert)).findByText(/与 Excel 通信时出错（GeneralException）/)).closest(".fui-MessageBar");
    expectSaysUnchanged(bar);
    expect(bar).not.toHaveTextContent("部分更改可能");
    expect(fake.state.pendingInjections).toEqual([]);
    expect(fake.log.syncs.some((s) => !s.ok && s.error === "GeneralException")).toBe(true);
    expect(fake.log.structure.map((s) => s.op)).toEqual(["insertRows", "deleteRows"]);
    expect(workbookSnapshotOf(fake)).toEqual(original);
    expect(fake.host.changes()).toEqual([]);

    // Same for a fix on the 校验 tab.
    await openTab(TAB.check);
    const expected = await engineOn(STRUCTURED_SEED);
    await validate(fake, expected.findings.length);
    const before = content(fake);
    const fixable = expected.findings.find((f) => f.fix)!;
    fake.state.injectFailure({ op: 1, code: "GeneralException" });
    const fixFrom = fake.log.syncs.length;
    fireEvent.click(screen.getByRole("button", { name: `修复 ${fixable.cell}` }));
    const fixBar = (await within(shownPanel(TAB.check)).findByText(/与 Excel 通信时出错（GeneralException）/)).closest(".fui-MessageBar");
    expectSaysUnchanged(fixBar);
    expect(fake.state.pendingInjections).toEqual([]);
    expect(fake.log.syncs.slice(fixFrom).filter((s) => !s.ok)).toHaveLength(1);
    expect(content(fake)).toEqual(before);
    expect(fake.host.changes()).toEqual([]);
  });

  test("a finding corrected by hand since 校验: 修复 finds nothing to fix, says so and writes nothing", async () => {
    const file = VARIANT("lookalike-comparator");
    const expected = await engineOn(file);
    const f = expected.findings.find((x) => x.ruleId === "JX403" && x.fix)!;
    const fake = await seedSetup(file);
    await openPane(fake);
    await validate(fake, expected.findings.length);
    // The user fixes G9 in Excel (auto-check is off, so the list still shows the finding).
    await act(async () => {
      await fake.state.simulateEdit(SHEET, f.cell, f.fix!.text);
    });
    const before = content(fake);
    const from = fake.log.syncs.length;
    fireEvent.click(screen.getByRole("button", { name: `修复 ${f.cell}` }));
    const bar = (await within(shownPanel(TAB.check)).findByText(/中已找不到要修复的问题（表格可能已被修改）：请重新检查。/)).closest(".fui-MessageBar");
    expect(bar).toHaveTextContent(`工作表“${SHEET}”`);
    expectSaysUnchanged(bar);
    await settle();
    expect(writeSyncs(fake, from).edits).toEqual([]);
    expect(content(fake)).toEqual(before);
    expect(fake.host.changes()).toEqual([]);
  });
});

function workbookSnapshotOf(fake: Setup) {
  return fake.state.sheets.map((s) => [s.name, fake.state.snapshot(s.name)] as const);
}

// ---------------------------------------------------------------------------------------------
// 8. 转换格式
// ---------------------------------------------------------------------------------------------

describe("转换格式", () => {
  test("writes the converted table to a new sheet, the source untouched; undo deletes the sheet", async () => {
    const fake = await seedSetup(SEED);
    const original = workbookSnapshotOf(fake);
    const grid = await cliGrid(SEED);
    const source = buildTable(grid).table!;
    const name = conversionSheetName(SHEET, "structured", fake.state.sheets.map((s) => s.name));
    const plan = planConversion(source, grid, "structured", name);
    if (isPlanError(plan)) throw new Error(plan.message);

    await openPane(fake);
    await openTab(TAB.changes);
    await settle();
    expect(screen.getByText("本工作簿中还没有由本助手做出的修改。")).toBeInTheDocument();
    const from = fake.log.syncs.length;
    fireEvent.click(screen.getByRole("button", { name: "转换为明细格式（每行一个指标）" }));
    await screen.findByText(`已写入新工作表“${name}”。`, {}, { timeout: 5000 });
    await settle();
    expect(writeSyncs(fake, from).edits).toHaveLength(1);

    // The new sheet holds exactly the plan's cells and merges.
    const snap = fake.state.snapshot(name);
    const filled = Object.entries(snap.cells).filter(([, c]) => c.value !== "").map(([addr]) => addr).sort();
    expect(filled).toEqual(plan.edits.filter((e) => e.after !== null && e.after !== "").map((e) => e.cell).sort());
    for (const e of plan.edits) expect({ cell: e.cell, value: fake.state.value(name, e.cell) }).toEqual({ cell: e.cell, value: e.after ?? "" });
    // Read back, it is the same table in the other layout: projects, amounts, indicators.
    const converted = buildTable(fakeGrid(fake, name)).table!;
    expect(converted.layout).toBe("structured");
    // (Sequence numbers are the published layout's; the structured sheet numbers its rows by position.)
    const summary = (t: Table) =>
      t.projects.map((p) => ({
        name: p.name,
        amounts: [p.amounts.total, p.amounts.fiscal, p.amounts.specialAccount, p.amounts.other].map((a) => a?.value ?? null),
        indicators: p.indicators.map((i) => ({ ...toSpec(i), seq: 0 })),
      }));
    expect(summary(converted)).toEqual(summary(source));
    expect(summary(source).flatMap((p) => p.indicators)).toHaveLength(20);
    // The source sheet is untouched.
    expect(fake.state.snapshot(SHEET)).toEqual(original.find(([n]) => n === SHEET)![1]);

    // 修改记录 lists the conversion.
    expect(changeEntries()).toHaveLength(1);
    expect(changeEntries()[0]).toHaveTextContent("转换格式");
    const converted0 = fake.state.snapshot(name);

    // The new sheet is a working structured table: a project on it takes an inserted indicator (a new row,
    // its merged cells spanning it), and that insert is undone first.
    const p = converted.projects[1];
    await act(async () => {
      await fake.state.simulateSelect(name, a1({ row: p.row, col: 1 }));
    });
    await openTab(TAB.insert);
    await screen.findByText(`项目：${p.name}`);
    await pickTemplate("myd", "服务对象满意度调查");
    const lines = await previewLines();
    fireEvent.click(screen.getByRole("button", { name: "插入" }));
    await screen.findByText(`已在工作表“${name}”的项目“${p.name}”中插入 1 个指标。可在“修改记录”中撤销。`);
    await settle();
    expect(rowValues(fake, name, p.lastRow + 1).join(" | ")).toBe(lines[0]);
    expect(fake.state.mergesOf(name)).toEqual(
      expectedMerges(converted0.merges, p.row, p.lastRow, p.lastRow + 1, 1),
    );
    const grown = buildTable(fakeGrid(fake, name)).table!.projects[1];
    expect(grown.indicators.map((i) => i.name?.text).at(-1)).toBe("服务对象满意度调查");
    await undoNewest(fake);
    expect(fake.state.snapshot(name)).toEqual(converted0);

    // 撤销 of the conversion deletes the sheet.
    const undoFrom = await undoNewest(fake);
    expect(writeSyncs(fake, undoFrom).edits).toHaveLength(1);
    expect(fake.state.sheetByName(name)).toBeUndefined();
    expect(workbookSnapshotOf(fake)).toEqual(original);
  });

  test("the structured seed converts to the publication layout the same way; undo deletes the sheet", async () => {
    const fake = await seedSetup(STRUCTURED_SEED);
    const original = workbookSnapshotOf(fake);
    const grid = await cliGrid(STRUCTURED_SEED);
    const source = buildTable(grid).table!;
    const name = conversionSheetName(SHEET, "published", fake.state.sheets.map((s) => s.name));
    const plan = planConversion(source, grid, "published", name);
    if (isPlanError(plan)) throw new Error(plan.message);

    await openPane(fake);
    await openTab(TAB.changes);
    await settle();
    const from = fake.log.syncs.length;
    fireEvent.click(screen.getByRole("button", { name: "转换为发布格式（每行一个项目）" }));
    await screen.findByText(`已写入新工作表“${name}”。`);
    await settle();
    expect(writeSyncs(fake, from).edits).toHaveLength(1);
    for (const e of plan.edits) expect({ cell: e.cell, value: fake.state.value(name, e.cell) }).toEqual({ cell: e.cell, value: e.after ?? "" });
    const converted = buildTable(fakeGrid(fake, name)).table!;
    expect(converted.layout).toBe("published");
    expect(converted.projects.map((p) => [p.name, p.indicators.map((i) => ({ ...toSpec(i), seq: 0 }))])).toEqual(
      source.projects.map((p) => [p.name, p.indicators.map((i) => ({ ...toSpec(i), seq: 0 }))]),
    );
    expect(fake.state.snapshot(SHEET)).toEqual(original.find(([n]) => n === SHEET)![1]);
    await undoNewest(fake);
    expect(workbookSnapshotOf(fake)).toEqual(original);
  });
});

describe("the ribbon's stored result", () => {
  test("a pane opened after 一键校验 fixes from the stored findings", async () => {
    const { runOneClickCheck } = await import("../../src/commands/one-click");
    const file = VARIANT("lookalike-comparator");
    const expected = await engineOn(file);
    const fake = await seedSetup(file);
    await runOneClickCheck(fake.host, async () => undefined);
    const original = content(fake);

    // A new runtime (the pane opened later) over the same workbook.
    const pane = reopen(fake);
    await openPane(pane);
    await screen.findByText(STRINGS.zh.lastRunTitle, { selector: ".fui-MessageBarTitle" });
    await waitFor(() => expect(findingButtons()).toHaveLength(expected.findings.length));
    const f = expected.findings.find((x) => x.ruleId === "JX403")!;
    const from = pane.log.syncs.length;
    fireEvent.click(screen.getByRole("button", { name: `修复 ${f.cell}` }));
    await screen.findByText(`已在工作表“${SHEET}”中修复 1 处问题，并已重新校验。可在“修改记录”中撤销。`);
    await settle();
    expect(writeSyncs(pane, from).edits).toHaveLength(1);
    expect(pane.state.value(SHEET, f.cell)).toBe(f.fix!.text);
    expect(changedCells(original[SHEET].cells, content(pane)[SHEET].cells)).toEqual([f.cell]);
    // The pane checked again: its own result replaces the stored one.
    await waitFor(() => expect(findingButtons()).toHaveLength(expected.findings.length - 1));
    expect(screen.queryByText(STRINGS.zh.lastRunTitle, { selector: ".fui-MessageBarTitle" })).toBeNull();
  });
});

describe("修改记录 after the workbook was closed and opened again", () => {
  test("an insert, a fix of the same cell and a conversion are listed by a new runtime and undone, newest first", async () => {
    const fake = await seedSetup(SEED);
    const original = workbookSnapshotOf(fake);
    const spec = {
      seq: 0,
      l1: { code: "3", name: "满意度指标" },
      l2: { code: "31", name: "服务对象满意度指标" },
      name: "服务对象满意度调查",
      period: { comparator: "≥" as const, number: 85, unit: "%", text: null },
      annual: { comparator: "≥" as const, number: 85, unit: "%", text: null },
    };
    const inserted = await fake.host.insertIndicators({ sheet: SHEET, projectRow: 6, specs: [spec] });
    const fixed = await fake.host.applyFixes({ sheet: SHEET });
    expect(fixed.plan.edits.map((e) => e.cell)).toEqual(["G7"]); // the insert's cell: the 00- code on its 1st indicator
    const converted = await fake.host.convertLayout(SHEET, "structured");
    const changed = workbookSnapshotOf(fake);

    const again = reopen(fake);
    // (The fake's init has no quote prefixes: the converted sheet's text-looking numbers lose theirs.)
    const noQuote = (x: unknown) => JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === "quotePrefix" ? undefined : v))) as unknown;
    expect(noQuote(workbookSnapshotOf(again))).toEqual(noQuote(changed));
    await openPane(again);
    await openTab(TAB.changes);
    await settle();
    const labels = [converted, fixed, inserted].map((c) => c.plan.label.zh);
    expect(changeEntries().map((li) => labels.find((l) => li.textContent?.includes(l)))).toEqual(labels);

    let from = await undoNewest(again);
    expect(writeSyncs(again, from).edits).toHaveLength(1);
    expect(again.state.sheetByName(converted.plan.sheet)).toBeUndefined();
    from = await undoNewest(again);
    expect(writeSyncs(again, from).edits).toHaveLength(1);
    expect(again.state.value(SHEET, "G7")).toBe(inserted.plan.edits[0].after);
    from = await undoNewest(again);
    expect(writeSyncs(again, from).edits).toHaveLength(1);
    expect(workbookSnapshotOf(again)).toEqual(original);
    expect(changeEntries().every((li) => li.textContent?.includes("已撤销"))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// 9. English
// ---------------------------------------------------------------------------------------------

describe("in English", () => {
  test("Fix, then Undo under Changes, with Office's display language en-US", async () => {
    const fake = await seedSetup(SEED, { displayLanguage: "en-US" });
    const expected = await engineOn(SEED);
    const f = expected.findings.find((x) => x.fix)!;
    const original = content(fake);
    await openPane(fake, "Validate");
    await validate(fake, expected.findings.length, "Validate", "Problems");
    expect(findingButtons("Problems")[0]).toHaveTextContent(expected.findings[0].messageEn);

    const from = fake.log.syncs.length;
    fireEvent.click(screen.getByRole("button", { name: `Fix ${f.cell}` }));
    await screen.findByText(`1 problem fixed on sheet "${SHEET}" and validated again. You can undo it under Changes.`, {}, { timeout: 5000 });
    await settle();
    expect(writeSyncs(fake, from).edits).toHaveLength(1);
    expect(fake.state.value(SHEET, f.cell)).toBe(f.fix!.text);

    await openTab(STRINGS.en.tabChanges);
    await settle();
    const entry = changeEntries()[0];
    expect(entry).toHaveTextContent("Fix");
    const undoFrom = fake.log.syncs.length;
    fireEvent.click(within(entry).getByRole("button", { name: /^Undo: / }));
    await screen.findByText(/^Undone: /);
    await settle();
    expect(writeSyncs(fake, undoFrom).edits).toHaveLength(1);
    expect(content(fake)).toEqual(original);
  });
});

describe("in English, a 绩效指标 cell whose text does not end a sentence", () => {
  test("Insert: the preview says the open item is closed with 。 and the indicator starts a new line; the cell gets exactly that", async () => {
    const init = await initFrom(SEED, { displayLanguage: "en-US" });
    const row = init.sheets[0].values[8];
    const text = String(row[6]);
    expect(text.endsWith("。")).toBe(true);
    row[6] = text.slice(0, -1); // "…年度指标值:≥98%" with no closing 。
    const fake = setup(init);
    await fake.state.simulateSelect(SHEET, "A9");
    const original = fake.state.snapshot(SHEET);
    const project = tableOf(fake).projects.find((p) => p.row === 8)!;

    await openPane(fake, "Validate");
    await openTab(STRINGS.en.tabInsert);
    await screen.findByText(`Project: ${project.name}`);
    expect(screen.getByText(`Sheet "${SHEET}", project name in A9; 4 indicators now, new ones numbered from 5.`)).toBeInTheDocument();
    await pickTemplate("jsl", "成果提交及时率", "Level 3 (三级指标)");
    const lines = await previewLines();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^5、1-产出指标；1\d-[^；]+；成果提交及时率；实施周期指标值:/);
    expect(screen.getByText("Closes the text of cell G9 with “。” and appends on a new line:")).toBeInTheDocument();

    const from = fake.log.syncs.length;
    fireEvent.click(screen.getByRole("button", { name: "Insert" }));
    await screen.findByText(`1 indicator inserted in project "${project.name}" on sheet "${SHEET}". You can undo it under Changes.`);
    await settle();
    expect(writeSyncs(fake, from).edits).toHaveLength(1);
    expect(fake.state.value(SHEET, "G9")).toBe(`${text.slice(0, -1)}。\n${lines[0]}`);
    const now = fake.state.snapshot(SHEET);
    expect({ ...now.cells, G9: null }).toEqual({ ...original.cells, G9: null });
    // The engine reads the new line as the 5th indicator of the project.
    expect(tableOf(fake).projects.find((p) => p.row === 8)!.indicators.map((i) => i.seq)).toEqual([1, 2, 3, 4, 5]);

    await openTab(STRINGS.en.tabChanges);
    await settle();
    fireEvent.click(within(changeEntries()[0]).getByRole("button", { name: /^Undo: / }));
    await screen.findByText(/^Undone: /);
    expect(fake.state.snapshot(SHEET)).toEqual(original);
  });
});
