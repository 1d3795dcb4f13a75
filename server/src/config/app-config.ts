import { createPrivateKey, createPublicKey, randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { isAbsolute, join, resolve } from 'node:path';
import { PUSH_FIELD_TYPES, RETENTION_RULES, type PushFieldType, type RetentionDays } from '@gongkai/shared';

/**
 * Configuration is read from the environment once, here, and validated; the rest of the code
 * receives this typed object and never reads process.env.
 */
export interface AppConfig {
  port: number;
  host: string;
  /**
   * Which X-Forwarded-For hops to believe: none (false), the nearest N proxies, or the proxies at
   * these addresses/CIDRs. The client address is the right-most entry not added by a trusted proxy.
   */
  trustProxy: TrustProxy;
  dataDir: string;
  database: SqliteDatabaseConfig | MysqlDatabaseConfig;
  /** Embedded demo: seed the demo bureau on first start. Never on for MySQL unless asked. */
  demo: { enabled: boolean; staffPassword: string | null };
  auth: {
    jwtSecret: string;
    tokenTtlSeconds: number;
    lockout: { accountFailures: number; ipFailures: number; windowSeconds: number; lockSeconds: number; slowdownMs: number };
  };
  wechat: WechatConfig;
  /** The WeChat official account (公众号): its server callback and, later, template messages. */
  officialAccount: OfficialAccountConfig;
  publicCache: { maxEntries: number; versionPollMs: number };
  viewFlushMs: number;
  /** How often each instance looks for scheduled notices that are due. */
  schedulePollMs: number;
  /** Announcement pushes: the templates offered and the workers that send. */
  push: PushConfig;
  logJson: boolean;
  /** The built H5 app served at `/`. */
  h5Dir: string;
  /** Per-address limits on parent sign-ins and uncached searches (RATE_LIMIT_*, REDIS_*). */
  rateLimit: RateLimitConfig;
  /** Personal data: keys for encryption at rest and keyed hashes, retention, the notice's controller. */
  privacy: PrivacyConfig;
  /** Where files live (attachments, photos, generated files) and how large an upload may be. */
  storage: StorageConfig;
  /** PUBLIC_BASE_URL: where the public pages, feeds and files are reached from outside (no trailing slash). */
  publicBaseUrl: string;
  /** The county portal: pushes to its endpoints and legacy imports from its columns. */
  portal: PortalConfig;
  /** 学区查询: whom parents call when an address is not found, and how often the searches that found nothing are written. */
  zoning: ZoningConfig;
  /** Search's log of what parents searched: how often each instance writes its counts, how long they are kept. */
  searchLog: SearchLogConfig;
  /** WeChat Pay v3 (WECHATPAY_*): the merchant, its keys and the API base; null when not configured (the demo pays by simulation). */
  pay: PayConfig | null;
  /** 依申请公开: how the bureau signs its letters and names the remedies. */
  disclosure: DisclosureConfig;
}

/** WeChat Pay v3 merchant settings (WECHATPAY_*); files are read once at start. */
export interface PayConfig {
  /** The mini-program's AppID the payments are made in (WECHAT_MINI_APPID). */
  appId: string;
  /** WECHATPAY_MCHID. */
  mchId: string;
  /** WECHATPAY_SERIAL: the merchant certificate's serial number. */
  serialNo: string;
  /** WECHATPAY_PRIVATE_KEY (a path): the merchant's API private key, PEM. */
  privateKey: string;
  /** WECHATPAY_MERCHANT_CERT (a path, optional): the merchant certificate, PEM (the library asks for it). */
  merchantCert: string | null;
  /** WECHATPAY_API_V3_KEY: 32 characters, decrypts notifications. */
  apiV3Key: string;
  /** WECHATPAY_PLATFORM_CERT (a path): the platform certificate, PEM; or the newer 微信支付公钥 mode below. */
  platformCert: string | null;
  /** WECHATPAY_PUBLIC_KEY (a path) and WECHATPAY_PUBLIC_KEY_ID: 微信支付公钥 mode. */
  publicKey: { id: string; pem: string } | null;
  /** WECHATPAY_API_BASE (default https://api.mch.weixin.qq.com). */
  apiBase: string;
  /** PUBLIC_BASE_URL + /wechat/pay/notify. */
  notifyUrl: string;
  /** WECHATPAY_TIMEOUT_MS. */
  timeoutMs: number;
  /** WECHATPAY_MAX_SKEW_SECONDS: a notification whose timestamp is further than this from the clock is refused. */
  maxSkewSeconds: number;
}

export interface DisclosureConfig {
  /** DISCLOSURE_AGENCY: the bureau's name on letters (demo: 昌乐县教育局). */
  agency: string;
  /** DISCLOSURE_LETTER_PREFIX: the letters' 文号 prefix, e.g. 昌教依复 → 昌教依复〔2026〕12号. */
  letterPrefix: string;
  /** DISCLOSURE_RECONSIDERATION_BODY: where an applicant may apply for 行政复议 (the county government). */
  reconsiderationBody: string;
  /** DISCLOSURE_COURT: where an applicant may sue. */
  court: string;
  /** DISCLOSURE_CONTACT: the disclosure office's address and phone, on letters and fee notices. */
  contact: string;
}

export interface ZoningConfig {
  /** ZONING_HELP_CONTACT, e.g. “县教育局基础教育科 0536-6212312”: added to the advice when nothing is found; null: not configured (the demo's when DEMO_DATA is on). */
  helpContact: string | null;
  /** ZONING_MISS_FLUSH_MS: how often each instance adds its counted searches that found nothing to the database. */
  missFlushMs: number;
}

export interface SearchLogConfig {
  /** SEARCH_LOG_FLUSH_MS: how often each instance adds the searches it counted in memory to the database (the `search-log` task). */
  flushMs: number;
  /** SEARCH_LOG_RETAIN_DAYS: a day's counts are deleted once that day is this many days old. */
  retainDays: number;
}

export interface PortalConfig {
  /** Run the push worker in this instance (PORTAL_PUSH_ENABLED). */
  pushEnabled: boolean;
  /** How often the worker looks for due pushes (PORTAL_PUSH_POLL_MS); a change also wakes it at once. */
  pollMs: number;
  /** Per request (PORTAL_PUSH_TIMEOUT_MS). */
  timeoutMs: number;
  /** First retry after this (PORTAL_RETRY_BASE_MS), doubling up to an hour. */
  retryBaseMs: number;
  /** A push is retried for at least this long before it is given up as failed (PORTAL_RETRY_HOURS). */
  retryHours: number;
  leaseMs: number;
  /** PORTAL_SOURCES_FILE: JSON file of legacy sources for `portal import`; null when unset. */
  sourcesFile: string | null;
}

/** Files on local disk under DATA_DIR (one instance), or in S3-compatible object storage (several). */
export type StorageConfig = (DiskStorageConfig | S3StorageConfig) & {
  /** UPLOAD_MAX_BYTES: the largest attachment staff may upload. */
  uploadMaxBytes: number;
};

export interface DiskStorageConfig {
  kind: 'disk';
  /** DATA_DIR/files. */
  dir: string;
}

export interface S3StorageConfig {
  kind: 's3';
  /** STORAGE_S3_ENDPOINT, e.g. https://cos.ap-guangzhou.myqcloud.com or http://minio:9000. No trailing slash. */
  endpoint: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  /** STORAGE_S3_REGION (default us-east-1: most S3-compatible servers ignore it but the signature needs one). */
  region: string;
  /** STORAGE_S3_FORCE_PATH_STYLE: `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO and most self-hosted servers). */
  forcePathStyle: boolean;
}

export interface DataKey {
  /** Stored in front of each value it sealed, so old rows stay readable after a rotation. */
  id: string;
  /** 32 bytes (AES-256). */
  key: Buffer;
}

export interface PrivacyConfig {
  /** DATA_KEYS: the first is current (new values), the rest only read old ones. */
  dataKeys: DataKey[];
  /** DATA_HASH_KEY: HMAC key for keyed hashes (matching a value without decrypting it). */
  hashKey: Buffer;
  /** PRIVACY_RETAIN_*_DAYS. */
  retentionDays: RetentionDays;
  /** PRIVACY_CONTROLLER: the 个人信息处理者 the notice names. */
  controller: string;
  /** PRIVACY_CONTACT: how to reach it about personal information. */
  contact: string;
}

export interface RateLimitConfig {
  /** Counting window, in milliseconds. */
  windowMs: number;
  /** Requests per address and window to `POST /auth/wechat`, and separately to `POST /auth/demo`; 0 = no limit. */
  signInMax: number;
  /** Searches (`GET /notices?q=`) per address and window that the public cache cannot answer; 0 = no limit. */
  searchMax: number;
  /** Public 依申请公开 lookups (`POST /disclosure/lookup`: tracking number + verification code) per address and window; 0 = no limit. */
  lookupMax: number;
  /** Shared counters through Redis; null = in memory, per instance. */
  redisUrl: string | null;
  /** Put in front of every Redis key (several deployments may share one Redis). */
  redisKeyPrefix: string;
}

export interface SqliteDatabaseConfig {
  type: 'sqlite';
  path: string;
}

export interface MysqlDatabaseConfig {
  type: 'mysql';
  url: string;
  poolSize: number;
}

export interface WechatConfig {
  /** Base URL of the WeChat API; tests point it at a local fake. No trailing slash. */
  apiBase: string;
  /** The mini-program's credentials; null when parent WeChat sign-in is not configured. */
  mini: { appId: string; secret: string } | null;
  /** Per request to WeChat. */
  timeoutMs: number;
}

export interface OfficialAccountConfig {
  /** AppID and AppSecret (for the OA's own access token); both or neither. */
  appId: string | null;
  secret: string | null;
  /** The callback's Token; without it the callback answers 503. */
  token: string | null;
  /** 43-character EncodingAESKey; only needed for safe mode (encrypt_type=aes), and then with the AppID. */
  encodingAesKey: string | null;
  /** WECHAT_OA_MAX_SKEW_SECONDS: a callback whose timestamp is further than this from the clock is refused (replays). */
  maxSkewSeconds: number;
}

/** One message template as configured: its WeChat id, a name for staff, and its fields' types by key. */
export interface PushTemplateConfig {
  id: string;
  name: string;
  fields: Record<string, PushFieldType>;
  /** The keyword names the template shows on the phone (通知标题, 发布时间 …), by field key: staff see these instead of keys. */
  labels?: Record<string, string>;
  /** Subscribe: the mini-program page opened (`{id}` is replaced by the notice id). Template: the mini-program pagepath. */
  page?: string;
}

export interface PushConfig {
  /** WECHAT_SUBSCRIBE_TEMPLATES: mini-program subscribe-message templates. */
  subscribeTemplates: PushTemplateConfig[];
  /** WECHAT_OA_TEMPLATES: official-account template-message templates. */
  oaTemplates: PushTemplateConfig[];
  workerEnabled: boolean;
  /** Sends in flight at once per instance. */
  concurrency: number;
  /** Sends per second per instance (token bucket). */
  ratePerSecond: number;
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  pollMs: number;
  /** First retry delay; doubles per attempt (with ±50 % jitter), capped at 5 minutes. */
  retryBaseMs: number;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

export type TrustProxy = false | number | string[];

/** proxy-addr's names for address ranges, accepted in a TRUST_PROXY list. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: `false` (the default), `true` (one hop: the load balancer in front), a hop count,
 * or a comma-separated list of proxy addresses and CIDRs. Never "trust everything", which would
 * take the client's own left-most X-Forwarded-For entry as its address.
 */
function trustProxy(env: Env): TrustProxy {
  const raw = env.TRUST_PROXY?.trim() ?? '';
  const lower = raw.toLowerCase();
  if (['', '0', 'false', 'no', 'off'].includes(lower)) return false;
  if (['true', 'yes', 'on'].includes(lower)) return 1;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError('TRUST_PROXY', `must be a hop count between 0 and 10, got ${hops}`);
    return hops;
  }
  const entries = raw.split(',').map((e) => e.trim());
  for (const entry of entries) {
    if (!isProxyAddress(entry)) {
      throw new ConfigError('TRUST_PROXY', `must be false, true, a hop count or a comma-separated list of proxy addresses or CIDRs, got "${entry}"`);
    }
  }
  return entries;
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = env[name]?.trim() || fallback;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `is not a URL, got "${raw}"`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ConfigError(name, `must be an http(s) URL, got "${raw}"`);
  return raw.replace(/\/+$/, '');
}

/** Both WECHAT_MINI_APPID and WECHAT_MINI_SECRET, or neither (WeChat sign-in is then off). */
function wechatMini(env: Env): WechatConfig['mini'] {
  const appId = env.WECHAT_MINI_APPID?.trim() ?? '';
  const secret = env.WECHAT_MINI_SECRET?.trim() ?? '';
  if (!appId && !secret) return null;
  if (!appId) throw new ConfigError('WECHAT_MINI_APPID', 'is required when WECHAT_MINI_SECRET is set');
  if (!secret) throw new ConfigError('WECHAT_MINI_SECRET', 'is required when WECHAT_MINI_APPID is set');
  if (!/^wx[0-9a-zA-Z]{6,38}$/.test(appId)) throw new ConfigError('WECHAT_MINI_APPID', `must look like a mini-program AppID (wx…), got "${appId}"`);
  return { appId, secret };
}

/** WECHAT_OA_*: each optional, but the AES key needs the token and the AppID, and AppID and secret go together. */
function officialAccount(env: Env): OfficialAccountConfig {
  const read = (name: string) => env[name]?.trim() || null;
  const appId = read('WECHAT_OA_APPID');
  const secret = read('WECHAT_OA_SECRET');
  const token = read('WECHAT_OA_TOKEN');
  const encodingAesKey = read('WECHAT_OA_AES_KEY');
  if (appId && !secret) throw new ConfigError('WECHAT_OA_SECRET', 'is required when WECHAT_OA_APPID is set');
  if (secret && !appId) throw new ConfigError('WECHAT_OA_APPID', 'is required when WECHAT_OA_SECRET is set');
  if (appId && !/^wx[0-9a-zA-Z]{6,38}$/.test(appId)) throw new ConfigError('WECHAT_OA_APPID', `must look like an official-account AppID (wx…), got "${appId}"`);
  if (token && !/^[A-Za-z0-9]{3,32}$/.test(token)) throw new ConfigError('WECHAT_OA_TOKEN', 'must be 3–32 letters or digits (as set in the 公众号 console)');
  if (encodingAesKey) {
    if (!/^[A-Za-z0-9]{43}$/.test(encodingAesKey)) throw new ConfigError('WECHAT_OA_AES_KEY', `must be the 43-character EncodingAESKey (letters and digits), got ${encodingAesKey.length} characters`);
    if (!token) throw new ConfigError('WECHAT_OA_TOKEN', 'is required when WECHAT_OA_AES_KEY is set');
    if (!appId) throw new ConfigError('WECHAT_OA_APPID', 'is required when WECHAT_OA_AES_KEY is set (safe mode checks it)');
  }
  return { appId, secret, token, encodingAesKey, maxSkewSeconds: int(env, 'WECHAT_OA_MAX_SKEW_SECONDS', 300, 30, 3600) };
}

/** The embedded demo's subscribe template (used when WECHAT_SUBSCRIBE_TEMPLATES is not set), so the demo can push in dry run. */
export const DEMO_SUBSCRIBE_TEMPLATE: PushTemplateConfig = {
  id: 'DEMO_NOTICE',
  name: '新信息发布提醒',
  fields: { thing1: 'thing', time2: 'time', thing3: 'thing' },
  labels: { thing1: '通知标题', time2: '发布时间', thing3: '发布单位' },
  page: '/pages/notice/detail?id={id}',
};

/** A JSON list of templates: `[{id, name, fields: {key: type}, labels?: {key: name}, page?}]`, each field type one of WeChat's. */
function templates(env: Env, name: string): PushTemplateConfig[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(name, 'must be a JSON list like [{"id":"…","name":"…","fields":{"thing1":"thing"}}]');
  }
  if (!Array.isArray(parsed)) throw new ConfigError(name, 'must be a JSON list');
  const seen = new Set<string>();
  return parsed.map((item: unknown, i): PushTemplateConfig => {
    const t = item as Record<string, unknown> | null;
    if (typeof t !== 'object' || t === null || Array.isArray(t)) throw new ConfigError(name, `item ${i} must be an object`);
    const unknownKeys = Object.keys(t).filter((k) => !['id', 'name', 'fields', 'labels', 'page'].includes(k));
    if (unknownKeys.length) throw new ConfigError(name, `item ${i} has unknown keys: ${unknownKeys.join(', ')}`);
    if (typeof t.id !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(t.id)) throw new ConfigError(name, `item ${i}: id must be the template id (letters, digits, - and _)`);
    if (seen.has(t.id)) throw new ConfigError(name, `template ${t.id} is listed twice`);
    seen.add(t.id);
    if (typeof t.name !== 'string' || !t.name.trim()) throw new ConfigError(name, `template ${t.id}: name is required`);
    if (t.page !== undefined && (typeof t.page !== 'string' || !t.page || t.page.length > 200)) throw new ConfigError(name, `template ${t.id}: page must be a page path`);
    const fields = t.fields as Record<string, unknown> | null;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields) || Object.keys(fields).length === 0) throw new ConfigError(name, `template ${t.id}: fields must map keys to field types`);
    for (const [key, type] of Object.entries(fields)) {
      if (!/^[a-z_]+\d*$/.test(key)) throw new ConfigError(name, `template ${t.id}: bad field key "${key}"`);
      if (!(PUSH_FIELD_TYPES as readonly unknown[]).includes(type)) throw new ConfigError(name, `template ${t.id}: field ${key} has unknown type "${String(type)}" (one of ${PUSH_FIELD_TYPES.join(', ')})`);
    }
    const labels = t.labels as Record<string, unknown> | null | undefined;
    if (labels !== undefined && (typeof labels !== 'object' || labels === null || Array.isArray(labels))) throw new ConfigError(name, `template ${t.id}: labels must map field keys to their names`);
    for (const [key, label] of Object.entries(labels ?? {})) {
      if (!Object.prototype.hasOwnProperty.call(fields, key)) throw new ConfigError(name, `template ${t.id}: labels name a field it does not have: "${key}"`);
      // Counted in characters (a CJK extension character is one), no control characters: it is drawn on a card.
      if (typeof label !== 'string' || !label.trim() || Array.from(label.trim()).length > 20 || /\p{Cc}/u.test(label.trim())) throw new ConfigError(name, `template ${t.id}: the label of ${key} must be its name (1–20 characters)`);
    }
    return {
      id: t.id,
      name: t.name.trim(),
      fields: fields as Record<string, PushFieldType>,
      ...(labels ? { labels: Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, (v as string).trim()])) } : {}),
      ...(t.page ? { page: t.page as string } : {}),
    };
  });
}

