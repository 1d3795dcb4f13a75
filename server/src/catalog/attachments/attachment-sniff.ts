import type { AttachmentFamily } from '@gongkai/shared';
import { Transform, type TransformCallback } from 'node:stream';

/** Enough of a file's start to tell every family apart (WebP's `RIFF····WEBP` is the longest, 12 bytes). */
const SNIFF_BYTES = 16;

const starts = (bytes: Buffer, signature: number[] | string, at = 0): boolean => {
  const expected = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return bytes.length >= at + expected.length && bytes.subarray(at, at + expected.length).equals(expected);
};

/**
 * The family of a file from its first bytes (never its name or declared type): PDF, an OLE
 * compound document (old Word/Excel/PowerPoint, WPS), a ZIP container (OOXML, OFD, .zip; also an
 * empty or spanned archive), or an image. Null for anything else (HTML, scripts, executables …).
 */
export function sniffFamily(bytes: Buffer): AttachmentFamily | null {
  if (starts(bytes, '%PDF-')) return 'pdf';
  if (starts(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04]) || starts(bytes, [0x50, 0x4b, 0x05, 0x06]) || starts(bytes, [0x50, 0x4b, 0x07, 0x08])) return 'zip';
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts(bytes, 'GIF87a') || starts(bytes, 'GIF89a')) return 'gif';
  if (starts(bytes, 'RIFF') && starts(bytes, 'WEBP', 8)) return 'webp';
  return null;
}

/** Why a file was refused by its content: none at all, or not of a family its extension allows. */
export class ContentRefused extends Error {
  constructor(readonly reason: 'empty' | 'mismatch') {
    super(`attachment refused by its content (${reason})`);
    this.name = 'ContentRefused';
  }
}

/**
 * Passes a file through unchanged, holding back only its first SNIFF_BYTES until the family is
 * known: then it fails with ContentRefused unless the family is one of `allowed`. The rest flows
 * through as it comes, so a large file is never held in memory.
 */
export class SniffStream extends Transform {
  private head: Buffer[] = [];
  private headLength = 0;
  private decided = false;

  constructor(private readonly allowed: readonly AttachmentFamily[]) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.decided) {
      done(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) {
      done();
      return;
    }
    this.decide(done);
  }

  override _flush(done: TransformCallback): void {
    // A file shorter than SNIFF_BYTES (an empty ZIP is 22 bytes, but a short one may still match).
    if (!this.decided) this.decide(done);
    else done();
  }

  private decide(done: TransformCallback): void {
    this.decided = true;
    const head = Buffer.concat(this.head, this.headLength);
    this.head = [];
    if (head.length === 0) {
      done(new ContentRefused('empty'));
      return;
    }
    const family = sniffFamily(head);
    if (!family || !this.allowed.includes(family)) {
      done(new ContentRefused('mismatch'));
      return;
    }
    done(null, head);
  }
}
