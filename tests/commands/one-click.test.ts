/**
 * The ribbon's 一键校验 over a WorkbookHost double backed by the real engine: what it checks, what it stores in
 * the workbook settings for the pane, and what it tells the user.
 */
import seed from "../../seeds/guangzhou-land-planning-2024.json";
import { validateGrid } from "../../src/core";
import type { GridInput, ValidationResult } from "../../src/core";
import { commandStrings } from "../../src/commands/messages";
import { createOneClickHandler, runOneClickCheck, toStoredRun } from "../../src/commands/one-click";
import type { OutcomeKind } from "../../src/commands/one-click";
import { HostError, STORED_FINDINGS_LIMIT } from "../../src/excel/host";
import type { Lang } from "../../src/excel/host";
import { GOOD_INDICATORS, oneUnit, publishedGrid, seedGrid } from "../helpers/grids";
import type { ProjectSpec, SeedTable } from "../helpers/grids";
import { GridHost } from "./grid-host";

const NOW = new Date("2025-03-04T05:06:07.000Z");
const now = () => NOW;

function seedSheet(name = "绩效目标表"): GridInput {
  return { ...seedGrid(seed as SeedTable), sheet: name };
}

/** 3 total errors (project, unit and 合计 rows) and 1 missing-满意度 warning. */
function errorsAndWarningSheet(name = "Sheet1"): GridInput {
  const noSatisfaction = GOOD_INDICATORS.replace(/4、3-满意度指标.*$/, "");
  return publishedGrid(oneUnit([{ name: "项目甲", total: 12, fiscal: 10, indicators: noSatisfaction }], { sheet: name }));
}

function cleanSheet(name = "Sheet1"): GridInput {
  return publishedGrid(oneUnit([{ name: "项目甲" }], { sheet: name }));
}

function notesSheet(name = "说明"): GridInput {
  return { sheet: name, values: [["填表说明"], ["金额单位：万元"]] };
}

function engine(grid: GridInput): ValidationResult {
  const r = validateGrid(grid);
  if (!r.table) throw new Error(r.message);
  return r;
}

/** A notify that records what it was asked to show. */
function recorder() {
  const shown: { text: string; kind: OutcomeKind }[] = [];
  const notify = async (text: string, kind: OutcomeKind) => {
    shown.push({ text, kind });
  };
  return { shown, notify };
}

