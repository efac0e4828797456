/**
 * RuleTester, after ESLint's: a table of valid cases (no finding from this rule) and invalid cases
 * (exactly these findings, in sheet order) per rule. Cases are grids, usually built with ./grids.
 */
import { buildTable } from "../../src/core/model";
import { validate } from "../../src/core/engine";
import type { Finding, GridInput, Rule, Severity, Span, ValidateOptions } from "../../src/core/types";

export interface ExpectedFinding {
  cell: string;
  messageId?: string;
  severity?: Severity;
  span?: Span;
  /** The whole new cell text the fix produces; `null` asserts there is no fix. */
  fixText?: string | null;
  /** Substring or pattern the Chinese message must contain. */
  message?: string | RegExp;
}

export interface ValidCase {
  name: string;
  grid: GridInput;
  options?: ValidateOptions;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
}

export function findingsOf(rule: Rule, grid: GridInput, options: ValidateOptions = {}): Finding[] {
  const built = buildTable(grid);
  if (!built.table) throw new Error(`test grid has no target table: ${built.message}`);
  return validate(built.table, options, [rule]).findings;
}

export function runRuleTests(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`${rule.meta.id} ${rule.meta.name}`, () => {
    it("has complete metadata", () => {
      expect(rule.meta.id).toMatch(/^JX\d{3}$/);
      expect(rule.meta.description.zh.length).toBeGreaterThan(0);
      expect(rule.meta.description.en.length).toBeGreaterThan(0);
      for (const m of Object.values(rule.meta.messages)) {
        expect(m.zh.length).toBeGreaterThan(0);
        expect(m.en.length).toBeGreaterThan(0);
      }
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const found = findingsOf(rule, c.grid, c.options);
        expect(found.map((f) => `${f.cell} ${f.messageId} ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const found = findingsOf(rule, c.grid, c.options);
        expect(found.map((f) => f.cell)).toEqual(c.errors.map((e) => e.cell));
        c.errors.forEach((e, i) => {
          const f = found[i];
          expect(f.ruleId).toBe(rule.meta.id);
          expect(f.category).toBe(rule.meta.category);
          expect(f.message.length).toBeGreaterThan(0);
          expect(f.messageEn.length).toBeGreaterThan(0);
          expect(f.message).not.toMatch(/\{\w+\}/);
          expect(f.messageEn).not.toMatch(/\{\w+\}/);
          if (e.messageId !== undefined) expect(f.messageId).toBe(e.messageId);
          if (e.severity !== undefined) expect(f.severity).toBe(e.severity);
          if (e.span !== undefined) expect(f.span).toEqual(e.span);
          if (e.fixText === null) expect(f.fix).toBeUndefined();
          else if (e.fixText !== undefined) expect(f.fix?.text).toBe(e.fixText);
          if (typeof e.message === "string") expect(f.message).toContain(e.message);
          else if (e.message) expect(f.message).toMatch(e.message);
        });
      });
    }
  });
}
