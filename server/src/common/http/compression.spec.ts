import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { HOT_HITS, LiveRepresentation, negotiate, Representation } from './compression';

const PARAGRAPH = '<p>请家长对照学校划片范围，携带户口簿和房产证明，按时到校报名。</p>';
const HEAD = JSON.stringify({ id: 7, title: '2026年城区义务教育学校划片招生方案', bodyHtml: PARAGRAPH.repeat(30) }).slice(0, -1);
const tail = (n: number) => `,"viewCount":${n}}`;

describe('compression', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['br, gzip', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.5, br;q=0.4', 'gzip'],
    ['*', 'br'],
    ['*;q=0', 'identity'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['deflate', 'identity'],
    ['identity', 'identity'],
    ['identity;q=1, br;q=0.5', 'identity'],
    ['', 'identity'],
  ])('answers Accept-Encoding "%s" with %s', (header, coding) => {
    expect(negotiate(header)).toBe(coding);
  });

  it('appends the live view count to the compressed head: br and gzip decode to the identity body', () => {
    const live = new LiveRepresentation(HEAD, 'W/"x"', 'application/json; charset=utf-8');
    for (const n of [0, 9, 10, 123456789]) {
      expect(live.body('identity', tail(n))).toBe(HEAD + tail(n));
      expect(brotliDecompressSync(live.body('br', tail(n)) as Buffer).toString('utf8')).toBe(HEAD + tail(n));
      expect(gunzipSync(live.body('gzip', tail(n)) as Buffer).toString('utf8')).toBe(HEAD + tail(n));
    }
  });

  it('codes a body read very often again, densely, and it still decodes', async () => {
    const live = new LiveRepresentation(HEAD, 'W/"x"', 'application/json; charset=utf-8');
    const page = new Representation(PARAGRAPH.repeat(30), 'W/"y"', 'text/html; charset=utf-8');
    for (let i = 0; i < HOT_HITS; i += 1) {
      live.body('br', tail(1));
      page.body('br');
    }
    const before = [(live.body('br', tail(1)) as Buffer).length, (page.body('br') as Buffer).length];
    await Promise.all([live.dense, page.dense]);
    const after = live.body('br', tail(42)) as Buffer;
    expect(brotliDecompressSync(after).toString('utf8')).toBe(HEAD + tail(42));
    expect(brotliDecompressSync(page.body('br') as Buffer).toString('utf8')).toBe(PARAGRAPH.repeat(30));
    expect(after.length).toBeLessThan(before[0]!);
    expect((page.body('br') as Buffer).length).toBeLessThan(before[1]!);
  });

  it('leaves a body under 1 KB as it is', () => {
    const small = new Representation('{"items":[]}', 'W/"z"', 'application/json; charset=utf-8');
    expect(small.small).toBe(true);
    expect(small.body('br')).toBe('{"items":[]}');
  });
});
