import { sniffImage } from './image-sniff';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const pad = (n: number) => Array(n).fill(0);

describe('sniffImage', () => {
  it('knows the four accepted types by their structure', () => {
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0], pad(20), [0xff, 0xd9]))).toBe('image/jpeg');
    expect(sniffImage(bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1], pad(13)))).toBe('image/png');
    expect(sniffImage(bytes('GIF89a', [1, 0, 1, 0], pad(10)))).toBe('image/gif');
    expect(sniffImage(bytes('GIF87a', [1, 0, 1, 0], pad(10)))).toBe('image/gif');
    expect(sniffImage(bytes('RIFF', [0, 0, 0, 0], 'WEBP', 'VP8L', pad(10)))).toBe('image/webp');
  });

  it('refuses look-alikes and everything else', () => {
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0], pad(100)))).toBeNull(); // no end of image
    expect(sniffImage(bytes([0x89], 'PNG\r\n\x1a\n', pad(30)))).toBeNull(); // no IHDR
    expect(sniffImage(bytes('GIF89a', [0, 0, 0, 0], pad(10)))).toBeNull();
    expect(sniffImage(bytes('RIFF', [0, 0, 0, 0], 'WAVE', 'fmt ', pad(10)))).toBeNull();
    expect(sniffImage(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImage(bytes('BM', pad(40)))).toBeNull(); // BMP is not accepted
    expect(sniffImage(Buffer.alloc(0))).toBeNull();
  });
});
