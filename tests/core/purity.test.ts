/**
 * src/core is host-free: it imports nothing from Node built-ins, Office.js or React, so the same engine runs
 * in the task pane, the ribbon command and the command line.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";

const CORE = join(__dirname, "..", "..", "src", "core");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

function importsOf(text: string): string[] {
  const specs: string[] = [];
  const re = /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) specs.push(m[1] ?? m[2] ?? m[3]);
  return specs;
}

describe("src/core is host-free", () => {
  const files = sourceFiles(CORE);
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

  it("has source files to check", () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it("imports only relative modules (no Node built-ins, Office.js, React or other packages)", () => {
    const offending: string[] = [];
    for (const f of files) {
      for (const spec of importsOf(readFileSync(f, "utf8"))) {
        if (!spec.startsWith(".")) offending.push(`${relative(CORE, f)} imports "${spec}"${builtins.has(spec) ? " (Node built-in)" : ""}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it("uses no Office, Excel, window, document or process globals", () => {
    const offending: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      for (const g of ["Office.", "Excel.", "window.", "document.", "process.", "require("]) {
        if (text.includes(g)) offending.push(`${relative(CORE, f)} uses ${g}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
