/**
 * The exceljs applier of edit plans (src/cli/apply.ts) on the real seed workbooks: insertion with merged cells
 * below, styles and notes kept, stale and unsafe plans refused with the workbook left as it was.
 */
import * as path from "node:path";
import ExcelJS from "exceljs";
import { ApplyError, applyPlanToWorkbook, sameValue, sheetMerges, uniqueSheetName } from "../../src/cli/apply";
import { defaultSeedPath } from "../../src/cli/main";
import { worksheetToGrid } from "../../src/cli/xlsx-reader";
import { buildTable, isPlanError, planInsertion, validateGrid } from "../../src/core/index";
import type { EditPlan } from "../../src/core/edits";
import type { Table } from "../../src/core/types";
import { removeDir, tempDir } from "./cli-helpers";

const SHEET = "绩效目标表";
const SEEDS = path.dirname(defaultSeedPath());
const STRUCTURED = path.join(SEEDS, "guangzhou-land-planning-2024-structured.xlsx");
const PUBLISHED = defaultSeedPath();

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every cell of a sheet with its value and style, and its merges: to prove a refused plan changed nothing. */
function snapshot(ws: ExcelJS.Worksheet): string {
  const cells: string[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) =>
    row.eachCell({ includeEmpty: true }, (c, col) => cells.push(`${r}:${col}=${JSON.stringify(c.value)}|${JSON.stringify(c.style)}|${JSON.stringify(c.note ?? null)}`)),
  );
  return JSON.stringify({ cells, merges: sheetMerges(ws), rows: ws.rowCount });
}

function tableOf(ws: ExcelJS.Worksheet): Table {
  const built = buildTable(worksheetToGrid(ws).grid);
  if (!built.table) throw new Error(built.message);
  return built.table;
}

function plan(p: Partial<EditPlan> & Pick<EditPlan, "edits">): EditPlan {
  return { kind: "fix", sheet: SHEET, label: { zh: "测试", en: "test" }, preview: [], ...p };
}

let dir: string;
beforeAll(() => {
  dir = tempDir("jixiao-apply-");
});
afterAll(() => removeDir(dir));

describe("writing cells", () => {
  it("writes each edit after checking `before`, keeping the cell's style, and reports what it wrote", async () => {
    const wb = await load(PUBLISHED);
    const ws = wb.getWorksheet(SHEET)!;
    const before = ws.getCell("G7").value as string;
    const style = JSON.stringify(ws.getCell("G7").style);
    const after = before.replace("00-专家评审通过率", "专家评审通过率");
    const done = applyPlanToWorkbook(wb, plan({ edits: [{ row: 6, col: 6, cell: "G7", before, after }] }));
    expect(done.edits).toEqual([{ row: 6, col: 6, cell: "G7", before, after }]);
    expect(ws.getCell("G7").value).toBe(after);
    expect(JSON.stringify(ws.getCell("G7").style)).toBe(style);
  });

  it("refuses a stale plan naming the sheet and cell, and changes nothing (not even the edits before it)", async () => {
    const wb = await load(PUBLISHED);
    const ws = wb.getWorksheet(SHEET)!;
    const snap = snapshot(ws);
    const g6 = ws.getCell("G6").value as string;
    const stale = plan({
      edits: [
        { row: 5, col: 6, cell: "G6", before: g6, after: "改过的" },
        { row: 6, col: 6, cell: "G7", before: "已经不是这段文字", after: "x" },
      ],
    });
    let err: unknown;
    try {
      applyPlanToWorkbook(wb, stale);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ApplyError);
    const e = err as ApplyError;
    expect(e.code).toBe("stale");
    expect(e.cell).toBe("G7");
    expect(e.message).toContain("工作表“绩效目标表”的单元格 G7");
    expect(e.messageEn).toContain('cell G7 of sheet "绩效目标表"');
    expect(snapshot(ws)).toBe(snap);
  });

  it("keeps a number a number when the new text is a plain number (a renumbered 序号)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(SHEET);
    ws.getCell("B2").value = 3;
    applyPlanToWorkbook(wb, plan({ edits: [{ row: 1, col: 1, cell: "B2", before: "3", after: "4" }] }));
    expect(ws.getCell("B2").value).toBe(4);
  });

  it("refuses to overwrite a formula and to write into the hidden part of a merged area", async () => {
    const wb = await load(STRUCTURED);
    const ws = wb.getWorksheet(SHEET)!;
    ws.getCell("B4").value = { formula: "B5", result: 333.81 } as ExcelJS.CellFormulaValue;
    const snap = snapshot(ws);
    expect(() => applyPlanToWorkbook(wb, plan({ edits: [{ row: 3, col: 1, cell: "B4", before: 333.81, after: 1 }] }))).toThrow(
      /B4 含有公式/,
    );
    // A7 is a hidden cell of the merged A6:A9 (the first project's name).
    let err: ApplyError | null = null;
    try {
      applyPlanToWorkbook(wb, plan({ edits: [{ row: 6, col: 0, cell: "A7", before: null, after: "x" }] }));
    } catch (e) {
      err = e as ApplyError;
    }
    expect(err?.code).toBe("merged");
    expect(err?.message).toContain("A6:A9");
    expect(snapshot(ws)).toBe(snap);
  });

  it("compares values the way the planners read them", () => {
    expect(sameValue(null, "")).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue(" ", null)).toBe(false);
    expect(sameValue(3, "3")).toBe(true);
    expect(sameValue(35.08, 35.08)).toBe(true);
    expect(sameValue(35.08, 35.09)).toBe(false);
    expect(sameValue(true, "TRUE")).toBe(false);
    expect(sameValue(new Date(0), new Date(0))).toBe(true);
  });
});

