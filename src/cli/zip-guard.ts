/**
 * Safety limits for untrusted .xlsx files, checked before exceljs opens them.
 *
 * exceljs (through JSZip) reads the whole file into memory, inflates every entry to a buffer and then to one
 * JavaScript string, and keeps a cell object per cell: a small "zip bomb" (a 1 MB file whose sharedStrings.xml
 * inflates to gigabytes) or a sheet of millions of tiny cells would exhaust memory or hang the command. This
 * module reads the zip's central directory itself (plain fs + Buffer, ZIP64 included) and:
 *
 *   1. refuses more than `maxEntries` entries, encrypted entries, compression methods other than stored and
 *      deflate, entries whose data lie outside the file, and declared ratios deflate cannot produce (> 1032:1);
 *   2. refuses a declared total uncompressed size over `maxUnzippedBytes`;
 *   3. does not trust those declarations: it stream-inflates every entry, counting the bytes that come out and
 *      stopping as soon as the running total passes the budget or an entry produces more than it declared
 *      (memory stays at a few inflate windows whatever the file holds);
 *   4. counts the cells, rows and merged cells of the worksheets on the way (SheetScanner), so a sheet of millions
 *      of cells, or one merge over a whole sheet, is refused before exceljs builds an object for each.
 *
 * Problems are thrown as `ZipRefusal` (kind + a Chinese and an English message naming the entry); the reader
 * turns them into its InputError.
 */
import * as fs from "node:fs";
import * as zlib from "node:zlib";

/** Default budget for the uncompressed size of the whole package. A 50,000-project table is about 45 MB. */
export const DEFAULT_MAX_UNZIPPED_BYTES = 256 * 1024 * 1024;
/** Most entries a package may hold (a real workbook has tens; hundreds with many images or sheets). */
export const MAX_ZIP_ENTRIES = 10_000;
/** Deflate cannot compress better than about 1032:1 (258-byte matches coded in ~2 bits). */
export const MAX_DEFLATE_RATIO = 1032;
/** Entries that small are never questioned on their ratio (headers alone can make tiny entries look odd). */
const RATIO_FLOOR_BYTES = 64 * 1024;

export interface ZipLimits {
  /** Budget for the inflated bytes of all entries together. */
  maxUnzippedBytes: number;
  maxEntries: number;
  /** Most cells, rows and merged cells (SheetScanner) in all worksheets together; Infinity to skip the count. */
  maxCells: number;
}

export type ZipRefusalKind = "corrupt" | "encrypted" | "too-large" | "zip-bomb";

/** Why a package was refused, in both languages; `entry` names the zip entry at fault when there is one. */
export class ZipRefusal extends Error {
  constructor(
    readonly kind: ZipRefusalKind,
    message: string,
    readonly messageEn: string,
    readonly entry?: string,
  ) {
    super(message);
    this.name = "ZipRefusal";
  }
}

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  flags: number;
  /** CRC-32 of the uncompressed data, as recorded. */
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export interface ZipReport {
  entries: number;
  /** Sum of the declared uncompressed sizes. */
  declaredBytes: number;
  /** Bytes actually produced by inflating every entry. */
  inflatedBytes: number;
  /** Cells, rows and merged cells counted in the worksheets. */
  cells: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

/** "1.2 GB", "256 MB", "900 KB", "12 B" (binary multiples, as file managers show them). */
export function formatBytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const text = u === 0 ? String(v) : v >= 100 || Number.isInteger(v) ? String(Math.floor(v)) : v.toFixed(1).replace(/\.0$/, "");
  return `${text} ${units[u]}`;
}

function corrupt(zh: string, en: string, entry?: string): ZipRefusal {
  return new ZipRefusal(
    "corrupt",
    `文件已损坏或不完整，无法作为 .xlsx 打开（${zh}）`,
    `the file is corrupt or truncated and cannot be opened as .xlsx (${en})`,
    entry,
  );
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buf : buf.subarray(0, done);
}

/** A name that is safe to print on one line (entry names come from the file). */
function shownName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = raw.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, "?");
  return clean.length > 120 ? `${clean.slice(0, 117)}...` : clean;
}

