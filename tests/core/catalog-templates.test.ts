/**
 * The standard catalogue against the engine's own rules: every template of every profile, written as the picker
 * writes it (formatIndicator in the published layout, the value columns in the structured layout), passes
 * validation with no finding about it; every kit passes with no finding at all. A template the validator would
 * flag is a bug in the catalogue.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  checkKits,
  getKit,
  getKits,
  getProfile,
  getTemplate,
  getTemplates,
  getTemplatesIn,
  isNegativeName,
  kitToSpecs,
  listProfiles,
  templateToSpec,
  type Template,
} from "../../src/core/catalog";
import { validateGrid } from "../../src/core/engine";
import { formatIndicator, formatIndicators, formatValue, parseIndicators, toSpec, type IndicatorSpec } from "../../src/core/grammar";
import type { Finding, GridInput } from "../../src/core/types";
import { renderTemplates } from "../../scripts/import-catalogue";
import { oneUnit, publishedGrid, structuredGrid } from "../helpers/grids";

const PROFILE_IDS = listProfiles().map((p) => p.id);
/** Project-level completeness rules a single-indicator project is expected to trip: required-categories, min-indicators. */
const PROJECT_LEVEL = new Set(["JX203", "JX204"]);
/** 总计 of the test project, in 万元: above every cost template's typical value (JX506 compares them). */
const PROJECT_TOTAL = 100;
/** Stands in for a template with no typical value (the user fills it in), so its unit and comparator are tested. */
const SAMPLE_VALUE = "5";

const ROOT = join(__dirname, "..", "..");
const CATALOG = join(ROOT, "src", "core", "catalog");

function specOf(t: Template, profile: string, seq = 1): IndicatorSpec {
  return templateToSpec(t, { seq, profile, value: t.value === "" ? SAMPLE_VALUE : undefined });
}

function category(c: { code: string | null; name: string }): string {
  return c.code ? `${c.code}-${c.name}` : c.name;
}

function published(specs: IndicatorSpec[], name = "测试项目"): GridInput {
  return publishedGrid(oneUnit([{ name, total: PROJECT_TOTAL, indicators: formatIndicators(specs) }]));
}

function structured(specs: IndicatorSpec[], name = "测试项目"): GridInput {
  const rows = specs.map((s) => [category(s.l1), category(s.l2), s.name, formatValue(s.period), formatValue(s.annual)]);
  return structuredGrid(oneUnit([{ name, total: PROJECT_TOTAL, rows }]));
}

function findingsOf(grid: GridInput, profile: string): { findings: Finding[]; indicators: number; parsed: IndicatorSpec[] } {
  const r = validateGrid(grid, { profile });
  if (!r.table) throw new Error(r.message);
  const parsed = r.table.projects.flatMap((p) => p.indicators.map(toSpec));
  return { findings: r.findings, indicators: r.summary.indicators, parsed };
}

const describeFinding = (f: Finding): string => `${f.ruleId} ${f.cell}: ${f.message}`;

