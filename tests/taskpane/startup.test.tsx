/** @jest-environment jsdom */
/**
 * Opening the pane: which sheet it checks (and the picker when that is unclear), the ribbon's stored result,
 * the no-table and host error messages, the UI language and the theme.
 */
import { fireEvent, render, screen, within } from "@testing-library/react";
import { webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { HostError } from "../../src/excel/host";
import { App } from "../../src/taskpane/App";
import { formatTime } from "../../src/taskpane/i18n";
import { MemoryHost } from "../fakes/memory-host";
import {
  choose,
  engineResult,
  findingButtons,
  renderPane,
  SEED_SHEET,
  seedSheet,
  settle,
  validate,
  visibleText,
} from "./render";
import { compareFindings, validateGrid, type GridInput } from "../../src/core";

const NOTES: GridInput = { sheet: "填表说明", values: [["填表说明"], ["1. 金额单位为万元。"], ["2. 指标按一级、二级、三级填写。"]] };

describe("which sheet", () => {
  test("opens on the detected target-table sheet, even when another sheet is active", async () => {
    const { host } = await renderPane({ sheets: [NOTES, seedSheet()], active: NOTES.sheet });
    expect(screen.getByText(`工作表：${SEED_SHEET}`)).toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: "要检查的工作表" })).not.toBeInTheDocument();
    expect(screen.getByText(`点击“校验”检查工作表“${SEED_SHEET}”。`)).toBeInTheDocument();
    await validate(host);
    expect(host.log.checks[0].sheet).toBe(SEED_SHEET);
  });

  test("several target tables: the picker asks, and the choice is remembered in the workbook", async () => {
    const sheets = [NOTES, seedSheet("2023年"), seedSheet("2024年")];
    const { host, unmount } = await renderPane({ sheets, active: NOTES.sheet });
    expect(screen.getByText("有 2 个工作表含绩效目标表，请选择要检查的一个。")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "校验" })).toBeDisabled();

    await choose("要检查的工作表", /^2024年/);
    expect(host.stored().sheet).toBe("2024年");
    expect(screen.getByRole("combobox", { name: "要检查的工作表" })).toHaveTextContent("2024年");
    await validate(host);
    expect(host.log.checks[0].sheet).toBe("2024年");

    unmount();
    await renderPane(host);
    expect(screen.getByRole("combobox", { name: "要检查的工作表" })).toHaveTextContent("2024年");
    expect(screen.getByRole("button", { name: "校验" })).toBeEnabled();
  });

  test("the picker lists every sheet and says which hold a table or are hidden", async () => {
    await renderPane({
      sheets: [NOTES, seedSheet("2023年"), { grid: seedSheet("旧表"), visible: false }, seedSheet("2024年")],
      active: NOTES.sheet,
    });
    fireEvent.click(screen.getByRole("combobox", { name: "要检查的工作表" }));
    const options = await screen.findAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual([
      "填表说明",
      "2023年（含绩效目标表）",
      "旧表（含绩效目标表，已隐藏）",
      "2024年（含绩效目标表）",
    ]);
  });

  test("no sheet holds a table: the picker says so, and checking the chosen sheet shows the engine's message", async () => {
    const { host } = await renderPane({ sheets: [NOTES, { sheet: "空白", values: [] }] });
    // A warning bar says what is missing and what to do, before anything is checked.
    const none = screen.getByText("未找到绩效目标表").closest(".fui-MessageBar") as HTMLElement;
    expect(none).toHaveTextContent("表头需包含“项目名称”和“绩效指标”");
    expect(none).toHaveTextContent("选择要检查的工作表");
    await choose("要检查的工作表", "填表说明");
    await validate(host);
    const expected = validateGrid(NOTES);
    if (expected.table) throw new Error("the notes sheet should hold no table");
    const bar = visibleText(expected.message).closest(".fui-MessageBar") as HTMLElement;
    expect(bar).toHaveTextContent("未找到绩效目标表");
    expect(bar).toHaveTextContent("表头需包含“项目名称”和“绩效指标”");
    expect(screen.queryByRole("region", { name: "校验结果" })).not.toBeInTheDocument();
  });

  test("a failed sheet list is reported with 重试", async () => {
    const host = new MemoryHost({ sheets: [seedSheet()] });
    host.failNext("listSheets", new HostError("busy", "Excel 正忙，请稍后重试。", "Excel is busy: try again shortly."));
    await renderPane(host);
    expect(screen.getByText(/Excel 正忙，请稍后重试。/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "重试" }));
    await settle();
    expect(host.log.listSheets).toBe(2);
    expect(screen.getByText(`工作表：${SEED_SHEET}`)).toBeInTheDocument();
    expect(screen.queryByText(/Excel 正忙/)).not.toBeInTheDocument();
  });
});

