/**
 * Builds the hostile-input corpus in tests/fixtures/hostile/: workbooks (and files posing as workbooks) that real
 * offices, broken tools and attackers produce, each the seed table of seeds/guangzhou-land-planning-2024.json with
 * ONE hostile twist, plus README.md listing every file, what it is and what the command line does with it.
 * tests/cli/hostile.test.ts runs the real CLI on each and asserts the outcome.
 *
 * Run: `npx tsx scripts/build-fixtures.ts [outDir]` (default tests/fixtures/hostile), or `npm run fixtures`.
 *
 * Output is deterministic: workbooks are written by exceljs with fixed dates, then unzipped and zipped again by the
 * small zip writer below with fixed timestamps and a fixed entry order (exceljs's own zip output carries the time
 * of writing). Zip tricks (bombs, lying sizes, encryption flags, ZIP64) are made with the same writer, and the
 * password-protected and legacy .xls files with a minimal OLE compound-file writer.
 */
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import * as zlib from "node:zlib";
import ExcelJS from "exceljs";
import { bufferReader, entryDataStart, readCentralDirectory } from "../src/cli/zip-guard";
import {
  PROJECT_INDENT,
  SEED,
  renderPublished,
  renderStructured,
  renderUnrelated,
  newWorkbook,
  seedRows,
  type SheetRow,
} from "./build-seeds";

const CREATOR = "jixiao build-fixtures";

// ---------------------------------------------------------------------------------------------
// Zip: read (any zip) and write (deterministic)
// ---------------------------------------------------------------------------------------------

/** A package's parts in order: name → bytes (directories end with "/" and hold no bytes). */
export type Parts = Map<string, Buffer>;

export function unzipParts(zip: Buffer): Parts {
  const read = bufferReader(zip);
  const parts: Parts = new Map();
  for (const e of readCentralDirectory(read, zip.length, { maxEntries: 1_000_000 })) {
    const start = entryDataStart(read, e);
    const raw = zip.subarray(start, start + e.compressedSize);
    parts.set(e.name, e.method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw));
  }
  return parts;
}

export interface ZipItem {
  name: string;
  /** Uncompressed bytes (ignored when `deflated` is given). */
  data?: Buffer;
  /** 0 stored, 8 deflate (default 8; directories are always stored). */
  method?: number;
  /** Already-deflated data with its true size and CRC (for bombs built without ever holding the content). */
  deflated?: { bytes: Buffer; size: number; crc: number };
  /** Size written in the headers instead of the true one (a lying entry). */
  declaredSize?: number;
  /** General-purpose flags (bit 0 = encrypted); bit 11 (UTF-8 names) is added for non-ASCII names. */
  flags?: number;
  /** Method number written in the headers instead of the real one. */
  declaredMethod?: number;
}

/** 2024-01-15 00:00:00 in MS-DOS format. */
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 15;
const DOS_TIME = 0;

