/**
 * Shared pieces of the editing integration tests (the real pane over the real adapter over the Excel fake):
 * rendering the pane, waiting for it, telling the edit's write sync apart from the highlight writes of the
 * re-check that follows it, and the workbook's content without the add-in's own highlights.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { join } from "node:path";
import { a1, parseA1, type CellValue, type GridInput } from "../../src/core";
import { App } from "../../src/taskpane/App";
import type { CellFormat, FakeSheetInit, FakeValue, FakeWorkbookInit, SheetSnapshot, SyncRecord } from "../fakes/excel-fake";
import { SEEDS, setup, workbookSnapshot, type Setup } from "../excel/helpers";

export const VARIANT = (name: string): string => join(SEEDS, "broken", `${name}.xlsx`);

/** Let the host's promises, the selection debounce and React settle. */
export async function settle(rounds = 10): Promise<void> {
  await act(async () => {
    for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
  });
}

/** Render the pane over the adapter over the fake; wait until the sheet list has arrived. */
export async function openPane(fake: Setup, validate = "校验"): Promise<ReturnType<typeof render>> {
  const view = render(<App host={fake.host} />);
  await waitFor(() => expect(screen.getByRole("button", { name: validate })).toBeEnabled());
  await waitFor(() => expect(document.querySelector("main .fui-Spinner")).toBeNull());
  await settle();
  return view;
}

/** Click a tab; wait out the tab indicator's animation frame (a state update of Fluent's Tab). */
export async function openTab(name: string): Promise<void> {
  await act(async () => {
    fireEvent.click(screen.getByRole("tab", { name }));
    await new Promise((r) => setTimeout(r, 40));
  });
}

/** The finding buttons of the 校验 tab's list, in display order. */
export function findingButtons(heading = "问题列表"): HTMLButtonElement[] {
  const h = screen.queryByText(heading, { selector: "h2" });
  const region = h?.closest("section");
  if (!region) return [];
  return [...region.querySelectorAll<HTMLButtonElement>("li > button")];
}

/** The lines of the picker's preview, as shown. */
export async function previewLines(): Promise<string[]> {
  const list = await screen.findByTestId("insert-preview", {}, { timeout: 5000 });
  return [...list.querySelectorAll("li")].map((li) => li.textContent ?? "");
}

/** The entries of the 修改记录 list, newest first. */
export function changeEntries(): HTMLElement[] {
  const list = screen.queryByTestId("changes-list");
  return list ? within(list).getAllByRole("listitem").filter((li) => li.parentElement === list) : [];
}

/**
 * An open Fluent dialog with focus inside it (under jsdom the dialog can be hidden from the accessibility
 * tree until focus moves into it, as a keyboard user's Tab would).
 */
export async function openDialog(name?: string | RegExp): Promise<HTMLElement> {
  const dialog = await screen.findByRole("dialog", { hidden: true, ...(name === undefined ? {} : { name }) });
  await settle(2);
  act(() => within(dialog).getAllByRole("button", { hidden: true })[0].focus());
  await waitFor(() => expect(dialog).not.toHaveAttribute("aria-hidden"));
  return dialog;
}

// ---------------------------------------------------------------------------------------------
// What the fake recorded
// ---------------------------------------------------------------------------------------------

