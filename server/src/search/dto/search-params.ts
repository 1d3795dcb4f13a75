import { SEARCH_PAGE_DEFAULT, SEARCH_PAGE_MAX, SEARCH_QUERY_MAX, type ErrorDetail } from '@gongkai/shared';
import { ApiError } from '../../common/errors/api-error';

/**
 * The search routes' query strings, checked by hand like the zoning lookup's (the hot path needs no
 * reflection): unknown fields refused, one value per field, every problem listed in Chinese.
 */
export interface SearchParams {
  q: string;
  cursor?: string;
  limit: number;
}

/** Raw input is capped before folding (NFKC can only shorten or keep it but the folding itself costs). */
const RAW_MAX = SEARCH_QUERY_MAX * 4;
const CURSOR_MAX = 200;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

function reader(raw: unknown, allowed: readonly string[]) {
  const fields = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const problems: ErrorDetail[] = [];
  for (const key of Object.keys(fields)) if (!allowed.includes(key)) problems.push({ field: key, message: `不支持的参数：${key.slice(0, 40)}` });
  const one = (field: string, label: string): string | undefined => {
    const value = fields[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      problems.push({ field, message: `${label}只能填写一个` });
      return undefined;
    }
    return value;
  };
  const done = (): void => {
    if (problems.length) throw new ApiError(400, 'SEARCH_QUERY_INVALID', problems[0]!.message, problems);
  };
  return { one, problems, done };
}

function queryText(r: ReturnType<typeof reader>, required: boolean): string {
  const q = r.one('q', '搜索内容');
  if (q === undefined || q.trim() === '') {
    if (required) r.problems.push({ field: 'q', message: '请输入要搜索的内容' });
    return '';
  }
  // The 60 characters are counted after folding (SearchService); this only bounds the folding's work.
  if (q.length > RAW_MAX) r.problems.push({ field: 'q', message: `搜索内容最多 ${SEARCH_QUERY_MAX} 个字，请精简后再搜` });
  else if (LONE_SURROGATE.test(q)) r.problems.push({ field: 'q', message: '搜索内容含有无法识别的字符' });
  return q;
}

export function parseSearchParams(raw: unknown): SearchParams {
  const r = reader(raw, ['q', 'cursor', 'limit']);
  const q = queryText(r, true);
  const cursor = r.one('cursor', '翻页参数');
  const limitRaw = r.one('limit', '每页条数');
  let limit = SEARCH_PAGE_DEFAULT;
  if (limitRaw !== undefined) {
    limit = /^\d{1,3}$/.test(limitRaw) ? Number(limitRaw) : NaN;
    if (!(limit >= 1 && limit <= SEARCH_PAGE_MAX)) r.problems.push({ field: 'limit', message: `每页条数须为 1—${SEARCH_PAGE_MAX} 的整数` });
  }
  r.done();
  // A cursor is checked last, with the code every list gives a bad cursor.
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > CURSOR_MAX)) throw new ApiError(400, 'INVALID_CURSOR', '翻页参数无效，请从第一页重新加载');
  return cursor === undefined ? { q, limit } : { q, cursor, limit };
}

export function parseSuggestParams(raw: unknown): { q: string } {
  const r = reader(raw, ['q']);
  const q = queryText(r, false);
  r.done();
  return { q };
}
