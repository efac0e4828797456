/**
 * Promises of the engine as a whole, on the seed and on random damage done to it: validating never changes the
 * grid it is given, gives the same findings every time, points only at cells of the sheet, and fills every message.
 */
import fc from "fast-check";
import seed from "../../seeds/guangzhou-land-planning-2024.json";
import { validateGrid } from "../../src/core/engine";
import type { CellValue, Finding, GridInput } from "../../src/core/types";
import { oneUnit, publishedGrid, seedGrid, structuredGrid, type SeedTable } from "../helpers/grids";

function findingsOf(grid: GridInput): Finding[] {
  const r = validateGrid(grid);
  if (!r.table) throw new Error(r.message);
  return r.findings;
}

function checkPromises(grid: GridInput): void {
  const before = JSON.stringify(grid);
  const first = validateGrid(grid);
  expect(JSON.stringify(grid)).toBe(before); // nothing written into the grid
  if (!first.table) return; // a damaged header may leave no table: then there is a message
  const second = validateGrid(grid);
  if (!second.table) throw new Error("the second run found no table");
  expect(JSON.stringify(second.findings)).toBe(JSON.stringify(first.findings));
  const rows = grid.values.length;
  const cols = Math.max(...grid.values.map((r) => r.length));
  for (const f of first.findings) {
    expect(f.row).toBeGreaterThanOrEqual(0);
    expect(f.col).toBeGreaterThanOrEqual(0);
    expect(f.row).toBeLessThan(rows);
    expect(f.col).toBeLessThan(cols);
    expect(f.message).not.toMatch(/\{\w+\}|undefined|NaN/);
    expect(f.messageEn).not.toMatch(/\{\w+\}|undefined|NaN/);
    if (f.span) {
      const text = String(grid.values[f.row]?.[f.col] ?? "");
      expect(f.span.start).toBeGreaterThanOrEqual(0);
      expect(f.span.end).toBeLessThanOrEqual(text.length);
      expect(f.span.start).toBeLessThanOrEqual(f.span.end);
    }
  }
}

const seedTable = seed as SeedTable;

describe("validateGrid keeps its promises", () => {
  it("on the seed in both layouts", () => {
    checkPromises(seedGrid(seedTable));
    checkPromises(structuredGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙", total: 12.345 }])));
    expect(findingsOf(seedGrid(seedTable)).length).toBe(4);
  });

  it("on the seed with random cells replaced by random values (numbers, text, errors, blanks)", () => {
    const base = seedGrid(seedTable);
    const value: fc.Arbitrary<CellValue> = fc.oneof(
      fc.constant(null),
      fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
      // No braces or Latin letters: a message may quote the cell, and the check below looks for "{x}", "undefined", "NaN".
      fc.string({ maxLength: 40, unit: fc.constantFrom(..."0123456789 .%-、；;:：。≥≤=<>人次个项目指标率满意度产出效益\n") }),
      fc.constantFrom("#REF!", "#VALUE!", "35.08", "１２．５", "¥1,234.00", "    嵌套项目", "合计", "≥120%", "1、2-产出指标；"),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(base.values.length - 1), fc.nat(6), value), { minLength: 1, maxLength: 8 }), (edits) => {
        const grid: GridInput = { ...base, values: base.values.map((r) => [...r]) };
        for (const [r, c, v] of edits) grid.values[r][c] = v;
        checkPromises(grid);
      }),
      { numRuns: 150 },
    );
  });

  it("on 绩效指标 cells cut, doubled or shuffled at random", () => {
    const text = seedTable.rows[2].indicators;
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(text.length), fc.boolean(), (a, b, twice) => {
        const [i, j] = a <= b ? [a, b] : [b, a];
        const damaged = text.slice(0, i) + (twice ? text.slice(i, j).repeat(2) : "") + text.slice(j);
        checkPromises(publishedGrid(oneUnit([{ name: "项目甲", indicators: damaged }])));
      }),
      { numRuns: 150 },
    );
  });
});
