import { Semaphore } from 'async-mutex';
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import type { ImageType } from './image-sniff';

/** The largest image decoded (inquiry photos, pictures in notices), in pixels (width × height, all frames of an animation): a 48-megapixel phone camera's default output is 12. */
export const IMAGE_PIXELS_MAX = 40_000_000;

/** Images decoded at once per process, and how many may wait for a turn beyond those before uploads are turned away. */
const DECODING = Math.max(1, Math.floor(availableParallelism() / 2));
const WAITING_MAX = 64;

// Each image is decoded once: libvips' operation cache would only hold memory.
sharp.cache(false);

export type ImageRefusal = 'undecodable' | 'too_many_pixels' | 'busy';

export class ImageRefused extends Error {
  constructor(readonly reason: ImageRefusal) {
    super(`image refused: ${reason}`);
  }
}

let waiting = 0;
const turns = new Semaphore(DECODING);

/**
 * Decodes an image (whose type `sniffImage` already told from its first bytes) and encodes it
 * again in the same format: what is stored is only pixels, never the sender's metadata (EXIF with
 * the GPS location, XMP, comments, ICC) nor bytes hidden after the image. The camera's orientation
 * is applied first, so the picture stays upright without its EXIF tag. Used for inquiry photos and
 * for pictures that go into public notices (attachments, Word imports).
 *
 * Decoding is CPU work: sharp runs it on libuv's worker threads (off the event loop), and the
 * semaphore keeps it to half the cores, so a burst of uploads cannot take the machine (or the
 * worker threads that password hashing and file I/O share) from the rest of the API.
 */
export async function reencodeImage(bytes: Buffer, type: ImageType): Promise<Buffer> {
  if (waiting >= WAITING_MAX) throw new ImageRefused('busy');
  waiting++;
  try {
    return await turns.runExclusive(() => reencode(bytes, type));
  } finally {
    waiting--;
  }
}

async function reencode(bytes: Buffer, type: ImageType): Promise<Buffer> {
  const animated = type === 'image/gif' || type === 'image/webp';
  // failOn 'warning' (the default, stated): a truncated or corrupt image is refused, not padded with grey.
  const image = sharp(bytes, { limitInputPixels: IMAGE_PIXELS_MAX, failOn: 'warning', animated });
  try {
    const meta = await image.metadata();
    // The decoder must agree with the first bytes: no PNG that libvips reads as something else.
    if (FORMATS[type] !== meta.format) throw new ImageRefused('undecodable');
    // metadata() reads the header only; an animation's frames count towards the limit together.
    if ((meta.width ?? 0) * (meta.pageHeight ?? meta.height ?? 0) * (meta.pages ?? 1) > IMAGE_PIXELS_MAX) throw new ImageRefused('too_many_pixels');
    const upright = image.autoOrient();
    switch (type) {
      case 'image/jpeg':
        return await upright.jpeg({ quality: 85 }).toBuffer();
      case 'image/png':
        return await upright.png({ compressionLevel: 9 }).toBuffer();
      case 'image/gif':
        return await upright.gif().toBuffer();
      case 'image/webp':
        return await upright.webp({ quality: 85 }).toBuffer();
    }
  } catch (error) {
    if (error instanceof ImageRefused) throw error;
    // sharp's errors are plain Errors with libvips' text: the pixel limit is the one told apart.
    throw new ImageRefused(/pixel limit/i.test((error as Error).message) ? 'too_many_pixels' : 'undecodable');
  }
}

const FORMATS: Record<ImageType, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };
