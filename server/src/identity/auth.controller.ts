import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthOptions, StaffMe, TokenResponse } from '@gongkai/shared';
import { CurrentStaff, StaffAuthGuard } from '../common/auth/staff-auth.guard';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { Meta, type RequestMeta } from '../common/http/request-meta';
import { RateLimited } from '../common/rate-limit/rate-limiter';
import { AuthService } from './auth.service';
import { StaffLoginDto } from './dto/staff-login.dto';
import { StaffPasswordChangeDto } from './dto/staff-password.dto';
import { WechatLoginDto } from './dto/wechat-login.dto';
import { ParentAuthService } from './parent-auth.service';

@ApiTags('登录')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly parents: ParentAuthService,
  ) {}

  @Post('staff')
  @HttpCode(200)
  @ApiOperation({ summary: '工作人员登录，返回 Bearer 令牌' })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ description: 'LOGIN_LOCKED：失败次数过多，暂时锁定' })
  login(@Body() dto: StaffLoginDto, @Meta() meta: RequestMeta): Promise<TokenResponse> {
    return this.auth.staffLogin(dto, meta);
  }

  @Post('staff/password')
  @HttpCode(200)
  @UseGuards(StaffAuthGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: '工作人员修改自己的密码：需当前密码，其他登录全部失效，返回新的令牌' })
  @ApiBadRequestResponse({ description: 'CURRENT_PASSWORD_WRONG：当前密码不正确；VALIDATION_FAILED：新密码不符合要求' })
  @ApiTooManyRequestsResponse({ description: 'LOGIN_LOCKED：失败次数过多，暂时锁定' })
  changePassword(@CurrentStaff() staff: StaffPrincipal, @Body() dto: StaffPasswordChangeDto, @Meta() meta: RequestMeta): Promise<TokenResponse> {
    return this.auth.changeOwnPassword(staff, dto, meta);
  }

  @Get('me')
  @UseGuards(StaffAuthGuard)
  @ApiBearerAuth()
  me(@CurrentStaff() staff: StaffPrincipal): Promise<StaffMe> {
    return this.auth.me(staff);
  }

  @Get('options')
  @ApiOperation({ summary: '本服务提供哪些家长登录方式（微信、演示）' })
  options(): AuthOptions {
    return this.parents.options();
  }

  @Post('wechat')
  @HttpCode(200)
  @ApiOperation({ summary: '家长用小程序 wx.login 的 code 登录，返回 Bearer 令牌' })
  @ApiUnauthorizedResponse({ description: 'WECHAT_CODE_INVALID：code 无效或已使用' })
  @ApiServiceUnavailableResponse({ description: 'WECHAT_NOT_CONFIGURED：未配置小程序；WECHAT_UNAVAILABLE：微信接口暂不可用' })
  @RateLimited('wechatSignIn')
  wechat(@Body() dto: WechatLoginDto): Promise<TokenResponse> {
    return this.parents.wechatLogin(dto);
  }

  @Post('demo')
  @HttpCode(200)
  @ApiOperation({ summary: '演示环境：以新的演示家长登录' })
  @ApiForbiddenResponse({ description: 'DEMO_DISABLED：当前环境未开放演示登录' })
  @RateLimited('demoSignIn')
  demo(): Promise<TokenResponse> {
    return this.parents.demoLogin();
  }
}
