import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendJson } from '../common/http/etag';
import { NoticeListQueryDto } from './dto/notice-list-query.dto';
import { NoticesService } from './notices.service';

/** No sign-in needed. Bodies are prebuilt; each answer carries an ETag and revalidates to 304. */
@ApiTags('公开目录')
@Controller()
export class PublicCatalogController {
  constructor(private readonly notices: NoticesService) {}

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
  async list(@Query() query: NoticeListQueryDto, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { body, etag } = await this.notices.listBody(query);
    sendJson(req, reply, body, etag);
  }

  @Get('notices/:id')
  @ApiOperation({ summary: '信息详情（计一次阅读）' })
  @ApiNotFoundResponse({ description: '不存在或未主动公开' })
  async detail(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { body, etag } = await this.notices.detailBody(id);
    sendJson(req, reply, body, etag);
  }
}
