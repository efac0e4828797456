/**
 * The geometry of the windowed findings list: estimated then measured row heights, offsets, the row at a
 * position, the rows in a stretch (bounded), and the text measures behind the estimates.
 */
import { lineCount, RowHeights, textWidth } from "../../src/taskpane/virtual";

describe("RowHeights", () => {
  test("offsets are the sums of the heights before a row; measuring a row moves the rows after it", () => {
    const h = new RowHeights([10, 20, 30, 40]);
    expect([0, 1, 2, 3, 4].map((i) => h.offset(i))).toEqual([0, 10, 30, 60, 100]);
    expect(h.total()).toBe(100);
    expect(h.measured(1)).toBe(false);
    expect(h.set(1, 25)).toBe(true);
    expect(h.measured(1)).toBe(true);
    expect([0, 1, 2, 3, 4].map((i) => h.offset(i))).toEqual([0, 10, 35, 65, 105]);
    // The same height again (within half a pixel) changes nothing.
    expect(h.set(1, 25.3)).toBe(false);
    expect(h.total()).toBe(105);
  });

  test("indexAt finds the row holding a position, clamped to the list", () => {
    const h = new RowHeights([10, 20, 30]);
    expect([-5, 0, 9.9, 10, 29, 30, 59, 60, 1000].map((y) => h.indexAt(y))).toEqual([0, 0, 0, 1, 1, 2, 2, 2, 2]);
    expect(new RowHeights([]).indexAt(0)).toBe(-1);
  });

  test("range covers a stretch and never holds more than maxRows rows", () => {
    const h = new RowHeights(Array.from({ length: 20_000 }, () => 50));
    expect(h.range(0, 500, 100)).toEqual({ start: 0, end: 11 });
    expect(h.range(-300, 120, 100)).toEqual({ start: 0, end: 3 });
    expect(h.range(500_000, 500_400, 100)).toEqual({ start: 10_000, end: 10_009 });
    expect(h.range(0, 1_000_000, 100)).toEqual({ start: 0, end: 100 });
    expect(h.range(999_990, 2_000_000, 100)).toEqual({ start: 19_999, end: 20_000 });
    expect(new RowHeights([]).range(0, 100, 10)).toEqual({ start: 0, end: 0 });
  });

  test("reestimate replaces the estimates, keeping measured rows unless told to forget them", () => {
    const h = new RowHeights([10, 10, 10]);
    h.set(0, 40);
    h.reestimate(() => 20, false);
    expect(h.total()).toBe(80);
    h.reestimate(() => 5, true);
    expect(h.total()).toBe(15);
    expect(h.measured(0)).toBe(false);
  });
});

describe("text measures", () => {
  test("CJK characters are square, Latin narrower; lines count wrapping and line breaks", () => {
    expect(textWidth("指标", 12)).toBe(24);
    expect(textWidth("ab", 12)).toBeCloseTo(13.2);
    expect(textWidth("“”", 10)).toBe(20);
    expect(lineCount("", 12, 100)).toBe(1);
    expect(lineCount("指".repeat(7), 12, 100)).toBe(1);
    expect(lineCount("指".repeat(9), 12, 100)).toBe(2);
    expect(lineCount("指\n标\n名", 12, 100)).toBe(3);
  });
});
