import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendJson } from '../common/http/etag';
import { RateLimiter } from '../common/rate-limit/rate-limiter';
import { NoticesService } from './notices.service';
import { apiViewChannel } from './views/view-channel';

/** No sign-in needed. Bodies are prebuilt; each answer carries an ETag and revalidates to 304. */
@ApiTags('公开目录')
@Controller()
export class PublicCatalogController {
  constructor(
    private readonly notices: NoticesService,
    private readonly limits: RateLimiter,
  ) {}

  @Get('categories')
  @ApiOperation({ summary: '公开目录分类（十类）' })
  async categories(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { body, etag } = await this.notices.catalogBody('categories');
    sendJson(req, reply, body, etag);
  }

  @Get('topics')
  @ApiOperation({ summary: '专题专栏' })
  async topics(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { body, etag } = await this.notices.catalogBody('topics');
    sendJson(req, reply, body, etag);
  }

  @Get('units')
  @ApiOperation({ summary: '发布单位（科室与学校）' })
  async units(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { body, etag } = await this.notices.catalogBody('units');
    sendJson(req, reply, body, etag);
  }

  @Get('notices')
  @ApiOperation({ summary: '已公开信息列表（最新在前，游标翻页）' })
  @ApiOkResponse({ description: '{ items: NoticeListItem[], nextCursor: string | null }' })
  @ApiQuery({ name: 'category', required: false, description: '分类代码，如 ZSKS' })
  @ApiQuery({ name: 'topic', required: false, description: '专题代码，如 zoning' })
  @ApiQuery({ name: 'unit', required: false, description: '发布单位代码' })
  @ApiQuery({ name: 'year', required: false, type: Number, description: '发布年份（北京时间）' })
  @ApiQuery({ name: 'q', required: false, description: '搜索词：在标题和正文中查找，标题命中的排在前面' })
  @ApiQuery({ name: 'cursor', required: false, description: '上一页返回的 nextCursor' })
  @ApiQuery({ name: 'limit', required: false, type: Number, description: '每页条数，1–50，默认 20' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED：同一地址未命中缓存的搜索过于频繁（Retry-After 给出秒数）' })
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // Read raw and validated (as NoticeListQueryDto) only when the answer is not cached yet:
    // class-validator costs more than the rest of a cached request.
    // A search the cache cannot answer hits the database: those count against the address's limit.
    const { body, etag } = await this.notices.listBodyForUrl(req.url, req.query, () => this.limits.check('search', req));
    sendJson(req, reply, body, etag);
  }

  @Get('notices/:id')
  @ApiOperation({ summary: '信息详情（计一次阅读，按 X-Client-Channel 记渠道：weapp、h5，其余为其他客户端）' })
  @ApiNotFoundResponse({ description: '不存在或未主动公开' })
  async detail(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { body, etag } = await this.notices.detailBody(id, apiViewChannel(req.headers['x-client-channel']));
    sendJson(req, reply, body, etag);
  }
}