export function makeZip(items: readonly ZipItem[], opts: { zip64?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const item of items) {
    const name = Buffer.from(item.name, "utf8");
    const isDir = item.name.endsWith("/");
    let method = isDir ? 0 : (item.method ?? 8);
    let data: Buffer;
    let size: number;
    let crc: number;
    if (item.deflated) {
      method = 8;
      data = item.deflated.bytes;
      size = item.deflated.size;
      crc = item.deflated.crc;
    } else {
      const plain = item.data ?? Buffer.alloc(0);
      size = plain.length;
      crc = zlib.crc32(plain);
      data = method === 8 ? zlib.deflateRawSync(plain, { level: 9 }) : plain;
    }
    const declared = item.declaredSize ?? size;
    const flags = (item.flags ?? 0) | (/[^\x20-\x7e]/.test(item.name) ? 0x0800 : 0);
    const headerMethod = item.declaredMethod ?? method;
    const zip64 = opts.zip64 === true;
    // ZIP64 extra field: uncompressed, compressed, local header offset (central); the two sizes (local).
    const extraCentral = zip64 ? Buffer.alloc(4 + 24) : Buffer.alloc(0);
    const extraLocal = zip64 ? Buffer.alloc(4 + 16) : Buffer.alloc(0);
    if (zip64) {
      extraCentral.writeUInt16LE(0x0001, 0);
      extraCentral.writeUInt16LE(24, 2);
      extraCentral.writeBigUInt64LE(BigInt(declared), 4);
      extraCentral.writeBigUInt64LE(BigInt(data.length), 12);
      extraCentral.writeBigUInt64LE(BigInt(offset), 20);
      extraLocal.writeUInt16LE(0x0001, 0);
      extraLocal.writeUInt16LE(16, 2);
      extraLocal.writeBigUInt64LE(BigInt(declared), 4);
      extraLocal.writeBigUInt64LE(BigInt(data.length), 12);
    }
    const sat = (n: number): number => (zip64 ? 0xffffffff : n);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(zip64 ? 45 : 20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(headerMethod, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(sat(data.length), 18);
    local.writeUInt32LE(sat(declared), 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extraLocal.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(zip64 ? 45 : 20, 4);
    central.writeUInt16LE(zip64 ? 45 : 20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(headerMethod, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(sat(data.length), 20);
    central.writeUInt32LE(sat(declared), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extraCentral.length, 30);
    central.writeUInt32LE(isDir ? 0x10 : 0, 38);
    central.writeUInt32LE(sat(offset), 42);
    locals.push(local, name, extraLocal, data);
    centrals.push(central, name, extraCentral);
    offset += local.length + name.length + extraLocal.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (opts.zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(items.length), 24);
    rec.writeBigUInt64LE(BigInt(items.length), 32);
    rec.writeBigUInt64LE(BigInt(cd.length), 40);
    rec.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(rec, loc);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(opts.zip64 ? 0xffff : items.length, 8);
  eocd.writeUInt16LE(opts.zip64 ? 0xffff : items.length, 10);
  eocd.writeUInt32LE(opts.zip64 ? 0xffffffff : cd.length, 12);
  eocd.writeUInt32LE(opts.zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, cd, ...tail, eocd]);
}

function zipParts(parts: Parts, tweak: (item: ZipItem) => ZipItem = (i) => i, opts: { zip64?: boolean; method?: number } = {}): Buffer {
  return makeZip(
    [...parts].map(([name, data]) => tweak({ name, data, method: opts.method ?? 8 })),
    opts,
  );
}

/**
 * A deflate stream of `prefix + unit × times + suffix` made without holding the content: each piece is
 * compressed alone and ended with a full flush (byte-aligned, no back-references across pieces), so the unit's
 * compressed bytes can simply be repeated; an empty final block closes the stream.
 */
export function repeatDeflate(prefix: Buffer, unit: Buffer, times: number, suffix: Buffer): { bytes: Buffer; size: number; crc: number } {
  const piece = (b: Buffer): Buffer => zlib.deflateRawSync(b, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const u = piece(unit);
  const chunks = [piece(prefix)];
  for (let i = 0; i < times; i++) chunks.push(u);
  chunks.push(piece(suffix), Buffer.from([0x03, 0x00]));
  let crc = zlib.crc32(prefix);
  for (let i = 0; i < times; i++) crc = zlib.crc32(unit, crc);
  crc = zlib.crc32(suffix, crc);
  return { bytes: Buffer.concat(chunks), size: prefix.length + unit.length * times + suffix.length, crc };
}

// ---------------------------------------------------------------------------------------------
// OLE compound files (password-protected .xlsx, legacy .xls)
// ---------------------------------------------------------------------------------------------

/**
 * A minimal version-3 compound file (512-byte sectors, one FAT sector, one directory sector) holding up to three
 * streams of at least 4,096 bytes each (so all live in regular sectors, no mini stream).
 */
export function makeCompoundFile(streams: { name: string; data: Buffer }[]): Buffer {
  if (streams.length > 3) throw new Error("at most three streams");
  const SECTOR = 512;
  const ENDOFCHAIN = 0xfffffffe;
  const FREESECT = 0xffffffff;
  const FATSECT = 0xfffffffd;
  const padded = streams.map((s) => {
    if (s.data.length < 4096) throw new Error(`stream ${s.name} under 4096 bytes`);
    const n = Math.ceil(s.data.length / SECTOR);
    const buf = Buffer.alloc(n * SECTOR);
    s.data.copy(buf);
    return { ...s, sectors: n, buf };
  });
  const fat: number[] = [FATSECT, ENDOFCHAIN]; // sector 0 FAT, sector 1 directory
  const starts: number[] = [];
  for (const s of padded) {
    starts.push(fat.length);
    for (let i = 0; i < s.sectors; i++) fat.push(i === s.sectors - 1 ? ENDOFCHAIN : fat.length + 1);
  }
  if (fat.length > SECTOR / 4) throw new Error("streams too large for one FAT sector");
  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56); // mini stream cutoff
  header.writeUInt32LE(ENDOFCHAIN, 60);
  header.writeUInt32LE(ENDOFCHAIN, 68);
  header.writeUInt32LE(0, 76); // DIFAT[0] = sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREESECT, 76 + i * 4);
  const fatSector = Buffer.alloc(SECTOR, 0xff);
  fat.forEach((v, i) => fatSector.writeUInt32LE(v >>> 0, i * 4));
  const dir = Buffer.alloc(SECTOR);
  const entry = (i: number, name: string, type: number, left: number, right: number, child: number, start: number, size: number): void => {
    const at = i * 128;
    const n = Buffer.from(name + "\0", "utf16le");
    n.copy(dir, at);
    dir.writeUInt16LE(n.length, at + 64);
    dir.writeUInt8(type, at + 66);
    dir.writeUInt8(1, at + 67); // black
    dir.writeUInt32LE(left >>> 0, at + 68);
    dir.writeUInt32LE(right >>> 0, at + 72);
    dir.writeUInt32LE(child >>> 0, at + 76);
    dir.writeUInt32LE(start >>> 0, at + 116);
    dir.writeUInt32LE(size, at + 120);
  };
  // Siblings form a (degenerate) tree: the root's child is the last stream, each stream's left sibling the one before.
  const NOSTREAM = 0xffffffff;
  entry(0, "Root Entry", 5, NOSTREAM, NOSTREAM, padded.length, ENDOFCHAIN, 0);
  padded.forEach((s, k) => entry(k + 1, s.name, 2, k === 0 ? NOSTREAM : k, NOSTREAM, NOSTREAM, starts[k], s.data.length));
  for (let i = padded.length + 1; i < 4; i++) {
    dir.writeUInt32LE(NOSTREAM, i * 128 + 68);
    dir.writeUInt32LE(NOSTREAM, i * 128 + 72);
    dir.writeUInt32LE(NOSTREAM, i * 128 + 76);
  }
  return Buffer.concat([header, fatSector, dir, ...padded.map((s) => s.buf)]);
}

/** Deterministic pseudo-random bytes (mulberry32). */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

function encryptedWorkbook(): Buffer {
  // EncryptionInfo of an agile-encrypted workbook: version 4.4, flags 0x40, then the XML descriptor.
  const xml =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" ' +
    'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><keyData saltSize="16" blockSize="16" keyBits="256" ' +
    'hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="' +
    noise(16, 1).toString("base64") +
    '"/><keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password"><p:encryptedKey spinCount="100000" ' +
    'saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="' +
    noise(16, 2).toString("base64") +
    '"/></keyEncryptor></keyEncryptors></encryption>';
  const info = Buffer.alloc(4096, 0x20);
  info.writeUInt16LE(4, 0);
  info.writeUInt16LE(4, 2);
  info.writeUInt32LE(0x40, 4);
  Buffer.from(xml, "utf8").copy(info, 8);
  const pkg = Buffer.concat([Buffer.alloc(8), noise(8192, 3)]);
  pkg.writeBigUInt64LE(8192n, 0);
  return makeCompoundFile([
    { name: "EncryptionInfo", data: info },
    { name: "EncryptedPackage", data: pkg },
  ]);
}

function legacyXls(): Buffer {
  // A BIFF8 BOF record (workbook globals) followed by filler: enough for any tool to call it an .xls.
  const bof = Buffer.from([0x09, 0x08, 0x10, 0x00, 0x00, 0x06, 0x05, 0x00, 0xbb, 0x0d, 0xcc, 0x07, 0, 0, 0, 0, 0x06, 0x03, 0, 0]);
  const data = Buffer.alloc(4608);
  bof.copy(data);
  return makeCompoundFile([{ name: "Workbook", data }]);
}

// ---------------------------------------------------------------------------------------------
// Workbooks: the seed with one twist
// ---------------------------------------------------------------------------------------------

async function partsOf(wb: ExcelJS.Workbook): Promise<Parts> {
  return unzipParts(Buffer.from(await wb.xlsx.writeBuffer()));
}

async function pack(wb: ExcelJS.Workbook, edit?: (parts: Parts) => void): Promise<Buffer> {
  const parts = await partsOf(wb);
  edit?.(parts);
  return zipParts(parts);
}

/** Replace text in one part; fails loudly when the text is not there. */
function editPart(parts: Parts, name: string, edit: (xml: string) => string): void {
  const before = parts.get(name);
  if (!before) throw new Error(`no part ${name}`);
  const xml = before.toString("utf8");
  const after = edit(xml);
  if (after === xml) throw new Error(`edit of ${name} changed nothing`);
  parts.set(name, Buffer.from(after, "utf8"));
}

function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const re = typeof from === "string" ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "g") : new RegExp(from.source, "g");
  const hits = text.match(re)?.length ?? 0;
  if (hits !== 1) throw new Error(`replaceOnce: ${String(from)} occurs ${hits} times`);
  return text.replace(re, to);
}

const SHEET1 = "xl/worksheets/sheet1.xml";
const SST = "xl/sharedStrings.xml";

/** Rows of the published seed: 0 合计 (sheet row 4), 1 unit (5), 2..6 projects (6..10). */
function rows(mutate?: (r: SheetRow[]) => void): SheetRow[] {
  const r = seedRows();
  mutate?.(r);
  return r;
}

function seedBook(mutate?: (r: SheetRow[]) => void): ExcelJS.Workbook {
  const wb = renderPublished(rows(mutate));
  wb.creator = "jixiao build-fixtures";
  wb.lastModifiedBy = "jixiao build-fixtures";
  return wb;
}

function sheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.getWorksheet("绩效目标表");
  if (!ws) throw new Error("seed sheet missing");
  return ws;
}

/** Copy the seed sheet's values and merges into another worksheet of the same workbook. */
function copySheet(from: ExcelJS.Worksheet, to: ExcelJS.Worksheet): void {
  from.eachRow({ includeEmpty: false }, (row, r) =>
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      to.getCell(r, c).value = cell.value;
    }),
  );
  const merges = (from.model as { merges?: string[] }).merges ?? [];
  for (const m of merges) to.mergeCells(m);
  from.columns.forEach((col, i) => (to.getColumn(i + 1).width = col.width));
}