/** Reads `length` bytes at `position` (fewer at the end of the file). */
export type ByteReader = (position: number, length: number) => Buffer;

export function fileReader(fd: number): ByteReader {
  return (position, length) => readAt(fd, position, length);
}

export function bufferReader(buf: Buffer): ByteReader {
  return (position, length) => buf.subarray(position, Math.min(buf.length, position + length));
}

/**
 * The central directory of a zip of `fileSize` bytes read through `read`. Throws a ZipRefusal for anything
 * that is not a well-formed, supported zip or holds more than `limits.maxEntries` entries.
 */
export function readCentralDirectory(read: ByteReader, fileSize: number, limits: Pick<ZipLimits, "maxEntries">): ZipEntry[] {
  // End of central directory: 22 bytes plus a comment of up to 65,535 bytes, at the very end of the file.
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tailStart = fileSize - tailLength;
  const tail = read(tailStart, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("找不到 zip 中央目录，文件可能被截断", "no zip central directory found; the file may be truncated");

  let total = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  const disk = tail.readUInt16LE(eocd + 4);
  const cdDisk = tail.readUInt16LE(eocd + 6);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator sits just before the classic record and points at the ZIP64 end record.
    const locAt = tailStart + eocd - 20;
    const loc = locAt >= 0 ? read(locAt, 20) : Buffer.alloc(0);
    if (loc.length < 20 || loc.readUInt32LE(0) !== SIG_ZIP64_LOCATOR) {
      throw corrupt("ZIP64 结束记录缺失", "the ZIP64 end record is missing");
    }
    const recAt = Number(loc.readBigUInt64LE(8));
    const rec = recAt + 56 <= fileSize ? read(recAt, 56) : Buffer.alloc(0);
    if (rec.length < 56 || rec.readUInt32LE(0) !== SIG_ZIP64_EOCD) {
      throw corrupt("ZIP64 结束记录无效", "the ZIP64 end record is invalid");
    }
    total = Number(rec.readBigUInt64LE(32));
    cdSize = Number(rec.readBigUInt64LE(40));
    cdOffset = Number(rec.readBigUInt64LE(48));
  } else if (disk !== 0 || cdDisk !== 0) {
    throw corrupt("分卷 zip 不受支持", "split (multi-disk) zip archives are not supported");
  }
  if (total > limits.maxEntries) {
    throw new ZipRefusal(
      "too-large",
      `zip 中有 ${total.toLocaleString("en-US")} 个条目，超过上限 ${limits.maxEntries.toLocaleString("en-US")}，拒绝检查`,
      `the zip holds ${total.toLocaleString("en-US")} entries, more than the limit of ${limits.maxEntries.toLocaleString("en-US")}; refused`,
    );
  }
  if (cdOffset + cdSize > fileSize) {
    throw corrupt("zip 中央目录超出文件末尾，文件可能被截断", "the zip central directory runs past the end of the file; it may be truncated");
  }
  const cd = read(cdOffset, cdSize);
  if (cd.length < cdSize) throw corrupt("zip 中央目录不完整", "the zip central directory is incomplete");
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let k = 0; k < total; k++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) {
      throw corrupt("zip 中央目录记录无效", "a zip central directory record is invalid");
    }
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc32 = cd.readUInt32LE(p + 16);
    let compressedSize = cd.readUInt32LE(p + 20);
    let uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    const end = p + 46 + nameLength + extraLength + commentLength;
    if (end > cd.length) throw corrupt("zip 中央目录记录无效", "a zip central directory record is invalid");
    const name = cd.toString("utf8", p + 46, p + 46 + nameLength);
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      // ZIP64 extended information (id 0x0001): the 64-bit values, only those whose 32-bit field is saturated.
      let q = p + 46 + nameLength;
      const extraEnd = q + extraLength;
      let found = false;
      while (q + 4 <= extraEnd) {
        const id = cd.readUInt16LE(q);
        const size = cd.readUInt16LE(q + 2);
        if (id === 0x0001) {
          let r = q + 4;
          const next = (): number => {
            if (r + 8 > q + 4 + size) throw corrupt("ZIP64 扩展字段无效", "a ZIP64 extra field is invalid", shownName(name));
            const v = Number(cd.readBigUInt64LE(r));
            r += 8;
            return v;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
          found = true;
          break;
        }
        q += 4 + size;
      }
      if (!found) throw corrupt("ZIP64 扩展字段缺失", "a ZIP64 extra field is missing", shownName(name));
    }
    entries.push({ name, method, flags, crc32, compressedSize, uncompressedSize, localHeaderOffset });
    p = end;
  }
  return entries;
}

