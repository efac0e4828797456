import seed from "../../../seeds/guangzhou-land-planning-2024.json";
import { applyEdits } from "../../../src/core/fix";
import { rule } from "../../../src/core/rules/category-name";
import { allRules } from "../../../src/core/rules";
import type { Finding, GridInput } from "../../../src/core/types";
import { seedGrid, type SeedTable } from "../../helpers/grids";
import { findingsOf, runRuleTests } from "../../helpers/rule-tester";
import { GOOD_INDICATORS, GOOD_ROWS, PUB_CELL, item, pub, replaced, spanOf, str } from "./b-test-utils";

// Labels without codes, in the published layout.
const NO_CODES = item(1, "产出指标", "数量指标", "课题数量", "4个", "4个");
// Aliases: 效果指标 (一级 2), 满意度指标 as a 二级 (31).
const ALIASES =
  item(1, "效果指标", "22-社会效益", "政策建议", "≥3条", "≥3条") +
  item(2, "3-满意度指标", "满意度指标", "服务对象满意度", "≥90%", "≥90%");
const CODE_ONLY = item(1, "1-产出指标", "11-", "课题数量", "4个", "4个");
const SPACED = item(1, "2-效益指标", "21-经济 效益", "节约经费", "≥5万元", "≥5万元");
const BROKEN_ALIAS = "1、效果\n指标；22-社会效益；政策建议；实施周期指标值:≥3条；年度指标值:≥3条。";

/** A structured grid whose 一级 cell G6 is merged over the project's two rows (G7 a blank merged copy). */
function mergedL1(): GridInput {
  const grid = str([
    ["产出指标", "11-数量指标", "课题数量", "4个", "4个"],
    ["", "13-时效指标", "完成及时率", "100%", "100%"],
    ["2-效益指标", "22-社会效益", "政策建议", "≥3条", "≥3条"],
  ]);
  grid.values[6][6] = null;
  grid.merges = [...(grid.merges ?? []), { top: 5, left: 6, bottom: 6, right: 6 }];
  return grid;
}

runRuleTests(rule, {
  valid: [
    { name: "the seed's forms (22-社会效益, 31-服务对象满意度: the profile's names without 指标)", grid: pub(GOOD_INDICATORS) },
    { name: "the seed's forms, structured", grid: str(GOOD_ROWS) },
    { name: "the seed table itself", grid: seedGrid(seed as SeedTable) },
    {
      name: "the canonical names with the suffix 指标",
      grid: pub(
        item(1, "1-产出指标", "12-质量指标", "验收合格率", "100%", "100%") +
          item(2, "2-效益指标", "22-社会效益指标", "政策建议", "≥3条", "≥3条") +
          item(3, "3-满意度指标", "31-服务对象满意度指标", "满意度", "≥90%", "≥90%"),
      ),
    },
    {
      name: "PDF-style line breaks inside labels are harmless",
      grid: pub("1、1-产出\n指标；11-数量指\n标；课题数量；实施周期指标值:4个；年度指标值:4个。2、2-效益指标；22-社会\n效益；建议；实施周期指标值:≥3条；年度指标值:≥3条。"),
    },
    { name: "code and name disagreeing is JX301's business", grid: pub(item(1, "2-产出指标", "11-数量指标", "数量", "4个", "4个")) },
    {
      name: "a 二级 under the wrong 一级 is JX302's business (neither label is normalised)",
      grid: pub(item(1, "产出指标", "社会效益", "政策建议", "≥3条", "≥3条")),
    },
    {
      name: "unknown labels and pseudo-categories are JX303's business",
      grid: pub(item(1, "1-产出指标", "15-创新指标", "专利数量", "2项", "2项") + item(2, "制度指标", "11-数量指标", "制度数量", "2项", "2项")),
    },
    {
      name: "cost as a 一级 in the 101 profile",
      grid: pub(item(1, "4-成本指标", "41-经济成本指标", "项目成本", "≤10万元", "≤10万元")),
      options: { profile: "caiyu-2021-101" },
    },
  ],
  invalid: [
    {
      name: "published: no codes on either level → the profile's code-name",
      grid: pub(NO_CODES),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "missingCode",
          severity: "info",
          span: spanOf(NO_CODES, "产出指标"),
          fixText: replaced(NO_CODES, spanOf(NO_CODES, "产出指标"), "1-产出指标"),
          message: "一级指标“产出指标”缺少编码，规范写法为“1-产出指标”",
        },
        {
          cell: PUB_CELL,
          messageId: "missingCode",
          span: spanOf(NO_CODES, "数量指标"),
          fixText: replaced(NO_CODES, spanOf(NO_CODES, "数量指标"), "11-数量指标"),
        },
      ],
    },
    {
      name: "published: aliases of a 一级 and of a 二级",
      grid: pub(ALIASES),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "alias",
          span: spanOf(ALIASES, "效果指标"),
          fixText: replaced(ALIASES, spanOf(ALIASES, "效果指标"), "2-效益指标"),
          message: "一级指标“效果指标”是“2-效益指标”的别名",
        },
        {
          cell: PUB_CELL,
          messageId: "alias",
          span: spanOf(ALIASES, "满意度指标", 0, "3-满意度指标；"),
          fixText: replaced(ALIASES, spanOf(ALIASES, "满意度指标", 0, "3-满意度指标；"), "31-服务对象满意度指标"),
          message: "二级指标“满意度指标”是“31-服务对象满意度指标”的别名",
        },
      ],
    },
    {
      name: "published: a code without its name",
      grid: pub(CODE_ONLY),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "missingName",
          span: spanOf(CODE_ONLY, "11-"),
          fixText: replaced(CODE_ONLY, spanOf(CODE_ONLY, "11-"), "11-数量指标"),
        },
      ],
    },
    {
      name: "published: a space inside the name",
      grid: pub(SPACED),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "form",
          span: spanOf(SPACED, "21-经济 效益"),
          fixText: replaced(SPACED, spanOf(SPACED, "21-经济 效益"), "21-经济效益指标"),
        },
      ],
    },
    {
      name: "published: an alias broken over two lines is replaced whole",
      grid: pub(BROKEN_ALIAS),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "alias",
          span: spanOf(BROKEN_ALIAS, "效果\n指标"),
          fixText: replaced(BROKEN_ALIAS, spanOf(BROKEN_ALIAS, "效果\n指标"), "2-效益指标"),
        },
      ],
    },
    {
      name: "structured: each label cell gets its own fix (the whole cell)",
      grid: str([
        ["产出指标", "数量指标", "课题数量", "4个", "4个"],
        ["效果指标", "社会效益", "政策建议", "≥3条", "≥3条"],
      ]),
      errors: [
        { cell: "G6", messageId: "missingCode", span: { start: 0, end: 4 }, fixText: "1-产出指标" },
        { cell: "H6", messageId: "missingCode", fixText: "11-数量指标" },
        { cell: "G7", messageId: "alias", fixText: "2-效益指标" },
        { cell: "H7", messageId: "missingCode", fixText: "22-社会效益指标" },
      ],
    },
    {
      name: "structured: a 一级 cell merged over two indicator rows gets one finding",
      grid: mergedL1(),
      errors: [{ cell: "G6", messageId: "missingCode", fixText: "1-产出指标" }],
    },
    {
      name: "the 101 profile's own tree: cost is 一级 4",
      grid: pub(item(1, "成本指标", "41-经济成本指标", "项目成本", "≤10万元", "≤10万元")),
      options: { profile: "caiyu-2021-101" },
      errors: [{ cell: PUB_CELL, messageId: "missingCode", message: "规范写法为“4-成本指标”" }],
    },
  ],
});

