import { OaCryptoError, OaMessageCrypto, isEncodingAesKey, oaSignature, signatureMatches } from './crypto';

// WeChat's own sample (see shared/notes/WECHAT.md).
const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APPID = 'wxb11529c136998cb6';
const RANDOM = Buffer.from('aaaabbbbccccdddd');
const MESSAGE = '我是中文abcd123';
const ENCRYPTED = 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==';

describe('official-account message crypto', () => {
  const crypto = new OaMessageCrypto(KEY, APPID);

  it('encrypts WeChat\'s public sample to its published ciphertext', () => {
    expect(crypto.encrypt(MESSAGE, RANDOM)).toBe(ENCRYPTED);
  });

  it('decrypts the published ciphertext', () => {
    expect(crypto.decrypt(ENCRYPTED)).toBe(MESSAGE);
  });

  it('round-trips messages of every length across the 32-byte padding boundary', () => {
    for (let n = 0; n < 70; n++) {
      const message = 'x'.repeat(n);
      const encrypted = crypto.encrypt(message);
      expect(Buffer.from(encrypted, 'base64').length % 32).toBe(0);
      expect(crypto.decrypt(encrypted)).toBe(message);
    }
  });

  it('refuses a message for another AppID', () => {
    const other = new OaMessageCrypto(KEY, 'wx0000000000000000');
    expect(() => other.decrypt(ENCRYPTED)).toThrow(OaCryptoError);
  });

  it('refuses tampered, truncated or foreign ciphertext', () => {
    const bytes = Buffer.from(ENCRYPTED, 'base64');
    const tamper = (at: number) => {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 0x01;
      return copy.toString('base64');
    };
    for (const at of [0, 20, bytes.length - 1]) expect(() => crypto.decrypt(tamper(at))).toThrow(OaCryptoError);
    expect(() => crypto.decrypt(bytes.subarray(0, 48).toString('base64'))).toThrow(OaCryptoError);
    expect(() => crypto.decrypt('')).toThrow(OaCryptoError);
    const otherKey = new OaMessageCrypto('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg', APPID);
    expect(() => otherKey.decrypt(ENCRYPTED)).toThrow(OaCryptoError);
  });

  it('accepts only 43-character EncodingAESKeys', () => {
    expect(isEncodingAesKey(KEY)).toBe(true);
    expect(isEncodingAesKey(KEY.slice(1))).toBe(false);
    expect(isEncodingAesKey(`${KEY.slice(1)}+`)).toBe(false);
    expect(() => new OaMessageCrypto('short', APPID)).toThrow(OaCryptoError);
  });

  it('signs the sorted parts with sha1 and compares signatures in constant time', () => {
    // sha1('1409659813' + '1372623149' + 'token' sorted) computed independently.
    const expected = require('node:crypto').createHash('sha1').update(['token', '1409659813', '1372623149'].sort().join('')).digest('hex');
    expect(oaSignature('token', '1409659813', '1372623149')).toBe(expected);
    expect(oaSignature('1372623149', 'token', '1409659813')).toBe(expected);
    expect(signatureMatches(expected, expected)).toBe(true);
    expect(signatureMatches(expected, expected.toUpperCase())).toBe(true);
    expect(signatureMatches(expected, expected.slice(1))).toBe(false);
    expect(signatureMatches(expected, undefined)).toBe(false);
    expect(signatureMatches(expected, `${expected.slice(0, -1)}0`)).toBe(expected.endsWith('0'));
  });
});
