import { Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import { SearchLog } from './search-log.service';

/** STUB (groundwork): GET /staff/search/insight?from=&to= (search.manage). */
@ApiTags('工作人员：搜索')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/search')
export class SearchInsightController {
  constructor(readonly log: SearchLog) {}
}
