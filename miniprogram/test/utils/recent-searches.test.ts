import { addRecentSearch, clearRecentSearches, readRecentSearches, removeRecentSearch, RECENT_SEARCHES_KEY } from '../../src/utils/recent-searches';
import { excerptAround, splitHighlight } from '../../src/utils/highlight';
import { taroMock } from '../mocks/taro';

describe('recent searches', () => {
  it('puts the newest first, once, and keeps ten', () => {
    for (const q of ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一']) addRecentSearch(q);
    expect(readRecentSearches()).toEqual(['十一', '十', '九', '八', '七', '六', '五', '四', '三', '二']);
    // The same words typed again (full-width, extra spaces) move to the top instead of repeating.
    addRecentSearch('九');
    expect(addRecentSearch(' ＰＤＦ  下载 ')).toEqual(['ＰＤＦ 下载', '九', '十一', '十', '八', '七', '六', '五', '四', '三']);
    expect(addRecentSearch('pdf 下载')[0]).toBe('pdf 下载');
    expect(readRecentSearches().filter((q) => q.toLowerCase().includes('pdf'))).toEqual(['pdf 下载']);
  });

  it('does not keep a phone number, an ID number or a house number on the device', () => {
    addRecentSearch('划片');
    expect(addRecentSearch('13812345678 咨询')).toEqual(['划片']);
    expect(addRecentSearch('北辰花园3号楼')).toEqual(['划片']);
    expect(addRecentSearch('370725201001011234')).toEqual(['划片']);
  });

  it('removes one, clears all, and reads anything unreadable as none', () => {
    addRecentSearch('中考');
    addRecentSearch('划片');
    expect(removeRecentSearch('中考')).toEqual(['划片']);
    clearRecentSearches();
    expect(readRecentSearches()).toEqual([]);
    taroMock.storage.set(RECENT_SEARCHES_KEY, '{not json');
    expect(readRecentSearches()).toEqual([]);
    taroMock.storage.set(RECENT_SEARCHES_KEY, JSON.stringify({ q: '中考' }));
    expect(readRecentSearches()).toEqual([]);
  });
});

describe('highlighting a list of words', () => {
  it('marks the longest word first and ignores width and case', () => {
    const hits = (text: string, words: string[]) => splitHighlight(text, words).filter((p) => p.hit).map((p) => p.text);
    expect(hits('2026年城区学校招生范围公布', ['招生', '招生范围', '学区'])).toEqual(['招生范围']);
    expect(hits('２０２６年划片方案（试行）', ['2026', '(试行)'])).toEqual(['２０２６', '（试行）']);
    expect(hits('ＰＤＦ格式', ['pdf'])).toEqual(['ＰＤＦ']);
    expect(splitHighlight('通知', [])).toEqual([{ text: '通知', hit: false }]);
  });

  it('cuts a long answer around the first matched word', () => {
    const answer = '您好！根据县教育局2026年义务教育招生工作安排，随迁子女入学需要提供居住证明、务工证明和户口簿，请于报名期间到学校提交材料。';
    expect(excerptAround(answer, ['随迁子女'], 20, 4)).toBe('…作安排，随迁子女入学需要提供居住证明、务…');
    expect(excerptAround('短答复', ['随迁子女'], 20)).toBe('短答复');
  });
});
