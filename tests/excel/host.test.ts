/**
 * The rest of the WorkbookHost over the fake: Office errors become HostErrors that say what to do, settings
 * survive garbage, navigation activates and selects, watching follows the user's edits, language and theme.
 */
import { createExcelHost, luminance } from "../../src/excel/adapter";
import { DEFAULT_SETTINGS, HostError, type WorkbookSettings } from "../../src/excel/host";
import { parseSettings, SETTINGS_KEY } from "../../src/excel/settings";
import { createFakeExcel } from "../fakes/excel-fake";
import { initFrom, rejection, SEED, seedSetup, setup, SHEET, syncsOf } from "./helpers";

describe("errors", () => {
  it("waits while the user edits a cell (delayForCellEdit), then runs", async () => {
    const s = await seedSetup();
    s.state.setCellEditMode(true);
    let done = false;
    const run = s.host.check({ sheet: SHEET }).then((r) => ((done = true), r));
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    expect(s.log.syncs.at(-1)?.ok).toBe(false); // still waiting, nothing ran
    s.state.setCellEditMode(false);
    const result = await run;
    expect(result.highlighted).toBe(3);
    expect(s.log.syncs[0].delayed).toBe(true);
  });

  it("says to finish editing when Excel cannot delay the request (before ExcelApi 1.11)", async () => {
    const s = await seedSetup(SEED, { apiVersion: "1.10" });
    s.state.setCellEditMode(true);
    const err = await rejection(s.host.check({ sheet: SHEET }));
    expect(err.code).toBe("cellEditing");
    expect(err.zh).toContain("Enter");
    expect(err.en).toMatch(/finish editing/);
    expect(err.sheetUnchanged).toBe(true);
  });

  it("refuses an Excel without ExcelApi 1.9 before touching the workbook", async () => {
    const s = await seedSetup(SEED, { apiVersion: "1.8" });
    for (const call of [() => s.host.check({ sheet: SHEET }), () => s.host.listSheets(), () => s.host.clearHighlights(), () => s.host.select(SHEET, "A1")]) {
      const err = await rejection(call());
      expect(err.code).toBe("unsupported");
      expect(err.zh).toContain("jixiao");
    }
    expect(s.log.syncs).toHaveLength(0);
  });

  it("names a sheet that does not exist", async () => {
    const s = await seedSetup();
    const err = await rejection(s.host.check({ sheet: "已删除" }));
    expect(err.code).toBe("sheetNotFound");
    expect(err.zh).toContain("工作表“已删除”");
    expect(err.en).toContain('"已删除"');
  });

  it("turns any other Office error into a message with its code and no stack", async () => {
    const s = await seedSetup();
    // Twice: a read failing with GeneralException is tried once more without the conditional formats.
    s.state.injectFailure({ op: 1, code: "GeneralException", when: "any" });
    s.state.injectFailure({ op: 1, code: "GeneralException", when: "any" });
    const err = await rejection(s.host.check({ sheet: SHEET }));
    expect(s.log.syncs.map((x) => x.ok)).toEqual([false, false]);
    expect(err.code).toBe("unknown");
    expect(err.zh).toContain("GeneralException");
    expect(`${err.zh}${err.en}`).not.toMatch(/\n\s+at /);
    expect(err.text("en")).toBe(err.en);
    expect((err as { cause?: unknown }).cause).toMatchObject({ code: "GeneralException" });
  });

  it("says a sheet is too large when even one row exceeds the payload limit", async () => {
    const s = setup({ sheets: [{ name: "S", values: [["项目名称", "绩效指标"], ["很长的文本".repeat(400), "x"]] }], payloadLimitBytes: 4000 });
    const err = await rejection(s.host.check({ sheet: "S" }));
    expect(err.code).toBe("tooLarge");
    expect(err.zh).toContain("工作表“S”太大");
  });

  it("reports Excel being busy", async () => {
    const s = await seedSetup();
    s.state.injectFailure({ op: 1, code: "Conflict", when: "any" });
    expect((await rejection(s.host.listSheets())).code).toBe("busy");
  });
});

