import type { SearchInsight } from '@gongkai/shared';
import { dayRows, lastDays, monthDay, parseTerms, rangeProblem, share, termsProblem } from '../../src/packages/staff/pages/search/search-staff';

const anInsight = (over: Partial<SearchInsight>): SearchInsight => ({
  from: '2026-03-01',
  to: '2026-03-03',
  searches: 0,
  zeroResultSearches: 0,
  top: [],
  zeroResults: [],
  perDay: [],
  ...over,
});

describe('the staff search pages’ helpers', () => {
  it('splits typed terms at spaces, commas, 、 and semicolons, folds them as stored, drops repeats', () => {
    expect(parseTerms('托管 课后服务')).toEqual(['托管', '课后服务']);
    expect(parseTerms('托管，课后服务、延时服务;  托管')).toEqual(['托管', '课后服务', '延时服务']);
    expect(parseTerms('托管　ＡＢＣ,,')).toEqual(['托管', 'abc']);
    expect(parseTerms('   ')).toEqual([]);
  });

  it('says what is wrong with a group before asking the server', () => {
    expect(termsProblem(['托管'])).toBe('一组至少填写 2 个意思相同的词');
    expect(termsProblem(['托管', '课后服务'])).toBeNull();
    expect(termsProblem(['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三'])).toBe('一组最多 12 个词');
    expect(termsProblem(['托管', '义务教育阶段学校课后服务与延时托管服务工作'])).toBe('“义务教育阶段学校课后服务与延时托管服务工作”超过 20 个字');
  });

  it('counts days across months and years, and checks a range', () => {
    expect(lastDays('2025-01-01', 2)).toEqual({ from: '2024-12-31', to: '2025-01-01' });
    expect(lastDays('2026-03-05', 30)).toEqual({ from: '2026-02-04', to: '2026-03-05' });
    expect(lastDays('2026-03-05', 7)).toEqual({ from: '2026-02-27', to: '2026-03-05' });
    expect(rangeProblem('2026-03-05', '2026-03-01')).toBe('开始日期不能晚于结束日期');
    expect(rangeProblem('', '2026-03-01')).toBe('请选择开始和结束日期');
    expect(rangeProblem('2026-02-30', '2026-03-01')).toBe('请选择开始和结束日期');
    expect(rangeProblem('2026-03-01', '2026-03-01')).toBeNull();
  });

  it('lists every day of the range newest first, quiet days as 0', () => {
    const rows = dayRows(anInsight({ perDay: [{ day: '2026-03-02', searches: 5, zeroResults: 1 }] }));
    expect(rows).toEqual([
      { day: '2026-03-03', searches: 0, zeroResults: 0 },
      { day: '2026-03-02', searches: 5, zeroResults: 1 },
      { day: '2026-03-01', searches: 0, zeroResults: 0 },
    ]);
  });

  it('writes shares and days as staff read them', () => {
    expect(share(3, 25)).toBe('12.0%');
    expect(share(1, 3)).toBe('33.3%');
    expect(share(0, 0)).toBe('—');
    expect(monthDay('2026-03-05')).toBe('3月5日');
  });
});
