/**
 * Edits the add-in and the command line make to a sheet: inserting indicators, applying fixes, applying an
 * explicit suggestion (set 总计 to the sum), and undoing any of them. The engine plans an edit as data
 * (`EditPlan`); one shared applier per host performs it (the Office.js adapter in one `context.sync()`, the
 * command line on an exceljs workbook), and an applied plan is its own undo record.
 *
 * Coordinates are 0-based sheet coordinates, as everywhere in the engine.
 */
import type { CellEdit, Finding, MergedArea, Message } from "./types";

export type { CellEdit };

/** Whole rows inserted (shifting everything below down) before the plan's edits are written. */
export interface RowInsert {
  /** Sheet row the first new row takes (0-based); the row that was there moves down by `count`. */
  at: number;
  count: number;
}

export type EditKind = "insert" | "fix" | "suggestion" | "convert";

/**
 * A planned change to one sheet. Order of application: insert `rowInsert` rows, then write `edits`
 * (coordinates after the insertion), then merge `merges` (areas after the insertion; merging an area that
 * contains an existing merged area extends it). Undo is the reverse: write every `before`, delete the
 * inserted rows (which the undo first checks hold only what the plan wrote).
 */
export interface EditPlan {
  kind: EditKind;
  sheet: string;
  /** What the change does, for the pane's undo list and the CLI's report. */
  label: Message;
  rowInsert?: RowInsert;
  edits: CellEdit[];
  merges?: MergedArea[];
  /** Exactly what will be written, one line per cell or new row, for the preview (zh labels in data). */
  preview: string[];
  /** The findings this plan fixes (kind "fix" / "suggestion"). */
  fixes?: Finding[];
  /** The plan creates `sheet` (kind "convert"): every edit's `before` is null; undo deletes the sheet. */
  createSheet?: boolean;
  /**
   * Number formats to give written cells, after the edits (kind "convert": the source's formats of the
   * amounts copied, e.g. `0.00`). Optional for a host: the values are right without them.
   */
  numberFormats?: NumberFormatEdit[];
}

/** A number format set on one cell by a plan (coordinates after any row insertion). */
export interface NumberFormatEdit {
  row: number;
  col: number;
  format: string;
}

/** Why a plan could not be made: a code, and a message in both languages naming the sheet and cell. */
export interface PlanError {
  error: "noProject" | "notEmpty" | "noIndicatorColumn" | "stale" | "nothingToFix" | "badSpec";
  message: string;
  messageEn: string;
  cell?: string;
}

export function isPlanError(x: unknown): x is PlanError {
  return typeof x === "object" && x !== null && typeof (x as PlanError).error === "string";
}
