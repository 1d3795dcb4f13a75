import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  shanghaiDate,
  type AccountCancellationResult,
  type ErasureRecordView,
  type Page,
  type ParentConsentsView,
  type ParentDataExport,
  type PersonalDataAccessView,
  type RightsRequestView,
  type StaffRightsRequestView,
} from '@gongkai/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentParent, ParentAuthGuard, type ParentPrincipal } from '../common/auth/parent-auth.guard';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import { sendJson } from '../common/http/etag';
import { Meta, type RequestMeta } from '../common/http/request-meta';
import { ConsentsService } from './consents.service';
import {
  AccessLogQueryDto,
  ConsentChangeDto,
  CreateRightsRequestDto,
  DataExportQueryDto,
  ErasureQueryDto,
  RightsRequestReplyDto,
  StaffRightsRequestQueryDto,
} from './dto/privacy.dto';
import { ErasureLog } from './erasure-log.service';
import { ParentDataService } from './parent-data.service';
import { PersonalDataAccessLog } from './personal-data-access-log';
import { PrivacyNoticeService } from './privacy-notice.service';
import { RightsRequestsService } from './rights-requests.service';

const requestId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound('未找到该申请') });

@ApiTags('个人信息保护')
@Controller('privacy')
export class PrivacyNoticeController {
  constructor(private readonly notice: PrivacyNoticeService) {}

  /** No sign-in: the notice is public (the web page and the pop-up before signing in). */
  @Get('notice')
  @ApiOperation({ summary: '个人信息保护政策（当前版本；无需登录）' })
  read(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    // It changes only with a deployment: a few minutes in caches, then revalidated by ETag.
    sendJson(request, reply, this.notice.body, this.notice.etag, 'public, max-age=300');
  }
}

@ApiTags('家长：个人信息')
@ApiBearerAuth()
@UseGuards(ParentAuthGuard)
@Controller('parents/me')
export class ParentPrivacyController {
  constructor(
    private readonly consents: ConsentsService,
    private readonly data: ParentDataService,
    private readonly requests: RightsRequestsService,
    private readonly clock: Clock,
  ) {}

  @Get('consents')
  @ApiOperation({ summary: '我的同意：每项的当前状态和全部记录（最新的在前）' })
  consentsView(@CurrentParent() parent: ParentPrincipal): Promise<ParentConsentsView> {
    return this.consents.view(parent.id);
  }

  @Post('consents')
  @HttpCode(200)
  @ApiOperation({ summary: '同意或撤回一项（同意个人信息保护政策须提供当前版本号；撤回订阅消息即删除全部订阅）' })
  change(@CurrentParent() parent: ParentPrincipal, @Body() dto: ConsentChangeDto, @Meta() meta: RequestMeta): Promise<ParentConsentsView> {
    return this.consents.change(parent.id, dto, meta);
  }

  @Get('data')
  @ApiOperation({ summary: '我的信息：本系统保存的关于我的全部信息（download=1 作为文件下载）' })
  async export(@CurrentParent() parent: ParentPrincipal, @Query() query: DataExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ParentDataExport> {
    const data = await this.data.export(parent.id);
    if (query.download === '1') {
      const name = `我的信息-${shanghaiDate(this.clock.now()).replace(/-/g, '')}.json`;
      // RFC 6266 / 5987: the UTF-8 file name, percent-encoded.
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
    }
    return data;
  }

  @Delete()
  @ApiOperation({ summary: '注销账号：删除或匿名化本系统中关于我的个人信息（依法须保存的办理记录去除身份后保留），登录随即失效' })
  cancel(@CurrentParent() parent: ParentPrincipal): Promise<AccountCancellationResult> {
    return this.data.cancel(parent.id);
  }

  @Get('rights-requests')
  @ApiOperation({ summary: '我的个人信息权利申请（最新的在前）' })
  rightsRequests(@CurrentParent() parent: ParentPrincipal): Promise<RightsRequestView[]> {
    return this.requests.listOfParent(parent.id);
  }

  @Post('rights-requests')
  @ApiOperation({ summary: '申请查阅、复制、更正、删除个人信息等（15 个工作日内答复；同时办理中的最多 5 件）' })
  fileRightsRequest(@CurrentParent() parent: ParentPrincipal, @Body() dto: CreateRightsRequestDto): Promise<RightsRequestView> {
    return this.requests.create(parent.id, dto);
  }
}

@ApiTags('工作人员：个人信息保护')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/privacy')
export class StaffPrivacyController {
  constructor(
    private readonly requests: RightsRequestsService,
    private readonly access: PersonalDataAccessLog,
    private readonly erasures: ErasureLog,
  ) {}

  @Get('rights-requests')
  @RequirePermission('privacy.rightsRequests')
  @ApiOperation({ summary: '家长的个人信息权利申请（最新的在前；列表只显示内容开头，查看详情记入访问记录）' })
  list(@Query() query: StaffRightsRequestQueryDto): Promise<Page<StaffRightsRequestView>> {
    return this.requests.list(query);
  }

  @Get('rights-requests/:id')
  @RequirePermission('privacy.rightsRequests')
  @ApiOperation({ summary: '一件权利申请的全部内容（记入个人信息访问记录）' })
  detail(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Meta() meta: RequestMeta): Promise<StaffRightsRequestView> {
    return this.requests.detail(staff, id, meta);
  }

  @Post('rights-requests/:id/reply')
  @HttpCode(200)
  @RequirePermission('privacy.rightsRequests')
  @ApiOperation({ summary: '答复权利申请：已办结或不予办理（只能答复一次；记入审计日志）' })
  reply(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: RightsRequestReplyDto, @Meta() meta: RequestMeta): Promise<StaffRightsRequestView> {
    return this.requests.reply(staff, id, dto, meta);
  }

  @Get('access-log')
  @RequirePermission('audit.read')
  @ApiOperation({ summary: '个人信息访问记录：哪位工作人员何时、为何查看或导出了家长的个人信息（最新的在前）' })
  accessLog(@Query() query: AccessLogQueryDto): Promise<Page<PersonalDataAccessView>> {
    return this.access.list(query);
  }

  @Get('erasures')
  @RequirePermission('audit.read')
  @ApiOperation({ summary: '删除记录：到期删除、注销和撤回同意所删除的数量（最新的在前）' })
  erasureLog(@Query() query: ErasureQueryDto): Promise<Page<ErasureRecordView>> {
    return this.erasures.list(query);
  }
}
