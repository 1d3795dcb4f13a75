import { Body, Controller, Get, Patch, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ParentMe } from '@gongkai/shared';
import { CurrentParent, ParentAuthGuard, type ParentPrincipal } from '../common/auth/parent-auth.guard';
import { ParentProfileUpdateDto } from './dto/parent-profile.dto';
import { ParentAuthService } from './parent-auth.service';

@ApiTags('家长')
@ApiBearerAuth()
@UseGuards(ParentAuthGuard)
@Controller('parents')
export class ParentsController {
  constructor(private readonly parents: ParentAuthService) {}

  @Get('me')
  @ApiOperation({ summary: '当前登录的家长' })
  me(@CurrentParent() parent: ParentPrincipal): Promise<ParentMe> {
    return this.parents.me(parent);
  }

  @Patch('me')
  @ApiOperation({ summary: '更正我的账号名称' })
  update(@CurrentParent() parent: ParentPrincipal, @Body() dto: ParentProfileUpdateDto): Promise<ParentMe> {
    return this.parents.rename(parent, dto);
  }

  /** The same correction for the mini-program: WeChat's wx.request has no PATCH. */
  @Put('me')
  @ApiOperation({ summary: '更正我的账号名称（同 PATCH，供小程序使用）' })
  replace(@CurrentParent() parent: ParentPrincipal, @Body() dto: ParentProfileUpdateDto): Promise<ParentMe> {
    return this.parents.rename(parent, dto);
  }
}
