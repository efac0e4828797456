/**
 * The long fuzz run (not a test, not in CI): `npm run fuzz [-- options]`.
 *
 *   --strings N   mutated indicator strings through the grammar and its invariants (default 2,000,000)
 *   --grids N     mutated seed grids (and small random grids) through validateGrid and the grid invariants (default 20,000)
 *   --seed S      run seed (default: random, printed); case i of a run is replayed from (S, i) alone
 *   --minutes M   stop early after M minutes (half for the strings while grids remain to do)
 *   --out DIR     where failures and the report go (default fuzz-out/, gitignored)
 *   --replay FILE check the input of one failure file again (exit 1 when it still fails)
 *
 * The strings are the seeds' real indicator cells (both layouts) and paragraphs of the published PDF's text,
 * mutated with a hostile alphabet (tests/helpers/fuzz.ts: delimiters, full-width digits, comparators, units,
 * line breaks, every kind of space, lone surrogates, control characters, splices, truncation, repetition).
 * The grids are the seed workbooks and their broken variants in both layouts, mutated cell by cell, row by row,
 * merge by merge; one in five instead gets the defects real tables have (half-width punctuation, look-alike
 * comparators, wrong numbers, categories without code… what the safe fixes are for), one in five is a small
 * random grid. The invariants are the property test's
 * (tests/core/engine.property.test.ts), shared through tests/helpers/fuzz.ts.
 *
 * Progress every ~10 s; a final report with counts, rates and failures grouped by cause. Each failure is written
 * to DIR as a JSON repro with the run seed, the case number and the input (the first of each cause also shrunk to
 * a minimal input). Exit 1 if any failure.
 *
 * Speed: run under tsx, the engine's hot loops are several times slower (tsx keeps function names), so this
 * script bundles itself with esbuild into DIR and runs the bundle in a child process, as the benchmark does.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { GridInput, IndicatorSpec } from "../src/core";
import {
  KNOWN_ISSUES, caseSeed, checkGrid, checkInsertRoundTrip, checkText, decode, encode, injectDefects, loadSeeds, mulberry32, mutateGrid, mutateText,
  randomSmallGrid, randomSpec, shrinkGrid, shrinkText, signature, unknownProblems, type NamedGrid, type Rng, type Seeds,
} from "../tests/helpers/fuzz";

const ROOT = process.env.JIXIAO_FUZZ_ROOT ?? resolve(__dirname, "..");

interface Options {
  strings: number;
  grids: number;
  seed: number;
  minutes: number | null;
  out: string;
  replay: string | null;
}

function usage(message: string): never {
  console.error(`fuzz: ${message}\nusage: npm run fuzz -- [--strings N] [--grids N] [--seed S] [--minutes M] [--out DIR] [--replay FILE]`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { strings: 2_000_000, grids: 20_000, seed: (Date.now() ^ (Math.random() * 0x7fffffff)) >>> 0, minutes: null, out: join(ROOT, "fuzz-out"), replay: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) usage(`${a} needs a value`);
      return v;
    };
    const count = (): number => {
      const n = Number(value().replace(/[_,]/g, ""));
      if (!Number.isInteger(n) || n < 0) usage(`${a} needs a whole number`);
      return n;
    };
    if (a === "--strings") o.strings = count();
    else if (a === "--grids") o.grids = count();
    else if (a === "--seed") o.seed = count() >>> 0;
    else if (a === "--minutes") {
      const m = Number(value());
      if (!(m > 0)) usage("--minutes needs a positive number");
      o.minutes = m;
    } else if (a === "--out") o.out = resolve(value());
    else if (a === "--replay") o.replay = resolve(value());
    else if (a === "--help" || a === "-h") usage("options");
    else usage(`unknown option ${a}`);
  }
  return o;
}

// ---------------------------------------------------------------------------------------------
// The parent: bundle, then run the bundle
// ---------------------------------------------------------------------------------------------

async function parent(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  mkdirSync(o.out, { recursive: true });
  const bundle = join(o.out, "fuzz-bundle.js");
  const { buildSync } = await import("esbuild");
  buildSync({
    entryPoints: [__filename], outfile: bundle, bundle: true, platform: "node", target: "node20", packages: "external",
    logLevel: "error",
  });
  const r = spawnSync(process.execPath, [bundle, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, JIXIAO_FUZZ_CHILD: "1", JIXIAO_FUZZ_ROOT: ROOT, NODE_PATH: join(ROOT, "node_modules") },
  });
  process.exit(r.status ?? 1);
}

// ---------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------

interface Failure {
  kind: "string" | "grid";
  seed: number;
  case: number;
  caseSeed: number;
  base: string;
  /** Grid cases: the seed validated between two validations of the input (the determinism check). */
  other?: "published" | "structured";
  /** Grid cases: the insertion round trip checked on the input, when there was one. */
  insert?: Insertion;
  problems: string[];
  input: unknown;
  shrunk?: unknown;
}

