/**
 * Converts the indicator catalogue into src/core/catalog/templates.json, fixing what the published rows get wrong.
 *
 * Two inputs:
 * - src/core/catalog/indicator-catalogue.csv (a copy of ../shared/domain/, or the path given as the first
 *   argument): 96 indicators as seen in published tables, mistakes included (`comparator_as_published`);
 *   their 指标解释 are written below (EXPLANATION);
 * - src/core/catalog/indicator-catalogue-extra.csv (or the second argument): further templates written clean,
 *   with their 指标解释 in an `explanation` column, so every 二级 of every profile has at least four;
 *   rows of the 101号 一级 `4-成本(101号)` with 二级 42-社会成本 / 43-生态环境成本 have no place in the
 *   Guangzhou tree and are kept with their own codes 4/42, 4/43 (getTemplates leaves them out there).
 *
 * What is fixed:
 * - codes: `1-产出` → "1", `11-数量` → "11"; the 101号 cost row `4-成本(101号)` / `41-经济成本` is stored with
 *   the default-profile codes 1/14 and a per-profile remap (14 → 4/41 in caiyu-2021-101);
 * - names: code prefixes (`00-`) stripped, a unit written in the name (`（%）`) removed, half-width
 *   parentheses made full-width, alternatives (`培训人员合格率 / 培训合格率`) split into one template each,
 *   a left-in placeholder (`购置**数量`) replaced by a concrete name, a definition in the name
 *   (`结余率(结余数/预算数)`) moved to the explanation;
 * - comparators: remarks in parentheses dropped (`≥ (source ">")` → ≥), `定性` → none, `≥100%` (or `>100%`)
 *   on a rate → `=100%`, `≤0` on a negative count → `=0`;
 * - values: `N` (to be filled) → "", `250 / 40` (period / year) → period value, `90-100` → lower bound;
 * - units: remarks dropped, missing units filled (`台/套`, `台`), `万/月` → `万元/月`, `—` and the date
 *   pseudo-unit `年月` → "" (a date such as 2025年12月 carries its own units); a quantitative rate
 *   (name ending in 率) with no unit gets `%`;
 * - negative: from the lexicon (isNegativeName); explanation: a one-line 指标解释.
 *
 * And what is refused (the script fails naming the row): a quantitative template with no unit, a percentage
 * above 100, `≥`/`>` on a negative-direction name, a satisfaction value that is not a percentage from 80 up to
 * (not including) 100, an explanation that is missing or runs over several lines, a duplicate name in a 二级.
 *
 * Run: npx tsx scripts/import-catalogue.ts [path/to/indicator-catalogue.csv [path/to/indicator-catalogue-extra.csv]]
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const CSV = process.argv[2] ?? join(ROOT, "src", "core", "catalog", "indicator-catalogue.csv");
const EXTRA_CSV = process.argv[3] ?? join(ROOT, "src", "core", "catalog", "indicator-catalogue-extra.csv");
const OUT = join(ROOT, "src/core/catalog/templates.json");

/** 二级 codes of the 101号 profile's cost 一级 and where their templates sit in the default profile. */
const COST_101_TO_DEFAULT: Record<string, { l1: string; l2: string }> = {
  "41": { l1: "1", l2: "14" },
};
const PROFILE_CODES = { "caiyu-2021-101": { "14": { l1: "4", l2: "41" } } };

/** Names rewritten by hand (after splitting and parenthesis normalization). */
const RENAME: Record<string, string> = {
  "购置**数量": "购置设备数量",
  "结余率（结余数/预算数）": "结余率",
};
/** Values changed by hand, with the reason. */
const VALUE_FIX: Record<string, { value: string; comparator?: string; why: string }> = {
  // published ≥75% (flagged "low!" in the catalogue): reviewers question it; aligned with the other 发放/完成 rates.
  补贴发放率: { value: "95", why: "published ≥75% is flagged as too low" },
};
/** Units of rows whose typical unit column is a remark, or that need choosing. */
const UNIT_FIX: Record<string, string> = {
  购置仪器设备: "台/套",
  购置设备数量: "台",
};

/** Satisfaction values below this are refused (the profiles' satisfactionFloor). */
const SATISFACTION_FLOOR = 80;

