/**
 * Annotated copies: each faulty cell filled by its worst severity and given a note (cell comment)
 * listing that cell's findings. Written to a temporary file beside the target, then renamed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type ExcelJS from "exceljs";
import { parseA1 } from "../core/address";
import type { Finding, Severity } from "../core/types";
import { withXmlSafeText } from "./xlsx-reader";

/** Fill colours (ARGB): light red, amber, light blue. */
export const SEVERITY_FILL: Record<Severity, string> = {
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
  info: "FFDDEBF7",
};

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const WORD: Record<"zh" | "en", Record<Severity, string>> = {
  zh: { error: "错误", warning: "警告", info: "提示" },
  en: { error: "error", warning: "warning", info: "info" },
};

export interface CellAnnotation {
  cell: string;
  severity: Severity;
  note: string;
}

/** Group findings by cell: worst severity and the note text, in finding order. */
export function annotationsFor(findings: readonly Finding[], lang: "zh" | "en"): CellAnnotation[] {
  const byCell = new Map<string, { severity: Severity; lines: string[] }>();
  for (const f of findings) {
    if (!parseA1(f.cell)) continue;
    const key = f.cell.replace(/\$/g, "").toUpperCase();
    let entry = byCell.get(key);
    if (!entry) byCell.set(key, (entry = { severity: f.severity, lines: [] }));
    if (RANK[f.severity] < RANK[entry.severity]) entry.severity = f.severity;
    const msg = lang === "zh" ? f.message : f.messageEn;
    entry.lines.push(`[${WORD[lang][f.severity]} ${f.ruleId} ${f.ruleName}] ${msg}`);
  }
  return [...byCell].map(([cell, e]) => ({ cell, severity: e.severity, note: e.lines.join("\n") }));
}

/** The plain text of a cell's existing note (a string, or exceljs's rich-text comment), or "" when none. */
function noteText(note: unknown): string {
  if (typeof note === "string") return note;
  const texts = (note as { texts?: { text?: unknown }[] } | null | undefined)?.texts;
  return Array.isArray(texts) ? texts.map((t) => (typeof t?.text === "string" ? t.text : "")).join("") : "";
}

/** Fill and annotate the faulty cells of `sheet` in an in-memory workbook. */
export function annotateWorkbook(wb: ExcelJS.Workbook, sheet: string, findings: readonly Finding[], lang: "zh" | "en"): number {
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`sheet not found: ${sheet}`);
  const notes = annotationsFor(
    findings.filter((f) => f.sheet === undefined || f.sheet === sheet),
    lang,
  );
  for (const a of notes) {
    const cell = ws.getCell(a.cell);
    // Styles read from a file are shared between cells: give this cell its own style object.
    cell.style = {
      ...cell.style,
      fill: { type: "pattern", pattern: "solid", fgColor: { argb: SEVERITY_FILL[a.severity] } },
    };
    // Nothing lost: a note the author already left on the cell is kept, above ours.
    const own = noteText(cell.note);
    cell.note = own ? `${own}\n\n${a.note}` : a.note;
  }
  return notes.length;
}

/** Write the workbook to a temporary file in the target's folder, then rename it into place. */
export async function writeAtomically(wb: ExcelJS.Workbook, out: string): Promise<void> {
  const dir = path.dirname(out);
  const tmp = path.join(dir, `.${path.basename(out)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    // Control characters, lone surrogates and literal _xHHHH_ survive the save (see withXmlSafeText).
    await withXmlSafeText(wb, () => wb.xlsx.writeFile(tmp));
    fs.renameSync(tmp, out);
  } catch (e) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing to clean
    }
    throw e;
  }
}

/** True when `a` and `b` name the same file (through symbolic links; `a` may not exist yet). */
export function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    // The same file under another name: a symlink, a hard link, another spelling on a case-insensitive disk.
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    if (sa.ino !== 0 && sa.dev === sb.dev && sa.ino === sb.ino) return true;
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    // `a` may not exist yet: compare through its folder's real path.
    try {
      return path.join(fs.realpathSync(path.dirname(a)), path.basename(a)) === fs.realpathSync(b);
    } catch {
      return false;
    }
  }
}
