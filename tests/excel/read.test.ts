/**
 * Reading through the adapter: on the real seed workbooks the engine finds exactly what it finds on the command
 * line reader's grid; a sheet that fits the payload limit is read in one sync whatever its size; a larger one
 * is read in row blocks with a constant number of syncs per block.
 */
import { basename } from "node:path";
import { findHeader, validateGrid } from "../../src/core";
import { benchGrid } from "../../scripts/bench-data";
import type { FakeValue } from "../fakes/excel-fake";
import { ALL_WORKBOOKS, cliGrid, comparable, generatedSheet, gridOf, initFrom, seedSetup, setup, SHEET, STRUCTURED_SEED, syncsOf } from "./helpers";

describe("findings equal the engine's on the command line reader's grid", () => {
  it.each(ALL_WORKBOOKS.map((f) => [basename(f), f]))("%s", async (_name, file) => {
    const s = await seedSetup(file);
    const grid = await cliGrid(file);
    const expected = validateGrid(grid);

    const sheets = await s.host.listSheets();
    const withTable = sheets.filter((c) => c.hasTable).map((c) => c.name);
    expect(withTable).toEqual(expected.table ? [grid.sheet] : []);

    const run = await s.host.check({ sheet: grid.sheet });
    if (expected.table === null) {
      expect(run.result.table).toBeNull();
      expect(run.result).toMatchObject({ message: expected.message, messageEn: expected.messageEn });
      return;
    }
    if (run.result.table === null) throw new Error(`no table read from ${file}`);
    expect(comparable(run.result.findings)).toEqual(comparable(expected.findings));
    expect(run.result.summary).toEqual(expected.summary);
    expect(run.result.table.layout).toBe(expected.table.layout);
    expect(sheets.find((c) => c.name === grid.sheet)?.layout).toBe(expected.table.layout);
  });
});

