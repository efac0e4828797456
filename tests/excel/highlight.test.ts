/**
 * Highlighting with the add-in's own conditional formats: the user's fills, fonts, borders and conditional
 * formats are never touched, clearing restores every cell's look exactly, a failed write is rolled back, and
 * the number of syncs does not grow with the sheet.
 */
import { basename } from "node:path";
import type { Finding, Severity } from "../../src/core";
import { HostError } from "../../src/excel/host";
import { ADDRESS_LIMIT, chunkAddresses, planHighlights, runsOf, STYLES } from "../../src/excel/highlight";
import { parseArea, type FakeWorkbookInit } from "../fakes/excel-fake";
import { ALL_WORKBOOKS, cliGrid, generatedSheet, initFrom, rejection, setup, SHEET, syncsOf, type Setup } from "./helpers";

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The seed with the user's own fills and conditional formats, some on cells the engine flags. */
async function decoratedSeed(extra: Partial<FakeWorkbookInit> = {}): Promise<FakeWorkbookInit> {
  const init = await initFrom(ALL_WORKBOOKS[0], extra);
  const sheet = init.sheets[0];
  sheet.formats = {
    ...sheet.formats,
    A3: { fill: "#D9D9D9", font: "#000000", borders: "medium" },
    G7: { fill: "#C6EFCE", font: "#006100", borders: "thin" }, // a user fill on a cell with findings
    B6: { fill: "#FFFF00" },
  };
  sheet.conditionalFormats = [
    { ranges: "G8:G9", formula: "=TRUE", fill: "#E2EFDA", font: "#375623" }, // overlaps the finding at G8
    { type: "DataBar", ranges: "B4:B10" },
    { ranges: "A1:G2", formula: "=FALSE", fill: "#FF0000" },
  ];
  return init;
}

function worstByCell(findings: readonly Finding[]): Map<string, Severity> {
  const m = new Map<string, Severity>();
  for (const f of findings) {
    const cur = m.get(f.cell);
    if (!cur || RANK[f.severity] < RANK[cur]) m.set(f.cell, f.severity);
  }
  return m;
}

/** The user's conditional formats in priority order (their priority numbers shift while the add-in's exist). */
function userFormats(s: Setup, sheet = SHEET) {
  return s.state
    .conditionalFormats(sheet)
    .filter((c) => !c.formula.includes("JIXIAO"))
    .map(({ priority: _p, ...rest }) => rest);
}
function ownFormats(s: Setup, sheet = SHEET) {
  return s.state.conditionalFormats(sheet).filter((c) => c.formula.includes("JIXIAO"));
}
/** Conditional formats without their ids (a rollback re-adds deleted ones under new ids). */
function formatsById(s: Setup, sheet = SHEET) {
  return s.state.conditionalFormats(sheet).map(({ id: _id, ...rest }) => rest);
}

describe("planning", () => {
  const f = (cell: string, severity: Severity): Finding => {
    const p = parseArea(cell)!;
    return { cell, row: p.top, col: p.left, severity } as Finding;
  };

  it("gives each cell its worst severity, once", () => {
    const plan = planHighlights([f("G7", "warning"), f("G7", "error"), f("G7", "info"), f("B6", "info"), f("B6", "warning")]);
    expect(plan.cells).toBe(2);
    expect(plan.chunks).toEqual([
      { severity: "error", address: "G7" },
      { severity: "warning", address: "B6" },
    ]);
  });

  it("merges vertical runs of a column", () => {
    const cells = ["G7", "G8", "G9", "G10", "G12", "B6", "B7", "A1"].map((c) => parseArea(c)!).map((r) => ({ row: r.top, col: r.left }));
    expect(runsOf(cells)).toEqual(["A1", "B6:B7", "G7:G10", "G12"]);
  });

  it("cuts addresses at 8,192 characters without losing or repeating an area", () => {
    const areas = Array.from({ length: 5000 }, (_, i) => `AB${2 * i + 1}`);
    const chunks = chunkAddresses(areas);
    expect(chunks.length).toBeGreaterThan(3);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(ADDRESS_LIMIT);
    expect(chunks.join(",").split(",")).toEqual(areas);
  });
});

