/**
 * Writes that cannot or do not go through leave the workbook as it was, and say so: a protected sheet or
 * workbook (refused before writing), a failure injected at every operation of the write sync (rolled back),
 * a rollback that fails too (the cells to check are named), an undo of cells changed since (refused, naming
 * the cell), and a user editing a cell.
 */
import { basename } from "node:path";
import { findingKey } from "../../src/core";
import type { AppliedChange, WorkbookHost } from "../../src/excel/host";
import type { FakeWorkbookInit } from "../fakes/excel-fake";
import { ALL_WORKBOOKS, initFrom, rejection, SEED, seedSetup, setup, SHEET, STRUCTURED_SEED, workbookSnapshot, type Setup } from "./helpers";

const SPECS = [
  {
    seq: 0,
    l1: { code: "2", name: "效益指标" },
    l2: { code: "22", name: "社会效益" },
    name: "系统正常运行率",
    period: { comparator: "=" as const, number: 100, unit: "%", text: null },
    annual: { comparator: "=" as const, number: 100, unit: "%", text: null },
  },
];

const VARIANT = (name: string) => ALL_WORKBOOKS.find((f) => f.endsWith(name))!;

interface Case {
  name: string;
  file: string;
  /** Changes the sheet before the operation (e.g. a check that leaves highlights). */
  prepare?: (s: Setup) => Promise<void>;
  init?: (i: FakeWorkbookInit) => void;
  op: (host: WorkbookHost, s: Setup) => Promise<AppliedChange>;
}

const suggestionKey = async (s: Setup): Promise<string> => {
  const run = await s.host.check({ sheet: SHEET, highlight: false });
  const f = run.result.table ? run.result.findings.find((x) => x.suggestions?.some((y) => y.id === "setTotal")) : undefined;
  return findingKey(f!);
};

const CASES: Case[] = [
  {
    name: "structured insert in the middle (with highlights on the sheet)",
    file: STRUCTURED_SEED,
    prepare: async (s) => void (await s.host.check({ sheet: SHEET })),
    op: (h) => h.insertIndicators({ sheet: SHEET, projectRow: 9, specs: SPECS }),
  },
  {
    name: "structured insert after the last project",
    file: STRUCTURED_SEED,
    op: (h) => h.insertIndicators({ sheet: SHEET, projectRow: 21, specs: [...SPECS, ...SPECS] }),
  },
  {
    name: "structured insert at the bottom of an unformatted sheet",
    file: STRUCTURED_SEED,
    init: (i) => {
      delete i.sheets[0].formats;
      delete i.sheets[0].numberFormats;
    },
    op: (h) => h.insertIndicators({ sheet: SHEET, projectRow: 21, specs: [...SPECS, ...SPECS] }),
  },
  { name: "published insert", file: SEED, op: (h) => h.insertIndicators({ sheet: SHEET, projectRow: 6, specs: SPECS }) },
  { name: "全部修复 over several cells", file: VARIANT("halfwidth-punctuation.xlsx"), op: (h) => h.applyFixes({ sheet: SHEET }) },
  {
    name: "set 总计 to the sum",
    file: VARIANT("total-off-by-0.01.xlsx"),
    op: async (h, s) => h.applySuggestion({ sheet: SHEET, key: await suggestionKey(s), suggestionId: "setTotal" }),
  },
  { name: "convert to structured", file: SEED, op: (h) => h.convertLayout(SHEET, "structured") },
  { name: "convert to published", file: STRUCTURED_SEED, op: (h) => h.convertLayout(SHEET, "published") },
];

async function caseSetup(c: Case): Promise<Setup> {
  const init = await initFrom(c.file);
  c.init?.(init);
  const s = setup(init);
  await c.prepare?.(s);
  return s;
}

/** The operations of the write sync of a clean run. */
async function writeOps(c: Case): Promise<string[]> {
  const s = await caseSetup(c);
  const from = s.log.syncs.length;
  await c.op(s.host, s);
  const writes = s.log.syncs.slice(from).filter((x) => x.writes);
  expect(writes).toHaveLength(1);
  return writes[0].ops;
}