describe("JX305 fixes", () => {
  function fixAll(text: string, findings: readonly Finding[]): string {
    return applyEdits(
      text,
      findings.filter((f) => f.fix).map((f) => ({ span: f.fix!.span, replacement: f.fix!.replacement })),
    ).text;
  }

  it("applied together, leave labels every category rule accepts", () => {
    const text = NO_CODES + ALIASES.replace(/^1、/, "2、").replace("2、3-", "3、3-") + SPACED.replace(/^1、/, "4、");
    const grid = pub(text);
    const found = findingsOf(rule, grid);
    expect(found.map((f) => f.messageId)).toEqual(["missingCode", "missingCode", "alias", "alias", "form"]);
    const fixed = fixAll(text, found);
    expect(fixed).toBe(
      item(1, "1-产出指标", "11-数量指标", "课题数量", "4个", "4个") +
        item(2, "2-效益指标", "22-社会效益", "政策建议", "≥3条", "≥3条") +
        item(3, "3-满意度指标", "31-服务对象满意度指标", "服务对象满意度", "≥90%", "≥90%") +
        item(4, "2-效益指标", "21-经济效益指标", "节约经费", "≥5万元", "≥5万元"),
    );
    const categoryRules = allRules.filter((r) => ["JX301", "JX302", "JX303", "JX305"].includes(r.meta.id));
    expect(categoryRules).toHaveLength(4);
    for (const r of categoryRules) expect(findingsOf(r, pub(fixed)).map((f) => `${f.ruleId} ${f.message}`)).toEqual([]);
  });
});

// Found by the fuzz run (issue 6): in the structured layout the fix was built on the label's own text, so a cell
// with a line break or spaces after the label got a fix text without them, which never applied (planFixes left
// it out as stale).
describe("JX305 fix of a structured cell with text around the label", () => {
  it("keeps what surrounds the label and applies to the cell", () => {
    const grid = str([["1-产出指　标\n", "11-数量指标", "补偿人员人数", "6人", "6人"]]);
    const found = findingsOf(rule, grid);
    expect(found.map((f) => [f.cell, f.messageId, f.fix?.span, f.fix?.text])).toEqual([
      ["G6", "form", { start: 0, end: 7 }, "1-产出指标\n"],
    ]);
    const cell = grid.values[5][6] as string;
    expect(applyEdits(cell, [{ span: found[0].fix!.span, replacement: found[0].fix!.replacement }]).text).toBe(found[0].fix!.text);
  });
});
