/** docs/rules.md is generated from the rules' metadata; it must match the code. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { rulesDoc } from "../../scripts/rules-doc";
import { allRules } from "../../src/core/rules";

describe("docs/rules.md", () => {
  it("is what scripts/rules-doc.ts produces (run `npx tsx scripts/rules-doc.ts` after changing a rule)", () => {
    expect(readFileSync(join(__dirname, "..", "..", "docs", "rules.md"), "utf8")).toBe(rulesDoc());
  });

  it("lists every rule with a unique id and alias", () => {
    const ids = allRules.map((r) => r.meta.id);
    const names = allRules.map((r) => r.meta.name);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
    for (const r of allRules) expect(rulesDoc()).toContain(`| ${r.meta.id} | \`${r.meta.name}\``);
  });
});