const EXPLANATION: Record<string, string> = {
  // 11 数量
  补偿人员人数: "年度内依规支付经济补偿、解除劳务关系的人员人数。",
  课题研究成果数量: "实施周期内完成并通过验收的课题研究成果（报告、成果文件）个数。",
  "网络、终端、外设及病毒查杀巡查记录次数": "对网络、终端、外设开展巡查及病毒查杀并形成记录的次数。",
  服务事项数量: "项目提供的服务事项（工作内容）项数。",
  脱贫村村内道路硬化里程: "脱贫村村内新建或改造完成的硬化道路长度。",
  脱贫户供水设施数量: "为脱贫户新建或改造完成的供水设施座数。",
  流转土地: "项目实施流转的土地面积。",
  贫困地区旅游景点开发数量: "在贫困地区开发完成的旅游景点个数。",
  "黄金蜜（葡萄）种植数量": "项目种植黄金蜜（葡萄）的株数。",
  行政村数量: "项目覆盖的行政村个数。",
  办公大楼日常维修维护次数: "年度内对办公大楼开展日常维修维护的次数。",
  大楼安检巡察次数: "年度内对大楼开展安全检查巡察的次数。",
  基建工程委托业务项目数量: "委托开展的基建工程业务项目个数。",
  雾炮车降尘抑尘服务配备车辆数: "降尘抑尘服务配备的雾炮车辆数。",
  清扫保洁道路面积: "纳入清扫保洁范围的道路面积。",
  生活垃圾运输车辆: "投入生活垃圾运输的车辆数。",
  享受资助人数: "符合条件并获得资助的人数。",
  出差人次: "项目实施所需出差的人次。",
  开展送戏进万村: "送戏进村演出覆盖的村数。",
  安装坡面水标尺: "安装完成的坡面水标尺长度。",
  购置仪器设备: "按预算购置并到位的仪器设备台（套）数。",
  改造实验室: "完成改造并交付使用的实验室间数。",
  "培训班次（会议次数）": "举办培训班或召开会议的次数。",
  "培训（参会）人次": "参加培训或会议的人次。",
  完成调研报告数量: "完成并提交的调研报告篇数。",
  "制定规划、条例、方案、标准、政策等数量": "制定并印发的规划、条例、方案、标准、政策等文件份数。",
  购置设备数量: "按预算购置的设备数量（按实际品目填写名称与单位）。",
  // 12 质量
  专家评审通过率: "通过专家评审的成果数/提交评审的成果数×100%。",
  电子办公硬件和软件故障问题及时解决完成率: "及时解决的电子办公软硬件故障问题数/发生的故障问题总数×100%。",
  服务保障率: "按要求完成保障的服务事项数/应保障的服务事项数×100%。",
  "项目（工程）验收合格率": "验收合格的项目（工程）数/验收的项目（工程）总数×100%。",
  种植作物成活率: "成活株数/种植总株数×100%。",
  办公大楼日常维修维护验收合格率: "验收合格的维修维护次数/维修维护总次数×100%。",
  垃圾无害化处理率: "无害化处理的垃圾量/垃圾产生总量×100%。",
  工作任务完成率: "已完成的工作任务数/计划工作任务数×100%。",
  送戏进万村活动完成率: "已完成的送戏场次/计划送戏场次×100%。",
  设备验收合格率: "验收合格的设备数/购置设备总数×100%。",
  符合条件申报对象覆盖率: "获得支持的符合条件申报对象数/符合条件申报对象总数×100%。",
  培训人员合格率: "考核合格的参训人员数/参训人员总数×100%。",
  培训合格率: "培训考核合格人数/参训总人数×100%。",
  评审合格率: "评审合格的事项数/参加评审的事项总数×100%。",
  // 13 时效
  补偿发放及时率: "在规定时限内发放的补偿人数/应发放补偿人数×100%。",
  "项目（工程）完成及时率": "按期完成的项目（工程）数/计划完成的项目（工程）数×100%。",
  贫困地区基础设施建设按期完成率: "按期完工的基础设施建设项目数/计划建设项目数×100%。",
  就学补助及时发放率: "按时发放就学补助的人数/应发放人数×100%。",
  财政资金到位及时支付率: "按时支付的财政资金/应支付的财政资金×100%。",
  "及时（按期）开工率": "按计划时间开工的项目数/计划开工项目数×100%。",
  "及时（按期）完工率": "按计划时间完工的项目数/计划完工项目数×100%。",
  项目完成时限: "项目全部完成的最迟时间（年月）。",
  环境卫生专项考核: "环境卫生专项考核的开展频次。",
  项目年末完成率: "年末已完成工作量/年度计划工作量×100%。",
  培训计划按期完成率: "按期完成的培训项目数/计划培训项目数×100%。",
  按时完成率: "按时完成的任务数/计划任务数×100%。",
  // 14 成本
  流转土地补助标准: "每亩流转土地的补助金额上限。",
  景观建设成本: "单个景观的建设成本上限。",
  贫困地区旅游基础设施建设工程建设成本: "旅游基础设施工程每平方米建设成本上限。",
  "黄金蜜（葡萄）补助成本": "每株黄金蜜（葡萄）的补助金额上限。",
  财政资金补助: "每亩财政资金补助金额上限。",
  项目总成本: "项目全部支出的总额上限，不超过项目预算总计。",
  人工成本: "每月人工费用上限。",
  年度预算总成本: "年度预算支出总额上限，不超过项目预算总计。",
  项目计划总投资: "项目计划总投资额上限。",
  人均培训成本控制率: "实际人均培训成本/人均培训成本标准×100%。",
  人均培训成本: "培训总费用/参训人数。",
  政府采购节支率: "（政府采购预算-实际采购金额）/政府采购预算×100%。",
  项目建设成本: "项目建设支出总额上限（财预〔2021〕101号口径下属经济成本指标）。",
  // 21 经济效益
  年增粮食: "项目实施后每年新增的粮食产量。",
  乡村旅游带动增加贫困村收入: "乡村旅游带动贫困村年增收金额。",
  脱贫地区特色产业产值: "脱贫地区特色产业的年产值。",
  结余率: "结余数/预算数×100%。",
  // 22 社会效益
  编外人员劳动争议次数: "发生的编外人员劳动争议（仲裁、诉讼）次数。",
  耕地保护责任目标履行情况: "已履行的耕地保护责任目标数/下达的耕地保护责任目标数×100%。",
  提出政策优化建议: "提出并报送的政策优化建议条数。",
  电子办公硬件和软件有效运行率: "电子办公软硬件正常运行时间/应运行时间×100%。",
  工作正常开展保障率: "得到保障、正常开展的工作事项数/应开展的工作事项数×100%。",
  "受益脱贫（监测）人口数": "项目直接受益的脱贫人口和监测对象人数。",
  "解决脱贫（监测）饮水安全问题人数": "饮水安全问题得到解决的脱贫人口和监测对象人数。",
  贫困地区乡村旅游开发景点接待游客数量: "开发景点年度接待游客人数。",
  清扫保洁覆盖率: "已清扫保洁面积/应清扫保洁面积×100%。",
  服务周期内市民对空气质量改善的满意程度: "受访市民中对空气质量改善表示满意的人数/受访市民人数×100%。",
  补贴发放率: "已发放补贴的对象数/应发放补贴的对象数×100%。",
  政策知晓率: "知晓政策的受访对象数/受访对象总数×100%。",
  研究性成果被引用次数: "研究成果被政策文件、规划或报告引用的次数。",
  研究性成果应用率: "被采纳应用的研究成果数/研究成果总数×100%。",
  // 23 生态效益
  新增和改善灌溉达标面积: "新增及改善后灌溉条件达标的耕地面积。",
  新增和改善排水达标面积: "新增及改善后排水条件达标的耕地面积。",
  // 24 可持续影响
  工程设计使用年限: "工程按设计可正常使用的年限。",
  对满足人民群众日益提高的文化需求的可持续影响: "项目对持续满足群众文化需求的长期影响（定性描述）。",
  // 31 服务对象满意度
  编外人员满意度: "对项目表示满意的编外人员数/调查的编外人员数×100%。",
  服务对象满意度调查: "表示满意的服务对象数/调查的服务对象数×100%。",
  单位人员满意度: "表示满意的单位人员数/调查的单位人员数×100%。",
  "受益脱贫（监测）户满意度": "表示满意的受益脱贫户（监测户）数/调查户数×100%。",
  游客满意度: "表示满意的游客数/调查的游客数×100%。",
  人民群众满意度: "表示满意的群众数/调查的群众数×100%。",
  辖区内群众满意度: "表示满意的辖区群众数/调查的辖区群众数×100%。",
  市民满意度: "表示满意的市民数/调查的市民数×100%。",
  周围群众满意度: "项目周边表示满意的群众数/调查的周边群众数×100%。",
  救助对象对社会救助实施的满意度: "对社会救助实施表示满意的救助对象数/调查的救助对象数×100%。",
  资助对象满意度: "表示满意的资助对象数/调查的资助对象数×100%。",
  项目受益人满意程度: "表示满意的项目受益人数/调查的受益人数×100%。",
  师生对仪器购置的满意度: "对仪器购置表示满意的师生数/调查的师生数×100%。",
  "培训（参会）人员满意度": "表示满意的参训（参会）人员数/调查的参训（参会）人员数×100%。",
  受训学员满意度: "表示满意的受训学员数/调查的受训学员数×100%。",
  与会人员满意度: "表示满意的与会人员数/调查的与会人员数×100%。",
  使用人员满意度: "表示满意的使用人员数/调查的使用人员数×100%。",
};