describe.each(PROFILE_IDS)("templates of profile %s", (profileId) => {
  const profile = getProfile(profileId);
  const templates = getTemplates(profileId);

  it("number at least 150", () => {
    expect(templates.length).toBeGreaterThanOrEqual(150);
  });

  it("fill every 二级 of the profile with at least 4, the benefit and cost 二级 with at least 8 or 4", () => {
    const counts: Record<string, number> = {};
    for (const l1 of profile.tree) {
      for (const l2 of l1.children) {
        const inL2 = getTemplatesIn(l2.code, profileId);
        counts[`${l2.code}-${l2.name}`] = inL2.length;
        for (const t of inL2) expect([t.name, t.l1]).toEqual([t.name, l1.code]);
      }
    }
    for (const [l2, n] of Object.entries(counts)) expect([l2, n >= 4]).toEqual([l2, true]);
    // 经济效益, 生态效益, 可持续影响 were thin in the published catalogue (4, 2, 2): now well covered.
    for (const name of ["经济效益指标", "生态效益指标", "可持续影响指标"]) {
      const l2 = profile.tree.flatMap((a) => a.children).find((b) => b.name === name)!;
      expect([name, getTemplatesIn(l2.code, profileId).length >= 8]).toEqual([name, true]);
    }
    // every template sits in a 二级 of this profile: the counts add up to the whole list
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(templates.length);
  });

  it("have no duplicate name within a 二级", () => {
    const keys = templates.map((t) => `${t.l2}|${t.name}`);
    const dupes = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(dupes).toEqual([]);
  });

  it("each have a one-line explanation, an origin and a negative flag that agrees with the lexicon", () => {
    for (const t of templates) {
      expect([t.name, t.explanation.trim().length > 4, /[\r\n]/.test(t.explanation)]).toEqual([t.name, true, false]);
      expect(["seed table", "published target table", "common indicator library"]).toContain(t.origin);
      expect([t.name, t.negative]).toEqual([t.name, isNegativeName(t.name)]);
    }
    expect(templates.filter((t) => t.negative).length).toBeGreaterThanOrEqual(5);
  });

  it("write rates as =100% or ≥N% below 100, and give every quantitative template a unit", () => {
    for (const t of templates) {
      if (t.unit === "%") {
        expect([t.name, (t.comparator === "≥" || t.comparator === ">") && t.value === "100"]).toEqual([t.name, false]);
        if (t.value !== "") expect([t.name, Number(t.value) <= 100]).toEqual([t.name, true]);
      }
      if (t.kind === "quantitative") expect([t.name, t.unit !== "", t.comparator !== ""]).toEqual([t.name, true, true]);
      if (t.negative) expect([t.name, ["≤", "<", "="].includes(t.comparator)]).toEqual([t.name, true]);
      if (/满意度|满意率/.test(t.name)) {
        expect([t.name, t.unit, Number(t.value) >= profile.thresholds.satisfactionFloor && Number(t.value) < 100]).toEqual([t.name, "%", true]);
      }
    }
  });

  describe.each(["published", "structured"] as const)("each template alone in a project, %s layout", (layout) => {
    it.each(templates.map((t) => [`${t.l2} ${t.name}`, t] as const))("%s: no indicator or value finding", (_label, t) => {
      const spec = specOf(t, profileId);
      const grid = layout === "published" ? published([spec]) : structured([spec]);
      const { findings, indicators, parsed } = findingsOf(grid, profileId);
      expect(indicators).toBe(1);
      expect(findings.filter((f) => f.indicator !== undefined).map(describeFinding)).toEqual([]);
      expect(findings.filter((f) => !PROJECT_LEVEL.has(f.ruleId)).map(describeFinding)).toEqual([]);
      if (layout === "published") {
        // what the engine reads back is exactly what the picker wrote
        expect(parsed).toEqual([spec]);
        expect(formatIndicator(parsed[0])).toBe(formatIndicator(spec));
      }
    });
  });
});

describe("template codes per profile", () => {
  it("the 101 profile holds every Guangzhou template, 成本 moved from 1/14 to 4/41, plus its own 42 and 43", () => {
    const gz = getTemplates("guangzhou");
    const p101 = getTemplates("caiyu-2021-101");
    const gzCost = gz.filter((t) => t.l2 === "14").map((t) => t.name);
    expect(getTemplatesIn("41", "caiyu-2021-101").map((t) => t.name)).toEqual(gzCost);
    expect(gz.some((t) => t.l1 === "4")).toBe(false);
    const only101 = p101.filter((t) => t.l2 === "42" || t.l2 === "43");
    expect(only101.length).toBeGreaterThanOrEqual(8);
    expect(p101.length).toBe(gz.length + only101.length);
    expect(getTemplate("42", "征地拆迁涉及户数", "guangzhou")).toBeNull();
    expect(getTemplate("42", "征地拆迁涉及户数", "caiyu-2021-101")).toMatchObject({ l1: "4", l2: "42", unit: "户" });
  });

  it("getTemplate accepts the default coding (14) or the profile's (41)", () => {
    expect(getTemplate("14", "运维服务费用", "caiyu-2021-101")).toMatchObject({ l1: "4", l2: "41" });
    expect(getTemplate("41", "运维服务费用", "caiyu-2021-101")).toMatchObject({ l1: "4", l2: "41" });
    expect(getTemplate("14", "运维服务费用")).toMatchObject({ l1: "1", l2: "14", comparator: "≤", value: "30", unit: "万元" });
    expect(getTemplate("22", "运维服务费用")).toBeNull();
  });

  it("templateToSpec writes the profile's canonical categories and the template's value", () => {
    const t = getTemplate("14", "培训费综合定额标准")!;
    expect(formatIndicator(templateToSpec(t, { seq: 3 }))).toBe(
      "3、1-产出指标；14-成本指标；培训费综合定额标准；实施周期指标值:≤450元/人天；年度指标值:≤450元/人天。",
    );
    const t101 = getTemplate("14", "培训费综合定额标准", "caiyu-2021-101")!;
    expect(formatIndicator(templateToSpec(t101, { profile: "caiyu-2021-101" }))).toBe(
      "1、4-成本指标；41-经济成本指标；培训费综合定额标准；实施周期指标值:≤450元/人天；年度指标值:≤450元/人天。",
    );
    // a Guangzhou-coded template has no place in the 101 tree
    expect(() => templateToSpec(t, { profile: "caiyu-2021-101" })).toThrow(/14.*caiyu-2021-101/);
    const q = getTemplate("24", "长效管护机制建立情况")!;
    expect(q).toMatchObject({ kind: "qualitative", comparator: "", unit: "" });
    expect(templateToSpec(q).period).toEqual({ comparator: null, number: null, unit: null, text: "已建立" });
    const date = getTemplate("13", "项目完成时限")!;
    expect(formatValue(templateToSpec(date).annual)).toBe("≤2025年12月");
    const count = getTemplate("11", "网络、终端、外设及病毒查杀巡查记录次数")!;
    const s = templateToSpec(count, { value: "250", annualValue: "40" });
    expect([formatValue(s.period), formatValue(s.annual)]).toEqual(["=250次", "=40次"]);
    // no typical value: no number, the user fills it in
    expect(templateToSpec(getTemplate("11", "培训班次（会议次数）")!).period.number).toBeNull();
  });
});

