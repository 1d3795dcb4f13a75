import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../common/clock/clock';
import { PaymentsService } from './payments.service';
import { WechatPayClient } from './wechatpay-client';
import { NOTIFY_BODY_MAX_BYTES, NotificationRefused, verifyNotification } from './wechatpay-crypto';

/** Outside /api/v1, beside the official account's callback: the notify_url given to WeChat Pay (PUBLIC_BASE_URL + this). */
export const PAY_NOTIFY_PATH = '/wechat/pay/notify';

/**
 * `POST /wechat/pay/notify`: WeChat Pay's payment and refund notifications. A Fastify route of
 * its own, in a context whose only body parser keeps the raw bytes (at most 64 KB): the platform
 * signature is over those bytes, and nothing is parsed before it verifies (the app's JSON parser
 * would parse first). Answers 204 once the payment is durable; any refusal 4xx/5xx with WeChat's
 * `{code:'FAIL', message}` (WeChat then retries), logged with its reason and no personal data.
 */
@Injectable()
export class PaymentNotifyRoute implements OnModuleInit {
  private readonly logger = new Logger('PaymentNotify');

  constructor(
    private readonly adapter: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly payments: PaymentsService,
    private readonly wechat: WechatPayClient,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // The CLI's context has the module but no HTTP server.
    const http = this.adapter.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    if (!http) return;
    const fastify = http.getInstance<FastifyInstance>();
    void fastify.register(async (child) => {
      child.removeAllContentTypeParsers();
      child.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: NOTIFY_BODY_MAX_BYTES }, (_request, body, done) => done(null, body));
      // Too large, unreadable: WeChat's failure shape rather than Fastify's.
      child.setErrorHandler((error: { statusCode?: number; code?: string }, _request, reply) => {
        const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
        this.logger.warn(`payment notification refused: ${error.code ?? 'error'} (${status})`);
        void reply.status(status).type('application/json; charset=utf-8').send({ code: 'FAIL', message: status === 413 ? '请求体过大' : '请求无法读取' });
      });
      child.post(PAY_NOTIFY_PATH, (request, reply) => this.handle(request, reply));
    });
  }

  private async handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.header('cache-control', 'no-store');
    if (!this.config.pay || !this.wechat.keys) return this.fail(reply, 503, 'WeChat Pay is not configured', '未开通微信支付');
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    try {
      const verified = verifyNotification(request.headers, body, this.clock.nowSeconds(), this.wechat.keys, this.config.pay);
      await this.payments.notified(verified);
      void reply.status(204).send();
    } catch (error) {
      if (error instanceof NotificationRefused) return this.fail(reply, error.status, error.reason, error.status === 401 ? '签名验证失败' : '通知内容无效');
      // A database or hook failure: WeChat retries later.
      this.logger.error(`payment notification failed (request ${String(request.id)}): ${error instanceof Error ? error.name : 'error'}`, error instanceof Error ? (error.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).join('\n') : undefined);
      return this.fail(reply, 500, null, '系统繁忙，请稍后重试');
    }
  }

  private fail(reply: FastifyReply, status: number, reason: string | null, message: string): void {
    if (reason) this.logger.warn(`payment notification refused (${status}): ${reason}`);
    void reply.status(status).type('application/json; charset=utf-8').send(JSON.stringify({ code: 'FAIL', message }));
  }
}