/** Where an entry's data begin: after its local header, whose name and extra field may differ from the central copy. */
export function entryDataStart(read: ByteReader, e: ZipEntry): number {
  const local = read(e.localHeaderOffset, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== SIG_LOCAL) {
    throw corrupt(`zip 条目 ${shownName(e.name)} 的本地文件头无效`, `the local header of zip entry ${shownName(e.name)} is invalid`, e.name);
  }
  return e.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
}

/** Checks on one entry that need no inflating: encryption, method, ratio, data inside the file. */
function checkDeclared(entry: ZipEntry, dataStart: number, fileSize: number): void {
  const name = shownName(entry.name);
  if (entry.flags & 0x0001) {
    throw new ZipRefusal(
      "encrypted",
      `zip 条目 ${name} 已加密，无法读取；请在 Excel 中另存为普通 .xlsx`,
      `zip entry ${name} is encrypted and cannot be read; save the workbook as a plain .xlsx in Excel`,
      name,
    );
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw corrupt(`zip 条目 ${name} 使用了不支持的压缩方式 ${entry.method}`, `zip entry ${name} uses the unsupported compression method ${entry.method}`, name);
  }
  if (dataStart + entry.compressedSize > fileSize) {
    throw corrupt(`zip 条目 ${name} 的数据超出文件末尾`, `the data of zip entry ${name} runs past the end of the file`, name);
  }
  if (entry.method === 0 && entry.compressedSize !== entry.uncompressedSize) {
    throw corrupt(`zip 条目 ${name} 的大小记录不一致`, `the sizes recorded for zip entry ${name} disagree`, name);
  }
  if (
    entry.method === 8 &&
    entry.uncompressedSize > RATIO_FLOOR_BYTES &&
    entry.uncompressedSize > entry.compressedSize * MAX_DEFLATE_RATIO
  ) {
    throw new ZipRefusal(
      "zip-bomb",
      `zip 条目 ${name} 声明的压缩比（${formatBytes(entry.compressedSize)} → ${formatBytes(entry.uncompressedSize)}）超出 deflate 的极限，文件已被篡改，拒绝检查`,
      `zip entry ${name} declares a compression ratio (${formatBytes(entry.compressedSize)} → ${formatBytes(entry.uncompressedSize)}) beyond what deflate can do; the file has been tampered with; refused`,
      name,
    );
  }
}

function limitMb(limit: number): number {
  return Number((limit / (1024 * 1024)).toFixed(2));
}

/** The declared sizes add up to more than the budget: name the total and the largest part. */
function declaredOverBudget(limit: number, total: number, largest: ZipEntry): ZipRefusal {
  const name = shownName(largest.name);
  const size = formatBytes(largest.uncompressedSize);
  return new ZipRefusal(
    "too-large",
    `解压后共 ${formatBytes(total)}，超过上限 ${formatBytes(limit)}（最大的是 ${name}，${size}），拒绝检查；可用 --max-unzipped-mb 调整（现为 ${limitMb(limit)}）`,
    `${formatBytes(total)} once unzipped, more than the limit of ${formatBytes(limit)} (the largest part is ${name}, ${size}); refused; raise the limit with --max-unzipped-mb (now ${limitMb(limit)})`,
    name,
  );
}