describe("kits", () => {
  const seed = JSON.parse(readFileSync(join(ROOT, "seeds", "guangzhou-land-planning-2024.json"), "utf8")) as {
    rows: { level: string; name: string; indicators: string }[];
  };
  const seedNames = (project: string): string[] => {
    const row = seed.rows.find((r) => r.name === project)!;
    return parseIndicators(row.indicators).map((i) => i.name!.text.replace(/^\d+-/, "").replace(/（%）$/, ""));
  };

  it("kits.json names only templates that exist, each once per kit", () => {
    expect(checkKits()).toEqual([]);
    expect(checkKits([{ id: "x", name: { zh: "x", en: "x" }, description: { zh: "x", en: "x" }, items: [{ l2: "22", name: "补偿人员人数" }] }])).toEqual([
      "kit x: no template 22 补偿人员人数",
    ]);
  });

  it("cover the common project types with Chinese and English names", () => {
    const ids = getKits().map((k) => k.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "it-maintenance", "research-planning", "construction", "staff-compensation", "training-meeting",
        "equipment-purchase", "publicity",
      ]),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (const k of getKits()) {
      expect([k.id, /[\u4e00-\u9fff]/.test(k.name.zh), /^[A-Za-z]/.test(k.name.en)]).toEqual([k.id, true, true]);
      expect(k.description.zh.length && k.description.en.length).toBeTruthy();
    }
  });

  it("信息化运维 is the seed's IT-maintenance set, with its 250 / 40 巡查次数", () => {
    const kit = getKit("it-maintenance")!;
    const names = kit.items.map((i) => i.template.name);
    expect([...names].sort()).toEqual([...seedNames("市土规中心2024年信息化运维项目")].sort());
    expect([...names].sort()).toEqual([...seedNames("市土规中心2023-2024年信息化运维项目")].sort());
    expect(kit.items[0]).toMatchObject({ value: "250", annualValue: "40" });
    expect(kit.items[0].template.unit).toBe("次"); // the seed's missing unit, supplied
    expect([...getKit("staff-compensation")!.items.map((i) => i.template.name)].sort()).toEqual([...seedNames("机构运行辅助经费")].sort());
    expect([...getKit("operations-services")!.items.map((i) => i.template.name)].sort()).toEqual([...seedNames("其他运行经费")].sort());
  });

  it("are resolved for the profile: 成本 items move to 4/41 in caiyu-2021-101", () => {
    const gz = getKit("training-meeting")!;
    const p101 = getKit("training-meeting", "caiyu-2021-101")!;
    expect(p101.items.length).toBe(gz.items.length);
    expect(gz.items.find((i) => i.template.name === "培训费综合定额标准")!.template).toMatchObject({ l1: "1", l2: "14" });
    expect(p101.items.find((i) => i.template.name === "培训费综合定额标准")!.template).toMatchObject({ l1: "4", l2: "41" });
    expect(getKit("no-such-kit")).toBeNull();
    const list = getKits();
    list.pop();
    expect(getKits().length).toBe(list.length + 1);
    expect(Object.isFrozen(getKits()[0].items)).toBe(true);
  });

  describe.each(PROFILE_IDS)("profile %s", (profileId) => {
    const profile = getProfile(profileId);
    const roleOf = (l1: string) => profile.tree.find((a) => a.code === l1)!.role;

    it.each(getKits(profileId).map((k) => [k.id, k] as const))("%s: complete, and valid as a project of its own in both layouts", (_id, kit) => {
      expect(kit.items.length).toBe(getKit(kit.id)!.items.length); // nothing dropped in this profile
      const roles = new Set(kit.items.map((i) => roleOf(i.template.l1)));
      expect(kit.items.length).toBeGreaterThanOrEqual(profile.thresholds.minIndicators);
      for (const role of ["output", "effect", "satisfaction"] as const) expect([kit.id, roles.has(role)]).toEqual([kit.id, true]);
      for (const i of kit.items) expect([i.template.name, i.value !== ""]).toEqual([i.template.name, true]);
      const specs = kitToSpecs(kit, { profile: profileId });
      expect(specs.map((s) => s.seq)).toEqual(kit.items.map((_, i) => i + 1));
      for (const grid of [published(specs, kit.name.zh), structured(specs, kit.name.zh)]) {
        const { findings, indicators } = findingsOf(grid, profileId);
        expect(indicators).toBe(kit.items.length);
        expect(findings.map(describeFinding)).toEqual([]);
      }
    });
  });
});

