/**
 * The hostile-input corpus (tests/fixtures/hostile, built by scripts/build-fixtures.ts): the real command line on
 * every file, asserting the exact outcome — exit status and the one-line message in both languages for files that
 * cannot be checked, the findings (rule + cell) for the others — with a time limit on every run. The largest
 * shapes run as child processes with a capped heap, so "no hang, no out-of-memory" is measured, not assumed.
 * Also: the text report never lets a cell's control characters reach the terminal raw, JSON stays valid, copies
 * (--annotate, --fix) read back with the input's text intact and the input's bytes unchanged, and the builder
 * reproduces the committed corpus.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import ExcelJS from "exceljs";
import { run, safeText } from "../../src/cli/main";
import { readWorkbook } from "../../src/cli/xlsx-reader";
import { bufferReader, entryDataStart, readCentralDirectory } from "../../src/cli/zip-guard";
import { FIXTURES, buildFixtures, readme } from "../../scripts/build-fixtures";
import { capture, removeDir, sha256, tempDir } from "./cli-helpers";

const ROOT = path.resolve(__dirname, "../..");
const DIR = path.join(ROOT, "tests", "fixtures", "hostile");
const BIN = path.join(ROOT, "bin", "jixiao.js");

/** The seed's own findings: a 00- code, two values without unit, a project without 满意度. */
const SEED = ["JX203@G7", "JX401@G7", "JX501@G8", "JX501@G10"];
const times = (n: number, f: string): string[] => Array.from({ length: n }, () => f);

interface Unreadable {
  exit: 2;
  kind: string;
  zh: string;
  en: string;
}
interface Checked {
  exit: 0 | 1;
  sheet: string;
  findings: string[];
  hiddenSheets?: string[];
  /** Checked in a child process with this heap cap (MB) rather than in-process. */
  heapMb?: number;
}
type Outcome = Unreadable | Checked;

const NO_ZIP = { kind: "not-xlsx", zh: "不是 .xlsx 文件（不是 zip 格式）", en: "not an .xlsx file (not a zip archive)" };
const NO_TABLE_ZH = "未找到绩效目标表：表头需包含“项目名称”和“绩效指标”";
const NO_TABLE_EN = "no performance target table found: the header must contain 项目名称 and 绩效指标";
const CORRUPT_ZH = "文件已损坏或不完整，无法作为 .xlsx 打开";
const CORRUPT_EN = "the file is corrupt or truncated and cannot be opened as .xlsx";
const SHEET_UNREADABLE = {
  kind: "corrupt",
  zh: "文件已损坏或结构不受支持：有工作表的内容无法读取（不完整，或使用了不支持的写法）；请用 Excel 打开后另存为 .xlsx",
  en: "the file is corrupt or laid out in a way that cannot be read: a worksheet's content could not be parsed (cut off, or written in an unsupported form); open it in Excel and save it as .xlsx",
};
const TOO_MANY_CELLS = (entry: string) => ({
  kind: "too-large",
  zh: `工作簿的单元格超过 2,000,000 个（含只有格式的空单元格、行与合并区域，数到 ${entry} 时），拒绝检查；可用 --max-cells 调整`,
  en: `the workbook has more than 2,000,000 cells, counting formatted blanks, rows and merged areas (counting reached ${entry}); refused; raise the limit with --max-cells`,
});
const checked = (exit: 0 | 1, findings: string[], extra: Partial<Checked> = {}): Checked => ({ exit, sheet: "绩效目标表", findings, ...extra });
const unreadable = (u: Omit<Unreadable, "exit">): Unreadable => ({ exit: 2, ...u });