/** Indicator text of one project, built from the seed's indicators, exactly `length` characters long. */
function longIndicators(length: number): string {
  let text = "";
  let n = 0;
  for (;;) {
    n++;
    const item = `${n}、1-产出指标；11-数量指标；规划成果数量第${n}项；实施周期指标值:${n}个；年度指标值:${n}个。`;
    if (text.length + item.length > length) break;
    text += item;
  }
  // Pad inside the last item's 三级 name so the text stays well formed.
  const missing = length - text.length;
  const at = text.lastIndexOf("项；实施周期");
  return text.slice(0, at) + "项".repeat(missing) + text.slice(at);
}

const TRADITIONAL: Record<string, string> = Object.fromEntries(
  [
    "产產", "标標", "数數", "质質", "时時", "满滿", "务務", "对對", "会會", "经經", "济濟", "态態", "护護", "规規", "划劃", "实實",
    "现現", "项項", "编編", "员員", "发發", "补補", "偿償", "级級", "个個", "条條", "过過", "审審", "评評", "费費", "资資", "单單",
    "库庫", "据據", "测測", "验驗", "术術", "绩績", "业業", "导導", "设設", "计計", "开開", "关關", "问問", "题題", "报報", "总總",
    "体體", "为為", "动動", "区區", "与與", "专專", "门門", "进進", "环環", "续續", "长長", "议議", "争爭", "劳勞", "编編", "辅輔",
    "运運", "构構", "机機", "时時", "间間", "国國", "广廣", "州州", "转轉", "拨撥", "户戶", "层層", "剥剝", "离離", "复復", "垦墾",
    "卫衛", "临臨", "督督", "严嚴", "务務", "乡鄉", "镇鎮", "农農", "宅宅", "优優", "维維", "据據", "库庫", "网網", "则則", "建建",
    "议議", "析析", "估估", "况況", "态態", "提提", "层層", "级級", "线線", "图圖", "册冊", "档檔", "证證", "质質", "量量",
  ].map((p) => [p[0], p[1]]),
);

function toTraditional(s: string): string {
  let out = "";
  for (const ch of s) out += TRADITIONAL[ch] ?? ch;
  return out;
}

/** Placeholders that exceljs writes as plain text and the builder then turns into Excel's `_xHHHH_` escapes. */
const ESC = "⟦ESC⟧";
const NUL = "⟦NUL⟧";
const BEL = "⟦BEL⟧";
const BS = "⟦BS⟧";
const HIGH = "⟦D83D⟧"; // a high surrogate with no low one after it
const LOW = "⟦DC00⟧"; // a low surrogate with no high one before it
const CR = "⟦CR⟧";

function escapeControls(xml: string): string {
  return xml
    .replaceAll(ESC, "_x001B_")
    .replaceAll(NUL, "_x0000_")
    .replaceAll(BEL, "_x0007_")
    .replaceAll(BS, "_x0008_")
    .replaceAll(HIGH, "_xD83D_")
    .replaceAll(LOW, "_xDC00_")
    .replaceAll(CR, "_x000D_");
}

/** A sheet XML document (default namespaces) around `sheetData` content. */
function sheetXml(sheetData: string, extra = "", dimension = ""): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    (dimension ? `<dimension ref="${dimension}"/>` : "") +
    `<sheetData>${sheetData}</sheetData>${extra}</worksheet>`
  );
}

/** The seed's sheet rows 1–10 as inline-string XML cells (no sharedStrings), with or without `r` attributes. */
function seedSheetData(opts: { withRefs: boolean; prefix?: string }): string {
  const p = opts.prefix ?? "";
  const grid: (string | number | null)[][] = [
    [SEED.title],
    [SEED.unitLine],
    ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"],
    ...seedRows().map((r) => [r.name, r.amounts.total, r.amounts.fiscal, r.amounts.specialAccount, r.amounts.other, r.goal, r.indicators] as (string | number | null)[]),
  ];
  const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return grid
    .map((row, i) => {
      const cells = row
        .map((v, j) => {
          if (v === null || v === "" || (typeof v === "object" && v !== null)) return "";
          const ref = opts.withRefs ? ` r="${String.fromCharCode(65 + j)}${i + 1}"` : "";
          if (typeof v === "number") return `<${p}c${ref}><${p}v>${v}</${p}v></${p}c>`;
          const space = /^\s|\s$/.test(v) ? ' xml:space="preserve"' : "";
          return `<${p}c${ref} t="inlineStr"><${p}is><${p}t${space}>${esc(v)}</${p}t></${p}is></${p}c>`;
        })
        .join("");
      return `<${p}row${opts.withRefs ? ` r="${i + 1}"` : ""}>${cells}</${p}row>`;
    })
    .join("");
}

// ---------------------------------------------------------------------------------------------
// The corpus
// ---------------------------------------------------------------------------------------------

