import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WordImportResult } from '@gongkai/shared';
import type { FastifyRequest } from 'fastify';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { WordImportService } from './word-import.service';

@ApiTags('工作人员：信息撰写')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/notices')
export class WordImportController {
  constructor(private readonly words: WordImportService) {}

  /** Writes nothing but the pictures (pending uploads): the compose form takes the result and saves the draft. */
  @Post('import-word')
  @HttpCode(200)
  @RequirePermission('notice.draft')
  @ApiOperation({
    summary: '导入 Word 文档（.docx，multipart 字段 file）：返回正文 HTML、识别出的标题和文号',
    description:
      '大小上限为 20 MB 与 UPLOAD_MAX_BYTES 中较小者（超过 413 PAYLOAD_TOO_LARGE）；解压后超过 100 MB、文件损坏或设有打开密码时 400 VALIDATION_FAILED；' +
      '.doc 格式 400 WORD_DOC_UNSUPPORTED（请另存为 .docx）；其他文件 400 UNSUPPORTED_FILE_TYPE。' +
      '正文按编辑器保留的标签清理（标题 1/2/3 级→h2/h3/h4，列表、表格、粗体、斜体、下划线、图片）；文中 PNG、JPEG、GIF、WebP 图片存为本人的待用附件（images），' +
      '保存草稿时在 attachments 中给出其 fileId；EMF、WMF 等网页无法显示的图片略过并在 warnings 中说明。不写入任何信息。',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  importWord(@CurrentStaff() staff: StaffPrincipal, @Req() request: FastifyRequest): Promise<WordImportResult> {
    return this.words.import(staff, request);
  }
}
