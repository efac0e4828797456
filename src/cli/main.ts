/**
 * `jixiao check`: validate 绩效目标表 workbooks from the command line; `jixiao convert`: write a table in the
 * other layout on a new sheet (./convert).
 *
 *   jixiao [check] <file.xlsx | folder>... [--format text|json] [--annotate <out.xlsx>] [--fix <out.xlsx>]
 *          [--profile <id>] [--lang zh|en] [--help]
 *   jixiao convert <file.xlsx> --to structured|published [--out <out.xlsx>] [--lang zh|en]
 *
 * Exit status: 0 no errors, 1 errors found, 2 an input could not be read or a copy not written (or bad usage).
 * `run()` is testable in-process; the block at the end makes the file executable with tsx.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { findHeader, listProfiles, validateGrid } from "../core/index";
import type { Finding, Layout, Severity, ValidateOptions } from "../core/types";
import type { Summary } from "../core/engine";
import { annotateWorkbook, sameFile, writeAtomically } from "./annotate";
import { convertedLine, convertFile } from "./convert";
import { changeLine, fixWorkbook, type FixOutcome } from "./fix";
import { DEFAULT_LIMITS, InputError, readWorkbook, type ReadLimits, type SheetGrid } from "./xlsx-reader";
import type ExcelJS from "exceljs";

export type Lang = "zh" | "en";
export type Format = "text" | "json";

export interface WritableLike {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: WritableLike;
  stderr: WritableLike;
  /** Environment (NO_COLOR); defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Directory relative paths are resolved from; defaults to process.cwd(). */
  cwd?: string;
}

export interface CliOptions {
  paths: string[];
  format: Format;
  annotate: string | null;
  fix: string | null;
  profile: string | null;
  lang: Lang;
  help: boolean;
  /** --max-cells: most cells per workbook (and per sheet). */
  maxCells: number | null;
  /** --max-unzipped-mb: budget for the uncompressed size of a file, in MiB. */
  maxUnzippedMb: number | null;
  /** --sheet: the sheet to check in every file (default: the first sheet holding a target table). */
  sheet: string | null;
}

