/**
 * The whole engine on the committed seed workbooks, read from .xlsx with the command line's reader:
 * the clean seed yields exactly the findings its real defects deserve, and each broken variant yields
 * the findings seeds/variants.json says it must (plus its base's own), and nothing else.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { checkFile, type FileOutcome } from "../../src/cli/main";
import type { Finding } from "../../src/core/types";

const SEEDS = join(__dirname, "..", "..", "seeds");

interface Expected {
  ruleId: string;
  cell: string;
  messageId?: string;
  severity?: string;
}
interface Clean {
  file: string;
  layout: string;
  expect: Expected[];
}
interface Variant {
  file: string;
  base: "published" | "structured" | string;
  defect: string;
  expect: Expected[] | "no-table";
  mayAlso?: Expected[];
  baseline?: Expected[];
}
const manifest = JSON.parse(readFileSync(join(SEEDS, "variants.json"), "utf8")) as { clean: Clean[]; variants: Variant[] };

function matches(f: Finding, e: Expected): boolean {
  return (
    f.ruleId === e.ruleId &&
    f.cell === e.cell &&
    (e.messageId === undefined || f.messageId === e.messageId) &&
    (e.severity === undefined || f.severity === e.severity)
  );
}

/** Each required entry takes its own finding; what is left must be covered by `optional`. */
function assertFindings(findings: Finding[], required: Expected[], optional: Expected[] = []): void {
  const left = [...findings];
  const missing: Expected[] = [];
  for (const e of required) {
    const i = left.findIndex((f) => matches(f, e));
    if (i < 0) missing.push(e);
    else left.splice(i, 1);
  }
  const unexpected = left.filter((f) => !optional.some((e) => matches(f, e)));
  expect({ missing, unexpected: unexpected.map((f) => `${f.ruleId} ${f.cell} ${f.messageId} ${f.message}`) }).toEqual({
    missing: [],
    unexpected: [],
  });
}

function checked(o: FileOutcome) {
  if ("error" in o) throw new Error(`${o.display}: ${o.error.message}`);
  return o;
}

describe("the clean seed workbooks", () => {
  it.each(manifest.clean.map((c) => [c.file, c]))("%s: no errors, exactly the real defects", async (_f, c) => {
    const o = checked(await checkFile(join(SEEDS, c.file), c.file, {}));
    expect(o.layout).toBe(c.layout);
    expect(o.summary.errors).toBe(0);
    expect(o.summary.projects).toBe(5);
    expect(o.summary.indicators).toBe(20);
    assertFindings(o.findings, c.expect);
  });

  it("published seed: the four warnings are the ones a reviewer would raise, with their spans", async () => {
    const o = checked(await checkFile(join(SEEDS, "guangzhou-land-planning-2024.xlsx"), "seed", {}));
    const seed = JSON.parse(readFileSync(join(SEEDS, "guangzhou-land-planning-2024.json"), "utf8")) as {
      rows: { name: string; indicators: string }[];
    };
    const text = (name: string) => seed.rows.find((r) => r.name === name)!.indicators;
    const prefix = o.findings.find((f) => f.ruleId === "JX401")!;
    expect(text("耕地保护和国土空间规划经费").slice(prefix.span!.start, prefix.span!.end)).toBe("00-");
    expect(prefix.fix?.text).toBe(text("耕地保护和国土空间规划经费").replace("00-专家评审通过率", "专家评审通过率"));
    const unitless = o.findings.filter((f) => f.ruleId === "JX501");
    expect(unitless.map((f) => f.project)).toEqual(["市土规中心2023-2024年信息化运维项目", "市土规中心2024年信息化运维项目"]);
    expect(text("市土规中心2023-2024年信息化运维项目").slice(unitless[0].span!.start, unitless[0].span!.end)).toBe("250");
    expect(text("市土规中心2024年信息化运维项目").slice(unitless[1].span!.start, unitless[1].span!.end)).toBe("50");
    const sat = o.findings.find((f) => f.ruleId === "JX203")!;
    expect(sat.project).toBe("耕地保护和国土空间规划经费");
    expect(o.findings.every((f) => f.severity === "warning")).toBe(true);
  });
});

describe("broken variants", () => {
  const cleanOf = (base: string) => manifest.clean.find((c) => c.layout === base)!.expect;
  it.each(manifest.variants.map((v) => [v.file, v]))("%s", async (_f, v) => {
    const o = await checkFile(join(SEEDS, v.file), v.file, {});
    if (v.expect === "no-table") {
      expect("error" in o && o.error.kind).toBe("no-table");
      return;
    }
    const c = checked(o);
    assertFindings(c.findings, [...v.expect, ...(v.baseline ?? cleanOf(v.base))], v.mayAlso ?? []);
  });
});
