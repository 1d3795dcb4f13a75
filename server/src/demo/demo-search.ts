import { addCalendarDays, shanghaiDate } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { SearchQueryDay } from '../search/entities/search-query-day.entity';
import { searchLogHash, searchLogText } from '../search/log/search-log.service';

/** One query of the demo's search log: as parents typed it (folded), on a day, how often, how often it found nothing. */
interface DemoSearch {
  daysAgo: number;
  query: string;
  searches: number;
  zeroResults: number;
}

/**
 * Two weeks of what parents searched, for staff's insight page: the enrollment season's words most
 * of all, some queries that found nothing (an address, a word the notices do not use), and
 * queries holding a phone number and a house number, stored masked as any search is.
 */
const DEMO_SEARCHES: DemoSearch[] = [
  { daysAgo: 13, query: '划片', searches: 21, zeroResults: 0 },
  { daysAgo: 13, query: '小学招生', searches: 12, zeroResults: 0 },
  { daysAgo: 12, query: '学区', searches: 17, zeroResults: 0 },
  { daysAgo: 12, query: '中考 报名', searches: 6, zeroResults: 0 },
  { daysAgo: 11, query: '幼儿园 招生', searches: 9, zeroResults: 0 },
  { daysAgo: 11, query: '校车', searches: 4, zeroResults: 4 },
  { daysAgo: 10, query: '随迁子女 入学', searches: 5, zeroResults: 0 },
  { daysAgo: 10, query: '13812345678 学区', searches: 1, zeroResults: 1 },
  { daysAgo: 9, query: '录取分数线', searches: 14, zeroResults: 0 },
  { daysAgo: 9, query: '助学金', searches: 4, zeroResults: 0 },
  { daysAgo: 8, query: '学籍 转学', searches: 6, zeroResults: 0 },
  { daysAgo: 8, query: '新昌路18号 划片', searches: 2, zeroResults: 2 },
  { daysAgo: 7, query: '划片', searches: 15, zeroResults: 0 },
  { daysAgo: 7, query: '教师资格认定', searches: 7, zeroResults: 0 },
  { daysAgo: 6, query: '课后服务 收费', searches: 5, zeroResults: 1 },
  { daysAgo: 6, query: '午托', searches: 3, zeroResults: 3 },
  { daysAgo: 5, query: '2026 划片', searches: 11, zeroResults: 0 },
  { daysAgo: 5, query: '营养餐', searches: 3, zeroResults: 3 },
  { daysAgo: 4, query: '毕业证 补办', searches: 4, zeroResults: 0 },
  { daysAgo: 4, query: '一年级 报名时间', searches: 8, zeroResults: 1 },
  { daysAgo: 3, query: '学区', searches: 10, zeroResults: 0 },
  { daysAgo: 3, query: '民办幼儿园', searches: 4, zeroResults: 0 },
  { daysAgo: 2, query: '双减', searches: 3, zeroResults: 0 },
  { daysAgo: 2, query: '寒假 放假时间', searches: 6, zeroResults: 6 },
  { daysAgo: 1, query: '幼升小', searches: 9, zeroResults: 0 },
  { daysAgo: 1, query: '招生范围', searches: 5, zeroResults: 0 },
  { daysAgo: 0, query: '划片', searches: 8, zeroResults: 0 },
  { daysAgo: 0, query: '初中招生', searches: 4, zeroResults: 0 },
];

/**
 * Writes the demo's search log in the seed's transaction, masked and keyed as the search log's
 * flush keeps queries (`searchLogText`, `searchLogHash`), on the last 14 Shanghai days before `now`.
 * Answers the searches written.
 */
export async function seedDemoSearchLog(m: EntityManager, options: { now: number }): Promise<number> {
  const today = shanghaiDate(new Date(options.now));
  const rows = new Map<string, Omit<SearchQueryDay, 'id'>>();
  for (const s of DEMO_SEARCHES) {
    const query = searchLogText(s.query);
    if (query === null) continue;
    const day = addCalendarDays(today, -s.daysAgo);
    const queryHash = searchLogHash(query);
    const row = rows.get(`${day}|${queryHash}`);
    if (row) {
      row.searches += s.searches;
      row.zeroResults += s.zeroResults;
    } else rows.set(`${day}|${queryHash}`, { day, query, queryHash, searches: s.searches, zeroResults: s.zeroResults });
  }
  if (rows.size) await m.insert(SearchQueryDay, [...rows.values()]);
  return DEMO_SEARCHES.reduce((n, s) => n + s.searches, 0);
}
