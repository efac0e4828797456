/**
 * JX401 name-code-prefix: the 三级 name carries a code prefix (`00-专家评审通过率`). The fix removes the
 * prefix (the span of the prefix inside the name, with any spaces after it).
 */
import type { Finding, Rule, RuleMeta } from "../types";
import { forEachCandidate } from "./analysis";
import { report } from "./kit";
import { absolute, cellTextOf, locateLoose } from "./b-shared";

const meta: RuleMeta = {
  id: "JX401",
  name: "name-code-prefix",
  category: "indicator",
  severity: "warning",
  description: {
    zh: "三级指标名称不应带编码前缀（如“00-专家评审通过率”）。",
    en: "A third-level indicator name carries no code prefix (e.g. \"00-专家评审通过率\").",
  },
  messages: {
    codePrefix: {
      zh: "三级指标名称“{name}”带有编码前缀“{prefix}”，应写作“{fixed}”",
      en: "Third-level indicator name \"{name}\" carries the code prefix \"{prefix}\"; write \"{fixed}\"",
    },
  },
  tags: ["indicator", "name"],
  fixable: true,
};

export const rule: Rule = {
  meta,
  check(table, options) {
    const out: Finding[] = [];
    forEachCandidate(table, options, "JX401", (project, ind) => {
      const name = ind.name;
      if (!name || !name.codePrefix) return;
      const prefix = name.codePrefix;
      const found = locateLoose(name.raw, prefix);
      // Spaces between the prefix and the name go with the prefix (`00- 专家评审通过率` → `专家评审通过率`).
      let rel = found;
      if (found) {
        let end = found.end;
        while (end < name.raw.length && (name.raw[end] === " " || name.raw[end] === "\u3000")) end++;
        rel = { start: found.start, end };
      }
      const fixed = name.text.startsWith(prefix) ? name.text.slice(prefix.length).trim() : name.text;
      const span = rel ? absolute(name, rel) : name.span;
      const cellText = cellTextOf(project, name);
      // Removing the prefix must leave a name behind.
      const fix = rel && cellText !== null && fixed.length > 0 ? { cellText, span, replacement: "" } : undefined;
      out.push(
        report(meta, table, {
          messageId: "codePrefix",
          data: { name: name.text, prefix, fixed },
          at: name.cell,
          span,
          project: project.name,
          indicator: ind.index,
          fix,
        }),
      );
    });
    return out;
  },
};