/** Inflating produced more than the budget (a safety net: an entry over its declared size is caught first). */
function inflatedOverBudget(limit: number, name: string, produced: number): ZipRefusal {
  return new ZipRefusal(
    "too-large",
    `解压后超过上限 ${formatBytes(limit)}（解压到 ${name} 时，该条目已有 ${formatBytes(produced)}），拒绝检查；可用 --max-unzipped-mb 调整（现为 ${limitMb(limit)}）`,
    `more than the limit of ${formatBytes(limit)} once unzipped (reached while inflating ${name}, at ${formatBytes(produced)}); refused; raise the limit with --max-unzipped-mb (now ${limitMb(limit)})`,
    name,
  );
}

function tooManyCells(limit: number, name: string): ZipRefusal {
  const n = limit.toLocaleString("en-US");
  return new ZipRefusal(
    "too-large",
    `工作簿的单元格超过 ${n} 个（含只有格式的空单元格、行与合并区域，数到 ${name} 时），拒绝检查；可用 --max-cells 调整`,
    `the workbook has more than ${n} cells, counting formatted blanks, rows and merged areas (counting reached ${name}); refused; raise the limit with --max-cells`,
    name,
  );
}

/**
 * Counts what exceljs will build an object for in a stream of worksheet XML, across chunk boundaries: cell
 * elements (`<c>`, `<x:c …>`), row elements (`<row …>`), and every cell of each merged area (`<mergeCell
 * ref="H1:H1048576"/>`: exceljs creates each merged cell). Other elements (`<col>`, `<cfRule>`…) are skipped.
 */
export class SheetScanner {
  cells = 0;
  rows = 0;
  mergedCells = 0;
  private carry: Buffer = Buffer.alloc(0);

  get total(): number {
    return this.cells + this.rows + this.mergedCells;
  }

  push(chunk: Buffer): void {
    const buf = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let i = buf.indexOf(0x3c);
    let stop = buf.length;
    while (i >= 0) {
      // The tag name (prefix included) must be complete before it can be judged; otherwise keep it for later.
      let j = i + 1;
      while (j < buf.length && j - i <= 32 && !isNameEnd(buf[j])) j++;
      if (j >= buf.length) {
        stop = i;
        break;
      }
      // Local name (after any "x:" prefix): only "c", "row" and "mergeCell" matter.
      let nameStart = i + 1;
      for (let k = j - 1; k > i; k--) {
        if (buf[k] === 0x3a) {
          nameStart = k + 1;
          break;
        }
      }
      const length = j - nameStart;
      if (length === 1 && buf[nameStart] === 0x63) this.cells++;
      else if (length === 3 && buf[nameStart] === 0x72 && buf[nameStart + 1] === 0x6f && buf[nameStart + 2] === 0x77) this.rows++;
      else if (length === 9 && buf.toString("latin1", nameStart, j) === "mergeCell") {
        const close = buf.indexOf(0x3e, j);
        if (close < 0) {
          if (buf.length - i < 4096) {
            stop = i;
            break;
          }
        } else {
          const ref = /\bref\s*=\s*["']([^"']*)["']/.exec(buf.toString("latin1", j, close));
          if (ref) this.mergedCells += mergedArea(ref[1]);
          j = close;
        }
      }
      i = buf.indexOf(0x3c, j);
    }
    this.carry = stop < buf.length ? Buffer.from(buf.subarray(stop)) : Buffer.alloc(0);
  }
}