describe("a failure at any operation of the write sync is rolled back", () => {
  it.each(CASES.map((c) => [c.name, c]))("%s", async (_name, c) => {
    const ops = await writeOps(c);
    expect(ops.length).toBeGreaterThan(0);
    for (let op = 1; op <= ops.length; op++) {
      const s = await caseSetup(c);
      const before = workbookSnapshot(s);
      const active = s.state.activeSheet;
      s.state.injectFailure({ op });
      const err = await rejection(c.op(s.host, s));
      expect({ op, label: ops[op - 1], unchanged: err.sheetUnchanged }).toEqual({ op, label: ops[op - 1], unchanged: true });
      expect(err.zh).toContain("工作表未作任何更改");
      expect(err.en).toContain("The sheet was not changed");
      expect(workbookSnapshot(s)).toEqual(before);
      expect(s.state.activeSheet).toBe(active);
      expect(s.host.changes()).toEqual([]);
      expect(s.state.pendingInjections).toHaveLength(0);
    }
  });

  it("says which cells to check when the rollback fails too", async () => {
    const s = await seedSetup(STRUCTURED_SEED);
    s.state.injectFailure({ op: 2 }); // the write: the rows are inserted, the values are not written
    s.state.injectFailure({ op: 1 }); // the rollback's write
    const err = await rejection(s.host.insertIndicators({ sheet: SHEET, projectRow: 9, specs: SPECS }));
    expect(err.sheetUnchanged).toBe(false);
    expect(err.zh).toContain("请检查 绩效目标表!14:14");
    expect(err.en).toContain("could not be rolled back");
  });
});

describe("a failed undo is rolled back", () => {
  it.each(CASES.filter((c) => !c.name.startsWith("convert")).map((c) => [c.name, c]))("%s", async (_name, c) => {
    const probe = await caseSetup(c);
    const applied = await c.op(probe.host, probe);
    const from = probe.log.syncs.length;
    await probe.host.undo(applied.id);
    const undoWrite = probe.log.syncs.slice(from).filter((x) => x.writes);
    expect(undoWrite).toHaveLength(1);
    for (let op = 1; op <= undoWrite[0].ops.length; op++) {
      const s = await caseSetup(c);
      const original = workbookSnapshot(s);
      const change = await c.op(s.host, s);
      const changed = workbookSnapshot(s);
      s.state.injectFailure({ op });
      const err = await rejection(s.host.undo(change.id));
      expect(err.sheetUnchanged).toBe(true);
      expect(workbookSnapshot(s)).toEqual(changed);
      expect(s.host.changes()[0].undone).toBe(false);
      await s.host.undo(change.id); // and it can be undone afterwards
      expect(workbookSnapshot(s)).toEqual(original);
    }
  });

  it("a failed delete of a converted sheet changes nothing", async () => {
    const s = await seedSetup(SEED);
    const change = await s.host.convertLayout(SHEET, "structured");
    const changed = workbookSnapshot(s);
    s.state.injectFailure({ op: 1 });
    const err = await rejection(s.host.undo(change.id));
    expect(err.sheetUnchanged).toBe(true);
    expect(workbookSnapshot(s)).toEqual(changed);
  });
});

describe("protection", () => {
  it.each(CASES.filter((c) => !c.name.startsWith("convert")).map((c) => [c.name, c]))("%s is refused on a protected sheet before any write", async (_name, c) => {
    const s = await caseSetup(c);
    const key = c.name === "set 总计 to the sum" ? await suggestionKey(s) : null;
    s.state.setProtected(SHEET, true);
    const before = workbookSnapshot(s);
    const from = s.log.syncs.length;
    const err = await rejection(key ? s.host.applySuggestion({ sheet: SHEET, key, suggestionId: "setTotal" }) : c.op(s.host, s));
    expect(err.code).toBe("protected");
    expect(err.sheetUnchanged).toBe(true);
    expect(err.zh).toContain("工作表“绩效目标表”受保护，无法写入");
    expect(err.zh).toContain("工作表未作任何更改");
    expect(s.log.syncs.slice(from).filter((x) => x.writes)).toHaveLength(0);
    expect(workbookSnapshot(s)).toEqual(before);
  });

  it("a conversion only needs the workbook unprotected: the source may be protected", async () => {
    const s = await seedSetup(SEED);
    s.state.setProtected(SHEET, true);
    const change = await s.host.convertLayout(SHEET, "structured");
    expect(s.state.sheets.map((x) => x.name)).toContain(change.plan.sheet);
    s.state.workbookProtected = true;
    const err = await rejection(s.host.convertLayout(SHEET, "structured"));
    expect(err.code).toBe("protected");
    expect(err.zh).toContain("工作簿的结构受保护");
    const undo = await rejection(s.host.undo(change.id));
    expect(undo.code).toBe("protected");
    expect(s.state.sheets.map((x) => x.name)).toContain(change.plan.sheet);
  });

  it("a sheet protected between the read and the write (AccessDenied mid-sync) is reported as protected, rolled back", async () => {
    const s = await seedSetup(STRUCTURED_SEED);
    const before = workbookSnapshot(s);
    s.state.injectFailure({ op: 3, code: "AccessDenied" });
    const err = await rejection(s.host.insertIndicators({ sheet: SHEET, projectRow: 9, specs: SPECS }));
    expect(err.code).toBe("protected");
    expect(err.sheetUnchanged).toBe(true);
    expect(err.zh).toContain("无法写入");
    expect(workbookSnapshot(s)).toEqual(before);
  });

  it("an undo on a sheet protected since is refused", async () => {
    const s = await seedSetup(SEED);
    const change = await s.host.insertIndicators({ sheet: SHEET, projectRow: 6, specs: SPECS });
    s.state.setProtected(SHEET, true);
    const before = workbookSnapshot(s);
    const err = await rejection(s.host.undo(change.id));
    expect(err.code).toBe("protected");
    expect(workbookSnapshot(s)).toEqual(before);
  });
});

