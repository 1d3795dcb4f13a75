import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import { brotliCompress, brotliCompressSync, constants, crc32, deflateRawSync, gzipSync } from 'node:zlib';

/** The content codings a prebuilt body is kept in. */
export type Coding = 'br' | 'gzip' | 'identity';

/**
 * Bodies smaller than this stay uncompressed: a few hundred bytes gain a packet at best, and the
 * coding costs every client a decoder. The on-the-fly compression of uncached JSON uses it too.
 */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * Brotli's qualities for prebuilt bodies, measured on notice pages and lists of a few KB: 5 takes
 * about 0.2 ms and 11 about 7 ms (35 times as long) for a body some 15 % smaller. A body is coded
 * at 5 on its first compressed request (a crawler walking 20,000 notice pages must not cost
 * minutes of CPU); one requested in br HOT_HITS times (the notice the whole county opens after a push)
 * is coded again at 11 in zlib's thread pool, off the event loop, and served that way from then on.
 */
export const BROTLI_FIRST_QUALITY = 5;
export const BROTLI_HOT_QUALITY = 11;
/** 11 costs ≈7 ms once: over 10,000 answers that is under 1 µs each (a cache clear starts the count again). */
export const HOT_HITS = 10_000;
/** Bodies above this stay at the first quality: 11 on a 1 MB sitemap takes seconds of CPU for little. */
const HOT_MAX_BYTES = 256 * 1024;

const brotliOptions = (bytes: number, quality: number) => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
});

const negotiated = new Map<string, Coding>();

/**
 * The coding to answer `accept-encoding` with: br, then gzip, then identity, by the client's
 * q-values (RFC 9110 §12.5.3: `*` stands for codings not listed, q=0 refuses, x-gzip is gzip);
 * identity when nothing compressed is acceptable. Results are memoised per header value (clients
 * send a handful of distinct values), bounded.
 */
export function negotiate(header: string | string[] | undefined): Coding {
  if (header === undefined || header === '') return 'identity';
  const value = Array.isArray(header) ? header.join(',') : header;
  const known = negotiated.get(value);
  if (known !== undefined) return known;
  const coding = parseAcceptEncoding(value);
  if (negotiated.size >= 200) negotiated.clear();
  negotiated.set(value, coding);
  return coding;
}

function parseAcceptEncoding(header: string): Coding {
  const q: Partial<Record<string, number>> = {};
  for (const part of header.toLowerCase().split(',')) {
    const [rawName = '', ...params] = part.split(';');
    let name = rawName.trim();
    if (name === 'x-gzip') name = 'gzip';
    if (name === '') continue;
    let weight = 1;
    for (const param of params) {
      const [k, v] = param.split('=').map((x) => x.trim());
      if (k === 'q' && v !== undefined) weight = Number.isFinite(Number(v)) ? Math.min(1, Math.max(0, Number(v))) : 0;
    }
    q[name] = Math.max(q[name] ?? 0, weight);
  }
  const star = q['*'];
  const br = q.br ?? star ?? 0;
  const gzip = q.gzip ?? star ?? 0;
  // Identity is acceptable unless refused; listed without q it competes at its own weight.
  const identity = q.identity ?? (star === 0 ? 0 : 0.001);
  const best = Math.max(br, gzip);
  if (best === 0 || identity > best) return 'identity';
  return br >= gzip ? 'br' : 'gzip';
}

/**
 * A prebuilt body with its ETag and type, and its br and gzip codings made once, on the first
 * request that accepts them. The ETag is weak (W/"…"): RFC 9110 §8.8.1 lets one weak validator
 * stand for every coding of the same content, so If-None-Match revalidates whatever coding the
 * client holds.
 */
export class Representation {
  /** Length of the identity body in bytes. */
  readonly length: number;
  private br?: Buffer;
  private gzip?: Buffer;

  constructor(
    /** A string body is written with the headers in one chunk; a Buffer (feeds, pages) as it is. */
    private readonly identity: string | Buffer,
    readonly etag: string,
    readonly contentType: string,
  ) {
    this.length = typeof identity === 'string' ? Buffer.byteLength(identity) : identity.length;
  }

