import { inlineBodyStyles } from '../../src/utils/body-html';
import { fileExtension, formatDate, formatSize } from '../../src/utils/format';
import { queryTerms, splitHighlight } from '../../src/utils/highlight';
import { param, withQuery } from '../../src/utils/routes';

describe('splitHighlight', () => {
  it('cuts the text around every match, case-insensitively', () => {
    expect(splitHighlight('2026年中考报名，中考体育', '中考')).toEqual([
      { text: '2026年', hit: false },
      { text: '中考', hit: true },
      { text: '报名，', hit: false },
      { text: '中考', hit: true },
      { text: '体育', hit: false },
    ]);
    expect(splitHighlight('PDF and pdf', 'pdf').filter((p) => p.hit).map((p) => p.text)).toEqual(['PDF', 'pdf']);
  });

  it('takes several words and treats regex characters literally', () => {
    expect(queryTerms('  划片  划片 方案 ')).toEqual(['划片', '方案']);
    expect(splitHighlight('划片方案(试行)', '方案 (试行)').filter((p) => p.hit).map((p) => p.text)).toEqual(['方案', '(试行)']);
  });

  it('returns the text untouched when there is no query', () => {
    expect(splitHighlight('通知', '  ')).toEqual([{ text: '通知', hit: false }]);
  });
});

describe('formatting', () => {
  it('gives dates in Asia/Shanghai', () => {
    expect(formatDate('2026-03-01T16:30:00.000Z')).toBe('2026-03-02');
    expect(formatDate('2026-03-01T15:59:00.000Z')).toBe('2026-03-01');
    expect(formatDate(null)).toBe('');
  });
  it('gives sizes and extensions', () => {
    expect(formatSize(48_640)).toBe('48 KB');
    expect(formatSize(2_500_000)).toBe('2.4 MB');
    expect(fileExtension('附件1：岗位计划表.XLSX')).toBe('xlsx');
    expect(fileExtension('https://x.cn/a.pdf?v=1')).toBe('pdf');
  });
});

describe('routes', () => {
  it('builds and reads page parameters', () => {
    expect(withQuery('/pages/notice/list', { topic: 'zoning', title: '义务教育划片', q: '' })).toBe(
      `/pages/notice/list?topic=zoning&title=${encodeURIComponent('义务教育划片')}`,
    );
    expect(param({ title: encodeURIComponent('中考') }, 'title')).toBe('中考');
    expect(param({ title: '中考' }, 'title')).toBe('中考');
    expect(param({}, 'title')).toBe('');
  });
});

describe('inlineBodyStyles (weapp rich-text)', () => {
  it('adds inline styles to images, tables and paragraphs, keeping existing attributes', () => {
    const html = inlineBodyStyles('<p>a</p><img src="https://x.cn/a.png" alt="图"/><table><tr><td>1</td></tr></table>');
    expect(html).toContain('<p style="margin:0 0 12px;">a</p>');
    expect(html).toContain('<img src="https://x.cn/a.png" alt="图" style="max-width:100%;height:auto;display:block;margin:8px auto;"/>');
    expect(html).toContain('<td style="border:1px solid #ddd;padding:4px 6px;">1</td>');
  });
});
