/**
 * The Excel fake itself behaves like Office.js where the adapter's correctness depends on it: proxies are empty
 * until synced, syncs are not transactional, and the host's errors and limits are enforced.
 */
import { createFakeExcel, FakeOfficeError, type FakeWorkbookInit } from "../fakes/excel-fake";

function book(extra: Partial<FakeWorkbookInit> = {}): FakeWorkbookInit {
  return {
    sheets: [
      {
        name: "Data",
        values: [
          ["name", "amount"],
          ["a", 1],
          ["b", 2],
        ],
        formats: { A1: { fill: "#000000", font: "#FFFFFF", borders: "thin" } },
        merges: ["A5:B5"],
      },
      { name: "Other", values: [["x"]] },
    ],
    ...extra,
  };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    return e instanceof FakeOfficeError ? e.code : `not an Office error: ${String(e)}`;
  }
}

describe("proxies", () => {
  it("throw PropertyNotLoaded until loaded and synced", async () => {
    const { Excel } = createFakeExcel(book());
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Data").getRange("A1:B3");
      expect(() => r.values).toThrow(/not available/);
      r.load("values");
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(r.values).toEqual([["name", "amount"], ["a", 1], ["b", 2]]);
      expect(() => r.address).toThrow(/not available/);
    });
  });

  it("find sheets case-insensitively and fail the sync for a missing one", async () => {
    const { Excel } = createFakeExcel(book());
    const code = await codeOf(
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("data");
        ws.load("name");
        await ctx.sync();
        expect(ws.name).toBe("Data");
        ctx.workbook.worksheets.getItem("Missing").load("name");
        await ctx.sync();
      }),
    );
    expect(code).toBe("ItemNotFound");
  });

  it("report a blank used range as a null object, and A1 for getUsedRange", async () => {
    const { Excel } = createFakeExcel({ sheets: [{ name: "Blank", values: [] }] });
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Blank");
      const orNull = ws.getUsedRangeOrNullObject(true);
      orNull.load("address");
      const used = ws.getUsedRange(true);
      used.load("address");
      await ctx.sync();
      expect(orNull.isNullObject).toBe(true);
      expect(used.address).toBe("Blank!A1");
    });
  });

  it("drop operations an Excel.run never synced", async () => {
    const { Excel, log, state } = createFakeExcel(book());
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A2").values = [["changed"]];
    });
    expect(state.value("Data", "A2")).toBe("a");
    expect(log.discardedOps).toBe(1);
    expect(log.syncs).toHaveLength(0);
  });
});

