/**
 * The geometry of a windowed (virtualised) list with rows of different heights: each row starts with an
 * estimated height and gets its measured one once it has been rendered; the offsets are prefix sums,
 * recomputed lazily after a change. `range` gives the rows that intersect a stretch of the scroll area, so the
 * page only holds those (plus a margin) however long the list is. No DOM here: the list component feeds it.
 */

export class RowHeights {
  private readonly heights: Float64Array;
  private readonly measuredFlags: Uint8Array;
  private readonly offsets: Float64Array;
  private dirty = true;

  constructor(estimates: ArrayLike<number>) {
    this.heights = Float64Array.from(estimates);
    this.measuredFlags = new Uint8Array(this.heights.length);
    this.offsets = new Float64Array(this.heights.length + 1);
  }

  get count(): number {
    return this.heights.length;
  }

  height(i: number): number {
    return this.heights[i];
  }

  measured(i: number): boolean {
    return this.measuredFlags[i] === 1;
  }

  /** Record the measured height of row `i`; true when that changed the geometry. */
  set(i: number, height: number): boolean {
    this.measuredFlags[i] = 1;
    if (Math.abs(this.heights[i] - height) < 0.5) return false;
    this.heights[i] = height;
    this.dirty = true;
    return true;
  }

  /** Replace the estimate of every row not measured yet (e.g. after the width changed, with all reset). */
  reestimate(estimate: (i: number) => number, forgetMeasured: boolean): void {
    for (let i = 0; i < this.heights.length; i++) {
      if (forgetMeasured) this.measuredFlags[i] = 0;
      if (!this.measuredFlags[i]) this.heights[i] = estimate(i);
    }
    this.dirty = true;
  }

  private update(): void {
    if (!this.dirty) return;
    let y = 0;
    for (let i = 0; i < this.heights.length; i++) {
      this.offsets[i] = y;
      y += this.heights[i];
    }
    this.offsets[this.heights.length] = y;
    this.dirty = false;
  }

  /** Top of row `i` (i = count: the total height). */
  offset(i: number): number {
    this.update();
    return this.offsets[Math.max(0, Math.min(i, this.heights.length))];
  }

  total(): number {
    return this.offset(this.heights.length);
  }

  /** The row that holds `y` (clamped to the first and the last row); -1 for an empty list. */
  indexAt(y: number): number {
    const n = this.heights.length;
    if (n === 0) return -1;
    this.update();
    if (y <= 0) return 0;
    if (y >= this.offsets[n]) return n - 1;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.offsets[mid] <= y) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * The rows [start, end) that intersect [top, bottom], at most `maxRows` of them (counted from `start`, so the
   * top of the stretch is always covered).
   */
  range(top: number, bottom: number, maxRows: number): { start: number; end: number } {
    const n = this.heights.length;
    if (n === 0) return { start: 0, end: 0 };
    const start = this.indexAt(top);
    const last = this.indexAt(bottom);
    return { start, end: Math.min(last + 1, start + maxRows, n) };
  }
}

/** Rough on-screen width of a text in a font of `px` pixels: CJK and full-width characters are square. */
export function textWidth(text: string, px: number): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x2e80 || (c >= 0x2000 && c <= 0x206f)) w += px; // CJK, full-width forms, typographic quotes
    else if (c === 10) w += 0; // line breaks are counted as lines by the caller
    else w += px * 0.55;
  }
  return w;
}

/** Lines a text takes when wrapped in a box `width` pixels wide (explicit line breaks included). */
export function lineCount(text: string, px: number, width: number): number {
  const usable = Math.max(40, width);
  let lines = 0;
  for (const part of text.split("\n")) lines += Math.max(1, Math.ceil((textWidth(part, px) * 1.05) / usable));
  return lines;
}
