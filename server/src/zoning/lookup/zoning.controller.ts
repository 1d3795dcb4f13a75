import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ZONING_YEAR_MAX, ZONING_YEAR_MIN } from '@gongkai/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendJson } from '../../common/http/etag';
import { parseNoQuery, parsePlacesQuery } from './dto/zoning-lookup-query';
import { ZoningLookupService } from './zoning-lookup.service';

const YEAR_QUERY = { name: 'year', required: false, schema: { type: 'integer', minimum: ZONING_YEAR_MIN, maximum: ZONING_YEAR_MAX }, description: '招生年度；不填为当前年度（最近一个已公布的年度）' } as const;
const NOT_PUBLISHED = { description: 'ZONING_YEAR_NOT_PUBLISHED：该年度的划片范围尚未公布（或还没有任何年度公布）' };

/**
 * 学区查询 for parents and the public web: no sign-in. The cascade and the years; the address
 * lookup itself (`GET /zoning/lookup`, the hot path) is `ZoningLookupRoute`, on Fastify directly.
 */
@ApiTags('学区查询')
@Controller('zoning')
export class ZoningController {
  constructor(private readonly lookups: ZoningLookupService) {}

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
}
