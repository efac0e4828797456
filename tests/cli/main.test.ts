/**
 * run() in-process on workbooks built from the seed JSON. These tests need the engine (model, grammar,
 * catalogue, rules); the reader tests in xlsx-reader.test.ts do not.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ExcelJS from "exceljs";
import { run } from "../../src/cli/main";
import { SEVERITY_FILL } from "../../src/cli/annotate";
import { renderPublished, seedRows } from "../../scripts/build-seeds";

const SEED_SHEET = "绩效目标表";
import { listProfiles } from "../../src/core/index";
import { capture, removeDir, seed, sha256, tempDir, writeSeed } from "./cli-helpers";

interface JsonFinding {
  ruleId: string;
  ruleName: string;
  category: string;
  severity: "error" | "warning" | "info";
  cell: string;
  message: string;
  messageEn: string;
}
interface JsonFile {
  file: string;
  sheet?: string;
  layout?: string;
  summary?: { errors: number; warnings: number; infos: number; projects: number; indicators: number };
  findings?: JsonFinding[];
  error?: { message: string; messageEn: string };
}

let dir: string;
let seedFile: string;
beforeAll(async () => {
  dir = tempDir();
  seedFile = await writeSeed(dir);
});
afterAll(() => removeDir(dir));

/** Indicators in the seed, counted from the JSON: each item starts with "N、" at the start or after "。". */
const SEED_INDICATORS = seed.rows.reduce((n, r) => n + (r.indicators.match(/(?:^|。)\s*\d+、/g) ?? []).length, 0);
const SEED_PROJECTS = seed.rows.filter((r) => r.level === "project").length;
/** Sheet row (1-based) of each seed row: title, unit line and header take rows 1–3. */
const seedRow = (name: string) => 4 + seed.rows.findIndex((r) => r.name === name);

async function runJson(args: string[], cwd = dir) {
  const c = capture(cwd);
  const code = await run([...args, "--format", "json"], c.io);
  return { code, json: JSON.parse(c.out()) as { files: JsonFile[] }, err: c.err(), out: c.out() };
}

function tally(findings: JsonFinding[]) {
  return {
    errors: findings.filter((f) => f.severity === "error").length,
    warnings: findings.filter((f) => f.severity === "warning").length,
    infos: findings.filter((f) => f.severity === "info").length,
  };
}