describe("syncs", () => {
  it("are not transactional: operations before a failure take effect, loads of the failed sync are lost", async () => {
    const { Excel, state, log } = createFakeExcel(book());
    state.injectFailure({ op: 3 });
    const code = await codeOf(
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Data");
        const r = ws.getRange("A2:A3");
        r.load("values"); // op 1
        r.values = [["x"], ["y"]]; // op 2: takes effect
        ws.getRange("B2").values = [[99]]; // op 3: fails
        try {
          await ctx.sync();
        } finally {
          expect(() => r.values).toThrow(/not available/);
        }
      }),
    );
    expect(code).toBe("GeneralException");
    expect(state.value("Data", "A2")).toBe("x");
    expect(state.value("Data", "B2")).toBe(1);
    expect(log.syncs[0]).toMatchObject({ ok: false, ran: 2, writes: true, error: "GeneralException" });
    expect(log.valueWrites).toEqual([{ sheet: "Data", address: "A2:A3" }]);
  });

  it("fail with ResponsePayloadSizeLimitExceeded when loaded values exceed the limit", async () => {
    const values = Array.from({ length: 200 }, (_, r) => [`第${r}行的一段较长的中文文本，用来撑大响应`]);
    const { Excel } = createFakeExcel({ sheets: [{ name: "S", values }], payloadLimitBytes: 5000 });
    const code = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getUsedRange().load("values");
        await ctx.sync();
      }),
    );
    expect(code).toBe("ResponsePayloadSizeLimitExceeded");
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1:A10");
      r.load("values");
      await ctx.sync();
      expect(r.values).toHaveLength(10);
    });
  });

  it("fail with ApiNotFound for a method newer than the host's API set", async () => {
    const { Excel } = createFakeExcel(book({ apiVersion: "1.12" }));
    const code = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").getRange("A1:B5").getMergedAreasOrNullObject().load("address");
        await ctx.sync();
      }),
    );
    expect(code).toBe("ApiNotFound");
  });

  it("cut getRanges addresses over 8,192 characters silently, as Excel documents", async () => {
    const { Excel } = createFakeExcel(book());
    const cells = Array.from({ length: 2000 }, (_, i) => `C${i * 2 + 1}`);
    const address = cells.join(",");
    const at = address.lastIndexOf(",", 8192);
    const fits = address.slice(0, at);
    await Excel.run(async (ctx) => {
      const ranges = ctx.workbook.worksheets.getItem("Data").getRanges(fits);
      ranges.load("areaCount");
      const cut = ctx.workbook.worksheets.getItem("Data").getRanges(address);
      cut.load("areaCount,address");
      await ctx.sync();
      expect(ranges.areaCount).toBe(fits.split(",").length);
      // No error: the areas past the 8,192nd character are dropped (the last kept one may be cut mid-way).
      const kept = address.slice(0, 8192).split(",");
      expect(cut.areaCount).toBe(kept.length);
      expect(cut.areaCount).toBeLessThan(cells.length);
      expect(cut.address.split(", ").at(-1)).toBe(`Data!${kept.at(-1)}`);
    });
  });

  it("fail in cell edit mode unless the run asked delayForCellEdit, which waits for the edit to end", async () => {
    const { Excel, state, log } = createFakeExcel(book());
    state.setCellEditMode(true);
    const job = async (ctx: Excel.RequestContext) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.load("name");
      await ctx.sync();
      return ws.name;
    };
    expect(await codeOf(Excel.run(job))).toBe("InvalidOperationInCellEditMode");
    let done = false;
    const delayed = Excel.run({ delayForCellEdit: true }, job).then((n) => ((done = true), n));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    state.setCellEditMode(false);
    expect(await delayed).toBe("Data");
    expect(log.syncs.at(-1)!.delayed).toBe(true);
  });

  it("deny writes on a protected sheet with AccessDenied", async () => {
    const { Excel, state } = createFakeExcel(book());
    state.setProtected("Data", true);
    for (const write of [
      (ws: Excel.Worksheet) => ws.getRange("A1").conditionalFormats.add("Custom"),
      (ws: Excel.Worksheet) => (ws.getRange("A1").format.fill.color = "#FF0000"),
      (ws: Excel.Worksheet) => (ws.getRange("A1").values = [["x"]]),
    ]) {
      const code = await codeOf(
        Excel.run(async (ctx) => {
          write(ctx.workbook.worksheets.getItem("Data"));
          await ctx.sync();
        }),
      );
      expect(code).toBe("AccessDenied");
    }
    expect(state.look("Data", "A1")).toEqual({ fill: "#000000", font: "#FFFFFF", borders: "thin" });
    expect(state.value("Data", "A1")).toBe("name");
  });
});

describe("conditional formats and looks", () => {
  it("overlay the own format by priority, and deleting a format restores the look", async () => {
    const { Excel, state } = createFakeExcel(
      book({ sheets: [{ name: "S", values: [["a", "b"]], formats: { A1: { fill: "#111111" } }, conditionalFormats: [{ ranges: "A1:B1", formula: "=TRUE", fill: "#222222" }] }] }),
    );
    expect(state.look("S", "A1").fill).toBe("#222222");
    const before = state.looks("S");
    let id = "";
    await Excel.run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem("S").getRanges("A1").conditionalFormats.add("Custom");
      cf.custom.rule.formula = '=LEN("x")>0';
      cf.custom.format.fill.color = "#333333";
      cf.load("id,priority");
      await ctx.sync();
      id = cf.id;
      expect(cf.priority).toBe(0);
    });
    expect(state.look("S", "A1")).toEqual({ fill: "#333333", font: null, borders: null });
    expect(state.look("S", "B1").fill).toBe("#222222");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange().conditionalFormats.getItem(id).delete();
      await ctx.sync();
    });
    expect(state.looks("S")).toEqual(before);
  });

  it("moves a format when its priority is set, keeping the order contiguous", async () => {
    const { Excel, state } = createFakeExcel({
      sheets: [{ name: "S", values: [["a"]], conditionalFormats: ["#1", "#2", "#3"].map((fill) => ({ ranges: "A1", fill })) }],
    });
    await Excel.run(async (ctx) => {
      const cfs = ctx.workbook.worksheets.getItem("S").getRange().conditionalFormats;
      cfs.load("items/id");
      await ctx.sync();
      cfs.items[0].priority = 2;
      await ctx.sync();
    });
    expect(state.conditionalFormats("S").map((c) => c.fill)).toEqual(["#2", "#3", "#1"]);
  });
});
