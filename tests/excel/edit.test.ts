/**
 * Inserting indicators over the Excel fake built from the real seeds, in both layouts: what is written is
 * exactly the plan's preview, existing text and cells are kept byte for byte, merged project cells span the new
 * rows, the write is one sync, no non-empty cell is written unless the plan announced it, and undo gives the
 * sheet back exactly (values, formats, merges, conditional formats).
 */
import { getKits, kitToSpecs, parseA1, validateGrid, type EditPlan, type IndicatorSpec } from "../../src/core";
import type { InsertRequest } from "../../src/excel/host";
import type { FakeExcel } from "../fakes/excel-fake";
import { cellsWritten, rejection, SEED, seedSetup, SHEET, shiftedCells, STRUCTURED_SEED, syncsOf, type Setup } from "./helpers";

const SPECS: IndicatorSpec[] = [
  {
    seq: 0,
    l1: { code: "2", name: "效益指标" },
    l2: { code: "22", name: "社会效益" },
    name: "系统正常运行率",
    period: { comparator: "=", number: 100, unit: "%", text: null },
    annual: { comparator: "=", number: 100, unit: "%", text: null },
  },
  {
    seq: 0,
    l1: { code: "1", name: "产出指标" },
    l2: { code: "11", name: "数量指标" },
    name: "巡检次数",
    period: { comparator: null, number: 12, unit: null, text: null },
    annual: { comparator: null, number: 12, unit: null, text: null },
  },
];

/** Every written cell held nothing before, or is an edit of the plan whose `before` it held. */
function expectOnlyAnnounced(s: FakeExcel, before: ReturnType<FakeExcel["state"]["snapshot"]>, plan: EditPlan, fromWrite: number): void {
  const ins = plan.rowInsert;
  for (const cell of cellsWritten(s, plan.sheet, fromWrite)) {
    const p = parseA1(cell)!;
    if (ins && p.row >= ins.at && p.row < ins.at + ins.count) continue; // a new row
    const old = `${cell.replace(/\d+$/, "")}${(ins && p.row >= ins.at ? p.row - ins.count : p.row) + 1}`;
    const held = before.cells[old]?.value ?? "";
    if (held === "") continue;
    const edit = plan.edits.find((e) => e.cell === cell);
    expect(edit).toBeDefined();
    expect(edit!.before).toBe(held);
  }
  expect(s.log.mergeDiscarded).toEqual([]);
}

async function insertAndCheck(s: Setup, request: InsertRequest) {
  const before = s.state.snapshot(SHEET);
  const planned = await syncsOf(s, () => s.host.planInsert(request));
  expect(planned.syncs).toHaveLength(1);
  expect(planned.syncs[0].writes).toBe(false);
  const writesBefore = s.log.valueWrites.length;
  const { value: change, syncs } = await syncsOf(s, () => s.host.insertIndicators(request));
  expect(change.plan).toEqual(planned.value);
  expect(change.undone).toBe(false);
  expect(syncs).toHaveLength(2);
  expect(syncs.filter((x) => x.writes)).toHaveLength(1);
  expect(syncs.every((x) => x.ok)).toBe(true);
  expectOnlyAnnounced(s, before, change.plan, writesBefore);
  return { before, change, plan: change.plan };
}

