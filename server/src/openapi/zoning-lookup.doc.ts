import { ZONING_LIMITS, ZONING_YEAR_MAX, ZONING_YEAR_MIN } from '@gongkai/shared';
import { ZONING_LOOKUP_PATH } from '../zoning/lookup/zoning-lookup.route';

/**
 * The address lookup is registered on Fastify directly (ZoningLookupRoute, the hot path), so
 * Nest's document does not see it: its operation is written here, as its controller's decorators
 * described it. `describeOperations` adds the 200 body from the registry and the error answers.
 */
const query = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: 'query', required: false, schema, description });

export const ZONING_LOOKUP_DOC_PATH = ZONING_LOOKUP_PATH;

export const ZONING_LOOKUP_OPERATIONS = {
  get: {
    operationId: 'ZoningController_lookup',
    tags: ['学区查询'],
    summary: '按住址查询划片学校（小学、初中），或按镇街、社区（村）、小区逐级查询',
    parameters: [
      query('q', { type: 'string', maxLength: ZONING_LIMITS.query }, '住址，如“宝城街道北辰花园3号楼”；与 town 至少填一个'),
      query('year', { type: 'integer', minimum: ZONING_YEAR_MIN, maximum: ZONING_YEAR_MAX }, '招生年度；不填为当前年度（最近一个已公布的年度）'),
      query('applicant', { type: 'string', enum: ['local', 'migrant'] }, '适用对象：local 本地户籍，migrant 随迁子女；不填且两者学校不同时，answer 的 options 分别列出'),
      query('town', { type: 'string', maxLength: 100 }, '逐级查询：镇街'),
      query('village', { type: 'string', maxLength: 100 }, '逐级查询：社区（村），须同时给出 town'),
      query('compound', { type: 'string', maxLength: 100 }, '逐级查询：小区或道路，须同时给出 town'),
      query('number', { type: 'integer', minimum: 1, maximum: ZONING_LIMITS.number }, '门牌号'),
      query('building', { type: 'integer', minimum: 1, maximum: ZONING_LIMITS.number }, '楼栋号'),
    ],
    responses: { '404': { description: 'ZONING_YEAR_NOT_PUBLISHED：该年度的划片范围尚未公布（或还没有任何年度公布）' } },
  },
};