const EXPECT: Record<string, Outcome> = {
  "empty-file.xlsx": unreadable(NO_ZIP),
  "html-saved-as-xlsx.xlsx": unreadable(NO_ZIP),
  "csv-renamed.xlsx": unreadable(NO_ZIP),
  "encrypted-password.xlsx": unreadable({
    kind: "encrypted",
    zh: "工作簿设有打开密码（已加密），请先在 Excel 中取消密码再检查",
    en: "the workbook is password-protected (encrypted); remove the password in Excel first",
  }),
  "legacy-xls-renamed.xlsx": unreadable({
    kind: "legacy-xls",
    zh: "这是旧版 .xls（OLE 复合文档）文件，不是 .xlsx；请在 Excel 中另存为 .xlsx",
    en: "this is a legacy .xls (OLE compound) file, not .xlsx; save it as .xlsx in Excel",
  }),
  "truncated-zip.xlsx": unreadable({
    kind: "corrupt",
    zh: `${CORRUPT_ZH}（找不到 zip 中央目录，文件可能被截断）`,
    en: `${CORRUPT_EN} (no zip central directory found; the file may be truncated)`,
  }),
  "zip-central-directory-out-of-range.xlsx": unreadable({
    kind: "corrupt",
    zh: `${CORRUPT_ZH}（zip 中央目录超出文件末尾，文件可能被截断）`,
    en: `${CORRUPT_EN} (the zip central directory runs past the end of the file; it may be truncated)`,
  }),
  "zip-bomb-shared-strings.xlsx": unreadable({
    kind: "too-large",
    zh: "解压后共 1.2 GB，超过上限 256 MB（最大的是 xl/sharedStrings.xml，1.2 GB），拒绝检查；可用 --max-unzipped-mb 调整（现为 256）",
    en: "1.2 GB once unzipped, more than the limit of 256 MB (the largest part is xl/sharedStrings.xml, 1.2 GB); refused; raise the limit with --max-unzipped-mb (now 256)",
  }),
  "zip-bomb-lying-size.xlsx": unreadable({
    kind: "zip-bomb",
    zh: "zip 条目 xl/sharedStrings.xml 解压后的大小与记录不符（记录 150 KB，实际至少 256 KB），文件已被篡改，拒绝检查",
    en: "zip entry xl/sharedStrings.xml inflates to more than it records (150 KB recorded, at least 256 KB produced); the file has been tampered with; refused",
  }),
  "zip-impossible-ratio.xlsx": unreadable({
    kind: "zip-bomb",
    zh: "zip 条目 xl/sharedStrings.xml 声明的压缩比（1.7 KB → 3.4 MB）超出 deflate 的极限，文件已被篡改，拒绝检查",
    en: "zip entry xl/sharedStrings.xml declares a compression ratio (1.7 KB → 3.4 MB) beyond what deflate can do; the file has been tampered with; refused",
  }),
  "zip-many-entries.xlsx": unreadable({
    kind: "too-large",
    zh: "zip 中有 10,017 个条目，超过上限 10,000，拒绝检查",
    en: "the zip holds 10,017 entries, more than the limit of 10,000; refused",
  }),
  "zip-encrypted-entry.xlsx": unreadable({
    kind: "encrypted",
    zh: "zip 条目 xl/workbook.xml 已加密，无法读取；请在 Excel 中另存为普通 .xlsx",
    en: "zip entry xl/workbook.xml is encrypted and cannot be read; save the workbook as a plain .xlsx in Excel",
  }),
  "zip-unsupported-method.xlsx": unreadable({
    kind: "corrupt",
    zh: `${CORRUPT_ZH}（zip 条目 xl/sharedStrings.xml 使用了不支持的压缩方式 12）`,
    en: `${CORRUPT_EN} (zip entry xl/sharedStrings.xml uses the unsupported compression method 12)`,
  }),
  "zip64-records.xlsx": checked(0, SEED),
  "zip-trailing-garbage.xlsx": checked(0, SEED),
  "zip-not-a-workbook.xlsx": unreadable({ kind: "no-table", zh: `${NO_TABLE_ZH}（工作簿中没有工作表）`, en: `${NO_TABLE_EN} (the workbook has no worksheet)` }),
  "xml-billion-laughs.xlsx": unreadable({
    kind: "corrupt",
    zh: "文件已损坏：其中的 XML 有错误（第 2 行第 1071 列：undefined entity.），无法作为 .xlsx 打开",
    en: "the file is corrupt: its XML is malformed (line 2, column 1071: undefined entity.) and it cannot be opened as .xlsx",
  }),
  "xml-truncated-sheet.xlsx": unreadable(SHEET_UNREADABLE),
  "xml-raw-control-bytes.xlsx": unreadable({
    kind: "corrupt",
    zh: "文件已损坏：其中的 XML 有错误（第 2 行第 350 列：disallowed character.），无法作为 .xlsx 打开",
    en: "the file is corrupt: its XML is malformed (line 2, column 350: disallowed character.) and it cannot be opened as .xlsx",
  }),
  "xml-namespace-prefixes.xlsx": unreadable(SHEET_UNREADABLE),
  "inline-strings.xlsx": checked(0, SEED),
  "cells-without-refs.xlsx": unreadable({
    kind: "corrupt",
    zh: "工作表中有缺少行号（r 属性）的行，无法读取；请用 Excel 打开后另存为 .xlsx",
    en: "a worksheet has rows without row numbers (r attributes) and cannot be read; open it in Excel and save it as .xlsx",
  }),
  "duplicate-cells.xlsx": checked(1, ["JX102@B5", "JX101@B6", ...SEED]),
  "cells-2-million.xlsx": unreadable(TOO_MANY_CELLS("xl/worksheets/sheet2.xml")),
  "empty-workbook.xlsx": unreadable({ kind: "no-table", zh: `${NO_TABLE_ZH}（工作簿中没有工作表）`, en: `${NO_TABLE_EN} (the workbook has no worksheet)` }),
  "empty-sheet.xlsx": unreadable({ kind: "no-table", zh: `${NO_TABLE_ZH}（已查看工作表：“Sheet1”）`, en: `${NO_TABLE_EN} (sheets looked at: "Sheet1")` }),
  "no-header.xlsx": unreadable({
    kind: "no-table",
    zh: `${NO_TABLE_ZH}（已查看工作表：“说明”、“预算表”）`,
    en: `${NO_TABLE_EN} (sheets looked at: "说明", "预算表")`,
  }),
  "header-only.xlsx": checked(0, []),
  "traditional-header.xlsx": unreadable({ kind: "no-table", zh: `${NO_TABLE_ZH}（已查看工作表：“绩效目标表”）`, en: `${NO_TABLE_EN} (sheets looked at: "绩效目标表")` }),
  "two-candidate-sheets.xlsx": checked(0, SEED, { sheet: "2024年" }),
  "hidden-table-sheet.xlsx": checked(0, SEED, { hiddenSheets: ["绩效目标表"] }),
  "very-hidden-first.xlsx": checked(0, SEED, { hiddenSheets: ["旧表"] }),
  "hidden-rows.xlsx": checked(1, ["JX102@B5", "JX101@B7", ...SEED]),
  "merged-header-into-data.xlsx": checked(1, ["JX001@A4", ...SEED]),
  "merged-across-projects.xlsx": checked(1, ["JX102@B5", "JX101@B7", "JX202@G9", ...SEED]),
  "merged-huge-area.xlsx": unreadable(TOO_MANY_CELLS("xl/worksheets/sheet1.xml")),
  "merged-whole-column.xlsx": checked(0, SEED, { heapMb: 1536 }),
  "formula-error-results.xlsx": checked(1, ["JX103@B6", "JX103@C7", "JX103@B8", ...SEED]),
  "formula-no-cached-result.xlsx": checked(1, ["JX101@B4", "JX102@B4", "JX102@B5", "JX101@B6", ...SEED]),
  "error-values-in-text-cells.xlsx": checked(1, [...times(3, "JX203@G9"), "JX204@G9", "JX205@G9", ...SEED]),
  "amounts-text-thousands.xlsx": checked(1, ["JX102@B4", "JX103@B4", "JX103@C4", "JX102@B5", "JX103@B5", "JX103@C5", ...SEED]),
  "amounts-text-fullwidth.xlsx": checked(0, ["JX103@B6", "JX103@C6", ...SEED]),
  "amounts-text-currency.xlsx": checked(0, ["JX103@B6", "JX103@B7", "JX103@B8", "JX103@B9", ...SEED]),
  "amounts-text-spaces.xlsx": checked(0, ["JX103@B6", "JX103@C6", "JX103@B7", ...SEED]),
  "amounts-extreme-numbers.xlsx": checked(1, ["JX101@B6", "JX103@B7", "JX103@C7", "JX101@B8", ...SEED]),
  "amounts-dates-and-booleans.xlsx": checked(1, ["JX103@B6", "JX103@C6", ...SEED]),
  "indicator-32767-chars.xlsx": checked(1, ["G6", "G7", "G8", "G9", "G10"].flatMap((c) => times(2, `JX203@${c}`))),
  "indicator-over-limit.xlsx": checked(1, [...times(2, "JX203@G6"), ...SEED.filter((f) => f !== "JX203@G7"), "JX203@G7"]),
  "control-characters.xlsx": checked(0, [...SEED, "JX403@G7"]),
  "traditional-characters.xlsx": checked(0, [
    ...times(8, "JX303@G6"),
    "JX503@G6",
    "JX203@G7",
    "JX401@G7",
    ...times(8, "JX303@G7"),
    ...times(8, "JX303@G8"),
    "JX503@G8",
    ...times(8, "JX303@G9"),
    "JX503@G9",
    ...times(8, "JX303@G10"),
    "JX503@G10",
  ]),
  "rtl-and-emoji.xlsx": checked(0, SEED),
  "html-and-script.xlsx": checked(1, ["JX303@G8", "JX205@G8", "JX304@G8", ...times(4, "JX403@G8"), ...SEED]),
  "sheet-name-emoji-quote.xlsx": checked(0, SEED, { sheet: "绩效目标表'2024 📊" }),
  "existing-notes.xlsx": checked(0, SEED),
  "used-range-1048576-rows.xlsx": checked(0, SEED, { heapMb: 512 }),
  "styled-rows-to-1048576.xlsx": checked(0, SEED, { heapMb: 1536 }),
  "cell-at-xfd1048576.xlsx": checked(0, SEED, { heapMb: 512 }),
  "structured-hidden-merged.xlsx": checked(0, ["JX303@H8", "JX203@A10", "JX401@I10", "JX501@J16", "JX501@J24"]),
};

