/**
 * The pure applier of edit plans and its undo: row insertion shifts rows, formats and merged areas the way
 * Excel does, merges extend existing areas, a stale cell is refused, the input is never changed, and undoing
 * gives the original grid exactly.
 */
import { applyPlanToGrid, checkPlanOnGrid, checkRevertOnGrid, PlanConflictError, revertPlanOnGrid } from "../../../src/core";
import type { EditPlan, GridInput } from "../../../src/core";

function deepFreeze<T>(x: T): T {
  if (x && typeof x === "object") {
    for (const v of Object.values(x as object)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}

/** A small sheet: rows 0–5, a project A2:A4 merged, a title merged A1:C1, a footnote merged A6:C6. */
function sheet(): GridInput {
  return {
    sheet: "表1",
    values: [
      ["标题"],
      ["甲", "a1", "b1"],
      [null, "a2", "b2"],
      [null, "a3"],
      ["乙", "x", "y"],
      ["注：说明"],
    ],
    merges: [
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 1, left: 0, bottom: 3, right: 0 },
      { top: 2, left: 2, bottom: 4, right: 2 }, // straddles the insertion point below
      { top: 5, left: 0, bottom: 5, right: 2 },
    ],
    indents: [[], [1], [], [], [1], []],
    numberFormats: [[], [null, "@"], [], [], [null, "0.00"], []],
  };
}

const insertPlan: EditPlan = {
  kind: "insert",
  sheet: "表1",
  label: { zh: "插入", en: "insert" },
  rowInsert: { at: 4, count: 2 },
  edits: [
    { row: 4, col: 1, cell: "B5", before: null, after: "new1" },
    { row: 5, col: 1, cell: "B6", before: null, after: "new2" },
    { row: 3, col: 2, cell: "C4", before: null, after: "c3" },
    { row: 6, col: 3, cell: "D7", before: null, after: "d" },
  ],
  merges: [{ top: 1, left: 0, bottom: 5, right: 0 }],
  preview: ["new1", "new2"],
};

describe("applyPlanToGrid", () => {
  it("inserts rows, shifts what is below, writes the edits and extends the merged area", () => {
    const grid = deepFreeze(sheet());
    const out = applyPlanToGrid(grid, insertPlan);
    expect(out.values).toEqual([
      ["标题"],
      ["甲", "a1", "b1"],
      [null, "a2", "b2"],
      [null, "a3", "c3"],
      [undefined, "new1"],
      [undefined, "new2"],
      ["乙", "x", "y", "d"],
      ["注：说明"],
    ]);
    expect(out.merges).toEqual([
      { top: 0, left: 0, bottom: 0, right: 2 },
      { top: 1, left: 0, bottom: 5, right: 0 }, // replaced by the plan's area, in place
      { top: 2, left: 2, bottom: 6, right: 2 }, // the insertion fell inside: it grows
      { top: 7, left: 0, bottom: 7, right: 2 }, // below: moves down
    ]);
    expect(out.indents).toEqual([[], [1], [], [], [], [], [1], []]);
    expect(out.numberFormats).toEqual([[], [null, "@"], [], [], [], [], [null, "0.00"], []]);
    // The input is not changed (it is frozen: a write would have thrown).
    expect(grid).toEqual(sheet());
  });

  it("reverts to the original grid exactly", () => {
    const grid = sheet();
    const out = applyPlanToGrid(grid, insertPlan);
    expect(checkRevertOnGrid(out, insertPlan)).toBeNull();
    expect(revertPlanOnGrid(deepFreeze(out), insertPlan)).toEqual(grid);
  });

  it("honours the grid's origin (sheet coordinates in the plan)", () => {
    const grid: GridInput = { sheet: "表1", origin: { row: 10, col: 2 }, values: [["x", "y"], ["z"]] };
    const p: EditPlan = {
      kind: "fix", sheet: "表1", label: { zh: "", en: "" }, preview: [],
      edits: [{ row: 11, col: 3, cell: "D12", before: null, after: "w" }, { row: 10, col: 2, cell: "C11", before: "x", after: "X" }],
    };
    const out = applyPlanToGrid(grid, p);
    expect(out.values).toEqual([["X", "y"], ["z", "w"]]);
    expect(revertPlanOnGrid(out, p)).toEqual(grid);
    const outside: EditPlan = { ...p, edits: [{ row: 2, col: 0, cell: "A3", before: null, after: 1 }] };
    expect(() => applyPlanToGrid(grid, outside)).toThrow(/A3/);
  });

  it("refuses a cell that no longer holds the plan's before, naming it", () => {
    const grid = sheet();
    const p: EditPlan = {
      kind: "fix", sheet: "表1", label: { zh: "", en: "" }, preview: [],
      edits: [{ row: 4, col: 1, cell: "B5", before: "X", after: "Y" }],
    };
    const err = checkPlanOnGrid(grid, p);
    expect(err).toMatchObject({ error: "stale", cell: "B5" });
    expect(err?.message).toContain("表1");
    let thrown: unknown;
    try {
      applyPlanToGrid(grid, p);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(PlanConflictError);
    expect((thrown as PlanConflictError).detail.cell).toBe("B5");
    // The cells of the rows a plan inserts are not checked against the old grid.
    expect(checkPlanOnGrid(grid, insertPlan)).toBeNull();
  });

  it("creates a sheet from nothing for a createSheet plan, with number formats", () => {
    const p: EditPlan = {
      kind: "convert", sheet: "新表", label: { zh: "", en: "" }, preview: [], createSheet: true,
      edits: [{ row: 0, col: 0, cell: "A1", before: null, after: "标题" }, { row: 2, col: 1, cell: "B3", before: null, after: 1.5 }],
      merges: [{ top: 0, left: 0, bottom: 0, right: 3 }],
      numberFormats: [{ row: 2, col: 1, format: "0.00" }],
    };
    const out = applyPlanToGrid(sheet(), p);
    expect(out).toEqual({
      sheet: "新表", origin: { row: 0, col: 0 }, values: [["标题"], [], [undefined, 1.5]],
      merges: [{ top: 0, left: 0, bottom: 0, right: 3 }], numberFormats: [[], [], [undefined, "0.00"]],
    });
  });
});

describe("revertPlanOnGrid", () => {
  it("refuses when an edited cell changed since, or the inserted rows hold something else", () => {
    const out = applyPlanToGrid(sheet(), insertPlan);
    const edited = structuredClone(out);
    edited.values[3][2] = "someone else";
    expect(checkRevertOnGrid(edited, insertPlan)).toMatchObject({ error: "stale", cell: "C4" });
    expect(() => revertPlanOnGrid(edited, insertPlan)).toThrow(PlanConflictError);
    const added = structuredClone(out);
    added.values[5][4] = "typed into a new row";
    expect(checkRevertOnGrid(added, insertPlan)).toMatchObject({ error: "stale", cell: "E6" });
  });

  it("writes every before back, a cell filled past the end of its row removed again", () => {
    const grid = sheet();
    const p: EditPlan = {
      kind: "suggestion", sheet: "表1", label: { zh: "", en: "" }, preview: [],
      edits: [
        { row: 3, col: 4, cell: "E4", before: null, after: 5 },
        { row: 3, col: 3, cell: "D4", before: null, after: 4 },
        { row: 1, col: 1, cell: "B2", before: "a1", after: "A1" },
      ],
    };
    const out = applyPlanToGrid(grid, p);
    expect(out.values[3]).toEqual([null, "a3", undefined, 4, 5]);
    expect(out.values[1]).toEqual(["甲", "A1", "b1"]);
    expect(revertPlanOnGrid(out, p)).toEqual(grid);
  });
});
