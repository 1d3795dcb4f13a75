import { createDecipheriv, createPrivateKey, createPublicKey, createSign, createVerify, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import type { JsapiPayParams } from '@gongkai/shared';
import type { PayConfig } from '../config/app-config';
import { jsonDepthExceeds } from '../common/errors/json-body';

/** The largest notification body read (WeChat's are 1–2 KB); Fastify refuses larger ones before they are buffered whole. */
export const NOTIFY_BODY_MAX_BYTES = 64 * 1024;

/** No notification nests deeper than 4 (body → resource, decrypted → amount / payer). */
const NOTIFY_JSON_DEPTH_MAX = 8;

/**
 * The keys a platform signature may be checked with: each platform certificate by its serial
 * number (WeChat rotates them, so a file may hold several), and in the newer 微信支付公钥 mode the
 * public key by its id (`PUB_KEY_ID_…`, sent in Wechatpay-Serial). Both exist while a merchant
 * moves from one mode to the other.
 */
export class PlatformKeys {
  private readonly keys = new Map<string, KeyObject>();

  constructor(config: Pick<PayConfig, 'platformCert' | 'publicKey'>) {
    for (const pem of splitCertificates(config.platformCert ?? '')) {
      const cert = new X509Certificate(pem);
      this.keys.set(cert.serialNumber.toUpperCase(), cert.publicKey);
    }
    if (config.publicKey) this.keys.set(config.publicKey.id.toUpperCase(), createPublicKey(config.publicKey.pem));
  }

  /** The key named by a Wechatpay-Serial header (case does not matter: serials are hex), or null. */
  find(serial: string): KeyObject | null {
    return this.keys.get(serial.trim().toUpperCase()) ?? null;
  }
}

function splitCertificates(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}

/** The Wechatpay-* headers of a notification or an API answer. */
export interface PlatformSignatureHeaders {
  timestamp: string;
  nonce: string;
  signature: string;
  serial: string;
}

/** Reads the four Wechatpay-* headers (Node lower-cases header names); null when one is missing or malformed. */
export function signatureHeaders(headers: Record<string, string | string[] | undefined>): PlatformSignatureHeaders | null {
  const one = (name: string) => {
    const value = headers[name];
    return typeof value === 'string' ? value : null;
  };
  const timestamp = one('wechatpay-timestamp');
  const nonce = one('wechatpay-nonce');
  const signature = one('wechatpay-signature');
  const serial = one('wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial) return null;
  if (!/^\d{1,12}$/.test(timestamp) || nonce.length > 64 || !/^[A-Za-z0-9+/=]{1,1024}$/.test(signature) || !/^[A-Za-z0-9_]{1,64}$/.test(serial)) return null;
  return { timestamp, nonce, signature, serial };
}

/**
 * Checks WeChat Pay's SHA256withRSA signature over `timestamp\nnonce\nbody\n`, the body as the
 * bytes received (re-encoding a parsed body would change what was signed).
 */
export function platformSignatureValid(h: PlatformSignatureHeaders, body: Buffer, key: KeyObject): boolean {
  const verify = createVerify('RSA-SHA256');
  verify.update(`${h.timestamp}\n${h.nonce}\n`);
  verify.update(body);
  verify.update('\n');
  try {
    return verify.verify(key, h.signature, 'base64');
  } catch {
    return false;
  }
}

/** A refusal of a notification: the HTTP status WeChat gets, and the reason for the log (never personal data). */
export class NotificationRefused extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'NotificationRefused';
  }
}

/** A notification whose signature and GCM tag held: its id, event type and decrypted resource. */
export interface VerifiedNotification {
  id: string;
  eventType: string;
  resource: Record<string, unknown>;
}

/**
 * Everything that may be checked without the database, in the order that trusts nothing early:
 * size, the headers, the timestamp against our clock (replays of old notifications), the platform
 * signature over the raw bytes; only then is the body parsed, and its resource decrypted with the
 * GCM tag verified (wechatpay-node-v3's `decipher_gcm` skips `final()`, so a forged ciphertext
 * would decrypt there). Throws NotificationRefused.
 */