/** REDIS_URL: redis:// or rediss:// (TLS), optionally with user, password and database number. */
function redisUrl(env: Env): string | null {
  const raw = env.REDIS_URL?.trim();
  if (!raw) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL', 'is not a URL (expected redis://host:6379 or rediss://…)');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') throw new ConfigError('REDIS_URL', `must start with redis:// or rediss://, got "${parsed.protocol}"`);
  if (!parsed.hostname) throw new ConfigError('REDIS_URL', 'must name a host, e.g. redis://127.0.0.1:6379');
  if (!/^\/?\d{0,2}$/.test(parsed.pathname)) throw new ConfigError('REDIS_URL', `may end only in a database number (/0–/99), got "${parsed.pathname}"`);
  return raw;
}

function rateLimit(env: Env): RateLimitConfig {
  const redisKeyPrefix = env.REDIS_KEY_PREFIX?.trim() || 'gongkai:';
  if (!/^[A-Za-z0-9:_.-]{1,100}$/.test(redisKeyPrefix)) throw new ConfigError('REDIS_KEY_PREFIX', 'must be 1–100 letters, digits or : _ . -');
  return {
    windowMs: int(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400) * 1000,
    signInMax: int(env, 'RATE_LIMIT_SIGNIN_MAX', 120, 0, 1_000_000),
    searchMax: int(env, 'RATE_LIMIT_SEARCH_MAX', 300, 0, 1_000_000),
    lookupMax: int(env, 'RATE_LIMIT_LOOKUP_MAX', 20, 0, 1_000_000),
    redisUrl: redisUrl(env),
    redisKeyPrefix,
  };
}

/** The JWT secret of the embedded default lives in the data directory so tokens survive restarts. */
function embeddedJwtSecret(dataDir: string): string {
  return embeddedSecret(dataDir, 'jwt-secret', () => randomBytes(48).toString('base64url'));
}

/** DATA_KEYS: a JSON object of key id → base64 32-byte key; the first entry is the current key. */
function dataKeys(raw: string): DataKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError('DATA_KEYS', 'must be a JSON object of key id → base64 key, e.g. {"k2026":"<44 base64 characters>"}');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError('DATA_KEYS', 'must be a JSON object of key id → base64 key');
  const keys = Object.entries(parsed as Record<string, unknown>).map(([id, value]) => {
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(id)) throw new ConfigError('DATA_KEYS', `key id "${id}" must be 1–16 letters, digits, _ or -`);
    const key = typeof value === 'string' && /^[A-Za-z0-9+/_-]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : null;
    if (!key || key.length !== 32) throw new ConfigError('DATA_KEYS', `key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`);
    return { id, key };
  });
  if (keys.length === 0) throw new ConfigError('DATA_KEYS', 'must hold at least one key');
  return keys;
}

