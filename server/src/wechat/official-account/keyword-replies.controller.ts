import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import { KeywordReplyCreateDto, KeywordReplyUpdateDto, type KeywordReplyView } from './dto/keyword-reply.dto';
import { KeywordRepliesService } from './keyword-replies.service';

const id = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('该关键词回复不存在') });

@ApiTags('管理员：公众号关键词回复')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('oa.keywordReplies')
@Controller('staff/oa/keyword-replies')
export class KeywordRepliesController {
  constructor(private readonly replies: KeywordRepliesService) {}

  @Get()
  list(): Promise<KeywordReplyView[]> {
    return this.replies.list();
  }

  @Post()
  create(@CurrentStaff() s: StaffPrincipal, @Body() dto: KeywordReplyCreateDto, @Meta() meta: RequestMeta): Promise<KeywordReplyView> {
    return this.replies.create(s, dto, meta);
  }

  @Patch(':id')
  update(@CurrentStaff() s: StaffPrincipal, @Param('id', id) replyId: number, @Body() dto: KeywordReplyUpdateDto, @Meta() meta: RequestMeta): Promise<KeywordReplyView> {
    return this.replies.update(s, replyId, dto, meta);
  }

  /** PUT = PATCH (wx.request has no PATCH). */
  @Put(':id')
  updateByPut(@CurrentStaff() s: StaffPrincipal, @Param('id', id) replyId: number, @Body() dto: KeywordReplyUpdateDto, @Meta() meta: RequestMeta): Promise<KeywordReplyView> {
    return this.replies.update(s, replyId, dto, meta);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentStaff() s: StaffPrincipal, @Param('id', id) replyId: number, @Meta() meta: RequestMeta): Promise<void> {
    await this.replies.remove(s, replyId, meta);
  }
}