  /** Too small to be worth a coding. */
  get small(): boolean {
    return this.length < COMPRESS_MIN_BYTES;
  }

  /** The body in `coding` (the identity body for identity, or a body too small to compress). */
  body(coding: Coding, _tail?: string): Buffer | string {
    if (coding === 'identity' || this.small) return this.identity;
    if (coding === 'br') {
      this.brHits += 1;
      if (this.brHits === HOT_HITS && this.length <= HOT_MAX_BYTES) {
        this.dense = new Promise((resolve) =>
          brotliCompress(this.bytes(), brotliOptions(this.length, BROTLI_HOT_QUALITY), (error, dense) => {
            if (!error) this.br = dense;
            resolve();
          }),
        );
      }
      return (this.br ??= brotliCompressSync(this.bytes(), brotliOptions(this.length, BROTLI_FIRST_QUALITY)));
    }
    return (this.gzip ??= gzipSync(this.bytes(), { level: 9 }));
  }

  private brHits = 0;
  /** Settles once the dense br coding replaced the first one (set when it starts). */
  dense?: Promise<void>;
  private bytes(): Buffer {
    return typeof this.identity === 'string' ? Buffer.from(this.identity, 'utf8') : this.identity;
  }
}

/**
 * Representations by ETag and type: the ETag is a hash of the content, so one key is one content
 * whoever built it, and a body that stays cached is compressed once. Bounded by bytes (the
 * identity bytes counted three times, room for the codings added later).
 */
const representations = new LRUCache<string, Representation>({
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (r) => Math.max(1, r.length * 3),
});

/** The representation of a prebuilt body, made once per content. */
export function representationOf(body: string | Buffer, etag: string, contentType: string): Representation {
  const key = `${contentType} ${etag}`;
  let found = representations.get(key);
  if (!found) {
    found = new Representation(body, etag, contentType);
    representations.set(key, found);
  }
  return found;
}

/**
 * A prebuilt body whose end changes per request: the notice detail, `head` (its JSON without the
 * closing brace, cached) followed by a live `,"viewCount":N}`. The head is compressed once into a
 * stream left open at a byte boundary (deflate's sync flush; brotli's flush); each request appends
 * the few live bytes as one stored block (deflate: BTYPE 00, final) or one uncompressed meta-block
 * followed by the last, empty one (brotli, RFC 7932 §9.2), and for gzip the CRC-32 (continued from
 * the head's with zlib.crc32) and the length. No compressor runs per request, and what a browser
 * decodes is byte for byte the identity body.
 */
export class LiveRepresentation {
  readonly head: Buffer;
  private brHead?: Buffer;
  private gzipHead?: Buffer;
  private readonly headCrc: number;
  private brHits = 0;
  /** Settles once the dense br coding of the head replaced the first one (set when it starts). */
  dense?: Promise<void>;

  constructor(
    head: string,
    readonly etag: string,
    readonly contentType: string,
  ) {
    this.head = Buffer.from(head, 'utf8');
    this.headCrc = crc32(this.head);
  }

  get small(): boolean {
    return this.head.length < COMPRESS_MIN_BYTES;
  }

