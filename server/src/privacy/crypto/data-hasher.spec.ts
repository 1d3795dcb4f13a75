import { DataHasher } from './data-hasher';

const KEY = Buffer.alloc(32, 2);

describe('DataHasher', () => {
  it('hashes a phone number with HMAC-SHA256 under a per-purpose key, to the value computed independently', () => {
    // openssl: sub = HMAC-SHA256(key 02×32, "gongkai/keyed-hash/phone"); HMAC-SHA256(sub, "13800138000"), hex.
    expect(new DataHasher(KEY).hash('phone', '13800138000')).toBe('a3e26e6cf8c519c2c28fd3f17fdd56b8e4b6f458c1fec3e3e018982c0871b144');
  });

  it('is stable, and normalises first: a phone is its digits', () => {
    const hasher = new DataHasher(KEY);
    expect(hasher.hash('phone', '0536-6212345')).toBe(hasher.hash('phone', '05366212345'));
    expect(hasher.hash('phone', ' 138 0013 8000 ')).toBe('a3e26e6cf8c519c2c28fd3f17fdd56b8e4b6f458c1fec3e3e018982c0871b144');
    expect(hasher.hash('id_number', '37072519900101123x')).toBe(hasher.hash('id_number', '370725 19900101 123X'));
    expect(hasher.hash('phone', '13800138000')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs per purpose and per key', () => {
    const hasher = new DataHasher(KEY);
    expect(hasher.hash('id_number', '13800138000')).toBe('5cf8f35f772973d5304acd63f556fe8d5eb3755084e4706ad092cf632131494d');
    expect(new DataHasher(Buffer.alloc(32, 3)).hash('phone', '13800138000')).not.toBe(hasher.hash('phone', '13800138000'));
    expect(hasher.hash('phone', '13800138001')).not.toBe(hasher.hash('phone', '13800138000'));
  });

  it('refuses a short key and a value with nothing to hash', () => {
    expect(() => new DataHasher(Buffer.alloc(16))).toThrow(/at least 32 bytes/);
    expect(() => new DataHasher(KEY).hash('phone', '--')).toThrow(/nothing to hash/);
  });
});