/** Cells in an A1 range ("H1:XFD1048576" → 17,163,091,968); 0 when it does not parse. */
export function mergedArea(ref: string): number {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/.exec(ref.trim());
  if (!m) return 0;
  const col = (s: string): number => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = col(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] ? col(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
}

function isNameEnd(b: number): boolean {
  // whitespace, ">", "/"
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x3e || b === 0x2f;
}

function isWorksheet(name: string): boolean {
  return /(^|\/)xl\/worksheets\/[^/]+\.xml$/i.test(name);
}

/** Inflate (or copy) one entry's data, calling `onData` per chunk; rejects with what `onData` throws. */
function streamEntry(file: string, entry: ZipEntry, dataStart: number, onData: (chunk: Buffer) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (entry.compressedSize === 0) {
      if (entry.method === 8) reject(corrupt(`zip 条目 ${shownName(entry.name)} 的数据为空`, `zip entry ${shownName(entry.name)} has no data`, entry.name));
      else resolve();
      return;
    }
    const source = fs.createReadStream(file, {
      start: dataStart,
      end: dataStart + entry.compressedSize - 1,
      highWaterMark: 256 * 1024,
    });
    const inflater = entry.method === 8 ? zlib.createInflateRaw({ chunkSize: 256 * 1024 }) : null;
    const out = inflater ?? source;
    let settled = false;
    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      source.destroy();
      inflater?.destroy();
      if (e instanceof ZipRefusal) reject(e);
      else {
        const detail = e instanceof Error ? e.message : String(e);
        const name = shownName(entry.name);
        reject(corrupt(`zip 条目 ${name} 无法解压：${detail}`, `zip entry ${name} cannot be inflated: ${detail}`, name));
      }
    };
    source.on("error", fail);
    if (inflater) {
      inflater.on("error", fail);
      source.pipe(inflater);
    }
    out.on("data", (chunk: Buffer) => {
      if (settled) return;
      try {
        onData(chunk);
      } catch (e) {
        fail(e);
      }
    });
    out.on("end", () => {
      if (settled) return;
      settled = true;
      resolve();
    });
  });
}

/**
 * Check the zip at `file` against `limits` without trusting what it declares. Resolves with what was counted;
 * rejects with a ZipRefusal naming the entry at fault.
 */
export async function guardZip(file: string, limits: ZipLimits): Promise<ZipReport> {
  const fd = fs.openSync(file, "r");
  let entries: ZipEntry[];
  const starts: number[] = [];
  let fileSize: number;
  try {
    fileSize = fs.fstatSync(fd).size;
    const read = fileReader(fd);
    entries = readCentralDirectory(read, fileSize, limits);
    let declared = 0;
    for (const e of entries) {
      const dataStart = entryDataStart(read, e);
      checkDeclared(e, dataStart, fileSize);
      starts.push(dataStart);
      declared += e.uncompressedSize;
    }
    if (declared > limits.maxUnzippedBytes) {
      const largest = entries.reduce((a, b) => (b.uncompressedSize > a.uncompressedSize ? b : a));
      throw declaredOverBudget(limits.maxUnzippedBytes, declared, largest);
    }
  } finally {
    fs.closeSync(fd);
  }

  let inflated = 0;
  let cellsBefore = 0;
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    const name = shownName(e.name);
    const countCells = isWorksheet(e.name) && Number.isFinite(limits.maxCells);
    const scanner = new SheetScanner();
    let produced = 0;
    await streamEntry(file, e, starts[k], (chunk) => {
      produced += chunk.length;
      inflated += chunk.length;
      if (produced > e.uncompressedSize) {
        throw new ZipRefusal(
          "zip-bomb",
          `zip 条目 ${name} 解压后的大小与记录不符（记录 ${formatBytes(e.uncompressedSize)}，实际至少 ${formatBytes(produced)}），文件已被篡改，拒绝检查`,
          `zip entry ${name} inflates to more than it records (${formatBytes(e.uncompressedSize)} recorded, at least ${formatBytes(produced)} produced); the file has been tampered with; refused`,
          name,
        );
      }
      if (inflated > limits.maxUnzippedBytes) throw inflatedOverBudget(limits.maxUnzippedBytes, name, produced);
      if (countCells) {
        scanner.push(chunk);
        if (cellsBefore + scanner.total > limits.maxCells) throw tooManyCells(limits.maxCells, name);
      }
    });
    if (produced !== e.uncompressedSize) {
      throw corrupt(
        `zip 条目 ${name} 解压后只有 ${formatBytes(produced)}，记录为 ${formatBytes(e.uncompressedSize)}`,
        `zip entry ${name} inflates to ${formatBytes(produced)} where ${formatBytes(e.uncompressedSize)} is recorded`,
        name,
      );
    }
    cellsBefore += scanner.total;
  }
  const declaredBytes = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  return { entries: entries.length, declaredBytes, inflatedBytes: inflated, cells: cellsBefore };
}
