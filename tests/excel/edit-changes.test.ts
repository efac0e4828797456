/**
 * The pieces under the edits: text written so that Excel keeps it (checked against the fake's Excel-like
 * parsing of input), the plan check that guards every write, and the list of applied changes kept in the
 * workbook's settings (bounded, tolerant of garbage, seen by a second runtime on the same workbook).
 */
import type { EditPlan } from "../../src/core";
import { createExcelHost } from "../../src/excel/adapter";
import { conversionSheetName } from "../../src/core";
import { excelInput, needsQuote, verifyPlan, type EditRead } from "../../src/excel/edit";
import type { AppliedChange } from "../../src/excel/host";
import { CHANGES_KEY, CHANGES_LIMIT, CHANGES_MAX_CHARS, parseChanges, serializeChanges } from "../../src/excel/settings";
import { typedInput } from "../fakes/excel-fake";
import { rejection, SEED, seedSetup, SHEET } from "./helpers";

describe("text Excel keeps as text", () => {
  const texts = [
    "=100%", "+5", "-3", "@home", "'quoted", "＝100%", "100%", "250", "0250", "１２３", "1,234.50", "(12)", "$5", "¥12",
    "1e5", "TRUE", "false", "#N/A", "#REF!", "2024-01-05", "2024/1/5", "2024年1月", "1月5日", "1/2", "3-4", "10:30",
    "≥80%", "1-产出指标", "满意度", "≤5个工作日", "12人", "-", "", " ", "第1批", "100%以上",
  ];

  it.each(texts.map((t) => [t]))("%j comes back from the fake's typed input unchanged", (text) => {
    const input = excelInput(text);
    const typed = typedInput(input as string, false);
    expect(typed.value).toBe(text);
    expect(typed.formula).toBeUndefined();
  });

  it("quotes only what needs it (plain text keeps no quote prefix)", () => {
    expect(["满意度", "≥80%", "1-产出指标", "12人", "", "第1批", "100%以上"].filter(needsQuote)).toEqual([]);
    expect(needsQuote("-")).toBe(true); // anything starting like a formula is quoted, even when Excel might keep it
    expect(excelInput(35.08)).toBe(35.08);
    expect(excelInput(null)).toBe("");
    expect(excelInput(true)).toBe(true);
  });
});

describe("verifyPlan", () => {
  function read(values: (string | number | null)[][], extra: Partial<EditRead> = {}): EditRead {
    return {
      read: { sheet: "S", grid: { sheet: "S", values, origin: { row: 0, col: 0 }, merges: [{ top: 0, left: 0, bottom: 1, right: 0 }] }, rows: values.length, protected: false, formats: null },
      formulas: [],
      valuesBottom: values.length - 1,
      formatsBottom: values.length - 1,
      sheetNames: ["S"],
      workbookProtected: false,
      ...extra,
    };
  }
  const plan = (p: Partial<EditPlan>): EditPlan => ({ kind: "fix", sheet: "S", label: { zh: "", en: "" }, edits: [], preview: [], ...p });
  const values = [["项目", "x"], [null, "y"], ["乙", "z"]];

  it("accepts a plan whose cells hold its `before`", () => {
    expect(verifyPlan(plan({ edits: [{ row: 1, col: 1, cell: "B2", before: "y", after: "Y" }] }), read(values))).toBeNull();
  });

  it("refuses a cell that no longer holds `before`, naming it", () => {
    const err = verifyPlan(plan({ edits: [{ row: 1, col: 1, cell: "B2", before: "old", after: "Y" }] }), read(values))!;
    expect(err.code).toBe("stale");
    expect(err.zh).toContain("B2");
  });

  it("refuses to write an announced-empty cell that holds something", () => {
    expect(verifyPlan(plan({ edits: [{ row: 2, col: 1, cell: "B3", before: null, after: "new" }] }), read(values))!.code).toBe("stale");
  });

  it("refuses a formula cell", () => {
    const err = verifyPlan(plan({ edits: [{ row: 1, col: 1, cell: "B2", before: "y", after: "Y" }] }), read(values, { formulas: [{ top: 1, left: 1, bottom: 1, right: 1 }] }))!;
    expect(err.code).toBe("notEmpty");
    expect(err.zh).toContain("公式");
  });

  it("refuses a merge that would swallow a value, and a hidden cell of a merged area", () => {
    const merge = plan({ kind: "insert", rowInsert: { at: 3, count: 1 }, merges: [{ top: 2, left: 0, bottom: 3, right: 1 }] });
    expect(verifyPlan(merge, read(values))!.zh).toContain("B3");
    expect(verifyPlan(plan({ edits: [{ row: 1, col: 0, cell: "A2", before: null, after: "x" }] }), read(values))!.zh).toContain("合并单元格");
  });

  it("refuses number formats on existing cells and merges it could not undo", () => {
    expect(verifyPlan(plan({ numberFormats: [{ row: 0, col: 1, format: "@" }] }), read(values))!.zh).toContain("数字格式");
    expect(verifyPlan(plan({ merges: [{ top: 2, left: 1, bottom: 2, right: 2 }] }), read(values))!.zh).toContain("无法撤销");
  });

  it("refuses to create a sheet whose name is taken", () => {
    const err = verifyPlan(plan({ kind: "convert", sheet: "s", createSheet: true }), read(values))!;
    expect(err.code).toBe("notEmpty");
    expect(err.zh).toContain("已有名为“s”的工作表");
  });
});

