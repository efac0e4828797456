/**
 * The picker's data: value drafts → the engine's value specs, templates → drafts, the verdict on a new
 * indicator (the engine's own findings about it), and the lines 全部修复 lists (the cell's real text around
 * each fix, before → after).
 */
import {
  applyEdits,
  getProfile,
  getTemplates,
  validateGrid,
  type Finding,
  type GridInput,
} from "../../src/core";
import { fixLines, visible } from "../../src/taskpane/fixes";
import {
  buildSpec,
  draftFromTemplate,
  draftProblem,
  valueSpec,
  verdictOn,
  type ValueDraft,
} from "../../src/taskpane/specs";
import { brokenSheet, seedSheet } from "./sheets";

const profile = getProfile("guangzhou");
const q = (over: Partial<ValueDraft>): ValueDraft => ({ mode: "quantitative", comparator: "=", number: "", unit: "", text: "", ...over });

test("drafts: numbers as typed, units trimmed, qualitative text, and what is missing", () => {
  expect(valueSpec(q({ comparator: "≥", number: " 95 ", unit: "% " }))).toEqual({ comparator: "≥", number: 95, unit: "%", text: null });
  expect(valueSpec(q({ comparator: "", number: "0.5", unit: "" }))).toEqual({ comparator: null, number: 0.5, unit: null, text: null });
  expect(valueSpec({ ...q({}), mode: "qualitative", comparator: "≤", text: "2025年12月" })).toEqual({
    comparator: "≤",
    number: null,
    unit: null,
    text: "2025年12月",
  });
  expect(draftProblem(q({ number: "" }))).toBe("numberMissing");
  expect(draftProblem(q({ number: "九十" }))).toBe("numberInvalid");
  expect(draftProblem(q({ number: "1e3" }))).toBe("numberInvalid");
  expect(draftProblem({ ...q({}), mode: "qualitative", text: " " })).toBe("textMissing");
  expect(valueSpec(q({ number: "abc" }))).toBeNull();
});

test("every template makes a draft that shows its comparator, value and unit", () => {
  for (const t of getTemplates()) {
    const d = draftFromTemplate(t);
    expect(d.mode).toBe(t.kind);
    expect(d.comparator).toBe(t.comparator);
    if (t.kind === "quantitative") expect([d.number, d.unit]).toEqual([t.value, t.unit]);
    else expect(d.text).toBe(t.value);
  }
});

test("buildSpec: categories by code with the profile's names; null while incomplete", () => {
  const period = q({ comparator: "≥", number: "90", unit: "%" });
  expect(buildSpec({ profile, l1: "3", l2: "31", name: " 群众 满意度 ", period, annual: period })).toEqual({
    seq: 0,
    l1: { code: "3", name: "满意度指标" },
    l2: { code: "31", name: "服务对象满意度指标" },
    name: "群众 满意度",
    period: { comparator: "≥", number: 90, unit: "%", text: null },
    annual: { comparator: "≥", number: 90, unit: "%", text: null },
  });
  expect(buildSpec({ profile, l1: "3", l2: null, name: "x", period, annual: period })).toBeNull();
  expect(buildSpec({ profile, l1: "3", l2: "11", name: "x", period, annual: period })).toBeNull(); // 11 is not under 3
  expect(buildSpec({ profile, l1: "3", l2: "31", name: "  ", period, annual: period })).toBeNull();
  expect(buildSpec({ profile, l1: "3", l2: "31", name: "x", period, annual: q({ number: "" }) })).toBeNull();
});

describe("verdict on a new indicator", () => {
  test("a catalogue template with its own value passes", () => {
    const t = getTemplates().find((x) => x.name === "服务对象满意度调查")!;
    const d = draftFromTemplate(t);
    const spec = buildSpec({ profile, l1: t.l1, l2: t.l2, name: t.name, period: d, annual: d })!;
    expect(verdictOn(spec, "guangzhou")).toEqual([]);
  });

  test("≥100% on a rate, and a satisfaction below the floor, are the engine's findings about that indicator", () => {
    const rate = buildSpec({
      profile,
      l1: "1",
      l2: "12",
      name: "验收合格率",
      period: q({ comparator: "≥", number: "100", unit: "%" }),
      annual: q({ comparator: "≥", number: "100", unit: "%" }),
    })!;
    const found = verdictOn(rate, "guangzhou");
    expect(found.map((f) => f.ruleId)).toContain("JX502");
    for (const f of found) {
      expect(["indicator", "value"]).toContain(f.category);
      expect(f.indicator).toBe(0);
    }
    const low = buildSpec({
      profile,
      l1: "3",
      l2: "31",
      name: "群众满意度",
      period: q({ comparator: "≥", number: "70", unit: "%" }),
      annual: q({ comparator: "≥", number: "70", unit: "%" }),
    })!;
    expect(verdictOn(low, "guangzhou").length).toBeGreaterThan(0);
    // The workbook's thresholds count: with a floor of 60, 70% is fine.
    expect(verdictOn(low, "guangzhou", { satisfactionFloor: 60 })).toEqual([]);
  });
});

describe("全部修复 lines", () => {
  function cellText(grid: GridInput, f: Finding): string {
    return String(grid.values[f.row - (grid.origin?.row ?? 0)][f.col - (grid.origin?.col ?? 0)]);
  }

  test.each(["halfwidth-punctuation", "lookalike-comparator", "numbering-gap"])(
    "%s: each line shows the cell's real text around the fix, before → after",
    async (variant) => {
      const grid = await brokenSheet(variant);
      const r = validateGrid(grid);
      if (!r.table) throw new Error("table expected");
      const lines = fixLines(r.findings, r.table);
      const fixable = r.findings.filter((f) => f.fix);
      expect(lines.map((l) => l.finding)).toEqual(fixable);
      for (const l of lines) {
        const f = l.finding;
        const text = cellText(grid, f);
        expect(l.cell).toBe(f.fix!.cell);
        expect(l.before).not.toBeNull();
        const strip = (s: string) => s.replace(/^…|…$/g, "");
        // The "before" stretch is in the cell as it is; the "after" stretch is in the text after this fix.
        expect(text).toContain(strip(l.before!));
        expect(applyEdits(text, [{ span: f.fix!.span, replacement: f.fix!.replacement }]).text).toContain(strip(l.after));
        expect(l.before).not.toBe(l.after);
      }
    },
  );

  test("a stored run (no table) shows the text after the fix only", () => {
    const grid = seedSheet();
    const r = validateGrid(grid);
    if (!r.table) throw new Error("table expected");
    const lines = fixLines(r.findings, null);
    expect(lines.length).toBe(r.findings.filter((f) => f.fix).length);
    for (const l of lines) {
      expect(l.before).toBeNull();
      expect(l.finding.fix!.text).toContain(l.after.replace(/^…|…$/g, ""));
    }
  });

  test("line breaks are made visible", () => {
    expect(visible("a\nb\r\nc")).toBe("a↵b↵c");
  });
});