describe("runOneClickCheck: a table with findings", () => {
  it("checks the detected sheet, highlights, stores the run for the pane and reports the counts in Chinese", async () => {
    const host = new GridHost({
      sheets: [{ grid: notesSheet() }, { grid: seedSheet() }],
      active: "说明",
      settings: { autoCheck: true },
    });
    const { shown, notify } = recorder();
    const outcome = await runOneClickCheck(host, notify, now);

    const expected = engine(seedSheet());
    expect(expected.summary).toMatchObject({ errors: 0, warnings: 4, infos: 0, projects: 5, indicators: 20 });
    // No sheet named: the host picks it (the adapter reads the active sheet first), with the workbook's settings.
    expect(host.log.checks).toEqual([{ options: { profile: "guangzhou", thresholds: {} }, highlight: true }]);
    expect(outcome.sheet).toBe("绩效目标表");
    expect(host.log.highlights.get("绩效目标表")).toEqual(new Set(expected.findings.map((f) => f.cell)));

    expect(outcome.kind).toBe("findings");
    expect(shown).toEqual([{ text: outcome.text, kind: "findings" }]);
    expect(outcome.text.split("\n")).toEqual([
      "发现 4 个警告（已在表中标记）",
      "工作表“绩效目标表”：已检查 5 个项目、20 个指标。点击“打开助手”查看问题明细。",
    ]);

    // The pane reads it back from the workbook settings; the other settings are untouched.
    const settings = host.loadSettings();
    expect(settings.autoCheck).toBe(true);
    expect(settings.sheet).toBeNull();
    expect(settings.lastRun).toEqual({
      sheet: "绩效目标表",
      at: "2025-03-04T05:06:07.000Z",
      summary: expected.summary,
      message: null,
      findings: JSON.parse(JSON.stringify(expected.findings)),
      truncated: false,
    });
    expect(outcome.stored).toEqual(settings.lastRun);
    expect(host.log.saves).toHaveLength(1);
  });

  it("says it in English, errors first, with singular and plural", async () => {
    const grid = errorsAndWarningSheet();
    expect(engine(grid).summary).toMatchObject({ errors: 3, warnings: 1, infos: 0 });
    const host = new GridHost({ sheets: [{ grid }], lang: "en" });
    const { shown, notify } = recorder();
    await runOneClickCheck(host, notify, now);
    expect(shown[0].text.split("\n")).toEqual([
      "Found 3 errors and 1 warning (marked in the sheet)",
      'Sheet "Sheet1": checked 1 project and 3 indicators. Select "Open assistant" for the details.',
    ]);
    expect(shown[0].kind).toBe("findings");
  });

  it("stores the worst findings first: errors before warnings, sheet order within each", async () => {
    // 项目甲 (row 6) lacks a 满意度 indicator: a warning; 项目乙 (row 7) does not add up: errors on its row and on
    // the unit and 合计 rows above. In sheet order the warning sits between the errors.
    const noSatisfaction = GOOD_INDICATORS.replace(/4、3-满意度指标.*$/, "");
    const grid = publishedGrid(
      oneUnit([
        { name: "项目甲", indicators: noSatisfaction },
        { name: "项目乙", total: 12, fiscal: 10 },
      ]),
    );
    const sheetOrder = engine(grid).findings;
    expect(sheetOrder.map((f) => f.severity)).toEqual(["error", "error", "warning", "error"]);

    const host = new GridHost({ sheets: [{ grid }] });
    const outcome = await runOneClickCheck(host, recorder().notify, now);
    const stored = host.loadSettings().lastRun!.findings;
    expect(stored).toEqual(JSON.parse(JSON.stringify([sheetOrder[0], sheetOrder[1], sheetOrder[3], sheetOrder[2]])));
    expect(outcome.stored!.truncated).toBe(false);
  });

  it("says when the sheet is protected and so not marked", async () => {
    const host = new GridHost({ sheets: [{ grid: seedSheet(), protected: true }] });
    const { shown, notify } = recorder();
    await runOneClickCheck(host, notify, now);
    expect(shown[0].text.split("\n")[0]).toBe("发现 4 个警告（工作表受保护，未在表中标记）");
    expect(host.log.highlights.size).toBe(0);
  });

  it("uses the workbook's profile and thresholds, which reach the engine", async () => {
    // GOOD_INDICATORS has a 满意度 of ≥80%: fine by default, below a floor of 90.
    const base = { sheets: [{ grid: cleanSheet() }] };
    const plain = await runOneClickCheck(new GridHost(base), recorder().notify, now);
    expect(plain.kind).toBe("clean");

    const host = new GridHost({ ...base, settings: { profile: "caiyu-2021-101", thresholds: { satisfactionFloor: 90 } } });
    const strict = await runOneClickCheck(host, recorder().notify, now);
    expect(host.log.checks[0].options).toEqual({ profile: "caiyu-2021-101", thresholds: { satisfactionFloor: 90 } });
    expect(strict.kind).toBe("findings");
    const expected = validateGrid(cleanSheet(), { profile: "caiyu-2021-101", thresholds: { satisfactionFloor: 90 } });
    expect(expected.table).not.toBeNull();
    expect(strict.stored!.summary).toEqual(expected.table ? expected.summary : null);
  });

  it("checks the sheet remembered in the settings rather than the active one", async () => {
    const host = new GridHost({
      sheets: [{ grid: seedSheet("甲表") }, { grid: cleanSheet("乙表") }],
      active: "甲表",
      settings: { sheet: "乙表" },
    });
    const outcome = await runOneClickCheck(host, recorder().notify, now);
    expect(outcome.sheet).toBe("乙表");
    expect(host.log.highlights.has("甲表")).toBe(false);
    expect(host.loadSettings().sheet).toBe("乙表");
  });
});

