import { Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import { SynonymsService } from './synonyms.service';

/** STUB (groundwork): GET/POST /staff/search/synonyms, PUT/DELETE /staff/search/synonyms/:id (search.manage). */
@ApiTags('工作人员：搜索')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/search/synonyms')
export class SynonymsController {
  constructor(readonly synonyms: SynonymsService) {}
}
