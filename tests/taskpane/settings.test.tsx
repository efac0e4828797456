/** @jest-environment jsdom */
/**
 * The settings panel (profile and thresholds, remembered per workbook and passed to every check) and the
 * 自动检查 switch (watch the sheet, re-check after a quiet period, stop when turned off).
 */
import { StrictMode } from "react";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { getProfile, type Thresholds } from "../../src/core";
import { HostError } from "../../src/excel/host";
import { App, AUTO_CHECK_DELAY_MS } from "../../src/taskpane/App";
import { MemoryHost } from "../fakes/memory-host";
import { choose, engineResult, findingButtons, renderPane, SEED_SHEET, seedSheet, settle, validate } from "./render";

function openSettings(): void {
  const button = screen.getByRole("button", { name: "设置" });
  if (button.getAttribute("aria-expanded") !== "true") fireEvent.click(button);
}

/** The 自动检查 switch, in the settings panel (opened when closed). */
function autoSwitch(): HTMLElement {
  openSettings();
  return screen.getByRole("switch", { name: "自动检查" });
}

function threshold(label: string): HTMLInputElement {
  return screen.getByRole("textbox", { name: new RegExp(`^${label.replace(/[()（）%]/g, ".")}`) }) as HTMLInputElement;
}

function type(input: HTMLInputElement, value: string): void {
  fireEvent.change(input, { target: { value } });
}

describe("settings panel", () => {
  test("the gear button opens and closes the panel (a disclosure); the toolbar says when auto-check is on", async () => {
    await renderPane({ sheets: [seedSheet()] });
    const gear = screen.getByRole("button", { name: "设置" });
    expect(gear).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("switch", { name: "自动检查" })).toBeNull();
    expect(screen.queryByText("自动检查已开启")).toBeNull();

    fireEvent.click(gear);
    expect(gear).toHaveAttribute("aria-expanded", "true");
    const panel = screen.getByRole("region", { name: "设置" });
    expect(gear).toHaveAttribute("aria-controls", panel.id);
    expect(panel).toContainElement(screen.getByRole("switch", { name: "自动检查" }));
    expect(panel).toContainElement(screen.getByRole("combobox", { name: "配置方案" }));

    fireEvent.click(screen.getByRole("switch", { name: "自动检查" }));
    await settle();
    fireEvent.click(gear);
    expect(gear).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("region", { name: "设置" })).toBeNull();
    // Closed, the panel's switch is out of sight: the toolbar says it is on.
    expect(screen.getByText("自动检查已开启")).toBeInTheDocument();
  });

  test("profile and thresholds are saved in the workbook, passed to check, and shown again on reopening", async () => {
    const grid = seedSheet();
    const { host, unmount } = await renderPane({ sheets: [grid] });
    openSettings();
    const defaults = getProfile("guangzhou").thresholds;
    expect(threshold("每个项目最少指标数").value).toBe(String(defaults.minIndicators));

    await choose("配置方案", "财预〔2021〕101号");
    expect(host.stored().profile).toBe("caiyu-2021-101");
    expect(screen.getByText(getProfile("caiyu-2021-101").description.zh)).toBeInTheDocument();

    type(threshold("每个项目最少指标数"), "5");
    type(threshold("满意度指标最低值"), "90");
    await settle();
    const wanted: Partial<Thresholds> = { minIndicators: 5, satisfactionFloor: 90 };
    expect(host.stored().thresholds).toEqual(wanted);

    await validate(host);
    expect(host.log.checks[0].options).toEqual({ profile: "caiyu-2021-101", thresholds: wanted });
    // The list is the engine's result under those options, not the defaults'.
    const expected = engineResult(grid, { profile: "caiyu-2021-101", thresholds: wanted });
    const defaultsResult = engineResult(grid);
    expect(expected.findings.length).toBeGreaterThan(defaultsResult.findings.length);
    const buttons = findingButtons();
    expect(buttons).toHaveLength(expected.findings.length);
    expected.findings.forEach((f, i) => expect(buttons[i]).toHaveTextContent(f.message));

    unmount();
    await renderPane(host);
    openSettings();
    expect(screen.getByRole("combobox", { name: "配置方案" })).toHaveTextContent("财预〔2021〕101号");
    expect(threshold("每个项目最少指标数").value).toBe("5");
    expect(threshold("满意度指标最低值").value).toBe("90");
  });

  test("an invalid threshold says what is allowed and is not saved", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()] });
    openSettings();
    const saves = host.log.saves.length;

    type(threshold("满意度指标最低值"), "150");
    expect(screen.getByText("请输入 0 到 100 之间的数。")).toBeInTheDocument();
    expect(threshold("满意度指标最低值")).toHaveAttribute("aria-invalid", "true");
    type(threshold("满意度指标最低值"), "abc");
    expect(screen.getByText("请输入 0 到 100 之间的数。")).toBeInTheDocument();
    type(threshold("金额最多小数位数"), "2.5");
    expect(screen.getByText("请输入 0 到 6 之间的整数。")).toBeInTheDocument();
    await settle();
    expect(host.log.saves.length).toBe(saves);
    expect(host.stored().thresholds).toEqual({});

    await validate(host);
    expect(host.log.checks[0].options?.thresholds).toEqual({});
  });

  test("恢复默认值 drops the overrides; a value equal to the default is not stored as one", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()], settings: { thresholds: { amountTolerance: 0.5 } } });
    openSettings();
    expect(threshold("金额容差").value).toBe("0.5");
    const reset = screen.getByRole("button", { name: "恢复默认值" });
    fireEvent.click(reset);
    await settle();
    expect(host.stored().thresholds).toEqual({});
    expect(threshold("金额容差").value).toBe(String(getProfile("guangzhou").thresholds.amountTolerance));
    expect(reset).toBeDisabled();

    type(threshold("每个项目最少指标数"), "4");
    type(threshold("每个项目最少指标数"), String(getProfile("guangzhou").thresholds.minIndicators));
    await settle();
    expect(host.stored().thresholds).toEqual({});
  });

  test("a failed save is reported", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()] });
    host.failNext("saveSettings", new Error("settings are read-only"));
    openSettings();
    type(threshold("每个项目最少指标数"), "4");
    await settle();
    expect(screen.getByText(/设置未能保存到工作簿：发生意外错误：settings are read-only/)).toBeInTheDocument();
  });
});

