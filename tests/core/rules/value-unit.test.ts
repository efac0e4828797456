import { rule } from "../../../src/core/rules/value-unit";
import { runRuleTests } from "../../helpers/rule-tester";
import { buildTable } from "../../../src/core/model";
import { validate } from "../../../src/core/engine";
import type { WithUnitPart } from "../../../src/core/rules/value-unit";
import { GOOD_INDICATORS, GOOD_ROWS, PUB_CELL, item, pub, spanOf, str, strWithUnit } from "./b-test-utils";

const UNITLESS = item(1, "1-产出指标", "11-数量指标", "网络、终端、外设及病毒查杀巡查记录次数", "250", "40");
const ANNUAL_UNITLESS = item(1, "1-产出指标", "11-数量指标", "课题研究成果数量", "10个", "4");
const RATE_UNITLESS = item(1, "1-产出指标", "12-质量指标", "验收合格率", "100", "100");
const DIFFERS = item(1, "1-产出指标", "11-数量指标", "课题研究成果数量", "10个", "4项");
const NAME_UNIT_CLASH = item(1, "1-产出指标", "14-成本指标", "经费执行比例（%）", "28.8万元", "28.8万元");

runRuleTests(rule, {
  valid: [
    { name: "good published indicators", grid: pub(GOOD_INDICATORS) },
    { name: "good structured rows", grid: str(GOOD_ROWS) },
    {
      name: "unit carried by the name: （%） （万元） （个）",
      grid: pub(
        item(1, "3-满意度指标", "31-服务对象满意度", "服务对象满意度调查（%）", "≥80", "≥80") +
          item(2, "1-产出指标", "14-成本指标", "设备采购金额（万元）", "≤20", "≤20") +
          item(3, "1-产出指标", "11-数量指标", "新建站点数量（个）", "5", "5"),
      ),
    },
    {
      name: "qualitative values and dates need no unit",
      grid: pub(
        item(1, "1-产出指标", "13-时效指标", "项目完成时间", "2025年12月", "2024年12月") +
          item(2, "1-产出指标", "12-质量指标", "验收是否通过", "是", "是"),
      ),
    },
    {
      name: "structured: a 计量单位 column supplies the unit of bare numbers",
      grid: strWithUnit([
        ["1-产出指标", "11-数量指标", "巡查记录次数", "250", "40", "次"],
        ["3-满意度指标", "31-服务对象满意度", "服务对象满意度", "≥80", "≥80", "%"],
      ]),
    },
    {
      name: "a date serial on a 时效 indicator is left to JX508",
      grid: pub(item(1, "1-产出指标", "13-时效指标", "项目完成时间", "44561", "44561")),
    },
  ],
  invalid: [
    {
      name: "published: 250 / 40, one finding quoting both values, at the first",
      grid: pub(UNITLESS),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "unitless",
          severity: "warning",
          span: spanOf(UNITLESS, "250"),
          fixText: null,
          message: "（实施周期指标值“250”，年度指标值“40”）",
        },
      ],
    },
    {
      name: "published: only the annual value lacks its unit",
      grid: pub(ANNUAL_UNITLESS),
      errors: [{ cell: PUB_CELL, messageId: "unitless", span: spanOf(ANNUAL_UNITLESS, "4", 0, "年度指标值:") }],
    },
    {
      name: "published: a rate without % gets a hint",
      grid: pub(RATE_UNITLESS),
      errors: [{ cell: PUB_CELL, messageId: "unitless", message: "比率类指标应以“%”为单位" }],
    },
    {
      name: "published: 10个 vs 4项",
      grid: pub(DIFFERS),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "unitDiffers",
          severity: "warning",
          span: spanOf(DIFFERS, "4项"),
          message: "（“个”≠“项”）",
        },
      ],
    },
    {
      name: "published: a value unit contradicting the unit in the name",
      grid: pub(NAME_UNIT_CLASH),
      errors: [{ cell: PUB_CELL, messageId: "nameUnit", span: spanOf(NAME_UNIT_CLASH, "28.8万元"), message: "标明单位“%”" }],
    },
    {
      name: "structured: the 实施周期指标值 cell",
      grid: str([["1-产出指标", "11-数量指标", "巡查记录次数", "250", "40"]]),
      errors: [{ cell: "J6", messageId: "unitless", span: { start: 0, end: 3 }, message: "“250”" }],
    },
    {
      name: "structured: units differ across the two cells, reported at the annual cell",
      grid: str([["1-产出指标", "11-数量指标", "课题研究成果数量", "10个", "4项"]]),
      errors: [{ cell: "K6", messageId: "unitDiffers", span: { start: 0, end: 2 } }],
    },
  ],
});

describe("JX501 value-unit: the structured 计量单位 cell (Indicator.unitPart, when the model provides it)", () => {
  // Rows from Excel 6: G 一级, H 二级, I 三级, J 实施周期指标值, K 年度指标值, L 计量单位.
  const grid = strWithUnit([
    ["1-产出指标", "14-成本指标", "经费执行比例", "28.8万元", "28.8万元", "%"],
    ["1-产出指标", "11-数量指标", "巡查记录次数", "250次", "40", "次"],
  ]);
  const built = buildTable(grid);
  if (!built.table) throw new Error(built.message);
  const table = built.table;
  const project = table.projects[0];
  // Simulate the model field: the row's 计量单位 cell, column L (11).
  project.indicators.forEach((ind, k) => {
    const text = String(grid.values[5 + k][11]);
    (ind as WithUnitPart).unitPart = { raw: text, cell: { row: 5 + k, col: 11 }, span: { start: 0, end: text.length } };
  });

  it("reports a value whose own unit contradicts the unit column, at the value cell", () => {
    const found = validate(table, {}, [rule]).findings;
    expect(found.map((f) => [f.cell, f.messageId, f.severity])).toEqual([["J6", "unitColumn", "warning"]]);
    expect(found[0].span).toEqual({ start: 0, end: "28.8万元".length });
    expect(found[0].message).toBe("指标“经费执行比例”的指标值“28.8万元”单位为“万元”，与计量单位列“%”不一致");
  });

  it("without the field the rule stays silent on the unit column", () => {
    const again = buildTable(grid);
    if (!again.table) throw new Error(again.message);
    expect(validate(again.table, {}, [rule]).findings).toEqual([]);
  });
});
