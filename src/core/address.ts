import type { CellRef } from "./types";

/** 0-based column index → letters (0 → "A", 26 → "AA"). */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Sheet coordinates → "B7". */
export function a1(ref: CellRef): string {
  return columnLetters(ref.col) + String(ref.row + 1);
}

/** "B7" (or "$B$7") → sheet coordinates; null when it is not an A1 address. */
export function parseA1(address: string): CellRef | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}