export class UsageError extends Error {
  constructor(
    message: string,
    readonly messageEn: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

const SEVERITY_WORD: Record<Lang, Record<Severity, string>> = {
  zh: { error: "错误", warning: "警告", info: "提示" },
  en: { error: "error", warning: "warning", info: "info" },
};

const LAYOUT_WORD: Record<Lang, Record<Layout, string>> = {
  zh: { published: "发布格式（每行一个项目）", structured: "明细格式（每行一个指标）" },
  en: { published: "published (one row per project)", structured: "structured (one row per indicator)" },
};

export const USAGE: Record<Lang, string> = {
  zh: [
    "用法：jixiao [check] <文件.xlsx | 文件夹>... [选项]",
    "      jixiao convert <文件.xlsx> --to structured|published [--out <输出.xlsx>]",
    "",
    "检查项目支出绩效目标表（.xlsx）。不给路径时检查自带的示例表。",
    "",
    "选项：",
    "  --format text|json    报告格式（默认 text）",
    "  --annotate <out>      另存一份标注副本：出错单元格填色并附批注（多个输入时 <out> 为文件夹）",
    "  --fix <out>           另存一份修复副本：应用全部安全修复（标点与比较符、序号、编码前缀、一二级指标名称、",
    "                        “≥100%”改为“=100%”）并列出改动；金额从不自动修改（多个输入时 <out> 为文件夹）",
    "  --profile <id>        指标体系配置（默认 guangzhou）",
    "  --lang zh|en          报告语言（默认 zh）",
    "  --max-unzipped-mb <n> 解压后大小上限，单位 MB（默认 256）；超过即拒绝检查（防范 zip 炸弹）",
    "  --max-cells <n>       每个工作簿的单元格上限（默认 2,000,000，含只有格式的空单元格、行与合并区域）",
    "  --sheet <名称>        检查指定的工作表（默认：第一个含绩效目标表的工作表，可见的优先）",
    "  --help                显示本帮助",
    "",
    "convert：把绩效目标表另存为另一种表式，写在副本的新工作表中（原工作表和输入文件不变）：",
    "  --to structured       明细格式（每行一个指标），新工作表名为原名加“（明细）”",
    "  --to published        发布格式（每行一个项目），新工作表名为原名加“（发布）”",
    "  --out <out>           输出文件（默认与输入同目录的 <文件名>.structured.xlsx / .published.xlsx）",
    "",
    "输入文件从不被修改；--annotate、--fix、--out 的输出不能是输入文件本身。报告中单元格里的控制字符显示为转义形式（如 \\x1B）。",
    "退出码：0 无错误；1 有错误；2 有文件无法读取、副本无法写入或参数有误。",
  ].join("\n"),
  en: [
    "Usage: jixiao [check] <file.xlsx | folder>... [options]",
    "       jixiao convert <file.xlsx> --to structured|published [--out <out.xlsx>]",
    "",
    "Check project expenditure performance target tables (.xlsx). With no path, checks the bundled seed table.",
    "",
    "Options:",
    "  --format text|json    report format (default text)",
    "  --annotate <out>      write an annotated copy: faulty cells filled, with notes (a folder when several inputs)",
    "  --fix <out>           write a fixed copy: every safe fix applied (punctuation and comparators, numbering,",
    "                        code prefixes, category names, ≥100% → =100%) and the changes listed; amounts are",
    "                        never changed (a folder when several inputs)",
    "  --profile <id>        indicator profile (default guangzhou)",
    "  --lang zh|en          report language (default zh)",
    "  --max-unzipped-mb <n> most megabytes a file may take once unzipped (default 256); beyond, it is refused",
    "                        (a guard against zip bombs)",
    "  --max-cells <n>       most cells in one workbook (default 2,000,000, counting formatted blanks, rows and",
    "                        merged areas)",
    "  --sheet <name>        check this sheet (default: the first sheet holding a target table, visible first)",
    "  --help                show this help",
    "",
    "convert: write the target table in the other layout on a new sheet of a copy (the source sheet and the",
    "input file are left unchanged):",
    "  --to structured       one row per indicator, new sheet named after the source + （明细）",
    "  --to published        one row per project, new sheet named after the source + （发布）",
    "  --out <out>           output file (default: <name>.structured.xlsx / .published.xlsx beside the input)",
    "",
    "The input files are never modified; the --annotate, --fix and --out outputs cannot be an input file. Control",
    "characters from cells are shown escaped in the report (e.g. \\x1B).",
    "Exit status: 0 no errors; 1 errors found; 2 an input could not be read, a copy not written, or bad usage.",
  ].join("\n"),
};

// ---------------------------------------------------------------------------------------------
// Arguments
// ---------------------------------------------------------------------------------------------

const VALUE_OPTIONS = new Set(["--format", "--annotate", "--fix", "--profile", "--lang", "--max-cells", "--max-unzipped-mb", "--sheet"]);

/**
 * A positive number given to a limit option (thousands separators allowed: 3,000,000 or 3_000_000); a whole
 * number unless `fraction` (megabytes may be given as 0.5).
 */
function limitValue(name: string, value: string, fraction = false): number {
  const n = Number(value.replace(/[,_]/g, ""));
  const ok = fraction ? Number.isFinite(n) && n > 0 && n <= 1024 * 1024 : Number.isSafeInteger(n) && n > 0;
  if (!ok) {
    throw new UsageError(
      fraction ? `${name} 需要一个正数：${value}` : `${name} 需要一个正整数：${value}`,
      fraction ? `${name} needs a positive number: ${value}` : `${name} needs a positive whole number: ${value}`,
    );
  }
  return n;
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = {
    paths: [],
    format: "text",
    annotate: null,
    fix: null,
    profile: null,
    lang: "zh",
    help: false,
    maxCells: null,
    maxUnzippedMb: null,
    sheet: null,
  };
  let onlyPaths = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyPaths || !arg.startsWith("-") || arg === "-") {
      if (opts.paths.length === 0 && arg === "check" && !onlyPaths && i === 0) continue;
      opts.paths.push(arg);
      continue;
    }
    if (arg === "--") {
      onlyPaths = true;
      continue;
    }
    if (arg === "--help" || arg === "-h") {
      opts.help = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!VALUE_OPTIONS.has(name)) throw new UsageError(`未知选项：${arg}`, `unknown option: ${arg}`);
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === "") throw new UsageError(`选项 ${name} 需要一个值`, `option ${name} needs a value`);
    switch (name) {
      case "--format":
        if (value !== "text" && value !== "json")
          throw new UsageError(`--format 只能是 text 或 json：${value}`, `--format must be text or json: ${value}`);
        opts.format = value;
        break;
      case "--lang":
        if (value !== "zh" && value !== "en")
          throw new UsageError(`--lang 只能是 zh 或 en：${value}`, `--lang must be zh or en: ${value}`);
        opts.lang = value;
        break;
      case "--annotate":
        opts.annotate = value;
        break;
      case "--fix":
        opts.fix = value;
        break;
      case "--profile":
        opts.profile = value;
        break;
      case "--max-cells":
        opts.maxCells = limitValue(name, value);
        break;
      case "--max-unzipped-mb":
        opts.maxUnzippedMb = limitValue(name, value, true);
        break;
      case "--sheet":
        opts.sheet = value;
        break;
    }
  }
  return opts;
}