/** RFC 4180 CSV: quoted fields, doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field), (field = "");
      if (row.some((f) => f !== "")) rows.push(row);
      row = [];
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== "")) rows.push(row);
  return rows;
}

const dropRemark = (s: string): string => s.replace(/\s*\(.*\)\s*$/, "").trim();
const code = (s: string): string => {
  const m = /^(\d+)-/.exec(s.trim());
  if (!m) throw new Error(`no code in category "${s}"`);
  return m[1];
};
const fullWidthParens = (s: string): string => s.replace(/\(/g, "（").replace(/\)/g, "）");

function cleanName(raw: string): string {
  let n = raw.trim().replace(/^\d+\s*[-－]\s*/, ""); // code prefix such as 00-
  n = n.replace(/\s*[（(]\s*(%|％|百分比)\s*[)）]\s*$/, ""); // unit written in the name
  n = fullWidthParens(n);
  return RENAME[n] ?? n;
}

function cleanComparator(raw: string): string {
  const c = dropRemark(raw);
  if (c === "定性") return "";
  if (!["≥", "≤", "=", ">", "<"].includes(c)) throw new Error(`unknown comparator "${raw}"`);
  return c;
}

function cleanValue(raw: string): string {
  let v = dropRemark(raw);
  if (v === "N") return "";
  v = v.split(" / ")[0].trim(); // period / year: the period value
  const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(v); // 90-100: lower bound
  return range ? range[1] : v;
}

