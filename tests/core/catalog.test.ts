import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  DEFAULT_PROFILE_ID,
  checkProfile,
  findNegativeWord,
  findPlaceholder,
  getLexicon,
  getProfile,
  getTemplates,
  isNegativeName,
  isPseudoCategory,
  listProfiles,
  matchLevel1,
  matchLevel2,
  normalizeCategoryName,
} from "../../src/core/catalog";
import type { Profile } from "../../src/core/types";
import { renderTemplates } from "../../scripts/import-catalogue";

const gz = getProfile("guangzhou");
const p101 = getProfile("caiyu-2021-101");

/** "1-产出指标" → [code, name] as the grammar hands them over. */
function split(label: string): [string | null, string] {
  const m = /^(\d+)-(.*)$/.exec(label);
  return m ? [m[1], m[2]] : [null, label];
}
const l1 = (label: string, p: Profile = gz) => {
  const r = matchLevel1(...split(label), p);
  return { byCode: r.byCode?.code ?? null, byName: r.byName?.code ?? null };
};
const l2 = (label: string, p: Profile = gz) => {
  const r = matchLevel2(...split(label), p);
  return {
    byCode: r.byCode ? `${r.byCode.l1.code}/${r.byCode.l2.code}` : null,
    byName: r.byName ? `${r.byName.l1.code}/${r.byName.l2.code}` : null,
  };
};

describe("profiles", () => {
  it("lists both built-in profiles, the default first", () => {
    expect(listProfiles().map((p) => p.id)).toEqual(["guangzhou", "caiyu-2021-101"]);
    expect(DEFAULT_PROFILE_ID).toBe("guangzhou");
    expect(gz.name).toEqual({ zh: "广州市默认", en: "Guangzhou default" });
    expect(p101.name.zh).toBe("财预〔2021〕101号");
    for (const p of listProfiles()) expect(p.description.zh.length && p.description.en.length).toBeTruthy();
  });

  it.each(["guangzhou", "caiyu-2021-101"])("%s is well-formed: unique codes, 二级 codes under their 一级", (id) => {
    const p = getProfile(id);
    expect(checkProfile(p)).toEqual([]);
    const codes = p.tree.flatMap((a) => [a.code, ...a.children.map((b) => b.code)]);
    expect(new Set(codes).size).toBe(codes.length);
    for (const a of p.tree) for (const b of a.children) expect(b.code.startsWith(a.code)).toBe(true);
    expect(p.thresholds).toEqual({ satisfactionFloor: 80, minIndicators: 3, amountTolerance: 0.005, maxDecimals: 2 });
    expect(p.rules).toEqual({});
    expect(p.pseudoCategories).toEqual(expect.arrayContaining(["制度指标", "过程指标", "决策", "过程", "管理指标", "项目管理", "资金管理"]));
  });

  it("guangzhou has the three 一级 of the brief with their roles and 二级", () => {
    const shape = gz.tree.map((a) => [a.code, a.name, a.role, a.children.map((b) => `${b.code}-${b.name}`)]);
    expect(shape).toEqual([
      ["1", "产出指标", "output", ["11-数量指标", "12-质量指标", "13-时效指标", "14-成本指标"]],
      ["2", "效益指标", "effect", ["21-经济效益指标", "22-社会效益指标", "23-生态效益指标", "24-可持续影响指标"]],
      ["3", "满意度指标", "satisfaction", ["31-服务对象满意度指标"]],
    ]);
  });

  it("caiyu-2021-101 has 成本指标 as fourth 一级 (role cost) and no 成本 under 产出", () => {
    const cost = p101.tree.find((a) => a.code === "4")!;
    expect(cost).toMatchObject({ name: "成本指标", role: "cost" });
    expect(cost.children.map((b) => `${b.code}-${b.name}`)).toEqual(["41-经济成本指标", "42-社会成本指标", "43-生态环境成本指标"]);
    expect(p101.tree.find((a) => a.code === "1")!.children.map((b) => b.code)).toEqual(["11", "12", "13"]);
  });

  it("getProfile accepts the Chinese name and rejects unknown ids listing the known ones", () => {
    expect(getProfile("广州市默认")).toBe(gz);
    expect(getProfile("财预〔2021〕101号")).toBe(p101);
    expect(() => getProfile("beijing")).toThrow(/guangzhou.*caiyu-2021-101/);
    expect(() => getProfile("beijing")).toThrow(/beijing/);
  });

  it("built-in profiles cannot be mutated by a caller", () => {
    expect(Object.isFrozen(gz.tree[0].children)).toBe(true);
    expect(() => {
      (gz.thresholds as { satisfactionFloor: number }).satisfactionFloor = 1;
    }).toThrow();
    expect(gz.thresholds.satisfactionFloor).toBe(80);
  });

  it("checkProfile reports a 二级 outside its 一级, duplicate codes, a bad role and missing thresholds", () => {
    const bad = structuredClone(gz) as unknown as Record<string, unknown> & Profile;
    bad.tree[0].children[0].code = "21";
    bad.tree[1].role = "other" as "output";
    delete (bad.thresholds as Partial<Profile["thresholds"]>).minIndicators;
    const problems = checkProfile(bad).join("\n");
    expect(problems).toMatch(/二级 21 does not start with its 一级 code 1/);
    expect(problems).toMatch(/duplicate code 21/);
    expect(problems).toMatch(/role "other"/);
    expect(problems).toMatch(/thresholds.minIndicators/);
    expect(checkProfile(null)).toEqual(["profile is not an object"]);
  });
});

