import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SynonymGroupView } from '@gongkai/shared';
import { CurrentStaff, RequirePermission, StaffAuthGuard } from '../../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Meta, type RequestMeta } from '../../common/http/request-meta';
import { SynonymDeleteQueryDto, SynonymGroupDto, UpdateSynonymGroupDto } from './dto/synonym-group.dto';
import { synonymGroupNotFound, SynonymsService } from './synonyms.service';

const groupId = new ParseIntPipe({ exceptionFactory: () => synonymGroupNotFound() });

/** The synonym groups search uses (学区 ~ 划片 ~ 招生范围), edited by staff who manage search. */
@ApiTags('工作人员：搜索')
@ApiBearerAuth()
@UseGuards(StaffAuthGuard)
@RequirePermission('search.manage')
@Controller('staff/search/synonyms')
export class SynonymsController {
  constructor(private readonly synonyms: SynonymsService) {}

  @Get()
  @ApiOperation({ summary: '全部同义词组（按编号）：家长搜索其中任一个词，也能找到含同组其他词的信息' })
  list(): Promise<SynonymGroupView[]> {
    return this.synonyms.list();
  }

  @Post()
  @ApiOperation({ summary: '新增一组同义词；某个词已在另一组时返回 409 SYNONYM_DUPLICATE；保存后搜索随即按新的同义词查找' })
  create(@CurrentStaff() staff: StaffPrincipal, @Body() dto: SynonymGroupDto, @Meta() meta: RequestMeta): Promise<SynonymGroupView> {
    return this.synonyms.create(staff, dto, meta);
  }

  @Put(':id')
  @ApiOperation({ summary: '修改一组同义词（整组替换）；version 与当前不符时返回 409 CONFLICT，某个词已在另一组时返回 409 SYNONYM_DUPLICATE' })
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', groupId) id: number, @Body() dto: UpdateSynonymGroupDto, @Meta() meta: RequestMeta): Promise<SynonymGroupView> {
    return this.synonyms.update(staff, id, dto, meta);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: '删除一组同义词；version 与当前不符时返回 409 CONFLICT' })
  remove(@CurrentStaff() staff: StaffPrincipal, @Param('id', groupId) id: number, @Query() query: SynonymDeleteQueryDto, @Meta() meta: RequestMeta): Promise<void> {
    return this.synonyms.remove(staff, id, query.version, meta);
  }
}
