/** The executable: `node bin/jixiao.js --format json` as a child process on the bundled seed. */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { removeDir, tempDir } from "./cli-helpers";

const root = path.resolve(__dirname, "../..");

it("runs through tsx with no build step and prints the seed's JSON report", () => {
  const cwd = tempDir("jixiao-bin-");
  try {
    const env = { ...process.env, NO_COLOR: "1" };
    const r = spawnSync(process.execPath, [path.join(root, "bin", "jixiao.js"), "--format", "json"], {
      cwd,
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.stderr).toBe("");
    const json = JSON.parse(r.stdout) as {
      files: { file: string; summary: { errors: number; warnings: number; infos: number; projects: number }; findings: { severity: string }[] }[];
    };
    expect(json.files).toHaveLength(1);
    const f = json.files[0];
    expect(f.file).toMatch(/guangzhou-land-planning-2024\.xlsx$/);
    expect(f.summary.projects).toBe(5);
    expect(f.findings.filter((x) => x.severity === "error")).toHaveLength(f.summary.errors);
    expect(r.status).toBe(f.summary.errors > 0 ? 1 : 0);
  } finally {
    removeDir(cwd);
  }
});