function hashKey(raw: string): Buffer {
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(raw) ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  if (key.length < 32) throw new ConfigError('DATA_HASH_KEY', 'must be at least 32 bytes in base64 (openssl rand -base64 32)');
  return key;
}

/**
 * The embedded default generates its keys into the data directory on first start (like the JWT
 * secret); with DATABASE_URL or NODE_ENV=production the server refuses to start without them.
 */
function privacy(env: Env, dataDir: string, embedded: boolean, production: boolean): PrivacyConfig {
  const generate = embedded && !production;
  let keysRaw = env.DATA_KEYS?.trim() ?? '';
  if (!keysRaw) {
    if (!generate) throw new ConfigError('DATA_KEYS', 'is required when DATABASE_URL is set or NODE_ENV=production (see the README\'s key runbook)');
    // A serial id, not a date: it only has to differ from the next key's (a rotation puts `k0002` first).
    keysRaw = embeddedSecret(dataDir, 'data-keys.json', () => JSON.stringify({ k0001: randomBytes(32).toString('base64') }));
  }
  let hashRaw = env.DATA_HASH_KEY?.trim() ?? '';
  if (!hashRaw) {
    if (!generate) throw new ConfigError('DATA_HASH_KEY', 'is required when DATABASE_URL is set or NODE_ENV=production (see the README\'s key runbook)');
    hashRaw = embeddedSecret(dataDir, 'data-hash-key', () => randomBytes(32).toString('base64'));
  }
  const retentionDays = Object.fromEntries(RETENTION_RULES.map((r) => [r.kind, int(env, r.env, r.defaultDays, 1, 36_500)])) as RetentionDays;
  const controller = env.PRIVACY_CONTROLLER?.trim() || (embedded ? '昌乐县教育局' : '');
  const contact = env.PRIVACY_CONTACT?.trim() || (embedded ? '县教育局办公室（信息公开办），工作日 8:30—17:30' : '');
  if (!controller) throw new ConfigError('PRIVACY_CONTROLLER', 'is required when DATABASE_URL is set: the bureau the privacy notice names');
  if (!contact) throw new ConfigError('PRIVACY_CONTACT', 'is required when DATABASE_URL is set: how parents reach the bureau about personal information');
  if (controller.length > 50) throw new ConfigError('PRIVACY_CONTROLLER', 'must be at most 50 characters');
  if (contact.length > 200) throw new ConfigError('PRIVACY_CONTACT', 'must be at most 200 characters');
  return { dataKeys: dataKeys(keysRaw), hashKey: hashKey(hashRaw), retentionDays, controller, contact };
}

