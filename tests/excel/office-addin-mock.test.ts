/**
 * Microsoft's office-addin-mock drives the adapter where a shallow mock is enough: language, theme, settings
 * and navigation. (It has no ranges, errors or sync counting: the Excel fake covers those.) Under strict
 * TypeScript the mock's functions declare `this: any`.
 */
import { OfficeMockObject } from "office-addin-mock";
import { createExcelHost } from "../../src/excel/adapter";
import { DEFAULT_SETTINGS } from "../../src/excel/host";
import { SETTINGS_KEY } from "../../src/excel/settings";

/* eslint-disable @typescript-eslint/no-explicit-any */

function officeData(displayLanguage: string, bodyBackgroundColor: string) {
  // Kept outside the mock: it would turn a nested object into a mock object of its own.
  const store: Record<string, unknown> = {};
  return {
    context: {
      displayLanguage,
      officeTheme: { bodyBackgroundColor },
      requirements: {
        isSetSupported(this: any, name: string, version: string): boolean {
          return name === "ExcelApi" && Number(version.split(".")[1]) <= 13;
        },
      },
      document: {
        settings: {
          get(this: any, name: string): unknown {
            return name in store ? store[name] : null;
          },
          set(this: any, name: string, value: unknown): void {
            store[name] = value;
          },
          remove(this: any, name: string): void {
            delete store[name];
          },
          saveAsync(this: any, callback: (r: { status: string }) => void): void {
            this.saved = { ...store };
            callback({ status: "succeeded" });
          },
        },
      },
    },
  };
}

/** The mock hides scalar values until they are loaded and synced, as Office.js proxies do. */
async function mockOffice(displayLanguage: string, background: string): Promise<any> {
  const mock = new OfficeMockObject(officeData(displayLanguage, background)) as any;
  mock.context.load("displayLanguage");
  mock.context.officeTheme.load("bodyBackgroundColor");
  await mock.sync();
  return mock;
}

describe("the adapter on office-addin-mock", () => {
  it("maps the display language and theme", async () => {
    const en = createExcelHost({ Office: (await mockOffice("en-US", "#1E1E1E")) as typeof Office });
    expect([en.lang(), en.theme()]).toEqual(["en", "dark"]);
    const zh = createExcelHost({ Office: (await mockOffice("zh-CN", "#FFFFFF")) as typeof Office });
    expect([zh.lang(), zh.theme()]).toEqual(["zh", "light"]);
  });

  it("keeps the settings as JSON under one key and saves them", async () => {
    const office = await mockOffice("zh-CN", "#FFFFFF");
    const host = createExcelHost({ Office: office as typeof Office });
    expect(host.loadSettings()).toEqual(DEFAULT_SETTINGS);
    const settings = { ...DEFAULT_SETTINGS, autoCheck: true, thresholds: { satisfactionFloor: 90 } };
    await host.saveSettings(settings);
    expect(Object.keys(office.context.document.settings.saved)).toEqual([SETTINGS_KEY]);
    expect(JSON.parse(office.context.document.settings.saved[SETTINGS_KEY])).toMatchObject({ autoCheck: true });
    expect(host.loadSettings()).toEqual(settings);
  });

  it("selects a finding's cell after activating its sheet", async () => {
    const calls: string[] = [];
    const excel = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            getItem(this: any, name: string) {
              return {
                activate: () => calls.push(`activate ${name}`),
                getRange: (address: string) => ({ select: () => calls.push(`select ${address}`) }),
              };
            },
          },
        },
        sync: async () => {
          calls.push("sync");
        },
      },
      run: async function (this: any, _options: unknown, batch: (ctx: unknown) => Promise<unknown>) {
        return batch(this.context);
      },
    }) as any;
    const host = createExcelHost({ Excel: excel as typeof Excel, Office: (await mockOffice("zh-CN", "#FFFFFF")) as typeof Office });
    await host.select("绩效目标表", "G8");
    expect(calls).toEqual(["activate 绩效目标表", "select G8", "sync"]);
  });
});
