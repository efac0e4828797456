/**
 * Safe fixes, explicit suggestions and layout conversion over the Excel fake built from the real seeds and
 * their broken variants: one write sync each, the findings fixed are gone on a re-check, nothing else changes,
 * the conversion leaves its source untouched, and undo gives everything back.
 */
import { basename } from "node:path";
import { findingKey, toSpec, type Finding, type Table } from "../../src/core";
import type { CheckRun } from "../../src/excel/host";
import { ALL_WORKBOOKS, cellsWritten, initFrom, rejection, SEED, seedSetup, setup, SHEET, STRUCTURED_SEED, syncsOf, workbookSnapshot, type Setup } from "./helpers";

async function findings(s: Setup, sheet = SHEET): Promise<Finding[]> {
  const run: CheckRun = await s.host.check({ sheet, highlight: false });
  return run.result.table ? run.result.findings : [];
}

const FIXABLE = ALL_WORKBOOKS.filter((f) => !f.endsWith("no-target-table.xlsx"));

describe("全部修复: every safe fix of every seed and variant", () => {
  it.each(FIXABLE.map((f) => [basename(f), f]))("%s", async (_name, file) => {
    const s = await seedSetup(file);
    const found = await findings(s);
    const fixable = found.filter((f) => f.fix);
    expect(fixable.length).toBeGreaterThan(0);
    const original = workbookSnapshot(s);
    const writesFrom = s.log.valueWrites.length;
    const { value: change, syncs } = await syncsOf(s, () => s.host.applyFixes({ sheet: SHEET }));
    expect(syncs).toHaveLength(2);
    expect(syncs.filter((x) => x.writes)).toHaveLength(1);
    const plan = change.plan;
    expect(plan.kind).toBe("fix");
    expect(plan.fixes!.length).toBeGreaterThan(0);
    // Only the cells the plan edits were written, each holding its `after`; every other cell is as it was.
    expect(new Set(cellsWritten(s, SHEET, writesFrom))).toEqual(new Set(plan.edits.map((e) => e.cell)));
    const now = s.state.snapshot(SHEET);
    for (const e of plan.edits) expect(now.cells[e.cell].value).toBe(e.after);
    for (const [addr, cell] of Object.entries(original[SHEET].cells)) {
      if (!plan.edits.some((e) => e.cell === addr)) expect(now.cells[addr]).toEqual(cell);
      else expect({ ...now.cells[addr], value: null }).toEqual({ ...cell, value: null }); // formats untouched
    }
    // Re-checked: the findings fixed are gone.
    const again = new Set((await findings(s)).map(findingKey));
    for (const f of plan.fixes!) expect(again.has(findingKey(f))).toBe(false);
    // Undone: the workbook is as it was.
    await s.host.undo(change.id);
    expect(workbookSnapshot(s)).toEqual(original);
  });

  it("修复 one finding fixes only that one", async () => {
    const s = await seedSetup(ALL_WORKBOOKS.find((f) => f.endsWith("halfwidth-punctuation.xlsx"))!);
    const fixable = (await findings(s)).filter((f) => f.fix);
    expect(fixable.length).toBeGreaterThan(1);
    const target = fixable.find((f) => f.ruleId !== "JX401")!;
    const change = await s.host.applyFixes({ sheet: SHEET, keys: [findingKey(target)] });
    expect(change.plan.fixes!.map(findingKey)).toContain(findingKey(target));
    expect(change.plan.edits.every((e) => e.cell === target.fix!.cell)).toBe(true);
    const left = new Set((await findings(s)).filter((f) => f.fix).map(findingKey));
    expect(left.has(findingKey(target))).toBe(false);
    expect(fixable.filter((f) => f.fix!.cell !== target.fix!.cell).every((f) => left.has(findingKey(f)))).toBe(true);
  });

  it("refuses keys of findings that no longer exist (the pane's list is stale)", async () => {
    const s = await seedSetup(SEED);
    const [f] = (await findings(s)).filter((x) => x.fix);
    await s.host.applyFixes({ sheet: SHEET, keys: [findingKey(f)] });
    const err = await rejection(s.host.applyFixes({ sheet: SHEET, keys: [findingKey(f)] }));
    expect(err).toMatchObject({ code: "stale", sheetUnchanged: true });
    expect(err.zh).toContain("绩效目标表");
  });
});