describe("sync budget", () => {
  it("reads a sheet in one sync (check without highlighting)", async () => {
    const s = await seedSetup();
    const { value: run, syncs } = await syncsOf(s, () => s.host.check({ sheet: SHEET, highlight: false }));
    expect(syncs).toHaveLength(1);
    expect(run.syncs).toBe(1);
    expect(syncs[0].writes).toBe(false);
    expect(run.rows).toBe(10);
  });

  it("reads a generated 10,000-project sheet in one sync, as many as for 100 projects", async () => {
    const counts: number[] = [];
    for (const projects of [100, 10_000]) {
      const sheet = generatedSheet(projects);
      const s = setup({ sheets: [sheet] });
      const { value: run, syncs } = await syncsOf(s, () => s.host.check({ sheet: SHEET, highlight: false }));
      expect(syncs.every((x) => x.ok)).toBe(true);
      expect(syncs[0].payloadBytes).toBeLessThanOrEqual(s.state.payloadLimitBytes);
      const expected = validateGrid(gridOf(sheet));
      if (!expected.table || !run.result.table) throw new Error("no table");
      expect(comparable(run.result.findings)).toEqual(comparable(expected.findings));
      counts.push(run.syncs);
    }
    expect(counts).toEqual([1, 1]);
  });

  it("reads a sheet over the 5 MB payload limit in row blocks, a constant number of syncs per block", async () => {
    // The benchmark's 10,000 projects with five full indicators each: about 7 MB of values.
    const bench = benchGrid(10_000).grid;
    const values = bench.values.map((row) => Array.from({ length: 7 }, (_, c) => (row[c] ?? "") as FakeValue));
    const s = setup({ sheets: [{ name: SHEET, values }] });
    const { value: run, syncs } = await syncsOf(s, () => s.host.check({ sheet: SHEET, highlight: false }));

    expect(syncs[0]).toMatchObject({ ok: false, error: "ResponsePayloadSizeLimitExceeded" });
    expect(syncs[1].ok).toBe(true); // the sheet's size, protection, formats and merges
    const blocks = syncs.slice(2);
    const read = blocks.filter((b) => b.ok);
    const retried = blocks.filter((b) => !b.ok);
    expect(retried.every((b) => b.error === "ResponsePayloadSizeLimitExceeded")).toBe(true);
    expect(new Set(blocks.map((b) => b.ops.length))).toEqual(new Set([2])); // values+formats, indents
    expect(read.every((b) => b.payloadBytes <= s.state.payloadLimitBytes)).toBe(true);
    expect(read.length).toBeGreaterThanOrEqual(3);
    expect(retried.length).toBeLessThanOrEqual(2);
    expect(run.syncs).toBe(syncs.length);
    expect(run.rows).toBe(values.length);

    const expected = validateGrid(bench);
    if (!expected.table || !run.result.table) throw new Error("no table");
    expect(comparable(run.result.findings)).toEqual(comparable(expected.findings));
  }, 60_000);

  it("sizes blocks from the bytes read: a tighter limit means more blocks, each still one sync", async () => {
    const sheet = generatedSheet(2000);
    const perLimit: number[] = [];
    for (const limit of [400_000, 150_000]) {
      const s = setup({ sheets: [sheet], payloadLimitBytes: limit });
      const { value: run, syncs } = await syncsOf(s, () => s.host.check({ sheet: SHEET, highlight: false }));
      const blocks = syncs.slice(2);
      const read = blocks.filter((b) => b.ok);
      const retried = blocks.length - read.length;
      // Each retry halves the block size: a handful at most, then every block is one sync.
      expect(retried).toBeLessThanOrEqual(Math.ceil(Math.log2(2_000_000 / limit)) + 1);
      expect(read.every((b) => b.payloadBytes <= limit && b.ops.length === 2)).toBe(true);
      expect(run.syncs).toBe(2 + read.length + retried);
      const expected = validateGrid(gridOf(sheet));
      if (!expected.table || !run.result.table) throw new Error("no table");
      expect(comparable(run.result.findings)).toEqual(comparable(expected.findings));
      perLimit.push(read.length);
    }
    expect(perLimit[1]).toBeGreaterThan(perLimit[0]);
  }, 30_000);
});