describe("inserting rows (structured layout)", () => {
  const spec = {
    seq: 0,
    l1: { code: "1", name: "产出指标" },
    l2: { code: "11", name: "数量指标" },
    name: "规划成果数量",
    period: { comparator: "≥" as const, number: 2, unit: "项", text: null },
    annual: { comparator: "≥" as const, number: 1, unit: "项", text: null },
  };

  it("performs the engine's insertion plan: merges below move, the project's merges grow, styles and notes are kept", async () => {
    const wb = await load(STRUCTURED);
    const ws = wb.getWorksheet(SHEET)!;
    // The second project spans rows 10–13; the third starts on row 14 (A14:A17 merged…).
    ws.getCell("I15").note = "备注：第三个项目的第二个指标";
    const movedStyle = JSON.stringify(ws.getCell("J15").style);
    const aboveStyle = JSON.stringify(ws.getCell("I13").style);
    const grid = worksheetToGrid(ws).grid;
    const table = tableOf(ws);
    const p = planInsertion(table, grid, 9, [spec]);
    if (isPlanError(p)) throw new Error(p.message);
    expect(p.rowInsert).toEqual({ at: 13, count: 1 });

    const done = applyPlanToWorkbook(wb, p);
    expect(done.insertedRows).toBe(1);

    const file = path.join(dir, "inserted.xlsx");
    await wb.xlsx.writeFile(file);
    const back = (await load(file)).getWorksheet(SHEET)!;
    const merges = sheetMerges(back).map((m) => `${m.left}:${m.top + 1}-${m.bottom + 1}`);
    for (let c = 0; c <= 5; c++) {
      expect(merges).toContain(`${c}:6-9`); // above: unchanged
      expect(merges).toContain(`${c}:10-14`); // the project's: grown over the new row
      expect(merges).toContain(`${c}:15-18`); // below: moved down
      expect(merges).toContain(`${c}:23-26`);
    }
    expect(merges).toContain("0:1-1"); // the title
    expect(back.getCell("A15").value).toBe("    市土规中心2023-2024年信息化运维项目");
    expect(back.getCell("I14").value).toBe("规划成果数量");
    expect(back.getCell("J14").value).toBe("≥2项");
    expect(JSON.stringify(back.getCell("J16").style)).toBe(movedStyle);
    expect(JSON.stringify(back.getCell("I14").style)).toBe(aboveStyle);
    expect(back.getCell("I16").note).toBe("备注：第三个项目的第二个指标");
    expect(back.getCell("I15").note).toBeUndefined();

    // The engine reads the new indicator as the project's fifth; every other project is as before.
    const after = tableOf(back);
    expect(after.projects.map((x) => x.indicators.length)).toEqual([4, 5, 4, 4, 4]);
    expect(after.projects[1].indicators[4].name?.text).toBe("规划成果数量");
    const checked = validateGrid(worksheetToGrid(back).grid);
    if (!checked.table) throw new Error(checked.message);
    const findings = checked.findings.map((f) => `${f.ruleId} ${f.cell}`);
    expect(findings).toEqual(["JX203 A10", "JX401 I10", "JX501 J17", "JX501 J25"]);
  });

  it("refuses an insertion whose shifted rows a formula refers to, changing nothing", async () => {
    const wb = await load(STRUCTURED);
    const ws = wb.getWorksheet(SHEET)!;
    ws.getCell("B4").value = { formula: "B5", result: 333.81 } as ExcelJS.CellFormulaValue; // above: harmless
    ws.getCell("B5").value = { formula: "B6+B10+B14+B18+B22", result: 333.81 } as ExcelJS.CellFormulaValue;
    const snap = snapshot(ws);
    const table = tableOf(ws);
    const p = planInsertion(table, worksheetToGrid(ws).grid, 9, [spec]);
    if (isPlanError(p)) throw new Error(p.message);
    expect(() => applyPlanToWorkbook(wb, p)).toThrow(/B5 含有公式/);
    expect(snapshot(ws)).toBe(snap);
  });
});