describe("highlight and clear", () => {
  it("marks each finding cell with its worst severity and clearing restores every cell's look", async () => {
    const s = setup(await decoratedSeed());
    const looksBefore = s.state.looks(SHEET);
    const userBefore = userFormats(s);
    const valuesBefore = s.state.valuesOf(SHEET);

    const run = await s.host.check({ sheet: SHEET });
    if (!run.result.table) throw new Error("no table");
    const worst = worstByCell(run.result.findings);
    expect(run.highlighted).toBe(worst.size);
    expect(run.syncs).toBe(2);
    const looksDuring = s.state.looks(SHEET);
    for (const [cell, look] of Object.entries(looksBefore)) {
      const sev = worst.get(cell);
      const [, , borders] = look.split("|");
      expect([cell, looksDuring[cell]]).toEqual([cell, sev ? `${STYLES[sev].fill}|${STYLES[sev].font}|${borders}` : look]);
    }
    expect(ownFormats(s).length).toBeLessThanOrEqual(3);
    expect(userFormats(s)).toEqual(userBefore);

    const own = ownFormats(s).length;
    expect(own).toBe(s.log.cfAdded.length);
    expect(await s.host.clearHighlights(SHEET)).toBe(own);
    expect(s.state.looks(SHEET)).toEqual(looksBefore);
    expect(s.state.conditionalFormats(SHEET).map(({ priority: _p, ...rest }) => rest)).toEqual(userBefore);
    expect(s.state.valuesOf(SHEET)).toEqual(valuesBefore);
    expect(s.log.valueWrites).toEqual([]);
    expect(s.log.formatWrites).toEqual([]);
  });

  it("replaces its previous highlights on a re-check (3 syncs) and follows the user's edits", async () => {
    const s = setup(await decoratedSeed());
    const looksBefore = s.state.looks(SHEET);
    expect((await s.host.check({ sheet: SHEET })).syncs).toBe(2);
    const first = ownFormats(s);
    const again = await s.host.check({ sheet: SHEET });
    expect(again.syncs).toBe(3);
    expect(ownFormats(s).map((c) => [c.address, c.fill, c.font])).toEqual(first.map((c) => [c.address, c.fill, c.font]));

    // The user fixes G8's unit-less values: G8 goes back to its own look (the user's conditional format).
    const g8 = String(s.state.value(SHEET, "G8")).replace("实施周期指标值:250；年度指标值:40", "实施周期指标值:250次；年度指标值:40次");
    expect(g8).not.toBe(s.state.value(SHEET, "G8"));
    await s.state.simulateEdit(SHEET, "G8", g8);
    const third = await s.host.check({ sheet: SHEET });
    if (!third.result.table) throw new Error("no table");
    expect(third.result.findings.some((f) => f.cell === "G8")).toBe(false);
    expect(s.state.look(SHEET, "G8")).toEqual({ fill: "#E2EFDA", font: "#375623", borders: looksBefore.G8.split("|")[2] });
    expect(ownFormats(s)).toHaveLength(1);
  });

  it("runs overlapping checks one after the other, leaving one set of highlights", async () => {
    const s = setup(await decoratedSeed());
    const runs = await Promise.all([s.host.check({ sheet: SHEET }), s.host.check({ sheet: SHEET }), s.host.clearHighlights(), s.host.check({ sheet: SHEET })]);
    expect(runs).toHaveLength(4);
    expect(ownFormats(s)).toHaveLength(1);
    expect(s.log.syncs.every((x) => x.ok)).toBe(true);
  });

  it.each(ALL_WORKBOOKS.map((f) => [basename(f), f]))("never writes a value or a format of its own: %s", async (_n, file) => {
    const s = setup(await initFrom(file));
    const sheet = (await cliGrid(file)).sheet;
    const looks = s.state.looks(sheet);
    const values = s.state.valuesOf(sheet);
    await s.host.check({ sheet });
    await s.host.check({ sheet });
    await s.host.clearHighlights();
    expect(s.log.valueWrites).toEqual([]);
    expect(s.log.formatWrites).toEqual([]);
    expect(s.state.valuesOf(sheet)).toEqual(values);
    expect(s.state.looks(sheet)).toEqual(looks);
  });

  it("cuts a long multi-area address into chunks and still writes in one sync", async () => {
    // Every other project's 总计 off by 0.01: errors on B6, B8, B10… which cannot merge into runs.
    const sheet = generatedSheet(3000);
    let k = 0;
    for (let r = 0; r < sheet.values.length; r++) {
      const name = sheet.values[r][0];
      if (typeof name === "string" && name.startsWith("    ") && k++ % 2 === 0) sheet.values[r][1] = (sheet.values[r][1] as number) + 0.01;
    }
    const s = setup({ sheets: [sheet] });
    const { value: run, syncs } = await syncsOf(s, () => s.host.check({ sheet: SHEET }));
    if (!run.result.table) throw new Error("no table");
    const plan = planHighlights(run.result.findings);
    expect(plan.chunks.filter((c) => c.severity === "error").length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...plan.chunks.map((c) => c.address.length))).toBeLessThanOrEqual(ADDRESS_LIMIT);
    expect(syncs.map((x) => x.ok)).toEqual([true, true]);
    expect(ownFormats(s)).toHaveLength(plan.chunks.length);
    // Exactly the finding cells are highlighted, each in its worst severity's colors.
    const worst = worstByCell(run.result.findings);
    const painted = Object.entries(s.state.looks(SHEET)).filter(([, l]) => l !== "||");
    expect(new Map(painted)).toEqual(new Map([...worst].map(([cell, sev]) => [cell, `${STYLES[sev].fill}|${STYLES[sev].font}|`])));
  }, 30_000);

  it("validates and highlights a generated 10,000-project sheet in 2 syncs, 3 on a re-check", async () => {
    const s = setup({ sheets: [generatedSheet(10_000)] });
    const first = await s.host.check({ sheet: SHEET });
    const second = await s.host.check({ sheet: SHEET });
    expect([first.syncs, second.syncs]).toEqual([2, 3]);
    expect(first.highlighted).toBeGreaterThan(10_000);
    expect(s.log.syncs.every((x) => x.ok)).toBe(true);
    expect(s.log.syncs).toHaveLength(5);
  }, 60_000);
});