/** Heap caps for refusals that must stay cheap however big the file claims to be. */
const CHILD_UNREADABLE: Record<string, number> = {
  "zip-bomb-shared-strings.xlsx": 256,
  "zip-bomb-lying-size.xlsx": 256,
  "cells-2-million.xlsx": 256,
  "merged-huge-area.xlsx": 256,
};

interface JsonFile {
  file: string;
  sheet?: string;
  hiddenSheets?: string[];
  findings?: { ruleId: string; cell: string; message: string }[];
  error?: { kind: string; message: string; messageEn: string };
  fixed?: { changes: { cell: string }[] };
}

const RUN_LIMIT_MS = 60_000;

/** run() in-process with `DIR` as working folder, failing (not hanging) when it takes longer than `ms`. */
async function cli(args: string[], cwd = DIR, ms = RUN_LIMIT_MS) {
  const c = capture(cwd);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`jixiao ${args.join(" ")} took more than ${ms} ms`)), ms);
  });
  try {
    const code = await Promise.race([run(args, c.io), timeout]);
    return { code, out: c.out(), err: c.err() };
  } finally {
    clearTimeout(timer);
  }
}

/** `node --max-old-space-size=<heapMb> bin/jixiao.js …` with a hard time limit. */
function child(args: string[], heapMb: number, ms = 120_000) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, BIN, ...args], {
    cwd: DIR,
    env: { ...process.env, NO_COLOR: "1" },
    encoding: "utf8",
    timeout: ms,
    maxBuffer: 64 << 20,
  });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr, ms: Date.now() - started };
}

