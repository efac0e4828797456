/**
 * The picker's target: the active cell and the project it falls in, read cheaply (the sheet's model cached
 * until the sheet changes), and followed as the user moves around (debounced) and after the add-in's own edits.
 */
import { SELECTION_DEBOUNCE_MS } from "../../src/excel/selection";
import type { SelectionInfo } from "../../src/excel/host";
import { initFrom, SEED, seedSetup, setup, SHEET, STRUCTURED_SEED, syncsOf } from "./helpers";

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const settle = () => wait(SELECTION_DEBOUNCE_MS + 60);

const SPEC = {
  seq: 0,
  l1: { code: "3", name: "满意度指标" },
  l2: { code: "31", name: "服务对象满意度" },
  name: "使用人员满意度",
  period: { comparator: "≥" as const, number: 90, unit: "%", text: null },
  annual: { comparator: "≥" as const, number: 90, unit: "%", text: null },
};

describe("selection()", () => {
  it("finds the project of the active cell in the structured layout: 2 syncs the first time, then 1", async () => {
    const s = await seedSetup(STRUCTURED_SEED);
    await s.state.simulateSelect(SHEET, "I12");
    const first = await syncsOf(s, () => s.host.selection());
    expect(first.syncs).toHaveLength(2);
    expect(first.value).toEqual({
      sheet: SHEET,
      cell: "I12",
      row: 11,
      col: 8,
      layout: "structured",
      project: { name: "耕地保护和国土空间规划经费", row: 9, lastRow: 12, nameCell: "A10", indicatorCount: 4, nextSeq: 5 },
    });
    await s.state.simulateSelect(SHEET, "B23");
    const second = await syncsOf(s, () => s.host.selection());
    expect(second.syncs).toHaveLength(1);
    expect(second.value.project).toMatchObject({ name: "市土规中心2024年信息化运维项目", row: 21, lastRow: 24 });
  });

  it("reads the sheet again after it changed (onChanged drops the cached model)", async () => {
    const s = await seedSetup(SEED);
    await s.state.simulateSelect(SHEET, "G8");
    await s.host.selection();
    await s.state.simulateEdit(SHEET, "A20", "x");
    const after = await syncsOf(s, () => s.host.selection());
    expect(after.syncs).toHaveLength(2);
    expect(after.value.project).toMatchObject({ name: "市土规中心2023-2024年信息化运维项目", nameCell: "A8", nextSeq: 5 });
  });

  it("has no project on the header, the 合计 row, outside the table, or on a sheet without a table", async () => {
    const init = await initFrom(SEED);
    init.sheets.push({ name: "说明", values: [["这里没有表格"]] });
    const s = setup(init);
    for (const cell of ["A3", "B4", "C5", "Z100"]) {
      await s.state.simulateSelect(SHEET, cell);
      const info = await s.host.selection();
      expect({ cell: info.cell, layout: info.layout, project: info.project }).toEqual({ cell, layout: "published", project: null });
    }
    await s.state.simulateSelect("说明", "A1");
    expect(await s.host.selection()).toMatchObject({ sheet: "说明", layout: null, project: null });
  });
});

describe("watchSelection()", () => {
  it("calls back once the selection rests, with the project, and stops after unsubscribing", async () => {
    const s = await seedSetup(STRUCTURED_SEED);
    const seen: SelectionInfo[] = [];
    const sub = await syncsOf(s, () => s.host.watchSelection((info) => seen.push(info)));
    expect(sub.syncs).toHaveLength(1);
    // Arrow keys held down: many changes, one read.
    for (const cell of ["I7", "I8", "I9", "I10", "I11"]) await s.state.simulateSelect(SHEET, cell);
    await settle();
    expect(seen.map((x) => x.cell)).toEqual(["I11"]);
    expect(seen[0].project?.name).toBe("耕地保护和国土空间规划经费");
    await s.state.simulateSelect(SHEET, "A4");
    await settle();
    expect(seen.map((x) => x.project?.name ?? null)).toEqual(["耕地保护和国土空间规划经费", null]);
    const stop = sub.value;
    await stop();
    await stop(); // harmless
    await s.state.simulateSelect(SHEET, "I20");
    await settle();
    expect(seen).toHaveLength(2);
    expect(s.state.collectionHandlers.selectionChanged.size).toBe(0);
  });

  it("calls back after an insert with the project's new next number", async () => {
    const s = await seedSetup(SEED);
    await s.state.simulateSelect(SHEET, "G8");
    const seen: SelectionInfo[] = [];
    const stop = await s.host.watchSelection((info) => seen.push(info));
    expect((await s.host.selection()).project?.nextSeq).toBe(5);
    await s.host.insertIndicators({ sheet: SHEET, projectRow: 7, specs: [SPEC] });
    await settle();
    expect(seen.at(-1)?.project).toMatchObject({ nameCell: "A8", indicatorCount: 5, nextSeq: 6 });
    await stop();
  });

  it("follows a selection made by the add-in (select()) too", async () => {
    const s = await seedSetup(SEED);
    const seen: string[] = [];
    const stop = await s.host.watchSelection((info) => seen.push(info.cell));
    await s.host.select(SHEET, "G9");
    await settle();
    expect(seen).toEqual(["G9"]);
    await stop();
  });
});
