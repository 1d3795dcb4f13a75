import { planQuery } from './query-plan';
import { Segmenter } from './segmenter';
import { SynonymTable } from './synonym-table';

const segmenter = new Segmenter();
const synonyms = new SynonymTable([
  ['学区', '划片', '招生范围'],
  ['幼升小', '小学一年级招生'],
]);
const plan = (q: string) => planQuery(segmenter.foldQuery(q), segmenter, synonyms);
const texts = (q: string) => plan(q).clauses.map((c) => c.text);

describe('planning a query', () => {
  it('requires every word, whether typed together or apart, in any order', () => {
    expect(texts('小学招生')).toEqual(['小学', '招生']);
    expect(texts('小学 招生')).toEqual(['小学', '招生']);
    expect(texts('招生 小学')).toEqual(['招生', '小学']);
  });

  it('folds full-width and traditional characters before cutting', () => {
    expect(segmenter.foldQuery('學區劃分')).toBe('学区划分');
    expect(segmenter.foldQuery('２０２６　中考')).toBe('2026 中考');
  });

  it('turns a synonym into one clause any term of its group meets', () => {
    const [clause] = plan('学区').clauses;
    expect(clause!.concept).toBe(true);
    // A synonym's own pieces (招生 + 范围) are not an alternative: only the typed term's are.
    expect(clause!.alternatives.map((a) => a.words.join('+'))).toEqual(['学区', '划片', '招生范围']);
    expect(clause!.alternatives.map((a) => a.weight)).toEqual([1, 0.85, 0.85]);
    expect(plan('招生范围').clauses[0]!.alternatives.map((a) => a.words.join('+'))).toEqual(['学区', '划片', '招生范围', '招生+范围']);
  });

  it('finds the synonym inside a longer word and cuts the rest', () => {
    expect(texts('学区调整')).toEqual(['学区', '调整']);
    expect(plan('幼升小').clauses[0]!.alternatives.map((a) => a.words.join('+'))).toEqual(['幼升小', '小学+一年级+招生']);
  });

  it('lets a long word also match its pieces', () => {
    const [clause] = plan('随迁子女').clauses;
    expect(clause!.alternatives.map((a) => a.words.join('+'))).toEqual(['随迁子女', '随迁+子女']);
  });

  it('weighs a year instead of requiring it, unless the query is only a year', () => {
    expect(plan('2026 划片').year).toBe(2026);
    expect(texts('2026 划片')).toEqual(['划片']);
    expect(texts('2026年中考')).toEqual(['中考']);
    expect(texts('2026')).toEqual(['2026']);
  });

  it('drops the words of a question that carry no meaning', () => {
    expect(texts('请问怎么办理转学')).toEqual(['办理', '转学']);
    expect(texts('的')).toEqual(['的']);
  });

  it('keeps a quoted phrase as one clause of all its words', () => {
    const [clause] = plan('"划片 招生"').clauses;
    expect(clause).toMatchObject({ text: '划片招生', phrase: true });
    expect(clause!.alternatives[0]!.words).toEqual(['划片', '招生']);
  });

  it('highlights the words and their synonyms, longest first', () => {
    expect(plan('学区 小学').highlight).toEqual(['招生范围', '学区', '划片', '小学']);
    expect(plan('学区划分').highlight).toEqual(['招生范围', '学区', '划片', '划分']);
    expect(plan('北辰花园3号楼').highlight).not.toContain('3');
  });

  it('knows an enrollment query', () => {
    expect(plan('划片').enrollment).toBe(true);
    expect(plan('教师资格').enrollment).toBe(false);
  });
});