describe("category matching", () => {
  it("normalizes names by removing spaces and the suffix 指标", () => {
    expect(normalizeCategoryName("社会效益指标")).toBe("社会效益");
    expect(normalizeCategoryName(" 产出 指标 ")).toBe("产出");
    expect(normalizeCategoryName("22-社会效益")).toBe("22-社会效益");
    expect(normalizeCategoryName("具体指标")).toBe("具体");
  });

  it("matches the seed's 一级 labels by code and by name", () => {
    expect(l1("1-产出指标")).toEqual({ byCode: "1", byName: "1" });
    expect(l1("2-效益指标")).toEqual({ byCode: "2", byName: "2" });
    expect(l1("3-满意度指标")).toEqual({ byCode: "3", byName: "3" });
  });

  it("matches the seed's 二级 labels, with and without 指标", () => {
    expect(l2("13-时效指标")).toEqual({ byCode: "1/13", byName: "1/13" });
    expect(l2("11-数量指标")).toEqual({ byCode: "1/11", byName: "1/11" });
    expect(l2("22-社会效益")).toEqual({ byCode: "2/22", byName: "2/22" });
    expect(l2("31-服务对象满意度")).toEqual({ byCode: "3/31", byName: "3/31" });
  });

  it("accepts the aliases of the brief", () => {
    expect(l1("效果指标").byName).toBe("2");
    expect(l1("项目完成指标").byName).toBe("1");
    expect(l1("效益").byName).toBe("2");
    expect(l1("产出 指标").byName).toBe("1");
    for (const alias of ["服务对象满意度", "满意度指标", "满意度", "社会公众或服务对象满意度指标", "社会公众满意度", "具体指标"]) {
      expect([alias, l2(alias).byName]).toEqual([alias, "3/31"]);
    }
    expect(l2("社会效益指标").byName).toBe("2/22");
  });

  it("tells code and name apart when they disagree", () => {
    expect(l1("2-产出指标")).toEqual({ byCode: "2", byName: "1" });
    expect(l2("12-社会效益")).toEqual({ byCode: "1/12", byName: "2/22" });
    // 22 written under 1-产出指标: the match says where 22 belongs (2), so a rule can compare.
    const r = matchLevel2("22", "社会效益", gz);
    expect(r.byCode?.l1.code).toBe("2");
    expect(r.byCode?.l1.name).toBe("效益指标");
  });

  it("returns null for unknown codes and names and for a missing code", () => {
    expect(l1("9-其他指标")).toEqual({ byCode: null, byName: null });
    expect(l2("99-杂项指标")).toEqual({ byCode: null, byName: null });
    expect(l1("产出指标")).toEqual({ byCode: null, byName: "1" });
    expect(l1("")).toEqual({ byCode: null, byName: null });
    // 二级 names are not 一级 names and vice versa.
    expect(l1("数量指标").byName).toBeNull();
    expect(l2("产出指标").byName).toBeNull();
    expect(l1("制度指标").byName).toBeNull();
  });

  it("recognizes pseudo-categories, normalized", () => {
    expect(isPseudoCategory("制度指标", gz)).toBe(true);
    expect(isPseudoCategory("制度", gz)).toBe(true);
    expect(isPseudoCategory("过程 指标", gz)).toBe(true);
    expect(isPseudoCategory("决策指标", gz)).toBe(true);
    expect(isPseudoCategory("产出指标", gz)).toBe(false);
    expect(isPseudoCategory("", gz)).toBe(false);
  });

  it("the 101 profile matches its cost 一级 and not the old 14-成本指标", () => {
    expect(l1("4-成本指标", p101)).toEqual({ byCode: "4", byName: "4" });
    expect(matchLevel1("4", "成本指标", p101).byName?.role).toBe("cost");
    expect(l2("41-经济成本指标", p101)).toEqual({ byCode: "4/41", byName: "4/41" });
    expect(l2("43-生态环境成本", p101)).toEqual({ byCode: "4/43", byName: "4/43" });
    expect(l2("14-成本指标", p101)).toEqual({ byCode: null, byName: null });
    // and the Guangzhou profile has no fourth 一级
    expect(l1("4-成本指标", gz)).toEqual({ byCode: null, byName: null });
    expect(l2("14-成本指标", gz)).toEqual({ byCode: "1/14", byName: "1/14" });
  });

  it("works on a custom profile object (indexed on first use)", () => {
    const custom = structuredClone(gz) as Profile;
    custom.id = "custom";
    custom.tree[2].children[0].aliases.push("群众满意度指标");
    expect(l2("群众满意度", custom).byName).toBe("3/31");
    expect(l2("群众满意度", gz).byName).toBeNull();
  });

  it("is fast enough for 100,000 look-ups of a large sheet", () => {
    const labels = ["1-产出指标", "2-效益指标", "3-满意度指标", "11-数量指标", "22-社会效益", "31-服务对象满意度"].map(split);
    const t0 = performance.now();
    let hits = 0;
    for (let i = 0; i < 100_000; i++) {
      const [c, n] = labels[i % labels.length];
      if (matchLevel1(c, n, gz).byName) hits++;
      if (matchLevel2(c, n, gz).byName) hits++;
    }
    const ms = performance.now() - t0;
    // each label matches at its own level; 3-满意度指标 (label index 2, seen 16,667 times) also matches
    // the 二级 alias 满意度指标.
    expect(hits).toBe(100_000 + 16_667);
    expect(ms).toBeLessThan(400); // generous: ~10 ms here; guards against per-call indexing
  });
});

