import { SEARCH_PAGE_DEFAULT, SEARCH_PAGE_MAX, SEARCH_QUERY_MAX } from '@gongkai/shared';
import { ApiError } from '../../common/errors/api-error';
import { QueryReader } from '../../common/http/query-reader';

/** The search routes' query strings, checked by the shared reader like the zoning lookup's (the hot path needs no reflection). */
export interface SearchParams {
  q: string;
  cursor?: string;
  limit: number;
}

/** Raw input is capped before folding (the 60 characters are counted after it, by SearchService). */
const RAW_MAX = SEARCH_QUERY_MAX * 4;
const CURSOR_MAX = 200;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
const LABELS = { q: '搜索内容', cursor: '翻页参数', limit: '每页条数' };

function queryText(r: QueryReader, required: boolean): string {
  const q = r.exact('q');
  if (q === undefined || q.trim() === '') {
    if (required) r.problems.push({ field: 'q', message: '请输入要搜索的内容' });
    return '';
  }
  if (q.length > RAW_MAX) r.problems.push({ field: 'q', message: `搜索内容最多 ${SEARCH_QUERY_MAX} 个字，请精简后再搜` });
  else if (LONE_SURROGATE.test(q)) r.problems.push({ field: 'q', message: '搜索内容含有无法识别的字符' });
  return q;
}

export function parseSearchParams(raw: unknown): SearchParams {
  const r = new QueryReader(raw, ['q', 'cursor', 'limit'], LABELS);
  const q = queryText(r, true);
  const cursor = r.exact('cursor');
  const limit = r.int('limit', 1, SEARCH_PAGE_MAX, `每页条数须为 1—${SEARCH_PAGE_MAX} 的整数`) ?? SEARCH_PAGE_DEFAULT;
  r.done('SEARCH_QUERY_INVALID');
  // A cursor is checked last, with the code every list gives a bad cursor.
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > CURSOR_MAX)) throw new ApiError(400, 'INVALID_CURSOR', '翻页参数无效，请从第一页重新加载');
  return cursor === undefined ? { q, limit } : { q, cursor, limit };
}

export function parseSuggestParams(raw: unknown): { q: string } {
  const r = new QueryReader(raw, ['q'], LABELS);
  const q = queryText(r, false);
  r.done('SEARCH_QUERY_INVALID');
  return { q };
}