describe("the ribbon's result", () => {
  const AT = "2024-05-06T02:30:00.000Z";

  test("is shown on opening, said to be from the ribbon and when, until the user validates again", async () => {
    const host = new MemoryHost({ sheets: [seedSheet()] });
    const stored = host.storeRibbonRun(SEED_SHEET, AT);
    await renderPane(host);

    expect(host.log.checks).toHaveLength(0);
    expect(screen.getByText("功能区“一键校验”的结果", { selector: ".fui-MessageBarTitle" })).toBeInTheDocument();
    expect(
      screen.getByText(`以下是 ${formatTime(AT, "zh")} 通过功能区“一键校验”得到的结果。点击“校验”可重新检查。`),
    ).toBeInTheDocument();
    expect(formatTime(AT, "zh")).toMatch(/2024/);
    // Stored worst first; listed in sheet order, like a fresh run.
    const inSheetOrder = stored.findings.slice().sort(compareFindings);
    const buttons = findingButtons();
    expect(buttons).toHaveLength(stored.findings.length);
    inSheetOrder.forEach((f, i) => expect(buttons[i]).toHaveTextContent(f.message));

    // Navigation works on the stored findings too.
    fireEvent.click(buttons[0]);
    await settle();
    expect(host.log.selects).toEqual([{ sheet: SEED_SHEET, cell: inSheetOrder[0].cell }]);

    await validate(host);
    expect(screen.queryByText(/通过功能区“一键校验”得到的结果/)).not.toBeInTheDocument();
    expect(host.stored().lastRun).toBeNull();
  });

  test("a result stored for another sheet is not shown", async () => {
    const host = new MemoryHost({ sheets: [seedSheet(), NOTES], active: NOTES.sheet });
    host.storeRibbonRun(NOTES.sheet, AT);
    await renderPane(host);
    expect(screen.getByText(`工作表：${SEED_SHEET}`)).toBeInTheDocument();
    expect(screen.queryByText(/一键校验/)).not.toBeInTheDocument();
  });

  test("a stored no-table result shows its message", async () => {
    const host = new MemoryHost({ sheets: [NOTES, { sheet: "空白", values: [] }], settings: { sheet: NOTES.sheet } });
    const stored = host.storeRibbonRun(NOTES.sheet, AT);
    expect(stored.message).not.toBeNull();
    await renderPane(host);
    const bar = screen.getByText(stored.message!.zh).closest(".fui-MessageBar") as HTMLElement;
    expect(bar).toHaveTextContent("未找到绩效目标表");
    expect(screen.getByText("功能区“一键校验”的结果", { selector: ".fui-MessageBarTitle" })).toBeInTheDocument();
  });

  test("a truncated stored result says only the worst findings were kept", async () => {
    const projects = Array.from({ length: 260 }, (_, i) => ({ name: `项目${i + 1}`, total: 12, fiscal: 10 }));
    const { oneUnit, publishedGrid } = await import("../helpers/grids");
    const grid = publishedGrid(oneUnit(projects, { sheet: "长表" }));
    const host = new MemoryHost({ sheets: [grid] });
    const stored = host.storeRibbonRun("长表", AT);
    expect(stored.truncated).toBe(true);
    await renderPane(host);
    expect(screen.getByText(`只保存了最严重的 ${stored.findings.length} 条问题；重新校验可查看全部。`)).toBeInTheDocument();
    // The summary counts are the whole run's.
    expect(within(screen.getByTestId("summary-counts")).getByText(String(stored.summary!.errors))).toBeInTheDocument();
  });
});

