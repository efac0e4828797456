/**
 * Tell the user the one-click outcome in a small Office dialog (dialog.html), closed after a few seconds or by
 * the user (its close button, or the dialog's own ×). Resolves when the dialog is gone; rejects when it could
 * not be opened (another dialog already open, a blocked pop-up…), with Office's error code in the message.
 */
import type { Lang } from "../excel/host";

/** The subset of `Office.context.ui` this needs (a test passes a double). */
export interface DialogUi {
  displayDialogAsync(
    startAddress: string,
    options: Office.DialogOptions,
    callback: (result: Office.AsyncResult<Office.Dialog>) => void,
  ): void;
}

/** The message dialog.html sends to ask its parent to close it. */
export const CLOSE_MESSAGE = "close";

export interface DialogNotifyOptions {
  /** Milliseconds before the dialog closes by itself. */
  autoCloseMs: number;
  /** Percent of the screen (Office's unit). */
  height?: number;
  width?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** dialog.html's address with the message in its query string (`baseUrl` is the commands page's address). */
export function dialogUrl(baseUrl: string, text: string, lang: Lang, autoCloseMs: number): string {
  const url = new URL("dialog.html", baseUrl);
  url.searchParams.set("lang", lang);
  url.searchParams.set("text", text);
  url.searchParams.set("close", String(Math.round(autoCloseMs / 1000)));
  return url.href;
}

export function showMessageDialog(ui: DialogUi, url: string, options: DialogNotifyOptions): Promise<void> {
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  return new Promise<void>((resolve, reject) => {
    ui.displayDialogAsync(
      url,
      // displayInIframe: Excel on the web shows it inside the page rather than as a pop-up window.
      { height: options.height ?? 30, width: options.width ?? 32, displayInIframe: true, promptBeforeOpen: false },
      (result) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) {
          const e = result.error;
          reject(new Error(`dialog not shown (${e ? `${e.code} ${e.message}` : "unknown error"})`));
          return;
        }
        const dialog = result.value;
        let done = false;
        const finish = (closeIt: boolean) => {
          if (done) return;
          done = true;
          clearTimer(timer);
          if (closeIt) {
            try {
              dialog.close();
            } catch {
              // already gone
            }
          }
          resolve();
        };
        const timer = setTimer(() => finish(true), options.autoCloseMs);
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          if ("message" in arg && arg.message === CLOSE_MESSAGE) finish(true);
        });
        // The user closed it with the window's × (12006) or it unloaded: nothing left to close.
        dialog.addEventHandler(Office.EventType.DialogEventReceived, () => finish(false));
      },
    );
  });
}
