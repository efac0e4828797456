/** @jest-environment jsdom */
/**
 * The whole add-in chain at once: the real task pane, over the real Office.js adapter, over the Excel fake
 * built from the real seed workbook. What the pane shows must be the engine's result on the CLI reader's grid;
 * what the fake recorded must be the cell selection, the add-in's own formats, and no value written.
 */
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { validateGrid, type ValidationResult } from "../../src/core";
import { App } from "../../src/taskpane/App";
import { cliGrid, SEED, seedSetup, SHEET, STRUCTURED_SEED } from "../excel/helpers";

async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
  });
}

function findingButtons(): HTMLButtonElement[] {
  const region = screen.getByText("问题列表", { selector: "h2" }).closest("section");
  if (!region) throw new Error("no findings list");
  return [...region.querySelectorAll<HTMLButtonElement>("li > button")];
}

describe.each([
  ["published seed", SEED],
  ["structured seed", STRUCTURED_SEED],
])("task pane + adapter + Excel fake on the %s", (_label, file) => {
  test("校验 lists the engine's findings, a click selects the cell, 清除标记 restores the sheet", async () => {
    const expected = validateGrid(await cliGrid(file)) as ValidationResult;
    expect(expected.table).not.toBeNull();

    const fake = await seedSetup(file);
    const looksBefore = fake.state.looks(SHEET);
    const valuesBefore = [...fake.state.valuesOf(SHEET)];
    render(<App host={fake.host} />);
    await waitFor(() => expect(screen.getByRole("button", { name: "校验" })).toBeEnabled());

    const syncsBefore = fake.log.syncs.length;
    fireEvent.click(screen.getByRole("button", { name: "校验" }));
    await waitFor(() => expect(findingButtons()).toHaveLength(expected.findings.length));
    await settle();
    // One read and one write: the sync budget of a sheet that fits one read.
    expect(fake.log.syncs.length - syncsBefore).toBeLessThanOrEqual(3);

    const buttons = findingButtons();
    expected.findings.forEach((f, i) => {
      expect(buttons[i]).toHaveTextContent(f.cell);
      expect(buttons[i]).toHaveTextContent(f.message);
    });
    // Highlighted: the add-in's formats cover exactly the cells with findings.
    const marked = new Set(expected.findings.map((f) => f.cell));
    const ownFormats = fake.state.conditionalFormats(SHEET).filter((cf) => cf.formula.includes("JIXIAO"));
    expect(ownFormats.length).toBeGreaterThan(0);
    const changed = Object.keys(fake.state.looks(SHEET)).filter((a) => fake.state.looks(SHEET)[a] !== looksBefore[a]);
    expect(new Set(changed)).toEqual(marked);

    // Click the last finding: Excel activates the sheet and selects its cell.
    const last = expected.findings[expected.findings.length - 1];
    fireEvent.click(buttons[buttons.length - 1]);
    await waitFor(() => expect(fake.state.selection).toEqual({ sheet: SHEET, address: last.cell }));

    fireEvent.click(screen.getByRole("button", { name: "清除标记" }));
    await waitFor(() =>
      expect(fake.state.conditionalFormats(SHEET).filter((cf) => cf.formula.includes("JIXIAO"))).toEqual([]),
    );
    await settle();
    expect(fake.state.looks(SHEET)).toEqual(looksBefore);
    // Nothing the user typed was touched.
    expect(fake.log.valueWrites).toEqual([]);
    expect([...fake.state.valuesOf(SHEET)]).toEqual(valuesBefore);
  });
});

describe("ribbon 一键校验, then the pane", () => {
  test("the ribbon highlights and stores its result in the workbook; the pane opened later shows it", async () => {
    const { runOneClickCheck } = await import("../../src/commands/one-click");
    const expected = validateGrid(await cliGrid(SEED)) as ValidationResult;
    const fake = await seedSetup(SEED);

    const told: string[] = [];
    const syncsBefore = fake.log.syncs.length;
    const outcome = await runOneClickCheck(fake.host, async (text) => {
      told.push(text);
    });
    expect(outcome.kind).toBe("findings");
    expect(outcome.sheet).toBe(SHEET);
    // What the user is told names the counts the engine found.
    expect(told).toEqual([expect.stringContaining(`${expected.summary.warnings} 个警告`)]);
    // The table's sheet is the active one: one read (which also finds the sheet) and one write.
    expect(fake.log.syncs.length - syncsBefore).toBe(2);
    const marked = new Set(expected.findings.map((f) => f.cell));
    expect(fake.state.conditionalFormats(SHEET).some((cf) => cf.formula.includes("JIXIAO"))).toBe(true);
    expect(fake.log.valueWrites).toEqual([]);

    // The result went to the document's settings (saveAsync), not only to memory.
    expect(JSON.stringify(fake.state.savedSettings)).toContain(expected.findings[0].cell);

    // A pane opened afterwards, on a fresh host over the same workbook, shows the stored run.
    const { createExcelHost } = await import("../../src/excel/adapter");
    render(<App host={createExcelHost({ Excel: fake.Excel, Office: fake.Office })} />);
    await screen.findByText("功能区“一键校验”的结果", { selector: ".fui-MessageBarTitle" });
    await waitFor(() => expect(findingButtons()).toHaveLength(expected.findings.length));
    for (const cell of marked) expect(screen.getAllByText(cell, { exact: false }).length).toBeGreaterThan(0);
  });
});

describe("a sheet whose conditional formats Excel cannot list", () => {
  test("the pane lists the findings and says why nothing was marked; the ribbon says it too", async () => {
    const expected = validateGrid(await cliGrid(SEED)) as ValidationResult;
    const fake = await seedSetup(SEED);
    const formatLoad = () => {
      // Fail the next read where it loads the sheet's conditional formats (the 4th operation of the read).
      fake.state.injectFailure({ op: 4, code: "GeneralException", when: "any" });
    };
    render(<App host={fake.host} />);
    await waitFor(() => expect(screen.getByRole("button", { name: "校验" })).toBeEnabled());
    formatLoad();
    fireEvent.click(screen.getByRole("button", { name: "校验" }));
    await waitFor(() => expect(findingButtons()).toHaveLength(expected.findings.length));
    expect(screen.getByText(/Excel 无法读取本表已有的条件格式/)).toBeInTheDocument();
    expect(fake.log.syncs[fake.log.syncs.length - 1].ops.some((o) => o.includes("conditionalFormats.load"))).toBe(false);
    expect(fake.state.conditionalFormats(SHEET).filter((cf) => cf.formula.includes("JIXIAO"))).toEqual([]);

    const { runOneClickCheck } = await import("../../src/commands/one-click");
    const told: string[] = [];
    // The ribbon lists the sheets first; the failure is injected just before its check reads the sheet.
    const host = { ...fake.host, check: (request?: Parameters<typeof fake.host.check>[0]) => (formatLoad(), fake.host.check(request)) };
    const outcome = await runOneClickCheck(host, async (text) => {
      told.push(text);
    });
    expect(outcome.kind).toBe("findings");
    expect(told).toEqual([expect.stringContaining("Excel 无法读取本表已有的条件格式")]);
    expect(fake.state.conditionalFormats(SHEET).filter((cf) => cf.formula.includes("JIXIAO"))).toEqual([]);
  });
});