const sorted = (xs: string[]): string[] => [...xs].sort();
const findingKeys = (f: JsonFile): string[] => sorted((f.findings ?? []).map((x) => `${x.ruleId}@${x.cell}`));
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe("the corpus", () => {
  it("has at least 40 files, each built by the script, expected here and listed in the README", () => {
    const onDisk = fs.readdirSync(DIR).filter((n) => n.endsWith(".xlsx")).sort();
    const built = FIXTURES.map((f) => f.file).sort();
    expect(built.length).toBeGreaterThanOrEqual(40);
    expect(onDisk).toEqual(built);
    expect(Object.keys(EXPECT).sort()).toEqual(built);
    const text = fs.readFileSync(path.join(DIR, "README.md"), "utf8");
    expect(text).toBe(readme());
    for (const f of built) expect(text).toContain(`\`${f}\``);
  });

  it("stays small on disk: under 8 MB in all, the zip bomb under 2 MB", () => {
    const sizes = fs.readdirSync(DIR).map((n) => fs.statSync(path.join(DIR, n)).size);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(8 * 1024 * 1024);
    expect(fs.statSync(path.join(DIR, "zip-bomb-shared-strings.xlsx")).size).toBeLessThan(2 * 1024 * 1024);
  });
});

describe("every hostile file gives findings or one clear message", () => {
  const inProcess = Object.entries(EXPECT).filter(([file, e]) => !(e.exit !== 2 && e.heapMb) && !CHILD_UNREADABLE[file]);

  it.each(inProcess.filter(([, e]) => e.exit === 2))("%s: exit 2 with one line naming the file, zh and en", async (file, e) => {
    const u = e as Unreadable;
    const zh = await cli([file]);
    expect(zh.code).toBe(2);
    expect(zh.err).toBe(`jixiao: ${file}: ${u.zh}\n`);
    expect(zh.out).toContain(`${file}\n  无法读取  ${u.zh}\n`);
    const en = await cli([file, "--lang", "en"]);
    expect(en.code).toBe(2);
    expect(en.err).toBe(`jixiao: ${file}: ${u.en}\n`);
    const json = await cli([file, "--format", "json"]);
    expect(json.code).toBe(2);
    const f = (JSON.parse(json.out) as { files: JsonFile[] }).files[0];
    expect(f).toEqual({ file, error: { kind: u.kind, message: u.zh, messageEn: u.en } });
  });

  it.each(inProcess.filter(([, e]) => e.exit !== 2))("%s: checked, with the expected findings", async (file, e) => {
    const c = e as Checked;
    const json = await cli([file, "--format", "json"]);
    expect(json.err).toBe("");
    expect(json.code).toBe(c.exit);
    const f = (JSON.parse(json.out) as { files: JsonFile[] }).files[0];
    expect(f.error).toBeUndefined();
    expect(f.sheet).toBe(c.sheet);
    expect(f.hiddenSheets).toEqual(c.hiddenSheets);
    expect(findingKeys(f)).toEqual(sorted(c.findings));
    const text = await cli([file]);
    expect(text.code).toBe(c.exit);
    expect(text.out).not.toMatch(RAW_CONTROL);
    expect(text.out).toContain(`工作表“${c.sheet}”${c.hiddenSheets?.includes(c.sheet) ? "（隐藏）" : ""}`);
  });
});