describe("jixiao check on the seed", () => {
  it("prints JSON of the documented shape whose summary counts equal the findings", async () => {
    const { code, json, err } = await runJson([seedFile]);
    expect(Object.keys(json)).toEqual(["files"]);
    expect(json.files).toHaveLength(1);
    const f = json.files[0];
    expect(f.file).toBe("seed.xlsx");
    expect(f.sheet).toBe(SEED_SHEET);
    expect(f.layout).toBe("published");
    expect(f.error).toBeUndefined();
    const s = f.summary!;
    expect(Object.keys(s).sort()).toEqual(["errors", "indicators", "infos", "projects", "warnings"]);
    expect(s.projects).toBe(SEED_PROJECTS);
    expect(s.indicators).toBe(SEED_INDICATORS);
    expect(tally(f.findings!)).toEqual({ errors: s.errors, warnings: s.warnings, infos: s.infos });
    for (const x of f.findings!) {
      for (const k of ["ruleId", "category", "severity", "cell", "message", "messageEn"] as const) expect(typeof x[k]).toBe("string");
      expect(x.cell).toMatch(/^[A-Z]{1,3}[1-9]\d*$/);
      expect(["error", "warning", "info"]).toContain(x.severity);
    }
    expect(code).toBe(s.errors > 0 ? 1 : 0);
    expect(err).toBe("");
  });

  it("flags the seed's code-prefixed 三级 name 00-专家评审通过率 in its 绩效指标 cell", async () => {
    const { json } = await runJson([seedFile]);
    const cell = `G${seedRow("耕地保护和国土空间规划经费")}`;
    const hit = json.files[0].findings!.find((x) => x.ruleName === "name-code-prefix");
    expect(hit).toBeDefined();
    expect(hit!.cell).toBe(cell);
    expect(hit!.message).toContain("00-");
  });

  it("prints a text report: heading, one line per finding, file and total summary lines", async () => {
    const { json } = await runJson([seedFile]);
    const f = json.files[0];
    const c = capture(dir);
    const code = await run(["check", seedFile], c.io);
    const out = c.out();
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toContain("seed.xlsx");
    expect(lines[0]).toContain(`工作表“${SEED_SHEET}”`);
    expect(lines[0]).toContain(`${SEED_PROJECTS} 个项目`);
    expect(lines[0]).toContain(`${SEED_INDICATORS} 项指标`);
    const word = { error: "错误", warning: "警告", info: "提示" };
    for (const x of f.findings!) {
      const line = lines.find((l) => l.includes(` ${x.ruleId} ${x.ruleName}  ${x.message}`) && l.trimStart().startsWith(x.cell + " "));
      expect(line).toBeDefined();
      expect(line).toContain(`  ${word[x.severity]}  `);
    }
    const s = f.summary!;
    const counts = `${s.errors} 个错误，${s.warnings} 个警告，${s.infos} 个提示`;
    expect(lines).toContain(`  小计：${counts}`);
    // The seed's one safe fix (the 00- prefix, JX401) is announced under the subtotal.
    const fixable = (f.findings as (JsonFinding & { fix?: unknown })[]).filter((x) => x.fix).length;
    expect(fixable).toBe(1);
    expect(lines).toContain(`  其中 ${fixable} 个可用 --fix 自动修复`);
    expect(lines[lines.length - 1]).toBe(`共检查 1 个文件：${counts}`);
    expect(out).not.toContain("\x1b[");
    expect(code).toBe(s.errors > 0 ? 1 : 0);
  });

  it("colours only on a TTY without NO_COLOR", async () => {
    const tty = capture(dir, { tty: true, env: {} });
    await run([seedFile], tty.io);
    expect(tty.out()).toContain("\x1b[");
    const noColor = capture(dir, { tty: true, env: { NO_COLOR: "1" } });
    await run([seedFile], noColor.io);
    expect(noColor.out()).not.toContain("\x1b[");
  });

  it("speaks English with --lang en", async () => {
    const { json } = await runJson([seedFile]);
    const f = json.files[0];
    const c = capture(dir);
    await run([seedFile, "--lang", "en"], c.io);
    const out = c.out();
    expect(out).toContain(`sheet "${SEED_SHEET}"`);
    expect(out).toContain(`${SEED_PROJECTS} projects, ${SEED_INDICATORS} indicators`);
    for (const x of f.findings!) expect(out).toContain(`${x.severity.padEnd(7)}  ${x.ruleId} ${x.ruleName}  ${x.messageEn}`);
    expect(out).not.toMatch(/错误|警告|提示|共检查/);
    expect(out.trimEnd().split("\n").pop()).toMatch(/^Checked 1 file: \d+ errors?, \d+ warnings?, \d+ infos?$/);
  });

  it("checks the bundled seed when given no path, whatever the working directory", async () => {
    const c = capture(dir);
    const code = await run(["--format", "json"], c.io);
    expect(c.err()).toBe("");
    const json = JSON.parse(c.out()) as { files: JsonFile[] };
    expect(json.files).toHaveLength(1);
    expect(json.files[0].file).toMatch(/seeds[\\/]guangzhou-land-planning-2024\.xlsx$/);
    expect(json.files[0].summary!.projects).toBe(SEED_PROJECTS);
    expect(code).toBe(json.files[0].summary!.errors > 0 ? 1 : 0);
  });
});

describe("options", () => {
  it("refuses an unknown profile with exit 2 and lists the known ids", async () => {
    const known = listProfiles().map((p) => p.id);
    expect(known.length).toBeGreaterThan(0);
    const c = capture(dir);
    expect(await run([seedFile, "--profile", "no-such-profile"], c.io)).toBe(2);
    expect(c.out()).toBe("");
    for (const id of known) expect(c.err()).toContain(id);
    expect(c.err()).toContain("no-such-profile");
    expect(c.err().trimEnd().split("\n")).toHaveLength(1);
  });

  it("accepts a known profile", async () => {
    const id = listProfiles()[0].id;
    const { json, code } = await runJson([seedFile, "--profile", id]);
    expect(json.files[0].summary!.projects).toBe(SEED_PROJECTS);
    expect(code).toBeLessThan(2);
  });

  it("prints usage for --help and exits 2 on bad usage", async () => {
    const help = capture(dir);
    expect(await run(["--help"], help.io)).toBe(0);
    expect(help.out()).toContain("--annotate");
    const helpEn = capture(dir);
    expect(await run(["--help", "--lang", "en"], helpEn.io)).toBe(0);
    expect(helpEn.out()).toMatch(/^Usage: jixiao/);
    for (const bad of [["--format", "xml"], ["--lang", "fr"], ["--bogus"], ["--annotate"]]) {
      const c = capture(dir);
      expect(await run([seedFile, ...bad], c.io)).toBe(2);
      expect(c.out()).toBe("");
      expect(c.err()).toMatch(/^jixiao: /);
    }
  });

  it("names the other sheets holding a table, and --sheet chooses one (a missing one is exit 2, listing the sheets)", async () => {
    const two = path.join(__dirname, "..", "fixtures", "hostile", "two-candidate-sheets.xlsx");
    const first = await runJson([two]);
    expect(first.json.files[0]).toMatchObject({ sheet: "2024年", otherTableSheets: ["2024年（修订）"] });
    const text = capture(dir);
    await run([two], text.io);
    expect(text.out()).toContain("另有含绩效目标表的工作表未检查：“2024年（修订）”；可用 --sheet 指定");
    const second = await runJson([two, "--sheet", "2024年（修订）"]);
    expect(second.json.files[0]).toMatchObject({ sheet: "2024年（修订）", otherTableSheets: ["2024年"] });
    // The revised sheet has a total off by 0.01: errors the first sheet does not have.
    expect(second.code).toBe(1);
    expect(first.code).toBe(0);
    const missing = capture(dir);
    expect(await run([two, "--sheet", "2025年", "--lang", "en"], missing.io)).toBe(2);
    expect(missing.err()).toContain('no sheet named "2025年" (sheets: "2024年", "2024年（修订）")');
    // The seed has one table sheet: nothing else is mentioned.
    expect((await runJson([seedFile])).json.files[0]).not.toHaveProperty("otherTableSheets");
  });
});

