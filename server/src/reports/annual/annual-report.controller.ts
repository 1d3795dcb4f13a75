import { Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import { AnnualReportService } from './annual-report.service';

@ApiTags('工作人员：政府信息公开工作年度报告')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('report.edit')
@Controller('staff/reports')
export class AnnualReportController {
  constructor(readonly reports: AnnualReportService) {}
}
