/**
 * Safe fixes and explicit suggestions as edit plans (issue 4), generic over Finding.fix / Finding.suggestions:
 * on every seed variant all safe fixes are applied, the fixed findings are gone, no other cell changed, and
 * undoing gives the grid back; fixes and suggestions that no longer match the sheet are refused as stale.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  a1, applyPlanToGrid, findingKey, planFixes, planSuggestion, revertPlanOnGrid,
} from "../../../src/core";
import type { CellValue, Finding, GridInput } from "../../../src/core";
import { SEEDS, loadGrid, check, tableOf, plan, planError } from "./helpers";

const manifest = JSON.parse(readFileSync(join(SEEDS, "variants.json"), "utf8")) as {
  clean: { file: string }[];
  variants: { file: string; expect: unknown }[];
};
/** Every workbook with a target table: the two clean seeds and the broken variants. */
const FILES = [
  ...manifest.clean.map((c) => c.file),
  ...manifest.variants.filter((v) => v.expect !== "no-table").map((v) => v.file),
];



function cellsOf(grid: GridInput): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  const or = grid.origin?.row ?? 0;
  const oc = grid.origin?.col ?? 0;
  grid.values.forEach((row, r) =>
    row?.forEach((value, c) => {
      if (value !== null && value !== undefined && value !== "") out.set(a1({ row: r + or, col: c + oc }), value);
    }),
  );
  return out;
}
function changedCells(a: GridInput, b: GridInput): string[] {
  const x = cellsOf(a);
  const y = cellsOf(b);
  const out = new Set<string>();
  for (const [k, v] of x) if (y.get(k) !== v) out.add(k);
  for (const k of y.keys()) if (!x.has(k)) out.add(k);
  return [...out].sort();
}
const triple = (f: Finding): string => `${f.ruleId}|${f.messageId}|${f.cell}`;
/** Multiset difference of finding triples. */
function minus(all: readonly string[], removed: readonly string[]): string[] {
  const left = [...all];
  for (const r of removed) {
    const i = left.indexOf(r);
    if (i >= 0) left.splice(i, 1);
  }
  return left.sort();
}

/** A finding with a fix, as a rule would report it (for the generic cases no rule produces). */
function fixFinding(cell: string, text: string, start: number, end: number, replacement: string, extra: Partial<Finding> = {}): Finding {
  const ref = { row: Number(cell.slice(1)) - 1, col: cell.charCodeAt(0) - 65 };
  return {
    ruleId: "JX999", ruleName: "test-rule", messageId: "m", category: "indicator", severity: "warning", sheet: "绩效目标表",
    cell, ...ref, span: { start, end }, message: `测试 ${cell}`, messageEn: `test ${cell}`,
    fix: { cell, span: { start, end }, replacement, text: text.slice(0, start) + replacement + text.slice(end) },
    ...extra,
  };
}

describe("findingKey", () => {
  it("is rule|message|cell|span", async () => {
    const r = check(await loadGrid("broken/halfwidth-punctuation.xlsx"));
    const keys = r.findings.map(findingKey);
    for (const f of r.findings) {
      expect(findingKey(f)).toBe(`${f.ruleId}|${f.messageId}|${f.cell}|${f.span ? `${f.span.start}-${f.span.end}` : "-"}`);
    }
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain("JX403|halfwidth|G9|76-77");
  });
});

describe("all safe fixes on every seed workbook", () => {
  it.each(FILES)("%s", async (file) => {
    const grid = await loadGrid(file);
    const before = check(grid);
    const fixable = before.findings.filter((f) => f.fix);
    const result = planFixes(before.table, grid, before.findings);
    if (fixable.length === 0) {
      expect(planError(result)).toMatchObject({ error: "nothingToFix" });
      expect(planError(result).message).toContain(before.table.sheet);
      return;
    }
    const p = plan(result);
    expect(p.kind).toBe("fix");
    expect(p.sheet).toBe(before.table.sheet);
    expect(p.fixes?.map(findingKey).sort()).toEqual(fixable.map(findingKey).sort());
    // One edit per cell, its before the cell's current value, its after every fix of the cell applied.
    const cells = p.edits.map((e) => e.cell);
    expect(new Set(cells).size).toBe(cells.length);
    expect(cells.sort()).toEqual([...new Set(fixable.map((f) => f.fix!.cell))].sort());
    for (const e of p.edits) {
      expect(e.before).toBe(grid.values[e.row][e.col]);
      expect(e.after).not.toBe(e.before);
    }
    expect(p.preview).toHaveLength(p.edits.length);
    p.edits.forEach((e, i) => expect(p.preview[i].startsWith(`${e.cell}：`)).toBe(true));

    const fixed = applyPlanToGrid(grid, p);
    // Only the fixed cells changed; merged areas as they were.
    expect(changedCells(grid, fixed)).toEqual(cells.sort());
    expect(fixed.merges).toEqual(grid.merges);
    // The fixed findings are gone and nothing else appeared or went away.
    const after = check(fixed);
    expect(after.findings.map(triple).sort()).toEqual(minus(before.findings.map(triple), p.fixes!.map(triple)));
    expect(after.findings.filter((f) => f.fix)).toEqual([]);
    // The old findings' fixes no longer apply to the fixed sheet; and undoing gives the grid back.
    expect(planError(planFixes(after.table, fixed, fixable)).error).toBe("stale");
    expect(revertPlanOnGrid(fixed, p)).toEqual(grid);
  });
});