describe("the largest shapes, in a child process with a capped heap", () => {
  const big = Object.entries(EXPECT).filter(([file, e]) => (e.exit !== 2 && e.heapMb) || CHILD_UNREADABLE[file]);

  it.each(big)(
    "%s",
    (file, e) => {
      const heap = e.exit === 2 ? CHILD_UNREADABLE[file] : (e as Checked).heapMb!;
      const r = child([file, "--format", "json"], heap);
      expect(r.signal).toBeNull();
      const f = (JSON.parse(r.out) as { files: JsonFile[] }).files[0];
      if (e.exit === 2) {
        expect(r.code).toBe(2);
        expect(f.error).toEqual({ kind: e.kind, message: e.zh, messageEn: e.en });
        expect(r.err).toBe(`jixiao: ${file}: ${e.zh}\n`);
        // A refusal reads no more than the limits allow: quick whatever the file claims.
        expect(r.ms).toBeLessThan(30_000);
      } else {
        expect(r.code).toBe(e.exit);
        expect(r.err).toBe("");
        expect(findingKeys(f)).toEqual(sorted(e.findings));
      }
    },
    180_000,
  );

  it("checks the sheet whose used range reaches row 1,048,576 within seconds", () => {
    const r = child(["used-range-1048576-rows.xlsx", "--format", "json"], 512);
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(20_000);
  }, 60_000);
});

