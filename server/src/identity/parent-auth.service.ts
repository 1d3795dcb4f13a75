import { Inject, Injectable } from '@nestjs/common';
import type { AuthOptions, ParentMe, TokenResponse } from '@gongkai/shared';
import type { ParentPrincipal } from '../common/auth/parent-auth.guard';
import { Tokens } from '../common/auth/tokens';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { WechatClient } from '../wechat/wechat-client';
import type { ParentProfileUpdateDto } from './dto/parent-profile.dto';
import { WechatLoginDto } from './dto/wechat-login.dto';
import { ParentAccountsRepository } from './parent-accounts.repository';

export const WECHAT_PARENT_NAME = '微信用户';
export const DEMO_PARENT_NAME = '演示家长';

/**
 * Parent sign-in: from the mini-program with a wx.login code, or in the embedded demo without
 * one. Parents' sign-ins are not audited (the audit log is for staff changes). The openid,
 * unionid and session_key stay on the server; session_key is not even stored.
 */
@Injectable()
export class ParentAuthService {
  constructor(
    private readonly wechat: WechatClient,
    private readonly parents: ParentAccountsRepository,
    private readonly tokens: Tokens,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  options(): AuthOptions {
    return { wechat: this.wechat.configured, demo: this.config.demo.enabled };
  }

  async wechatLogin(dto: WechatLoginDto): Promise<TokenResponse> {
    const { openid, unionid } = await this.wechat.code2Session(dto.code);
    const parent = await this.parents.signInByOpenid(openid, unionid, WECHAT_PARENT_NAME, this.clock.now());
    return this.tokens.issue('parent', parent.id);
  }

  async demoLogin(): Promise<TokenResponse> {
    if (!this.config.demo.enabled) throw new ApiError(403, 'DEMO_DISABLED', '当前环境未开放演示登录');
    const parent = await this.parents.createDemo(DEMO_PARENT_NAME, this.clock.now());
    return this.tokens.issue('parent', parent.id);
  }

  /** The parent corrects their own name (PIPL's right to correction); the DTO has trimmed and checked it. */
  async rename(principal: ParentPrincipal, dto: ParentProfileUpdateDto): Promise<ParentMe> {
    await this.parents.rename(principal.id, dto.displayName);
    return this.me(principal);
  }

  async me(principal: ParentPrincipal): Promise<ParentMe> {
    const parent = await this.parents.findById(principal.id);
    if (!parent || parent.cancelledAt) throw new ApiError(401, 'UNAUTHENTICATED', '登录状态无效，请重新登录');
    return { id: parent.id, displayName: parent.displayName, demo: parent.demo, createdAt: parent.createdAt.toISOString() };
  }
}