describe("planFixes, generically", () => {
  it("groups several fixes of one cell into one edit, against the cell's current text", async () => {
    const grid = await loadGrid("broken/halfwidth-punctuation.xlsx");
    const r = check(grid);
    const g9 = r.findings.filter((f) => f.cell === "G9" && f.fix);
    expect(g9.length).toBe(2);
    const p = plan(planFixes(r.table, grid, g9));
    expect(p.edits).toHaveLength(1);
    const text = grid.values[8][6] as string;
    expect(p.edits[0]).toMatchObject({ row: 8, col: 6, cell: "G9", before: text });
    const expected = text.slice(0, 76) + "；" + text.slice(77, 94) + ":" + text.slice(95);
    expect(p.edits[0].after).toBe(expected);
    expect(p.label.zh).toContain("2");
    expect(p.preview[0]).toMatch(/^G9：….*;.*：.* → ….*；.*:.*$/);
    expect(p.preview[0].length).toBeLessThan(text.length);
  });

  it("fixes one finding alone, labelled with its message", async () => {
    const grid = await loadGrid("broken/lookalike-comparator.xlsx");
    const r = check(grid);
    const f = r.findings.find((x) => x.ruleId === "JX403")!;
    const p = plan(planFixes(r.table, grid, [f]));
    expect(p.fixes).toEqual([f]);
    expect(p.label.zh).toContain(f.message);
    expect(p.label.en).toContain(f.messageEn);
    expect(p.edits).toEqual([{ row: 8, col: 6, cell: "G9", before: grid.values[8][6], after: f.fix!.text }]);
  });

  it("leaves out a fix that no longer matches the cell and keeps the others", async () => {
    const grid = await loadGrid("broken/halfwidth-punctuation.xlsx");
    const r = check(grid);
    const fixable = r.findings.filter((f) => f.fix);
    // The user retyped G7 since the check: its fix is stale, G9's still apply.
    grid.values[6][6] = (grid.values[6][6] as string).replace("专家评审通过率", "专家评审合格率");
    const p = plan(planFixes(r.table, grid, fixable));
    expect(p.edits.map((e) => e.cell)).toEqual(["G9"]);
    expect(p.fixes!.map((f) => f.cell)).toEqual(["G9", "G9"]);
  });

  it("takes the first of two overlapping fixes and shares one edit between findings asking for the same", async () => {
    const grid = await loadGrid("guangzhou-land-planning-2024.xlsx");
    const table = tableOf(grid);
    const text = grid.values[5][6] as string;
    const a = fixFinding("G6", text, 0, 2, "１、");
    const b = fixFinding("G6", text, 1, 3, "X", { messageId: "n" });
    const c = fixFinding("G6", text, 0, 2, "１、", { ruleId: "JX998" });
    const p = plan(planFixes(table, grid, [a, b, c]));
    expect(p.edits).toHaveLength(1);
    expect(p.edits[0].after).toBe("１、" + text.slice(2));
    expect(p.fixes).toEqual([a, c]);
  });

  it("keeps a number a number (a 序号 cell) and ignores findings of other sheets", async () => {
    const grid: GridInput = {
      sheet: "绩效目标表",
      values: [
        ["项目名称", "总计", "财政拨款", "绩效目标", "序号", "一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值"],
        ["    甲项目", 10, 10, "完成。", 1, "1-产出指标", "11-数量指标", "培训人次", "≥200人次", "≥200人次"],
        [null, null, null, null, 3, "3-满意度指标", "31-服务对象满意度", "参训人员满意度", "≥90%", "≥90%"],
      ],
      merges: [0, 1, 2, 3].map((c) => ({ top: 1, left: c, bottom: 2, right: c })),
    };
    const r = check(grid);
    const seq = r.findings.find((f) => f.ruleId === "JX304");
    expect(seq?.fix).toMatchObject({ cell: "E3", text: "2" });
    const elsewhere = { ...fixFinding("I2", "≥200人次", 0, 1, ">"), sheet: "另一个表" };
    const p = plan(planFixes(r.table, grid, [seq!, elsewhere]));
    expect(p.edits).toEqual([{ row: 2, col: 4, cell: "E3", before: 3, after: 2 }]);
    expect(p.preview).toEqual(["E3：3 → 2"]);
    expect(check(applyPlanToGrid(grid, p)).findings.filter((f) => f.ruleId === "JX304")).toEqual([]);
  });

  it("refuses a fix of a cell inside another cell's merged area", async () => {
    const grid = await loadGrid("guangzhou-land-planning-2024.xlsx");
    const table = tableOf(grid);
    grid.merges = [...grid.merges!, { top: 5, left: 5, bottom: 5, right: 6 }];
    const e = planError(planFixes(table, grid, [fixFinding("G6", grid.values[5][6] as string, 0, 2, "１、")]));
    expect(e).toMatchObject({ error: "stale", cell: "G6" });
    expect(e.message).toContain("绩效目标表");
  });

  it("says nothingToFix when no finding offers a fix", async () => {
    const grid = await loadGrid("broken/total-off-by-0.01.xlsx");
    const r = check(grid);
    const e = planError(planFixes(r.table, grid, r.findings.filter((f) => !f.fix)));
    expect(e.error).toBe("nothingToFix");
    expect(e.message).toContain("绩效目标表");
    expect(planError(planFixes(r.table, grid, [])).error).toBe("nothingToFix");
  });
});

