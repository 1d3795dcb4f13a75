import { Logger } from '@nestjs/common';
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { RateLimitConfig } from '../../config/app-config';
import type { Clock } from '../clock/clock';
import { MemoryRateLimitStore, RedisRateLimitStore } from './rate-limit-stores';

/**
 * Registers @fastify/rate-limit on the server without a global limit: the limits are taken from
 * code (`fastify.createRateLimit`, see RateLimiter) where they apply. Counters live in memory
 * (each instance counts alone: N instances allow N times the rate) or, with REDIS_URL, in Redis
 * (shared by every instance).
 */
export async function registerRateLimit(fastify: FastifyInstance, config: RateLimitConfig, clock: Clock): Promise<void> {
  // The plugin constructs its store itself (`new store(options)`): hand it one bound to ours.
  let store: FastifyRateLimitStoreCtor;
  if (config.redisUrl) {
    const logger = new Logger('RateLimit');
    const redis = new Redis(config.redisUrl, {
      lazyConnect: true,
      connectTimeout: 2000,
      // Fail fast while Redis is away (the request then goes through) instead of queueing.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
    });
    let lastError = 0;
    redis.on('error', (error: Error) => {
      if (clock.nowMs() - lastError > 60_000) logger.warn(`Redis: ${error.message}`);
      lastError = clock.nowMs();
    });
    // Start even when Redis is down: the limits resume when it is back (ioredis reconnects).
    await redis.connect().catch((error: Error) => logger.warn(`Redis not reachable at start, rate limits off until it is: ${error.message}`));
    fastify.addHook('onClose', async () => {
      redis.disconnect();
    });
    const prefix = `${config.redisKeyPrefix}rl:`;
    store = class extends RedisRateLimitStore {
      constructor() {
        super(redis, clock, prefix);
      }
    };
  } else {
    store = class extends MemoryRateLimitStore {
      constructor() {
        super(clock);
      }
    };
  }
  await fastify.register(rateLimit, {
    global: false,
    // A store failure (Redis down) lets the request through: a limit must not lock parents out.
    skipOnError: true,
    store,
  });
}
