/** The web image formats accepted anywhere (photos, pictures in notices). */
export type ImageType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

/**
 * The image type of `bytes` from their content, never from a name or a declared type: the
 * signature plus the first structure after it (PNG's IHDR chunk, a JPEG marker, GIF's version,
 * WebP's VP8 chunk inside RIFF), so a file that merely starts like an image is refused too.
 * Null when it is none of the accepted types. Only the gate: it picks the decoder, and
 * `reencodeImage` (image-reencode.ts) proves the rest by decoding.
 */
export function sniffImage(bytes: Buffer): ImageType | null {
  if (bytes.length < 16) return null;
  // JPEG: SOI, then a marker segment (APPn, DQT, SOF, DHT, COM …); ends with EOI, perhaps followed by padding.
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[3]! >= 0xc0 && bytes[3]! !== 0xff) {
    return bytes.subarray(-64).includes(Buffer.from([0xff, 0xd9])) ? 'image/jpeg' : null;
  }
  // PNG: the 8-byte signature, then the IHDR chunk of length 13 with a non-zero size.
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    if (bytes.length < 33 || bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
    return bytes.readUInt32BE(16) > 0 && bytes.readUInt32BE(20) > 0 ? 'image/png' : null;
  }
  // GIF: GIF87a / GIF89a and a non-zero logical screen size.
  const gif = bytes.toString('latin1', 0, 6);
  if (gif === 'GIF87a' || gif === 'GIF89a') return bytes.readUInt16LE(6) > 0 && bytes.readUInt16LE(8) > 0 ? 'image/gif' : null;
  // WebP: RIFF <size> WEBP, then a VP8 / VP8L / VP8X chunk.
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    return ['VP8 ', 'VP8L', 'VP8X'].includes(bytes.toString('latin1', 12, 16)) ? 'image/webp' : null;
  }
  return null;
}
