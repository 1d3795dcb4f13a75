import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeWechatPay, type FakeWechatPayOptions } from '../fakes/wechatpay/fake-wechatpay';

export interface WechatPayFixture {
  fake: FakeWechatPay;
  /** WECHATPAY_* (and the mini-program AppID) for the server under test, pointing at the fake. */
  env: Record<string, string>;
  /** Where the key files are. */
  dir: string;
  /** Stops the fake and removes the key files. */
  stop(): Promise<void>;
}

/**
 * Starts a fake WeChat Pay and writes the merchant's key and certificate and the platform's
 * certificate (or, in public-key mode, the 微信支付公钥) to files, as a deployment has them.
 * After the server starts, `fake.notifyTo = server.baseUrl + '/wechat/pay/notify'` and
 * `fake.now = () => server.clock.nowMs()`.
 */
export async function startFakeWechatPay(options: FakeWechatPayOptions = {}): Promise<WechatPayFixture> {
  const fake = await new FakeWechatPay(options).start();
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-wechatpay-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text, { mode: 0o600 });
    return path;
  };
  const env: Record<string, string> = {
    WECHAT_MINI_APPID: fake.appid,
    WECHAT_MINI_SECRET: 'fake-app-secret-0123456789abcdef',
    WECHATPAY_MCHID: fake.mchid,
    WECHATPAY_SERIAL: fake.merchant.serial,
    WECHATPAY_PRIVATE_KEY: file('apiclient_key.pem', fake.merchant.privateKeyPem),
    WECHATPAY_MERCHANT_CERT: file('apiclient_cert.pem', fake.merchant.certPem),
    WECHATPAY_API_V3_KEY: fake.apiV3Key,
    WECHATPAY_API_BASE: fake.url,
    WECHATPAY_TIMEOUT_MS: '2000',
  };
  if (fake.mode === 'certificate') env.WECHATPAY_PLATFORM_CERT = file('wechatpay_platform.pem', fake.platform.certPem);
  else Object.assign(env, { WECHATPAY_PUBLIC_KEY: file('pub_key.pem', fake.platformPublicKeyPem), WECHATPAY_PUBLIC_KEY_ID: fake.publicKeyId });
  return {
    fake,
    env,
    dir,
    stop: async () => {
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