describe("自动检查", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function advance(ms: number): Promise<void> {
    await act(async () => {
      jest.advanceTimersByTime(ms);
    });
    await settle();
  }

  // Sheet coordinates of the seed's first project's 总计 (row 6, column B).
  const TOTAL_ROW = 5;
  const TOTAL_COL = 1;

  test("re-checks after a change, once the sheet is quiet, and stops when turned off", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()] });
    expect(host.watcherCount()).toBe(0);

    fireEvent.click(autoSwitch());
    await settle();
    expect(host.stored().autoCheck).toBe(true);
    expect(host.watcherCount(SEED_SHEET)).toBe(1);
    expect(host.log.checks).toHaveLength(1); // turning it on checks at once

    // Two quick edits: one check, AUTO_CHECK_DELAY_MS after the last.
    const before = engineResult(seedSheet());
    const total = Number(seedSheet().values[TOTAL_ROW][TOTAL_COL]);
    host.edit(SEED_SHEET, TOTAL_ROW, TOTAL_COL, total + 1);
    await advance(AUTO_CHECK_DELAY_MS - 100);
    host.edit(SEED_SHEET, TOTAL_ROW, TOTAL_COL, total + 2);
    await advance(AUTO_CHECK_DELAY_MS - 100);
    expect(host.log.checks).toHaveLength(1);
    await advance(100);
    expect(host.log.checks).toHaveLength(2);

    // The list and the marks follow the edited sheet, without any button pressed.
    const after = engineResult(host.sheets.get(SEED_SHEET)!.grid);
    expect(after.summary.errors).toBeGreaterThan(before.summary.errors);
    const newError = after.findings.find((f) => f.severity === "error")!;
    expect(findingButtons().some((b) => b.textContent?.includes(newError.message))).toBe(true);
    expect(host.highlights.get(SEED_SHEET)?.get(newError.cell)).toBe("error");
    expect(screen.getByRole("status")).toHaveTextContent(`发现 ${after.summary.errors} 个错误`);

    // Off: unsubscribed, and edits are no longer checked.
    fireEvent.click(autoSwitch());
    await settle();
    expect(host.stored().autoCheck).toBe(false);
    expect(host.watcherCount()).toBe(0);
    expect(host.log.unwatches).toEqual([SEED_SHEET]);
    host.edit(SEED_SHEET, TOTAL_ROW, TOTAL_COL, total);
    await advance(5 * AUTO_CHECK_DELAY_MS);
    expect(host.log.checks).toHaveLength(2);
  });

  test("a change just before turning off does not check after all", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()], settings: { autoCheck: true } });
    expect(host.watcherCount(SEED_SHEET)).toBe(1);
    host.edit(SEED_SHEET, TOTAL_ROW, TOTAL_COL, 1);
    fireEvent.click(autoSwitch());
    await advance(2 * AUTO_CHECK_DELAY_MS);
    expect(host.log.checks).toHaveLength(0);
  });

  test("remembered: on opening it watches without checking, and unsubscribes when the pane closes", async () => {
    const host = new MemoryHost({ sheets: [seedSheet()], settings: { autoCheck: true } });
    const { unmount } = await renderPane(host);
    expect(autoSwitch()).toBeChecked();
    expect(host.watcherCount(SEED_SHEET)).toBe(1);
    expect(host.log.checks).toHaveLength(0);
    host.edit(SEED_SHEET, TOTAL_ROW, TOTAL_COL, 1);
    await advance(AUTO_CHECK_DELAY_MS);
    expect(host.log.checks).toHaveLength(1);

    host.edit(SEED_SHEET, TOTAL_ROW, TOTAL_COL, 2);
    unmount();
    await settle();
    expect(host.watcherCount()).toBe(0);
    await advance(2 * AUTO_CHECK_DELAY_MS);
    expect(host.log.checks).toHaveLength(1);
  });

  test("changing sheet moves the watch to the new sheet", async () => {
    const host = new MemoryHost({
      sheets: [seedSheet("2023年"), seedSheet("2024年")],
      settings: { autoCheck: true, sheet: "2023年" },
    });
    await renderPane(host);
    expect(host.watcherCount("2023年")).toBe(1);
    await choose("要检查的工作表", /^2024年/);
    expect(host.watcherCount("2023年")).toBe(0);
    expect(host.watcherCount("2024年")).toBe(1);

    host.edit("2023年", TOTAL_ROW, TOTAL_COL, 1);
    await advance(2 * AUTO_CHECK_DELAY_MS);
    expect(host.log.checks).toHaveLength(0);
    host.edit("2024年", TOTAL_ROW, TOTAL_COL, 1);
    await advance(AUTO_CHECK_DELAY_MS);
    expect(host.log.checks.map((c) => c.sheet)).toEqual(["2024年"]);
  });

  test("with auto-check on, a threshold change re-checks with the new value", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()], settings: { autoCheck: true } });
    openSettings();
    type(threshold("每个项目最少指标数"), "6");
    await advance(AUTO_CHECK_DELAY_MS);
    expect(host.log.checks).toHaveLength(1);
    expect(host.log.checks[0].options?.thresholds).toEqual({ minIndicators: 6 });
  });

  test("a watch the host cannot set up is reported", async () => {
    const host = new MemoryHost({ sheets: [seedSheet()] });
    host.failNext(
      "watch",
      new HostError(
        "unsupported",
        "此版本的 Excel 不支持自动检查（需要 ExcelApi 1.9）。",
        "This version of Excel does not support auto-check (ExcelApi 1.9 is needed).",
      ),
    );
    await renderPane(host);
    fireEvent.click(autoSwitch());
    await settle();
    expect(screen.getByText(/此版本的 Excel 不支持自动检查/)).toBeInTheDocument();
  });
});

describe("under React.StrictMode", () => {
  test("effects run twice in development, but only one watch stays subscribed", async () => {
    const host = new MemoryHost({ sheets: [seedSheet()], settings: { autoCheck: true } });
    const view = render(
      <StrictMode>
        <App host={host} />
      </StrictMode>,
    );
    await settle();
    await settle();
    expect(host.watcherCount(SEED_SHEET)).toBe(1);
    view.unmount();
    await settle();
    expect(host.watcherCount()).toBe(0);
  });
});