export interface FixtureDef {
  file: string;
  /** What the file is (README). */
  what: string;
  /** What the command line does with it (README; tests/cli/hostile.test.ts asserts it). */
  outcome: string;
  build: () => Buffer | Promise<Buffer>;
}

/** 1 MiB less a byte of one 3-byte character: deflate codes a run with a distance of 3 in about 2 bits per 258 bytes. */
const BOMB_UNIT = Buffer.from("指".repeat(349_525), "utf8");

async function bomb(times: number, declaredSize?: number): Promise<Buffer> {
  const parts = await partsOf(seedBook());
  const prefix = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      parts.get(SST)!.toString("utf8").replace(/^[\s\S]*?<sst[^>]*>/, "").replace(/<\/sst>\s*$/, ""),
    "utf8",
  );
  // One more shared string, huge: "指" repeated.
  const deflated = repeatDeflate(Buffer.concat([prefix, Buffer.from("<si><t>", "utf8")]), BOMB_UNIT, times, Buffer.from("</t></si></sst>", "utf8"));
  return zipParts(parts, (item) =>
    item.name === SST ? { name: item.name, deflated, ...(declaredSize !== undefined ? { declaredSize } : {}) } : item,
  );
}

export const FIXTURES: FixtureDef[] = [
  // ----- not a workbook at all -----
  {
    file: "empty-file.xlsx",
    what: "0 bytes (an interrupted download or copy)",
    outcome: "exit 2: not an .xlsx file (not a zip archive)",
    build: () => Buffer.alloc(0),
  },
  {
    file: "html-saved-as-xlsx.xlsx",
    what: "an HTML table with a <script>, as web systems export \"Excel\" files",
    outcome: "exit 2: not an .xlsx file (not a zip archive)",
    build: () =>
      Buffer.from(
        '<html><head><meta charset="utf-8"><script>alert("x")</script></head><body><table><tr><td>项目名称</td><td>绩效指标</td></tr>' +
          "<tr><td>机构运行辅助经费</td><td>1、1-产出指标；11-数量指标；补偿人员人数；实施周期指标值:6人；年度指标值:6人。</td></tr></table></body></html>\n",
        "utf8",
      ),
  },
  {
    file: "csv-renamed.xlsx",
    what: "a CSV file renamed to .xlsx",
    outcome: "exit 2: not an .xlsx file (not a zip archive)",
    build: () => Buffer.from("\ufeff项目名称,总计,绩效指标\n机构运行辅助经费,35.08,1、1-产出指标\n", "utf8"),
  },
  {
    file: "encrypted-password.xlsx",
    what: "a password-protected workbook: an OLE compound file with EncryptionInfo and EncryptedPackage streams",
    outcome: "exit 2: the workbook is password-protected (encrypted)",
    build: encryptedWorkbook,
  },
  {
    file: "legacy-xls-renamed.xlsx",
    what: "a legacy .xls (OLE compound file with a BIFF8 Workbook stream) renamed to .xlsx",
    outcome: "exit 2: a legacy .xls file, save it as .xlsx",
    build: legacyXls,
  },
  // ----- broken or hostile zips -----
  {
    file: "truncated-zip.xlsx",
    what: "the seed workbook cut off after 60% of its bytes (no central directory)",
    outcome: "exit 2: corrupt or truncated (no zip central directory found)",
    build: async () => {
      const whole = zipParts(await partsOf(seedBook()), undefined, { method: 0 });
      return whole.subarray(0, Math.floor(whole.length * 0.6));
    },
  },
  {
    file: "zip-central-directory-out-of-range.xlsx",
    what: "a zip whose end record points its central directory past the end of the file",
    outcome: "exit 2: corrupt or truncated (central directory runs past the end)",
    build: async () => {
      const whole = zipParts(await partsOf(seedBook()), undefined, { method: 0 });
      const eocd = whole.length - 22;
      whole.writeUInt32LE(whole.length + 1000, eocd + 16);
      return whole;
    },
  },
  {
    file: "zip-bomb-shared-strings.xlsx",
    what: "the seed with a 1.2 GB xl/sharedStrings.xml (honest sizes) in a ~1.2 MB file",
    outcome: "exit 2: 1.2 GB once unzipped, more than the 256 MB limit (largest part xl/sharedStrings.xml); --max-unzipped-mb",
    build: () => bomb(1229),
  },
  {
    file: "zip-bomb-lying-size.xlsx",
    what: "a 300 MB xl/sharedStrings.xml whose headers claim 150 KB",
    outcome: "exit 2: zip bomb (xl/sharedStrings.xml inflates to more than it records)",
    build: () => bomb(300, 150 * 1024),
  },
  {
    file: "zip-impossible-ratio.xlsx",
    what: "xl/sharedStrings.xml declares a size no deflate stream of its length can produce (> 1032:1)",
    outcome: "exit 2: zip bomb (declared compression ratio beyond deflate)",
    build: async () => {
      const parts = await partsOf(seedBook());
      const sst = parts.get(SST)!;
      const compressed = zlib.deflateRawSync(sst, { level: 9 }).length;
      return zipParts(parts, (item) => (item.name === SST ? { ...item, declaredSize: compressed * 2000 } : item));
    },
  },
  {
    file: "zip-many-entries.xlsx",
    what: "the seed plus 10,001 tiny customXml entries",
    outcome: "exit 2: more than 10,000 zip entries",
    build: async () => {
      const parts = await partsOf(seedBook());
      for (let i = 1; i <= 10_001; i++) parts.set(`customXml/item${i}.xml`, Buffer.from("<a/>"));
      return zipParts(parts, (item) => (item.name.startsWith("customXml/") ? { ...item, method: 0 } : item));
    },
  },
  {
    file: "zip-encrypted-entry.xlsx",
    what: "xl/workbook.xml flagged as encrypted at the zip level (traditional PKWARE encryption)",
    outcome: "exit 2: zip entry xl/workbook.xml is encrypted",
    build: async () => zipParts(await partsOf(seedBook()), (item) => (item.name === "xl/workbook.xml" ? { ...item, flags: 0x0001 } : item)),
  },
  {
    file: "zip-unsupported-method.xlsx",
    what: "xl/sharedStrings.xml recorded with compression method 12 (bzip2)",
    outcome: "exit 2: corrupt (unsupported compression method 12)",
    build: async () => zipParts(await partsOf(seedBook()), (item) => (item.name === SST ? { ...item, declaredMethod: 12 } : item)),
  },
  {
    file: "zip64-records.xlsx",
    what: "the seed written with ZIP64 end records and ZIP64 extra fields on every entry (as some libraries always do)",
    outcome: "checked like the seed: 4 warnings",
    build: async () => zipParts(await partsOf(seedBook()), undefined, { zip64: true }),
  },
  {
    file: "zip-trailing-garbage.xlsx",
    what: "the seed with 4 KB of bytes appended after the end record (mail gateways, download managers)",
    outcome: "checked like the seed: 4 warnings",
    build: async () => Buffer.concat([zipParts(await partsOf(seedBook())), noise(4096, 7)]),
  },
  {
    file: "zip-not-a-workbook.xlsx",
    what: "a valid zip of a text file and a CSV, renamed to .xlsx",
    outcome: "exit 2: no target table (the workbook has no worksheet)",
    build: () =>
      makeZip([
        { name: "说明.txt", data: Buffer.from("本压缩包含绩效目标表的CSV版本。\n", "utf8") },
        { name: "data/绩效目标表.csv", data: Buffer.from("项目名称,总计,绩效指标\n机构运行辅助经费,35.08,1、1-产出指标\n", "utf8") },
      ]),
  },
  // ----- broken or hostile XML -----
  {
    file: "xml-billion-laughs.xlsx",
    what: "xl/sharedStrings.xml with a DOCTYPE of nested entities (\"billion laughs\")",
    outcome: "exit 2: corrupt, the XML is malformed (the parser does not expand DTD entities: \"undefined entity\")",
    build: () =>
      pack(seedBook(), (parts) =>
        editPart(parts, SST, (xml) => {
          let dtd = '<!DOCTYPE sst [<!ENTITY lol "lol">';
          for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`;
          dtd += "]>";
          return xml.replace("?>\n<sst", `?>\n${dtd}<sst`).replace("<si><t>合计</t></si>", "<si><t>&lol9;</t></si>");
        }),
      ),
  },
  {
    file: "xml-truncated-sheet.xlsx",
    what: "a valid zip whose xl/worksheets/sheet1.xml stops in the middle of a tag",
    outcome: "exit 2: corrupt or laid out in a way that cannot be read: a worksheet's content could not be parsed",
    build: () =>
      pack(seedBook(), (parts) => editPart(parts, SHEET1, (xml) => xml.slice(0, Math.floor(xml.length * 0.55)))),
  },
  {
    file: "xml-raw-control-bytes.xlsx",
    what: "raw 0x01 and 0x1B bytes inside <t> elements (not allowed in XML 1.0; some generators write them)",
    outcome: "exit 2: corrupt, the XML is malformed (\"disallowed character\", line and column given)",
    build: () =>
      pack(seedBook(), (parts) =>
        editPart(parts, SST, (xml) => replaceOnce(xml, "<t>合计</t>", "<t>合\x01计\x1b[2J</t>")),
      ),
  },
  {
    file: "xml-namespace-prefixes.xlsx",
    what: "the seed sheet written with an x: namespace prefix on every element (as the Open XML SDK can)",
    outcome: "exit 2: a worksheet's content could not be parsed (exceljs does not read prefixed elements)",
    build: () =>
      pack(seedBook(), (parts) => {
        parts.set(
          SHEET1,
          Buffer.from(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
              `<x:sheetData>${seedSheetData({ withRefs: true, prefix: "x:" })}</x:sheetData></x:worksheet>`,
            "utf8",
          ),
        );
      }),
  },
  {
    file: "inline-strings.xlsx",
    what: "the seed with every text as an inline string (t=\"inlineStr\") and no shared strings, as many generators write",
    outcome: "checked like the seed: 4 warnings",
    build: () => pack(seedBook(), (parts) => parts.set(SHEET1, Buffer.from(sheetXml(seedSheetData({ withRefs: true }), "", "A1:G10"), "utf8"))),
  },
  {
    file: "cells-without-refs.xlsx",
    what: "rows and cells with no r attributes (optional in the format; positions are implied)",
    outcome: "exit 2: rows without row numbers cannot be read (an exceljs limitation); open in Excel and save again",
    build: () => pack(seedBook(), (parts) => parts.set(SHEET1, Buffer.from(sheetXml(seedSheetData({ withRefs: false })), "utf8"))),
  },
  {
    file: "duplicate-cells.xlsx",
    what: "row 6 holds cell B6 twice (35.08, then 99) and its cells out of order",
    outcome: "the later B6 (99) wins: errors at B5 and B6, totals no longer add up",
    build: () =>
      pack(seedBook(), (parts) =>
        editPart(parts, SHEET1, (xml) => xml.replace(/(<row r="6"[^>]*>)([\s\S]*?)(<\/row>)/, (_m, open: string, cells: string, close: string) => {
          const list = cells.match(/<c [\s\S]*?(?:\/>|<\/c>)/g) ?? [];
          return open + [...list].reverse().join("") + '<c r="B6"><v>99</v></c>' + close;
        })),
      ),
  },
  {
    file: "cells-2-million.xlsx",
    what: "a second sheet of 2,100,000 empty styled cells (the cell elements compress to almost nothing)",
    outcome: "exit 2: more than 2,000,000 cells (counted before loading, naming xl/worksheets/sheet2.xml); --max-cells",
    build: async () => {
      const wb = seedBook();
      wb.addWorksheet("格式");
      const parts = await partsOf(wb);
      const row = '<c s="0"/>'.repeat(100);
      const rowsXml: string[] = [];
      for (let r = 1; r <= 21_000; r++) rowsXml.push(`<row r="${r}">${row}</row>`);
      parts.set("xl/worksheets/sheet2.xml", Buffer.from(sheetXml(rowsXml.join("")), "utf8"));
      return zipParts(parts);
    },
  },
  // ----- no table -----
  {
    file: "empty-workbook.xlsx",
    what: "a workbook with no worksheet at all",
    outcome: "exit 2: no target table (the workbook has no worksheet)",
    build: () => pack(newWorkbook(CREATOR)),
  },
  {
    file: "empty-sheet.xlsx",
    what: "one empty worksheet",
    outcome: "exit 2: no target table (sheets looked at: Sheet1)",
    build: () => {
      const wb = newWorkbook(CREATOR);
      wb.addWorksheet("Sheet1");
      return pack(wb);
    },
  },
  {
    file: "no-header.xlsx",
    what: "a contents page and a budget sheet, neither with 项目名称 + 绩效指标 headers",
    outcome: "exit 2: no target table, naming both sheets (说明, 预算表)",
    build: () => {
      const wb = renderUnrelated();
      wb.creator = "jixiao build-fixtures";
      wb.lastModifiedBy = "jixiao build-fixtures";
      const ws = wb.addWorksheet("预算表");
      ws.addRow(["项目", "金额（万元）", "备注"]);
      for (const r of seedRows().slice(2)) ws.addRow([r.name.trim(), r.amounts.total, ""]);
      return pack(wb);
    },
  },
  {
    file: "header-only.xlsx",
    what: "title, unit line and header, no data rows",
    outcome: "exit 0: a table with 0 projects and no findings",
    build: () => pack(renderPublished([])),
  },
  {
    file: "traditional-header.xlsx",
    what: "the seed written entirely in traditional characters, header included (項目名稱…, 績效指標)",
    outcome: "exit 2: no target table (the header is matched in simplified characters only)",
    build: () =>
      pack(seedBook(), (parts) => editPart(parts, SST, (xml) => toTraditional(xml))),
  },
  // ----- sheets: several, hidden -----
  {
    file: "two-candidate-sheets.xlsx",
    what: "two sheets with a target table: 2024年 (the seed) and 2024年（修订） (a total off by 0.01)",
    outcome: "the first visible table sheet is checked (2024年): 4 warnings; the report names the other (--sheet checks it)",
    build: () => {
      const wb = seedBook();
      sheet(wb).name = "2024年";
      const second = wb.addWorksheet("2024年（修订）");
      copySheet(sheet2024(wb), second);
      second.getCell("B6").value = 35.09;
      return pack(wb);
    },
  },
  {
    file: "hidden-table-sheet.xlsx",
    what: "a visible cover sheet and the table on a hidden sheet",
    outcome: "the hidden sheet is checked (4 warnings) and the report says it is hidden",
    build: () => {
      const wb = newWorkbook(CREATOR);
      const cover = wb.addWorksheet("封面");
      cover.getCell("A1").value = "2024年部门预算公开";
      const table = wb.addWorksheet("绩效目标表");
      copySheet(sheet(seedBook()), table);
      table.state = "hidden";
      return pack(wb);
    },
  },
  {
    file: "very-hidden-first.xlsx",
    what: "a veryHidden sheet with an older table (an error in B6) before the visible table",
    outcome: "the visible table is checked (4 warnings); the veryHidden one is listed as hidden",
    build: () => {
      const wb = newWorkbook(CREATOR);
      const old = wb.addWorksheet("旧表");
      copySheet(sheet(seedBook()), old);
      old.getCell("B6").value = 1;
      old.state = "veryHidden";
      const table = wb.addWorksheet("绩效目标表");
      copySheet(sheet(seedBook()), table);
      return pack(wb);
    },
  },
  {
    file: "hidden-rows.xlsx",
    what: "project rows 7 and 8 hidden, row 8's total off by 0.01",
    outcome: "hidden rows are checked: errors at B7 (row total) and B5 (unit sum)",
    build: () => {
      const wb = seedBook((r) => (r[3].amounts.total = (r[3].amounts.total as number) + 0.01));
      sheet(wb).getRow(7).hidden = true;
      sheet(wb).getRow(8).hidden = true;
      return pack(wb);
    },
  },
  // ----- merges -----
  {
    file: "merged-header-into-data.xlsx",
    what: "A3:A4 merged (the 项目名称 header swallows the 合计 label) and F3:F5 merged (绩效目标 header over data rows)",
    outcome: "error at A4 (the 合计 row has amounts but no name); the rest as the seed",
    build: () => {
      const wb = seedBook();
      const ws = sheet(wb);
      ws.mergeCells("A3:A4");
      ws.mergeCells("F3:F5");
      return pack(wb);
    },
  },
  {
    file: "merged-across-projects.xlsx",
    what: "B6:B7 merged (one total over two projects) and G8:G9 merged (one 绩效指标 cell for two projects)",
    outcome: "errors at B5 and B7 (a total is missing) and G9 (no indicators)",
    build: () => {
      const wb = seedBook();
      const ws = sheet(wb);
      ws.mergeCells("B6:B7");
      ws.mergeCells("G8:G9");
      return pack(wb);
    },
  },
  {
    file: "merged-huge-area.xlsx",
    what: "one merge over H1:XFD1048576 (17 billion cells)",
    outcome: "exit 2: more than 2,000,000 cells (merged areas count); refused before exceljs would try to create them",
    build: () =>
      pack(seedBook(), (parts) =>
        editPart(parts, SHEET1, (xml) =>
          xml.replace(/<mergeCells count="(\d+)">/, (_m, n: string) => `<mergeCells count="${Number(n) + 1}"><mergeCell ref="H1:XFD1048576"/>`),
        ),
      ),
  },
  {
    file: "merged-whole-column.xlsx",
    what: "H1:H1048576 merged (a whole column, written straight into the XML)",
    outcome: "checked like the seed: 4 warnings (exceljs creates the million merged cells: slow, ~1 GB)",
    build: () =>
      pack(seedBook(), (parts) =>
        editPart(parts, SHEET1, (xml) =>
          xml.replace(/<mergeCells count="(\d+)">/, (_m, n: string) => `<mergeCells count="${Number(n) + 1}"><mergeCell ref="H1:H1048576"/>`),
        ),
      ),
  },
  // ----- values -----
  {
    file: "formula-error-results.xlsx",
    what: "amount formulas whose cached results are #VALUE! (B6), #REF! (C7) and #DIV/0! (B8)",
    outcome: "errors at B6, C7 and B8 naming the error values",
    build: () => {
      const wb = seedBook();
      const ws = sheet(wb);
      ws.getCell("B6").value = { formula: "C6+D6+E6+\"x\"", result: { error: "#VALUE!" } } as ExcelJS.CellFormulaValue;
      ws.getCell("C7").value = { formula: "#REF!+1", result: { error: "#REF!" } } as ExcelJS.CellFormulaValue;
      ws.getCell("B8").value = { formula: "C8/0", result: { error: "#DIV/0!" } } as ExcelJS.CellFormulaValue;
      return pack(wb);
    },
  },
  {
    file: "formula-no-cached-result.xlsx",
    what: "the 合计 total (B4) and a project total (B6) as formulas with no cached result (never recalculated)",
    outcome: "findings at B4 and B6: the amounts read as blank",
    build: () => {
      const wb = seedBook();
      const ws = sheet(wb);
      ws.getCell("B4").value = { formula: "SUM(B6:B10)" } as ExcelJS.CellFormulaValue;
      ws.getCell("B6").value = { formula: "C6+D6+E6" } as ExcelJS.CellFormulaValue;
      return pack(wb);
    },
  },
  {
    file: "error-values-in-text-cells.xlsx",
    what: "#N/A in a 绩效指标 cell (G9) and #NAME? in a 绩效目标 cell (F9)",
    outcome: "errors at G9 (the indicator \"#N/A\" has no parts); #NAME? in the goal is not checked",
    build: () => {
      const wb = seedBook();
      const ws = sheet(wb);
      ws.getCell("G9").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      ws.getCell("F9").value = { formula: "VLOOKUP(A9,目标!A:B,2,0)", result: { error: "#NAME?" } } as ExcelJS.CellFormulaValue;
      return pack(wb);
    },
  },
  {
    file: "amounts-text-thousands.xlsx",
    what: "amounts stored as text with thousands separators: \"1,234.56\" style (B4, C4, B5, C5)",
    outcome: "errors at B4, C4, B5, C5 (unparsable text amounts and sums off by 1,000), warnings for text amounts",
    build: () =>
      pack(
        seedBook((r) => {
          r[0].amounts.total = "333.81";
          r[0].amounts.fiscal = "3,33.81";
          r[1].amounts.total = "1,333.81";
          r[1].amounts.fiscal = "333,81";
        }),
      ),
  },
  {
    file: "amounts-text-fullwidth.xlsx",
    what: "amounts as text in full-width digits: \"３５．０８\" (B6, C6)",
    outcome: "warnings at B6 and C6: amounts stored as text",
    build: () =>
      pack(
        seedBook((r) => {
          r[2].amounts.total = "３５．０８";
          r[2].amounts.fiscal = "３５.０８";
        }),
      ),
  },
  {
    file: "amounts-text-currency.xlsx",
    what: "amounts as text with currency signs and units: \"¥35.08\", \"￥215.62\", \"58.6万元\", \"RMB 10\"",
    outcome: "warnings at B6, B7, B8 and B9: amounts stored as text, the number suggested",
    build: () =>
      pack(
        seedBook((r) => {
          r[2].amounts.total = "¥35.08";
          r[3].amounts.total = "￥215.62";
          r[4].amounts.total = `${r[4].amounts.total}万元`;
          r[5].amounts.total = `RMB ${r[5].amounts.total}`;
        }),
      ),
  },
  {
    file: "amounts-text-spaces.xlsx",
    what: "amounts as text with trailing, no-break and ideographic spaces: \"35.08 \", \"\\u00a035.08\", \"35.08\\u3000\"",
    outcome: "warnings at B6, C6 and B7: amounts stored as text",
    build: () =>
      pack(
        seedBook((r) => {
          r[2].amounts.total = "35.08 ";
          r[2].amounts.fiscal = "\u00a035.08";
          r[3].amounts.total = `${r[3].amounts.total}\u3000`;
        }),
      ),
  },
  {
    file: "amounts-extreme-numbers.xlsx",
    what: "amount cells holding 1E+308, -0, 1E-300 and an unparsable <v>NaN</v> and <v>1e999</v>",
    outcome: "errors at B6 (1E+308 ≠ 0 + 0 + 0), B7 (NaN), C7 (Infinity) and B8 (1E-300 ≠ 1.54); no crash",
    build: () =>
      pack(seedBook(), (parts) =>
        editPart(parts, SHEET1, (xml) => {
          let out = xml;
          const setV = (cell: string, v: string): void => {
            out = replaceOnce(out, new RegExp(`<c r="${cell}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`), `<c r="${cell}"$1><v>${v}</v></c>`.replace(/ t="s"/, ""));
          };
          setV("B6", "1E+308");
          setV("C6", "-0");
          setV("B7", "NaN");
          setV("C7", "1e999");
          setV("B8", "1E-300");
          return out;
        }),
      ),
  },
  {
    file: "amounts-dates-and-booleans.xlsx",
    what: "a date (B6, formatted yyyy-mm-dd) and TRUE (C6) where amounts belong",
    outcome: "errors at B6 and C6: not a number",
    build: () => {
      const wb = seedBook();
      const ws = sheet(wb);
      ws.getCell("B6").value = new Date(Date.UTC(2024, 0, 31));
      ws.getCell("B6").numFmt = "yyyy-mm-dd";
      ws.getCell("C6").value = true;
      return pack(wb);
    },
  },
  // ----- text -----
  {
    file: "indicator-32767-chars.xlsx",
    what: "every project's 绩效指标 cell exactly 32,767 characters (Excel's limit), ~570 indicators each",
    outcome: "errors and warnings at G6–G10 (603 indicators each, none 效益 or 满意度), in seconds",
    build: () =>
      pack(
        seedBook((r) => {
          for (const p of r.slice(2)) p.indicators = longIndicators(32_767);
        }),
      ),
  },
  {
    file: "indicator-over-limit.xlsx",
    what: "one 绩效指标 cell (G6) of 200,000 characters: more than Excel allows, still a valid file",
    outcome: "error and warning at G6 (3,464 indicators, none 效益 or 满意度), in seconds",
    build: () =>
      pack(
        seedBook((r) => {
          r[2].indicators = longIndicators(200_000);
        }),
      ),
  },
  {
    file: "control-characters.xlsx",
    what: "Excel's _xHHHH_ escapes for ESC[2J, NUL, BEL, BS, CR and lone surrogates (U+D83D, U+DC00) in names and indicators",
    outcome: "warnings as the seed; the text report shows the characters escaped (\\x1B, \\uD83D), JSON stays valid",
    build: () =>
      pack(
        seedBook((r) => {
          r[2].name = `${PROJECT_INDENT}机构运行${ESC}[2J${ESC}[31m辅助经费${BEL}`;
          r[2].indicators = r[2].indicators.replace("补偿发放及时率", `补偿${NUL}发放及时率${BS}`);
          r[3].name = `${PROJECT_INDENT}耕地保护${HIGH}和国土空间规划经费${LOW}`;
          r[3].indicators = r[3].indicators.replace("00-专家评审通过率", `00-专家评审通过率${CR}${ESC}]0;pwned${BEL}`);
        }),
        (parts) => editPart(parts, SST, escapeControls),
      ),
  },
  {
    file: "traditional-characters.xlsx",
    what: "simplified header, every indicator and name in traditional characters (產出指標；數量指標…)",
    outcome: "warnings at G6–G10: traditional 一级/二级 names are not the profile's",
    build: () =>
      pack(
        seedBook((r) => {
          for (const p of r.slice(1)) {
            p.name = toTraditional(p.name);
            p.goal = toTraditional(p.goal);
            p.indicators = toTraditional(p.indicators);
          }
        }),
      ),
  },
  {
    file: "rtl-and-emoji.xlsx",
    what: "right-to-left text (Arabic, Hebrew, U+202E RIGHT-TO-LEFT OVERRIDE) and emoji (ZWJ sequences, flags) in names, goals and indicators",
    outcome: "checked like the seed: 4 warnings; names shown with the override escaped",
    build: () =>
      pack(
        seedBook((r) => {
          r[2].name = `${PROJECT_INDENT}机构运行辅助经费 📊👨‍👩‍👧`;
          r[3].name = `${PROJECT_INDENT}\u202e费经划规间空土国和护保地耕`;
          r[4].goal = `مشروع تخطيط — תכנון 🇨🇳 ${r[4].goal}`;
          r[2].indicators = r[2].indicators.replace("补偿发放及时率", "补偿发放及时率😀").replace("编外人员满意度", "编外人员满意度 \u05e9\u05d1\u05d9\u05e2\u05d5\u05ea");
        }),
      ),
  },
  {
    file: "html-and-script.xlsx",
    what: "<script>, <img onerror> and HTML entities in a name, a goal and an indicator",
    outcome: "findings at G8 (a 一级 name starting with <b …>, a 5th indicator \"&lt\"); text reported as text",
    build: () =>
      pack(
        seedBook((r) => {
          r[2].name = `${PROJECT_INDENT}<script>alert("xss")</script>机构运行辅助经费`;
          r[3].goal = `<img src=x onerror="alert(1)">${r[3].goal}`;
          r[4].indicators = r[4].indicators.replace(/^1、/, '1、<b onmouseover="alert(2)">') + "&lt;/b&gt;&amp;";
        }),
      ),
  },
  {
    file: "sheet-name-emoji-quote.xlsx",
    what: "the table sheet named 绩效目标表’2024 📊 (a quote and an emoji)",
    outcome: "checked like the seed: 4 warnings, the sheet named in the report",
    build: () => {
      const wb = seedBook();
      sheet(wb).name = "绩效目标表'2024 📊";
      return pack(wb);
    },
  },
  {
    file: "existing-notes.xlsx",
    what: "the seed with the author's own notes on G7 and A6",
    outcome: "checked like the seed: 4 warnings; --annotate keeps the author's note on G7 (a faulty cell) above its own in the copy, and A6's untouched",
    build: () => {
      const wb = seedBook();
      sheet(wb).getCell("G7").note = "请核对：专家评审通过率的编码";
      sheet(wb).getCell("A6").note = "财务科 2024-01-10";
      return pack(wb);
    },
  },
  // ----- size and shape -----
  {
    file: "used-range-1048576-rows.xlsx",
    what: "a footnote in A1048576 (the last row): the used range spans all 1,048,576 rows, almost all empty",
    outcome: "checked in about a second: 4 warnings (the footnote row is read, long empty gaps cost nothing)",
    build: () => {
      const wb = seedBook();
      sheet(wb).getCell("A1048576").value = "注：本表金额单位为万元。";
      return pack(wb);
    },
  },
  {
    file: "styled-rows-to-1048576.xlsx",
    what: "every row down to 1,048,576 present as a formatted empty <row> (formatting filled down to the bottom)",
    outcome: "checked like the seed: 4 warnings (exceljs makes a million row objects: ~10–20 s, under 1 GB)",
    build: () =>
      pack(seedBook(), (parts) =>
        editPart(parts, SHEET1, (xml) => {
          const rowsXml: string[] = [];
          for (let r = 11; r <= 1_048_576; r++) rowsXml.push(`<row r="${r}" s="1" customFormat="1"/>`);
          return xml.replace("</sheetData>", rowsXml.join("") + "</sheetData>").replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:G1048576"/>');
        }),
      ),
  },
  {
    file: "cell-at-xfd1048576.xlsx",
    what: "a value in XFD1048576, the last cell of the sheet (16,384 columns × 1,048,576 rows used range)",
    outcome: "checked in about a second: 4 warnings",
    build: () => {
      const wb = seedBook();
      sheet(wb).getCell("XFD1048576").value = "end";
      return pack(wb);
    },
  },
  {
    file: "structured-hidden-merged.xlsx",
    what: "the structured (one row per indicator) seed with indicator rows 7–8 hidden and a wrong 二级 name in a hidden row",
    outcome: "warning at H8, the hidden row's 二级 cell; the rest as the structured seed",
    build: () => {
      const wb = renderStructured(seedRows(), { edits: [[8, "H", "15-成本指标"]] });
      wb.creator = "jixiao build-fixtures";
      wb.lastModifiedBy = "jixiao build-fixtures";
      const ws = wb.getWorksheet("绩效目标表")!;
      ws.getRow(7).hidden = true;
      ws.getRow(8).hidden = true;
      return pack(wb);
    },
  },
];

