/** Shared helpers of the CLI tests: temp dirs, captured streams, the seed workbook, hashing. */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultSeedPath } from "../../src/cli/main";
import { SEED, type Seed } from "../../scripts/build-seeds";

export const seed: Seed = SEED;

export function tempDir(prefix = "jixiao-cli-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

export interface Captured {
  io: { stdout: { write(s: string): boolean; isTTY?: boolean }; stderr: { write(s: string): boolean }; env: Record<string, string | undefined>; cwd: string };
  out(): string;
  err(): string;
}

export function capture(cwd: string, opts: { tty?: boolean; env?: Record<string, string | undefined> } = {}): Captured {
  let out = "";
  let err = "";
  return {
    io: {
      stdout: {
        write: (s: string) => {
          out += s;
          return true;
        },
        isTTY: opts.tty ?? false,
      },
      stderr: {
        write: (s: string) => {
          err += s;
          return true;
        },
      },
      env: opts.env ?? {},
      cwd,
    },
    out: () => out,
    err: () => err,
  };
}

/** Write the seed table as a workbook into `dir`; returns its path. */
export async function writeSeed(dir: string, name = "seed.xlsx"): Promise<string> {
  const file = path.join(dir, name);
  fs.copyFileSync(defaultSeedPath(), file);
  return file;
}