/** The language asked for, read before full parsing so usage errors come out in it. */
function sniffLang(argv: readonly string[]): Lang {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--lang" && argv[i + 1] === "en") return "en";
    if (argv[i] === "--lang=en") return "en";
  }
  return "zh";
}

// ---------------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------------

/** The package root: the nearest folder above this file whose package.json is named "jixiao". */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 10; i++) {
    const pkg = path.join(dir, "package.json");
    try {
      if ((JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "jixiao") return dir;
    } catch {
      // keep climbing
    }
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return path.resolve(__dirname, "../..");
}

export function defaultSeedPath(): string {
  return path.join(packageRoot(), "seeds", "guangzhou-land-planning-2024.xlsx");
}

interface Input {
  file: string;
  error?: InputError;
}

function isXlsxName(name: string): boolean {
  return name.toLowerCase().endsWith(".xlsx") && !name.startsWith("~$");
}

function walk(dir: string, out: string[]): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if ((e.isFile() || e.isSymbolicLink()) && isXlsxName(e.name)) out.push(full);
  }
}

/** Expand folders (recursively, sorted, skipping ~$ lock files); files are kept as given. */
export function collectInputs(paths: readonly string[], cwd: string): Input[] {
  const inputs: Input[] = [];
  for (const p of paths) {
    const abs = path.resolve(cwd, p);
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = null;
    }
    if (stat?.isDirectory()) {
      const found: string[] = [];
      try {
        walk(abs, found);
      } catch (e) {
        inputs.push({
          file: abs,
          error: new InputError("unreadable", `无法读取文件夹（${errText(e)}）`, `cannot read the folder (${errText(e)})`),
        });
        continue;
      }
      if (found.length === 0)
        inputs.push({
          file: abs,
          error: new InputError("no-xlsx-in-folder", "文件夹中没有 .xlsx 文件", "the folder holds no .xlsx file"),
        });
      for (const f of found) inputs.push({ file: f });
    } else {
      inputs.push({ file: abs });
    }
  }
  return inputs;
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

// ---------------------------------------------------------------------------------------------
// Checking one file
// ---------------------------------------------------------------------------------------------

export interface CheckedFile {
  file: string;
  display: string;
  sheet: string;
  layout: Layout;
  hidden: boolean;
  hiddenSheets: string[];
  /** Other sheets that hold a target table too, not checked (choose one with --sheet). */
  otherTables: string[];
  summary: Summary;
  findings: Finding[];
  workbook: ExcelJS.Workbook;
}

export interface FailedFile {
  file: string;
  display: string;
  error: InputError;
}

export type FileOutcome = CheckedFile | FailedFile;

function isFailed(o: FileOutcome): o is FailedFile {
  return (o as FailedFile).error !== undefined;
}

/** The sheets holding a target table: visible sheets first, then hidden ones, in workbook order. */
export function tableSheets(sheets: readonly SheetGrid[]): SheetGrid[] {
  const ordered = [...sheets.filter((s) => !s.hidden), ...sheets.filter((s) => s.hidden)];
  return ordered.filter((s) => findHeader(s.grid) !== null);
}

/** The sheet holding the target table: visible sheets first, then hidden ones, in workbook order. */
export function pickTargetSheet(sheets: readonly SheetGrid[]): SheetGrid | null {
  return tableSheets(sheets)[0] ?? null;
}

function noSuchSheet(sheets: readonly SheetGrid[], name: string): InputError {
  const names = sheets.map((s) => `“${s.grid.sheet}”`).join("、") || "（无）";
  const namesEn = sheets.map((s) => `"${s.grid.sheet}"`).join(", ") || "(none)";
  return new InputError(
    "no-table",
    `没有名为“${name}”的工作表（工作表：${names}）`,
    `no sheet named "${name}" (sheets: ${namesEn})`,
  );
}