describe("check without a sheet", () => {
  it("picks the only sheet with a table", async () => {
    const init = await initFrom(SEED);
    init.sheets.unshift({ name: "封面", values: [["2024年预算"]] });
    init.activeSheet = "封面";
    const s = setup(init);
    const { value: run, syncs } = await syncsOf(s, () => s.host.check());
    expect(run.sheet).toBe(SHEET);
    // The active sheet read first (no table: left untouched), then the list (2), the read and the write.
    expect(syncs).toHaveLength(5);
    expect(run.syncs).toBe(5);
    expect(syncs.filter((x) => x.writes)).toHaveLength(1);
  });

  it("checks the active sheet in 2 syncs when it holds the table (the ribbon's usual case)", async () => {
    const init = await initFrom(SEED);
    init.sheets.unshift({ name: "封面", values: [["2024年预算"]] });
    init.activeSheet = SHEET;
    const s = setup(init);
    const { value: run, syncs } = await syncsOf(s, () => s.host.check());
    expect(run.sheet).toBe(SHEET);
    expect(run.result.table).not.toBeNull();
    expect(run.highlighted).toBeGreaterThan(0);
    expect(syncs.map((x) => x.writes)).toEqual([false, true]); // read, write
  });


  it("uses the sheet remembered in the settings", async () => {
    const init = await initFrom(SEED);
    init.sheets.push({ ...structuredClone(init.sheets[0]), name: "第二份" });
    init.settings = { [SETTINGS_KEY]: JSON.stringify({ sheet: "第二份" }) };
    const s = setup(init);
    const { value: run, syncs } = await syncsOf(s, () => s.host.check());
    expect(run.sheet).toBe("第二份");
    expect(syncs).toHaveLength(2); // read directly, write
  });

  it("falls back to the list when the remembered sheet is gone", async () => {
    const init = await initFrom(SEED);
    init.settings = { [SETTINGS_KEY]: JSON.stringify({ sheet: "已删除的表" }) };
    const s = setup(init);
    expect((await s.host.check()).sheet).toBe(SHEET);
  });

  it("says what a target table needs when no sheet has one", async () => {
    const s = setup({ sheets: [{ name: "Sheet1", values: [["姓名", "电话"]] }] });
    const err = await rejection(s.host.check());
    expect(err.code).toBe("sheetNotFound");
    expect(err.zh).toContain("未找到绩效目标表：表头需包含“项目名称”和“绩效指标”");
  });
});