function cleanUnits(raw: string): string[] {
  let u = raw.trim();
  const missing = /^\(unit missing in source;\s*(.+)\)$/.exec(u);
  if (missing) u = missing[1];
  u = dropRemark(u);
  return u.split(" / ").map((x) => {
    const t = x.trim();
    if (t === "—" || t === "-" || t === "年月") return "";
    return t === "万/月" ? "万元/月" : t;
  });
}

const DEFAULT_EXTRA_CSV = join(ROOT, "src", "core", "catalog", "indicator-catalogue-extra.csv");

/** The extra catalogue's text as committed beside the main one (null when there is none). */
export function readExtraCatalogue(): string | null {
  return existsSync(DEFAULT_EXTRA_CSV) ? readFileSync(DEFAULT_EXTRA_CSV, "utf8") : null;
}

/** One catalogue row, columns named, from either CSV. */
interface Row {
  source: string;
  l1: string;
  l2: string;
  name: string;
  comparator: string;
  value: string;
  unit: string;
  origin: string;
  /** Only the extra CSV has it; the main one's explanations are in EXPLANATION. */
  explanation: string | null;
}

function readRows(csvText: string, source: string, columns: { comparator: string; value: string }): Row[] {
  const [header, ...rows] = parseCsv(csvText);
  const col = (name: string, required = true): number => {
    const i = header.indexOf(name);
    if (i < 0 && required) throw new Error(`${source}: CSV has no column ${name}`);
    return i;
  };
  const C = {
    l1: col("l1"), l2: col("l2"), name: col("name"), cmp: col(columns.comparator), value: col(columns.value),
    unit: col("unit"), origin: col("origin"), explanation: col("explanation", false),
  };
  return rows.map((r, i) => ({
    source: `${source} row ${i + 2}`,
    l1: r[C.l1] ?? "",
    l2: r[C.l2] ?? "",
    name: r[C.name] ?? "",
    comparator: r[C.cmp] ?? "",
    value: r[C.value] ?? "",
    unit: r[C.unit] ?? "",
    origin: r[C.origin] ?? "",
    explanation: C.explanation >= 0 ? (r[C.explanation] ?? "").trim() : null,
  }));
}

const PERCENT = "%";

/**
 * templates.json's text from the catalogue CSV's text and the extra CSV's (by default the committed
 * indicator-catalogue-extra.csv; null for none). Pure apart from that default: the test compares it with the
 * committed file.
 */
