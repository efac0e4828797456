/**
 * JX304 sequence: the indicators of a project are numbered 1, 2, 3… in order, without gaps or repeats. One
 * finding per wrong number, each with a fix that puts the expected number in its place, so applying every fix
 * renumbers the cell. An item written without a number (the grammar's `missing-seq` note) gets the number
 * inserted. Published layout; in the structured layout only when a 序号 column gave the indicators numbers
 * (numbering per project or running through the whole sheet are both accepted there).
 */
import { applyEdits } from "../fix";
import { parseIndicators } from "../grammar";
import type { CellRef, Finding, Indicator, Project, Rule, RuleMeta, Table, TextPart } from "../types";
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

interface Pending {
  messageId: "wrong" | "missing";
  ind: Indicator;
  at: CellRef;
  span: { start: number; end: number };
  data: Record<string, string | number>;
  fix?: { cellText: string; span: { start: number; end: number }; replacement: string };
}

function checkProject(table: Table, p: Project, base: number, out: Finding[]): void {
  const pending: Pending[] = [];
  for (const ind of p.indicators) {
    const expected = base + ind.index + 1;
    const data = { project: p.name, position: ind.index + 1, expected, seq: ind.seq ?? "" };
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
      pending.push({ messageId: "wrong", ind, at: part.cell, span: part.span, data, fix });
    } else if (table.layout === "published" && ind.seq === null && ind.notes.some((n) => n.kind === "missing-seq")) {
      const text = p.indicatorsCell ? p.indicatorsCell.raw : null;
      const at = ind.whole.span.start;
      const fix = text !== null ? { cellText: text, span: { start: at, end: at }, replacement: `${expected}、` } : undefined;
      pending.push({ messageId: "missing", ind, at: ind.whole.cell, span: { start: at, end: at }, data, fix });
    }
  }
  if (table.layout === "published" && p.indicatorsCell && pending.some((x) => x.fix) && !renumbers(p, pending)) {
    for (const x of pending) delete x.fix;
  }
  for (const x of pending) {
    const { messageId, ind, at, span, data, fix } = x;
    out.push(report(meta, table, { project: p.name, indicator: ind.index, messageId, at, span, data, fix }));
  }
}

/**
 * Do the fixes of a published cell, applied together, number its items 1, 2, 3… and leave them where they
 * were? The grammar starts an item only at a number followed by a category, and reads a number as an item's
 * when the numbering around it makes sense; so on a garbled cell a number inserted before text that is no
 * category stays unread text (`1、年度指标值:100%。`: the same fix would be offered again forever), and a
 * renumbering can make the grammar see an item start it did not see before (`会3、产出；`), which the fixes,
 * computed on the old items, do not number. Then the cell's findings get no fix.
 */
function renumbers(p: Project, pending: readonly Pending[]): boolean {
  const cell = p.indicatorsCell!;
  const edits = pending.filter((x) => x.fix).map((x) => ({ span: x.fix!.span, replacement: x.fix!.replacement }));
  const result = applyEdits(cell.raw, edits);
  if (result.skipped.length > 0) return false;
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  /** Where offset x of the old text is in the fixed text (an insertion at x goes before it). */
  const moved = (x: number): number => {
    let shift = 0;
    for (const e of sorted) {
      if (e.span.start > x || (e.span.start === x && e.span.end > x)) break;
      if (e.span.end <= x && e.span.start < x) shift += e.replacement.length - (e.span.end - e.span.start);
    }
    return x + shift;
  };
  const items = parseIndicators(result.text, cell.cell);
  if (items.length !== p.indicators.length) return false;
  return items.every((it, i) => {
    const before = p.indicators[i];
    const fixed = pending.some((x) => x.ind === before && x.fix);
    return it.whole.span.start === moved(before.whole.span.start) && (fixed ? it.seq === i + 1 : it.seq === before.seq);
  });
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