describe("runOneClickCheck: clean tables", () => {
  it.each<[Lang, string[]]>([
    ["zh", ["未发现问题", "工作表“Sheet1”：已检查 1 个项目、4 个指标。"]],
    ["en", ["No problems found", 'Sheet "Sheet1": checked 1 project and 4 indicators.']],
  ])("reports no problems (%s) and stores an empty run", async (lang, lines) => {
    const host = new GridHost({ sheets: [{ grid: cleanSheet() }], lang });
    const { shown, notify } = recorder();
    const outcome = await runOneClickCheck(host, notify, now);
    expect(outcome.kind).toBe("clean");
    expect(shown[0].text.split("\n")).toEqual(lines);
    expect(host.loadSettings().lastRun).toMatchObject({ findings: [], truncated: false, message: null });
    expect(host.loadSettings().lastRun!.summary).toEqual(engine(cleanSheet()).summary);
  });
});

describe("runOneClickCheck: truncation of the stored findings", () => {
  const warningOnly: ProjectSpec = { name: "", indicators: GOOD_INDICATORS.replace(/4、3-满意度指标.*$/, "") };
  const projects = (n: number, spec: ProjectSpec, prefix: string) =>
    Array.from({ length: n }, (_, i) => ({ ...spec, name: `${prefix}${i + 1}` }));

  it("keeps exactly the limit without marking it truncated", async () => {
    const grid = publishedGrid(oneUnit(projects(STORED_FINDINGS_LIMIT, warningOnly, "项目")));
    expect(engine(grid).findings).toHaveLength(STORED_FINDINGS_LIMIT);
    const host = new GridHost({ sheets: [{ grid }] });
    const { shown, notify } = recorder();
    await runOneClickCheck(host, notify, now);
    const run = host.loadSettings().lastRun!;
    expect(run.findings).toHaveLength(STORED_FINDINGS_LIMIT);
    expect(run.truncated).toBe(false);
    expect(shown[0].text).not.toContain("只保存了");
  });

  it("past the limit keeps the worst ones (errors found late in the sheet beat warnings found early) and says so", async () => {
    // 150 projects with a warning each, then 250 projects whose totals do not add up (an error each, plus the
    // unit and 合计 rows).
    const grid = publishedGrid({
      units: [
        { name: "单位一", projects: projects(150, warningOnly, "警告项目") },
        { name: "单位二", projects: projects(250, { name: "", total: 12, fiscal: 10 }, "错误项目") },
      ],
    });
    const result = engine(grid);
    const errors = result.findings.filter((f) => f.severity === "error");
    expect(errors.length).toBeGreaterThan(STORED_FINDINGS_LIMIT);
    expect(result.summary.warnings).toBe(150);

    const host = new GridHost({ sheets: [{ grid }] });
    const { shown, notify } = recorder();
    await runOneClickCheck(host, notify, now);
    const run = host.loadSettings().lastRun!;
    expect(run.truncated).toBe(true);
    expect(run.summary).toEqual(result.summary); // the counts are those of the whole sheet
    expect(run.findings).toEqual(JSON.parse(JSON.stringify(errors.slice(0, STORED_FINDINGS_LIMIT))));
    const lines = shown[0].text.split("\n");
    expect(lines[0]).toBe(`发现 ${errors.length} 个错误、150 个警告（已在表中标记）`);
    expect(lines[2]).toBe(`工作簿中只保存了最严重的 ${STORED_FINDINGS_LIMIT} 条问题，打开助手重新校验可查看全部。`);
  });

  it("toStoredRun cuts at any limit and keeps a plain JSON copy", () => {
    const grid = errorsAndWarningSheet();
    const result = engine(grid);
    const run = toStoredRun(
      { sheet: "Sheet1", result, highlighted: 0, highlightSkipped: null, syncs: 1, rows: 1, engineMs: 0 },
      NOW,
      2,
    );
    expect(run.findings).toHaveLength(2);
    expect(run.truncated).toBe(true);
    expect(run.findings.every((f) => f.severity === "error")).toBe(true);
    expect(JSON.parse(JSON.stringify(run))).toEqual(run);
    run.findings[0].message = "changed";
    expect(result.findings[0].message).not.toBe("changed");
  });
});