describe("scripts/import-catalogue.ts", () => {
  const HEADER = "l1,l2,name,comparator_as_published,typical_value,unit,origin\n";
  const render = (rows: string, extra: string | null = null) =>
    renderTemplates(HEADER + rows, isNegativeName, extra);
  const only = (json: string) => (JSON.parse(json) as { templates: Template[] }).templates;

  it("templates.json is what the script makes of both committed CSVs", () => {
    const main = readFileSync(join(CATALOG, "indicator-catalogue.csv"), "utf8");
    const extra = readFileSync(join(CATALOG, "indicator-catalogue-extra.csv"), "utf8");
    const out = renderTemplates(main, isNegativeName, extra);
    expect(out.json).toBe(readFileSync(join(CATALOG, "templates.json"), "utf8"));
    expect(out.templates).toBeGreaterThanOrEqual(160);
  });

  it("fixes the published mistakes: ≥100% and >100% on a rate, a rate's missing %, ≤0 on a negative count", () => {
    const t = only(
      render(
        '1-产出,13-时效,项目(工程)完成及时率,"= (source ""≥100%"")",100,%,published target table\n' +
          "1-产出,12-质量,评审合格率,≥,100,%,common indicator library\n" +
          "1-产出,13-时效,补偿发放及时率,>,100,%,seed table\n" +
          "1-产出,12-质量,服务保障率,≥,90,,seed table\n" +
          "2-效益,22-社会效益,编外人员劳动争议次数,≤,0,次,seed table\n",
      ).json,
    );
    expect(t.map((x) => [x.name, x.comparator, x.value, x.unit])).toEqual([
      ["项目（工程）完成及时率", "=", "100", "%"],
      ["评审合格率", "=", "100", "%"],
      ["补偿发放及时率", "=", "100", "%"],
      ["服务保障率", "≥", "90", "%"],
      ["编外人员劳动争议次数", "=", "0", "次"],
    ]);
  });

  it("refuses a count with no unit, a percentage above 100, ≥ on a negative name and a satisfaction of 100%", () => {
    expect(() => render("1-产出,11-数量,补偿人员人数,=,6,,seed table\n")).toThrow(/补偿人员人数: a quantitative template needs a unit/);
    expect(() => render("1-产出,12-质量,评审合格率,=,120,%,seed table\n")).toThrow(/a percentage above 100/);
    expect(() => render("2-效益,22-社会效益,编外人员劳动争议次数,≥,1,次,seed table\n")).toThrow(/negative-direction/);
    expect(() => render("3-满意度,31-服务对象满意度,市民满意度,=,100,%,published target table\n")).toThrow(/satisfaction/);
    expect(() => render("3-满意度,31-服务对象满意度,市民满意度,≥,75,%,published target table\n")).toThrow(/satisfaction/);
  });

  it("reads the extra CSV's explanation column and refuses a duplicate in a 二级 across both files", () => {
    const extra = "l1,l2,name,comparator,value,unit,explanation,origin\n" +
      "4-成本(101号),43-生态环境成本,占用生态保护红线面积,=,0,公顷,项目用地占用生态保护红线的面积。,common indicator library\n";
    const t = only(render("1-产出,11-数量,补偿人员人数,=,6,人,seed table\n", extra).json);
    expect(t[1]).toMatchObject({ l1: "4", l2: "43", name: "占用生态保护红线面积", explanation: "项目用地占用生态保护红线的面积。" });
    const dup = "l1,l2,name,comparator,value,unit,explanation,origin\n1-产出,11-数量,补偿人员人数,=,6,人,重复。,common indicator library\n";
    expect(() => render("1-产出,11-数量,补偿人员人数,=,6,人,seed table\n", dup)).toThrow(/duplicate template 11\|补偿人员人数/);
    const noExplanation = "l1,l2,name,comparator,value,unit,explanation,origin\n1-产出,11-数量,新的数量指标,=,6,人,,common indicator library\n";
    expect(() => render("1-产出,11-数量,补偿人员人数,=,6,人,seed table\n", noExplanation)).toThrow(/no explanation for: 新的数量指标/);
  });
});
