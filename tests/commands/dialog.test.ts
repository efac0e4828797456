/** @jest-environment jsdom */
/**
 * The outcome dialog's page: the real dialog.html body, filled by renderDialog from a query string. The message
 * is shown as text only, whatever it contains.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderDialog } from "../../src/commands/dialog-view";
import { dialogUrl } from "../../src/commands/notify-dialog";

const html = readFileSync(join(__dirname, "..", "..", "src", "commands", "dialog.html"), "utf8");

function loadPage(): void {
  const body = /<body>([\s\S]*)<\/body>/.exec(html);
  if (!body) throw new Error("dialog.html has no body");
  document.body.innerHTML = body[1];
}

function search(text: string, lang: "zh" | "en", closeMs = 8000): string {
  return new URL(dialogUrl("https://h/commands.html", text, lang, closeMs)).search;
}

describe("dialog.html", () => {
  it("gets the one Content-Security-Policy the build writes into every page, which allows no inline or foreign script", () => {
    // The template carries no policy of its own (webpack.config.js writes the shared one; tests/build checks the built page).
    expect(html).not.toMatch(/http-equiv="Content-Security-Policy"/i);
    expect(html).toContain('src="<%= officeJsUrl %>"');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { contentSecurityPolicy } = require("../../webpack.config.js") as { contentSecurityPolicy: () => string };
    const csp = contentSecurityPolicy();
    const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"));
    expect(scriptSrc).toBe("script-src 'self' https://appsforoffice.microsoft.com/lib/1/hosted/");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
  });

  beforeEach(loadPage);

  it("shows the message, the title and a close button in Chinese", () => {
    const text = "发现 2 个错误、5 个警告（已在表中标记）\n工作表“绩效目标表”：已检查 5 个项目、20 个指标。";
    const view = renderDialog(document, search(text, "zh"), () => {});
    expect(view).toEqual({ lang: "zh", text });
    expect(document.getElementById("dialog-message")!.textContent).toBe(text);
    expect(document.getElementById("dialog-title")!.textContent).toBe("绩效目标表助手 · 一键校验");
    expect(document.getElementById("dialog-hint")!.textContent).toBe("此窗口几秒后自动关闭。");
    const button = document.getElementById("dialog-close")!;
    expect(button.textContent).toBe("关闭");
    expect(document.activeElement).toBe(button);
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(document.title).toBe("绩效目标表助手 · 一键校验");
  });

  it("renders markup in the message as text, never as elements", () => {
    const text = '<img src=x onerror="window.__pwned=1"><b>工作表</b>';
    renderDialog(document, search(text, "zh"), () => {});
    const message = document.getElementById("dialog-message")!;
    expect(message.textContent).toBe(text);
    expect(message.children).toHaveLength(0);
    expect(document.querySelector("img")).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("speaks English when asked, and closes by the button or Escape", () => {
    const onClose = jest.fn();
    renderDialog(document, search("No problems found", "en", 0), onClose);
    const button = document.getElementById("dialog-close")!;
    expect(button.textContent).toBe("Close");
    expect(document.getElementById("dialog-hint")!.textContent).toBe("");
    expect(document.documentElement.lang).toBe("en");
    button.click();
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });

  it("falls back to Chinese and an empty message for a bare address", () => {
    const view = renderDialog(document, "", () => {});
    expect(view).toEqual({ lang: "zh", text: "" });
    expect(document.getElementById("dialog-close")!.textContent).toBe("关闭");
  });
});
