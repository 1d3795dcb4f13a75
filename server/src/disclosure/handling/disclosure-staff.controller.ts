import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DisclosureAlerts, DisclosureCreated, Page, StaffDisclosureListItem, StaffDisclosureView } from '@gongkai/shared';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { ApiError } from '../../common/errors/api-error';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import { NOT_FOUND_MESSAGE } from '../disclosure-steps.service';
import {
  ConsultationDto,
  ConsultationEndDto,
  DisclosureNoteDto,
  DisclosureVersionDto,
  ExtensionDto,
  ExtensionRefusalDto,
  PaperSupplementDto,
  StaffDisclosureQueryDto,
  StaffEnterDisclosureRequestDto,
  SupplementNoticeDto,
} from '../dto/staff-disclosure.dto';
import { DisclosureHandlingService } from './disclosure-handling.service';

const requestId = new ParseIntPipe({ exceptionFactory: () => ApiError.notFound(NOT_FOUND_MESSAGE) });

@ApiTags('工作人员：依申请公开')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('disclosure.handle')
@Controller('staff/disclosure')
export class DisclosureStaffController {
  constructor(private readonly handling: DisclosureHandlingService) {}

  @Post('requests')
  @ApiOperation({ summary: '登记当面提交、邮寄或传真的申请（登记人为办理人；收到日期按申请方式确定，当面提交为当天）' })
  enter(@CurrentStaff() staff: StaffPrincipal, @Body() dto: StaffEnterDisclosureRequestDto, @Meta() meta: RequestMeta): Promise<DisclosureCreated> {
    return this.handling.enter(staff, dto, meta);
  }

  @Get('requests')
  @ApiOperation({ summary: '申请列表：open 未办结（已超期的在前，再按剩余时间，暂停和待补正的在后）；approval 待负责人审批；finished 已办结；all 全部' })
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: StaffDisclosureQueryDto): Promise<Page<StaffDisclosureListItem>> {
    return this.handling.list(staff, query);
  }

  @Get('alerts')
  @ApiOperation({ summary: '工作台提醒：已超期、3 个工作日内到期、待确认收到、待我审批的申请数' })
  alerts(@CurrentStaff() staff: StaffPrincipal): Promise<DisclosureAlerts> {
    return this.handling.alerts(staff);
  }

  @Get('requests/:id')
  @ApiOperation({ summary: '申请详情和办理过程（申请人身份信息仅对办理人完整显示，完整查看记入个人信息访问记录）' })
  view(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Meta() meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.handling.view(staff, id, meta);
  }

  @Post('requests/:id/confirm-receipt')
  @HttpCode(200)
  @ApiOperation({ summary: '确认收到网上申请（以确认之日为收到申请之日；确认人为办理人）' })
  confirmReceipt(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: DisclosureVersionDto, @Meta() meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.handling.confirmReceipt(staff, id, dto.version, meta);
  }

  @Post('requests/:id/supplement-request')
  @HttpCode(200)
  @ApiOperation({ summary: '一次性告知补正（收到申请之日起 7 个工作日内；答复期限停止计算）' })
  supplementRequest(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: SupplementNoticeDto, @Meta() meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.handling.supplementRequest(staff, id, dto, meta);
  }

  @Post('requests/:id/supplement')
  @HttpCode(200)
  @ApiOperation({ summary: '登记书面补正材料（答复期限自收到补正之日起重新计算）' })
  supplement(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: PaperSupplementDto, @Meta() meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.handling.supplement(staff, id, dto, meta);
  }

  @Post('requests/:id/consultation')
  @HttpCode(200)
  @ApiOperation({ summary: '征求第三方意见（所需时间不计入答复期限）' })
  consultation(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: ConsultationDto, @Meta() meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.handling.consultation(staff, id, dto, meta);
  }

  @Post('requests/:id/consultation/end')
  @HttpCode(200)
  @ApiOperation({ summary: '第三方意见征求完毕（答复期限继续计算）' })
  consultationEnd(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: ConsultationEndDto, @Meta() meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.handling.consultationEnd(staff, id, dto, meta);
  }

  @Post('requests/:id/extension')
  @HttpCode(200)
  @ApiOperation({ summary: '申请延期答复（累计不超过 20 个工作日，须负责人批准）' })
  extension(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: ExtensionDto, @Meta() meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.handling.extension(staff, id, dto, meta);
  }

  @Post('requests/:id/extension/approve')
  @HttpCode(200)
  @RequirePermission('disclosure.approve')
  @ApiOperation({ summary: '批准延期答复（负责人；不能批准本人申请的延期），告知申请人' })
  approveExtension(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: DisclosureVersionDto, @Meta() meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.handling.approveExtension(staff, id, dto.version, meta);
  }

  @Post('requests/:id/extension/refuse')
  @HttpCode(200)
  @RequirePermission('disclosure.approve')
  @ApiOperation({ summary: '不同意延期（负责人；须说明理由）' })
  refuseExtension(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: ExtensionRefusalDto, @Meta() meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.handling.refuseExtension(staff, id, dto, meta);
  }

  @Post('requests/:id/notes')
  @HttpCode(200)
  @ApiOperation({ summary: '内部备注（申请人看不到）' })
  note(@CurrentStaff() staff: StaffPrincipal, @Param('id', requestId) id: number, @Body() dto: DisclosureNoteDto, @Meta() meta: RequestMeta): Promise<StaffDisclosureView> {
    return this.handling.note(staff, id, dto, meta);
  }
}
