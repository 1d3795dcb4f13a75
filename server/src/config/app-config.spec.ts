import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

/** DATA_KEYS, DATA_HASH_KEY and the notice's controller: what a MySQL or production deployment must set. */
const PRIVACY_ENV = {
  DATA_KEYS: JSON.stringify({ k2026: Buffer.alloc(32, 1).toString('base64') }),
  DATA_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
  PRIVACY_CONTROLLER: '测试县教育局',
  PRIVACY_CONTACT: '测试县教育局办公室 0536-0000000',
};

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'gongkai-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  /** loadConfig refuses `env` (on top of DATA_DIR) naming `variable`. */
  const refused = (env: Record<string, string>, variable: string, message: RegExp) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dir, ...env }, dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(message);
  };

  it('runs embedded with no configuration: SQLite in data/, port 3000, demo on, a persisted JWT secret', () => {
    const config = loadConfig({}, dir);
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', path: join(dir, 'data', 'gongkai.sqlite') });
    expect(config.demo.enabled).toBe(true);
    expect(config.auth.jwtSecret).toBe(readFileSync(join(dir, 'data', 'jwt-secret'), 'utf8'));
    expect(loadConfig({}, dir).auth.jwtSecret).toBe(config.auth.jwtSecret);
  });

  it('uses MySQL from DATABASE_URL, demo off, and then needs JWT_SECRET', () => {
    const env = { DATABASE_URL: 'mysql://root@127.0.0.1:3306/gongkai', DATA_DIR: dir };
    expect(() => loadConfig(env, dir)).toThrow(/JWT_SECRET is required/);
    const config = loadConfig({ ...env, ...PRIVACY_ENV, JWT_SECRET: 'x'.repeat(32) }, dir);
    expect(config.database).toMatchObject({ type: 'mysql', url: env.DATABASE_URL });
    expect(config.demo.enabled).toBe(false);
  });

  it('leaves WeChat sign-in off by default and takes both credentials together', () => {
    expect(loadConfig({}, dir).wechat).toEqual({ apiBase: 'https://api.weixin.qq.com', mini: null, timeoutMs: 5000 });
    const config = loadConfig(
      { WECHAT_API_BASE: 'http://127.0.0.1:9999/', WECHAT_MINI_APPID: 'wx1234567890abcdef', WECHAT_MINI_SECRET: ' s3cret ', WECHAT_TIMEOUT_MS: '800' },
      dir,
    );
    expect(config.wechat).toEqual({ apiBase: 'http://127.0.0.1:9999', mini: { appId: 'wx1234567890abcdef', secret: 's3cret' }, timeoutMs: 800 });
  });

  it('allows the demo on MySQL when DEMO_DATA asks for it', () => {
    const env = { DATABASE_URL: 'mysql://root@127.0.0.1:3306/gongkai', DATA_DIR: dir, JWT_SECRET: 'x'.repeat(32), DEMO_DATA: 'true', ...PRIVACY_ENV };
    expect(loadConfig(env, dir).demo.enabled).toBe(true);
  });

  it('polls for due scheduled notices every 5 s unless SCHEDULE_POLL_MS says otherwise', () => {
    expect(loadConfig({ DATA_DIR: dir }, dir).schedulePollMs).toBe(5000);
    expect(loadConfig({ DATA_DIR: dir, SCHEDULE_POLL_MS: '200' }, dir).schedulePollMs).toBe(200);
  });

  it('refuses a portal push lease that a push could outlast (twice the request timeout plus 5 s)', () => {
    expect(loadConfig({ DATA_DIR: dir }, dir).portal).toMatchObject({ timeoutMs: 10000, leaseMs: 60000 });
    expect(loadConfig({ DATA_DIR: dir, PORTAL_PUSH_TIMEOUT_MS: '3000', PORTAL_PUSH_LEASE_MS: '11000' }, dir).portal.leaseMs).toBe(11000);
    expect(() => loadConfig({ DATA_DIR: dir, PORTAL_PUSH_TIMEOUT_MS: '30000', PORTAL_PUSH_LEASE_MS: '60000' }, dir)).toThrow(/PORTAL_PUSH_LEASE_MS must be at least twice PORTAL_PUSH_TIMEOUT_MS plus 5000 \(65000\), got 60000/);
  });

  it('never runs the demo in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', DATA_DIR: dir, ...PRIVACY_ENV }, dir).demo.enabled).toBe(false);
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_DATA: 'true', DATA_DIR: dir, ...PRIVACY_ENV }, dir)).toThrow(/DEMO_DATA cannot be on when NODE_ENV=production/);
  });

  describe('data keys (DATA_KEYS, DATA_HASH_KEY)', () => {
    const mysql = { DATABASE_URL: 'mysql://root@127.0.0.1:3306/gongkai', JWT_SECRET: 'x'.repeat(32) };

    it('embedded: generates data-keys.json and data-hash-key into DATA_DIR (mode 600) on first start and reuses them', () => {
      const first = loadConfig({ DATA_DIR: dir }, dir).privacy;
      const keysFile = join(dir, 'data-keys.json');
      const hashFile = join(dir, 'data-hash-key');
      expect(statSync(keysFile).mode & 0o777).toBe(0o600);
      expect(statSync(hashFile).mode & 0o777).toBe(0o600);
      const stored = JSON.parse(readFileSync(keysFile, 'utf8')) as Record<string, string>;
      expect(Object.keys(stored)).toEqual([expect.stringMatching(/^k\d{4}$/)]);
      expect(first.dataKeys).toEqual([{ id: Object.keys(stored)[0], key: Buffer.from(Object.values(stored)[0]!, 'base64') }]);
      expect(first.dataKeys[0]!.key.length).toBe(32);
      expect(first.hashKey).toEqual(Buffer.from(readFileSync(hashFile, 'utf8'), 'base64'));
      expect(first.hashKey.length).toBe(32);
      // The second start reads the same files: values sealed before a restart stay readable.
      const again = loadConfig({ DATA_DIR: dir }, dir).privacy;
      expect(again.dataKeys).toEqual(first.dataKeys);
      expect(again.hashKey).toEqual(first.hashKey);
    });

    it('reads DATA_KEYS in order (the first is current) and DATA_HASH_KEY', () => {
      const k1 = Buffer.alloc(32, 1).toString('base64');
      const k2 = Buffer.alloc(32, 2).toString('base64url');
      const config = loadConfig({ DATA_DIR: dir, DATA_KEYS: JSON.stringify({ k2027: k2, k2026: k1 }), DATA_HASH_KEY: Buffer.alloc(40, 3).toString('base64') }, dir);
      expect(config.privacy.dataKeys).toEqual([
        { id: 'k2027', key: Buffer.alloc(32, 2) },
        { id: 'k2026', key: Buffer.alloc(32, 1) },
      ]);
      expect(config.privacy.hashKey).toEqual(Buffer.alloc(40, 3));
    });

    it('with DATABASE_URL, refuses to start without DATA_KEYS or DATA_HASH_KEY, naming them', () => {
      refused(mysql, 'DATA_KEYS', /DATA_KEYS is required when DATABASE_URL is set/);
      refused({ ...mysql, DATA_KEYS: PRIVACY_ENV.DATA_KEYS }, 'DATA_HASH_KEY', /DATA_HASH_KEY is required/);
      refused({ ...mysql, DATA_KEYS: PRIVACY_ENV.DATA_KEYS, DATA_HASH_KEY: PRIVACY_ENV.DATA_HASH_KEY }, 'PRIVACY_CONTROLLER', /PRIVACY_CONTROLLER is required/);
      expect(loadConfig({ DATA_DIR: dir, ...mysql, ...PRIVACY_ENV }, dir).privacy.dataKeys.map((k) => k.id)).toEqual(['k2026']);
    });

    it('NODE_ENV=production refuses to start without keys, even embedded, and never generates them', () => {
      refused({ NODE_ENV: 'production' }, 'DATA_KEYS', /DATA_KEYS is required when DATABASE_URL is set or NODE_ENV=production/);
      refused({ NODE_ENV: 'production', DATA_KEYS: PRIVACY_ENV.DATA_KEYS }, 'DATA_HASH_KEY', /DATA_HASH_KEY is required/);
      expect(() => statSync(join(dir, 'data-keys.json'))).toThrow(/ENOENT/);
    });

    it.each([
      ['not JSON', 'k1:abc', /DATA_KEYS must be a JSON object/],
      ['a list', JSON.stringify([Buffer.alloc(32).toString('base64')]), /DATA_KEYS must be a JSON object/],
      ['no key', '{}', /DATA_KEYS must hold at least one key/],
      ['a short key', JSON.stringify({ k1: Buffer.alloc(16, 1).toString('base64') }), /key "k1" must be 32 bytes/],
      ['a long key', JSON.stringify({ k1: Buffer.alloc(33, 1).toString('base64') }), /key "k1" must be 32 bytes/],
      ['a key that is not base64', JSON.stringify({ k1: 'not base64!'.padEnd(44, '!') }), /key "k1" must be 32 bytes in base64/],
      ['a key that is a number', JSON.stringify({ k1: 42 }), /key "k1" must be 32 bytes/],
      ['a bad id', JSON.stringify({ 'k 1': Buffer.alloc(32, 1).toString('base64') }), /key id "k 1" must be 1–16 letters/],
      ['a long id', JSON.stringify({ ['k'.repeat(17)]: Buffer.alloc(32, 1).toString('base64') }), /must be 1–16 letters/],
    ])('refuses DATA_KEYS with %s', (_case, value, message) => refused({ DATA_KEYS: value }, 'DATA_KEYS', message));

    it('refuses a DATA_HASH_KEY shorter than 32 bytes', () => {
      refused({ DATA_HASH_KEY: Buffer.alloc(31, 1).toString('base64') }, 'DATA_HASH_KEY', /at least 32 bytes/);
      refused({ DATA_HASH_KEY: 'short' }, 'DATA_HASH_KEY', /at least 32 bytes/);
    });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }, /PORT must be a whole number/],
    ['PORT', { PORT: '70000' }, /PORT must be between 0 and 65535/],
    ['DATABASE_URL', { DATABASE_URL: 'postgres://x/y' }, /DATABASE_URL must start with mysql:\/\//],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }, /DATABASE_URL is not a URL/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://root@localhost' }, /DATABASE_URL must name a database/],
    ['JWT_SECRET', { JWT_SECRET: 'short' }, /JWT_SECRET must be at least 32/],
    ['DEMO_DATA', { DEMO_DATA: 'maybe' }, /DEMO_DATA must be true or false/],
    ['DEMO_STAFF_PASSWORD', { DEMO_STAFF_PASSWORD: '123' }, /DEMO_STAFF_PASSWORD must be at least 8/],
    ['WECHAT_API_BASE', { WECHAT_API_BASE: 'ftp://api.example' }, /WECHAT_API_BASE must be an http\(s\) URL/],
    ['WECHAT_API_BASE', { WECHAT_API_BASE: 'api.weixin.qq.com' }, /WECHAT_API_BASE is not a URL/],
    ['WECHAT_MINI_SECRET', { WECHAT_MINI_APPID: 'wx1234567890abcdef' }, /WECHAT_MINI_SECRET is required when WECHAT_MINI_APPID is set/],
    ['WECHAT_MINI_APPID', { WECHAT_MINI_SECRET: 'secret' }, /WECHAT_MINI_APPID is required when WECHAT_MINI_SECRET is set/],
    ['WECHAT_MINI_APPID', { WECHAT_MINI_APPID: 'not-an-appid', WECHAT_MINI_SECRET: 'secret' }, /WECHAT_MINI_APPID must look like/],
    ['WECHAT_TIMEOUT_MS', { WECHAT_TIMEOUT_MS: '5s' }, /WECHAT_TIMEOUT_MS must be a whole number/],
    ['SCHEDULE_POLL_MS', { SCHEDULE_POLL_MS: 'often' }, /SCHEDULE_POLL_MS must be a whole number/],
    ['SCHEDULE_POLL_MS', { SCHEDULE_POLL_MS: '10' }, /SCHEDULE_POLL_MS must be between 50 and 3600000/],
    ['TRUST_PROXY', { TRUST_PROXY: 'maybe' }, /TRUST_PROXY must be false, true, a hop count or a comma-separated list .* got "maybe"/],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/8, 10.0.0.300' }, /TRUST_PROXY .* got "10.0.0.300"/],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY .* got "10.0.0.0\/33"/],
    ['TRUST_PROXY', { TRUST_PROXY: '127.0.0.1,' }, /TRUST_PROXY .* got ""/],
    ['TRUST_PROXY', { TRUST_PROXY: '-1' }, /TRUST_PROXY .* got "-1"/],
    ['TRUST_PROXY', { TRUST_PROXY: '11' }, /TRUST_PROXY must be a hop count between 0 and 10, got 11/],
  ])('stops on a bad %s with a message naming it', (variable, env, message) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dir, ...env }, dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(message);
  });
  it('trusts no proxy by default; TRUST_PROXY=true is one hop, never "every hop"', () => {
    expect(loadConfig({}, dir).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }, dir).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }, dir).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }, dir).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }, dir).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8 , 192.168.1.10,fd00::/8, loopback ' }, dir).trustProxy).toEqual(['10.0.0.0/8', '192.168.1.10', 'fd00::/8', 'loopback']);
  });

  it('leaves the official-account callback off by default and checks its WECHAT_OA_* settings', () => {
    expect(loadConfig({}, dir).officialAccount).toEqual({ appId: null, secret: null, token: null, encodingAesKey: null, maxSkewSeconds: 300 });
    const key = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const full = { WECHAT_OA_APPID: 'wxb11529c136998cb6', WECHAT_OA_SECRET: 's3cret', WECHAT_OA_TOKEN: 'gongkaiToken1', WECHAT_OA_AES_KEY: key };
    expect(loadConfig(full, dir).officialAccount).toEqual({ appId: full.WECHAT_OA_APPID, secret: 's3cret', token: 'gongkaiToken1', encodingAesKey: key, maxSkewSeconds: 300 });
    expect(loadConfig({ WECHAT_OA_MAX_SKEW_SECONDS: '120' }, dir).officialAccount.maxSkewSeconds).toBe(120);
    expect(loadConfig({ WECHAT_OA_TOKEN: 'plainmode' }, dir).officialAccount.token).toBe('plainmode');
    const fails = (env: Record<string, string>, variable: string) => {
      try {
        loadConfig(env, dir);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).variable).toBe(variable);
        return;
      }
      throw new Error(`expected ${variable} to be refused`);
    };
    fails({ ...full, WECHAT_OA_AES_KEY: key.slice(1) }, 'WECHAT_OA_AES_KEY');
    fails({ ...full, WECHAT_OA_AES_KEY: `${key.slice(1)}+` }, 'WECHAT_OA_AES_KEY');
    fails({ WECHAT_OA_APPID: full.WECHAT_OA_APPID, WECHAT_OA_SECRET: 's', WECHAT_OA_AES_KEY: key }, 'WECHAT_OA_TOKEN');
    fails({ WECHAT_OA_TOKEN: 'abc', WECHAT_OA_AES_KEY: key }, 'WECHAT_OA_APPID');
    fails({ WECHAT_OA_APPID: full.WECHAT_OA_APPID }, 'WECHAT_OA_SECRET');
    fails({ WECHAT_OA_MAX_SKEW_SECONDS: '0' }, 'WECHAT_OA_MAX_SKEW_SECONDS');
    fails({ WECHAT_OA_SECRET: 's' }, 'WECHAT_OA_APPID');
    fails({ WECHAT_OA_APPID: 'not-an-appid', WECHAT_OA_SECRET: 's' }, 'WECHAT_OA_APPID');
    fails({ WECHAT_OA_TOKEN: 'a b' }, 'WECHAT_OA_TOKEN');
  });

  it('reads the push templates and worker settings, refusing malformed templates', () => {
    const env = { DATA_DIR: dir };
    const plain = loadConfig({ ...env, DEMO_DATA: 'false' }, dir).push;
    expect(plain).toMatchObject({ subscribeTemplates: [], oaTemplates: [], workerEnabled: true, concurrency: 8, ratePerSecond: 50, maxAttempts: 5 });
    // The embedded demo offers one subscribe template of its own, so it can push in dry run.
    expect(loadConfig(env, dir).push.subscribeTemplates).toEqual([
      {
        id: 'DEMO_NOTICE',
        name: '新信息发布提醒',
        fields: { thing1: 'thing', time2: 'time', thing3: 'thing' },
        labels: { thing1: '通知标题', time2: '发布时间', thing3: '发布单位' },
        page: '/pages/notice/detail?id={id}',
      },
    ]);
    // Labels: the keyword names the phone shows, only for the template's own fields.
    const labelled = JSON.stringify([{ id: 'T', name: 'x', fields: { thing1: 'thing' }, labels: { thing1: ' 通知标题 ' } }]);
    expect(loadConfig({ ...env, WECHAT_OA_TEMPLATES: labelled }, dir).push.oaTemplates[0]!.labels).toEqual({ thing1: '通知标题' });
    expect(() => loadConfig({ ...env, WECHAT_OA_TEMPLATES: JSON.stringify([{ id: 'T', name: 'x', fields: { thing1: 'thing' }, labels: { time2: '时间' } }]) }, dir)).toThrow(/does not have: "time2"/);
    expect(() => loadConfig({ ...env, WECHAT_OA_TEMPLATES: JSON.stringify([{ id: 'T', name: 'x', fields: { thing1: 'thing' }, labels: { thing1: '' } }]) }, dir)).toThrow(/label of thing1/);
    // An inherited name is not a field; a line break is not part of a name.
    expect(() => loadConfig({ ...env, WECHAT_OA_TEMPLATES: JSON.stringify([{ id: 'T', name: 'x', fields: { thing1: 'thing' }, labels: { toString: '名称' } }]) }, dir)).toThrow(/does not have: "toString"/);
    expect(() => loadConfig({ ...env, WECHAT_OA_TEMPLATES: JSON.stringify([{ id: 'T', name: 'x', fields: { thing1: 'thing' }, labels: { thing1: '通知\n标题' } }]) }, dir)).toThrow(/label of thing1/);
    const templates = JSON.stringify([{ id: 'SUB_1', name: '公告', fields: { thing1: 'thing', date2: 'date' }, page: 'pages/notice/index?id={id}' }]);
    expect(loadConfig({ ...env, WECHAT_SUBSCRIBE_TEMPLATES: templates, PUSH_CONCURRENCY: '16' }, dir).push).toMatchObject({
      subscribeTemplates: [{ id: 'SUB_1', name: '公告', fields: { thing1: 'thing', date2: 'date' }, page: 'pages/notice/index?id={id}' }],
      concurrency: 16,
    });
    expect(() => loadConfig({ ...env, WECHAT_SUBSCRIBE_TEMPLATES: 'nope' }, dir)).toThrow(/WECHAT_SUBSCRIBE_TEMPLATES/);
    expect(() => loadConfig({ ...env, WECHAT_OA_TEMPLATES: JSON.stringify([{ id: 'T', name: 'x', fields: { thing1: 'blob' } }]) }, dir)).toThrow(/unknown type "blob"/);
    expect(() => loadConfig({ ...env, WECHAT_OA_TEMPLATES: JSON.stringify([{ id: 'T', name: 'x', fields: { a1: 'thing' } }, { id: 'T', name: 'y', fields: { a1: 'thing' } }]) }, dir)).toThrow(/twice/);
    expect(() => loadConfig({ ...env, PUSH_MAX_ATTEMPTS: '0' }, dir)).toThrow(/PUSH_MAX_ATTEMPTS/);
  });

  it('limits sign-ins and searches per address in memory by default; REDIS_URL must be a redis URL', () => {
    const env = { DATA_DIR: dir };
    expect(loadConfig(env, dir).rateLimit).toEqual({ windowMs: 60_000, signInMax: 120, searchMax: 300, lookupMax: 20, redisUrl: null, redisKeyPrefix: 'gongkai:' });
    expect(
      loadConfig({ ...env, RATE_LIMIT_WINDOW_SECONDS: '30', RATE_LIMIT_SIGNIN_MAX: '0', RATE_LIMIT_SEARCH_MAX: '50', RATE_LIMIT_LOOKUP_MAX: '5', REDIS_URL: 'redis://:pw@cache.internal:6380/2', REDIS_KEY_PREFIX: 'county:' }, dir).rateLimit,
    ).toEqual({ windowMs: 30_000, signInMax: 0, searchMax: 50, lookupMax: 5, redisUrl: 'redis://:pw@cache.internal:6380/2', redisKeyPrefix: 'county:' });
    expect(loadConfig({ ...env, REDIS_URL: 'rediss://cache.internal:6380' }, dir).rateLimit.redisUrl).toBe('rediss://cache.internal:6380');
    expect(() => loadConfig({ ...env, REDIS_URL: 'http://cache.internal:6379' }, dir)).toThrow(/REDIS_URL must start with redis:\/\/ or rediss:\/\//);
    expect(() => loadConfig({ ...env, REDIS_URL: 'cache.internal:6379' }, dir)).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ ...env, REDIS_URL: 'redis://cache.internal:6379/keys' }, dir)).toThrow(/REDIS_URL may end only in a database number/);
    expect(() => loadConfig({ ...env, RATE_LIMIT_WINDOW_SECONDS: '0' }, dir)).toThrow(/RATE_LIMIT_WINDOW_SECONDS/);
    expect(() => loadConfig({ ...env, RATE_LIMIT_SEARCH_MAX: 'many' }, dir)).toThrow(/RATE_LIMIT_SEARCH_MAX/);
    expect(() => loadConfig({ ...env, REDIS_KEY_PREFIX: 'a b' }, dir)).toThrow(/REDIS_KEY_PREFIX/);
  });

  describe('WeChat Pay (WECHATPAY_*)', () => {
    /** A merchant key and a 微信支付公钥 written to files; certificate mode is exercised by payments.e2e.ts (its keys come from test/support). */
    const payEnv = (): Record<string, string> => {
      const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
      writeFileSync(join(dir, 'apiclient_key.pem'), merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }));
      writeFileSync(join(dir, 'pub_key.pem'), platform.publicKey.export({ type: 'spki', format: 'pem' }));
      return {
        WECHAT_MINI_APPID: 'wx1234567890abcdef',
        WECHAT_MINI_SECRET: 'mini-secret',
        WECHATPAY_MCHID: '1900000109',
        WECHATPAY_SERIAL: '5157f09efdc096de15ebe81a47057a7232f1b8e1',
        WECHATPAY_PRIVATE_KEY: 'apiclient_key.pem',
        WECHATPAY_API_V3_KEY: 'abcdefghijklmnopqrstuvwxyz012345',
        WECHATPAY_PUBLIC_KEY: 'pub_key.pem',
        WECHATPAY_PUBLIC_KEY_ID: 'PUB_KEY_ID_0114232134912410000000000000',
      };
    };

    it('is off without WECHATPAY_*, and reads all of it with the key files relative to the working directory', () => {
      expect(loadConfig({}, dir).pay).toBeNull();
      const pay = loadConfig({ ...payEnv(), PUBLIC_BASE_URL: 'https://gongkai.example.gov.cn/' }, dir).pay!;
      expect(pay).toMatchObject({
        appId: 'wx1234567890abcdef',
        mchId: '1900000109',
        serialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
        merchantCert: null,
        apiV3Key: 'abcdefghijklmnopqrstuvwxyz012345',
        platformCert: null,
        apiBase: 'https://api.mch.weixin.qq.com',
        notifyUrl: 'https://gongkai.example.gov.cn/wechat/pay/notify',
        timeoutMs: 10000,
        maxSkewSeconds: 300,
      });
      expect(pay.privateKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(pay.publicKey?.id).toBe('PUB_KEY_ID_0114232134912410000000000000');
      expect(loadConfig({ ...payEnv(), WECHATPAY_API_BASE: 'http://127.0.0.1:9000/', WECHATPAY_MAX_SKEW_SECONDS: '120' }, dir).pay).toMatchObject({ apiBase: 'http://127.0.0.1:9000', maxSkewSeconds: 120 });
    });

    it('is all or nothing, naming the variable that is missing or wrong', () => {
      const env = payEnv();
      refused({ WECHATPAY_MCHID: '1900000109' }, 'WECHATPAY_SERIAL', /WECHATPAY_SERIAL is required when WECHATPAY_MCHID is set/);
      refused({ ...env, WECHATPAY_API_V3_KEY: '' }, 'WECHATPAY_API_V3_KEY', /is required when/);
      refused({ WECHATPAY_API_BASE: 'http://127.0.0.1:9000' }, 'WECHATPAY_API_BASE', /is set but WECHATPAY_MCHID, WECHATPAY_SERIAL, WECHATPAY_PRIVATE_KEY, WECHATPAY_API_V3_KEY are not/);
      refused({ ...env, WECHAT_MINI_APPID: '', WECHAT_MINI_SECRET: '' }, 'WECHAT_MINI_APPID', /is required when WeChat Pay/);
      refused({ ...env, WECHATPAY_API_V3_KEY: 'short' }, 'WECHATPAY_API_V3_KEY', /32-character APIv3 key, got 5 bytes/);
      refused({ ...env, WECHATPAY_MCHID: 'merchant' }, 'WECHATPAY_MCHID', /8–12 digits/);
      refused({ ...env, WECHATPAY_PRIVATE_KEY: 'missing.pem' }, 'WECHATPAY_PRIVATE_KEY', /could not read/);
      refused({ ...env, WECHATPAY_PRIVATE_KEY: 'pub_key.pem' }, 'WECHATPAY_PRIVATE_KEY', /RSA API private key/);
      refused({ ...env, WECHATPAY_PUBLIC_KEY: '', WECHATPAY_PUBLIC_KEY_ID: '' }, 'WECHATPAY_PLATFORM_CERT', /or WECHATPAY_PUBLIC_KEY with WECHATPAY_PUBLIC_KEY_ID is required/);
      refused({ ...env, WECHATPAY_PUBLIC_KEY_ID: '' }, 'WECHATPAY_PUBLIC_KEY_ID', /is required when WECHATPAY_PUBLIC_KEY is set/);
      refused({ ...env, WECHATPAY_PUBLIC_KEY_ID: 'key-1' }, 'WECHATPAY_PUBLIC_KEY_ID', /PUB_KEY_ID_/);
      refused({ ...env, WECHATPAY_PLATFORM_CERT: 'pub_key.pem' }, 'WECHATPAY_PLATFORM_CERT', /platform certificate/);
      refused({ ...env, NODE_ENV: 'production', ...PRIVACY_ENV, PUBLIC_BASE_URL: 'http://gongkai.example.gov.cn' }, 'PUBLIC_BASE_URL', /https URL when WeChat Pay is on/);
    });
  });

  describe('file storage (STORAGE_S3_*, UPLOAD_MAX_BYTES)', () => {
    const s3 = { STORAGE_S3_ENDPOINT: 'http://minio.internal:9000/', STORAGE_S3_BUCKET: 'gongkai-files', STORAGE_S3_ACCESS_KEY: 'AKID', STORAGE_S3_SECRET_KEY: ' s3cret ' };

    it('keeps files on disk under DATA_DIR/files with a 100 MB upload limit by default', () => {
      expect(loadConfig({}, dir).storage).toEqual({ kind: 'disk', dir: join(dir, 'data', 'files'), uploadMaxBytes: 104857600 });
      expect(loadConfig({ DATA_DIR: join(dir, 'elsewhere') }, dir).storage).toEqual({ kind: 'disk', dir: join(dir, 'elsewhere', 'files'), uploadMaxBytes: 104857600 });
      expect(loadConfig({ UPLOAD_MAX_BYTES: '20971520' }, dir).storage.uploadMaxBytes).toBe(20971520);
    });

    it('uses S3-compatible storage when all four STORAGE_S3_* are set, region us-east-1 and virtual-host style unless told', () => {
      expect(loadConfig({ DATA_DIR: dir, ...s3 }, dir).storage).toEqual({
        kind: 's3',
        endpoint: 'http://minio.internal:9000',
        bucket: 'gongkai-files',
        accessKey: 'AKID',
        secretKey: 's3cret',
        region: 'us-east-1',
        forcePathStyle: false,
        uploadMaxBytes: 104857600,
      });
      expect(loadConfig({ DATA_DIR: dir, ...s3, STORAGE_S3_REGION: 'ap-guangzhou', STORAGE_S3_FORCE_PATH_STYLE: 'true' }, dir).storage).toMatchObject({ region: 'ap-guangzhou', forcePathStyle: true });
    });

    it('refuses a partial STORAGE_S3_* set, naming the first missing variable', () => {
      refused({ STORAGE_S3_ENDPOINT: s3.STORAGE_S3_ENDPOINT }, 'STORAGE_S3_BUCKET', /STORAGE_S3_BUCKET is required when STORAGE_S3_ENDPOINT is set/);
      refused({ ...s3, STORAGE_S3_SECRET_KEY: '' }, 'STORAGE_S3_SECRET_KEY', /STORAGE_S3_SECRET_KEY is required when STORAGE_S3_ENDPOINT, STORAGE_S3_BUCKET, STORAGE_S3_ACCESS_KEY are set/);
      refused({ ...s3, STORAGE_S3_ENDPOINT: ' ' }, 'STORAGE_S3_ENDPOINT', /STORAGE_S3_ENDPOINT is required/);
      refused({ STORAGE_S3_REGION: 'ap-guangzhou' }, 'STORAGE_S3_REGION', /is set but STORAGE_S3_ENDPOINT, STORAGE_S3_BUCKET, STORAGE_S3_ACCESS_KEY, STORAGE_S3_SECRET_KEY are not/);
    });

    it('refuses a bad bucket name, endpoint, region, path-style flag or upload limit', () => {
      refused({ ...s3, STORAGE_S3_BUCKET: 'Gongkai_Files' }, 'STORAGE_S3_BUCKET', /must be a bucket name .* got "Gongkai_Files"/);
      refused({ ...s3, STORAGE_S3_BUCKET: 'ab' }, 'STORAGE_S3_BUCKET', /must be a bucket name/);
      refused({ ...s3, STORAGE_S3_ENDPOINT: 'minio.internal:9000' }, 'STORAGE_S3_ENDPOINT', /must be an http\(s\) URL, got "minio.internal:9000"/);
      refused({ ...s3, STORAGE_S3_ENDPOINT: 'ftp://minio.internal' }, 'STORAGE_S3_ENDPOINT', /must be an http\(s\) URL/);
      refused({ ...s3, STORAGE_S3_REGION: 'Guangzhou 1' }, 'STORAGE_S3_REGION', /must be a region name/);
      refused({ ...s3, STORAGE_S3_FORCE_PATH_STYLE: 'maybe' }, 'STORAGE_S3_FORCE_PATH_STYLE', /must be true or false/);
      refused({ UPLOAD_MAX_BYTES: '100MB' }, 'UPLOAD_MAX_BYTES', /must be a whole number/);
      refused({ UPLOAD_MAX_BYTES: '100' }, 'UPLOAD_MAX_BYTES', /must be between 1024 and 2147483648/);
    });
  });
});
