import { SEARCH_PAGE_MAX, SEARCH_QUERY_MAX } from '@gongkai/shared';
import { SEARCH_PATH, SUGGEST_PATH } from '../search/search.route';

/**
 * Search and its suggestions are registered on Fastify directly (SearchRoute, the hot path), so
 * Nest's document does not see them: their operations are written here. `describeOperations` adds
 * the 200 bodies from the registry and the error answers.
 */
const query = (name: string, schema: Record<string, unknown>, description: string, required = false) => ({ name, in: 'query', required, schema, description });

export const SEARCH_DOC_PATHS = {
  [SEARCH_PATH]: {
    get: {
      operationId: 'SearchController_search',
      tags: ['搜索'],
      summary: '搜索公开信息、办事指南与公开问答；像住址的查询另给出划片学校',
      parameters: [
        query('q', { type: 'string', maxLength: SEARCH_QUERY_MAX }, '查询词：空格分隔的词须全部出现（顺序不限），引号内为整句；同义词（如 学区 ~ 划片）同样命中', true),
        query('cursor', { type: 'string', maxLength: 200 }, '上一页返回的 nextCursor'),
        query('limit', { type: 'integer', minimum: 1, maximum: SEARCH_PAGE_MAX }, '每页条数，默认 10'),
      ],
      responses: { '400': { description: 'SEARCH_QUERY_INVALID / INVALID_CURSOR：查询词过长或翻页参数无效' } },
    },
  },
  [SUGGEST_PATH]: {
    get: {
      operationId: 'SearchController_suggest',
      tags: ['搜索'],
      summary: '输入时的联想：公开信息的标题与大家常搜的词',
      parameters: [query('q', { type: 'string', maxLength: SEARCH_QUERY_MAX }, '已输入的文字', true)],
      responses: { '400': { description: 'SEARCH_QUERY_INVALID：查询词过长' } },
    },
  },
};
