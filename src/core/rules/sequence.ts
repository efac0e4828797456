/**
 * JX304 sequence: the indicators of a project are numbered 1, 2, 3… in order, without gaps or repeats. One
 * finding per wrong number, each with a fix that puts the expected number in its place, so applying every fix
 * renumbers the cell. An item written without a number (the grammar's `missing-seq` note) gets the number
 * inserted. Published layout; in the structured layout only when a 序号 column gave the indicators numbers
 * (numbering per project or running through the whole sheet are both accepted there).
 */
import type { Finding, Project, Rule, RuleMeta, Table, TextPart } from "../types";
import { candidateProjects } from "./analysis";
import { report } from "./kit";

const DIGITS = /[0-9０-９]+/;

const meta: RuleMeta = {
  id: "JX304",
  name: "sequence",
  category: "structure",
  severity: "warning",
  description: {
    zh: "每个项目的指标序号应为 1、2、3……依次排列，不重复、不跳号。",
    en: "The indicators of a project must be numbered 1, 2, 3… in order, without gaps or repeats.",
  },
  messages: {
    wrong: {
      zh: "项目“{project}”第 {position} 个指标的序号为 {seq}，应为 {expected}",
      en: "Indicator {position} of project \"{project}\" is numbered {seq}; expected {expected}",
    },
    missing: {
      zh: "项目“{project}”第 {position} 个指标缺少序号，应为 {expected}",
      en: "Indicator {position} of project \"{project}\" has no sequence number; expected {expected}",
    },
  },
  tags: ["structure"],
  fixable: true,
};

/** The full text of the cell a part sits in, when the table knows it (needed to build a fix). */
function cellTextOf(p: Project, part: TextPart): string | null {
  const cell = p.indicatorsCell;
  if (cell && cell.cell.row === part.cell.row && cell.cell.col === part.cell.col) return cell.raw;
  // A 序号 cell of the structured layout: the number is the whole cell.
  if (part.span.start === 0) return part.raw;
  return null;
}

function checkProject(table: Table, p: Project, base: number, out: Finding[]): void {
  for (const ind of p.indicators) {
    const expected = base + ind.index + 1;
    const data = { project: p.name, position: ind.index + 1, expected, seq: ind.seq ?? "" };
    const where = { project: p.name, indicator: ind.index };
    if (ind.seq !== null && ind.seqPart) {
      if (ind.seq === expected) continue;
      const part = ind.seqPart;
      const text = cellTextOf(p, part);
      const m = DIGITS.exec(part.raw);
      const fix =
        text !== null && m
          ? {
              cellText: text,
              span: { start: part.span.start + m.index, end: part.span.start + m.index + m[0].length },
              replacement: String(expected),
            }
          : undefined;
      out.push(report(meta, table, { ...where, messageId: "wrong", at: part.cell, span: part.span, data, fix }));
    } else if (table.layout === "published" && ind.seq === null && ind.notes.some((n) => n.kind === "missing-seq")) {
      const text = p.indicatorsCell ? p.indicatorsCell.raw : null;
      const at = ind.whole.span.start;
      const fix = text !== null ? { cellText: text, span: { start: at, end: at }, replacement: `${expected}、` } : undefined;
      out.push(
        report(meta, table, { ...where, messageId: "missing", at: ind.whole.cell, span: { start: at, end: at }, data, fix }),
      );
    }
  }
}

/** Structured sheets may number per project or straight through the sheet: follow what the project's first number says. */
function structuredBase(p: Project, before: number): number {
  const first = p.indicators.find((i) => i.seq !== null);
  if (first && first.seq !== null && before > 0 && first.seq - first.index - 1 === before) return before;
  return 0;
}

export const rule: Rule = {
  meta,
  check(table, options) {
    const out: Finding[] = [];
    if (table.layout === "published") {
      // Numbering starts at 1 in every project: only the projects the shared pass found a wrong or missing
      // number in need a look (see ./analysis).
      for (const p of candidateProjects(table, options, "JX304")) checkProject(table, p, 0, out);
      return out;
    }
    let before = 0;
    for (const p of table.projects) {
      checkProject(table, p, structuredBase(p, before), out);
      before += p.indicators.length;
    }
    return out;
  },
};