function noTableError(sheets: readonly SheetGrid[], detail?: { message: string; messageEn: string }): InputError {
  const names = sheets.map((s) => `“${s.grid.sheet}”`).join("、");
  const namesEn = sheets.map((s) => `"${s.grid.sheet}"`).join(", ");
  const looked = sheets.length ? `已查看工作表：${names}` : "工作簿中没有工作表";
  const lookedEn = sheets.length ? `sheets looked at: ${namesEn}` : "the workbook has no worksheet";
  return new InputError(
    "no-table",
    `未找到绩效目标表：表头需包含“项目名称”和“绩效指标”（${looked}${detail ? `；${detail.message}` : ""}）`,
    `no performance target table found: the header must contain 项目名称 and 绩效指标 (${lookedEn}${detail ? `; ${detail.messageEn}` : ""})`,
  );
}

/** The reader's limits for the options given (defaults for those not given). */
export function limitsOf(opts: Pick<CliOptions, "maxCells" | "maxUnzippedMb">): ReadLimits {
  const limits: ReadLimits = { ...DEFAULT_LIMITS };
  if (opts.maxCells !== null) {
    limits.maxCells = opts.maxCells;
    limits.maxCellsPerSheet = opts.maxCells;
  }
  if (opts.maxUnzippedMb !== null) limits.maxUnzippedBytes = Math.max(1, Math.floor(opts.maxUnzippedMb * 1024 * 1024));
  return limits;
}

export async function checkFile(
  file: string,
  display: string,
  options: ValidateOptions,
  limits: Partial<ReadLimits> = {},
  sheet: string | null = null,
): Promise<FileOutcome> {
  try {
    const { workbook, sheets } = await readWorkbook(file, limits);
    const tables = tableSheets(sheets);
    const target = sheet === null ? (tables[0] ?? null) : (sheets.find((s) => s.grid.sheet === sheet) ?? null);
    if (!target) return { file, display, error: sheet === null ? noTableError(sheets) : noSuchSheet(sheets, sheet) };
    const result = validateGrid(target.grid, options);
    if (result.table === null) return { file, display, error: noTableError(sheets, result) };
    return {
      file,
      display,
      sheet: target.grid.sheet,
      layout: result.table.layout,
      hidden: target.hidden,
      hiddenSheets: sheets.filter((s) => s.hidden).map((s) => s.grid.sheet),
      otherTables: tables.filter((s) => s !== target).map((s) => s.grid.sheet),
      summary: result.summary,
      findings: result.findings,
      workbook,
    };
  } catch (e) {
    const error =
      e instanceof InputError ? e : new InputError("unreadable", `检查时出错：${errText(e)}`, `failed while checking: ${errText(e)}`);
    return { file, display, error };
  }
}

// ---------------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------------

