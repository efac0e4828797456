// STUB: being written (helper "model"). Signatures are the contract; bodies will be replaced.
import type { GridInput, HeaderInfo, Table } from "./types";

export type BuildResult =
  | { table: Table; message?: undefined; messageEn?: undefined }
  | { table: null; message: string; messageEn: string };

/** Find the header row(s) of a target table in the first rows of a grid; null when there is none. */
export function findHeader(grid: GridInput): HeaderInfo | null {
  void grid;
  throw new Error("not implemented");
}

/** Grid → table model. `table: null` with a message (zh/en, naming the sheet) when no target table is found. */
export function buildTable(grid: GridInput): BuildResult {
  void grid;
  throw new Error("not implemented");
}
