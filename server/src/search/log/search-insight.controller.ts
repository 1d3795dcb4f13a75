import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SearchInsight } from '@gongkai/shared';
import { RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import { SearchInsightQueryDto } from './dto/search-insight-query.dto';
import { SearchLog } from './search-log.service';

/** What parents searched, for staff who manage search: counted per day, masked, without who searched. */
@ApiTags('工作人员：搜索')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@Controller('staff/search')
export class SearchInsightController {
  constructor(private readonly log: SearchLog) {}

  @Get('insight')
  @RequirePermission('search.manage')
  @ApiOperation({
    summary: '家长搜索了什么：总次数、搜索最多的词、没有结果的词、每天的次数',
    description:
      '查询词不含搜索人，手机号、身份证号、邮箱和门牌号已替换为〔电话〕等；from、to 为北京时间日期（含），都不填时为最近 30 天，范围最长 366 天。各服务器每分钟（SEARCH_LOG_FLUSH_MS）写入一次，刚发生的搜索稍后才计入。',
  })
  insight(@Query() query: SearchInsightQueryDto): Promise<SearchInsight> {
    return this.log.insight(query.from, query.to);
  }
}