describe("structured layout", () => {
  it.each([
    ["the last project", 21],
    ["a project in the middle", 11],
  ])("inserts rows after %s: the plan's rows, text kept as text, merged cells spanning them", async (_what, projectRow) => {
    const s = await seedSetup(STRUCTURED_SEED);
    const { before, plan } = await insertAndCheck(s, { sheet: SHEET, projectRow, specs: SPECS });
    const ins = plan.rowInsert!;
    expect(ins.count).toBe(2);
    const after = s.state.snapshot(SHEET);
    // Each new row holds exactly its preview line, as text (=100% is not a formula, 12 is not a number).
    plan.preview.forEach((line, i) => {
      const row = ins.at + i;
      const shown = Array.from({ length: 11 }, (_, c) => s.state.value(SHEET, `${String.fromCharCode(65 + c)}${row + 1}`)).filter((v) => v !== "");
      expect(shown.join(" | ")).toBe(line);
      expect(shown.every((v) => typeof v === "string")).toBe(true);
    });
    expect(plan.preview[0]).toContain("=100%");
    // Every existing cell is where it was (or moved down with its row), byte for byte, formats included.
    const moved = shiftedCells(before, ins.at, ins.count);
    for (const [addr, cell] of Object.entries(moved)) expect(after.cells[addr]).toEqual(cell);
    // The project's merged cells span the new rows; the other merged areas just moved.
    for (const m of plan.merges!) {
      const area = `${String.fromCharCode(65 + m.left)}${m.top + 1}:${String.fromCharCode(65 + m.right)}${m.bottom + 1}`;
      expect(after.merges).toContain(area);
    }
    expect(plan.merges!.map((m) => m.left)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(after.merges).toHaveLength(before.merges.length);
    // The validator sees the new indicators in the project.
    const grid = validateGrid({ sheet: SHEET, values: rows(s, 30, 11) });
    const project = grid.table!.projects.find((p) => p.row <= projectRow && projectRow <= p.lastRow)!;
    expect(project.lastRow).toBe(ins.at + ins.count - 1);
    expect(project.indicators.slice(-2).map((i) => i.name?.text)).toEqual(["系统正常运行率", "巡检次数"]);
  });

  it("undo deletes the new rows and gives back every value, format, merge and highlight", async () => {
    const s = await seedSetup(STRUCTURED_SEED);
    await s.host.check({ sheet: SHEET }); // the add-in's highlights are on the sheet too
    const original = s.state.snapshot(SHEET);
    expect(original.conditionalFormats.length).toBeGreaterThan(0);
    const change = await s.host.insertIndicators({ sheet: SHEET, projectRow: 9, specs: SPECS });
    expect(s.state.snapshot(SHEET)).not.toEqual(original);
    const { value: undone, syncs } = await syncsOf(s, () => s.host.undo(change.id));
    expect(undone.undone).toBe(true);
    expect(syncs).toHaveLength(2);
    expect(syncs.filter((x) => x.writes)).toHaveLength(1);
    expect(s.state.snapshot(SHEET)).toEqual(original);
    expect(s.host.changes()[0]).toEqual(undone);
  });

  it("inserts a whole kit of templates in one write", async () => {
    const s = await seedSetup(STRUCTURED_SEED);
    const kit = getKits()[0];
    const specs = kitToSpecs(kit);
    expect(specs.length).toBeGreaterThan(1);
    const { plan } = await insertAndCheck(s, { sheet: SHEET, projectRow: 5, specs });
    expect(plan.rowInsert!.count).toBe(specs.length);
    expect(s.state.value(SHEET, `I${plan.rowInsert!.at + 1}`)).toBe(specs[0].name);
  });
});

describe("published layout", () => {
  it.each([
    ["the last project", 9],
    ["the first project", 5],
  ])("appends to the 绩效指标 cell of %s, keeping its text byte for byte", async (_what, projectRow) => {
    const s = await seedSetup(SEED);
    const { before, plan } = await insertAndCheck(s, { sheet: SHEET, projectRow, specs: SPECS });
    expect(plan.rowInsert).toBeUndefined();
    expect(plan.edits).toHaveLength(1);
    const edit = plan.edits[0];
    expect(edit.cell).toBe(`G${projectRow + 1}`);
    const old = before.cells[edit.cell].value as string;
    const now = s.state.value(SHEET, edit.cell) as string;
    expect(now.startsWith(old)).toBe(true);
    expect(now).toBe(old + (old.endsWith("。") ? "" : "\n") + plan.preview.join(""));
    expect(plan.preview[0]).toMatch(/^5、2-效益指标；22-社会效益；系统正常运行率；实施周期指标值:=100%；年度指标值:=100%。$/);
    // Nothing else changed.
    const after = s.state.snapshot(SHEET);
    for (const [addr, cell] of Object.entries(before.cells)) if (addr !== edit.cell) expect(after.cells[addr]).toEqual(cell);
    expect(after.cells[edit.cell].numberFormat).toBe(before.cells[edit.cell].numberFormat);
    expect(after.merges).toEqual(before.merges);
  });

  it("undo writes the old text back", async () => {
    const s = await seedSetup(SEED);
    const original = s.state.snapshot(SHEET);
    const change = await s.host.insertIndicators({ sheet: SHEET, projectRow: 7, specs: SPECS });
    await s.host.undo(change.id);
    expect(s.state.snapshot(SHEET)).toEqual(original);
    // Undoing again is harmless: the change is already undone.
    const again = await syncsOf(s, () => s.host.undo(change.id));
    expect(again.value.undone).toBe(true);
    expect(again.syncs).toHaveLength(0);
  });

  it("refuses a row outside any project, naming the sheet and the cell", async () => {
    const s = await seedSetup(SEED);
    const err = await rejection(s.host.insertIndicators({ sheet: SHEET, projectRow: 2, specs: SPECS }));
    expect(err.code).toBe("noProject");
    expect(err.zh).toContain("工作表“绩效目标表”");
    expect(err.zh).toContain("A3");
    expect(err.sheetUnchanged).toBe(true);
    expect(s.log.syncs.filter((x) => x.writes)).toHaveLength(0);
  });
});

/** The sheet's values as the engine's grid (rows × cols from A1). */
function rows(s: Setup, n: number, cols: number) {
  return Array.from({ length: n }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const v = s.state.value(SHEET, `${String.fromCharCode(65 + c)}${r + 1}`);
      return v === "" ? null : v;
    }),
  );
}