describe("merges and new sheets", () => {
  it("refuses a merge that partly overlaps a merged area or would hide a value", async () => {
    const wb = await load(STRUCTURED);
    const ws = wb.getWorksheet(SHEET)!;
    const snap = snapshot(ws);
    expect(() => applyPlanToWorkbook(wb, plan({ edits: [], merges: [{ top: 7, left: 0, bottom: 10, right: 0 }] }))).toThrow(
      /部分重叠/,
    );
    expect(() => applyPlanToWorkbook(wb, plan({ edits: [], merges: [{ top: 5, left: 6, bottom: 6, right: 6 }] }))).toThrow(
      /会隐藏工作表“绩效目标表”单元格 G7 的内容/,
    );
    expect(snapshot(ws)).toBe(snap);
  });

  it("a merge containing merged areas replaces them, keeping every cell's style", async () => {
    const wb = await load(STRUCTURED);
    const ws = wb.getWorksheet(SHEET)!;
    const styles = [6, 7, 8, 9].map((r) => JSON.stringify(ws.getCell(`A${r}`).style));
    ws.getCell("A10").value = null; // make room: merge A6:A13 over the first two projects' name cells
    ws.unMergeCells("A10:A13");
    applyPlanToWorkbook(wb, plan({ edits: [{ row: 9, col: 0, cell: "A10", before: null, after: null }], merges: [{ top: 5, left: 0, bottom: 12, right: 0 }] }));
    expect(sheetMerges(ws).filter((m) => m.left === 0 && m.top === 5)).toEqual([{ top: 5, left: 0, bottom: 12, right: 0 }]);
    expect([6, 7, 8, 9].map((r) => JSON.stringify(ws.getCell(`A${r}`).style))).toEqual(styles);
  });

  it("creates a sheet with values, merges and number formats, and refuses a name already taken", async () => {
    const wb = await load(PUBLISHED);
    const p: EditPlan = {
      kind: "convert",
      sheet: "新表",
      label: { zh: "转换", en: "convert" },
      preview: [],
      createSheet: true,
      edits: [
        { row: 0, col: 0, cell: "A1", before: null, after: "标题" },
        { row: 1, col: 1, cell: "B2", before: null, after: 35.08 },
      ],
      merges: [{ top: 0, left: 0, bottom: 0, right: 3 }],
      numberFormats: [{ row: 1, col: 1, format: "0.00" }],
    };
    const done = applyPlanToWorkbook(wb, p);
    expect(done.createdSheet).toBe(true);
    const ws = wb.getWorksheet("新表")!;
    expect(ws.getCell("A1").value).toBe("标题");
    expect(ws.getCell("B2").value).toBe(35.08);
    expect(ws.getCell("B2").numFmt).toBe("0.00");
    expect(sheetMerges(ws)).toEqual([{ top: 0, left: 0, bottom: 0, right: 3 }]);
    expect(() => applyPlanToWorkbook(wb, p)).toThrow(/已有工作表“新表”/);
    expect(() => applyPlanToWorkbook(wb, { ...p, createSheet: false, sheet: "没有这张表" })).toThrow(/没有工作表“没有这张表”/);
  });

  it("finds a unique sheet name of at most 31 characters, keeping the suffix", async () => {
    const wb = await load(PUBLISHED);
    expect(uniqueSheetName(wb, SHEET, "（明细）")).toBe("绩效目标表（明细）");
    wb.addWorksheet("绩效目标表（明细）");
    expect(uniqueSheetName(wb, SHEET, "（明细）")).toBe("绩效目标表（明细） (2)");
    const long = uniqueSheetName(wb, "广州市土地利用规划编制中心2024年项目支出绩效目标表", "（发布）");
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long.endsWith("（发布）")).toBe(true);
    expect(uniqueSheetName(wb, "a/b:c", "")).toBe("a_b_c");
  });
});