describe("runOneClickCheck: nothing to check", () => {
  it("reports the engine's no-table message for a chosen sheet without a table, and stores it", async () => {
    const host = new GridHost({
      sheets: [{ grid: notesSheet() }, { grid: seedSheet() }],
      settings: { sheet: "说明" },
    });
    const { shown, notify } = recorder();
    const outcome = await runOneClickCheck(host, notify, now);
    const noTable = validateGrid(notesSheet());
    if (noTable.table !== null) throw new Error("expected no table");
    expect(outcome.kind).toBe("noTable");
    expect(shown[0].text).toBe(`${noTable.message}\n如需检查其他工作表，请点击“打开助手”选择。`);
    expect(host.loadSettings().lastRun).toEqual({
      sheet: "说明",
      at: NOW.toISOString(),
      summary: null,
      message: { zh: noTable.message, en: noTable.messageEn },
      findings: [],
      truncated: false,
    });
  });

  it("in English uses the engine's English message", async () => {
    const host = new GridHost({ sheets: [{ grid: notesSheet() }], settings: { sheet: "说明" }, lang: "en" });
    const { shown, notify } = recorder();
    await runOneClickCheck(host, notify, now);
    const noTable = validateGrid(notesSheet());
    if (noTable.table !== null) throw new Error("expected no table");
    expect(shown[0].text.split("\n")[0]).toBe(noTable.messageEn);
  });

  it("asks the user to open the assistant when no sheet holds a table (and marks and stores nothing)", async () => {
    const host = new GridHost({ sheets: [{ grid: notesSheet("甲") }, { grid: notesSheet("乙") }] });
    const { shown, notify } = recorder();
    const outcome = await runOneClickCheck(host, notify, now);
    expect(outcome).toMatchObject({ kind: "noSheet", sheet: null, stored: null });
    expect(shown[0].text).toBe(commandStrings("zh").noSheetNone);
    expect(shown[0].text).toContain("打开助手");
    expect(host.log.highlights.size).toBe(0);
    expect(host.log.saves).toHaveLength(0);
  });

  it("asks the user to pick one when several sheets hold a table and the active one does not", async () => {
    const host = new GridHost({
      sheets: [{ grid: notesSheet() }, { grid: seedSheet("甲表") }, { grid: cleanSheet("乙表") }],
      active: "说明",
      lang: "en",
    });
    const { shown, notify } = recorder();
    const outcome = await runOneClickCheck(host, notify, now);
    expect(outcome.kind).toBe("noSheet");
    expect(shown[0].text).toBe('2 sheets hold a performance target table. Select "Open assistant" to choose the one to check.');
    expect(host.log.highlights.size).toBe(0);
  });
});

describe("runOneClickCheck: failures", () => {
  const editing = new HostError(
    "cellEditing",
    "Excel 正在编辑单元格：请按 Enter 或 Esc 结束编辑后重试。",
    "Excel is editing a cell: press Enter or Esc, then try again.",
  );

  it.each<[Lang, string]>([
    ["zh", editing.zh],
    ["en", editing.en],
  ])("shows a HostError's own text (%s) and stores nothing", async (lang, text) => {
    const host = new GridHost({ sheets: [{ grid: seedSheet() }], lang, checkError: editing });
    const { shown, notify } = recorder();
    const outcome = await runOneClickCheck(host, notify, now);
    expect(outcome.kind).toBe("hostError");
    expect(outcome.error).toBe(editing);
    expect(shown).toEqual([{ text, kind: "hostError" }]);
    expect(host.log.saves).toHaveLength(0);
    expect(host.loadSettings().lastRun).toBeNull();
  });

  it("turns an unexpected error into a message that says what to do", async () => {
    const host = new GridHost({ sheets: [{ grid: seedSheet() }], listError: new Error("RichApi.Error: GeneralException") });
    const { shown, notify } = recorder();
    const outcome = await runOneClickCheck(host, notify, now);
    expect(outcome.kind).toBe("failed");
    expect(shown[0].text).toBe("一键校验未完成：RichApi.Error: GeneralException。请点击“打开助手”重试。");
  });

  it("still reports the outcome when the settings cannot be saved, and says the result was not kept", async () => {
    const host = new GridHost({ sheets: [{ grid: seedSheet() }], saveError: new Error("settings too large") });
    const { shown, notify } = recorder();
    const outcome = await runOneClickCheck(host, notify, now);
    expect(outcome.saved).toBe(false);
    expect(outcome.kind).toBe("findings");
    const lines = shown[0].text.split("\n");
    expect(lines[0]).toBe("发现 4 个警告（已在表中标记）");
    expect(lines[lines.length - 1]).toBe("结果未能保存到工作簿，打开助手后请重新校验。");
    expect(host.loadSettings().lastRun).toBeNull();
  });
});

