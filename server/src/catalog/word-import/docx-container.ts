import { createInflateRaw } from 'node:zlib';
import { sniffFamily } from '../attachments/attachment-sniff';

/** The most a .docx may hold unpacked: text is small, so this is pictures; past it the document is refused before mammoth (jszip) unpacks anything. */
export const DOCX_UNPACKED_MAX = 100 * 1024 * 1024;
/** A Word document has tens of parts, a few hundred with many pictures. */
const DOCX_ENTRIES_MAX = 5000;

/**
 * doc: an OLE compound document (Word 97–2003 .doc, or WPS's binary format); encrypted: a .docx
 * with an opening password (Office wraps those in an OLE container too); not_docx: anything but a
 * ZIP with a Word main part; corrupt: a ZIP that cannot be read as written; too_large: more
 * than DOCX_UNPACKED_MAX unpacked, or more than DOCX_ENTRIES_MAX parts.
 */
export type DocxRefusal = 'doc' | 'encrypted' | 'not_docx' | 'corrupt' | 'too_large';

export class DocxRefused extends Error {
  constructor(readonly reason: DocxRefusal) {
    super(`word document refused: ${reason}`);
    this.name = 'DocxRefused';
  }
}

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_END64 = 0x06064b50;
const SIG_END64_LOCATOR = 0x07064b50;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;
/** The main part Word, WPS and LibreOffice write (Word Online sometimes numbers it: document2.xml). */
const MAIN_PART = /^word\/document\d*\.xml$/;
/** How an OLE container names the encrypted package of a password-protected .docx (UTF-16LE, as OLE stores names). */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * Checks an upload is a .docx that is safe to unpack, from its bytes alone; throws DocxRefused.
 * The central directory's sizes are summed first (cheap: refuses an honest zip bomb without
 * inflating anything); then every entry is inflated as a stream, counting and discarding, and
 * must come out at exactly the size it declares, so a directory that lies about its sizes is
 * refused as well before jszip (inside mammoth) would inflate it into memory.
 */
export async function checkDocx(bytes: Buffer, limits = { unpackedMax: DOCX_UNPACKED_MAX, entriesMax: DOCX_ENTRIES_MAX }): Promise<void> {
  const family = sniffFamily(bytes);
  if (family === 'ole') throw new DocxRefused(bytes.includes(ENCRYPTED_PACKAGE) ? 'encrypted' : 'doc');
  if (family !== 'zip') throw new DocxRefused('not_docx');
  const entries = readCentralDirectory(bytes, limits);
  if (!entries.some((e) => MAIN_PART.test(e.name))) throw new DocxRefused('not_docx');
  for (const entry of entries) await checkEntry(bytes, entry);
}

/** The entries of the ZIP's central directory (ZIP64 included), their declared sizes within the limits. */
export function readCentralDirectory(bytes: Buffer, limits: { unpackedMax: number; entriesMax: number }): ZipEntry[] {
  const end = findEnd(bytes);
  let count = bytes.readUInt16LE(end + 10);
  let directorySize = bytes.readUInt32LE(end + 12);
  let directoryOffset = bytes.readUInt32LE(end + 16);
  if (bytes.readUInt16LE(end + 4) !== 0 || bytes.readUInt16LE(end + 6) !== 0) throw new DocxRefused('corrupt'); // a split archive
  if (count === U16_MAX || directorySize === U32_MAX || directoryOffset === U32_MAX) {
    const locator = end - 20;
    if (locator < 0 || bytes.readUInt32LE(locator) !== SIG_END64_LOCATOR) throw new DocxRefused('corrupt');
    const end64 = safeNumber(bytes.readBigUInt64LE(locator + 8));
    if (end64 + 56 > bytes.length || bytes.readUInt32LE(end64) !== SIG_END64) throw new DocxRefused('corrupt');
    count = safeNumber(bytes.readBigUInt64LE(end64 + 32));
    directorySize = safeNumber(bytes.readBigUInt64LE(end64 + 40));
    directoryOffset = safeNumber(bytes.readBigUInt64LE(end64 + 48));
  }
  if (count > limits.entriesMax) throw new DocxRefused('too_large');
  if (directoryOffset + directorySize > bytes.length) throw new DocxRefused('corrupt');

  const entries: ZipEntry[] = [];
  let unpacked = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== SIG_CENTRAL) throw new DocxRefused('corrupt');
    const flags = bytes.readUInt16LE(at + 8);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > bytes.length) throw new DocxRefused('corrupt');
    const entry: ZipEntry = {
      // Bit 11: the name is UTF-8; else CP437, which for the ASCII part names of a .docx reads the same as latin1.
      name: bytes.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength),
      flags,
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
    };
    readZip64Extra(bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry);
    unpacked += entry.size;
    if (unpacked > limits.unpackedMax) throw new DocxRefused('too_large');
    entries.push(entry);
    at = next;
  }
  return entries;
}

/** The end-of-central-directory record: the last one in the final 64 KiB (its comment may follow it). */
function findEnd(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - U16_MAX); at--) {
    if (bytes.readUInt32LE(at) === SIG_END) return at;
  }
  throw new DocxRefused('corrupt');
}

/** A ZIP64 entry keeps its real sizes and offset in extra field 0x0001, each present only when the 32-bit field is 0xFFFFFFFF. */
function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  if (entry.size !== U32_MAX && entry.compressedSize !== U32_MAX && entry.localOffset !== U32_MAX) return;
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    const data = extra.subarray(at + 4, at + 4 + length);
    if (id === 0x0001) {
      let field = 0;
      const next = (): number => {
        if (field + 8 > data.length) throw new DocxRefused('corrupt');
        const value = safeNumber(data.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.size === U32_MAX) entry.size = next();
      if (entry.compressedSize === U32_MAX) entry.compressedSize = next();
      if (entry.localOffset === U32_MAX) entry.localOffset = next();
      return;
    }
    at += 4 + length;
  }
  throw new DocxRefused('corrupt');
}

/** Inflates the entry, counting and discarding: it must be exactly its declared size. */
async function checkEntry(bytes: Buffer, entry: ZipEntry): Promise<void> {
  const local = entry.localOffset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== SIG_LOCAL) throw new DocxRefused('corrupt');
  // Bit 0: ZIP's own encryption, which Word never uses.
  if (entry.flags & 0x1) throw new DocxRefused('corrupt');
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  if (start + entry.compressedSize > bytes.length) throw new DocxRefused('corrupt');
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw new DocxRefused('corrupt');
    return;
  }
  if (entry.method !== 8) throw new DocxRefused('corrupt'); // jszip reads only stored and deflated entries
  if ((await inflatedSize(data, entry.size)) !== entry.size) throw new DocxRefused('corrupt');
}

/** How many bytes `data` inflates to; stops as soon as it passes `max` (then max + 1 or more). */
function inflatedSize(data: Buffer, max: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        inflate.destroy();
        resolve(size);
      }
    });
    inflate.on('end', () => resolve(size));
    inflate.on('error', () => reject(new DocxRefused('corrupt')));
    inflate.end(data);
  });
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new DocxRefused('corrupt');
  return Number(value);
}
