/**
 * The outcome dialog from the command's side: the address it opens, and that it is closed by the timer, by the
 * dialog's close button (a message) or by the user's ×, exactly once. Office.context.ui is a double that behaves
 * as office.js does (asynchronous callback, events by their runtime names).
 */
import { CLOSE_MESSAGE, dialogUrl, showMessageDialog } from "../../src/commands/notify-dialog";
import type { DialogUi } from "../../src/commands/notify-dialog";

// The runtime values office.js gives these enums.
(globalThis as unknown as { Office: unknown }).Office = {
  EventType: { DialogMessageReceived: "dialogMessageReceived", DialogEventReceived: "dialogEventReceived" },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
};

type Handler = (arg: { message: string; origin: string | undefined } | { error: number }) => void;

class FakeDialog {
  handlers = new Map<string, Handler>();
  closed = 0;
  close() {
    this.closed++;
  }
  addEventHandler(type: string, handler: Handler) {
    this.handlers.set(type, handler);
  }
  emit(type: string, arg: Parameters<Handler>[0]) {
    this.handlers.get(type)?.(arg);
  }
}

function fakeUi(fail?: { code: number; message: string }) {
  const opened: { url: string; options: Office.DialogOptions }[] = [];
  const dialog = new FakeDialog();
  const ui: DialogUi = {
    displayDialogAsync(url, options, callback) {
      opened.push({ url, options });
      const result = fail
        ? { status: "failed", error: { code: fail.code, message: fail.message, name: "Error" }, value: undefined }
        : { status: "succeeded", value: dialog };
      setTimeout(() => callback(result as unknown as Office.AsyncResult<Office.Dialog>), 0);
    },
  };
  return { ui, opened, dialog };
}

function manualTimer() {
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  return {
    timers,
    setTimer: (fn: () => void, ms: number) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimer: (h: unknown) => {
      (h as { cleared: boolean }).cleared = true;
    },
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("dialogUrl", () => {
  it("puts the message in the query string of dialog.html beside the commands page, losslessly", () => {
    const text = '发现 2 个错误、5 个警告（已在表中标记）\n工作表“A&B <x>”: "50%" #1 ?';
    const url = dialogUrl("https://addins.example.gov.cn/jixiao/commands.html?_host_Info=Excel", text, "zh", 8000);
    const parsed = new URL(url);
    expect(parsed.origin + parsed.pathname).toBe("https://addins.example.gov.cn/jixiao/dialog.html");
    expect(parsed.searchParams.get("text")).toBe(text);
    expect(parsed.searchParams.get("lang")).toBe("zh");
    expect(parsed.searchParams.get("close")).toBe("8");
    expect(parsed.hash).toBe("");
  });
});

describe("showMessageDialog", () => {
  it("opens a small dialog (in the page on Excel on the web) and closes it after the timeout", async () => {
    const { ui, opened, dialog } = fakeUi();
    const t = manualTimer();
    let resolved = false;
    const shown = showMessageDialog(ui, "https://h/dialog.html?text=x", { autoCloseMs: 8000, ...t }).then(() => {
      resolved = true;
    });
    await tick();
    expect(opened).toHaveLength(1);
    expect(opened[0].url).toBe("https://h/dialog.html?text=x");
    expect(opened[0].options).toMatchObject({ displayInIframe: true });
    expect(opened[0].options.height).toBeLessThanOrEqual(40);
    expect(opened[0].options.width).toBeLessThanOrEqual(40);
    expect(t.timers.map((x) => x.ms)).toEqual([8000]);
    expect(resolved).toBe(false);
    t.timers[0].fn();
    await shown;
    expect(dialog.closed).toBe(1);
  });

  it("closes when the dialog's button asks, and ignores other messages", async () => {
    const { ui, dialog } = fakeUi();
    const t = manualTimer();
    let resolved = false;
    const shown = showMessageDialog(ui, "https://h/dialog.html", { autoCloseMs: 8000, ...t }).then(() => {
      resolved = true;
    });
    await tick();
    dialog.emit("dialogMessageReceived", { message: "something else", origin: "https://h" });
    await tick();
    expect(resolved).toBe(false);
    expect(dialog.closed).toBe(0);
    dialog.emit("dialogMessageReceived", { message: CLOSE_MESSAGE, origin: "https://h" });
    await shown;
    expect(dialog.closed).toBe(1);
    expect(t.timers[0].cleared).toBe(true);
    // A late timer (or a second message) does not close it twice.
    t.timers[0].fn();
    dialog.emit("dialogMessageReceived", { message: CLOSE_MESSAGE, origin: "https://h" });
    expect(dialog.closed).toBe(1);
  });

  it("resolves without closing again when the user closed the window (12006)", async () => {
    const { ui, dialog } = fakeUi();
    const t = manualTimer();
    const shown = showMessageDialog(ui, "https://h/dialog.html", { autoCloseMs: 8000, ...t });
    await tick();
    dialog.emit("dialogEventReceived", { error: 12006 });
    await shown;
    expect(dialog.closed).toBe(0);
    expect(t.timers[0].cleared).toBe(true);
  });

  it("rejects with Office's error code when the dialog cannot be opened", async () => {
    const { ui } = fakeUi({ code: 12007, message: "A dialog box is already opened from this host window." });
    await expect(showMessageDialog(ui, "https://h/dialog.html", { autoCloseMs: 8000, ...manualTimer() })).rejects.toThrow(
      "dialog not shown (12007 A dialog box is already opened from this host window.)",
    );
  });
});