describe("limits can be raised and lowered on the command line", () => {
  it("--max-cells and --max-unzipped-mb refuse a file over them with the message naming the part", async () => {
    const cells = await cli(["zip64-records.xlsx", "--max-cells", "50", "--lang", "en"]);
    expect(cells.code).toBe(2);
    expect(cells.err).toBe(
      "jixiao: zip64-records.xlsx: the workbook has more than 50 cells, counting formatted blanks, rows and merged areas (counting reached xl/worksheets/sheet1.xml); refused; raise the limit with --max-cells\n",
    );
    const size = await cli(["inline-strings.xlsx", "--max-unzipped-mb", "0.01"]);
    expect(size.code).toBe(2);
    expect(size.err).toMatch(
      /^jixiao: inline-strings\.xlsx: 解压后共 \d+(\.\d)? KB，超过上限 10\.2 KB（最大的是 xl\/theme\/theme1\.xml，7\.8 KB），拒绝检查；可用 --max-unzipped-mb 调整（现为 0\.01）\n$/,
    );
    const raised = await cli(["zip64-records.xlsx", "--max-cells", "3,000,000", "--max-unzipped-mb", "512", "--format", "json"]);
    expect(raised.code).toBe(0);
  });

  it("rejects limits that are not positive numbers", async () => {
    for (const [opt, value] of [["--max-cells", "0"], ["--max-cells", "1.5"], ["--max-unzipped-mb", "-1"], ["--max-unzipped-mb", "lots"]]) {
      const r = await cli(["zip64-records.xlsx", opt, value, "--lang", "en"]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^jixiao: ${opt} needs a positive (whole )?number: ${value.replace(".", "\\.")}\\n`));
    }
  });

  it("documents both limits in --help", async () => {
    const zh = await cli(["--help"]);
    expect(zh.out).toContain("--max-unzipped-mb <n>");
    expect(zh.out).toContain("--max-cells <n>");
    const en = await cli(["--help", "--lang", "en"]);
    expect(en.out).toMatch(/--max-unzipped-mb <n> most megabytes a file may take once unzipped \(default 256\)/);
    expect(en.out).toMatch(/--max-cells <n> {7}most cells in one workbook \(default 2,000,000/);
  });
});

describe("control characters and lone surrogates", () => {
  const file = "control-characters.xlsx";

  it("safeText escapes what a terminal would act on and keeps everything else", () => {
    expect(safeText("绩效\x1b[2J\r\n\t\x07\x7f\x9b")).toBe("绩效\\x1B[2J\\x0D\\x0A\\x09\\x07\\x7F\\x9B");
    expect(safeText("a\ud83db\udc00c 😀 👨‍👩‍👧")).toBe("a\\uD83Db\\uDC00c 😀 👨‍👩‍👧");
    expect(safeText("\u202e费经\u2066x\u2069\u2028")).toBe("\\u202E费经\\u2066x\\u2069\\u2028");
    expect(safeText("مشروع תכנון <script>")).toBe("مشروع תכנון <script>");
  });

  it("never reach the terminal raw: the text report shows them escaped", async () => {
    for (const lang of ["zh", "en"]) {
      const r = await cli([file, "--lang", lang]);
      expect(r.out).not.toMatch(RAW_CONTROL);
      expect(r.out).toContain("耕地保护\\uD83D和国土空间规划经费\\uDC00");
      expect(r.out).toContain("00-专家评审通过率\\x1B]0");
    }
    const fixed = await cli([file, "--fix", path.join(tempDir("jixiao-hostile-"), "out.xlsx")]);
    expect(fixed.out).not.toMatch(RAW_CONTROL);
    expect(fixed.out).toContain("\\x1B]0；pwned\\x07");
  });

  it("keep the JSON output valid JSON, with the characters escaped and intact once parsed", async () => {
    const r = await cli([file, "--format", "json"]);
    expect(r.out).not.toMatch(RAW_CONTROL);
    const f = (JSON.parse(r.out) as { files: JsonFile[] }).files[0];
    const messages = f.findings!.map((x) => x.message).join("\n");
    expect(messages).toContain("耕地保护\ud83d和国土空间规划经费\udc00");
    expect(messages).toContain("00-专家评审通过率\u001b]0");
    expect(r.out).toContain("\\ud83d");
    expect(r.out).toContain("\\u001b");
  });
});

describe("--annotate and --fix on hostile files", () => {
  let out: string;
  beforeAll(() => {
    out = tempDir("jixiao-hostile-copies-");
  });
  afterAll(() => removeDir(out));

  /** Every cell's text and number, by address, of every sheet. */
  async function cellsOf(file: string): Promise<Map<string, unknown>> {
    const { sheets } = await readWorkbook(file);
    const cells = new Map<string, unknown>();
    for (const s of sheets)
      s.grid.values.forEach((row, r) =>
        row.forEach((v, c) => {
          // -0 is written as 0 (the same number to Excel).
          if (v !== null && v !== undefined && v !== "") cells.set(`${s.grid.sheet}!${r}:${c}`, v instanceof Date ? v.toISOString() : v === 0 ? 0 : v);
        }),
      );
    return cells;
  }

  const COPIED = [
    "control-characters.xlsx",
    "html-and-script.xlsx",
    "rtl-and-emoji.xlsx",
    "formula-error-results.xlsx",
    "merged-header-into-data.xlsx",
    "indicator-32767-chars.xlsx",
    "sheet-name-emoji-quote.xlsx",
    "amounts-extreme-numbers.xlsx",
    "zip64-records.xlsx",
    "inline-strings.xlsx",
  ];

  it.each(COPIED)(
    "%s: copies exceljs reads back, text intact outside announced fixes, input untouched",
    async (file) => {
      const input = path.join(DIR, file);
      const before = sha256(input);
      const stem = file.replace(/\.xlsx$/, "");
      const fixedOut = path.join(out, `${stem}.fixed.xlsx`);
      const annotatedOut = path.join(out, `${stem}.annotated.xlsx`);
      const r = await cli([file, "--fix", fixedOut, "--annotate", annotatedOut, "--format", "json"]);
      expect(r.code).toBe((EXPECT[file] as Checked).exit);
      expect(sha256(input)).toBe(before);
      expect(fs.readdirSync(out).filter((n) => n.endsWith(".tmp"))).toEqual([]);
      const f = (JSON.parse(r.out) as { files: JsonFile[] }).files[0];
      const changed = new Set((f.fixed?.changes ?? []).map((c) => c.cell));

      const original = await cellsOf(input);
      for (const copy of [annotatedOut, fixedOut]) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(copy); // readable: not a corrupt file
        expect(wb.worksheets.length).toBeGreaterThan(0);
        const got = await cellsOf(copy);
        for (const [key, value] of original) {
          const [sheetName, rc] = key.split("!");
          const [row, col] = rc.split(":").map(Number);
          const a1 = `${String.fromCharCode(65 + col)}${row + 1}`;
          if (copy === fixedOut && sheetName === f.sheet && changed.has(a1)) continue;
          expect([key, got.get(key)]).toEqual([key, value]);
        }
      }
    },
    120_000,
  );
});

describe("--annotate keeps the author's own notes", () => {
  it("existing-notes.xlsx: G7 (faulty) keeps the author's note above ours; A6 keeps its note untouched", async () => {
    const out = tempDir("jixiao-hostile-notes-");
    try {
      const copy = path.join(out, "notes.annotated.xlsx");
      const r = await cli(["existing-notes.xlsx", "--annotate", copy]);
      expect(r.code).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(copy);
      const ws = wb.worksheets.find((w) => w.getCell("G7").note !== undefined)!;
      const text = (n: unknown) => (typeof n === "string" ? n : ((n as { texts: { text: string }[] }).texts ?? []).map((t) => t.text).join(""));
      const g7 = text(ws.getCell("G7").note);
      expect(g7.startsWith("请核对：专家评审通过率的编码\n\n")).toBe(true);
      expect(g7).toMatch(/JX\d{3}/);
      expect(text(ws.getCell("A6").note)).toBe("财务科 2024-01-10");
    } finally {
      removeDir(out);
    }
  });
});

describe("the builder", () => {
  /** The stored parts of a zip (name, method, flags, size, CRC; bytes of parts up to 16 MB), or null if not a zip. */
  function zipParts(buf: Buffer): string[] | null {
    let entries;
    try {
      entries = readCentralDirectory(bufferReader(buf), buf.length, { maxEntries: 100_000 });
    } catch {
      return null;
    }
    const read = bufferReader(buf);
    return entries.map((e) => {
      let digest = "";
      if (e.uncompressedSize <= 16 << 20 && (e.method === 0 || e.method === 8) && !(e.flags & 1)) {
        const start = entryDataStart(read, e);
        const raw = buf.subarray(start, start + e.compressedSize);
        digest = (e.method === 8 ? zlib.inflateRawSync(raw) : raw).toString("base64");
      }
      return JSON.stringify([e.name, e.method, e.flags, e.uncompressedSize, e.crc32, digest]);
    });
  }

  it("reproduces the committed corpus", async () => {
    const tmp = tempDir("jixiao-fixtures-");
    try {
      const written = await buildFixtures(tmp);
      expect(written.sort()).toEqual([...FIXTURES.map((f) => f.file), "README.md"].sort());
      for (const name of written) {
        const committed = fs.readFileSync(path.join(DIR, name));
        const rebuilt = fs.readFileSync(path.join(tmp, name));
        if (committed.equals(rebuilt)) continue;
        // Another zlib may deflate differently: then the parts must still be the same.
        const a = zipParts(committed);
        expect([name, a]).not.toEqual([name, null]);
        expect([name, zipParts(rebuilt)]).toEqual([name, a]);
      }
    } finally {
      removeDir(tmp);
    }
  }, 180_000);
});