describe("what is read", () => {
  it("reads merged areas only when ExcelApi 1.13 is supported", async () => {
    const grid = await cliGrid(STRUCTURED_SEED);
    const expected = validateGrid(grid);
    if (!expected.table) throw new Error("no table");
    for (const [apiVersion, asksMerges] of [["1.13", true], ["1.12", false]] as const) {
      const s = await seedSetup(STRUCTURED_SEED, { apiVersion });
      const { value: run, syncs } = await syncsOf(s, () => s.host.check({ sheet: grid.sheet, highlight: false }));
      expect(syncs.every((x) => x.ok)).toBe(true);
      expect(syncs[0].ops.some((op) => op.includes("getMergedAreasOrNullObject"))).toBe(asksMerges);
      if (!run.result.table) throw new Error("no table");
      // The structured seed merges each project's A–F cells down its rows; Excel leaves the copies blank,
      // which the engine reads the same with or without the merge list.
      expect(comparable(run.result.findings)).toEqual(comparable(expected.findings));
    }
  });

  it("reads Excel indent levels of the leading columns (names indented by format, not by spaces)", async () => {
    const file = ALL_WORKBOOKS.find((f) => f.endsWith("excel-indent.xlsx"))!;
    const init = await initFrom(file);
    const sheet = init.sheets[0];
    expect(sheet.indents?.some((row) => row?.some((n) => (n ?? 0) > 0))).toBe(true);
    // Empty the goal and indicators of the first project (row 6): only its indent still says it is a project.
    const grid = await cliGrid(file);
    for (const c of [5, 6]) {
      sheet.values[5][c] = "";
      grid.values[5][c] = null;
    }
    const expected = validateGrid(grid);
    const withoutIndents = validateGrid({ ...grid, indents: undefined });
    if (!expected.table || !withoutIndents.table) throw new Error("no table");
    expect(comparable(withoutIndents.findings)).not.toEqual(comparable(expected.findings));

    const s = setup(init);
    const run = await s.host.check({ sheet: sheet.name, highlight: false });
    if (!run.result.table) throw new Error("no table");
    expect(comparable(run.result.findings)).toEqual(comparable(expected.findings));
  });

  it("lists every sheet with its table, layout, active and visible flags in two syncs", async () => {
    const base = await initFrom(STRUCTURED_SEED);
    const published = (await initFrom(ALL_WORKBOOKS[0])).sheets[0];
    const init = {
      ...base,
      sheets: [
        { ...published, name: "发布格式" },
        ...base.sheets,
        { name: "说明", values: [["本工作簿的说明"]] },
        { ...published, name: "隐藏副本", visibility: "Hidden" as const },
      ],
      activeSheet: "说明",
    };
    const s = setup(init);
    const { value: sheets, syncs } = await syncsOf(s, () => s.host.listSheets());
    expect(syncs).toHaveLength(2);
    expect(sheets).toEqual([
      { name: "发布格式", hasTable: true, layout: "published", active: false, visible: true },
      { name: base.sheets[0].name, hasTable: true, layout: "structured", active: false, visible: true },
      { name: "说明", hasTable: false, layout: null, active: true, visible: true },
      { name: "隐藏副本", hasTable: true, layout: "published", active: false, visible: false },
    ]);
    for (const c of sheets) {
      const grid = c.name === "说明" ? null : findHeader({ sheet: c.name, values: init.sheets.find((x) => x.name === c.name)!.values });
      expect(c.hasTable).toBe(grid !== null);
    }
  });
});

describe("a huge used range (issue 6)", () => {
  it("a value in XFD1048576: the read is narrowed to the table, in a few syncs, with the seed's findings", async () => {
    const { join } = await import("node:path");
    const file = join(__dirname, "..", "fixtures", "hostile", "cell-at-xfd1048576.xlsx");
    const s = setup(await initFrom(file));
    const seed = await seedSetup();
    const { value: run, syncs } = await syncsOf(s, () => s.host.check({ highlight: false }));
    const plain = await seed.host.check({ highlight: false });
    // 17 billion cells in the used range: one failed whole read, the sheet's meta, 2 to narrow, then blocks.
    expect(syncs.length).toBeLessThanOrEqual(8);
    expect(run.result.table).not.toBeNull();
    expect(comparable(run.result.table ? run.result.findings : [])).toEqual(comparable(plain.result.table ? plain.result.findings : []));
    // The stray value is outside the table's columns and is not read.
    expect(run.result.table!.header.columns.indicators).toBe(6);
  });

  it("reads only the header's columns (one spare), whatever else the top rows hold", async () => {
    const { join } = await import("node:path");
    const { readSheet } = await import("../../src/excel/read");
    const init = await initFrom(join(__dirname, "..", "fixtures", "hostile", "cell-at-xfd1048576.xlsx"));
    // A note far to the right of the header, in the rows searched for it.
    const sheet = init.sheets.find((x) => x.values.length > 1_000_000)!;
    while (sheet.values[1].length < 40) sheet.values[1].push("");
    sheet.values[1][39] = "备注：见附件";
    const s = setup(init);
    const read = await s.Excel.run((ctx) => readSheet(ctx, sheet.name, { merges: true, sync: () => ctx.sync(), formats: false }));
    const width = Math.max(...read.grid.values.map((r) => r.length));
    expect(width).toBeLessThanOrEqual(8); // A–G, plus one spare column
    expect(read.grid.values.some((r) => r.includes("备注：见附件"))).toBe(false);
    expect(findHeader(read.grid)?.columns.indicators).toBe(6);
  });
});
