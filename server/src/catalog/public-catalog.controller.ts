import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicCache } from '../common/cache/public-cache';
import { liveRepresentationOf, representationOf } from '../common/http/compression';
import { JSON_TYPE } from '../common/http/etag';
import { answerAndRemember } from '../common/http/lean-read';
import { RateLimiter } from '../common/rate-limit/rate-limiter';
import { NoticesService } from './notices.service';
import { apiViewChannel } from './views/view-channel';

/**
 * No sign-in needed. Bodies are prebuilt (and kept br- and gzip-compressed); each answer carries an
 * ETag and revalidates to 304. Each answer is remembered by its address, so the next request for
 * it is answered by the lean read path (common/http/lean-read.ts) before Nest routes it.
 */
@ApiTags('公开目录')
@Controller()
export class PublicCatalogController {
  constructor(
    private readonly notices: NoticesService,
    private readonly limits: RateLimiter,
    private readonly cache: PublicCache,
  ) {}

  private async catalog(kind: 'categories' | 'topics' | 'units', req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const mark = this.cache.mark();
    const { body, etag } = await this.notices.catalogBody(kind);
    answerAndRemember(this.cache, mark, req, reply, { representation: representationOf(body, etag, JSON_TYPE), cacheControl: 'no-cache' });
  }

  @Get('categories')
  @ApiOperation({ summary: '公开目录分类（十类）' })
  async categories(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.catalog('categories', req, reply);
  }

  @Get('topics')
  @ApiOperation({ summary: '专题专栏' })
  async topics(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.catalog('topics', req, reply);
  }

  @Get('units')
  @ApiOperation({ summary: '发布单位（科室与学校）' })
  async units(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.catalog('units', req, reply);
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
    const mark = this.cache.mark();
    const { body, etag } = await this.notices.listBodyForUrl(req.url, req.query, () => this.limits.check('search', req));
    answerAndRemember(this.cache, mark, req, reply, { representation: representationOf(body, etag, JSON_TYPE), cacheControl: 'no-cache' }, true);
  }

  @Get('notices/:id')
  @ApiOperation({ summary: '信息详情（计一次阅读，按 X-Client-Channel 记渠道：weapp、h5，其余为其他客户端）' })
  @ApiNotFoundResponse({ description: '不存在或未主动公开' })
  async detail(@Param('id') idParam: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const mark = this.cache.mark();
    const { id, cached } = await this.notices.cachedDetail(idParam);
    // The view count is the body's live end, counted per answer (304s too, as before), by the request's channel.
    answerAndRemember(this.cache, mark, req, reply, {
      representation: liveRepresentationOf(cached.head, cached.etag, JSON_TYPE),
      cacheControl: 'no-cache',
      perRequest: (r) => this.notices.viewTail(id, cached, apiViewChannel(r.headers['x-client-channel'])),
    });
  }
}
