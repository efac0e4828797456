/**
 * Shared set-up of the task pane's component tests: the seed sheet, rendering the App over a MemoryHost and
 * waiting for it to settle.
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { MemoryHost, type MemoryHostOptions } from "../fakes/memory-host";

export { engineResult, mixedSheet, SEED_SHEET, seedSheet } from "./sheets";

/** Render the pane over a MemoryHost and wait until it has read the sheet list. */
export async function renderPane(options: MemoryHostOptions | MemoryHost) {
  const host = options instanceof MemoryHost ? options : new MemoryHost(options);
  const view = render(<App host={host} />);
  await waitFor(() => expect(host.log.listSheets).toBeGreaterThan(0));
  // The sheet list has arrived when its spinner is gone.
  await waitFor(() => expect(view.container.querySelector(".fui-Spinner")).toBeNull());
  await settle();
  return { host, ...view };
}

/** Let pending promises (host calls) resolve and React commit. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}

/** Press 校验 / Validate and wait for the run to be shown. */
export async function validate(host: MemoryHost, label = "校验"): Promise<void> {
  const before = host.log.runs.length;
  fireEvent.click(screen.getByRole("button", { name: label }));
  await waitFor(() => expect(host.log.runs.length).toBe(before + 1));
  await settle();
}

/** The finding buttons of the list, in display order (plain DOM queries: role queries are slow on long lists). */
export function findingButtons(name = "问题列表"): HTMLButtonElement[] {
  const region = screen.getByText(name, { selector: "h2" }).closest("section");
  if (!region) throw new Error(`no section headed ${name}`);
  return [...region.querySelectorAll<HTMLButtonElement>("li > button")];
}

/** Visible text only: the same words also go to the screen-reader status region. */
export function visibleText(text: string | RegExp): HTMLElement {
  const all = screen.getAllByText(text).filter((el) => !el.closest('[role="status"]'));
  if (all.length !== 1) throw new Error(`expected one visible element with text ${String(text)}, found ${all.length}`);
  return all[0];
}

/** Open a Fluent Dropdown by its label and choose an option by its text. */
export async function choose(label: string | RegExp, option: string | RegExp): Promise<void> {
  fireEvent.click(screen.getByRole("combobox", { name: label }));
  const opt = await screen.findByRole("option", { name: option });
  fireEvent.click(opt);
  await settle();
}

/**
 * An open Fluent dialog, with focus inside it. Under jsdom the dialog's own initial focus can come before
 * tabster has registered the dialog's modal area, which then hides the dialog (aria-hidden) until focus moves
 * inside again, as a keyboard user's Tab would: so move it, then wait until the dialog is exposed.
 */
export async function openDialog(name?: string | RegExp): Promise<HTMLElement> {
  const dialog = await screen.findByRole("dialog", { hidden: true, ...(name === undefined ? {} : { name }) });
  await settle();
  act(() => within(dialog).getAllByRole("button", { hidden: true })[0].focus());
  await waitFor(() => expect(dialog).not.toHaveAttribute("aria-hidden"));
  return dialog;
}