describe("the list of applied changes", () => {
  const change = (i: number, extra: Partial<AppliedChange> = {}): AppliedChange => ({
    id: `c${i}`,
    at: new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString(),
    plan: { kind: "fix", sheet: "S", label: { zh: `修复 ${i}`, en: `Fix ${i}` }, edits: [{ row: 1, col: 1, cell: "B2", before: "a", after: "b" }], preview: ["B2：a → b"] },
    undone: false,
    ...extra,
  });

  it("survives garbage: unparsable JSON, wrong shapes, malformed entries are dropped one by one", () => {
    for (const garbage of ["}{", 3, null, { changes: "x" }, [{ id: 1 }], ""]) expect(parseChanges(garbage)).toEqual([]);
    const good = change(1);
    const bad = [{ ...good, id: "" }, { ...good, id: "x", plan: { ...good.plan, kind: "delete" } }, { ...good, id: "y", plan: { ...good.plan, edits: [{ row: -1 }] } }];
    expect(parseChanges(JSON.stringify({ changes: [good, ...bad, good] }))).toEqual([good]);
  });

  it("keeps the newest, at most CHANGES_LIMIT, within CHANGES_MAX_CHARS (a huge one is left out)", () => {
    const many = Array.from({ length: CHANGES_LIMIT + 10 }, (_, i) => change(i));
    const { json, kept } = serializeChanges(many);
    expect(kept).toHaveLength(CHANGES_LIMIT);
    expect(kept[0].id).toBe(`c${CHANGES_LIMIT + 9}`);
    expect(parseChanges(json)).toEqual(kept);
    const huge = change(99, { plan: { ...change(99).plan, preview: ["x".repeat(CHANGES_MAX_CHARS)] } });
    const out = serializeChanges([huge, change(1)]);
    expect(out.kept.map((c) => c.id)).toEqual(["c1"]);
    expect(out.json.length).toBeLessThan(CHANGES_MAX_CHARS);
  });

  it("are saved in the workbook, newest first, and another runtime on the same workbook sees them and can undo", async () => {
    const s = await seedSetup(SEED);
    const fixed = await s.host.applyFixes({ sheet: SHEET });
    const converted = await s.host.convertLayout(SHEET, "structured");
    expect(s.host.changes().map((c) => c.id)).toEqual([converted.id, fixed.id]);
    expect(parseChanges(s.state.savedSettings[CHANGES_KEY]).map((c) => c.id)).toEqual([converted.id, fixed.id]);
    const other = createExcelHost({ Excel: s.Excel, Office: s.Office });
    expect(other.changes().map((c) => c.id)).toEqual([converted.id, fixed.id]);
    await other.undo(converted.id);
    expect(s.host.changes()[0]).toMatchObject({ id: converted.id, undone: true });
    // The settings are kept apart from the changes.
    expect(s.host.loadSettings().profile).toBe("guangzhou");
  });

  it("an applied change is kept for the session when the workbook cannot save it", async () => {
    const s = await seedSetup(SEED);
    s.state.failNextSettingsSave = true;
    const change = await s.host.applyFixes({ sheet: SHEET });
    expect(s.state.savedSettings[CHANGES_KEY]).toBeUndefined();
    expect(s.host.changes().map((c) => c.id)).toEqual([change.id]);
    await s.host.undo(change.id);
    expect(s.host.changes()[0].undone).toBe(true);
  });

  it("an unknown change cannot be undone", async () => {
    const s = await seedSetup(SEED);
    const err = await rejection(s.host.undo("nope"));
    expect(err.code).toBe("stale");
  });
});

describe("conversion sheet names", () => {
  it("appends the layout, stays within 31 characters, and counts up past taken names", () => {
    expect(conversionSheetName("绩效目标表", "structured", [])).toBe("绩效目标表（明细）");
    expect(conversionSheetName("绩效目标表", "published", ["绩效目标表（发布）"])).toBe("绩效目标表（发布） (2)");
    const long = "很长的工作表名称".repeat(5);
    const name = conversionSheetName(long, "structured", []);
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name.endsWith("（明细）")).toBe(true);
  });
});
