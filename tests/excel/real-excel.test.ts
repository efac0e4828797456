/**
 * Behaviours of real Excel that the adapter must survive, each documented by Microsoft and now modelled by the
 * fake (see tests/fakes/excel-fake.ts):
 * - "Priority is a number equal to the index in the ConditionalFormatCollection" (Apply conditional formatting):
 *   a format reached through a range's collection has its priority counted among that range's formats only.
 * - A range over five million cells may read `values` as null instead of failing (Excel performance article).
 * - Worksheet.getUsedRange on a blank sheet returns A1 and does not throw (API reference).
 * - The error codes of the Office.js runtime and the error-handling article.
 */
import { createFakeExcel } from "../fakes/excel-fake";
import { comparable, generatedSheet, rejection, seedSetup, setup, SHEET, syncsOf, type Setup } from "./helpers";

function own(s: Setup, sheet = SHEET) {
  return s.state.conditionalFormats(sheet).filter((c) => c.formula.includes("JIXIAO"));
}

describe("conditional format priority is counted in the collection it was reached through", () => {
  it("in the fake: a range's collection ranks only the formats intersecting it", async () => {
    const { Excel, state } = createFakeExcel({
      sheets: [
        {
          name: "S",
          values: [["a"]],
          conditionalFormats: [
            { ranges: "Z1", fill: "#1" },
            { ranges: "A1", fill: "#2" },
            { ranges: "Z2", fill: "#3" },
            { ranges: "A1:A2", fill: "#4" },
          ],
        },
      ],
    });
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      const local = ws.getRange("A1").conditionalFormats;
      local.load("items/priority,items/id");
      const all = ws.getRange().conditionalFormats;
      all.load("items/priority");
      await ctx.sync();
      expect(local.items.map((c) => c.priority)).toEqual([0, 1]);
      expect(all.items.map((c) => c.priority)).toEqual([0, 1, 2, 3]);
      // Priority 1 in A1's collection: after #2 (the only other A1 format), not at sheet index 1.
      local.items[0].priority = 1;
      await ctx.sync();
    });
    // Sheet-wide, index 1 would have left the order as it was.
    expect(state.conditionalFormats("S").map((c) => c.fill)).toEqual(["#1", "#3", "#4", "#2"]);
  });

  it("a failed re-check puts the previous highlights back at their sheet-wide priorities", async () => {
    // The user's own rules: one far from every finding above the add-in's formats, one below them. A re-check
    // whose last delete fails makes the rollback re-add a previous format through its own ranges' collection,
    // where the far rule does not count: only a priority set through the sheet's collection restores the order.
    const prepare = async (s: Setup) => {
      await s.state.simulateEdit(SHEET, "B6", 35.09);
      await s.host.check({ sheet: SHEET });
      await s.Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(SHEET);
        for (const [address, fill] of [["Z1", "#00B050"], ["Z2", "#0070C0"]]) {
          const cf = ws.getRange(address).conditionalFormats.add("Custom");
          cf.custom.rule.formula = "=TRUE";
          cf.custom.format.fill.color = fill;
        }
        await ctx.sync();
      });
      await s.state.simulateEdit(SHEET, "B6", 35.08);
    };
    const probe = await seedSetup();
    await prepare(probe);
    const { syncs } = await syncsOf(probe, () => probe.host.check({ sheet: SHEET }));
    const ops = syncs.filter((x) => x.writes)[0].ops.length;

    const s = await seedSetup();
    await prepare(s);
    const before = s.state.conditionalFormats(SHEET).map(({ id: _id, ...rest }) => rest);
    expect(before.map((c) => c.fill).slice(0, 2)).toEqual(["#0070C0", "#00B050"]);
    expect(own(s)).toHaveLength(2);
    s.state.injectFailure({ op: ops });
    const err = await rejection(s.host.check({ sheet: SHEET }));
    expect([err.code, err.sheetUnchanged]).toEqual(["unknown", true]);
    expect(s.log.cfDeleted.length).toBeGreaterThan(0);
    expect(s.state.conditionalFormats(SHEET).map(({ id: _id, ...rest }) => rest)).toEqual(before);
  });
});

describe("a used range over the cell read limit", () => {
  it("in the fake: values and number formats read as null, without an error", async () => {
    const { Excel } = createFakeExcel({ sheets: [{ name: "S", values: [["a", "b"], ["c", "d"]] }], cellReadLimit: 3 });
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1:B2");
      r.load("values,numberFormat,rowCount");
      await ctx.sync();
      expect([r.values, r.numberFormat, r.rowCount]).toEqual([null, null, 2]);
    });
  });

  it("is read in row blocks within the limit, with the same findings as a normal read", async () => {
    const sheet = generatedSheet(300);
    const normal = setup({ sheets: [structuredClone(sheet)] });
    const expected = await normal.host.check({ sheet: SHEET, highlight: false });
    // Desktop Excel: no payload limit, only the cell limit (here 1,500 cells: about 214 rows of 7 columns).
    const s = setup({ sheets: [sheet], cellReadLimit: 1500, payloadLimitBytes: Infinity });
    const { value: run, syncs } = await syncsOf(s, () => s.host.check({ sheet: SHEET, highlight: false }));
    if (!run.result.table || !expected.result.table) throw new Error("no table");
    expect(comparable(run.result.findings)).toEqual(comparable(expected.result.findings));
    expect(run.rows).toBe(expected.rows);
    expect(syncs.every((x) => x.ok)).toBe(true);
    expect(syncs.length).toBeGreaterThanOrEqual(2 + Math.ceil((expected.rows * 7) / 1500));
  });
});

describe("documented host behaviours the adapter relies on", () => {
  it("a blank sheet reads as A1 (getUsedRange does not throw) and gets a no-table message, not an error", async () => {
    const s = setup({ sheets: [{ name: "空白", values: [] }] });
    const run = await s.host.check({ sheet: "空白" });
    expect(run.result.table).toBeNull();
    if (run.result.table === null) expect(run.result.message).toContain("工作表“空白”");
    expect(run.rows).toBe(1);
    expect(run.highlightSkipped).toBe("noFindings");
  });

  it.each([
    ["ApiNotAvailable", "unsupported"],
    ["MemoryLimitReached", "tooLarge"],
    ["RequestPayloadSizeLimitExceeded", "tooLarge"],
    ["ServiceNotAvailable", "busy"],
    ["InactiveWorkbook", "busy"],
    ["WriteNotSupportedWhenModalDialogOpen", "busy"],
    ["Timeout", "busy"],
    ["InvalidOrTimedOutSession", "busy"],
  ])("maps %s to %s", async (code, mapped) => {
    const s = await seedSetup();
    s.state.injectFailure({ op: 1, code, when: "any" });
    const err = await rejection(s.host.listSheets());
    expect(err.code).toBe(mapped);
    expect(err.sheetUnchanged).toBe(true);
  });

  it("a write refused for its request size (Excel on the web) leaves the sheet as it was and says it is too large", async () => {
    const s = await seedSetup();
    const looks = s.state.looks(SHEET);
    s.state.injectFailure({ op: 1, code: "RequestPayloadSizeLimitExceeded" });
    const err = await rejection(s.host.check({ sheet: SHEET }));
    expect([err.code, err.sheetUnchanged]).toEqual(["tooLarge", true]);
    expect(err.zh).toContain(`工作表“${SHEET}”太大`);
    expect(s.state.looks(SHEET)).toEqual(looks);
    expect(own(s)).toEqual([]);
  });
});