  /** The whole body in `coding`, `tail` (a few ASCII bytes, < 64 KB) after the cached head. */
  body(coding: Coding, tail: string): Buffer | string {
    // One stored block or meta-block holds 1–65535 bytes, and the tail is written as latin1 bytes.
    if (!LIVE_TAIL.test(tail)) throw new Error(`a live tail must be 1–65535 ASCII characters, got ${tail.length}`);
    if (coding === 'identity' || this.small) return this.identityBody(tail);
    if (coding === 'br') {
      this.brHits += 1;
      if (this.brHits === HOT_HITS && this.head.length <= HOT_MAX_BYTES) {
        this.dense = new Promise((resolve) =>
          brotliCompress(this.head, { ...brotliOptions(this.head.length, BROTLI_HOT_QUALITY), finishFlush: constants.BROTLI_OPERATION_FLUSH }, (error, dense) => {
            if (!error) this.brHead = dense;
            resolve();
          }),
        );
      }
      this.brHead ??= brotliCompressSync(this.head, { ...brotliOptions(this.head.length, BROTLI_FIRST_QUALITY), finishFlush: constants.BROTLI_OPERATION_FLUSH });
      // ISLAST 0, MNIBBLES 4 (code 0), MLEN-1 in 16 bits, ISUNCOMPRESSED 1: 20 bits, padded to 3 bytes.
      const header = ((tail.length - 1) << 3) | (1 << 19);
      // One buffer per answer: the head, that header, the tail, then ISLAST 1, ISLASTEMPTY 1 (the end of the stream).
      const head = this.brHead;
      const out = Buffer.allocUnsafe(head.length + 3 + tail.length + 1);
      head.copy(out, 0);
      out[head.length] = header & 0xff;
      out[head.length + 1] = (header >> 8) & 0xff;
      out[head.length + 2] = header >> 16;
      out.write(tail, head.length + 3, 'latin1');
      out[out.length - 1] = 0x03;
      return out;
    }
    this.gzipHead ??= Buffer.concat([
      // Magic, deflate, no flags, no mtime, no extra flags, OS unknown (as gzipSync writes them, mtime 0).
      Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]),
      deflateRawSync(this.head, { level: 9, finishFlush: constants.Z_SYNC_FLUSH }),
    ]);
    const head = this.gzipHead;
    const out = Buffer.allocUnsafe(head.length + 5 + tail.length + 8);
    head.copy(out, 0);
    let at = head.length;
    out[at] = 0x01; // BFINAL 1, BTYPE 00 (stored), at a byte boundary after the sync flush
    out.writeUInt16LE(tail.length, at + 1);
    out.writeUInt16LE(~tail.length & 0xffff, at + 3);
    at += 5;
    out.write(tail, at, 'latin1');
    const t = out.subarray(at, at + tail.length);
    at += tail.length;
    out.writeUInt32LE(crc32(t, this.headCrc), at);
    out.writeUInt32LE((this.head.length + tail.length) >>> 0, at + 4);
    return out;
  }

  private identityText?: string;
  private identityBody(tail: string): string {
    // A string body is written with the headers in one chunk.
    return (this.identityText ??= this.head.toString('utf8')) + tail;
  }
}

const LIVE_TAIL = /^[\x00-\x7f]{1,65535}$/;

/**
 * Live representations by ETag and type, like `representations`: the head outlives its cache entry
 * (the detail's expires after a minute), so it is compressed once per content, not once a minute.
 */
const live = new LRUCache<string, LiveRepresentation>({
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (r) => Math.max(1, r.head.length * 3),
});

/** The live representation of a head, made once per content (the ETag names it). */
export function liveRepresentationOf(head: string, etag: string, contentType: string): LiveRepresentation {
  const key = `${contentType} ${etag}`;
  let found = live.get(key);
  if (!found) {
    found = new LiveRepresentation(head, etag, contentType);
    live.set(key, found);
  }
  return found;
}

/**
 * On-the-fly compression (@fastify/compress) for answers that are not prebuilt: JSON and other
 * compressible types of 1 KB or more, br at quality 4 (fast; brotli's default 11 costs milliseconds
 * per answer) or gzip, by the client's Accept-Encoding; never an answer that already has a
 * Content-Encoding (the prebuilt ones), a 206 or any answer with Content-Range (the plugin skips
 * those itself), nor a download (Content-Disposition: attachment), nor a stored file (`sendStoredFile`: a strong ETag, which must not name two
 * codings, and byte ranges over the identity bytes): those mark the request `x-no-compression`,
 * the plugin's own switch, in an onSend hook that runs before the plugin's.
 */
export async function registerCompression(fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const etag = reply.getHeader('etag');
    const disposition = reply.getHeader('content-disposition');
    // A download (an export, a letter) keeps its exact bytes and length, as a stored file does.
    const download = typeof disposition === 'string' && disposition.startsWith('attachment');
    if (download || reply.hasHeader('accept-ranges') || (typeof etag === 'string' && !etag.startsWith('W/'))) request.headers['x-no-compression'] = '1';
    done(null, payload);
  });
  await fastify.register(compress, {
    global: true,
    // Responses only: request bodies in gzip or br are not something any client of ours sends.
    globalDecompression: false,
    threshold: COMPRESS_MIN_BYTES,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
}
