/** What the edit-plan tests share: seed grids as the command line reads them, and unwrapping plans and tables. */
import { join } from "node:path";
import { readWorkbook } from "../../../src/cli/xlsx-reader";
import { buildTable, isPlanError, validateGrid } from "../../../src/core";
import type { EditPlan, GridInput, PlanError, Table, ValidationResult } from "../../../src/core";

export const SEEDS = join(__dirname, "..", "..", "..", "seeds");
export const PUBLISHED = "guangzhou-land-planning-2024.xlsx";
export const STRUCTURED = "guangzhou-land-planning-2024-structured.xlsx";

const grids = new Map<string, Promise<GridInput>>();
/** The target-table sheet of a workbook under seeds/ (the first sheet holding a table), a fresh copy per call. */
export function loadGrid(file: string): Promise<GridInput> {
  let p = grids.get(file);
  if (!p) {
    p = readWorkbook(join(SEEDS, file)).then((wb) => {
      const s = wb.sheets.find((x) => validateGrid(x.grid).table !== null);
      if (!s) throw new Error(`${file}: no target table`);
      return s.grid;
    });
    grids.set(file, p);
  }
  return p.then((g) => structuredClone(g));
}

export function check(grid: GridInput): ValidationResult {
  const r = validateGrid(grid);
  if (!r.table) throw new Error(r.message);
  return r;
}

export function tableOf(grid: GridInput): Table {
  const b = buildTable(grid);
  if (!b.table) throw new Error(b.message);
  return b.table;
}

export function plan(x: EditPlan | PlanError): EditPlan {
  if (isPlanError(x)) throw new Error(`unexpected PlanError ${x.error}: ${x.message}`);
  return x;
}

export function planError(x: EditPlan | PlanError): PlanError {
  if (!isPlanError(x)) throw new Error(`expected a PlanError, got a plan: ${x.label.en}`);
  return x;
}
