import { Controller, Get, Param, ParseIntPipe, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentStaff, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import { WebPreviewService } from './web-preview.service';

const noticeId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该信息') });

/**
 * Opened on its own, the page may show nothing but itself: no script, no form, no frame around
 * it, its own inline stylesheet and pictures (the staff pages show it in a sandboxed iframe's
 * srcdoc, which this header does not reach).
 */
const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data: https: http:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

@ApiTags('工作人员：信息撰写')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/notices')
export class WebPreviewController {
  constructor(private readonly preview: WebPreviewService) {}

  @Get(':id/web-preview')
  @ApiOperation({ summary: '网页预览：按公开网站的页面模板显示该信息（未发布的按已保存内容）；可见该信息的工作人员均可查看' })
  @ApiProduces('text/html')
  async page(@CurrentStaff() staff: StaffPrincipal, @Param('id', noticeId) id: number, @Res() reply: FastifyReply): Promise<void> {
    const bytes = Buffer.from(await this.preview.page(staff, id), 'utf8');
    await reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('content-security-policy', PREVIEW_CSP)
      .header('content-length', String(bytes.length))
      .send(bytes);
  }
}