function sheet2024(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.getWorksheet("2024年");
  if (!ws) throw new Error("sheet 2024年 missing");
  return ws;
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

export function readme(): string {
  const lines = [
    "# Hostile-input corpus",
    "",
    "Built by `npm run fixtures` (scripts/build-fixtures.ts); do not edit by hand. Each file is the seed table",
    "(seeds/guangzhou-land-planning-2024.json) with one hostile twist, or a file posing as a workbook.",
    "tests/cli/hostile.test.ts runs the command line on every file and asserts the outcome below: either findings",
    "or one clear message naming the file (exit 2), never a crash, a hang or running out of memory.",
    "",
    "Limits that apply (see `jixiao --help`): 256 MB uncompressed (`--max-unzipped-mb`), 10,000 zip entries,",
    "2,000,000 cells per workbook (`--max-cells`).",
    "",
    "| file | what it is | what the command line does |",
    "| --- | --- | --- |",
  ];
  const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  for (const f of FIXTURES) lines.push(`| \`${f.file}\` | ${cell(f.what)} | ${cell(f.outcome)} |`);
  return lines.join("\n") + "\n";
}

/** Writes every fixture and README.md into `outDir` (removing .xlsx files no longer in the list). */
export async function buildFixtures(outDir: string, only?: (file: string) => boolean): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const names = new Set(FIXTURES.map((f) => f.file));
  if (!only) for (const old of readdirSync(outDir)) if (old.endsWith(".xlsx") && !names.has(old)) unlinkSync(join(outDir, old));
  const written: string[] = [];
  for (const f of FIXTURES) {
    if (only && !only(f.file)) continue;
    writeFileSync(join(outDir, f.file), await f.build());
    written.push(f.file);
  }
  if (!only) {
    writeFileSync(join(outDir, "README.md"), readme(), "utf8");
    written.push("README.md");
  }
  return written;
}

if (require.main === module) {
  const outDir = resolve(process.argv[2] ?? join(__dirname, "..", "tests", "fixtures", "hostile"));
  buildFixtures(outDir).then(
    (files) => console.log(`wrote ${files.length} files to ${outDir}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