interface Cause {
  signature: string;
  count: number;
  files: string[];
  first: string;
  /** The KNOWN_ISSUES entry it matches: a failure whose cause is in a file outside this suite's reach. */
  known?: string;
}

/** Repro files written per cause (every failure is counted; the first of each cause is also shrunk). */
const MAX_FILES_PER_CAUSE = 25;

class Recorder {
  readonly causes = new Map<string, Cause>();
  failures = 0;
  /** Failing cases with at least one problem that is not a known issue. */
  unknown = 0;
  constructor(readonly out: string) {}

  /** Record a failing case: counted under each of its causes; the first of a cause is shrunk. */
  add(f: Failure, shrink: () => unknown): void {
    this.failures++;
    if (unknownProblems(f.problems).length > 0) this.unknown++;
    const sigs = [...new Set(f.problems.map(signature))];
    let fresh = false;
    for (const sig of sigs) {
      let c = this.causes.get(sig);
      if (!c) {
        const first = f.problems.find((p) => signature(p) === sig) ?? sig;
        c = { signature: sig, count: 0, files: [], first, known: KNOWN_ISSUES.find((k) => k.pattern.test(first))?.id };
        this.causes.set(sig, c);
        fresh = true;
      }
      c.count++;
    }
    const cause = this.causes.get(sigs[0])!;
    if (cause.files.length >= MAX_FILES_PER_CAUSE) return;
    if (fresh) {
      const t = performance.now();
      f.shrunk = shrink();
      console.log(`  new failure (${f.kind} case ${f.case}): ${cause.first.split("\n")[0].slice(0, 200)}  [shrunk in ${((performance.now() - t) / 1000).toFixed(1)} s]`);
    }
    const file = join(this.out, `failure-${f.kind}-${f.seed}-${f.case}.json`);
    writeFileSync(file, JSON.stringify({ ...f, input: encode(f.input), shrunk: f.shrunk === undefined ? undefined : encode(f.shrunk) }, null, 1));
    for (const sig of sigs) {
      const c = this.causes.get(sig)!;
      if (c.files.length < MAX_FILES_PER_CAUSE) c.files.push(file);
    }
  }
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

class Progress {
  private last = performance.now();
  constructor(private readonly label: string, private readonly total: number, private readonly started = performance.now()) {}
  tick(done: number, failures: number, extra = ""): void {
    const now = performance.now();
    if (now - this.last < 10_000) return;
    this.last = now;
    const rate = done / ((now - this.started) / 1000);
    console.log(`  ${this.label}: ${fmt(done)} / ${fmt(this.total)} (${fmt(rate)}/s), ${failures} failing${extra}`);
  }
}

/** Grids to start from, by layout, so that both layouts are mutated as often whatever the number of variants. */
function basesOf(seeds: Seeds): { published: NamedGrid[]; structured: NamedGrid[] } {
  return {
    published: seeds.grids.filter((g) => g.layout === "published"),
    structured: seeds.grids.filter((g) => g.layout === "structured"),
  };
}

/** Case i of a grid run: the grid, the base it came from and the grid validated between two runs of it. */
interface GridCase {
  grid: GridInput;
  base: string;
  otherName: "published" | "structured";
  other: GridInput;
  rng: Rng;
}

function gridCase(seeds: Seeds, seed: number, i: number): GridCase {
  const rng = mulberry32(caseSeed(seed, i));
  const bases = basesOf(seeds);
  const k = rng.int(20);
  if (k < 4) return { grid: randomSmallGrid(rng, seeds.strings), base: "random", otherName: "published", other: seeds.published, rng };
  const list = k < 6 || (k >= 8 && k < 14) ? bases.published : bases.structured;
  const base = list[rng.int(list.length)];
  const otherName = base.layout === "published" ? "structured" : "published";
  // One case in five: the defects real tables have (what the safe fixes are for); else hostile mutations.
  const grid = k < 8 ? injectDefects(base.grid, rng) : mutateGrid(base.grid, rng, seeds.strings);
  return { grid, base: `${base.name}${k < 8 ? " (defects)" : ""}`, otherName, other: seeds[otherName], rng };
}

/** Case i of a string run. */
function stringCase(seeds: Seeds, seed: number, i: number): { text: string; base: number } {
  const rng = mulberry32(caseSeed(seed, i));
  const base = rng.int(seeds.strings.length);
  return { text: mutateText(seeds.strings[base], rng, seeds.strings), base };
}

interface Insertion {
  projectIndex: number;
  specs: IndicatorSpec[];
}

/** The grid invariants, and the insertion round trip when there is one. */
function gridProblems(g: GridInput, other: GridInput, insert: Insertion | undefined): string[] {
  const report = checkGrid(g, other);
  if (!insert || !report.table) return report.problems;
  return [...report.problems, ...checkInsertRoundTrip(g, insert.projectIndex, insert.specs).problems];
}

/** Everything checked on one grid case: the grid invariants and, on one case in four, an insertion round trip. */
function checkGridCase(c: GridCase): { problems: string[]; table: boolean; insert?: Insertion } {
  const report = checkGrid(c.grid, c.other);
  const problems = [...report.problems];
  if (report.table && c.rng.int(4) === 0) {
    const insert = { projectIndex: c.rng.int(1000), specs: Array.from({ length: 1 + c.rng.int(3) }, () => randomSpec(c.rng)) };
    problems.push(...checkInsertRoundTrip(c.grid, insert.projectIndex, insert.specs).problems);
    return { problems, table: true, insert };
  }
  return { problems, table: report.table };
}

async function run(o: Options): Promise<number> {
  mkdirSync(o.out, { recursive: true });
  const seeds = await loadSeeds(join(ROOT, "seeds"));
  const rec = new Recorder(o.out);
  const started = performance.now();
  const deadline = o.minutes === null ? Infinity : started + o.minutes * 60_000;
  const stringDeadline = o.minutes === null ? Infinity : o.grids > 0 ? started + (o.minutes * 60_000) / 2 : deadline;
  console.log(`fuzz: seed ${o.seed}, ${fmt(o.strings)} strings, ${fmt(o.grids)} grids` +
    `${o.minutes === null ? "" : `, at most ${o.minutes} min`}; ${seeds.strings.length} seed strings, ${seeds.grids.length} seed grids; out ${o.out}`);

  // Strings.
  let strings = 0;
  const t0 = performance.now();
  const sp = new Progress("strings", o.strings, t0);
  for (; strings < o.strings; strings++) {
    if ((strings & 255) === 0 && performance.now() > stringDeadline) break;
    const { text, base } = stringCase(seeds, o.seed, strings);
    const problems = checkText(text);
    if (problems.length > 0) {
      rec.add(
        { kind: "string", seed: o.seed, case: strings, caseSeed: caseSeed(o.seed, strings), base: `strings[${base}]`, problems, input: text },
        () => {
          const sigs = new Set(problems.map(signature));
          return shrinkText(text, (t) => checkText(t).some((p) => sigs.has(signature(p))));
        },
      );
    }
    sp.tick(strings + 1, rec.failures);
  }
  const stringSeconds = (performance.now() - t0) / 1000;

  // Grids.
  let grids = 0;
  let tables = 0;
  const t1 = performance.now();
  const gp = new Progress("grids", o.grids, t1);
  for (; grids < o.grids; grids++) {
    if (performance.now() > deadline) break;
    const c = gridCase(seeds, o.seed, grids);
    const { problems, table, insert } = checkGridCase(c);
    if (table) tables++;
    if (problems.length > 0) {
      rec.add(
        {
          kind: "grid", seed: o.seed, case: grids, caseSeed: caseSeed(o.seed, grids), base: c.base, other: c.otherName, insert,
          problems, input: c.grid,
        },
        () => {
          const sigs = new Set(problems.map(signature));
          return shrinkGrid(c.grid, (g) => gridProblems(g, c.other, insert).some((p) => sigs.has(signature(p))), { calls: 3000 });
        },
      );
    }
    gp.tick(grids + 1, rec.failures);
  }
  const gridSeconds = (performance.now() - t1) / 1000;

  // Report.
  const causes = [...rec.causes.values()].sort((a, b) => b.count - a.count);
  const report = {
    command: `npm run fuzz -- --strings ${o.strings} --grids ${o.grids} --seed ${o.seed}${o.minutes === null ? "" : ` --minutes ${o.minutes}`}`,
    seed: o.seed,
    strings: { done: strings, asked: o.strings, seconds: round(stringSeconds), perSecond: round(strings / Math.max(stringSeconds, 1e-9)) },
    grids: { done: grids, asked: o.grids, withTable: tables, seconds: round(gridSeconds), perSecond: round(grids / Math.max(gridSeconds, 1e-9)) },
    failingCases: rec.failures,
    failingCasesNotKnown: rec.unknown,
    knownIssues: KNOWN_ISSUES.map(({ id, cause }) => ({ id, cause })),
    causes,
  };
  writeFileSync(join(o.out, "report.json"), JSON.stringify(report, null, 1));
  console.log("");
  console.log(`fuzz report (seed ${o.seed})`);
  console.log(`  strings: ${fmt(strings)} in ${stringSeconds.toFixed(1)} s (${fmt(report.strings.perSecond)}/s)`);
  console.log(`  grids:   ${fmt(grids)} in ${gridSeconds.toFixed(1)} s (${fmt(report.grids.perSecond)}/s), ${fmt(tables)} with a target table`);
  console.log(`  failing cases: ${rec.failures} (${rec.unknown} with a failure that is not a known issue)` +
    `${causes.length > 0 ? `, ${causes.length} causes:` : ""}`);
  for (const c of causes) {
    console.log(`    ${c.count} × ${c.known ? `[known: ${c.known}] ` : ""}${c.first.split("\n")[0].slice(0, 240)}`);
    for (const f of c.files) console.log(`        ${f}`);
  }
  const known = causes.filter((c) => c.known).map((c) => c.known!);
  for (const k of KNOWN_ISSUES.filter((x) => known.includes(x.id))) console.log(`  known issue ${k.id}: ${k.cause}`);
  console.log(`  report: ${join(o.out, "report.json")}`);
  return rec.failures > 0 ? 1 : 0;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

async function replay(o: Options): Promise<number> {
  const f = JSON.parse(readFileSync(o.replay!, "utf8")) as Failure;
  const seeds = await loadSeeds(join(ROOT, "seeds"));
  for (const which of ["input", "shrunk"] as const) {
    if (f[which] === undefined) continue;
    const input = decode(f[which]);
    const problems = f.kind === "string"
      ? checkText(input as string)
      : gridProblems(input as GridInput, seeds[f.other ?? "published"], f.insert);
    console.log(`${which}: ${problems.length === 0 ? "passes now" : `${problems.length} problems`}`);
    for (const p of problems) console.log(`  ${p.split("\n").slice(0, 3).join("\n    ")}`);
    if (problems.length > 0) return 1;
  }
  return 0;
}

async function child(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const code = o.replay ? await replay(o) : await run(o);
  process.exit(code);
}

if (process.env.JIXIAO_FUZZ_CHILD === "1") void child();
else void parent();
