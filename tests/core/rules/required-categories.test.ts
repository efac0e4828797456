import { rule } from "../../../src/core/rules/required-categories";
import { GOOD_ROWS, oneUnit, publishedGrid, structuredGrid } from "../../helpers/grids";
import { runRuleTests } from "../../helpers/rule-tester";

const OUT = "1、1-产出指标；11-数量指标；补偿人员人数；实施周期指标值:6人；年度指标值:6人。";
const EFF = "2、2-效益指标；22-社会效益；编外人员劳动争议次数；实施周期指标值:0次；年度指标值:0次。";
const SAT = "3、3-满意度指标；31-服务对象满意度；编外人员满意度；实施周期指标值:≥80%；年度指标值:≥80%。";

runRuleTests(rule, {
  valid: [
    { name: "产出, 效益 and 满意度 present (published)", grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: OUT + EFF + SAT }])) },
    { name: "产出, 效益 and 满意度 present (structured)", grid: structuredGrid(oneUnit([{ name: "项目甲" }])) },
    {
      name: "roles by name without codes and by alias (效果指标, 满意度指标)",
      grid: publishedGrid(
        oneUnit([
          {
            name: "项目甲",
            indicators:
              "1、产出指标；数量指标；课题数量；实施周期指标值:4个；年度指标值:4个。" +
              "2、效果指标；社会效益；政策建议；实施周期指标值:≥3条；年度指标值:≥3条。" +
              "3、满意度指标；满意度指标；满意度；实施周期指标值:≥80%；年度指标值:≥80%。",
          },
        ]),
      ),
    },
    {
      name: "an unknown 一级 falls back to its 二级 (31 → 满意度)",
      grid: structuredGrid(
        oneUnit([{ name: "项目甲", rows: [GOOD_ROWS[0], GOOD_ROWS[2], ["其他指标", "31-服务对象满意度", "满意度", "≥80%", "≥80%"]] }]),
      ),
    },
    { name: "a project with no indicators is left to JX202", grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: "" }])) },
    {
      name: "101 profile: the cost 一级 is not required",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: OUT + EFF + SAT }])),
      options: { profile: "caiyu-2021-101" },
    },
  ],
  invalid: [
    {
      name: "only 产出 (published): 效益 missing is an error, 满意度 missing a warning",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: OUT }])),
      errors: [
        { cell: "G6", messageId: "noEffect", severity: "error", fixText: null, message: "项目“项目甲”的 1 个指标中没有效益指标（一级指标“2-效益指标”）" },
        { cell: "G6", messageId: "noSatisfaction", severity: "warning", message: "没有满意度指标（一级指标“3-满意度指标”）" },
      ],
    },
    {
      name: "no 产出 (published, second project)",
      grid: publishedGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙", indicators: EFF + SAT }])),
      errors: [{ cell: "G7", messageId: "noOutput", severity: "error", message: "项目“项目乙”的 2 个指标中没有产出指标（一级指标“1-产出指标”）" }],
    },
    {
      name: "no 满意度 only: a warning (the seed's 耕地保护 case)",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: OUT + EFF }])),
      errors: [{ cell: "G6", messageId: "noSatisfaction", severity: "warning" }],
    },
    {
      name: "structured layout: the project's name cell",
      grid: structuredGrid(oneUnit([{ name: "项目甲" }, { name: "项目乙", rows: [GOOD_ROWS[2], GOOD_ROWS[3]] }])),
      errors: [{ cell: "A10", messageId: "noOutput", severity: "error", message: "项目“项目乙”" }],
    },
    {
      name: "a role decided by code when code and name disagree (2-产出指标 counts as 效益)",
      grid: publishedGrid(oneUnit([{ name: "项目甲", indicators: "1、2-产出指标；11-数量指标；课题数量；实施周期指标值:4个；年度指标值:4个。" + EFF + SAT }])),
      errors: [{ cell: "G6", messageId: "noOutput" }],
    },
  ],
});