/** A secret of the embedded default, generated once into the data directory (mode 600). */
function embeddedSecret(dataDir: string, name: string, make: () => string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = make();
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const dataDirRaw = env.DATA_DIR?.trim() || 'data';
  const dataDir = isAbsolute(dataDirRaw) ? dataDirRaw : resolve(cwd, dataDirRaw);
  const port = int(env, 'PORT', 3000, 0, 65535);
  const host = env.HOST?.trim() || '0.0.0.0';

  let database: AppConfig['database'];
  const url = env.DATABASE_URL?.trim();
  if (url) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a URL (expected mysql://user:password@host:3306/database)');
    }
    if (parsed.protocol !== 'mysql:') {
      throw new ConfigError('DATABASE_URL', `must start with mysql:// (leave it unset for the embedded SQLite), got "${parsed.protocol}"`);
    }
    if (parsed.pathname.length < 2) throw new ConfigError('DATABASE_URL', 'must name a database, e.g. mysql://root@127.0.0.1:3306/gongkai');
    database = { type: 'mysql', url, poolSize: int(env, 'DATABASE_POOL_SIZE', 10, 1, 200) };
  } else {
    database = { type: 'sqlite', path: join(dataDir, 'gongkai.sqlite') };
  }
  const embedded = database.type === 'sqlite';
  // Demo data and the demo parent sign-in never run in production, whatever else is set.
  const production = env.NODE_ENV?.trim() === 'production';
  const demoEnabled = bool(env, 'DEMO_DATA', embedded && !production);
  if (demoEnabled && production) throw new ConfigError('DEMO_DATA', 'cannot be on when NODE_ENV=production');

  if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });

  let jwtSecret = env.JWT_SECRET?.trim() ?? '';
  if (jwtSecret && jwtSecret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
  if (!jwtSecret) {
    if (!embedded) throw new ConfigError('JWT_SECRET', 'is required when DATABASE_URL is set (every instance must share it)');
    jwtSecret = embeddedJwtSecret(dataDir);
  }

  const demoPassword = env.DEMO_STAFF_PASSWORD?.trim() || null;
  if (demoPassword !== null && demoPassword.length < 8) throw new ConfigError('DEMO_STAFF_PASSWORD', 'must be at least 8 characters long');

  return {
    port,
    host,
    trustProxy: trustProxy(env),
    dataDir,
    database,
    demo: { enabled: demoEnabled, staffPassword: demoPassword },
    auth: {
      jwtSecret,
      tokenTtlSeconds: int(env, 'TOKEN_TTL_SECONDS', 8 * 3600, 60, 30 * 24 * 3600),
      lockout: {
        accountFailures: int(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
        ipFailures: int(env, 'LOGIN_MAX_FAILURES_PER_IP', 20, 1, 100000),
        windowSeconds: int(env, 'LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86400),
        lockSeconds: int(env, 'LOGIN_LOCK_SECONDS', 900, 1, 86400),
        slowdownMs: int(env, 'LOGIN_SLOWDOWN_MS', 300, 0, 10000),
      },
    },
    wechat: {
      apiBase: httpUrl(env, 'WECHAT_API_BASE', 'https://api.weixin.qq.com'),
      mini: wechatMini(env),
      timeoutMs: int(env, 'WECHAT_TIMEOUT_MS', 5000, 50, 60_000),
    },
    officialAccount: officialAccount(env),
    publicCache: {
      maxEntries: int(env, 'PUBLIC_CACHE_ENTRIES', 5000, 0, 1_000_000),
      versionPollMs: int(env, 'PUBLIC_CACHE_POLL_MS', 1000, 50, 600_000),
    },
    viewFlushMs: int(env, 'VIEW_FLUSH_MS', 2000, 10, 600_000),
    schedulePollMs: int(env, 'SCHEDULE_POLL_MS', 5000, 50, 3_600_000),
    push: {
      subscribeTemplates: env.WECHAT_SUBSCRIBE_TEMPLATES?.trim() || !demoEnabled ? templates(env, 'WECHAT_SUBSCRIBE_TEMPLATES') : [DEMO_SUBSCRIBE_TEMPLATE],
      oaTemplates: templates(env, 'WECHAT_OA_TEMPLATES'),
      workerEnabled: bool(env, 'PUSH_WORKER_ENABLED', true),
      concurrency: int(env, 'PUSH_CONCURRENCY', 8, 1, 256),
      ratePerSecond: int(env, 'PUSH_RATE_PER_SECOND', 50, 1, 100_000),
      batchSize: int(env, 'PUSH_BATCH_SIZE', 100, 1, 5000),
      leaseMs: int(env, 'PUSH_LEASE_MS', 60_000, 1000, 3_600_000),
      maxAttempts: int(env, 'PUSH_MAX_ATTEMPTS', 5, 1, 100),
      pollMs: int(env, 'PUSH_POLL_MS', 1000, 10, 600_000),
      retryBaseMs: int(env, 'PUSH_RETRY_BASE_MS', 2000, 1, 600_000),
    },
    logJson: bool(env, 'LOG_JSON', !embedded),
    // server/dist (or server/src under the tests) → repository root → the mini-program's H5 build.
    h5Dir: env.H5_DIR?.trim() ? resolve(cwd, env.H5_DIR.trim()) : resolve(__dirname, '../../../miniprogram/dist/h5'),
    rateLimit: rateLimit(env),
    privacy: privacy(env, dataDir, embedded, production),
    storage: storage(env, dataDir),
    // The embedded default answers on its own port; production names its public address.
    publicBaseUrl: httpUrl(env, 'PUBLIC_BASE_URL', `http://localhost:${port}`),
    portal: portal(env, cwd),
    zoning: zoning(env, demoEnabled),
    searchLog: { flushMs: int(env, 'SEARCH_LOG_FLUSH_MS', 60_000, 100, 3_600_000), retainDays: int(env, 'SEARCH_LOG_RETAIN_DAYS', 730, 31, 3650) },
    pay: pay(env, cwd, httpUrl(env, 'PUBLIC_BASE_URL', `http://localhost:${port}`)),
    disclosure: disclosure(env),
  };
}

const PAY_REQUIRED = ['WECHATPAY_MCHID', 'WECHATPAY_SERIAL', 'WECHATPAY_PRIVATE_KEY', 'WECHATPAY_API_V3_KEY'] as const;
const PAY_OPTIONAL = ['WECHATPAY_MERCHANT_CERT', 'WECHATPAY_PLATFORM_CERT', 'WECHATPAY_PUBLIC_KEY', 'WECHATPAY_PUBLIC_KEY_ID', 'WECHATPAY_API_BASE', 'WECHATPAY_TIMEOUT_MS', 'WECHATPAY_MAX_SKEW_SECONDS'] as const;

/**
 * WECHATPAY_*: all of the merchant's settings, or none (payments off; the demo simulates). The key
 * and certificate files are read and parsed here, so a wrong path or a damaged PEM stops the start
 * instead of the first payment.
 */
function pay(env: Env, cwd: string, publicBaseUrl: string): PayConfig | null {
  const read = (name: string) => env[name]?.trim() || '';
  const given = PAY_REQUIRED.filter((name) => read(name));
  if (!given.length) {
    const stray = PAY_OPTIONAL.find((name) => read(name));
    if (stray) throw new ConfigError(stray, `is set but ${PAY_REQUIRED.join(', ')} are not (WeChat Pay needs all of them)`);
    return null;
  }
  const missing = PAY_REQUIRED.find((name) => !read(name));
  if (missing) throw new ConfigError(missing, `is required when ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set (WeChat Pay needs all of ${PAY_REQUIRED.join(', ')})`);
  const appId = read('WECHAT_MINI_APPID');
  if (!appId) throw new ConfigError('WECHAT_MINI_APPID', 'is required when WeChat Pay (WECHATPAY_*) is on: payments are made in the mini-program');
  const mchId = read('WECHATPAY_MCHID');
  if (!/^\d{8,12}$/.test(mchId)) throw new ConfigError('WECHATPAY_MCHID', `must be the 商户号 (8–12 digits), got "${mchId}"`);
  const serialNo = read('WECHATPAY_SERIAL').toUpperCase();
  if (!/^[0-9A-F]{8,40}$/.test(serialNo)) throw new ConfigError('WECHATPAY_SERIAL', 'must be the merchant certificate\'s serial number (hexadecimal, as shown in the 商户平台)');
  // The API v3 key is the AES-256 key itself: 32 bytes, not encoded.
  const apiV3Key = read('WECHATPAY_API_V3_KEY');
  if (Buffer.byteLength(apiV3Key, 'utf8') !== 32) throw new ConfigError('WECHATPAY_API_V3_KEY', `must be the 32-character APIv3 key, got ${Buffer.byteLength(apiV3Key, 'utf8')} bytes`);
  const file = (name: string): string | null => {
    const path = read(name);
    if (!path) return null;
    const full = isAbsolute(path) ? path : resolve(cwd, path);
    try {
      return readFileSync(full, 'utf8');
    } catch {
      throw new ConfigError(name, `must be the path of a readable PEM file, could not read "${full}"`);
    }
  };
  const privateKey = file('WECHATPAY_PRIVATE_KEY')!;
  try {
    if (createPrivateKey(privateKey).asymmetricKeyType !== 'rsa') throw new Error('not RSA');
  } catch {
    throw new ConfigError('WECHATPAY_PRIVATE_KEY', 'must be the merchant\'s RSA API private key (apiclient_key.pem)');
  }
  const merchantCert = file('WECHATPAY_MERCHANT_CERT');
  if (merchantCert !== null) {
    const serial = certificateSerial(merchantCert, 'WECHATPAY_MERCHANT_CERT', 'the merchant certificate (apiclient_cert.pem)');
    if (serial !== serialNo) throw new ConfigError('WECHATPAY_SERIAL', `must be the serial number of WECHATPAY_MERCHANT_CERT (${serial}), got ${serialNo}`);
  }
  const platformCert = file('WECHATPAY_PLATFORM_CERT');
  if (platformCert !== null) certificateSerial(platformCert, 'WECHATPAY_PLATFORM_CERT', 'the WeChat Pay platform certificate (wechatpay_*.pem)');
  const publicKeyPem = file('WECHATPAY_PUBLIC_KEY');
  const publicKeyId = read('WECHATPAY_PUBLIC_KEY_ID');
  if (publicKeyPem !== null && !publicKeyId) throw new ConfigError('WECHATPAY_PUBLIC_KEY_ID', 'is required when WECHATPAY_PUBLIC_KEY is set (PUB_KEY_ID_…, shown beside the key in the 商户平台)');
  if (publicKeyId && publicKeyPem === null) throw new ConfigError('WECHATPAY_PUBLIC_KEY', 'is required when WECHATPAY_PUBLIC_KEY_ID is set');
  if (publicKeyId && !/^PUB_KEY_ID_[0-9A-Za-z]{1,64}$/.test(publicKeyId)) throw new ConfigError('WECHATPAY_PUBLIC_KEY_ID', `must look like PUB_KEY_ID_…, got "${publicKeyId}"`);
  if (publicKeyPem !== null) {
    try {
      if (createPublicKey(publicKeyPem).asymmetricKeyType !== 'rsa') throw new Error('not RSA');
    } catch {
      throw new ConfigError('WECHATPAY_PUBLIC_KEY', 'must be the 微信支付公钥 (an RSA public key, pub_key.pem)');
    }
  }
  // Both may be set while WeChat moves a merchant from platform certificates to the public key.
  if (platformCert === null && publicKeyPem === null) throw new ConfigError('WECHATPAY_PLATFORM_CERT', 'or WECHATPAY_PUBLIC_KEY with WECHATPAY_PUBLIC_KEY_ID is required: without it notifications cannot be verified');
  const production = env.NODE_ENV?.trim() === 'production';
  if (production && !publicBaseUrl.startsWith('https://')) throw new ConfigError('PUBLIC_BASE_URL', 'must be an https URL when WeChat Pay is on (WeChat sends payment notifications only to https)');
  return {
    appId,
    mchId,
    serialNo,
    privateKey,
    merchantCert,
    apiV3Key,
    platformCert,
    publicKey: publicKeyPem !== null ? { id: publicKeyId, pem: publicKeyPem } : null,
    apiBase: httpUrl(env, 'WECHATPAY_API_BASE', 'https://api.mch.weixin.qq.com'),
    notifyUrl: `${publicBaseUrl}/wechat/pay/notify`,
    timeoutMs: int(env, 'WECHATPAY_TIMEOUT_MS', 10_000, 100, 60_000),
    maxSkewSeconds: int(env, 'WECHATPAY_MAX_SKEW_SECONDS', 300, 30, 3600),
  };
}

/** The serial number (upper-case hex, as WeChat writes it) of the first certificate in `pem`. */
function certificateSerial(pem: string, name: string, what: string): string {
  try {
    return new X509Certificate(pem).serialNumber.toUpperCase();
  } catch {
    throw new ConfigError(name, `must be ${what}, PEM`);
  }
}

/** The demo bureau's names unless a deployment sets its own. */
function disclosure(env: Env): DisclosureConfig {
  const text = (name: string, fallback: string, max: number) => {
    const value = env[name]?.trim() || fallback;
    if (value.length > max) throw new ConfigError(name, `must be at most ${max} characters`);
    return value;
  };
  return {
    agency: text('DISCLOSURE_AGENCY', '昌乐县教育局', 50),
    letterPrefix: text('DISCLOSURE_LETTER_PREFIX', '昌教依复', 20),
    reconsiderationBody: text('DISCLOSURE_RECONSIDERATION_BODY', '昌乐县人民政府', 50),
    court: text('DISCLOSURE_COURT', '昌乐县人民法院', 50),
    contact: text('DISCLOSURE_CONTACT', '昌乐县教育局政府信息公开办公室（昌乐县城关街道新昌路 1 号），电话 0536-6212300', 200),
  };
}

/** The demo's contact is the demo bureau's 基础教育科 (its 划片 notices name it); a deployment sets its own. */
function zoning(env: Env, demoEnabled: boolean): ZoningConfig {
  const helpContact = env.ZONING_HELP_CONTACT?.trim() || (demoEnabled ? '县教育局基础教育科 0536-6212312' : null);
  if (helpContact && helpContact.length > 100) throw new ConfigError('ZONING_HELP_CONTACT', 'must be at most 100 characters');
  return { helpContact, missFlushMs: int(env, 'ZONING_MISS_FLUSH_MS', 60_000, 100, 3_600_000) };
}

/** The portal's push worker; its lease must outlast one request (renewed just before it), twice over. */
function portal(env: Env, cwd: string): PortalConfig {
  const timeoutMs = int(env, 'PORTAL_PUSH_TIMEOUT_MS', 10_000, 50, 120_000);
  const leaseMs = int(env, 'PORTAL_PUSH_LEASE_MS', 60_000, 1000, 3_600_000);
  if (leaseMs < 2 * timeoutMs + 5000) throw new ConfigError('PORTAL_PUSH_LEASE_MS', `must be at least twice PORTAL_PUSH_TIMEOUT_MS plus 5000 (${2 * timeoutMs + 5000}), got ${leaseMs}: a push must never outlast its lease`);
  return {
    pushEnabled: bool(env, 'PORTAL_PUSH_ENABLED', true),
    pollMs: int(env, 'PORTAL_PUSH_POLL_MS', 2000, 10, 600_000),
    timeoutMs,
    retryBaseMs: int(env, 'PORTAL_RETRY_BASE_MS', 10_000, 1, 3_600_000),
    retryHours: int(env, 'PORTAL_RETRY_HOURS', 24, 1, 24 * 30),
    leaseMs,
    sourcesFile: env.PORTAL_SOURCES_FILE?.trim() ? resolve(cwd, env.PORTAL_SOURCES_FILE.trim()) : null,
  };
}

const S3_REQUIRED = ['STORAGE_S3_ENDPOINT', 'STORAGE_S3_BUCKET', 'STORAGE_S3_ACCESS_KEY', 'STORAGE_S3_SECRET_KEY'] as const;

/** STORAGE_S3_*: all four required ones or none (then files go to DATA_DIR/files). */
function storage(env: Env, dataDir: string): StorageConfig {
  const uploadMaxBytes = int(env, 'UPLOAD_MAX_BYTES', 100 * 1024 * 1024, 1024, 2 * 1024 * 1024 * 1024);
  const given = S3_REQUIRED.filter((name) => env[name]?.trim());
  const optional = ['STORAGE_S3_REGION', 'STORAGE_S3_FORCE_PATH_STYLE'].filter((name) => env[name]?.trim());
  if (!given.length) {
    if (optional.length) throw new ConfigError(optional[0]!, `is set but ${S3_REQUIRED.join(', ')} are not (S3 storage needs all four)`);
    return { kind: 'disk', dir: join(dataDir, 'files'), uploadMaxBytes };
  }
  const missing = S3_REQUIRED.filter((name) => !env[name]?.trim());
  if (missing.length) throw new ConfigError(missing[0]!, `is required when ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set (S3 storage needs all four of ${S3_REQUIRED.join(', ')})`);
  const bucket = env.STORAGE_S3_BUCKET!.trim();
  // S3's bucket naming rules (3–63 lower-case letters, digits, dots and hyphens).
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError('STORAGE_S3_BUCKET', `must be a bucket name (3–63 lower-case letters, digits, . or -), got "${bucket}"`);
  const region = env.STORAGE_S3_REGION?.trim() || 'us-east-1';
  if (!/^[a-z0-9-]{1,40}$/.test(region)) throw new ConfigError('STORAGE_S3_REGION', `must be a region name such as ap-guangzhou, got "${region}"`);
  return {
    kind: 's3',
    endpoint: httpUrl(env, 'STORAGE_S3_ENDPOINT', ''),
    bucket,
    accessKey: env.STORAGE_S3_ACCESS_KEY!.trim(),
    secretKey: env.STORAGE_S3_SECRET_KEY!.trim(),
    region,
    forcePathStyle: bool(env, 'STORAGE_S3_FORCE_PATH_STYLE', false),
    uploadMaxBytes,
  };
}
