import { Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ATTACHMENT_TYPES_TEXT, type UploadedFileView } from '@gongkai/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { AttachmentsService, PENDING_UPLOADS_MAX } from './attachments.service';

@ApiTags('工作人员：信息撰写')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/attachments')
export class StaffAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @RequirePermission('notice.draft')
  @ApiOperation({
    summary: '上传附件（multipart 字段 file）',
    description:
      `可上传：${ATTACHMENT_TYPES_TEXT}；按文件内容识别类型，须与扩展名相符（否则 400 UNSUPPORTED_FILE_TYPE）；` +
      `大小上限为 UPLOAD_MAX_BYTES（超过 413 PAYLOAD_TOO_LARGE）。文件在保存到信息（attachments 中给出 fileId）前为待用状态，24 小时未用即删除；` +
      `每人待用的附件最多 ${PENDING_UPLOADS_MAX} 个（超过 429）。返回的 url 带签名，约 2 小时内可直接打开。`,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  upload(@CurrentStaff() staff: StaffPrincipal, @Req() request: FastifyRequest): Promise<UploadedFileView> {
    return this.attachments.upload(staff, request);
  }
}

/** No sign-in: the public reaches a file through its notice's status, staff through a signed link. */
@ApiTags('公开目录')
@Controller('attachments')
export class AttachmentDownloadController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get(':fileId')
  @ApiOperation({
    summary: '下载附件（原文件名；支持 Range 和 If-None-Match）',
    description:
      '所属信息已公开（主动公开）时任何人可下载（图片以 inline 返回）；信息撤回后 410 GONE；未公开或不存在 404。' +
      '工作人员视图中的链接带 exp 和 sig 签名参数，在有效期内不论信息状态均可打开。',
  })
  @ApiParam({ name: 'fileId', description: '附件文件编号（UUID）' })
  @ApiQuery({ name: 'exp', required: false, description: '签名链接的到期时间（Unix 秒）' })
  @ApiQuery({ name: 'sig', required: false, description: '签名链接的签名' })
  download(@Param('fileId') fileId: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.attachments.download(fileId, request, reply);
  }
}
