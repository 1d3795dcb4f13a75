import { createCipheriv, createSign, createVerify, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { NOTIFY_BODY_MAX_BYTES, NotificationRefused, PlatformKeys, decryptResource, jsapiPayParams, verifyNotification } from './wechatpay-crypto';

const API_V3_KEY = 'specApiV3Key0123456789abcdefABCD';
const KEY_ID = 'PUB_KEY_ID_0114232134912410000000000000';
const NOW = 1_796_000_000;

const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keys = new PlatformKeys({ platformCert: null, publicKey: { id: KEY_ID, pem: platform.publicKey.export({ type: 'spki', format: 'pem' }).toString() } });
const config = { apiV3Key: API_V3_KEY, maxSkewSeconds: 300 };

function encrypt(plain: string, nonce = 'abcdef123456', aad = 'transaction'): string {
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(API_V3_KEY), Buffer.from(nonce));
  cipher.setAAD(Buffer.from(aad));
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
}

function notification(resource: object, options: { timestamp?: number; key?: KeyObject; serial?: string; ciphertext?: string } = {}) {
  const body = Buffer.from(
    JSON.stringify({
      id: 'EV-2018022511223320873',
      event_type: 'TRANSACTION.SUCCESS',
      resource: { algorithm: 'AEAD_AES_256_GCM', ciphertext: options.ciphertext ?? encrypt(JSON.stringify(resource)), associated_data: 'transaction', nonce: 'abcdef123456' },
    }),
  );
  const timestamp = String(options.timestamp ?? NOW);
  const nonce = 'n0nce';
  const signature = createSign('RSA-SHA256')
    .update(Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), body, Buffer.from('\n')]))
    .sign(options.key ?? platform.privateKey, 'base64');
  const headers = { 'wechatpay-timestamp': timestamp, 'wechatpay-nonce': nonce, 'wechatpay-signature': signature, 'wechatpay-serial': options.serial ?? KEY_ID };
  return { body, headers };
}

function refusal(run: () => unknown): [number, string] {
  try {
    run();
  } catch (error) {
    if (error instanceof NotificationRefused) return [error.status, error.reason];
    throw error;
  }
  throw new Error('not refused');
}

describe('verifyNotification', () => {
  const resource = { mchid: '1900000109', out_trade_no: 'GK20261206103456K3M9QX2A', amount: { total: 2000 } };

  it('returns the decrypted resource of a notification signed by the platform key its serial names', () => {
    const { body, headers } = notification(resource);
    expect(verifyNotification(headers, body, NOW + 299, keys, config)).toEqual({ id: 'EV-2018022511223320873', eventType: 'TRANSACTION.SUCCESS', resource });
    // The serial's case does not matter (hex serials are written both ways).
    expect(verifyNotification({ ...headers, 'wechatpay-serial': KEY_ID.toLowerCase() }, body, NOW, keys, config).id).toBe('EV-2018022511223320873');
  });

  it('refuses a missing header, a timestamp more than 300 s off, an unknown serial and a signature by another key, before parsing', () => {
    const { body, headers } = notification(resource);
    const { 'wechatpay-signature': _dropped, ...unsigned } = headers;
    expect(refusal(() => verifyNotification(unsigned, body, NOW, keys, config))).toEqual([401, 'Wechatpay-* headers missing or malformed']);
    expect(refusal(() => verifyNotification(headers, body, NOW + 301, keys, config))).toEqual([401, `timestamp ${NOW} is more than 300 s from the clock`]);
    expect(refusal(() => verifyNotification(headers, body, NOW - 301, keys, config))[0]).toBe(401);
    const other = notification(resource, { serial: 'PUB_KEY_ID_0999' });
    expect(refusal(() => verifyNotification(other.headers, other.body, NOW, keys, config))).toEqual([401, 'no platform key with serial PUB_KEY_ID_0999']);
    const forged = notification(resource, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey });
    expect(refusal(() => verifyNotification(forged.headers, forged.body, NOW, keys, config))).toEqual([401, 'platform signature does not verify']);
    // One byte of the body changed after signing; and a body that is not even JSON is refused for its signature, not its syntax.
    const changed = Buffer.from(body.toString().replace('2018', '2019'));
    expect(refusal(() => verifyNotification(headers, changed, NOW, keys, config))[1]).toBe('platform signature does not verify');
    expect(refusal(() => verifyNotification(headers, Buffer.from('{"id":'), NOW, keys, config))[1]).toBe('platform signature does not verify');
  });

  it('refuses a resource whose GCM tag does not verify, even when the signature over it does', () => {
    const ciphertext = Buffer.from(encrypt(JSON.stringify(resource)), 'base64');
    ciphertext[ciphertext.length - 1]! ^= 1;
    const { body, headers } = notification(resource, { ciphertext: ciphertext.toString('base64') });
    expect(refusal(() => verifyNotification(headers, body, NOW, keys, config))).toEqual([400, 'resource does not decrypt (GCM tag)']);
  });

  it('refuses a body over 64 KB and JSON nested too deep', () => {
    expect(refusal(() => verifyNotification({}, Buffer.alloc(NOTIFY_BODY_MAX_BYTES + 1), NOW, keys, config))[0]).toBe(413);
    const deep = notification(resource);
    const nested = Buffer.from('['.repeat(20) + ']'.repeat(20));
    const signature = createSign('RSA-SHA256').update(`${NOW}\nn0nce\n${nested.toString()}\n`).sign(platform.privateKey, 'base64');
    expect(refusal(() => verifyNotification({ ...deep.headers, 'wechatpay-signature': signature }, nested, NOW, keys, config))).toEqual([400, 'body nests too deep']);
  });
});

describe('decryptResource', () => {
  it('decrypts with the key, nonce and associated data, and returns null when any of them or the tag differs', () => {
    const ciphertext = encrypt('{"a":1}', 'nonce0000001', 'refund');
    expect(decryptResource(ciphertext, 'refund', 'nonce0000001', API_V3_KEY)?.toString()).toBe('{"a":1}');
    expect(decryptResource(ciphertext, 'transaction', 'nonce0000001', API_V3_KEY)).toBeNull();
    expect(decryptResource(ciphertext, 'refund', 'nonce0000002', API_V3_KEY)).toBeNull();
    expect(decryptResource(ciphertext, 'refund', 'nonce0000001', 'x'.repeat(32))).toBeNull();
    expect(decryptResource('AAAA', 'refund', 'nonce0000001', API_V3_KEY)).toBeNull();
  });
});

describe('jsapiPayParams', () => {
  it('signs appId, timeStamp, nonceStr and package with the merchant key, one per line', () => {
    const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const p = jsapiPayParams('wx8888888888888888', 'wx201410272009395522657a690389285100', NOW, merchant.privateKey);
    expect(p).toMatchObject({ appId: 'wx8888888888888888', timeStamp: String(NOW), package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA' });
    expect(p.nonceStr).toMatch(/^[0-9a-f]{32}$/);
    const message = `wx8888888888888888\n${NOW}\n${p.nonceStr}\nprepay_id=wx201410272009395522657a690389285100\n`;
    expect(createVerify('RSA-SHA256').update(message).verify(merchant.publicKey, p.paySign, 'base64')).toBe(true);
  });
});
