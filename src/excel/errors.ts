/**
 * Office.js errors → HostError: a code the UI can act on and a message in Chinese and English that says what
 * to do. Never a raw stack trace.
 */
import { HostError, type HostErrorCode } from "./host";

/** What an OfficeExtension.Error looks like (Office.js does not export a usable class for `instanceof`). */
interface OfficeErrorLike {
  code?: unknown;
  message?: unknown;
}

export function officeCode(err: unknown): string | null {
  if (err && typeof err === "object" && typeof (err as OfficeErrorLike).code === "string") {
    return (err as OfficeErrorLike).code as string;
  }
  return null;
}

/** The response (or request) payload exceeded the host's limit: read in smaller blocks. */
export function isPayloadError(err: unknown): boolean {
  const code = officeCode(err);
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded";
}

/**
 * Codes as Office.js reports them: Excel.ErrorCodes and OfficeExtension's core codes (office-js runtime), and the
 * table in learn.microsoft.com "Error handling with the application-specific JavaScript APIs". The payload
 * codes only occur in Office on the web.
 */
const CODE_MAP: Record<string, HostErrorCode> = {
  AccessDenied: "protected",
  InvalidOperationInCellEditMode: "cellEditing",
  ApiNotFound: "unsupported",
  ApiNotAvailable: "unsupported",
  NotImplemented: "unsupported",
  UnsupportedFeature: "unsupported",
  UnsupportedOperation: "unsupported",
  ItemNotFound: "sheetNotFound",
  ResponsePayloadSizeLimitExceeded: "tooLarge",
  RequestPayloadSizeLimitExceeded: "tooLarge",
  RangeExceedsLimit: "tooLarge",
  OperationCellsExceedLimit: "tooLarge",
  MemoryLimitReached: "tooLarge",
  Conflict: "busy",
  ActivityLimitReached: "busy",
  RequestAborted: "busy",
  ServiceNotAvailable: "busy",
  InactiveWorkbook: "busy",
  WriteNotSupportedWhenModalDialogOpen: "busy",
  ConnectionFailure: "busy",
  Timeout: "busy",
  InvalidOrTimedOutSession: "busy",
};

export interface ErrorContext {
  /** The sheet the operation was about. */
  sheet?: string;
  /** Whether the sheet is known to be as it was (no write happened or it was rolled back). Default true. */
  sheetUnchanged?: boolean;
  /** What the add-in was doing: marking cells (default) or editing them (insert, fix, convert, undo). */
  action?: "highlight" | "edit";
  /** An edit: the workbook's structure (not a sheet) is protected, so a sheet could not be added or deleted. */
  workbook?: boolean;
  /** An edit that could not be rolled back entirely: the cells to check (A1, at most a few are named). */
  cells?: string[];
}