describe("protected sheets", () => {
  it("skips the write and says so", async () => {
    const s = setup(await decoratedSeed());
    s.state.setProtected(SHEET, true);
    const { value: run, syncs } = await syncsOf(s, () => s.host.check({ sheet: SHEET }));
    expect(run.highlightSkipped).toBe("protected");
    expect(run.highlighted).toBe(0);
    expect(run.result.table && run.result.findings.length).toBe(4);
    expect(syncs.map((x) => x.writes)).toEqual([false]);
  });

  it("refuses to clear a protected sheet with a clear message and deletes nothing", async () => {
    const init = await decoratedSeed();
    init.sheets.push({ ...structuredClone(init.sheets[0]), name: "副本" });
    const s = setup(init);
    await s.host.check({ sheet: SHEET });
    await s.host.check({ sheet: "副本" });
    s.state.setProtected(SHEET, true);
    const looks = s.state.looks(SHEET);
    const err = await rejection(s.host.clearHighlights(SHEET));
    expect(err.code).toBe("protected");
    expect(err.zh).toContain(`工作表“${SHEET}”受保护`);
    expect(err.zh).toContain("撤销工作表保护");
    expect(err.en).toContain("Unprotect");
    expect(err.sheetUnchanged).toBe(true);
    expect(s.state.looks(SHEET)).toEqual(looks);
    // Clearing every sheet clears the others and names the protected one.
    const all = await rejection(s.host.clearHighlights());
    expect(all.code).toBe("protected");
    expect(ownFormats(s, "副本")).toEqual([]);
    expect(ownFormats(s, SHEET).length).toBeGreaterThan(0);
  });
});