describe("lexicon", () => {
  const lex = getLexicon();

  it("holds the word lists of the brief", () => {
    expect(lex.negativeWords).toEqual(
      expect.arrayContaining(["投诉", "事故", "争议", "逾期", "差错", "下降", "违规", "违法", "失误", "缺陷", "故障率", "返工", "超支", "安全事故", "上访", "纠纷", "不合格", "损失", "发生率"]),
    );
    expect(lex.placeholders).toEqual(expect.arrayContaining(["**", "XX", "xx", "××", "指标1", "指标一", "…", "＊＊", "XXX", "（填写）", "请填写"]));
    expect(lex.vagueValues).toEqual(expect.arrayContaining(["优良", "有效提升", "进一步完善", "持续"]));
    expect(lex.rateWords).toEqual(expect.arrayContaining(["率", "比例", "占比", "完成率"]));
    expect(lex.countWords).toEqual(expect.arrayContaining(["数量", "次数", "人次", "里程"]));
    expect(lex.satisfactionWords).toEqual(["满意度", "满意率"]);
    expect(lex.moneyUnits).toEqual(expect.arrayContaining(["万元", "元", "亿元"]));
  });

  it.each([
    ["投诉次数", "投诉"],
    ["有效投诉率", "投诉"],
    ["安全事故发生率", "安全事故"],
    ["编外人员劳动争议次数", "争议"],
    ["设备故障率", "故障率"],
    ["不合格率", "不合格"],
    ["项目资金超支率", "超支"],
    ["满意度下降", "下降"],
  ])("%s is negative (word %s)", (name, word) => {
    expect(isNegativeName(name)).toBe(true);
    const hit = findNegativeWord(name)!;
    expect(hit.word).toBe(word);
    expect(name.slice(hit.start, hit.end)).toBe(word);
  });

  it.each([
    "故障问题及时解决完成率", // a resolver after the word (and 故障 alone is not a negative word)
    "电子办公硬件和软件故障问题及时解决完成率",
    "投诉处理率",
    "投诉办结率",
    "事故处理及时率",
    "纠纷调处成功率",
    "违法案件查处率",
    "逾期贷款清收率",
    "挽回经济损失", // a preventer before
    "能耗下降率", // 下降 + measure suffix: a planned decrease
    "事故发生率下降幅度", // reducer after
    "无安全事故天数", // absence prefix
    "验收合格率",
    "补偿发放及时率",
  ])("%s is not negative", (name) => {
    expect(isNegativeName(name)).toBe(false);
    expect(findNegativeWord(name)).toBeNull();
  });

  it("finds placeholders with their span", () => {
    expect(findPlaceholder("购置**数量")).toEqual({ word: "**", start: 2, end: 4 });
    expect(findPlaceholder("XXX项目完成率")?.word).toBe("XXX");
    expect(findPlaceholder("指标1：完成率")?.word).toBe("指标1");
    expect(findPlaceholder("专家评审通过率")).toBeNull();
  });
});