describe("settings", () => {
  const custom: WorkbookSettings = {
    profile: "caiyu-2021-101",
    thresholds: { satisfactionFloor: 85, minIndicators: 4 },
    autoCheck: true,
    sheet: SHEET,
    lastRun: {
      sheet: SHEET,
      at: "2024-05-01T08:00:00.000Z",
      summary: { errors: 1, warnings: 2, infos: 0, projects: 5, indicators: 20 },
      message: null,
      findings: [],
      truncated: false,
    },
  };

  it("round-trip through the document settings and are saved with saveAsync", async () => {
    const s = await seedSetup();
    expect(s.host.loadSettings()).toEqual(DEFAULT_SETTINGS);
    await s.host.saveSettings(custom);
    expect(s.host.loadSettings()).toEqual(custom);
    expect(typeof s.state.savedSettings[SETTINGS_KEY]).toBe("string");
    // A new session on the saved document reads them back.
    const reopened = createExcelHost(createFakeExcel({ ...(await initFrom(SEED)), settings: s.state.savedSettings }));
    expect(reopened.loadSettings()).toEqual(custom);
  });

  it("tolerate garbage field by field", () => {
    expect(parseSettings("{not json")).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(42)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
    expect(parseSettings("[1,2]")).toEqual(DEFAULT_SETTINGS);
    expect(
      parseSettings({
        profile: 7,
        thresholds: { satisfactionFloor: "80", minIndicators: 5, amountTolerance: -1, bogus: 1 },
        autoCheck: "yes",
        sheet: "",
        lastRun: { sheet: SHEET, at: "x", summary: { errors: "1" }, findings: [{ ruleId: "JX101" }, "junk"], truncated: 1 },
      }),
    ).toEqual({
      ...DEFAULT_SETTINGS,
      thresholds: { minIndicators: 5 },
      lastRun: { sheet: SHEET, at: "x", summary: null, message: null, findings: [], truncated: false },
    });
  });

  it("load defaults from a workbook holding garbage under the key", async () => {
    for (const garbage of ["}{", 3, { profile: ["x"] }, ""]) {
      const s = await seedSetup(SEED, { settings: { [SETTINGS_KEY]: garbage } });
      expect(s.host.loadSettings()).toEqual(DEFAULT_SETTINGS);
    }
  });

  it("reject with a HostError when Office cannot save", async () => {
    const s = await seedSetup();
    s.state.failNextSettingsSave = true;
    const err = await rejection(s.host.saveSettings(custom));
    expect(err.zh).toContain("无法把设置保存到工作簿");
    expect(s.state.savedSettings[SETTINGS_KEY]).toBeUndefined();
  });
});

describe("navigation and watching", () => {
  it("select activates the sheet and selects the cell in one sync", async () => {
    const init = await initFrom(SEED);
    init.sheets.unshift({ name: "封面", values: [["x"]] });
    init.activeSheet = "封面";
    const s = setup(init);
    const { syncs } = await syncsOf(s, () => s.host.select(SHEET, "G8"));
    expect(syncs).toHaveLength(1);
    expect(s.state.activeSheet).toBe(SHEET);
    expect(s.state.selection).toEqual({ sheet: SHEET, address: "G8" });
    expect(s.log.activations).toEqual([SHEET]);
  });

  it("watch calls back on each edit of the sheet and stops after unsubscribing", async () => {
    const init = await initFrom(SEED);
    init.sheets.push({ name: "其他", values: [["x"]] });
    const s = setup(init);
    let calls = 0;
    const stop = await s.host.watch(SHEET, () => calls++);
    await s.state.simulateEdit(SHEET, "B6", 35.09);
    await s.state.simulateEdit("其他", "A1", "y");
    await s.state.simulateEdit(SHEET, "C6", 35.09);
    expect(calls).toBe(2);
    await stop();
    await stop(); // harmless
    await s.state.simulateEdit(SHEET, "B6", 35.08);
    expect(calls).toBe(2);
    expect(s.state.sheet(SHEET).handlers.size).toBe(0);
  });
});

describe("language and theme", () => {
  it.each([
    ["zh-CN", "zh"],
    ["zh-TW", "zh"],
    ["ZH-hk", "zh"],
    ["en-US", "en"],
    ["fr-FR", "en"],
  ])("%s → %s", async (displayLanguage, lang) => {
    const s = setup({ sheets: [{ name: "S", values: [] }], displayLanguage });
    expect(s.host.lang()).toBe(lang);
  });

  it("follows the Office theme's body background", () => {
    const theme = (t: Parameters<typeof createFakeExcel>[0]["theme"]) => setup({ sheets: [{ name: "S", values: [] }], theme: t }).host.theme();
    expect(theme("dark")).toBe("dark");
    expect(theme("light")).toBe("light");
    expect(theme(null)).toBe("light");
    expect(theme({ bodyBackgroundColor: "#1E1E1E", bodyForegroundColor: "#FFF", controlBackgroundColor: "#333", controlForegroundColor: "#FFF" })).toBe("dark");
    expect(luminance("#FFFFFF")).toBeCloseTo(1);
    expect(luminance("#000000")).toBe(0);
    expect(luminance("not a color")).toBeNull();
  });
});
