/**
 * Grouping of findings for the pane: by project (told apart by row, not by name), then by indicator, with
 * the findings that belong to no project in the sheet's own group; first-appearance order throughout.
 */
import type { Finding } from "../../src/core";
import { countBySeverity, filterFindings, flattenGroups, groupFindings, splitByIndicator } from "../../src/taskpane/groups";
import { publishedGrid } from "../helpers/grids";
import { engineResult, mixedSheet } from "./sheets";

describe("groupFindings", () => {
  test("every finding lands exactly once, in its project's group, in the engine's order", () => {
    const { table, findings } = engineResult(mixedSheet());
    const groups = groupFindings(findings, table);
    const flat = groups.flatMap((g) => g.items.flatMap((i) => i.findings));
    expect(flat).toHaveLength(findings.length);
    expect(new Set(flat)).toEqual(new Set(findings));
    for (const g of groups) {
      expect(g.count).toBe(g.items.reduce((n, i) => n + i.findings.length, 0));
      for (const item of g.items) {
        for (const f of item.findings) {
          expect(f.project ?? null).toBe(g.project);
          expect(f.indicator ?? null).toBe(item.index);
        }
      }
    }
    // Groups appear in the order of their first finding.
    const firstIndex = groups.map((g) => findings.indexOf(g.items[0].findings[0]));
    expect(firstIndex).toEqual([...firstIndex].sort((a, b) => a - b));
  });

  test("indicator groups carry the indicator's 三级 name from the table", () => {
    const { table, findings } = engineResult(mixedSheet());
    const withIndicator = findings.filter((f) => f.indicator !== undefined);
    expect(withIndicator.length).toBeGreaterThan(0);
    for (const g of groupFindings(findings, table)) {
      for (const item of g.items) {
        if (item.index === null) {
          expect(item.name).toBeNull();
          continue;
        }
        const project = table.projects.find((p) => p.name === g.project)!;
        expect(item.name).toBe(project.indicators[item.index].name!.text);
      }
    }
  });

  test("two projects with the same name under different units stay apart", () => {
    const grid = publishedGrid({
      sheet: "同名",
      units: [
        { name: "一单位", projects: [{ name: "办公经费", total: 12, fiscal: 10 }] },
        { name: "二单位", projects: [{ name: "办公经费", total: 15, fiscal: 10 }] },
      ],
    });
    const { table, findings } = engineResult(grid);
    const groups = groupFindings(findings, table).filter((g) => g.project === "办公经费");
    expect(groups).toHaveLength(2);
    const rows = groups.map((g) => new Set(g.items.flatMap((i) => i.findings.map((f) => f.row))));
    expect(rows[0].size).toBe(1);
    expect(rows[1].size).toBe(1);
    expect([...rows[0]][0]).not.toBe([...rows[1]][0]);
  });

  test("without a table (a stored run) projects are grouped by name and indicators have no names", () => {
    const { findings } = engineResult(mixedSheet());
    const groups = groupFindings(findings, null);
    expect(groups.map((g) => g.project)).toEqual([...new Set(findings.map((f) => f.project ?? null))]);
    for (const g of groups) for (const item of g.items) expect(item.name).toBeNull();
  });

  test("filter and counts by severity", () => {
    const { findings } = engineResult(mixedSheet());
    const counts = countBySeverity(findings);
    expect(counts.error + counts.warning + counts.info).toBe(findings.length);
    const onlyWarnings = filterFindings(findings, { error: false, warning: true, info: false });
    expect(onlyWarnings).toHaveLength(counts.warning);
    expect(onlyWarnings.every((f: Finding) => f.severity === "warning")).toBe(true);
  });
});

describe("flattenGroups (the rows of the windowed list)", () => {
  test("a heading per group, per indicator of a split group, then the findings, with positions and set sizes", () => {
    const { table, findings } = engineResult(mixedSheet());
    const groups = groupFindings(findings, table);
    const { rows, findingRows } = flattenGroups(groups);
    // Reading the rows back gives the groups, in order.
    const expected: string[] = [];
    for (const g of groups) {
      expected.push(`group ${g.key}`);
      for (const item of g.items) {
        if (splitByIndicator(g)) expected.push(`item ${item.key}`);
        item.findings.forEach((_, i) => expected.push(`finding ${item.key} ${i + 1}/${item.findings.length}`));
      }
    }
    expect(
      rows.map((r) =>
        r.kind === "group" ? `group ${r.group.key}` : r.kind === "item" ? `item ${r.item.key}` : `finding ${r.item.key} ${r.pos}/${r.size}`,
      ),
    ).toEqual(expected);
    expect(rows.filter((r) => r.kind === "group" && r.first)).toHaveLength(1);
    expect(rows[0].kind).toBe("group");
    // Every finding once, `order` counting them, `findingRows` pointing back at their rows.
    const listed = groups.flatMap((g) => g.items.flatMap((i) => i.findings));
    expect(findingRows).toHaveLength(listed.length);
    findingRows.forEach((r, order) => {
      const row = rows[r];
      expect(row.kind === "finding" && row.order === order && row.finding === listed[order]).toBe(true);
    });
    // Keys are unique (React keeps rows by them).
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
    // The mixed sheet has split and unsplit groups.
    expect(groups.some(splitByIndicator)).toBe(true);
    expect(groups.some((g) => !splitByIndicator(g))).toBe(true);
  });

  test("nothing listed, no rows", () => {
    expect(flattenGroups([])).toEqual({ rows: [], findingRows: [] });
  });
});
