import { Module } from '@nestjs/common';
import { AccessTokenCache } from './access-token-cache';
import { AccessTokenRepository } from './access-token.repository';
import { WechatClient } from './wechat-client';
import { WechatHttp } from './wechat-http';

/** The WeChat API client: login codes, the shared access token, and (later) messages and content checks. */
@Module({
  providers: [WechatHttp, WechatClient, AccessTokenCache, AccessTokenRepository],
  exports: [WechatClient, WechatHttp],
})
export class WechatModule {}
