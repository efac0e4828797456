/**
 * Writes the add-in's PNG icons: assets/icon-<size>.png, a green rounded square with a white check mark (the
 * add-in and its 一键校验 button), and assets/pane-<size>.png, the same square with a white window whose right part
 * is a side panel (the 打开助手 button).
 * Pure Node (zlib for the PNG chunks), so it runs anywhere: `npx tsx scripts/make-icons.ts`.
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Distance from point p to segment ab. */
function segDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function checkMark(cx: number, cy: number, size: number, stroke: number): boolean {
  return Math.min(
    segDist(cx, cy, size * 0.26, size * 0.52, size * 0.43, size * 0.69),
    segDist(cx, cy, size * 0.43, size * 0.69, size * 0.75, size * 0.33),
  ) <= stroke;
}

/** A window outline (0.2–0.8 of the icon) with a filled side panel on its right third. */
function paneMark(cx: number, cy: number, size: number, stroke: number): boolean {
  const [l, t, rr, b] = [size * 0.2, size * 0.24, size * 0.8, size * 0.76];
  const half = stroke / 2;
  const inBox = cx >= l - half && cx <= rr + half && cy >= t - half && cy <= b + half;
  if (!inBox) return false;
  const onEdge = cx <= l + half || cx >= rr - half || cy <= t + half || cy >= b - half;
  const inPanel = cx >= size * 0.58;
  return onEdge || inPanel;
}

export type IconKind = "check" | "pane";

export function iconPng(size: number, kind: IconKind = "check"): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const r = size * 0.18; // corner radius
  const stroke = Math.max(1.2, size * 0.09);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const cx = x + 0.5, cy = y + 0.5;
      // rounded square mask
      const qx = Math.max(r - cx, 0, cx - (size - r)), qy = Math.max(r - cy, 0, cy - (size - r));
      const inside = Math.hypot(qx, qy) <= r;
      const check = kind === "check" ? checkMark(cx, cy, size, stroke) : paneMark(cx, cy, size, stroke * 0.8);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      if (!inside) { raw[o + 3] = 0; continue; }
      const [R, G, B] = check ? [255, 255, 255] : [16, 124, 65]; // Excel green
      raw[o] = R; raw[o + 1] = G; raw[o + 2] = B; raw[o + 3] = 255;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  const dir = join(__dirname, "..", "assets");
  mkdirSync(dir, { recursive: true });
  for (const s of [16, 32, 64, 80, 128]) writeFileSync(join(dir, `icon-${s}.png`), iconPng(s));
  for (const s of [16, 32, 80]) writeFileSync(join(dir, `pane-${s}.png`), iconPng(s, "pane"));
  console.log("icons written to", dir);
}