describe("errors", () => {
  test("a HostError from check is shown in a MessageBar in the UI language and can be dismissed", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()] });
    host.failNext(
      "check",
      new HostError(
        "cellEditing",
        "Excel 正在编辑单元格：请先按 Enter 或 Esc 完成编辑，再校验。",
        "Excel is editing a cell: press Enter or Esc to finish, then validate.",
      ),
    );
    fireEvent.click(screen.getByRole("button", { name: "校验" }));
    await settle();
    const bar = visibleText(/Excel 正在编辑单元格/).closest(".fui-MessageBar") as HTMLElement;
    expect(bar).toHaveTextContent("操作未完成");
    expect(bar).toHaveTextContent("工作表未被修改。");
    fireEvent.click(within(bar).getByRole("button", { name: "关闭" }));
    expect(screen.queryByText(/Excel 正在编辑单元格/)).not.toBeInTheDocument();

    // The next check works and no error remains.
    await validate(host);
    expect(findingButtons().length).toBe(engineResult(seedSheet()).findings.length);
  });

  test("a write that could not be undone says the sheet may have changed", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()] });
    host.failNext("check", new HostError("unknown", "标记单元格时出错。", "Marking the cells failed.", false));
    fireEvent.click(screen.getByRole("button", { name: "校验" }));
    await settle();
    expect(screen.getByText(/标记单元格时出错。\s*部分更改可能未能撤销，请检查工作表。/)).toBeInTheDocument();
  });

  test("an unexpected error is shown with its text", async () => {
    const { host } = await renderPane({ sheets: [seedSheet()] });
    host.failNext("check", new Error("boom"));
    fireEvent.click(screen.getByRole("button", { name: "校验" }));
    await settle();
    expect(screen.getByText("发生意外错误：boom")).toBeInTheDocument();
  });
});

describe("language and theme", () => {
  test("English UI when Office's language is not Chinese", async () => {
    const grid = seedSheet();
    const expected = engineResult(grid);
    const { host, container } = await renderPane({ sheets: [grid], lang: "en" });
    expect(container.querySelector(".fui-FluentProvider")).toHaveAttribute("lang", "en");
    expect(screen.getByText(`Sheet: ${SEED_SHEET}`)).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Settings" }));
    expect(screen.getByRole("switch", { name: "Auto-check" })).toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Settings" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Clear marks" })).toBeInTheDocument();
    await validate(host, "Validate");

    expect(screen.getByRole("heading", { name: "Result" })).toBeInTheDocument();
    const buttons = findingButtons("Problems");
    expect(buttons).toHaveLength(expected.findings.length);
    expected.findings.forEach((f, i) => {
      expect(buttons[i]).toHaveTextContent(f.messageEn);
      expect(buttons[i]).not.toHaveTextContent(f.message);
      expect(buttons[i]).toHaveTextContent({ error: "Error", warning: "Warning", info: "Info" }[f.severity]);
    });
    // No Chinese UI text is left (the seed's project names are data, so look at the controls only).
    for (const b of screen.getAllByRole("button")) {
      if (buttons.includes(b as HTMLButtonElement)) continue;
      expect(b.textContent).not.toMatch(/[校验清除设置错误警告提示]/);
    }
  });

  test("English no-table message", async () => {
    const { host } = await renderPane({ sheets: [NOTES], lang: "en" });
    await choose("Sheet to check", "填表说明");
    await validate(host, "Validate");
    const expected = validateGrid(NOTES);
    if (expected.table) throw new Error("no table expected");
    expect(visibleText(expected.messageEn)).toBeInTheDocument();
    expect(screen.getByText("No performance target table")).toBeInTheDocument();
  });

  function themeCss(): string {
    // FluentProvider writes its theme as CSS variables into a <style> element, through the CSSOM.
    return [...document.querySelectorAll("style")]
      .map((s) => (s.textContent ?? "") + [...(s.sheet?.cssRules ?? [])].map((r) => r.cssText).join("\n"))
      .join("\n");
  }

  test("dark Office theme → Fluent's dark theme", async () => {
    const { container } = await renderPane({ sheets: [seedSheet()], theme: "dark" });
    expect(container.querySelector(".fui-FluentProvider")).toHaveAttribute("data-theme", "dark");
    expect(themeCss()).toContain(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1};`);
    expect(webDarkTheme.colorNeutralBackground1).not.toBe(webLightTheme.colorNeutralBackground1);
  });

  test("light Office theme → Fluent's light theme", async () => {
    render(<App host={new MemoryHost({ sheets: [seedSheet()] })} />);
    await settle();
    expect(themeCss()).toContain(`--colorNeutralBackground1: ${webLightTheme.colorNeutralBackground1};`);
    expect(themeCss()).not.toContain(`--colorNeutralBackground1: ${webDarkTheme.colorNeutralBackground1};`);
  });
});
