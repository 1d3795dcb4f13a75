import type { PushFieldType } from '../../shared/src/push/template-fields';
import { FakeWechat } from '../fakes/wechat/fake-wechat';

/**
 * The fake WeChat for the push benchmark, in its own process so that its event loop is shared
 * neither with the bench's load loop nor with the measuring code. Run as
 * `node fake-wechat-child.ts '<json options>'`; prints one JSON line `{"fakeReady": url}`.
 *
 * Besides the WeChat endpoints it answers two bench-only routes:
 * - `GET /__bench/stats`: deliveries so far, distinct openids, openids outside the expected
 *   set, and the first delivery (template, page, data) for the baseline to replay;
 * - `POST /__bench/reset`: forgets deliveries and grants every expected openid one acceptance again.
 */
export interface FakeChildOptions {
  prefix: string;
  count: number;
  templateId: string;
  fields: Record<string, PushFieldType>;
  latencyMs: number;
}

const SEND = '/cgi-bin/message/subscribe/send';

if (require.main === module) {
  const o = JSON.parse(process.argv[2] ?? '{}') as FakeChildOptions;
  const wechat = new FakeWechat();
  wechat.logRequests = false;
  wechat.registerTemplate('subscribe', o.templateId, o.fields);
  const grant = () => {
    for (let i = 0; i < o.count; i++) wechat.grantQuota(`${o.prefix}-${i}`, o.templateId, 1);
  };
  grant();
  wechat.latency(SEND, o.latencyMs);
  wechat.route('GET', '/__bench/stats', () => {
    const delivered = wechat.delivered('subscribe');
    const openids = new Set<string>();
    let foreign = 0;
    for (const d of delivered) {
      openids.add(d.openid);
      const n = d.openid.startsWith(`${o.prefix}-`) ? Number(d.openid.slice(o.prefix.length + 1)) : NaN;
      if (!Number.isInteger(n) || n < 0 || n >= o.count) foreign++;
    }
    const first = delivered[0];
    const last = delivered[delivered.length - 1];
    return {
      body: {
        delivered: delivered.length,
        unique: openids.size,
        foreign,
        firstAt: first?.at ?? null,
        lastAt: last?.at ?? null,
        sample: first ? { templateId: first.templateId, page: first.page, data: first.data } : null,
      },
    };
  });
  wechat.route('POST', '/__bench/reset', () => {
    wechat.messages.clear(); // deliveries and quotas; templates and latencies stay
    grant();
    return { body: { ok: true } };
  });
  void wechat.start().then(() => console.log(JSON.stringify({ fakeReady: wechat.url, appid: wechat.appid, secret: wechat.secret })));
  process.on('SIGTERM', () => void wechat.stop().then(() => process.exit(0)));
}
