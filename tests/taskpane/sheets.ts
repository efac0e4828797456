/** Sheets for the task pane's tests (no DOM needed). */
import seed from "../../seeds/guangzhou-land-planning-2024.json";
import { join } from "path";
import { readWorkbook } from "../../src/cli/xlsx-reader";
import { findHeader, validateGrid, type GridInput, type ValidateOptions, type ValidationResult } from "../../src/core";
import { GOOD_INDICATORS, oneUnit, publishedGrid, seedGrid, type SeedTable } from "../helpers/grids";

export const SEED_SHEET = "绩效目标表";

/** The seed table as published, on a sheet with the given name. */
export function seedSheet(name = SEED_SHEET): GridInput {
  return { ...seedGrid(seed as SeedTable), sheet: name };
}

/** Errors, warnings and infos, a finding with no project (a nameless row) and several indicators. */
export function mixedSheet(name = "混合"): GridInput {
  const g = publishedGrid(
    oneUnit(
      [
        { name: "项目甲", total: 12, fiscal: 10 },
        { name: "项目乙", indicators: GOOD_INDICATORS.replace("≥80%", "≥70%").replace("；", ";") },
        { name: "项目丙" },
      ],
      { sheet: name },
    ),
  );
  g.values.push([null, 5, 5, null, null, "目标", "指标"]);
  return g;
}

/** The engine's result for a grid (a table is expected). */
export function engineResult(grid: GridInput, options: ValidateOptions = {}): ValidationResult {
  const r = validateGrid(grid, options);
  if (!r.table) throw new Error(`no table in test grid: ${r.message}`);
  return r;
}


/** The structured seed workbook's table sheet, as the CLI reader reads it (merged project cells and all). */
export async function structuredSeedSheet(name = SEED_SHEET): Promise<GridInput> {
  const { sheets } = await readWorkbook(join(__dirname, "..", "..", "seeds", "guangzhou-land-planning-2024-structured.xlsx"));
  const grid = (sheets.find((s) => findHeader(s.grid) !== null) ?? sheets[0]).grid;
  return { ...grid, sheet: name };
}

/** A broken variant of the seed (seeds/broken/<file>.xlsx), as the CLI reader reads it. */
export async function brokenSheet(file: string, name = SEED_SHEET): Promise<GridInput> {
  const { sheets } = await readWorkbook(join(__dirname, "..", "..", "seeds", "broken", `${file}.xlsx`));
  const grid = (sheets.find((s) => findHeader(s.grid) !== null) ?? sheets[0]).grid;
  return { ...grid, sheet: name };
}
