import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSource, loadSources, SourcesFileError } from './legacy-sources';

describe('the legacy sources file', () => {
  let dir: string;
  const write = (content: unknown): string => {
    const file = join(dir, `sources-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const problems = (content: unknown): string[] => {
    try {
      loadSources(write(content));
    } catch (error) {
      if (error instanceof SourcesFileError) return error.problems;
      throw error;
    }
    return [];
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-sources-spec-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the example shipped with the server, with the fetch defaults filled in', () => {
    const file = join(__dirname, '../../../portal-sources.example.json');
    const sources = loadSources(file);
    expect(sources.map((s) => [s.name, s.kind, s.mode])).toEqual([
      ['county-portal-jyj', 'html', 'published'],
      ['county-portal-jyj-rss', 'feed', 'draft'],
    ]);
    expect(sources[0]!.fetch).toEqual({ timeoutMs: 15000, maxBytes: 2097152, concurrency: 4, charset: 'gbk' });
    expect(sources[0]!.detail!.title).toEqual({ selector: 'div.article h1' });
    expect(JSON.parse(readFileSync(file, 'utf8')).sources).toHaveLength(2);
  });

  it('names every wrong field, nested ones by their path', () => {
    expect(
      problems({
        sources: [
          {
            name: 'Bad Name',
            kind: 'html',
            mode: 'live',
            authorUsername: '',
            defaults: { categoryCode: 'ZSKS', unitCode: 'U', infoType: 'news' },
            rules: [{ match: { url: '[' }, topicCodes: 'zoning' }],
            list: { url: 'ftp://x', links: 'a', nextPattern: 'index.html' },
            detail: { title: 'h1', body: { selector: '' }, extra: 1 },
            fetch: { timeoutMs: 5, concurrency: 100 },
          },
        ],
      }),
    ).toEqual([
      'sources[0].name: must be a name of lower-case letters, digits and "-" (at most 60)',
      'sources[0].mode: must be "draft" (for review) or "published" (as they were)',
      'sources[0].authorUsername: must be a staff username',
      'sources[0].defaults.infoType: must be one of organization, policy, business, procurement',
      'sources[0].rules[0].match.url: must be a valid regular expression',
      'sources[0].rules[0].topicCodes: must be a list of topic codes',
      'sources[0].list.url: must be an absolute http(s) URL of at most 1,000 characters',
      'sources[0].list.nextPattern: must contain {n}',
      'sources[0].detail.extra: is not a known setting',
      'sources[0].detail.body.selector: must be a CSS selector',
      'sources[0].fetch.timeoutMs: must be at least 100',
      'sources[0].fetch.concurrency: must be at most 32',
    ]);
  });

  it('asks for what each kind needs, and the original date of published html items', () => {
    const base = { authorUsername: 'importer', defaults: { categoryCode: 'ZSKS', unitCode: 'U', infoType: 'business' } };
    expect(
      problems({
        sources: [
          { ...base, name: 'a', kind: 'html', mode: 'published', list: { url: 'http://x/', links: 'a' }, detail: { title: 'h1', body: 'div' } },
          { ...base, name: 'b', kind: 'feed', mode: 'draft' },
          { ...base, name: 'b', kind: 'html', mode: 'draft', feed: { url: 'http://x/rss' } },
        ],
      }),
    ).toEqual([
      'sources[0].detail.date: is required when mode is "published" (legacy items keep their original date)',
      'sources[1].feed: is required for a feed source',
      'sources[2].list: is required for an html source',
      'sources[2].detail: is required for an html source',
      'sources[2].feed: is for feed sources only',
      'sources[2].name: "b" is used twice',
    ]);
  });

  it('says what is wrong with the file itself and which sources it has', () => {
    expect(problems('{ not json')[0]).toMatch(/^cannot be read as JSON: /);
    expect(problems([])).toEqual(['must be a JSON object with "sources": [...]']);
    expect(problems({})).toEqual(['sources: must be a list of sources']);
    const file = write({ sources: [] });
    expect(() => loadSource(file, 'jyj')).toThrow(`PORTAL_SOURCES_FILE ${file}:\n  no source named "jyj" (the file has none)`);
  });
});