/** Operations that change cells, rows, merges or sheets (not the add-in's conditional formats). */
const EDIT_OP = /\.values=|\.numberFormat=|\.insert\(|\.delete\(|\.merge\(|\.unmerge\(|^worksheets\.add\(/;

function isEditOp(op: string): boolean {
  return !op.includes("conditionalFormats") && EDIT_OP.test(op);
}

export interface WriteSyncs {
  /** Syncs that wrote cells, rows, merges or sheets. */
  edits: SyncRecord[];
  /** Other syncs holding writes: each must touch only the add-in's conditional formats (the re-check's marks). */
  highlights: SyncRecord[];
}

/** The write syncs since sync number `from` (an index into the log), split into edits and highlight writes. */
export function writeSyncs(fake: Setup, from: number): WriteSyncs {
  const writes = fake.log.syncs.slice(from).filter((s) => s.writes);
  return { edits: writes.filter((s) => s.ops.some(isEditOp)), highlights: writes.filter((s) => !s.ops.some(isEditOp)) };
}

/** Every sheet's cells, merges and protection: the workbook's content, without the add-in's highlights. */
export function content(fake: Setup): Record<string, Omit<SheetSnapshot, "conditionalFormats">> {
  const all = workbookSnapshot(fake);
  return Object.fromEntries(
    Object.entries(all).map(([name, { conditionalFormats: _cf, ...rest }]) => [name, rest]),
  );
}

/** A sheet of the fake as the engine's grid (values as Excel reports them, "" as empty, merges). */
export function fakeGrid(fake: Setup, sheet: string): GridInput {
  const snap = fake.state.snapshot(sheet);
  let rows = 0;
  let cols = 0;
  for (const addr of Object.keys(snap.cells)) {
    const p = parseA1(addr)!;
    rows = Math.max(rows, p.row + 1);
    cols = Math.max(cols, p.col + 1);
  }
  const values: CellValue[][] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => null));
  for (const [addr, cell] of Object.entries(snap.cells)) {
    const p = parseA1(addr)!;
    values[p.row][p.col] = cell.value === "" ? null : cell.value;
  }
  const merges = snap.merges.map((m) => {
    const [x, y] = m.split(":");
    const p = parseA1(x)!;
    const q = parseA1(y ?? x)!;
    return { top: p.row, left: p.col, bottom: q.row, right: q.col };
  });
  return { sheet, values, origin: { row: 0, col: 0 }, merges };
}

/** The non-empty values of a sheet row (0-based), left to right, over the first `cols` columns. */
export function rowValues(fake: Setup, sheet: string, row: number, cols = 26): (string | number | boolean)[] {
  return Array.from({ length: cols }, (_, c) => fake.state.value(sheet, a1({ row, col: c }))).filter((v) => v !== "");
}

// ---------------------------------------------------------------------------------------------
// Closing and reopening the workbook
// ---------------------------------------------------------------------------------------------

/** A sheet of the fake as it would be saved: values, number formats, indents, formats, formulas, merges. */
function savedSheet(fake: Setup, name: string): FakeSheetInit {
  const s = fake.state.sheet(name);
  const snap = fake.state.snapshot(name);
  const values: FakeValue[][] = [];
  const numberFormats: (string | null)[][] = [];
  const indents: (number | null)[][] = [];
  const formats: Record<string, CellFormat> = {};
  const formulas: Record<string, string> = {};
  for (const [addr, c] of Object.entries(snap.cells)) {
    const p = parseA1(addr)!;
    while (values.length <= p.row) {
      values.push([]);
      numberFormats.push([]);
      indents.push([]);
    }
    values[p.row][p.col] = c.value;
    numberFormats[p.row][p.col] = c.numberFormat === "General" ? null : c.numberFormat;
    indents[p.row][p.col] = c.indent > 0 ? c.indent : null;
    if (Object.keys(c.format).length > 0) formats[addr] = c.format;
    if (c.formula !== undefined) formulas[addr] = c.formula;
  }
  return {
    name,
    values: values.map((row) => Array.from(row, (v) => v ?? "")),
    numberFormats,
    indents,
    merges: snap.merges,
    formats,
    formulas,
    conditionalFormats: snap.conditionalFormats.map((cf) => ({
      type: cf.type, ranges: cf.address, formula: cf.formula, fill: cf.fill, font: cf.font, stopIfTrue: cf.stopIfTrue,
    })),
    protected: snap.protected,
    visibility: s.visibility,
  };
}

/**
 * The workbook saved, closed and opened again: a new fake holding the sheets as they are now and the document
 * settings as last saved (saveAsync), with a new adapter over it (a new add-in runtime, nothing in memory).
 */
export function reopen(fake: Setup, extra: Partial<FakeWorkbookInit> = {}): Setup {
  return setup({
    sheets: fake.state.sheets.map((s) => savedSheet(fake, s.name)),
    activeSheet: fake.state.activeSheet,
    displayLanguage: fake.state.displayLanguage,
    settings: fake.state.savedSettings,
    ...extra,
  });
}
