/** JX201 goal-missing: every project states its 绩效目标. */
import type { CellRef, Finding, Project, Rule, RuleMeta } from "../types";
import { report } from "./kit";

const meta: RuleMeta = {
  id: "JX201",
  name: "goal-missing",
  category: "completeness",
  severity: "error",
  description: { zh: "每个项目都应填写绩效目标。", en: "Every project must state its performance goal (绩效目标)." },
  messages: {
    missing: {
      zh: "项目“{project}”未填写绩效目标",
      en: "Project \"{project}\" has no performance goal (绩效目标)",
    },
    placeholder: {
      zh: "项目“{project}”的绩效目标只有“{text}”，未填写实际内容",
      en: "The performance goal (绩效目标) of project \"{project}\" is only \"{text}\", not a real goal",
    },
    noColumn: {
      zh: "表中没有“绩效目标”列，项目“{project}”缺少绩效目标",
      en: "The sheet has no 绩效目标 (performance goal) column, so project \"{project}\" has no goal",
    },
  },
  tags: ["completeness"],
  fixable: false,
};

/** Text that only stands in for a missing goal: dashes, slashes, dots, 无. */
const FILLER = /^[\s\-—–_/\\、。.·…无]*$/;

function goalCell(p: Project, col: number): CellRef {
  return p.goal ? p.goal.cell : { row: p.row, col };
}

export const rule: Rule = {
  meta,
  check(table) {
    const out: Finding[] = [];
    const col = table.header.columns.goal;
    for (const p of table.projects) {
      if (col === undefined) {
        out.push(report(meta, table, { messageId: "noColumn", at: p.nameCell, project: p.name, data: { project: p.name } }));
        continue;
      }
      const text = p.goal ? p.goal.raw.trim() : "";
      if (text === "") {
        out.push(report(meta, table, { messageId: "missing", at: goalCell(p, col), project: p.name, data: { project: p.name } }));
      } else if (FILLER.test(text)) {
        out.push(
          report(meta, table, { messageId: "placeholder", at: goalCell(p, col), project: p.name, data: { project: p.name, text } }),
        );
      }
    }
    return out;
  },
};
