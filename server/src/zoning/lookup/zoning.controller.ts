import { Controller, Get, Header, Logger, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ZONING_LIMITS, ZONING_YEAR_MAX, ZONING_YEAR_MIN, type ZoningLookupResult } from '@gongkai/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../common/errors/api-error';
import { sendJson } from '../../common/http/etag';
import { parseLookupQuery, parseNoQuery, parsePlacesQuery } from './dto/zoning-lookup-query';
import { ZoningLookupService } from './zoning-lookup.service';

const YEAR_QUERY = { name: 'year', required: false, schema: { type: 'integer', minimum: ZONING_YEAR_MIN, maximum: ZONING_YEAR_MAX }, description: '招生年度；不填为当前年度（最近一个已公布的年度）' } as const;
const NOT_PUBLISHED = { description: 'ZONING_YEAR_NOT_PUBLISHED：该年度的划片范围尚未公布（或还没有任何年度公布）' };

/**
 * 学区查询 for parents and the public web: no sign-in. The lookup's query string is a parent's
 * address (personal data): its answer is never cached by anyone (no-store), and an unexpected
 * failure is logged without the request's URL.
 */
@ApiTags('学区查询')
@Controller('zoning')
export class ZoningController {
  private readonly logger = new Logger('ZoningController');

  constructor(private readonly lookups: ZoningLookupService) {}

  @Get('lookup')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: '按住址查询划片学校（小学、初中），或按镇街、社区（村）、小区逐级查询' })
  @ApiQuery({ name: 'q', required: false, schema: { type: 'string', maxLength: ZONING_LIMITS.query }, description: '住址，如“宝城街道北辰花园3号楼”；与 town 至少填一个' })
  @ApiQuery(YEAR_QUERY)
  @ApiQuery({ name: 'applicant', required: false, schema: { type: 'string', enum: ['local', 'migrant'] }, description: '适用对象：local 本地户籍，migrant 随迁子女；不填且两者学校不同时，answer 的 options 分别列出' })
  @ApiQuery({ name: 'town', required: false, schema: { type: 'string', maxLength: 100 }, description: '逐级查询：镇街' })
  @ApiQuery({ name: 'village', required: false, schema: { type: 'string', maxLength: 100 }, description: '逐级查询：社区（村），须同时给出 town' })
  @ApiQuery({ name: 'compound', required: false, schema: { type: 'string', maxLength: 100 }, description: '逐级查询：小区或道路，须同时给出 town' })
  @ApiQuery({ name: 'number', required: false, schema: { type: 'integer', minimum: 1, maximum: ZONING_LIMITS.number }, description: '门牌号' })
  @ApiQuery({ name: 'building', required: false, schema: { type: 'integer', minimum: 1, maximum: ZONING_LIMITS.number }, description: '楼栋号' })
  @ApiNotFoundResponse(NOT_PUBLISHED)
  async lookup(@Req() req: FastifyRequest): Promise<ZoningLookupResult> {
    const params = parseLookupQuery(req.query);
    try {
      return await this.lookups.lookup(params);
    } catch (error) {
      throw this.withoutUrl(error);
    }
  }

  @Get('places')
  @ApiOperation({ summary: '逐级查询的下一级选项：不带参数为镇街，带 town 为社区（村）及不属于社区的小区道路，再带 village 为小区道路' })
  @ApiQuery(YEAR_QUERY)
  @ApiQuery({ name: 'town', required: false, schema: { type: 'string', maxLength: 100 }, description: '镇街' })
  @ApiQuery({ name: 'village', required: false, schema: { type: 'string', maxLength: 100 }, description: '社区（村），须同时给出 town' })
  @ApiNotFoundResponse(NOT_PUBLISHED)
  async places(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { body, etag } = await this.lookups.places(parsePlacesQuery(req.query));
    sendJson(req, reply, body, etag);
  }

  @Get('years')
  @ApiOperation({ summary: '已公布划片范围的招生年度（最新在前），及各年度的划片招生方案' })
  async years(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    parseNoQuery(req.query);
    const { body, etag } = await this.lookups.years();
    sendJson(req, reply, body, etag);
  }

  /**
   * The error filter logs a 500 with the request's URL, which here holds an address: this one is
   * logged by the error's kind and stack frames only, and answered as the filter would.
   */
  private withoutUrl(error: unknown): unknown {
    if (error instanceof ApiError) return error;
    const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)) : [];
    this.logger.error(`zoning lookup failed: ${error instanceof Error ? error.name : typeof error}`, frames.join('\n'));
    return new ApiError(500, 'INTERNAL_ERROR', '服务器开小差了，请稍后再试');
  }
}
