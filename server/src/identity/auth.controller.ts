import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { StaffMe, TokenResponse } from '@gongkai/shared';
import { CurrentStaff, StaffAuthGuard } from '../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { Meta, type RequestMeta } from '../common/http/request-meta';
import { AuthService } from './auth.service';
import { StaffLoginDto } from './dto/staff-login.dto';

@ApiTags('登录')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('staff')
  @HttpCode(200)
  @ApiOperation({ summary: '工作人员登录，返回 Bearer 令牌' })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ description: 'LOGIN_LOCKED：失败次数过多，暂时锁定' })
  login(@Body() dto: StaffLoginDto, @Meta() meta: RequestMeta): Promise<TokenResponse> {
    return this.auth.staffLogin(dto, meta);
  }

  @Get('me')
  @UseGuards(StaffAuthGuard)
  @ApiBearerAuth()
  me(@CurrentStaff() staff: StaffPrincipal): Promise<StaffMe> {
    return this.auth.me(staff);
  }
}
