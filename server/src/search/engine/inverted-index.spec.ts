import { InvertedIndex, type IndexedDoc, type RankOptions } from './inverted-index';
import { planQuery } from './query-plan';
import { Segmenter } from './segmenter';
import { SynonymTable } from './synonym-table';

const segmenter = new Segmenter();
const synonyms = new SynonymTable([['学区', '划片', '招生范围']]);
const NOW = Date.parse('2026-12-01T02:00:00Z');
const DAY = 86_400_000;

function doc(id: number, title: string, body = '', daysAgo = 30, extra: Partial<IndexedDoc> = {}): IndexedDoc {
  const t = segmenter.foldDocument(title);
  const b = segmenter.foldDocument(body);
  return {
    kind: 'notice',
    id,
    title,
    foldedTitle: t,
    foldedSummary: '',
    titleWords: segmenter.documentWords(t),
    summaryWords: { words: [], parts: [] },
    bodyWords: segmenter.documentWords(b),
    categoryCode: 'JCJY',
    topicCodes: [],
    publishedAt: NOW - daysAgo * DAY,
    year: new Date(NOW - daysAgo * DAY).getUTCFullYear(),
    ...extra,
  };
}

function search(index: InvertedIndex, q: string, opts: Partial<RankOptions> = {}, keep = 10) {
  const plan = planQuery(segmenter.foldQuery(q), segmenter, synonyms);
  return index.rank(plan.clauses, { year: plan.year, topics: new Set(), seasonYear: null, now: NOW, compact: plan.compact, ...opts }, keep);
}
const ids = (r: { hits: { id: number }[] }) => r.hits.map((h) => h.id);

describe('the in-memory index', () => {
  it('ranks a title match above a body match', () => {
    const index = new InvertedIndex();
    index.put(doc(1, '关于做好冬季校园安全工作的通知', '今年小学招生工作已经结束。'));
    index.put(doc(2, '2026年小学一年级招生工作通知', '适龄儿童报名。'));
    expect(ids(search(index, '小学 招生'))).toEqual([2, 1]);
  });

  it('requires every word: a document holding one of two is not found', () => {
    const index = new InvertedIndex();
    index.put(doc(1, '小学一年级招生工作通知'));
    index.put(doc(2, '初中学籍管理工作通知'));
    index.put(doc(3, '小学教师培训通知'));
    expect(search(index, '小学 招生')).toMatchObject({ total: 1, partial: false });
  });

  it('finds a synonym', () => {
    const index = new InvertedIndex();
    index.put(doc(1, '城区义务教育学校划片招生方案'));
    index.put(doc(2, '教师资格认定办事指南'));
    expect(ids(search(index, '学区'))).toEqual([1]);
  });

  it('offers what holds most words, marked partial, when nothing holds all', () => {
    const index = new InvertedIndex();
    index.put(doc(1, '小学一年级招生工作通知'));
    index.put(doc(2, '教师资格认定办事指南'));
    const r = search(index, '小学 招生 游泳');
    expect(r.partial).toBe(true);
    expect(ids(r)).toEqual([1]);
  });

  it('finds a title with one wrong character in a four-character word', () => {
    const index = new InvertedIndex();
    index.put(doc(1, '2025年中考成绩查询及复核工作通知'));
    index.put(doc(2, '2026年中考报名工作通知'));
    expect(ids(search(index, '中考成积'))).toEqual([1]);
  });

  it('forgets a removed document and replaces a changed one', () => {
    const index = new InvertedIndex();
    index.put(doc(1, '春季开学工作通知'));
    index.put(doc(2, '秋季开学工作通知'));
    index.remove('notice', 1);
    expect(ids(search(index, '开学'))).toEqual([2]);
    index.put(doc(2, '秋季运动会通知'));
    expect(search(index, '开学').total).toBe(0);
    expect(ids(search(index, '运动会'))).toEqual([2]);
    expect(index.size).toBe(1);
    expect(index.deadShare).toBe(2 / 3);
  });

  it('puts the newer of two equal matches first', () => {
    const index = new InvertedIndex();
    index.put(doc(1, '划片招生方案', '', 400));
    index.put(doc(2, '划片招生方案', '', 20));
    expect(ids(search(index, '划片'))).toEqual([2, 1]);
  });

  it('weighs the year a query names above recency', () => {
    const index = new InvertedIndex();
    index.put(doc(1, '2025年城区划片招生方案', '', 400, { year: 2025 }));
    index.put(doc(2, '2026年城区划片招生方案', '', 200, { year: 2026 }));
    expect(ids(search(index, '2025 划片'))).toEqual([1, 2]);
    expect(ids(search(index, '2026 划片'))).toEqual([2, 1]);
  });

  it('puts the season’s notices first for enrollment words in season', () => {
    const index = new InvertedIndex();
    index.put(doc(1, '初中招生工作通知', '', 300, { year: 2025 }));
    index.put(doc(2, '招生考试信息汇编', '', 310, { year: 2026, titleWords: segmenter.documentWords('招生考试信息汇编') }));
    expect(ids(search(index, '招生', { seasonYear: 2026 }))[0]).toBe(2);
  });

  it('keeps only the best `keep` hits, in order, and counts them all', () => {
    const index = new InvertedIndex();
    for (let i = 1; i <= 50; i += 1) index.put(doc(i, `第${i}批学生资助名单公示`, '', 50 - i));
    const r = search(index, '资助', {}, 5);
    expect(r.total).toBe(50);
    expect(ids(r)).toEqual([50, 49, 48, 47, 46]);
  });

  it('suggests titles holding what was typed, those beginning with it first', () => {
    const index = new InvertedIndex();
    index.put(doc(1, '2026年城区义务教育学校划片招生方案', '', 10));
    index.put(doc(2, '划片范围调整公告', '', 100));
    index.put(doc(3, '教师资格认定办事指南', '', 1));
    expect(index.titlesContaining('划片', 5).map((t) => t.id)).toEqual([2, 1]);
  });
  it('weighs a word by its document’s length against today’s average, as documents come and go', () => {
    // A short body naming 作息 once (1) and a long one naming it three times (2); filler is 内容.
    const body = (length: number, times: number) => ({ words: [...Array(times).fill('作息'), ...Array(length - times).fill('内容')], parts: [] });
    const withBody = (id: number, length: number, times: number): IndexedDoc => ({ ...doc(id, `通知${id}`), bodyWords: body(length, times) });
    const index = new InvertedIndex();
    index.put(withBody(1, 10, 1));
    index.put(withBody(2, 100, 3));
    // Beside fifty bodies of 1,000 words, 100 words is short: three mentions weigh more.
    for (let id = 100; id < 150; id += 1) index.put(withBody(id, 1000, 0));
    expect(ids(search(index, '作息'))).toEqual([2, 1]);
    // The long bodies withdrawn and a hundred of 5 words published: 100 words is now long, and the
    // single mention in 10 words weighs more.
    for (let id = 100; id < 150; id += 1) index.remove('notice', id);
    for (let id = 200; id < 300; id += 1) index.put(withBody(id, 5, 0));
    expect(ids(search(index, '作息'))).toEqual([1, 2]);
  });
});
