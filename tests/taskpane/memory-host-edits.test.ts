/**
 * The in-memory host's editing must itself be honest, since the pane's editing tests rely on it: every write
 * is the engine's plan applied by the engine's applier, a protected sheet refuses and stays as it was, undo
 * restores the grid exactly and refuses when a written cell has changed since, and the selection reports the
 * project the engine finds there.
 */
import {
  applyPlanToGrid,
  buildTable,
  findingKey,
  getTemplates,
  isPlanError,
  planInsertion,
  templateToSpec,
  validateGrid,
  type GridInput,
  type IndicatorSpec,
  type Table,
} from "../../src/core";
import { HostError } from "../../src/excel/host";
import { MemoryHost } from "../fakes/memory-host";
import { brokenSheet, SEED_SHEET, seedSheet, structuredSeedSheet } from "./sheets";

function tableOf(grid: GridInput): Table {
  const b = buildTable(grid);
  if (!b.table) throw new Error(b.message);
  return b.table;
}

function spec(name: string): IndicatorSpec {
  const t = getTemplates().find((x) => x.name === name);
  if (!t) throw new Error(`no template ${name}`);
  return templateToSpec(t);
}

const SATISFACTION = "服务对象满意度调查";

describe.each([
  ["published", () => Promise.resolve(seedSheet())],
  ["structured", () => structuredSeedSheet()],
])("%s seed", (layout, load) => {
  test("selection names the project of the selected cell, and null outside projects", async () => {
    const grid = await load();
    const table = tableOf(grid);
    const p = table.projects[1];
    const host = new MemoryHost({ sheets: [grid], selected: `C${p.lastRow + 1}` });
    const sel = await host.selection();
    expect(sel).toMatchObject({ sheet: SEED_SHEET, layout, row: p.lastRow, col: 2 });
    expect(sel.project).toEqual({
      name: p.name,
      row: p.row,
      lastRow: p.lastRow,
      nameCell: `A${p.nameCell.row + 1}`,
      indicatorCount: p.indicators.length,
      nextSeq: p.indicators.length + 1,
    });
    const seen: string[] = [];
    const off = await host.watchSelection((s) => seen.push(`${s.cell}:${s.project?.name ?? "-"}`));
    host.selectCell(SEED_SHEET, "A1");
    host.selectCell(SEED_SHEET, `A${table.projects[0].row + 1}`);
    await off();
    host.selectCell(SEED_SHEET, "A2");
    expect(seen).toEqual(["A1:-", `A${table.projects[0].row + 1}:${table.projects[0].name}`]);
  });

  test("insert writes exactly the engine's plan in one write; undo restores the grid exactly", async () => {
    const grid = await load();
    const original = JSON.stringify(grid);
    const table = tableOf(grid);
    const p = table.projects[1];
    const host = new MemoryHost({ sheets: [grid] });
    const specs = [spec(SATISFACTION), spec("成果提交及时率")];
    const planned = await host.planInsert({ sheet: SEED_SHEET, projectRow: p.row, specs });
    const expected = planInsertion(table, grid, p.row, specs);
    if (isPlanError(expected)) throw new Error(expected.message);
    expect(planned).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(JSON.stringify(host.grid(SEED_SHEET))).toBe(original); // planning writes nothing

    const change = await host.insertIndicators({ sheet: SEED_SHEET, projectRow: p.row, specs });
    expect(change.plan).toEqual(planned);
    expect(host.grid(SEED_SHEET)).toEqual(applyPlanToGrid(grid, expected));
    const after = tableOf(host.grid(SEED_SHEET)).projects[1];
    expect(after.indicators.map((i) => i.name?.text)).toEqual([...p.indicators.map((i) => i.name?.text), SATISFACTION, "成果提交及时率"]);
    expect(host.changes()).toEqual([change]);

    const undone = await host.undo(change.id);
    expect(undone.undone).toBe(true);
    expect(JSON.stringify(host.grid(SEED_SHEET))).toBe(original);
    expect(host.changes()[0].undone).toBe(true);
    await expect(host.undo(change.id)).rejects.toMatchObject({ code: "stale" });
  });

  test("a protected sheet refuses to write and is left as it was", async () => {
    const grid = await load();
    const original = JSON.stringify(grid);
    const p = tableOf(grid).projects[0];
    const host = new MemoryHost({ sheets: [grid], protectedSheets: [SEED_SHEET] });
    const error = await host.insertIndicators({ sheet: SEED_SHEET, projectRow: p.row, specs: [spec(SATISFACTION)] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostError);
    expect(error).toMatchObject({ code: "protected", sheetUnchanged: true });
    expect(JSON.stringify(host.grid(SEED_SHEET))).toBe(original);
    expect(host.changes()).toEqual([]);
  });

  test("a row outside every project is refused with the planner's message naming the sheet and cell", async () => {
    const grid = await load();
    const host = new MemoryHost({ sheets: [grid] });
    const error = (await host.planInsert({ sheet: SEED_SHEET, projectRow: 0, specs: [spec(SATISFACTION)] }).catch((e: unknown) => e)) as HostError;
    expect(error.code).toBe("noProject");
    expect(error.zh).toContain(`工作表“${SEED_SHEET}”`);
    expect(error.zh).toContain("A1");
  });

  test("convertLayout writes a new sheet with the same indicators; undo deletes it; the source is untouched", async () => {
    const grid = await load();
    const original = JSON.stringify(grid);
    const host = new MemoryHost({ sheets: [grid] });
    const to = layout === "published" ? "structured" : "published";
    const change = await host.convertLayout(SEED_SHEET, to);
    expect(change.plan.createSheet).toBe(true);
    const created = host.grid(change.plan.sheet);
    expect(created.sheet).not.toBe(SEED_SHEET);
    const converted = tableOf(created);
    expect(converted.layout).toBe(to);
    const names = (t: Table) => t.projects.map((p) => [p.name, p.indicators.map((i) => i.name?.text)]);
    expect(names(converted)).toEqual(names(tableOf(grid)));
    expect(JSON.stringify(host.grid(SEED_SHEET))).toBe(original);
    expect((await host.listSheets()).map((s) => s.name)).toEqual([SEED_SHEET, change.plan.sheet]);
    await host.undo(change.id);
    expect((await host.listSheets()).map((s) => s.name)).toEqual([SEED_SHEET]);
  });
});

test("undo refuses when a cell it wrote has been changed since, and leaves the sheet as it is", async () => {
  const grid = seedSheet();
  const p = tableOf(grid).projects[0];
  const host = new MemoryHost({ sheets: [grid] });
  const change = await host.insertIndicators({ sheet: SEED_SHEET, projectRow: p.row, specs: [spec(SATISFACTION)] });
  const edit = change.plan.edits[0];
  host.edit(SEED_SHEET, edit.row, edit.col, `${String(edit.after)}（用户又改了）`);
  const before = JSON.stringify(host.grid(SEED_SHEET));
  const error = (await host.undo(change.id).catch((e: unknown) => e)) as HostError;
  expect(error.code).toBe("stale");
  expect(error.zh).toContain(edit.cell);
  expect(JSON.stringify(host.grid(SEED_SHEET))).toBe(before);
  expect(host.changes()[0].undone).toBe(false);
});

test("applyFixes fixes the findings asked for (by findingKey), or every safe fix; the result re-validates clean of them", async () => {
  const grid = await brokenSheet("halfwidth-punctuation");
  const findings = validateGrid(grid);
  if (!findings.table) throw new Error("table expected");
  const fixable = findings.findings.filter((f) => f.fix);
  expect(fixable.length).toBeGreaterThan(1);

  const one = new MemoryHost({ sheets: [grid] });
  const change = await one.applyFixes({ sheet: SEED_SHEET, keys: [findingKey(fixable[0])] });
  expect(change.plan.fixes?.map(findingKey)).toEqual([findingKey(fixable[0])]);
  const left = validateGrid(one.grid(SEED_SHEET));
  expect(left.table && left.findings.map(findingKey)).not.toContain(findingKey(fixable[0]));

  const all = new MemoryHost({ sheets: [grid] });
  await all.applyFixes({ sheet: SEED_SHEET });
  const after = validateGrid(all.grid(SEED_SHEET));
  expect(after.table && after.findings.filter((f) => f.fix)).toEqual([]);

  // A finding that is gone cannot be fixed again.
  await expect(one.applyFixes({ sheet: SEED_SHEET, keys: [findingKey(fixable[0])] })).rejects.toMatchObject({ code: "stale" });
});

test("applySuggestion writes the suggestion's cells; undo puts the old amount back", async () => {
  const grid = await brokenSheet("total-off-by-0.01");
  const r = validateGrid(grid);
  if (!r.table) throw new Error("table expected");
  const f = r.findings.find((x) => x.suggestions?.length)!;
  const sug = f.suggestions![0];
  const host = new MemoryHost({ sheets: [grid] });
  const change = await host.applySuggestion({ sheet: SEED_SHEET, key: findingKey(f), suggestionId: sug.id });
  for (const e of sug.edits) expect(host.grid(SEED_SHEET).values[e.row][e.col]).toBe(e.after);
  await host.undo(change.id);
  expect(host.grid(SEED_SHEET)).toEqual(grid);
});