export function renderTemplates(
  csvText: string,
  isNegativeName: (name: string) => boolean,
  extraCsvText: string | null = readExtraCatalogue(),
): { json: string; rows: number; templates: number; unusedExplanations: string[] } {
  const rows = readRows(csvText, "indicator-catalogue.csv", { comparator: "comparator_as_published", value: "typical_value" });
  if (extraCsvText !== null) {
    rows.push(...readRows(extraCsvText, "indicator-catalogue-extra.csv", { comparator: "comparator", value: "value" }));
  }

  const templates: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  const missingExplanation: string[] = [];
  const refused: string[] = [];
  for (const r of rows) {
    let l1 = code(r.l1);
    let l2 = code(r.l2);
    const moved = COST_101_TO_DEFAULT[l2];
    if (l1 === "4" && moved) ({ l1, l2 } = moved);
    const names = r.name.split(" / ").map(cleanName);
    const units = cleanUnits(r.unit);
    const comparatorRaw = r.comparator.trim() === "" ? "" : cleanComparator(r.comparator);
    const valueRaw = cleanValue(r.value);
    names.forEach((name, i) => {
      let comparator = comparatorRaw;
      let value = valueRaw;
      let unit = UNIT_FIX[name] ?? (units.length === names.length ? units[i] : units[0]);
      const fix = VALUE_FIX[name];
      if (fix) (value = fix.value), (comparator = fix.comparator ?? comparator);
      const isNumber = value === "" || /^\d+(\.\d+)?$/.test(value);
      const kind = isNumber && comparator !== "" ? "quantitative" : "qualitative";
      const negative = isNegativeName(name);
      if (kind === "quantitative" && unit === "" && name.endsWith("率")) unit = PERCENT; // a rate with its unit missing
      // ≥100% and >100% are degenerate on a rate: the only value that satisfies them is 100%.
      if ((comparator === "≥" || comparator === ">") && value === "100" && unit === PERCENT) comparator = "=";
      if (negative && value === "0" && comparator === "≤") comparator = "="; // ≤0 on a count is =0
      const why = (msg: string): void => {
        refused.push(`${r.source} ${name}: ${msg}`);
      };
      if (kind === "quantitative" && unit === "") why("a quantitative template needs a unit");
      if (kind === "qualitative" && unit !== "") why("a qualitative value carries no separate unit");
      if (unit === PERCENT && value !== "" && Number(value) > 100) why("a percentage above 100");
      if (negative && (comparator === "≥" || comparator === ">")) why("≥ or > on a negative-direction indicator");
      if (/满意度|满意率/.test(name) && (unit !== PERCENT || Number(value) < SATISFACTION_FLOOR || Number(value) >= 100)) {
        why(`a satisfaction value must be a percentage from ${SATISFACTION_FLOOR} up to (not including) 100`);
      }
      const key = `${l2}|${name}`;
      if (seen.has(key)) throw new Error(`duplicate template ${key} (${r.source})`);
      seen.add(key);
      const explanation = r.explanation || EXPLANATION[name];
      if (!explanation) missingExplanation.push(name);
      else if (/[\r\n]/.test(explanation)) why("the explanation runs over several lines");
      templates.push({
        l1, l2, name, comparator, value, unit, kind, negative,
        explanation: explanation ?? "", origin: r.origin.trim(),
      });
    });
  }
  if (missingExplanation.length) throw new Error(`no explanation for: ${missingExplanation.join(", ")}`);
  if (refused.length) throw new Error(`refused:\n${refused.join("\n")}`);
  const used = new Set(templates.map((t) => t.name as string));
  const unused = Object.keys(EXPLANATION).filter((n) => !used.has(n));

  const lines = [
    "{",
    ' "_comment": "Generated by scripts/import-catalogue.ts from indicator-catalogue.csv and indicator-catalogue-extra.csv: edit those (or the script) and re-run it, not this file.",',
    ` "profileCodes": ${JSON.stringify(PROFILE_CODES)},`,
    ' "templates": [',
    templates.map((t) => "  " + JSON.stringify(t)).join(",\n"),
    " ]",
    "}",
  ];
  return { json: lines.join("\n") + "\n", rows: rows.length, templates: templates.length, unusedExplanations: unused };
}

async function main(): Promise<void> {
  // The catalog module imports templates.json: make sure one exists before loading it.
  if (!existsSync(OUT)) writeFileSync(OUT, JSON.stringify({ templates: [], profileCodes: {} }));
  const { isNegativeName } = await import("../src/core/catalog/index");
  const extra = existsSync(EXTRA_CSV) ? readFileSync(EXTRA_CSV, "utf8") : null;
  const out = renderTemplates(readFileSync(CSV, "utf8"), isNegativeName, extra);
  writeFileSync(OUT, out.json);
  if (out.unusedExplanations.length) console.warn(`explanations not used: ${out.unusedExplanations.join(", ")}`);
  console.log(`${out.rows} catalogue rows → ${out.templates} templates → ${OUT}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