describe("unreadable inputs", () => {
  let bad: string;
  const files: Record<string, string> = {};
  beforeAll(async () => {
    bad = fs.mkdtempSync(path.join(dir, "bad-"));
    files.missing = path.join(bad, "missing.xlsx");
    files.text = path.join(bad, "notes.xlsx");
    fs.writeFileSync(files.text, "这不是工作簿\n");
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole, 0);
    Buffer.from("EncryptedPackage", "utf16le").copy(ole, 1536);
    files.encrypted = path.join(bad, "locked.xlsx");
    fs.writeFileSync(files.encrypted, ole);
    const whole = fs.readFileSync(seedFile);
    files.truncated = path.join(bad, "truncated.xlsx");
    fs.writeFileSync(files.truncated, whole.subarray(0, whole.length - 200));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").getCell("A1").value = "本工作簿没有绩效目标表";
    wb.addWorksheet("数据").getCell("B2").value = 42;
    files.noTable = path.join(bad, "other.xlsx");
    await wb.xlsx.writeFile(files.noTable);
  });

  const cases: [string, RegExp][] = [
    ["missing", /文件不存在/],
    ["text", /不是 \.xlsx/],
    ["encrypted", /密码/],
    ["truncated", /损坏或不完整/],
    ["noTable", /未找到绩效目标表：表头需包含“项目名称”和“绩效指标”.*“说明”、“数据”/],
  ];
  it.each(cases)("exits 2 with a one-line reason naming the file: %s", async (kind, reason) => {
    const c = capture(dir);
    expect(await run([files[kind]], c.io)).toBe(2);
    const err = c.err().trimEnd().split("\n");
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(path.basename(files[kind]));
    expect(err[0]).toMatch(reason);
    expect(err[0]).not.toMatch(/\bat .*:\d+:\d+/); // no stack trace
  });

  it("still checks and reports the other files of the same run", async () => {
    const { code, json, err } = await runJson([files.missing, seedFile, files.encrypted]);
    expect(code).toBe(2);
    expect(json.files).toHaveLength(3);
    expect(json.files[0].error?.message).toMatch(/文件不存在/);
    expect(json.files[0].error?.messageEn).toMatch(/not found/);
    expect(json.files[1].summary?.projects).toBe(SEED_PROJECTS);
    expect(json.files[2].error?.messageEn).toMatch(/password/);
    expect(err.trimEnd().split("\n")).toHaveLength(2);
  });

  it("reports the reason in English with --lang en", async () => {
    const c = capture(dir);
    expect(await run([files.noTable, "--lang", "en"], c.io)).toBe(2);
    expect(c.err()).toMatch(/no performance target table found.*"说明", "数据"/);
  });
});

describe("folders", () => {
  it("walks a folder recursively, sorted, skipping lock files and other extensions", async () => {
    const folder = fs.mkdtempSync(path.join(dir, "folder-"));
    fs.mkdirSync(path.join(folder, "sub"));
    // b.xlsx: the seed with a 总计 that is not 财政拨款 + 财政专户拨款 + 其他资金 (36.08 ≠ 35.08).
    const broken = seedRows().map((r) => (r.name.trim() === "机构运行辅助经费" ? { ...r, amounts: { ...r.amounts, total: 36.08 } } : r));
    await renderPublished(broken).xlsx.writeFile(path.join(folder, "b.xlsx"));
    fs.copyFileSync(seedFile, path.join(folder, "sub", "a.xlsx"));
    fs.writeFileSync(path.join(folder, "~$b.xlsx"), "lock");
    fs.writeFileSync(path.join(folder, "readme.txt"), "x");
    const { code, json } = await runJson([folder]);
    expect(json.files.map((f) => f.file)).toEqual([
      path.join(path.basename(folder), "b.xlsx"),
      path.join(path.basename(folder), "sub", "a.xlsx"),
    ]);
    const rowTotal = json.files[0].findings!.filter((f) => f.ruleName === "row-total-sum");
    expect(rowTotal.map((f) => [f.cell, f.severity])).toContainEqual([`B${seedRow("机构运行辅助经费")}`, "error"]);
    expect(code).toBe(1);
    const text = capture(dir);
    await run([folder], text.io);
    const total = json.files.reduce((n, f) => n + f.summary!.errors, 0);
    expect(text.out()).toMatch(new RegExp(`共检查 2 个文件：${total} 个错误，`));
  });

  it("exits 2 for a folder without any workbook", async () => {
    const empty = fs.mkdtempSync(path.join(dir, "empty-"));
    const c = capture(dir);
    expect(await run([empty], c.io)).toBe(2);
    expect(c.err()).toMatch(/没有 \.xlsx/);
  });
});

