import { rule } from "../../../src/core/rules/cost-vs-total";
import { runRuleTests } from "../../helpers/rule-tester";
import { GOOD_INDICATORS, GOOD_ROWS, PUB_CELL, item, pub, spanOf, str } from "./b-test-utils";

const COST = (period: string, annual: string, name = "项目支出成本"): string => item(1, "1-产出指标", "14-成本指标", name, period, annual);
const WAN = COST("≤50万元", "≤50万元");
const YUAN = COST("500000元", "500000元");
const NAMED = COST("40", "40", "设备采购金额（万元）");

runRuleTests(rule, {
  valid: [
    { name: "good published indicators", grid: pub(GOOD_INDICATORS) },
    { name: "good structured rows", grid: str(GOOD_ROWS) },
    { name: "within 总计 35.08 万元", grid: pub(COST("≤35.08万元", "30万元"), { total: 35.08 }) },
    { name: "350000元 = 35 万元 ≤ 35.08", grid: pub(COST("350000元", "350000元"), { total: 35.08 }) },
    { name: "a multi-year period value may exceed this year's 总计", grid: pub(COST("100万元", "30万元"), { total: 35.08 }) },
    {
      name: "a table in 元: 30万元 ≤ 350800 元",
      grid: pub(COST("30万元", "30万元"), { total: 350800 }, { unitLine: "单位名称：测试单位 单位：元" }),
    },
  ],
  invalid: [
    {
      name: "published: ≤50万元 exceeds 总计 35.08",
      grid: pub(WAN, { total: 35.08 }),
      errors: [
        {
          cell: PUB_CELL,
          messageId: "exceedsTotal",
          severity: "error",
          span: spanOf(WAN, "≤50万元", 1),
          fixText: null,
          message: "指标“项目支出成本”的年度指标值“≤50万元”（折合50.00万元）超过项目总计35.08万元",
        },
      ],
    },
    {
      name: "published: 500000元 is 50 万元",
      grid: pub(YUAN, { total: 35.08 }),
      errors: [{ cell: PUB_CELL, span: spanOf(YUAN, "500000元", 1), message: "（折合50.00万元）" }],
    },
    {
      name: "published: unit carried by the name",
      grid: pub(NAMED, { total: 35.08 }),
      errors: [{ cell: PUB_CELL, span: spanOf(NAMED, "40", 0, "年度指标值:"), message: "（折合40.00万元）" }],
    },
    {
      name: "published: a table in 元, 36万元 > 350800 元",
      grid: pub(COST("36万元", "36万元"), { total: 350800 }, { unitLine: "单位名称：测试单位 单位：元" }),
      errors: [{ cell: PUB_CELL, message: "（折合360000.00元）超过项目总计350800.00元" }],
    },
    {
      name: "structured: the annual cell",
      grid: str([["1-产出指标", "14-成本指标", "项目支出成本", "12万元", "12万元"]], { total: 10 }),
      errors: [{ cell: "K6", messageId: "exceedsTotal", severity: "error", span: { start: 0, end: 4 } }],
    },
  ],
});
