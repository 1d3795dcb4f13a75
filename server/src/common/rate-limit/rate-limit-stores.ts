import { Logger } from '@nestjs/common';
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { Clock } from '../clock/clock';

/**
 * Counter stores for @fastify/rate-limit that read the time from the app's Clock (the plugin's own
 * stores read Date.now() and Redis's expiry, which tests cannot move). A window opens at an
 * address's first counted request and lasts `timeWindow` ms, as in the plugin's stores.
 */
type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** One instance's counters, bounded: the least recently seen addresses are forgotten first. */
export class MemoryRateLimitStore implements FastifyRateLimitStore {
  private readonly windows: LRUCache<string, { start: number; count: number }>;

  constructor(private readonly clock: Clock, maxKeys = 100_000) {
    this.windows = new LRUCache({ max: maxKeys });
  }

  incr(key: string, callback: IncrCallback, timeWindow: number): void {
    const now = this.clock.nowMs();
    let window = this.windows.get(key);
    if (!window || window.start + timeWindow <= now) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    callback(null, { current: window.count, ttl: window.start + timeWindow - now });
  }

  child(): FastifyRateLimitStore {
    return this;
  }
}

/**
 * Start of the window and count in one hash, checked and counted in one script (atomic in Redis),
 * with the instance's clock passed in; the key's own expiry only cleans up.
 */
const INCR_SCRIPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local start = tonumber(redis.call('HGET', KEYS[1], 's'))
local count
if (not start) or start + window <= now then
  start = now
  count = 1
  redis.call('HSET', KEYS[1], 's', ARGV[1], 'c', 1)
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
else
  count = redis.call('HINCRBY', KEYS[1], 'c', 1)
end
return {count, start + window - now}
`;

interface RedisWithRateLimit extends Redis {
  gongkaiRateLimit(key: string, now: string, window: string): Promise<[number, number]>;
}

/** Counters shared by every instance through Redis (REDIS_URL). */
export class RedisRateLimitStore implements FastifyRateLimitStore {
  private readonly logger = new Logger('RateLimit');
  private lastWarning = 0;

  constructor(
    private readonly redis: Redis,
    private readonly clock: Clock,
    private readonly prefix: string,
  ) {
    redis.defineCommand('gongkaiRateLimit', { numberOfKeys: 1, lua: INCR_SCRIPT });
  }

  incr(key: string, callback: IncrCallback, timeWindow: number): void {
    (this.redis as RedisWithRateLimit)
      .gongkaiRateLimit(`${this.prefix}${key}`, String(this.clock.nowMs()), String(timeWindow))
      .then(([current, ttl]) => callback(null, { current, ttl }))
      .catch((error: Error) => {
        // The plugin runs with skipOnError: a Redis outage lets requests through rather than
        // refusing every parent; say so at most once a minute.
        const now = this.clock.nowMs();
        if (now - this.lastWarning > 60_000) {
          this.lastWarning = now;
          this.logger.warn(`Redis unavailable, rate limits not applied: ${error.message}`);
        }
        callback(error);
      });
  }

  child(): FastifyRateLimitStore {
    return this;
  }
}