describe("templates", () => {
  const templates = getTemplates();
  const byName = new Map(templates.map((t) => [t.name, t]));

  it("cover the catalogue (96 rows, alternatives split, plus the extra CSV's rows) with unique names per 二级", () => {
    // 105 from indicator-catalogue.csv, 55 from indicator-catalogue-extra.csv (its 12 rows under 42/43 are 101-only)
    expect(templates.length).toBe(160);
    const keys = templates.map((t) => `${t.l2}|${t.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  const csv = join(__dirname, "..", "..", "src", "core", "catalog", "indicator-catalogue.csv");
  it("templates.json is what scripts/import-catalogue.ts makes of the CSV (re-run it after editing either)", () => {
    const committed = readFileSync(join(__dirname, "..", "..", "src", "core", "catalog", "templates.json"), "utf8");
    expect(renderTemplates(readFileSync(csv, "utf8"), isNegativeName).json).toBe(committed);
  });
  it("every catalogue row yields a template in its 二级", () => {
    const rows = readFileSync(csv, "utf8").trim().split("\n").slice(1);
    expect(rows.length).toBe(96);
    const l2s = new Set(templates.map((t) => t.l2));
    for (const row of rows) {
      const l2code = /^[^,]*,(\d+)-/.exec(row)![1];
      expect(l2s.has(l2code === "41" ? "14" : l2code)).toBe(true);
    }
  });

  it("every template's 二级 belongs to its 一级 in the default profile", () => {
    for (const t of templates) {
      const hit = matchLevel2(t.l2, "", gz).byCode;
      expect([t.name, hit?.l1.code]).toEqual([t.name, t.l1]);
    }
  });

  it("in the 101 profile cost templates move to 4/41 and all codes exist there", () => {
    const t101 = getTemplates("caiyu-2021-101");
    // every Guangzhou template, plus the 101 profile's own 社会成本 (42) and 生态环境成本 (43) templates
    expect(t101.length).toBe(templates.length + 12);
    expect(t101.filter((t) => t.l2 === "42" || t.l2 === "43").length).toBe(12);
    for (const t of t101) expect([t.name, matchLevel2(t.l2, "", p101).byCode?.l1.code]).toEqual([t.name, t.l1]);
    expect(t101.find((t) => t.name === "项目建设成本")).toMatchObject({ l1: "4", l2: "41" });
    expect(t101.find((t) => t.name === "项目总成本")).toMatchObject({ l1: "4", l2: "41" });
    expect(t101.some((t) => t.l2 === "14")).toBe(false);
    expect(byName.get("项目建设成本")).toMatchObject({ l1: "1", l2: "14" });
  });

  it("no template keeps ≥ with 100 on a % rate, nor ≥ on a negative indicator", () => {
    for (const t of templates) {
      expect([t.name, t.comparator === "≥" && t.value === "100" && t.unit === "%"]).toEqual([t.name, false]);
      if (t.negative) expect(t.comparator).not.toBe("≥");
    }
    // the published mistakes, fixed
    expect(byName.get("项目（工程）完成及时率")!.comparator).toBe("=");
    expect(byName.get("就学补助及时发放率")!.comparator).toBe("=");
    expect(byName.get("办公大楼日常维修维护验收合格率")!.comparator).toBe("≥");
    expect(byName.get("年度预算总成本")!.comparator).toBe("≤");
  });

  it("names carry no code prefix, no placeholder, no unit", () => {
    for (const t of templates) {
      expect(t.name).not.toMatch(/^\d+\s*[-－]/);
      expect([t.name, findPlaceholder(t.name)]).toEqual([t.name, null]);
      expect(t.name).not.toMatch(/[（(]%[)）]/);
      expect(t.name).not.toMatch(/[()]/); // full-width parentheses only
    }
    expect(byName.has("服务对象满意度调查")).toBe(true);
    expect(byName.has("购置设备数量")).toBe(true);
    expect(byName.has("结余率")).toBe(true);
  });

  it("every quantitative template has a unit and a numeric or empty value; qualitative ones do not pretend", () => {
    for (const t of templates) {
      expect(["≥", "≤", "=", ">", "<", ""]).toContain(t.comparator);
      if (t.kind === "quantitative") {
        expect([t.name, t.unit.length > 0]).toEqual([t.name, true]);
        expect(t.value).toMatch(/^(\d+(\.\d+)?)?$/);
        expect(t.comparator).not.toBe("");
      } else {
        expect(t.value).not.toMatch(/^\d+(\.\d+)?$/);
      }
    }
    expect(byName.get("购置仪器设备")!.unit).toBe("台/套");
    expect(byName.get("人工成本")!.unit).toBe("万元/月");
    expect(byName.get("项目完成时限")).toMatchObject({ kind: "qualitative", comparator: "≤", value: "2025年12月", unit: "" });
    expect(byName.get("对满足人民群众日益提高的文化需求的可持续影响")).toMatchObject({ kind: "qualitative", comparator: "", unit: "" });
  });

  it("splits alternatives with their own units", () => {
    expect(byName.get("培训人员合格率")).toMatchObject({ l2: "12", unit: "%", value: "90" });
    expect(byName.get("培训合格率")).toMatchObject({ l2: "12", unit: "%" });
    expect(byName.get("研究性成果被引用次数")!.unit).toBe("次");
    expect(byName.get("研究性成果应用率")!.unit).toBe("%");
    expect(byName.get("人均培训成本控制率")!.unit).toBe("%");
    expect(byName.get("人均培训成本")!.unit).toBe("元");
    expect(byName.get("网络、终端、外设及病毒查杀巡查记录次数")!.value).toBe("250");
    expect(byName.get("培训班次（会议次数）")!.value).toBe("");
  });

  it("negative comes from the lexicon; the seed's 劳动争议次数 is =0", () => {
    for (const t of templates) expect([t.name, t.negative]).toEqual([t.name, isNegativeName(t.name)]);
    expect(byName.get("编外人员劳动争议次数")).toMatchObject({ negative: true, comparator: "=", value: "0", unit: "次" });
    expect(byName.get("电子办公硬件和软件故障问题及时解决完成率")!.negative).toBe(false);
  });

  it("satisfaction templates are percentages at or above the floor, filed under 31", () => {
    const sat = templates.filter((t) => t.l2 === "31");
    expect(sat.length).toBeGreaterThanOrEqual(13);
    for (const t of sat) {
      expect(t.unit).toBe("%");
      expect(Number(t.value)).toBeGreaterThanOrEqual(gz.thresholds.satisfactionFloor);
      expect(Number(t.value)).toBeLessThan(100);
    }
  });

  it("each has a one-line Chinese explanation and an origin", () => {
    for (const t of templates) {
      expect([t.name, /[\u4e00-\u9fff]/.test(t.explanation) && !/\n/.test(t.explanation)]).toEqual([t.name, true]);
      expect(["seed table", "published target table", "common indicator library"]).toContain(t.origin);
    }
    expect(byName.get("结余率")!.explanation).toContain("结余数/预算数");
  });

  it("returns a fresh list each call", () => {
    const a = getTemplates();
    a.pop();
    expect(getTemplates().length).toBe(templates.length);
  });
});