export function verifyNotification(
  headers: Record<string, string | string[] | undefined>,
  body: Buffer,
  nowSeconds: number,
  keys: PlatformKeys,
  config: Pick<PayConfig, 'apiV3Key' | 'maxSkewSeconds'>,
): VerifiedNotification {
  if (body.length > NOTIFY_BODY_MAX_BYTES) throw new NotificationRefused(413, `body of ${body.length} bytes is over the limit`);
  const h = signatureHeaders(headers);
  if (!h) throw new NotificationRefused(401, 'Wechatpay-* headers missing or malformed');
  if (Math.abs(nowSeconds - Number(h.timestamp)) > config.maxSkewSeconds) throw new NotificationRefused(401, `timestamp ${h.timestamp} is more than ${config.maxSkewSeconds} s from the clock`);
  const key = keys.find(h.serial);
  if (!key) throw new NotificationRefused(401, `no platform key with serial ${h.serial}`);
  if (!platformSignatureValid(h, body, key)) throw new NotificationRefused(401, 'platform signature does not verify');
  const parsed = parseObject(body, 'body');
  const { id, event_type: eventType, resource } = parsed;
  if (typeof id !== 'string' || !id || id.length > 64) throw new NotificationRefused(400, 'notification id missing');
  if (typeof eventType !== 'string' || !/^[A-Z_.]{1,40}$/.test(eventType)) throw new NotificationRefused(400, 'event_type missing');
  const r = resource as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new NotificationRefused(400, 'resource missing');
  if (r.algorithm !== 'AEAD_AES_256_GCM') throw new NotificationRefused(400, 'resource algorithm is not AEAD_AES_256_GCM');
  const { ciphertext, nonce, associated_data: aad } = r;
  if (typeof ciphertext !== 'string' || typeof nonce !== 'string' || (aad !== undefined && typeof aad !== 'string')) throw new NotificationRefused(400, 'resource fields missing');
  const plain = decryptResource(ciphertext, aad ?? '', nonce, config.apiV3Key);
  if (plain === null) throw new NotificationRefused(400, 'resource does not decrypt (GCM tag)');
  return { id, eventType, resource: parseObject(plain, 'resource') };
}

function parseObject(bytes: Buffer, what: string): Record<string, unknown> {
  if (jsonDepthExceeds(bytes, NOTIFY_JSON_DEPTH_MAX)) throw new NotificationRefused(400, `${what} nests too deep`);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new NotificationRefused(400, `${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new NotificationRefused(400, `${what} is not a JSON object`);
  return value as Record<string, unknown>;
}

/**
 * AEAD_AES_256_GCM with the APIv3 key: the last 16 bytes of the ciphertext are the tag, and
 * `final()` throws unless it matches the key, nonce, associated data and ciphertext. Null when
 * it does not (or the input is malformed).
 */
export function decryptResource(ciphertextB64: string, associatedData: string, nonce: string, apiV3Key: string): Buffer | null {
  const bytes = Buffer.from(ciphertextB64, 'base64');
  const key = Buffer.from(apiV3Key, 'utf8');
  if (bytes.length <= 16 || key.length !== 32 || !nonce || nonce.length > 64) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'utf8'), { authTagLength: 16 });
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * What `Taro.requestPayment` needs for a prepay id, signed SHA256withRSA with the merchant's key
 * over `appId\ntimeStamp\nnonceStr\npackage\n` (WeChat's JSAPI 调起支付签名). Signed here rather
 * than by the library, whose nonce comes from Math.random and whose timestamp ignores our clock.
 */
export function jsapiPayParams(appId: string, prepayId: string, nowSeconds: number, privateKey: KeyObject | string): JsapiPayParams {
  const timeStamp = String(nowSeconds);
  const nonceStr = randomBytes(16).toString('hex');
  const pkg = `prepay_id=${prepayId}`;
  const paySign = createSign('RSA-SHA256').update(`${appId}\n${timeStamp}\n${nonceStr}\n${pkg}\n`).sign(typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey, 'base64');
  return { appId, timeStamp, nonceStr, package: pkg, signType: 'RSA', paySign };
}