describe("stale undo", () => {
  it("refuses when a cell the change wrote was edited since, naming it", async () => {
    const s = await seedSetup(SEED);
    const change = await s.host.insertIndicators({ sheet: SHEET, projectRow: 6, specs: SPECS });
    await s.state.simulateEdit(SHEET, "G7", "用户改过的文字");
    const before = workbookSnapshot(s);
    const err = await rejection(s.host.undo(change.id));
    expect(err.code).toBe("stale");
    expect(err.zh).toContain("G7");
    expect(err.zh).toContain("用户改过的文字");
    expect(workbookSnapshot(s)).toEqual(before);
    expect(s.host.changes()[0].undone).toBe(false);
  });

  it("refuses to delete inserted rows that hold something the change did not write", async () => {
    const s = await seedSetup(STRUCTURED_SEED);
    const change = await s.host.insertIndicators({ sheet: SHEET, projectRow: 21, specs: SPECS });
    const row = change.plan.rowInsert!.at + 1;
    await s.state.simulateEdit(SHEET, `L${row}`, "备注");
    const err = await rejection(s.host.undo(change.id));
    expect(err.code).toBe("stale");
    expect(err.zh).toContain(`L${row}`);
    expect(s.state.value(SHEET, `L${row}`)).toBe("备注");
  });

  it("refuses to delete a converted sheet the user has written on", async () => {
    const s = await seedSetup(SEED);
    const change = await s.host.convertLayout(SHEET, "structured");
    await s.state.simulateEdit(change.plan.sheet, "M40", "我的笔记");
    const err = await rejection(s.host.undo(change.id));
    expect(err.code).toBe("stale");
    expect(err.zh).toContain("M40");
    expect(s.state.sheets.map((x) => x.name)).toContain(change.plan.sheet);
  });

  it("refuses an older change whose cells a newer change wrote over (undo goes newest first)", async () => {
    const s = await seedSetup(SEED);
    const first = await s.host.insertIndicators({ sheet: SHEET, projectRow: 6, specs: SPECS });
    const second = await s.host.insertIndicators({ sheet: SHEET, projectRow: 6, specs: SPECS });
    expect((await rejection(s.host.undo(first.id))).code).toBe("stale");
    await s.host.undo(second.id);
    await s.host.undo(first.id);
    expect(s.host.changes().every((c) => c.undone)).toBe(true);
  });
});

describe("cell editing and old hosts", () => {
  it("says to finish editing when Excel cannot wait for it (before ExcelApi 1.11)", async () => {
    const s = await seedSetup(SEED, { apiVersion: "1.10" });
    s.state.setCellEditMode(true);
    const err = await rejection(s.host.insertIndicators({ sheet: SHEET, projectRow: 6, specs: SPECS }));
    expect(err.code).toBe("cellEditing");
    expect(err.sheetUnchanged).toBe(true);
    expect(err.zh).toContain("工作表未作任何更改");
  });

  it("waits while the user edits a cell, then writes", async () => {
    const s = await seedSetup(SEED);
    s.state.setCellEditMode(true);
    const pending = s.host.insertIndicators({ sheet: SHEET, projectRow: 6, specs: SPECS });
    await new Promise((r) => setTimeout(r, 20));
    expect(s.log.syncs.filter((x) => x.ok)).toHaveLength(0);
    s.state.setCellEditMode(false);
    const change = await pending;
    expect(s.state.value(SHEET, "G7")).toBe(change.plan.edits[0].after);
  });

  it.each(["1.8"])("refuses an Excel without ExcelApi 1.9 (%s) before touching the workbook", async (apiVersion) => {
    const s = await seedSetup(SEED, { apiVersion });
    for (const call of [() => s.host.insertIndicators({ sheet: SHEET, projectRow: 6, specs: SPECS }), () => s.host.selection(), () => s.host.convertLayout(SHEET, "structured")]) {
      expect((await rejection(call())).code).toBe("unsupported");
    }
    expect(s.log.syncs).toHaveLength(0);
  });
});

describe("variants the engine reads", () => {
  it.each(ALL_WORKBOOKS.filter((f) => f.endsWith("no-target-table.xlsx")).map((f) => [basename(f), f]))("%s: no table, nothing to edit", async (_n, file) => {
    const s = await seedSetup(file);
    const sheet = s.state.sheets[0].name;
    const err = await rejection(s.host.applyFixes({ sheet }));
    expect(err.code).toBe("sheetNotFound");
    expect(err.zh).toContain(sheet);
  });
});
