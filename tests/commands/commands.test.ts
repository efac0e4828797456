/** @jest-environment jsdom */
/**
 * The function file's entry (commands.ts) in an Office double: it registers oneClickCheck both ways, and the
 * registered function runs the check through createExcelHost, opens dialog.html with the outcome and completes
 * the event once the dialog is closed.
 */
import seed from "../../seeds/guangzhou-land-planning-2024.json";
import { seedGrid } from "../helpers/grids";
import type { SeedTable } from "../helpers/grids";
import { GridHost } from "./grid-host";

const createExcelHost = jest.fn();
// The adapter is another module's work; the entry only needs its factory.
jest.mock("../../src/excel/adapter", () => ({ createExcelHost: (...args: unknown[]) => createExcelHost(...args) }), {
  virtual: true,
});

type Handler = (arg: { message: string; origin: string | undefined } | { error: number }) => void;

const associate = jest.fn();
const handlers = new Map<string, Handler>();
const dialog = { close: jest.fn(), addEventHandler: (type: string, h: Handler) => handlers.set(type, h) };
const displayDialogAsync = jest.fn(
  (_url: string, _options: unknown, callback: (r: { status: string; value: unknown }) => void) => {
    setTimeout(() => callback({ status: "succeeded", value: dialog }), 0);
  },
);

(globalThis as unknown as { Office: unknown }).Office = {
  onReady: (cb?: (info: { host: string; platform: string }) => void) => {
    cb?.({ host: "Excel", platform: "PC" });
    return Promise.resolve({ host: "Excel", platform: "PC" });
  },
  actions: { associate },
  context: { displayLanguage: "zh-CN", ui: { displayDialogAsync } },
  EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
};

// eslint-disable-next-line @typescript-eslint/no-require-imports
const entry = require("../../src/commands/commands") as typeof import("../../src/commands/commands");

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("commands.ts", () => {
  it("registers oneClickCheck with Office.actions and on the global object", () => {
    expect(associate).toHaveBeenCalledTimes(1); // at load and again on onReady would be once too many
    expect(associate).toHaveBeenCalledWith("oneClickCheck", entry.oneClickCheck);
    expect((globalThis as unknown as Record<string, unknown>).oneClickCheck).toBe(entry.oneClickCheck);
    expect(entry.FUNCTION_NAME).toBe("oneClickCheck");
  });

  it("checks the workbook, shows the outcome in dialog.html and completes the event when it is closed", async () => {
    const host = new GridHost({ sheets: [{ grid: { ...seedGrid(seed as SeedTable), sheet: "绩效目标表" } }] });
    createExcelHost.mockReturnValue(host);
    const completed = jest.fn();
    const done = entry.oneClickCheck({ completed });
    for (let i = 0; i < 5 && displayDialogAsync.mock.calls.length === 0; i++) await tick();
    await tick();

    expect(displayDialogAsync).toHaveBeenCalledTimes(1);
    const url = new URL(displayDialogAsync.mock.calls[0][0]);
    expect(url.origin + url.pathname).toBe(`${window.location.origin}/dialog.html`);
    expect(url.searchParams.get("lang")).toBe("zh");
    expect(url.searchParams.get("text")).toMatch(/^发现 4 个警告（已在表中标记）\n/);
    expect(host.loadSettings().lastRun?.summary?.warnings).toBe(4);
    expect(completed).not.toHaveBeenCalled();

    handlers.get("dialogMessageReceived")!({ message: "close", origin: window.location.origin });
    await done;
    expect(dialog.close).toHaveBeenCalledTimes(1);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("completes the event even when the workbook cannot be reached", async () => {
    createExcelHost.mockImplementation(() => {
      throw new Error("no Excel");
    });
    const error = jest.spyOn(console, "error").mockImplementation(() => {});
    const completed = jest.fn();
    const done = entry.oneClickCheck({ completed });
    for (let i = 0; i < 5 && displayDialogAsync.mock.calls.length < 2; i++) await tick();
    await tick();
    const url = new URL(displayDialogAsync.mock.calls[1][0]);
    expect(url.searchParams.get("text")).toBe("一键校验未完成：no Excel。请点击“打开助手”重试。");
    handlers.get("dialogEventReceived")!({ error: 12006 });
    await done;
    expect(completed).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});
