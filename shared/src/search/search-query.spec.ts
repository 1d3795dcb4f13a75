import { foldSearchText, inEnrollmentSeason, looksLikeAddress, parseSearchQuery } from './search-query';
import { maskSearchQuery } from './search-masking';
import { normalizeSynonymTerm } from './search-synonyms';

describe('what a parent typed into the search box', () => {
  it('folds full-width letters, digits and spaces, and case', () => {
    expect(foldSearchText('２０２６　划片  ＡＢＣ')).toBe('2026 划片 abc');
  });

  it('splits on spaces and the usual punctuation; every part is required', () => {
    expect(parseSearchQuery('小学 招生').parts).toEqual([
      { text: '小学', phrase: false },
      { text: '招生', phrase: false },
    ]);
    expect(parseSearchQuery('小学，招生、报名').parts.map((p) => p.text)).toEqual(['小学', '招生', '报名']);
  });

  it('keeps a quoted phrase whole, with either kind of quotes', () => {
    expect(parseSearchQuery('"划片 招生" 2026').parts).toEqual([
      { text: '划片 招生', phrase: true },
      { text: '2026', phrase: false },
    ]);
    expect(parseSearchQuery('“随迁子女”入学').parts).toEqual([
      { text: '随迁子女', phrase: true },
      { text: '入学', phrase: false },
    ]);
  });

  it('treats an unclosed quote as a separator', () => {
    expect(parseSearchQuery('"划片 招生').parts.map((p) => p.text)).toEqual(['划片', '招生']);
  });

  it('reads the year a query names', () => {
    expect(parseSearchQuery('2026 划片').year).toBe(2026);
    expect(parseSearchQuery('2025年中考').year).toBe(2025);
    expect(parseSearchQuery('划片 12026').year).toBeNull();
    expect(parseSearchQuery('电话0536').year).toBeNull();
  });

  it('has spring and summer as the enrollment season', () => {
    expect([1, 2, 3, 8, 9, 12].map(inEnrollmentSeason)).toEqual([false, false, true, true, false, false]);
  });

  it('tells an address from a topic', () => {
    expect(looksLikeAddress('宝城街道北辰花园3号楼')).toBe(true);
    expect(looksLikeAddress('人民路35号')).toBe(true);
    expect(looksLikeAddress('城关镇')).toBe(true);
    expect(looksLikeAddress('小学 招生')).toBe(false);
    expect(looksLikeAddress('2026 划片')).toBe(false);
  });
});

describe('queries kept for staff', () => {
  it('masks phones, ID numbers, house numbers and e-mail addresses', () => {
    expect(maskSearchQuery('13812345678 学区')).toBe('〔电话〕 学区');
    expect(maskSearchQuery('0536-6212345 转学')).toBe('〔电话〕 转学');
    expect(maskSearchQuery('370725201501011234 学籍')).toBe('〔证件号〕 学籍');
    expect(maskSearchQuery('北辰花园3号楼2单元501室')).toBe('北辰花园〔门牌号〕');
    expect(maskSearchQuery('人民路35号 划片')).toBe('人民路〔门牌号〕 划片');
    expect(maskSearchQuery('li.ming@example.com')).toBe('〔邮箱〕');
    expect(maskSearchQuery('北辰花园3-2-501')).toBe('北辰花园〔门牌号〕');
    expect(maskSearchQuery('2025-2026学年 校历')).toBe('2025-2026学年 校历');
  });

  it('leaves years and ordinary words alone', () => {
    expect(maskSearchQuery('2026 划片')).toBe('2026 划片');
    expect(maskSearchQuery('小学一年级招生')).toBe('小学一年级招生');
  });
});

describe('synonym terms', () => {
  it('are folded like queries, without spaces', () => {
    expect(normalizeSynonymTerm(' 学 区 ')).toBe('学区');
    expect(normalizeSynonymTerm('ＡＢ')).toBe('ab');
    expect(normalizeSynonymTerm('  ')).toBeNull();
  });
});
