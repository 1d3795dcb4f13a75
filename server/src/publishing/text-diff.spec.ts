import { diffParagraphs, diffTitle, diffUnits } from './text-diff';

describe('text diff', () => {
  it('marks paragraphs kept, removed and added, in order', () => {
    expect(diffParagraphs('一、总体要求\n二、报名时间\n三、联系方式', '一、总体要求\n二、报名时间改为7月\n三、联系方式\n四、附则')).toEqual([
      { type: 'same', text: '一、总体要求' },
      { type: 'removed', text: '二、报名时间' },
      { type: 'added', text: '二、报名时间改为7月' },
      { type: 'same', text: '三、联系方式' },
      { type: 'added', text: '四、附则' },
    ]);
  });

  it('diffs titles by character', () => {
    expect(diffTitle('关于招生的通知', '关于2026年招生的通知')).toEqual([
      { type: 'same', text: '关于' },
      { type: 'added', text: '2026年' },
      { type: 'same', text: '招生的通知' },
    ]);
    expect(diffTitle('同一标题', '同一标题')).toEqual([{ type: 'same', text: '同一标题' }]);
  });

  it('keeps the text of both sides: removed+same gives the old, added+same the new', () => {
    const a = ['a', 'b', 'c', 'd', 'e', 'f'];
    const b = ['x', 'b', 'd', 'c', 'f', 'y'];
    const changes = diffUnits(a, b, ',');
    const side = (skip: string) => changes.filter((c) => c.type !== skip).map((c) => c.text).join(',');
    expect(side('added')).toBe(a.join(','));
    expect(side('removed')).toBe(b.join(','));
  });

  it('falls back to removed-then-added above the size limit', () => {
    expect(diffUnits(['a', 'b'], ['c', 'd'], '', 1)).toEqual([
      { type: 'removed', text: 'ab' },
      { type: 'added', text: 'cd' },
    ]);
  });
});