describe("a failed write leaves the sheet as it was", () => {
  async function writeOps(prepare: (s: Setup) => Promise<void>): Promise<number> {
    const s = setup(await decoratedSeed());
    await prepare(s);
    const { syncs } = await syncsOf(s, () => s.host.check({ sheet: SHEET }));
    return syncs.filter((x) => x.writes)[0].ops.length;
  }

  it("on a first check, whichever operation of the write fails", async () => {
    const n = await writeOps(async () => {});
    expect(n).toBeGreaterThanOrEqual(4);
    for (let op = 1; op <= n; op++) {
      const s = setup(await decoratedSeed());
      const looks = s.state.looks(SHEET);
      const formats = s.state.conditionalFormats(SHEET);
      s.state.injectFailure({ op });
      const err = await rejection(s.host.check({ sheet: SHEET }));
      expect([op, err.code, err.sheetUnchanged]).toEqual([op, "unknown", true]);
      expect(err.zh).toContain("GeneralException");
      expect(s.state.looks(SHEET)).toEqual(looks);
      expect(s.state.conditionalFormats(SHEET)).toEqual(formats);
    }
  });

  it("on a re-check that replaces earlier highlights, whichever operation fails", async () => {
    // Earlier highlights of two severities (an edit made B6 an error); then the user adds a rule of their own
    // over G7:G8 (it takes the top priority, above the add-in's) and undoes the B6 edit. The re-check's write
    // adds the new format and deletes both old ones: a failure between the deletes makes the rollback re-add
    // one, exactly in its old place below the user's new rule.
    const prepare = async (s: Setup) => {
      await s.state.simulateEdit(SHEET, "B6", 35.09);
      await s.host.check({ sheet: SHEET });
      expect(ownFormats(s)).toHaveLength(2);
      await s.Excel.run(async (ctx) => {
        const cf = ctx.workbook.worksheets.getItem(SHEET).getRange("G7:G8").conditionalFormats.add("Custom");
        cf.custom.rule.formula = "=TRUE";
        cf.custom.format.font.color = "#7030A0";
        await ctx.sync();
      });
      await s.state.simulateEdit(SHEET, "B6", 35.08);
    };
    const n = await writeOps(prepare);
    let readded = false;
    for (let op = 1; op <= n; op++) {
      const s = setup(await decoratedSeed());
      await prepare(s);
      const looks = s.state.looks(SHEET);
      const formats = formatsById(s);
      s.state.injectFailure({ op });
      const err = await rejection(s.host.check({ sheet: SHEET }));
      expect([op, err.code, err.sheetUnchanged]).toEqual([op, "unknown", true]);
      expect(s.state.looks(SHEET)).toEqual(looks);
      expect(formatsById(s)).toEqual(formats);
      if (op === n) readded = s.log.cfDeleted.length > 0;
    }
    expect(readded).toBe(true); // the last case did delete an old format, which the rollback put back
  });

  it("says so truthfully when the rollback fails too, and clearing then restores the user's look", async () => {
    const s = setup(await decoratedSeed());
    const original = s.state.looks(SHEET);
    await s.host.check({ sheet: SHEET });
    await s.state.simulateEdit(SHEET, "B6", 35.09);
    s.state.injectFailure({ op: 6 }); // the write: after the first new format is complete
    s.state.injectFailure({ op: 1 }); // the rollback's write
    const err = await rejection(s.host.check({ sheet: SHEET }));
    expect(err.sheetUnchanged).toBe(false);
    expect(err.zh).toContain("清除标记");
    expect(err.en).toContain("Clear highlights");
    await s.state.simulateEdit(SHEET, "B6", 35.08);
    expect(await s.host.clearHighlights(SHEET)).toBeGreaterThan(0);
    expect(s.state.looks(SHEET)).toEqual(original);
  });
});

describe("clearHighlights", () => {
  async function sheets(count: number): Promise<Setup> {
    const init = await decoratedSeed();
    for (let i = 2; i <= count; i++) init.sheets.push({ ...structuredClone(init.sheets[0]), name: `副本${i}` });
    const s = setup(init);
    for (const sh of init.sheets) await s.host.check({ sheet: sh.name });
    return s;
  }

  it("deletes only the add-in's formats, in 3 syncs for every sheet whatever their number, 2 for one sheet", async () => {
    for (const count of [2, 6]) {
      const s = await sheets(count);
      const own = s.state.sheets.reduce((n, sh) => n + ownFormats(s, sh.name).length, 0);
      const user = s.state.sheets.map((sh) => userFormats(s, sh.name));
      const { value, syncs } = await syncsOf(s, () => s.host.clearHighlights());
      expect([value, syncs.length]).toEqual([own, 3]);
      expect(s.state.sheets.map((sh) => s.state.conditionalFormats(sh.name).map(({ priority: _p, ...rest }) => rest))).toEqual(user);
    }
    const s = await sheets(2);
    const { value, syncs } = await syncsOf(s, () => s.host.clearHighlights("副本2"));
    expect([value, syncs.length]).toEqual([1, 2]);
    expect(ownFormats(s, SHEET)).toHaveLength(1);
    expect(await s.host.clearHighlights("副本2")).toBe(0);
  });

  it("reports truthfully whether anything changed when its delete fails", async () => {
    for (const [op, unchanged] of [[1, true], [2, false]] as const) {
      const s = await sheets(2);
      s.state.injectFailure({ op });
      const err = await rejection(s.host.clearHighlights());
      expect([op, err.sheetUnchanged]).toEqual([op, unchanged]);
    }
  });
});