function messages(code: HostErrorCode, sheet: string | undefined, raw: string | null, ctx: ErrorContext = {}): { zh: string; en: string } {
  const zs = sheet ? `工作表“${sheet}”` : "工作表";
  const es = sheet ? `sheet "${sheet}"` : "the sheet";
  switch (code) {
    case "protected":
      if (ctx.action === "edit" && ctx.workbook) {
        return {
          zh: "工作簿的结构受保护，无法新建或删除工作表。请在“审阅”选项卡中点击“保护工作簿”取消保护后重试。",
          en: "The workbook's structure is protected, so sheets cannot be added or deleted. Unprotect it (Review > Protect Workbook) and try again.",
        };
      }
      if (ctx.action === "edit") {
        return {
          zh: `${zs}受保护，无法写入。请在“审阅”选项卡中点击“撤销工作表保护”后重试。`,
          en: `${cap(es)} is protected, so it cannot be changed. Unprotect it (Review > Unprotect Sheet) and try again.`,
        };
      }
      return {
        zh: `${zs}受保护，无法添加或清除校验标记。请在“审阅”选项卡中点击“撤销工作表保护”后重试。`,
        en: `${cap(es)} is protected, so highlights cannot be added or removed. Unprotect it (Review > Unprotect Sheet) and try again.`,
      };
    case "cellEditing":
      return {
        zh: "Excel 正在编辑单元格。请按 Enter 或 Esc 结束编辑后重试。",
        en: "Excel is editing a cell. Press Enter or Esc to finish editing, then try again.",
      };
    case "unsupported":
      return {
        zh: "此版本的 Excel 不支持本加载项所需的功能（需要 ExcelApi 1.9 或更高）。请使用 Microsoft 365、Excel 2021 或更高版本、或 Excel 网页版；也可以用命令行工具 jixiao 检查文件。",
        en: "This version of Excel does not support what the add-in needs (ExcelApi 1.9 or later). Use Microsoft 365, Excel 2021 or later, or Excel on the web; or check the file with the jixiao command line.",
      };
    case "sheetNotFound":
      return {
        zh: `找不到${zs}。它可能已被重命名或删除，请重新选择要检查的工作表。`,
        en: `Cannot find ${es}. It may have been renamed or deleted: choose the sheet to check again.`,
      };
    case "tooLarge":
      return {
        zh: `${zs}太大，Excel 无法一次传送。请删除表格以外的多余内容，或用命令行工具 jixiao 检查文件。`,
        en: `${cap(es)} is too large for Excel to transfer. Remove content outside the table, or check the file with the jixiao command line.`,
      };
    case "busy":
      return {
        zh: "Excel 正忙（可能有其他操作正在进行）。请稍候再试。",
        en: "Excel is busy (another operation may be running). Wait a moment and try again.",
      };
    default:
      return {
        zh: `与 Excel 通信时出错${raw ? `（${raw}）` : ""}。请重试；如果问题仍然存在，请关闭并重新打开工作簿。`,
        en: `Something went wrong talking to Excel${raw ? ` (${raw})` : ""}. Try again; if it keeps happening, close and reopen the workbook.`,
      };
  }
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Build a HostError with the standard text for `code`. */
export function hostError(code: HostErrorCode, ctx: ErrorContext = {}, cause?: unknown, detail?: string | null): HostError {
  const m = messages(code, ctx.sheet, detail ?? null, ctx);
  const unchanged = ctx.sheetUnchanged ?? true;
  if (ctx.action === "edit") {
    const t = editOutcome(unchanged, ctx.cells ?? []);
    return new HostError(code, m.zh + t.zh, `${m.en} ${t.en}`, unchanged, cause);
  }
  const zh = unchanged ? m.zh : `${m.zh}部分校验标记可能未能写完或撤销：请点击“清除标记”后再校验一次。`;
  const en = unchanged ? m.en : `${m.en} Some highlights may be left half-written: press Clear highlights, then check again.`;
  return new HostError(code, zh, en, unchanged, cause);
}

/** What a failed edit left: nothing (said so), or the cells that may hold part of it. */
export function editOutcome(unchanged: boolean, cells: readonly string[]): { zh: string; en: string } {
  if (unchanged) return { zh: "工作表未作任何更改。", en: "The sheet was not changed." };
  const shown = cells.slice(0, 5);
  const more = cells.length - shown.length;
  const zhCells = shown.length ? `请检查 ${shown.join("、")}${more > 0 ? ` 等 ${cells.length} 个单元格` : ""}` : "请检查工作表";
  const enCells = shown.length ? `check ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}` : "check the sheet";
  return {
    zh: `部分更改可能已写入而未能撤销：${zhCells}（可按 Ctrl+Z 或手动恢复）。`,
    en: `Part of the change may have been written and could not be rolled back: ${enCells} (Ctrl+Z or restore them by hand).`,
  };
}

/** Any error thrown while talking to Excel → HostError (a HostError passes through unchanged). */
export function toHostError(err: unknown, ctx: ErrorContext = {}): HostError {
  if (err instanceof HostError) return err;
  const code = officeCode(err);
  const mapped: HostErrorCode = (code && CODE_MAP[code]) || "unknown";
  return hostError(mapped, ctx, err, mapped === "unknown" ? (code ?? shortMessage(err)) : null);
}

/** A one-line description of a non-Office error, without a stack. */
function shortMessage(err: unknown): string | null {
  const m = err instanceof Error ? err.message : typeof err === "string" ? err : null;
  if (!m) return null;
  const line = m.split("\n")[0];
  return line.length > 120 ? line.slice(0, 117) + "…" : line;
}