describe("--annotate", () => {
  async function cellsWithFill(file: string) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(SEED_SHEET)!;
    const filled = new Map<string, string>();
    const notes = new Map<string, string>();
    const palette = new Set(Object.values(SEVERITY_FILL));
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        const fill = cell.fill as { fgColor?: { argb?: string } } | undefined;
        const argb = fill?.fgColor?.argb;
        if (argb && palette.has(argb)) filled.set(cell.address, argb);
        const note = cell.note as unknown;
        if (note) {
          const text =
            typeof note === "string"
              ? note
              : ((note as { texts?: { text: string }[] }).texts ?? []).map((t) => t.text).join("");
          notes.set(cell.address, text);
        }
      }),
    );
    return { filled, notes };
  }

  it("writes a copy with fills and notes exactly on the finding cells; the input is unchanged", async () => {
    const before = sha256(seedFile);
    const out = path.join(dir, "annotated.xlsx");
    const { json } = await runJson([seedFile, "--annotate", out]);
    expect(sha256(seedFile)).toBe(before);
    const findings = json.files[0].findings!;
    expect(findings.length).toBeGreaterThan(0);
    const { filled, notes } = await cellsWithFill(out);
    const expectedCells = [...new Set(findings.map((f) => f.cell))].sort();
    expect([...filled.keys()].sort()).toEqual(expectedCells);
    expect([...notes.keys()].sort()).toEqual(expectedCells);
    const rank = { error: 0, warning: 1, info: 2 } as const;
    for (const cell of expectedCells) {
      const here = findings.filter((f) => f.cell === cell);
      const worst = here.reduce((w, f) => (rank[f.severity] < rank[w] ? f.severity : w), here[0].severity);
      expect(filled.get(cell)).toBe(SEVERITY_FILL[worst]);
      for (const f of here) expect(notes.get(cell)).toContain(f.message);
    }
    expect(fs.readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("writes English notes with --lang en", async () => {
    const out = path.join(dir, "annotated-en.xlsx");
    const { json } = await runJson([seedFile, "--annotate", out, "--lang", "en"]);
    const { notes } = await cellsWithFill(out);
    for (const f of json.files[0].findings!) expect(notes.get(f.cell)).toContain(f.messageEn);
  });

  it("refuses to write over the input", async () => {
    const before = sha256(seedFile);
    const c = capture(dir);
    expect(await run([seedFile, "--annotate", "./seed.xlsx"], c.io)).toBe(2);
    expect(c.err()).toMatch(/拒绝覆盖输入文件/);
    expect(sha256(seedFile)).toBe(before);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses to write over the input through a symlink or a hard link, for --annotate and --fix", async () => {
    const before = sha256(seedFile);
    const soft = path.join(dir, "soft-link.xlsx");
    const hard = path.join(dir, "hard-link.xlsx");
    fs.symlinkSync(seedFile, soft);
    fs.linkSync(seedFile, hard);
    try {
      for (const [opt, out] of [["--annotate", soft], ["--fix", hard], ["--annotate", hard], ["--fix", soft]]) {
        const c = capture(dir);
        expect(await run([seedFile, opt, out], c.io)).toBe(2);
        expect(c.err()).toMatch(/拒绝覆盖输入文件/);
      }
      expect(sha256(seedFile)).toBe(before);
    } finally {
      fs.rmSync(soft);
      fs.rmSync(hard);
    }
  });

  it("treats the value as a folder with several inputs", async () => {
    const second = path.join(dir, "second.xlsx");
    fs.copyFileSync(seedFile, second);
    const outDir = path.join(dir, "annotated-dir");
    const c = capture(dir);
    await run([seedFile, second, "--annotate", outDir], c.io);
    expect(fs.readdirSync(outDir).sort()).toEqual(["second.annotated.xlsx", "seed.annotated.xlsx"]);
    const { filled } = await cellsWithFill(path.join(outDir, "seed.annotated.xlsx"));
    expect(filled.size).toBeGreaterThan(0);
  });
});