describe("messages", () => {
  it("lists only the non-zero counts, in both languages", () => {
    const zh = commandStrings("zh");
    const en = commandStrings("en");
    expect(zh.found(2, 5, 0)).toBe("发现 2 个错误、5 个警告");
    expect(zh.found(1, 2, 3)).toBe("发现 1 个错误、2 个警告、3 个提示");
    expect(zh.found(0, 0, 1)).toBe("发现 1 个提示");
    expect(en.found(2, 5, 0)).toBe("Found 2 errors and 5 warnings");
    expect(en.found(1, 2, 3)).toBe("Found 1 error, 2 warnings and 3 infos");
    expect(en.found(0, 1, 0)).toBe("Found 1 warning");
  });
});

describe("createOneClickHandler", () => {
  function event() {
    const calls: string[] = [];
    return { calls, completed: jest.fn(() => calls.push("completed")) };
  }

  it("completes the event only after the user has been told", async () => {
    const host = new GridHost({ sheets: [{ grid: seedSheet() }] });
    let release!: () => void;
    const ev = event();
    const notify = jest.fn(
      (_text: string, _kind: OutcomeKind, _lang: Lang) =>
        new Promise<void>((resolve) => {
          release = () => {
            ev.calls.push("dialog closed");
            resolve();
          };
        }),
    );
    const handler = createOneClickHandler({ createHost: () => host, notify, fallbackLang: () => "en", log: () => {} });
    const done = handler(ev);
    await new Promise((r) => setTimeout(r, 0));
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify.mock.calls[0][0]).toMatch(/^发现 4 个警告/);
    expect(notify.mock.calls[0][2]).toBe("zh");
    expect(ev.completed).not.toHaveBeenCalled();
    release();
    await done;
    expect(ev.calls).toEqual(["dialog closed", "completed"]);
  });

  it("completes the event when no host can be created, after saying so in the fallback language", async () => {
    const ev = event();
    const notify = jest.fn(async () => undefined);
    const log = jest.fn();
    const handler = createOneClickHandler({
      createHost: () => {
        throw new Error("Excel is not available");
      },
      notify,
      fallbackLang: () => "en",
      log,
    });
    await handler(ev);
    expect(notify).toHaveBeenCalledWith(
      'Validation did not finish: Excel is not available. Select "Open assistant" to try again.',
      "failed",
      "en",
    );
    expect(ev.completed).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalled();
  });

  it("completes the event when the dialog cannot be shown", async () => {
    const ev = event();
    const log = jest.fn();
    const host = new GridHost({ sheets: [{ grid: seedSheet() }] });
    const handler = createOneClickHandler({
      createHost: () => host,
      notify: async () => {
        throw new Error("dialog not shown (12007)");
      },
      fallbackLang: () => "zh",
      log,
    });
    await handler(ev);
    expect(ev.completed).toHaveBeenCalledTimes(1);
    expect(log.mock.calls.some(([, err]) => err instanceof Error && /12007/.test(err.message))).toBe(true);
    // The run itself happened and was kept for the pane.
    expect(host.loadSettings().lastRun?.summary?.warnings).toBe(4);
  });

  it("completes the event after a HostError and logs it", async () => {
    const ev = event();
    const log = jest.fn();
    const notify = jest.fn(async () => undefined);
    const err = new HostError("protected", "工作表受保护。", "The sheet is protected.");
    const host = new GridHost({ sheets: [{ grid: seedSheet() }], checkError: err, lang: "en" });
    await createOneClickHandler({ createHost: () => host, notify, fallbackLang: () => "zh", log })(ev);
    expect(notify).toHaveBeenCalledWith("The sheet is protected.", "hostError", "en");
    expect(ev.completed).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith(expect.stringContaining("hostError"), err);
  });
});
