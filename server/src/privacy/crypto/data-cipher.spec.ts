import { DataCipher, DataCipherError } from './data-cipher';

const K1 = { id: 't1', key: Buffer.alloc(32, 1) };
const K2 = { id: 't2', key: Buffer.alloc(32, 7) };
/** Key bytes 00 01 … 1f, IV 00 01 … 0b. */
const FIXED_KEY = { id: 'k2026', key: Buffer.from(Array.from({ length: 32 }, (_, i) => i)) };
const FIXED_IV = Buffer.from(Array.from({ length: 12 }, (_, i) => i));

describe('DataCipher', () => {
  it('seals "13800138000" under a fixed key and IV to the AES-256-GCM output computed independently', () => {
    // Computed once with Python's `cryptography` (AESGCM(key).encrypt(iv, b"13800138000", None)), base64url of iv | ciphertext | tag.
    const cipher = new DataCipher([FIXED_KEY], () => FIXED_IV);
    expect(cipher.seal('13800138000')).toBe('gk1:k2026:AAECAwQFBgcICQoLdjHuK_XU8SO9caccmftP5W_r8bagxy4Ov0v6');
    expect(cipher.seal('张三 0536-6212345')).toBe('gk1:k2026:AAECAwQFBgcICQoLor52_31s4iu4cqGmh9tJX7DisiunfHb2rWdnsol98clccJ0');
    expect(new DataCipher([FIXED_KEY]).open('gk1:k2026:AAECAwQFBgcICQoLdjHuK_XU8SO9caccmftP5W_r8bagxy4Ov0v6')).toBe('13800138000');
  });

  it('round-trips text, the empty string included, with the current key named in front', () => {
    const cipher = new DataCipher([K1]);
    for (const plain of ['13800138000', '0536-6212345', '', '山东省潍坊市昌乐县某街道 12 号', 'x'.repeat(500)]) {
      const sealed = cipher.seal(plain);
      expect(sealed.startsWith('gk1:t1:')).toBe(true);
      expect(sealed).not.toContain(plain || '\u0000');
      expect(cipher.open(sealed)).toBe(plain);
    }
  });

  it('draws a fresh IV for every value: two seals of one value differ', () => {
    const cipher = new DataCipher([K1]);
    const a = cipher.seal('13800138000');
    const b = cipher.seal('13800138000');
    expect(a).not.toBe(b);
    expect(a.slice(0, 23)).not.toBe(b.slice(0, 23));
    expect([cipher.open(a), cipher.open(b)]).toEqual(['13800138000', '13800138000']);
  });

  it('refuses a changed ciphertext, a changed tag and a cut value, without naming the value', () => {
    const cipher = new DataCipher([K1]);
    const sealed = cipher.seal('13800138000');
    const body = Buffer.from(sealed.slice('gk1:t1:'.length), 'base64url');
    const tampered = (at: number) => {
      const copy = Buffer.from(body);
      copy[at]! ^= 0x01;
      return `gk1:t1:${copy.toString('base64url')}`;
    };
    for (const bad of [tampered(12), tampered(body.length - 1), tampered(0), `gk1:t1:${body.subarray(0, 20).toString('base64url')}`, 'gk1:t1:not*base64']) {
      let error: unknown;
      try {
        cipher.open(bad);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataCipherError);
      expect((error as Error).message).toMatch(/data key "t1"/);
      expect((error as Error).message).not.toContain('138');
    }
    // The same id holding a different key: the check fails as for tampering.
    expect(() => new DataCipher([{ id: 't1', key: K2.key }]).open(sealed)).toThrow(/failed its integrity check/);
  });

  it('refuses a value sealed with a key it does not hold, naming the key and what to do', () => {
    const sealed = new DataCipher([K2]).seal('13800138000');
    expect(() => new DataCipher([K1]).open(sealed)).toThrow(new DataCipherError('a value is sealed with data key "t2", which DATA_KEYS does not hold (it holds t1): put the old key back into DATA_KEYS'));
    expect(() => new DataCipher([K1]).open('gk1::abc')).toThrow(/malformed/);
  });

  it('reads values sealed with an older key after a rotation, and seals new ones with the new key', () => {
    const old = new DataCipher([K1]).seal('13800138000');
    const rotated = new DataCipher([K2, K1]);
    expect(rotated.currentKeyId).toBe('t2');
    expect(rotated.open(old)).toBe('13800138000');
    expect(rotated.keyIdOf(old)).toBe('t1');
    expect(rotated.isCurrent(old)).toBe(false);
    const fresh = rotated.seal('13800138000');
    expect(rotated.keyIdOf(fresh)).toBe('t2');
    expect(rotated.isCurrent(fresh)).toBe(true);
    // Once every value is re-sealed, the old key can go.
    expect(new DataCipher([K2]).open(fresh)).toBe('13800138000');
  });

  it('passes legacy plaintext through open, and tells sealed values from plaintext', () => {
    const cipher = new DataCipher([K1]);
    expect(cipher.open('13800138000')).toBe('13800138000');
    expect(cipher.open('0536-6212345')).toBe('0536-6212345');
    expect([cipher.isSealed('gk1:t1:AAAA'), cipher.isSealed('13800138000'), cipher.isSealed(null), cipher.isSealed('GK1:t1:AAAA')]).toEqual([true, false, false, false]);
    expect([cipher.keyIdOf('13800138000'), cipher.keyIdOf('gk1:t1:AAAA'), cipher.keyIdOf('gk1:AAAA')]).toEqual([null, 't1', null]);
  });

  it('needs at least one 32-byte key', () => {
    expect(() => new DataCipher([])).toThrow(/at least one key/);
    expect(() => new DataCipher([{ id: 't1', key: Buffer.alloc(16) }])).toThrow(/32 bytes/);
    expect(() => new DataCipher([{ id: 'bad id', key: Buffer.alloc(32) }])).toThrow(/key id/);
  });
});
