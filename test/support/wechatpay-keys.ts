import { createPrivateKey, createSign, generateKeyPairSync, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';

/** An RSA key pair and a self-signed certificate over it, as WeChat Pay issues merchants and signs with. */
export interface TestKeyPair {
  privateKey: KeyObject;
  /** PKCS#8 PEM (apiclient_key.pem). */
  privateKeyPem: string;
  /** SPKI PEM (a 微信支付公钥, pub_key.pem). */
  publicKeyPem: string;
  /** X.509 PEM (apiclient_cert.pem / wechatpay_*.pem). */
  certPem: string;
  /** The certificate's serial number, upper-case hex as WeChat writes it. */
  serial: string;
}

/**
 * Generates an RSA-2048 key and a self-signed X.509 certificate for it with node:crypto alone
 * (Node parses certificates but does not make them: the DER is written here). The serial is 20
 * random bytes, like WeChat's 40-hex-digit serials.
 */
export function testKeyPair(commonName: string): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serialBytes = randomBytes(20);
  serialBytes[0] = (serialBytes[0]! & 0x7f) | 0x10; // positive, no leading zero byte
  const sha256WithRsa = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const name = seq(set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
  const now = Date.now();
  const validity = seq(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 3650 * 86_400_000)));
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const tbs = seq(tlv(0xa0, tlv(0x02, Buffer.from([2]))), tlv(0x02, serialBytes), sha256WithRsa, name, validity, name, spki);
  const signature = createSign('RSA-SHA256').update(tbs).sign(privateKey);
  const der = seq(tbs, sha256WithRsa, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const certPem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END CERTIFICATE-----\n`;
  const serial = new X509Certificate(certPem).serialNumber.toUpperCase();
  return {
    privateKey,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    certPem,
    serial,
  };
}

export function keyFromPem(pem: string): KeyObject {
  return createPrivateKey(pem);
}

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

function seq(...parts: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(parts));
}

function set(...parts: Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat(parts));
}

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [40 * a + b];
  for (const n of rest) {
    const groups = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) groups.unshift((v & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(at: Date): Buffer {
  const text = at.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
  return tlv(0x17, Buffer.from(text, 'ascii'));
}