describe("suggestions", () => {
  it("sets 总计 to the sum when chosen, and undo restores it", async () => {
    const s = await seedSetup(ALL_WORKBOOKS.find((f) => f.endsWith("total-off-by-0.01.xlsx"))!);
    const found = await findings(s);
    const target = found.find((f) => f.suggestions?.some((x) => x.id === "setTotal"))!;
    expect(target).toBeDefined();
    const suggestion = target.suggestions!.find((x) => x.id === "setTotal")!;
    const original = workbookSnapshot(s);
    const { value: change, syncs } = await syncsOf(s, () =>
      s.host.applySuggestion({ sheet: SHEET, key: findingKey(target), suggestionId: "setTotal" }),
    );
    expect(syncs.filter((x) => x.writes)).toHaveLength(1);
    expect(change.plan.kind).toBe("suggestion");
    for (const e of suggestion.edits) {
      expect(s.state.value(SHEET, e.cell)).toBe(e.after);
      expect(typeof s.state.value(SHEET, e.cell)).toBe("number");
    }
    expect((await findings(s)).some((f) => findingKey(f) === findingKey(target))).toBe(false);
    await s.host.undo(change.id);
    expect(workbookSnapshot(s)).toEqual(original);
  });

  it("never overwrites a formula", async () => {
    const file = ALL_WORKBOOKS.find((f) => f.endsWith("total-off-by-0.01.xlsx"))!;
    const probe = await seedSetup(file);
    const target = (await findings(probe)).find((f) => f.suggestions?.some((x) => x.id === "setTotal"))!;
    const init = await initFrom(file);
    init.sheets[0].formulas = { [target.suggestions![0].edits[0].cell]: "=C6+D6+E6+0.01" };
    const s = setup(init);
    const original = workbookSnapshot(s);
    const err = await rejection(s.host.applySuggestion({ sheet: SHEET, key: findingKey(target), suggestionId: "setTotal" }));
    expect(err).toMatchObject({ code: "notEmpty", sheetUnchanged: true });
    expect(err.zh).toContain("公式");
    expect(err.zh).toContain(target.suggestions![0].edits[0].cell);
    expect(workbookSnapshot(s)).toEqual(original);
    expect(s.log.syncs.filter((x) => x.writes)).toHaveLength(0);
  });
});

function specsOf(table: Table) {
  return table.projects.map((p) => ({
    name: p.name.trim(),
    amounts: p.amounts.total.value,
    indicators: p.indicators.map((i) => ({ ...toSpec(i), seq: 0 })),
  }));
}

describe("layout conversion", () => {
  it.each([
    ["published → structured", SEED, "structured" as const, "绩效目标表（明细）"],
    ["structured → published", STRUCTURED_SEED, "published" as const, "绩效目标表（发布）"],
  ])("%s writes a new sheet, leaves the source untouched, converts back to the same indicators, and undoes", async (_what, file, to, name) => {
    const s = await seedSetup(file);
    const source = await s.host.check({ sheet: SHEET, highlight: false });
    const original = workbookSnapshot(s);
    const { value: change, syncs } = await syncsOf(s, () => s.host.convertLayout(SHEET, to));
    expect(syncs).toHaveLength(2);
    expect(syncs.filter((x) => x.writes)).toHaveLength(1);
    expect(change.plan.sheet).toBe(name);
    expect(change.plan.createSheet).toBe(true);
    expect(s.state.sheets.map((x) => x.name)).toEqual([...Object.keys(original), name]);
    expect(s.state.snapshot(SHEET)).toEqual(original[SHEET]);
    expect(s.state.activeSheet).toBe(name);
    // The new sheet holds exactly the plan's cells, and the validator reads the same table from it.
    const written = s.state.snapshot(name);
    expect(Object.entries(written.cells).filter(([, c]) => c.value !== "").length).toBe(change.plan.edits.filter((e) => e.after !== null && e.after !== "").length);
    for (const e of change.plan.edits) expect(s.state.value(name, e.cell)).toBe(e.after ?? "");
    const converted = await s.host.check({ sheet: name, highlight: false });
    expect(converted.result.table!.layout).toBe(to);
    expect(specsOf(converted.result.table!)).toEqual(specsOf(source.result.table!));
    // And back again: the same indicators as the source.
    const back = await s.host.convertLayout(name, source.result.table!.layout);
    const third = await s.host.check({ sheet: back.plan.sheet, highlight: false });
    expect(specsOf(third.result.table!)).toEqual(specsOf(source.result.table!));
    // Undo, newest first: both new sheets are gone and the workbook is as it was.
    expect(s.host.changes().map((c) => c.id)).toEqual([back.id, change.id]);
    await s.host.undo(back.id);
    await s.host.undo(change.id);
    expect(workbookSnapshot(s)).toEqual(original);
  });

  it("picks a free name when the default one is taken", async () => {
    const s = await seedSetup(SEED);
    const first = await s.host.convertLayout(SHEET, "structured");
    const second = await s.host.convertLayout(SHEET, "structured");
    expect([first.plan.sheet, second.plan.sheet]).toEqual(["绩效目标表（明细）", "绩效目标表（明细） (2)"]);
  });
});
