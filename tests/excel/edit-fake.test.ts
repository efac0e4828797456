/**
 * The Excel fake's editing half behaves as Excel does where the adapter relies on it: values are taken as
 * typed, whole rows are inserted and deleted with everything below moving, merges keep only the top-left
 * value, sheets are added and deleted, protection refuses all of it, failures mid-sync keep what ran, and
 * selection and change events arrive after the sync that caused them.
 */
import { createFakeExcel, typedInput, type FakeWorkbookInit } from "../fakes/excel-fake";

function book(extra: Partial<FakeWorkbookInit> = {}): FakeWorkbookInit {
  return {
    sheets: [
      {
        name: "Data",
        values: [
          ["项目", "值", "备注"],
          ["甲", 1, "x"],
          ["", 2, ""],
          ["乙", 3, "y"],
        ],
        merges: ["A2:A3"],
        numberFormats: [[], ["General", "0.00"], ["General", "0.00"], ["General", "0.00"]],
        formats: { "A2:C2": { borders: "thin" }, C4: { fill: "#FFFF00" } },
        conditionalFormats: [{ ranges: "B2:B4", formula: "=TRUE", fill: "#FF0000" }],
        formulas: { B4: "=B2+B3" },
      },
      { name: "Other", values: [["z"]] },
    ],
    ...extra,
  };
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
}

const flush = () => new Promise((r) => setTimeout(r, 5));

describe("values are taken as typed", () => {
  it.each([
    ["=100%", 1, "=100%", false],
    ["100%", 1, undefined, false],
    ["250", 250, undefined, false],
    ["１２", 12, undefined, false],
    ["TRUE", true, undefined, false],
    ["2024年1月5日", 45296, undefined, false],
    ["+abc", "#NAME?", "=+abc", false],
    ["'=100%", "=100%", undefined, true],
    ["'0250", "0250", undefined, true],
    ["≥80%", "≥80%", undefined, false],
    ["1-产出指标", "1-产出指标", undefined, false],
    ["-", "-", undefined, false],
  ])("%s", (input, value, formula, quote) => {
    const t = typedInput(input, false);
    expect(t.value).toBe(value);
    expect(t.formula).toBe(formula);
    expect(!!t.quotePrefix).toBe(quote);
  });

  it("keeps text in a cell formatted as text, and a null in the input array leaves the cell", async () => {
    const { Excel, state } = createFakeExcel({ sheets: [{ name: "S", values: [["a", "b"]], numberFormats: [["@", "General"]] }] });
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.getRange("A1:B1").values = [["100%", null as unknown as string]];
      await ctx.sync();
    });
    expect(state.value("S", "A1")).toBe("100%");
    expect(state.value("S", "B1")).toBe("b");
  });

  it("reads formulas back as Office.js does, and refuses an array of the wrong size", async () => {
    const { Excel } = createFakeExcel(book());
    const code = await codeOf(
      Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem("Data");
        ws.getRange("C2").values = [["'=text"]];
        const r = ws.getRange("B4:C4");
        r.load("formulas,values");
        const c2 = ws.getRange("C2");
        c2.load("formulas,values");
        await ctx.sync();
        expect(r.formulas).toEqual([["=B2+B3", "y"]]);
        expect(c2.values).toEqual([["=text"]]);
        expect(c2.formulas).toEqual([["=text"]]);
        ws.getRange("A1:B1").values = [["only one"]];
        await ctx.sync();
      }),
    );
    expect(code).toBe("InvalidArgument");
  });
});

describe("whole rows", () => {
  it("insert shifts values, formats, merges and conditional formats down; the new rows copy the formats above", async () => {
    const { Excel, state, log } = createFakeExcel(book());
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("3:4").insert("Down");
      await ctx.sync();
    });
    expect(state.value("Data", "B2")).toBe(1);
    expect(state.value("Data", "B3")).toBe("");
    expect(state.value("Data", "B5")).toBe(2);
    expect(state.value("Data", "A6")).toBe("乙");
    expect(state.formula("Data", "B6")).toBe("=B2+B3");
    expect(state.mergesOf("Data")).toEqual(["A2:A5"]); // the insertion point was inside A2:A3
    expect(state.conditionalFormats("Data")[0].address).toBe("B2:B6");
    expect(state.snapshot("Data").cells.C3.format).toEqual({ borders: "thin" }); // copied from row 2
    expect(state.snapshot("Data").cells.B3.numberFormat).toBe("0.00");
    expect(state.look("Data", "C6").fill).toBe("#FFFF00");
    expect(log.structure).toEqual([{ sheet: "Data", op: "insertRows", address: "3:4" }]);
  });

  it("delete shifts up and shrinks merges and conditional formats (a one-cell merge is no merge)", async () => {
    const { Excel, state } = createFakeExcel(book());
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("3:3").delete("Up");
      await ctx.sync();
    });
    expect(state.value("Data", "A3")).toBe("乙");
    expect(state.mergesOf("Data")).toEqual([]);
    expect(state.conditionalFormats("Data")[0].address).toBe("B2:B3");
  });

  it("insert then delete of the same rows gives the sheet back exactly", async () => {
    const { Excel, state } = createFakeExcel(book());
    const before = state.snapshot("Data");
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("3:3").insert("Down");
      ws.getRange("3:3").delete("Up");
      await ctx.sync();
    });
    expect(state.snapshot("Data")).toEqual(before);
  });

  it("partial ranges are not modelled (a plain Error, not an Office one)", async () => {
    const { Excel } = createFakeExcel(book());
    await expect(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").getRange("A3:C3").insert("Down");
        await ctx.sync();
      }),
    ).rejects.toThrow(/whole rows only/);
  });
});