interface Paint {
  error(s: string): string;
  warning(s: string): string;
  info(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

function paint(enabled: boolean): Paint {
  const wrap = (code: string) => (s: string) => (enabled ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { error: wrap("31"), warning: wrap("33"), info: wrap("36"), dim: wrap("2"), bold: wrap("1") };
}

/**
 * Text that comes from a workbook or the file system (cell text quoted in messages, sheet, file and zip entry names)
 * made safe for a terminal: C0 and C1 control characters, DEL, lone surrogates, bidirectional embedding, override and
 * isolate controls and line separators are shown as escapes (`\x1B`, `\u202E`, `\uD83D`), so a cell cannot clear
 * the screen, retitle the window, break the one-line layout or reorder what the report says. JSON output needs no
 * such care: JSON.stringify escapes all of them.
 */
export function safeText(s: string): string {
  return s.replace(
    // eslint-disable-next-line no-control-regex
    /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (ch) => {
      const code = ch.charCodeAt(0);
      return code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
    },
  );
}

function countsLine(s: { errors: number; warnings: number; infos: number }, lang: Lang): string {
  return lang === "zh"
    ? `${s.errors} 个错误，${s.warnings} 个警告，${s.infos} 个提示`
    : `${s.errors} ${s.errors === 1 ? "error" : "errors"}, ${s.warnings} ${s.warnings === 1 ? "warning" : "warnings"}, ${s.infos} ${s.infos === 1 ? "info" : "infos"}`;
}

export function inputErrorLine(display: string, error: InputError, lang: Lang): string {
  return safeText(lang === "zh" ? `jixiao: ${display}: ${error.message}` : `jixiao: ${display}: ${error.messageEn}`);
}

export function formatText(outcomes: readonly FileOutcome[], lang: Lang, color: boolean): string {
  const c = paint(color);
  const lines: string[] = [];
  const total = { errors: 0, warnings: 0, infos: 0 };
  let failed = 0;
  for (const o of outcomes) {
    if (isFailed(o)) {
      failed++;
      lines.push(c.bold(safeText(o.display)));
      lines.push(`  ${c.error(lang === "zh" ? "无法读取" : "unreadable")}  ${safeText(lang === "zh" ? o.error.message : o.error.messageEn)}`);
      lines.push("");
      continue;
    }
    const s = o.summary;
    const sheetName = safeText(o.sheet);
    const sheet = lang === "zh" ? `工作表“${sheetName}”${o.hidden ? "（隐藏）" : ""}` : `sheet "${sheetName}"${o.hidden ? " (hidden)" : ""}`;
    const head =
      lang === "zh"
        ? `${c.bold(safeText(o.display))}  ${sheet}，${LAYOUT_WORD.zh[o.layout]}，${s.projects} 个项目，${s.indicators} 项指标`
        : `${c.bold(safeText(o.display))}  ${sheet}, ${LAYOUT_WORD.en[o.layout]}, ${s.projects} projects, ${s.indicators} indicators`;
    lines.push(head);
    if (o.hiddenSheets.length) {
      lines.push(
        c.dim(
          lang === "zh"
            ? `  （含隐藏工作表：${o.hiddenSheets.map((n) => `“${safeText(n)}”`).join("、")}）`
            : `  (hidden sheets: ${o.hiddenSheets.map((n) => `"${safeText(n)}"`).join(", ")})`,
        ),
      );
    }
    if (o.otherTables.length) {
      lines.push(
        c.dim(
          lang === "zh"
            ? `  （另有含绩效目标表的工作表未检查：${o.otherTables.map((n) => `“${safeText(n)}”`).join("、")}；可用 --sheet 指定）`
            : `  (other sheets with a target table, not checked: ${o.otherTables.map((n) => `"${safeText(n)}"`).join(", ")}; choose one with --sheet)`,
        ),
      );
    }
    const cellWidth = Math.max(4, ...o.findings.map((f) => f.cell.length));
    const sevWidth = lang === "zh" ? 0 : 7;
    for (const f of o.findings) {
      const word = SEVERITY_WORD[lang][f.severity];
      const sev = c[f.severity](lang === "zh" ? word : word.padEnd(sevWidth));
      const msg = lang === "zh" ? f.message : f.messageEn;
      lines.push(`  ${c.dim(f.cell.padEnd(cellWidth))}  ${sev}  ${f.ruleId} ${f.ruleName}  ${safeText(msg.replace(/\s*\n\s*/g, " "))}`);
    }
    lines.push(lang === "zh" ? `  小计：${countsLine(s, lang)}` : `  Subtotal: ${countsLine(s, lang)}`);
    const fixable = o.findings.filter((f) => f.fix).length;
    const suggested = o.findings.filter((f) => f.suggestions?.length).length;
    if (fixable || suggested) {
      const parts: string[] = [];
      if (fixable) parts.push(lang === "zh" ? `${fixable} 个可用 --fix 自动修复` : `${fixable} can be fixed with --fix`);
      if (suggested) {
        parts.push(lang === "zh" ? `${suggested} 个金额问题附有修改建议（见 --format json 的 suggestions）` : `${suggested} amount problems carry a suggested change (see suggestions in --format json)`);
      }
      lines.push(c.dim(lang === "zh" ? `  其中 ${parts.join("，")}` : `  Of these, ${parts.join("; ")}`));
    }
    lines.push("");
    total.errors += s.errors;
    total.warnings += s.warnings;
    total.infos += s.infos;
  }
  const n = outcomes.length;
  const unreadable =
    failed === 0 ? "" : lang === "zh" ? `（${failed} 个无法读取）` : ` (${failed} unreadable)`;
  lines.push(
    lang === "zh"
      ? `共检查 ${n} 个文件${unreadable}：${countsLine(total, lang)}`
      : `Checked ${n} ${n === 1 ? "file" : "files"}${unreadable}: ${countsLine(total, lang)}`,
  );
  return lines.join("\n") + "\n";
}

/** What --fix did for one checked file: the copy written and what changed, or why it was not written. */
export interface FixReport {
  outcome: CheckedFile;
  out: string;
  outDisplay: string;
  result?: FixOutcome;
  error?: InputError;
}

export function formatJson(outcomes: readonly FileOutcome[], fixes: readonly FixReport[] = []): string {
  const files = outcomes.map((o) => {
    if (isFailed(o)) return { file: o.display, error: { kind: o.error.kind, message: o.error.message, messageEn: o.error.messageEn } };
    const fix = fixes.find((x) => x.outcome === o);
    return {
      file: o.display,
      sheet: o.sheet,
      layout: o.layout,
      ...(o.hiddenSheets.length ? { hiddenSheets: o.hiddenSheets } : {}),
      ...(o.otherTables.length ? { otherTableSheets: o.otherTables } : {}),
      summary: {
        errors: o.summary.errors,
        warnings: o.summary.warnings,
        infos: o.summary.infos,
        projects: o.summary.projects,
        indicators: o.summary.indicators,
      },
      findings: o.findings.map((f) => ({
        ruleId: f.ruleId,
        ruleName: f.ruleName,
        messageId: f.messageId,
        category: f.category,
        severity: f.severity,
        cell: f.cell,
        message: f.message,
        messageEn: f.messageEn,
        ...(f.span ? { span: f.span } : {}),
        ...(f.project !== undefined ? { project: f.project } : {}),
        ...(f.indicator !== undefined ? { indicator: f.indicator } : {}),
        ...(f.fix ? { fix: f.fix } : {}),
        ...(f.suggestions ? { suggestions: f.suggestions } : {}),
      })),
      ...(fix ? { fixed: fixJson(fix) } : {}),
    };
  });
  return JSON.stringify({ files }, null, 2) + "\n";
}

function fixJson(x: FixReport): object {
  if (x.error || !x.result) {
    const e = x.error;
    return { out: x.outDisplay, error: { message: e?.message ?? "", messageEn: e?.messageEn ?? "" } };
  }
  const r = x.result;
  return {
    out: x.outDisplay,
    sheet: r.sheet,
    fixes: r.fixed.length,
    changes: r.cells.map((c) => ({ cell: c.cell, before: c.before, after: c.after, ruleIds: c.ruleIds })),
    summary: { errors: r.summary.errors, warnings: r.summary.warnings, infos: r.summary.infos },
  };
}

/** The --fix part of the text report: per copy, the cells changed (before → after) and the check of the copy. */
export function formatFixText(fixes: readonly FixReport[], lang: Lang): string {
  const lines: string[] = [];
  for (const x of fixes) {
    if (!x.result) continue;
    const r = x.result;
    const n = r.fixed.length;
    if (n === 0) {
      lines.push(
        safeText(
          lang === "zh"
            ? `已写入修复副本 ${x.outDisplay}（${x.outcome.display}）：没有可安全修复的问题，副本内容与原表相同`
            : `Wrote fixed copy ${x.outDisplay} (${x.outcome.display}): no issue with a safe fix; the copy holds the same content`,
        ),
      );
    } else {
      lines.push(
        safeText(
          lang === "zh"
            ? `已写入修复副本 ${x.outDisplay}（${x.outcome.display}，工作表“${r.sheet}”）：修复 ${n} 个问题，改动 ${r.cells.length} 个单元格`
            : `Wrote fixed copy ${x.outDisplay} (${x.outcome.display}, sheet "${r.sheet}"): ${n} ${n === 1 ? "issue" : "issues"} fixed, ${r.cells.length} ${r.cells.length === 1 ? "cell" : "cells"} changed`,
        ),
      );
      for (const c of r.cells) lines.push(`  ${safeText(changeLine(c, lang).replace(/\s*\n\s*/g, " "))}`);
    }
    lines.push(lang === "zh" ? `  修复后复查：${countsLine(r.summary, lang)}` : `  Check of the copy: ${countsLine(r.summary, lang)}`);
    lines.push("");
  }
  return lines.length ? lines.join("\n") : "";
}

// ---------------------------------------------------------------------------------------------
// Copies (--annotate, --fix)
// ---------------------------------------------------------------------------------------------

interface CopyTarget {
  outcome: CheckedFile;
  out: string;
}

/**
 * Where each checked file's copy goes: `outArg` itself for one input, else `<outArg>/<name>.<tag>.xlsx`. A copy that
 * would overwrite an input file is refused (an error naming the file).
 */
function planCopies(
  outArg: string,
  option: "--annotate" | "--fix",
  tag: "annotated" | "fixed",
  checked: readonly CheckedFile[],
  allInputs: readonly string[],
  cwd: string,
): { targets: CopyTarget[]; errors: { display: string; error: InputError }[]; isDir: boolean } {
  const out = path.resolve(cwd, outArg);
  let isDir = allInputs.length > 1;
  try {
    if (fs.statSync(out).isDirectory()) isDir = true;
  } catch {
    // does not exist yet
  }
  const targets: CopyTarget[] = [];
  const errors: { display: string; error: InputError }[] = [];
  const used = new Set<string>();
  for (const o of checked) {
    let dest = out;
    if (isDir) {
      const stem = path.basename(o.file).replace(/\.xlsx$/i, "");
      dest = path.join(out, `${stem}.${tag}.xlsx`);
      for (let k = 2; used.has(dest); k++) dest = path.join(out, `${stem}.${tag}-${k}.xlsx`);
    }
    used.add(dest);
    const input = allInputs.find((f) => sameFile(dest, f));
    if (input !== undefined) {
      errors.push({
        display: o.display,
        error: new InputError(
          "unreadable",
          `拒绝覆盖输入文件：${option} 的输出不能是输入文件本身（${dest}）`,
          `refusing to overwrite the input: the ${option} output is the input file itself (${dest})`,
        ),
      });
      continue;
    }
    targets.push({ outcome: o, out: dest });
  }
  return { targets, errors, isDir };
}

// ---------------------------------------------------------------------------------------------
// convert
// ---------------------------------------------------------------------------------------------

async function runConvert(argv: readonly string[], io: CliIo, lang: Lang): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const paths: string[] = [];
  let to: Layout | null = null;
  let out: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      io.stdout.write(USAGE[lang] + "\n");
      return 0;
    }
    if (!arg.startsWith("-") || arg === "-") {
      paths.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!["--to", "--out", "--lang"].includes(name)) throw new UsageError(`convert 不支持选项：${arg}`, `convert does not take the option ${arg}`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "") throw new UsageError(`选项 ${name} 需要一个值`, `option ${name} needs a value`);
    if (name === "--to") {
      if (value !== "structured" && value !== "published") {
        throw new UsageError(`--to 只能是 structured 或 published：${value}`, `--to must be structured or published: ${value}`);
      }
      to = value;
    } else if (name === "--out") out = value;
    else if (value !== "zh" && value !== "en") throw new UsageError(`--lang 只能是 zh 或 en：${value}`, `--lang must be zh or en: ${value}`);
  }
  if (paths.length !== 1) {
    throw new UsageError("convert 需要且只接受一个 .xlsx 文件", "convert takes exactly one .xlsx file");
  }
  if (to === null) throw new UsageError("convert 需要 --to structured 或 --to published", "convert needs --to structured or --to published");
  const input = path.resolve(cwd, paths[0]);
  const display = displayPath(input, cwd);
  try {
    const done = await convertFile({ input, to, out: out === null ? null : path.resolve(cwd, out) });
    io.stdout.write(safeText(convertedLine(done, displayPath(done.out, cwd), lang)) + "\n");
    return 0;
  } catch (e) {
    const error = e instanceof InputError ? e : new InputError("unreadable", `转换时出错：${errText(e)}`, `failed while converting: ${errText(e)}`);
    io.stderr.write(inputErrorLine(display, error, lang) + "\n");
    return 2;
  }
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

export async function run(argv: string[], io: CliIo): Promise<number> {
  let lang: Lang = sniffLang(argv);
  try {
    const env = io.env ?? process.env;
    const cwd = io.cwd ?? process.cwd();
    if (argv[0] === "convert") {
      try {
        return await runConvert(argv.slice(1), io, lang);
      } catch (e) {
        if (e instanceof UsageError) {
          io.stderr.write(`jixiao: ${safeText(lang === "zh" ? e.message : e.messageEn)}\n${lang === "zh" ? "用 --help 查看用法" : "see --help"}\n`);
          return 2;
        }
        throw e;
      }
    }
    let opts: CliOptions;
    try {
      opts = parseArgs(argv);
      if (opts.fix !== null && opts.annotate !== null && path.resolve(cwd, opts.fix) === path.resolve(cwd, opts.annotate)) {
        throw new UsageError("--fix 与 --annotate 的输出不能相同", "--fix and --annotate cannot write to the same place");
      }
    } catch (e) {
      if (e instanceof UsageError) {
        io.stderr.write(`jixiao: ${safeText(lang === "zh" ? e.message : e.messageEn)}\n${lang === "zh" ? "用 --help 查看用法" : "see --help"}\n`);
        return 2;
      }
      throw e;
    }
    lang = opts.lang;
    if (opts.help) {
      io.stdout.write(USAGE[lang] + "\n");
      return 0;
    }

    const validateOptions: ValidateOptions = {};
    if (opts.profile !== null) {
      const known = listProfiles().map((p) => p.id);
      if (!known.includes(opts.profile)) {
        io.stderr.write(
          lang === "zh"
            ? `jixiao: 未知的指标体系配置“${safeText(opts.profile)}”；可用：${known.join("、")}\n`
            : `jixiao: unknown profile "${safeText(opts.profile)}"; known profiles: ${known.join(", ")}\n`,
        );
        return 2;
      }
      validateOptions.profile = opts.profile;
    }

    const limits = limitsOf(opts);
    const paths = opts.paths.length ? opts.paths : [defaultSeedPath()];
    const inputs = collectInputs(paths, cwd);
    const outcomes: FileOutcome[] = [];
    for (const input of inputs) {
      const display = displayPath(input.file, cwd);
      outcomes.push(input.error ? { file: input.file, display, error: input.error } : await checkFile(input.file, display, validateOptions, limits, opts.sheet));
    }

    let status = 0;
    for (const o of outcomes) {
      if (isFailed(o)) {
        io.stderr.write(inputErrorLine(o.display, o.error, lang) + "\n");
        status = 2;
      } else if (o.summary.errors > 0 && status === 0) status = 1;
    }
    const checked = outcomes.filter((o): o is CheckedFile => !isFailed(o));
    const inputFiles = inputs.map((i) => i.file);

    // --fix: each copy is made from a fresh read of its input (the annotated copy is made from the checked one).
    const fixes: FixReport[] = [];
    if (opts.fix !== null) {
      const plan = planCopies(opts.fix, "--fix", "fixed", checked, inputFiles, cwd);
      for (const e of plan.errors) {
        io.stderr.write(inputErrorLine(e.display, e.error, lang) + "\n");
        status = 2;
      }
      if (plan.targets.length && plan.isDir) fs.mkdirSync(path.resolve(cwd, opts.fix), { recursive: true });
      for (const t of plan.targets) {
        const report: FixReport = { outcome: t.outcome, out: t.out, outDisplay: displayPath(t.out, cwd) };
        try {
          const { workbook } = await readWorkbook(t.outcome.file, limits);
          report.result = fixWorkbook(workbook, t.outcome.sheet, validateOptions);
          await writeAtomically(workbook, t.out);
        } catch (e) {
          delete report.result;
          report.error =
            e instanceof InputError
              ? e
              : new InputError("unreadable", `无法写入修复副本 ${t.out}（${errText(e)}）`, `cannot write the fixed copy ${t.out} (${errText(e)})`);
          io.stderr.write(inputErrorLine(t.outcome.display, report.error, lang) + "\n");
          status = 2;
        }
        fixes.push(report);
      }
    }

    if (opts.format === "json") io.stdout.write(formatJson(outcomes, fixes));
    else {
      io.stdout.write(formatText(outcomes, lang, Boolean(io.stdout.isTTY) && !env.NO_COLOR));
      const fixText = formatFixText(fixes, lang);
      if (fixText) io.stdout.write("\n" + fixText);
    }

    if (opts.annotate !== null) {
      const plan = planCopies(opts.annotate, "--annotate", "annotated", checked, inputFiles, cwd);
      for (const e of plan.errors) {
        io.stderr.write(inputErrorLine(e.display, e.error, lang) + "\n");
        status = 2;
      }
      if (plan.targets.length && plan.isDir) fs.mkdirSync(path.resolve(cwd, opts.annotate), { recursive: true });
      for (const t of plan.targets) {
        try {
          annotateWorkbook(t.outcome.workbook, t.outcome.sheet, t.outcome.findings, lang);
          await writeAtomically(t.outcome.workbook, t.out);
          const shown = displayPath(t.out, cwd);
          io.stderr.write(safeText(lang === "zh" ? `jixiao: 已写入标注副本 ${shown}` : `jixiao: wrote annotated copy ${shown}`) + "\n");
        } catch (e) {
          io.stderr.write(
            safeText(
              lang === "zh"
                ? `jixiao: ${t.outcome.display}: 无法写入标注副本 ${t.out}（${errText(e).split("\n")[0]}）`
                : `jixiao: ${t.outcome.display}: cannot write the annotated copy ${t.out} (${errText(e).split("\n")[0]})`,
            ) + "\n",
          );
          status = 2;
        }
      }
    }
    return status;
  } catch (e) {
    io.stderr.write(
      safeText(lang === "zh" ? `jixiao: 内部错误：${errText(e).split("\n")[0]}` : `jixiao: internal error: ${errText(e).split("\n")[0]}`) + "\n",
    );
    return 2;
  }
}

/** Run with the process's arguments and streams; sets the exit code without cutting stdout short. */
export function main(): void {
  // A closed pipe (`jixiao … | head`) is not an error worth a stack trace.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  });
  run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}

