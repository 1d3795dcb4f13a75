import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { AuditEntryView, Page } from '@gongkai/shared';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { RequirePermission, StaffAuthGuard } from '../auth/staff-auth.guard';
import { PageQueryDto } from '../paging/page-query.dto';
import { AuditService } from './audit.service';

class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'notice' })
  @IsOptional()
  @IsString({ message: 'entityType 须为文字' })
  @MaxLength(40, { message: 'entityType 过长' })
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'entityId 须为文字' })
  @MaxLength(60, { message: 'entityId 过长' })
  entityId?: string;
}

/** Read-only on purpose: the audit log has no update or delete route. */
@ApiTags('管理员：审计日志')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('audit.read')
@Controller('staff/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEntryView>> {
    return this.audit.list(query);
  }
}
