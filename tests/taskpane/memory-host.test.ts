/**
 * The in-memory host the pane's tests rely on must itself be honest: its results are the engine's, its marks
 * follow the findings, clearing removes exactly the marks, and settings round-trip.
 */
import { validateGrid } from "../../src/core";
import { HostError } from "../../src/excel/host";
import { MemoryHost } from "../fakes/memory-host";
import { mixedSheet, SEED_SHEET, seedSheet } from "./sheets";

const NOTES = { sheet: "说明", values: [["说明"]] };

test("listSheets reports which sheets hold a table, the active one and hidden ones", async () => {
  const host = new MemoryHost({ sheets: [NOTES, seedSheet(), { grid: mixedSheet(), visible: false }], active: "说明" });
  expect(await host.listSheets()).toEqual([
    { name: "说明", hasTable: false, layout: null, active: true, visible: true },
    { name: SEED_SHEET, hasTable: true, layout: "published", active: false, visible: true },
    { name: "混合", hasTable: true, layout: "published", active: false, visible: false },
  ]);
});

test("check returns the engine's result and marks each cell with its worst severity; validating changes no value", async () => {
  const grid = mixedSheet();
  const before = JSON.stringify(grid);
  const host = new MemoryHost({ sheets: [grid] });
  const run = await host.check({ sheet: "混合" });
  const expected = validateGrid(grid);
  expect(run.result).toEqual(expected);
  expect(JSON.stringify(host.sheets.get("混合")!.grid)).toBe(before);
  if (!expected.table) throw new Error("table expected");
  const marks = host.highlights.get("混合")!;
  expect(run.highlighted).toBe(marks.size);
  for (const f of expected.findings) {
    const worst = expected.findings.filter((g) => g.cell === f.cell).map((g) => g.severity);
    const rank = { error: 0, warning: 1, info: 2 };
    expect(rank[marks.get(f.cell)!]).toBe(Math.min(...worst.map((s) => rank[s])));
  }
  expect(await host.clearHighlights("混合")).toBeGreaterThan(0);
  expect(host.highlights.has("混合")).toBe(false);
  expect(await host.clearHighlights("混合")).toBe(0);
});

test("without a sheet, check uses pickSheet; with none it fails with a HostError", async () => {
  const host = new MemoryHost({ sheets: [NOTES, seedSheet()], active: "说明" });
  expect((await host.check()).sheet).toBe(SEED_SHEET);
  const none = new MemoryHost({ sheets: [NOTES] });
  await expect(none.check()).rejects.toBeInstanceOf(HostError);
  await expect(none.check({ sheet: "不存在" })).rejects.toMatchObject({ code: "sheetNotFound" });
});

test("edits notify watchers until they unsubscribe; failures are injected once", async () => {
  const host = new MemoryHost({ sheets: [seedSheet()] });
  const seen: number[] = [];
  const off = await host.watch(SEED_SHEET, () => seen.push(1));
  host.edit(SEED_SHEET, 5, 1, 99);
  expect(seen).toHaveLength(1);
  expect(host.sheets.get(SEED_SHEET)!.grid.values[5][1]).toBe(99);
  await off();
  host.edit(SEED_SHEET, 5, 1, 98);
  expect(seen).toHaveLength(1);

  host.failNext("select", new Error("x"));
  await expect(host.select(SEED_SHEET, "A1")).rejects.toThrow("x");
  await expect(host.select(SEED_SHEET, "A1")).resolves.toBeUndefined();
  expect(host.active).toBe(SEED_SHEET);
});

test("settings round-trip as copies", async () => {
  const host = new MemoryHost({ sheets: [seedSheet()], settings: { profile: "caiyu-2021-101" } });
  const s = host.loadSettings();
  expect(s.profile).toBe("caiyu-2021-101");
  s.thresholds.minIndicators = 9;
  expect(host.loadSettings().thresholds).toEqual({});
  await host.saveSettings(s);
  expect(host.loadSettings().thresholds).toEqual({ minIndicators: 9 });
  expect(host.log.saves).toHaveLength(1);
});