describe("planSuggestion", () => {
  it("plans the rule's 'set 总计 to the sum' on total-off-by-0.01.xlsx, which clears the mismatch", async () => {
    const grid = await loadGrid("broken/total-off-by-0.01.xlsx");
    const r = check(grid);
    const f = r.findings.find((x) => x.ruleId === "JX101" && x.cell === "B6")!;
    expect(f.fix).toBeUndefined();
    const s = f.suggestions?.[0];
    expect(s?.edits).toEqual([expect.objectContaining({ cell: "B6", before: 35.09, after: 35.08 })]);
    const p = plan(planSuggestion(grid, f, s!.id));
    expect(p).toMatchObject({ kind: "suggestion", sheet: "绩效目标表", label: { zh: s!.message, en: s!.messageEn }, fixes: [f] });
    expect(p.edits).toEqual(s!.edits);
    expect(p.preview).toEqual(["B6：35.09 → 35.08"]);
    const fixed = applyPlanToGrid(grid, p);
    expect(changedCells(grid, fixed)).toEqual(["B6"]);
    const after = check(fixed);
    expect(after.findings.filter((x) => x.ruleId === "JX101" || x.ruleId === "JX102")).toEqual([]);
    expect(revertPlanOnGrid(fixed, p)).toEqual(grid);
  });

  it("is stale when a cell no longer holds the suggestion's before, or the finding no longer offers it", async () => {
    const grid = await loadGrid("broken/total-off-by-0.01.xlsx");
    const r = check(grid);
    const f = r.findings.find((x) => x.ruleId === "JX101" && x.cell === "B6")!;
    const id = f.suggestions![0].id;
    const changed = structuredClone(grid);
    changed.values[5][1] = 35.1;
    const e = planError(planSuggestion(changed, f, id));
    expect(e).toMatchObject({ error: "stale", cell: "B6" });
    expect(e.message).toContain("绩效目标表");
    expect(e.message).toContain("35.1");
    expect(e.messageEn).toContain("B6");
    expect(planError(planSuggestion(grid, f, "no-such-choice")).error).toBe("stale");
    expect(planError(planSuggestion(grid, { ...f, suggestions: undefined }, id)).error).toBe("stale");
    expect(planError(planSuggestion({ ...grid, sheet: "另一个表" }, f, id)).error).toBe("stale");
  });

  it("works from Finding.suggestions alone: several cells, blank cells, the before checked against the grid", async () => {
    const grid = await loadGrid("guangzhou-land-planning-2024.xlsx");
    const f: Finding = {
      ...fixFinding("D6", "", 0, 0, ""), fix: undefined,
      suggestions: [{
        id: "fill", message: "填写", messageEn: "fill in",
        edits: [
          { row: 5, col: 3, cell: "D6", before: null, after: 0 },
          { row: 5, col: 1, cell: "B6", before: 35.08, after: 35.08 },
          { row: 5, col: 7, cell: "H6", before: null, after: "备注" },
        ],
      }],
    };
    const p = plan(planSuggestion(grid, f, "fill"));
    expect(p.preview).toEqual(["D6：（空） → 0", "B6：35.08 → 35.08", "H6：（空） → 备注"]);
    const applied = applyPlanToGrid(grid, p);
    expect(applied.values[5][3]).toBe(0);
    expect(applied.values[5][7]).toBe("备注");
    expect(revertPlanOnGrid(applied, p)).toEqual(grid);
    const stale = planError(planSuggestion(applied, f, "fill"));
    expect(stale).toMatchObject({ error: "stale", cell: "D6" });
  });
});
