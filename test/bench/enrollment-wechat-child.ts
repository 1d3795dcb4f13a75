import type { PushFieldType } from '../../shared/src/push/template-fields';
import { FakeWechat } from '../fakes/wechat/fake-wechat';

/**
 * The fake WeChat of the enrollment-day scenario, in its own process (as the push part's
 * `fake-wechat-child.ts`, whose event loop is likewise shared with nothing): `count` parents
 * `${prefix}-N` each granted one subscribe message, sends answered after `latencyMs`. Run as
 * `node enrollment-wechat-child.ts '<json options>'`; prints one JSON line `{"fakeReady": url}`.
 *
 * Bench-only routes:
 * - `GET /__bench/stats`: subscribe messages accepted, distinct openids, openids outside the
 *   expected set, and the first and last acceptance times (epoch ms, this machine's clock);
 * - `GET /__bench/code?openid=…`: a wx.login code for that openid, so the bench can sign parents
 *   in over HTTP (`POST /auth/wechat`) as the mini-program does.
 */
export interface EnrollmentWechatOptions {
  prefix: string;
  count: number;
  templateId: string;
  fields: Record<string, PushFieldType>;
  latencyMs: number;
}

if (require.main === module) {
  const o = JSON.parse(process.argv[2] ?? '{}') as EnrollmentWechatOptions;
  const wechat = new FakeWechat();
  wechat.logRequests = false;
  wechat.registerTemplate('subscribe', o.templateId, o.fields);
  for (let i = 0; i < o.count; i++) wechat.grantQuota(`${o.prefix}-${i}`, o.templateId, 1);
  wechat.latency('/cgi-bin/message/subscribe/send', o.latencyMs);
  wechat.route('GET', '/__bench/stats', () => {
    const delivered = wechat.delivered('subscribe');
    const openids = new Set<string>();
    let foreign = 0;
    let firstAt: number | null = null;
    let lastAt: number | null = null;
    for (const d of delivered) {
      openids.add(d.openid);
      const n = d.openid.startsWith(`${o.prefix}-`) ? Number(d.openid.slice(o.prefix.length + 1)) : NaN;
      if (!Number.isInteger(n) || n < 0 || n >= o.count) foreign++;
      firstAt = firstAt === null ? d.at : Math.min(firstAt, d.at);
      lastAt = lastAt === null ? d.at : Math.max(lastAt, d.at);
    }
    return { body: { delivered: delivered.length, unique: openids.size, foreign, firstAt, lastAt } };
  });
  wechat.route('GET', '/__bench/code', ({ query }) => ({ body: { code: wechat.issueCode({ openid: String(query.openid), unionid: `u-${String(query.openid)}` }) } }));
  void wechat.start().then(() => console.log(JSON.stringify({ fakeReady: wechat.url, appid: wechat.appid, secret: wechat.secret })));
  process.on('SIGTERM', () => void wechat.stop().then(() => process.exit(0)));
}