describe("merge, sheets, protection", () => {
  it("merge keeps the top-left value and records what it discarded; unmerge splits", async () => {
    const { Excel, state, log } = createFakeExcel(book());
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("A2:A4").merge(false);
      await ctx.sync();
    });
    expect(state.mergesOf("Data")).toEqual(["A2:A4"]);
    expect(state.value("Data", "A4")).toBe("");
    expect(log.mergeDiscarded).toEqual([{ sheet: "Data", cell: "A4" }]);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Data").getRange("A1:A9").unmerge();
      await ctx.sync();
    });
    expect(state.mergesOf("Data")).toEqual([]);
  });

  it("refuses to merge across part of a merged area", async () => {
    const { Excel } = createFakeExcel(book());
    const code = await codeOf(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Data").getRange("A3:B3").merge();
        await ctx.sync();
      }),
    );
    expect(code).toBe("InvalidOperation");
  });

  it("adds a sheet at the end and deletes it; a taken name or a protected workbook is refused", async () => {
    const { Excel, state } = createFakeExcel(book());
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.add("新表");
      ws.getRange("A1").values = [["x"]];
      ws.activate();
      await ctx.sync();
    });
    expect(state.sheets.map((s) => s.name)).toEqual(["Data", "Other", "新表"]);
    expect(state.activeSheet).toBe("新表");
    expect(await codeOf(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add("data");
      await ctx.sync();
    }))).toBe("ItemAlreadyExists");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("新表").delete();
      await ctx.sync();
    });
    expect(state.sheets.map((s) => s.name)).toEqual(["Data", "Other"]);
    expect(state.activeSheet).toBe("Data");
    state.workbookProtected = true;
    expect(await codeOf(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add("X");
      await ctx.sync();
    }))).toBe("AccessDenied");
  });

  it("a protected sheet refuses inserts, deletes and merges", async () => {
    const { Excel, state } = createFakeExcel(book());
    state.setProtected("Data", true);
    const before = state.snapshot("Data");
    for (const op of [
      (ws: Excel.Worksheet) => ws.getRange("3:3").insert("Down"),
      (ws: Excel.Worksheet) => ws.getRange("3:3").delete("Up"),
      (ws: Excel.Worksheet) => ws.getRange("B2:C2").merge(),
      (ws: Excel.Worksheet) => ws.getRange("A2").unmerge(),
    ]) {
      const code = await codeOf(Excel.run(async (ctx) => {
        op(ctx.workbook.worksheets.getItem("Data"));
        await ctx.sync();
      }));
      expect(code).toBe("AccessDenied");
    }
    expect(state.snapshot("Data")).toEqual(before);
  });

  it("an injected failure keeps the structural edits that ran before it", async () => {
    const { Excel, state } = createFakeExcel(book());
    state.injectFailure({ op: 2 });
    const code = await codeOf(Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("3:3").insert("Down");
      ws.getRange("B3").values = [["new"]];
      await ctx.sync();
    }));
    expect(code).toBe("GeneralException");
    expect(state.value("Data", "B4")).toBe(2);
    expect(state.value("Data", "B3")).toBe("");
  });
});

describe("selection, special cells and events", () => {
  it("reports the active cell and the selected range of the active sheet", async () => {
    const { Excel, state } = createFakeExcel(book());
    await state.simulateSelect("Other", "B3:C4");
    await Excel.run(async (ctx) => {
      const cell = ctx.workbook.getActiveCell();
      cell.load("address,rowIndex,columnIndex");
      const sel = ctx.workbook.getSelectedRange();
      sel.load("address");
      await ctx.sync();
      expect(cell.address).toBe("Other!B3");
      expect([cell.rowIndex, cell.columnIndex]).toEqual([2, 1]);
      expect(sel.address).toBe("Other!B3:C4");
    });
    expect(state.selection).toEqual({ sheet: "Other", address: "B3:C4" });
  });

  it("finds formula cells, or none", async () => {
    const { Excel } = createFakeExcel(book());
    await Excel.run(async (ctx) => {
      const formulas = ctx.workbook.worksheets.getItem("Data").getUsedRange(true).getSpecialCellsOrNullObject("Formulas");
      formulas.load("address");
      const none = ctx.workbook.worksheets.getItem("Other").getUsedRange(true).getSpecialCellsOrNullObject("Formulas");
      none.load("address");
      await ctx.sync();
      expect(formulas.address).toBe("Data!B4");
      expect(none.isNullObject).toBe(true);
    });
  });

  it("fires selection and change events after the sync, to the sheet's and the collection's handlers", async () => {
    const { Excel, state } = createFakeExcel(book());
    const seen: string[] = [];
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.onSelectionChanged.add(async (a: Excel.WorksheetSelectionChangedEventArgs) => void seen.push(`sel ${a.address}`));
      ctx.workbook.worksheets.onChanged.add(async (a: Excel.WorksheetChangedEventArgs) => void seen.push(`changed ${a.changeType} ${a.address}`));
      await ctx.sync();
    });
    await state.simulateSelect("Data", "B2");
    await Excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Data");
      ws.getRange("C3").values = [["v"]];
      ws.getRange("5:5").insert("Down");
      ws.getRange("A1").select();
      await ctx.sync();
      expect(seen).toEqual(["sel B2"]); // not yet: events come after the round trip
    });
    await flush();
    expect(seen).toEqual(["sel B2", "changed RangeEdited C3", "changed RowInserted 5:5", "sel A1"]);
  });
});
