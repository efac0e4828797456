/**
 * The picker's 三级 search over the real template catalogue: substring of the name, pinyin initials (`myd` →
 * 满意度, `jsl` → 及时率, with 率 read lǜ in context), full pinyin, other readings of polyphonic characters,
 * ranking, and the index built once per list.
 */
jest.mock("pinyin-pro", () => {
  const actual = jest.requireActual("pinyin-pro");
  return { ...actual, pinyin: jest.fn(actual.pinyin), polyphonic: jest.fn(actual.polyphonic) };
});

import { pinyin, polyphonic } from "pinyin-pro";
import { getTemplates, type Template } from "../../src/core";
import { buildSearchIndex, loadPinyin, MatchRank, normalizeQuery } from "../../src/taskpane/search";

const lib = { pinyin, polyphonic };
const templates = getTemplates();
const index = buildSearchIndex(templates, (t) => t.name, lib);

function names(query: string): string[] {
  return index.search(query).map((h) => h.item.name);
}

test("the catalogue is big enough for searching to matter", () => {
  expect(templates.length).toBeGreaterThan(100);
});

test("myd finds every 满意度 template, and the ones whose initials start with it first", () => {
  const hits = names("myd");
  const withWord = templates.filter((t) => t.name.includes("满意度")).map((t) => t.name);
  expect(withWord.length).toBeGreaterThan(3);
  for (const n of withWord) expect(hits).toContain(n);
  // Every hit spells m-y-d somewhere in its initials: nothing unrelated.
  for (const h of index.search("myd")) expect(h.rank).toBeGreaterThanOrEqual(MatchRank.InitialsPrefix);
  const ranks = index.search("myd").map((h) => h.rank);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
});

test("jsl finds the 及时率 templates (率 read lǜ in context)", () => {
  const hits = names("jsl");
  const withWord = templates.filter((t) => t.name.includes("及时率")).map((t) => t.name);
  expect(withWord.length).toBeGreaterThan(1);
  for (const n of withWord) expect(hits).toContain(n);
});

test("Chinese text matches by substring, exact and prefix matches first", () => {
  const hits = index.search("满意度");
  expect(hits.length).toBeGreaterThan(0);
  for (const h of hits) expect(h.item.name).toContain("满意度");
  const exact = buildSearchIndex(["服务对象满意度", "满意度", "满意度调查"], (n) => n, lib).search("满意度");
  expect(exact.map((h) => [h.item, h.rank])).toEqual([
    ["满意度", MatchRank.Exact],
    ["满意度调查", MatchRank.NamePrefix],
    ["服务对象满意度", MatchRank.NameSubstring],
  ]);
});

test("full pinyin, other readings of polyphonic characters, case and spaces", () => {
  const ix = buildSearchIndex(["服务对象满意度", "补偿发放及时率", "重大事故发生次数", "Wi-Fi覆盖率", "长期"], (n) => n, lib);
  const find = (q: string) => ix.search(q).map((h) => h.item);
  expect(find("manyidu")).toEqual(["服务对象满意度"]);
  expect(find("manyi")).toEqual(["服务对象满意度"]);
  expect(find("zdsg")).toEqual(["重大事故发生次数"]);
  // 长 is read cháng here; a user typing the zhǎng reading's initial still finds it, ranked last.
  expect(ix.search("zq").map((h) => [h.item, h.rank])).toEqual([["长期", MatchRank.OtherReading]]);
  expect(find("FGL")).toEqual(["Wi-Fi覆盖率"]);
  expect(find("wifi")).toEqual(["Wi-Fi覆盖率"]);
  expect(find(" j s l ")).toEqual(["补偿发放及时率"]);
  expect(find("qqq")).toEqual([]);
  expect(find("")).toEqual(["服务对象满意度", "补偿发放及时率", "重大事故发生次数", "Wi-Fi覆盖率", "长期"]);
  expect(normalizeQuery(" 满意\n度 ")).toBe("满意度");
});

test("the index is built once: searching calls no pinyin conversion", () => {
  const ix = buildSearchIndex<Template>(templates, (t) => t.name, lib);
  const calls = (pinyin as unknown as jest.Mock).mock.calls.length + (polyphonic as unknown as jest.Mock).mock.calls.length;
  for (const q of ["m", "my", "myd", "jsl", "满意", "manyidu", "zq"]) ix.search(q);
  expect((pinyin as unknown as jest.Mock).mock.calls.length + (polyphonic as unknown as jest.Mock).mock.calls.length).toBe(calls);
  expect(ix.size).toBe(templates.length);
});

test("before pinyin-pro has loaded, names match as text only; loadPinyin gives the library once", async () => {
  const names = buildSearchIndex(["服务对象满意度", "补偿发放及时率"], (n) => n, null);
  expect(names.search("满意").map((h) => h.item)).toEqual(["服务对象满意度"]);
  expect(names.search("myd")).toEqual([]);
  const loaded = await loadPinyin();
  expect(await loadPinyin()).toBe(loaded);
  expect(buildSearchIndex(["服务对象满意度"], (n) => n, loaded).search("myd").map((h) => h.item)).toEqual(["服务对象满意度"]);
});
