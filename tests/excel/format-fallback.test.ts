/**
 * Excel has known bugs listing some workbooks' own conditional formats (office-js #5222, #6827, #6835). When the
 * read fails at that load, the check still runs, on a second read without the formats, and writes no marks.
 */
import { validateGrid, type ValidationResult } from "../../src/core";
import { cliGrid, rejection, SEED, seedSetup, SHEET, syncsOf } from "./helpers";

/** The 1-based operation of the first read sync that loads the conditional formats. */
async function formatLoadOp(): Promise<number> {
  const probe = await seedSetup();
  await probe.host.check({ sheet: SHEET, highlight: false });
  const ops = probe.log.syncs[0].ops;
  const i = ops.findIndex((op) => op.includes("conditionalFormats.load"));
  expect(i).toBeGreaterThanOrEqual(0);
  return i + 1;
}

describe("conditional formats that Excel cannot list", () => {
  test("the check reads the sheet again without them, lists the findings and marks nothing", async () => {
    const op = await formatLoadOp();
    const expected = validateGrid(await cliGrid(SEED)) as ValidationResult;
    const fake = await seedSetup();
    const looks = fake.state.looks(SHEET);
    fake.state.injectFailure({ op, code: "GeneralException", when: "any" });

    const { value: run, syncs } = await syncsOf(fake, () => fake.host.check({ sheet: SHEET }));
    expect(run.highlightSkipped).toBe("formatsUnreadable");
    expect(run.highlighted).toBe(0);
    expect(run.result.table && run.result.findings.map((f) => f.cell)).toEqual(expected.findings.map((f) => f.cell));
    // The failed read, then one read without the formats, and no write at all.
    expect(syncs.map((s) => s.ok)).toEqual([false, true]);
    expect(syncs[1].ops.some((o) => o.includes("conditionalFormats"))).toBe(false);
    expect(syncs.some((s) => s.writes)).toBe(false);
    expect(fake.state.looks(SHEET)).toEqual(looks);
    expect(fake.log.valueWrites).toEqual([]);
  });

  test("errors that a second read would meet the same way are not retried", async () => {
    const op = await formatLoadOp();
    const fake = await seedSetup();
    fake.state.injectFailure({ op, code: "ItemNotFound", when: "any" });
    const { value: err, syncs } = await syncsOf(fake, () => rejection(fake.host.check({ sheet: SHEET })));
    expect(err.code).toBe("sheetNotFound");
    expect(syncs).toHaveLength(1);
  });
});
