/**
 * Long work in slices, without timers: the engine's long loops are generators that yield at checkpoints (every
 * few rows, projects or findings), and a driver either runs them to completion at once (`finish`: what the
 * synchronous `buildTable` and `validateGrid` do) or gives control back to its host whenever a slice has run
 * for its budget (`Slicer`: what `validateGridSliced` does), so a task pane never holds its thread for long.
 *
 * The core stays host-free: the clock (`now`) and the way to give control back (`yieldControl`) are passed in.
 */

/**
 * What a checkpoint says it is in the middle of (for statistics and tests; the drivers ignore it): building the
 * table model, running the rules, sorting the findings, or the host's own work (reading, planning highlights).
 */
export type Phase = "model" | "rules" | "sort" | "host";

/** Work that pauses at checkpoints (each `yield`) and returns a T. */
export type Steps<T> = Generator<Phase, T, void>;

/** Run stepped work to completion at once. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export interface SliceOptions {
  /** A monotonic clock in milliseconds (performance.now in a browser). */
  now(): number;
  /** Give control back to the host; resolves when the work may go on (a macrotask later, in a browser). */
  yieldControl(): Promise<void>;
  /** How long a slice may run before control is given back (default 30 ms). */
  budgetMs?: number;
}

export interface SliceStats {
  /** Slices run (stretches of synchronous work between two hand-backs). */
  count: number;
  /** Times control was given back because a slice had run its budget. */
  yields: number;
  /** The longest slice, in the clock's milliseconds. */
  longestMs: number;
  /** Checkpoints passed, per phase. */
  steps: Record<Phase, number>;
  /** All slices together: the time the work held the thread. */
  busyMs: number;
}

export const DEFAULT_BUDGET_MS = 30;

/**
 * Times slices and gives control back when one has run its budget. One slicer can span several pieces of work
 * and the host's own code between them: `begin` when the host's code starts running, `end` before it awaits
 * something else (a round trip to Excel), `run` for stepped work, `checkpoint` between pieces of work.
 */
export class Slicer {
  readonly budgetMs: number;
  private start = -1;
  private readonly stats: SliceStats = { count: 0, yields: 0, longestMs: 0, steps: { model: 0, rules: 0, sort: 0, host: 0 }, busyMs: 0 };

  constructor(private readonly options: SliceOptions) {
    this.budgetMs = options.budgetMs ?? DEFAULT_BUDGET_MS;
  }

  /** A slice starts (the host's code runs again). Does nothing when one is already running. */
  begin(): void {
    if (this.start < 0) this.start = this.options.now();
  }

  /** The current slice ends (the host is about to await something). */
  end(): void {
    if (this.start < 0) return;
    const ms = this.options.now() - this.start;
    this.start = -1;
    this.stats.count++;
    this.stats.busyMs += ms;
    if (ms > this.stats.longestMs) this.stats.longestMs = ms;
  }

  /** Whether the current slice has run its budget. */
  due(): boolean {
    return this.start >= 0 && this.options.now() - this.start >= this.budgetMs;
  }

  /** End the slice, give control back, start a new slice. */
  async pause(): Promise<void> {
    this.end();
    this.stats.yields++;
    await this.options.yieldControl();
    this.begin();
  }

  /** Give control back if the current slice has run its budget. */
  async checkpoint(): Promise<void> {
    if (this.due()) await this.pause();
  }

  /** Run stepped work, giving control back whenever a slice has run its budget. */
  async run<T>(steps: Steps<T>): Promise<T> {
    this.begin();
    const counts = this.stats.steps;
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
      counts[r.value]++;
      if (this.due()) await this.pause();
    }
  }

  /** What happened so far (a copy); the slice running now counts up to now. */
  snapshot(): SliceStats {
    const out = { ...this.stats, steps: { ...this.stats.steps } };
    if (this.start >= 0) {
      const ms = this.options.now() - this.start;
      out.busyMs += ms;
      if (ms > out.longestMs) out.longestMs = ms;
    }
    return out;
  }
}

/** A slicer from options, or the one given. */
export function slicerOf(s: SliceOptions | Slicer): Slicer {
  return s instanceof Slicer ? s : new Slicer(s);
}

// ---------------------------------------------------------------------------------------------
// Sorting in steps
// ---------------------------------------------------------------------------------------------

/** Elements moved between two checkpoints of `sortSteps`. */
const SORT_STEP = 2048;

/**
 * A stable sort in steps (natural merge sort: ascending runs are found, then merged pairwise). A stable sort's
 * result is fully determined by the comparator, so this returns exactly what `Array.prototype.sort` (stable
 * since ES2019) returns with the same comparator. Sorts `items` in place and returns it.
 */
export function* sortSteps<T>(items: T[], compare: (a: T, b: T) => number): Steps<T[]> {
  const n = items.length;
  if (n < 2) return items;
  // Runs: maximal non-descending stretches, and strictly descending ones reversed (a strictly descending
  // stretch holds no equal elements, so reversing it keeps the sort stable).
  const bounds: number[] = [0];
  let work = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    if (j < n) {
      if (compare(items[i], items[j]) <= 0) {
        while (j < n && compare(items[j - 1], items[j]) <= 0) j++;
      } else {
        while (j < n && compare(items[j - 1], items[j]) > 0) j++;
        for (let lo = i, hi = j - 1; lo < hi; lo++, hi--) {
          const t = items[lo];
          items[lo] = items[hi];
          items[hi] = t;
        }
      }
    }
    bounds.push(j);
    work += j - i;
    i = j;
    if (work >= SORT_STEP) {
      work = 0;
      yield "sort";
    }
  }
  // Merge neighbouring runs until one is left; equal elements are taken from the left run first.
  let src = items;
  let dst: T[] = new Array<T>(n);
  let runs = bounds;
  while (runs.length > 2) {
    const next: number[] = [0];
    for (let k = 0; k + 1 < runs.length; k += 2) {
      const lo = runs[k];
      const mid = runs[k + 1];
      const hi = k + 2 < runs.length ? runs[k + 2] : mid;
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) {
        dst[o++] = compare(src[j], src[i]) < 0 ? src[j++] : src[i++];
        if (++work >= SORT_STEP) {
          work = 0;
          yield "sort";
        }
      }
      work += mid - i + (hi - j);
      while (i < mid) dst[o++] = src[i++];
      while (j < hi) dst[o++] = src[j++];
      next.push(hi);
      if (work >= SORT_STEP) {
        work = 0;
        yield "sort";
      }
    }
    runs = next;
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== items) for (let i = 0; i < n; i++) items[i] = src[i];
  return items;
}
