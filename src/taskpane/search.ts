/**
 * Searching the picker's 三级 list: by substring of the name, and by pinyin, so that typing `myd` finds
 * 满意度 and `jsl` finds 及时率. Pinyin comes from pinyin-pro (context-aware readings, so 率 in 及时率 reads
 * lǜ), plus every other reading of polyphonic characters, so a user who types the other reading still finds
 * the name. The index is built once per list (`buildSearchIndex`) and queried as the user types.
 *
 * pinyin-pro carries its dictionary (about 140 KB compressed), so the pane loads it on its own (`loadPinyin`,
 * a separate bundle chunk) when the picker opens; until it has arrived the index matches names only.
 */
import type * as PinyinPro from "pinyin-pro";

/** The two functions of pinyin-pro the index uses. */
export type PinyinLib = Pick<typeof PinyinPro, "pinyin" | "polyphonic">;

let loading: Promise<PinyinLib> | null = null;

/** pinyin-pro, loaded once (its own chunk in the add-in's bundle). */
export function loadPinyin(): Promise<PinyinLib> {
  loading ??= import(/* webpackChunkName: "pinyin" */ "pinyin-pro").then((m) => ({ pinyin: m.pinyin, polyphonic: m.polyphonic }));
  return loading;
}

/** How well an entry matched; lower is better. */
export enum MatchRank {
  Exact = 0,
  NamePrefix = 1,
  NameSubstring = 2,
  InitialsPrefix = 3,
  Initials = 4,
  FullPinyin = 5,
  OtherReading = 6,
}

export interface SearchHit<T> {
  item: T;
  rank: MatchRank;
}

interface Entry<T> {
  item: T;
  position: number;
  /** The name, lower-cased, without white space. */
  name: string;
  /** One initial per indexed character, in the context-aware reading ("myd" for 满意度). */
  initials: string;
  /** Per indexed character, every initial any of its readings has. */
  initialSets: string[][];
  /** Per indexed character, the full syllable of its context-aware reading ("man", "yi", "du"). */
  syllables: string[];
}

export interface SearchIndex<T> {
  readonly size: number;
  /** Entries matching `query`, best first (list order among equals); every entry for an empty query. */
  search(query: string): SearchHit<T>[];
}

const HAN = /\p{Script=Han}/u;
const LATIN_OR_DIGIT = /[a-z0-9]/;

/** Lower-case and drop white space (line breaks included): names from sheets often carry them. */
export function normalizeQuery(text: string): string {
  return text.toLowerCase().replace(/\s+/gu, "");
}

function buildEntry<T>(item: T, position: number, text: string, lib: PinyinLib | null): Entry<T> {
  const name = normalizeQuery(text);
  if (!lib) return { item, position, name, initials: "", initialSets: [], syllables: [] };
  const { pinyin, polyphonic } = lib;
  const chars = [...name];
  // Context-aware readings of the whole name, one per character (non-Han characters come back as themselves).
  const readings = chars.length > 0 ? pinyin(name, { toneType: "none", type: "array", v: true, nonZh: "spaced" }) : [];
  const alternatives = chars.length > 0 ? polyphonic(name, { toneType: "none", type: "array", v: true, pattern: "first" }) : [];
  const initialSets: string[][] = [];
  const syllables: string[] = [];
  let initials = "";
  if (readings.length === chars.length) {
    chars.forEach((ch, i) => {
      if (HAN.test(ch)) {
        const syllable = readings[i].toLowerCase();
        const first = syllable.charAt(0);
        const alt = (alternatives[i] ?? []).map((a) => a.toLowerCase().charAt(0)).filter((a) => a !== "");
        initials += first;
        initialSets.push([...new Set([first, ...alt])]);
        syllables.push(syllable);
      } else if (LATIN_OR_DIGIT.test(ch)) {
        initials += ch;
        initialSets.push([ch]);
        syllables.push(ch);
      }
      // Punctuation and symbols (-, （, %) are skipped: nobody types them in a pinyin query.
    });
  } else {
    // pinyin-pro split the text differently from the code points: index the Han characters one by one.
    for (const ch of chars) {
      if (HAN.test(ch)) {
        const syllable = pinyin(ch, { toneType: "none", v: true });
        const alt = polyphonic(ch, { toneType: "none", type: "array", v: true, pattern: "first" })[0] ?? [];
        initials += syllable.charAt(0);
        initialSets.push([...new Set([syllable.charAt(0), ...alt.map((a) => a.charAt(0))])]);
        syllables.push(syllable);
      } else if (LATIN_OR_DIGIT.test(ch)) {
        initials += ch;
        initialSets.push([ch]);
        syllables.push(ch);
      }
    }
  }
  return { item, position, name, initials, initialSets, syllables };
}

/** True when the query letters match the initials from some character on, allowing any reading of each. */
function matchesAnyReading(sets: string[][], q: string): boolean {
  const letters = [...q];
  for (let start = 0; start + letters.length <= sets.length; start++) {
    if (letters.every((l, j) => sets[start + j].includes(l))) return true;
  }
  return false;
}

/** True when the query is a run of full syllables from some character on, the last one possibly cut short. */
function matchesFullPinyin(syllables: string[], q: string): boolean {
  for (let start = 0; start < syllables.length; start++) {
    let rest = q;
    for (let i = start; i < syllables.length && rest.length > 0; i++) {
      const s = syllables[i];
      if (rest.startsWith(s)) rest = rest.slice(s.length);
      else if (s.startsWith(rest)) rest = "";
      else break;
    }
    if (rest.length === 0) return true;
  }
  return false;
}

function rankOf<T>(e: Entry<T>, q: string, pinyinQuery: boolean): MatchRank | null {
  if (e.name === q) return MatchRank.Exact;
  if (e.name.startsWith(q)) return MatchRank.NamePrefix;
  if (e.name.includes(q)) return MatchRank.NameSubstring;
  if (!pinyinQuery) return null;
  if (e.initials.startsWith(q)) return MatchRank.InitialsPrefix;
  if (e.initials.includes(q)) return MatchRank.Initials;
  if (q.length >= 2 && matchesFullPinyin(e.syllables, q)) return MatchRank.FullPinyin;
  if (matchesAnyReading(e.initialSets, q)) return MatchRank.OtherReading;
  return null;
}

/**
 * Index `items` by the text `nameOf` gives (computed once, here). With `lib` null (pinyin-pro not loaded yet)
 * only the names are indexed.
 */
export function buildSearchIndex<T>(items: readonly T[], nameOf: (item: T) => string, lib: PinyinLib | null): SearchIndex<T> {
  const entries = items.map((item, i) => buildEntry(item, i, nameOf(item), lib));
  return {
    size: entries.length,
    search(query: string): SearchHit<T>[] {
      const q = normalizeQuery(query);
      if (q === "") return entries.map((e) => ({ item: e.item, rank: MatchRank.Exact }));
      // Only letters and digits can be pinyin; anything else (Han characters, %) is matched as text.
      const pinyinQuery = /^[a-z0-9]+$/.test(q) && /[a-z]/.test(q);
      const hits: { e: Entry<T>; rank: MatchRank }[] = [];
      for (const e of entries) {
        const rank = rankOf(e, q, pinyinQuery);
        if (rank !== null) hits.push({ e, rank });
      }
      hits.sort((a, b) => a.rank - b.rank || a.e.position - b.e.position);
      return hits.map((h) => ({ item: h.e.item, rank: h.rank }));
    },
  };
}
