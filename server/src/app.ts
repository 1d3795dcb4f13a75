import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import multipart from '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INQUIRY_LIMITS } from '@gongkai/shared';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { SystemClock, type Clock } from './common/clock/clock';
import { ErrorFilter } from './common/errors/error.filter';
import { registerJsonParser } from './common/errors/json-body';
import { MaskingLogger } from './common/logging/masking-logger';
import { createValidationPipe } from './common/errors/validation.pipe';
import { registerSecurityHeaders } from './common/http/security-headers';
import { registerCompression } from './common/http/compression';
import { LeanReads } from './common/http/lean-read';
import { registerServerTiming } from './common/http/server-timing';
import { PublicCache } from './common/cache/public-cache';
import { serveH5 } from './common/http/static-assets';
import { registerRateLimit } from './common/rate-limit/rate-limit.plugin';
import { HEALTH_PATHS } from './health/health.controller';
import { PUBLIC_WEB_PATHS } from './public-web/public-web.module';
import { installDataKeys } from './privacy/crypto/data-keys';
import { installMigrationObjectStore } from './database/migration-object-store';
import { createObjectStore } from './storage/create-object-store';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { OA_CALLBACK_PATH } from './wechat/official-account/oa-callback.controller';

export const API_PREFIX = 'api/v1';

/** The largest XML body the official-account callback accepts (WeChat's messages are a few KB). */
const XML_BODY_LIMIT = 64 * 1024;

/** Builds the whole application, as `main.ts` runs it and as the API tests boot it. */
/** `clock`: tests pass a SettableClock to move time; production uses the system clock. */
export async function createApp(config: AppConfig, options: { logLevels?: LogLevel[]; clock?: Clock } = {}): Promise<NestFastifyApplication> {
  // Encrypted columns' transformers are static: their keys are installed before any module touches the database.
  installDataKeys(config.privacy);
  // One object store for the app and for a migration that moves bytes out of the database.
  const objects = createObjectStore(config.storage);
  installMigrationObjectStore(objects);
  // Cached public answers straight from memory, in Node's request listener before Fastify's (lean-read.ts).
  const leanReads = new LeanReads(config.trustProxy);
  const adapter = new FastifyAdapter({
    serverFactory: leanReads.serverFactory,
    // false, a hop count or a proxy list (never `true`, which Fastify reads as "trust every hop"): request.ip is then the right-most untrusted X-Forwarded-For entry.
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => randomUUID(),
    logger: false,
  });
  // JSON nested deeper than any request needs is refused before it is parsed.
  registerJsonParser(adapter);
  // WeChat posts XML to the official-account callback: keep it as a string (parsed there).
  adapter.getInstance().addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string', bodyLimit: XML_BODY_LIMIT }, (_request, body, done) => done(null, body));
  // Inquiry photos (`POST /inquiries/photos`) are the only multipart route: one file, nothing kept on disk.
  await adapter.getInstance().register(multipart, { limits: { fileSize: INQUIRY_LIMITS.photoBytesMax, files: 1, fields: 5, parts: 6, headerPairs: 100 } });
  // The H5 app at `/` next to the API; a page saying how to build it when it is missing.
  const h5 = existsSync(join(config.h5Dir, 'index.html')) ? config.h5Dir : join(__dirname, '..', 'public');
  // CSP and the other security headers on every answer; the H5 page's inline script allowed by its hash.
  const securityHeaders = await registerSecurityHeaders(adapter.getInstance(), join(h5, 'index.html'));
  const clock = options.clock ?? new SystemClock();
  // Per-address limits (RateLimiter), counted on the app's clock.
  await registerRateLimit(adapter.getInstance(), config.rateLimit, clock);
  // Uncached answers of 1 KB or more compressed on the fly; prebuilt ones carry their own coding.
  await registerCompression(adapter.getInstance());
  // How long the server worked on each answer, for the browser's developer tools and the benchmark.
  registerServerTiming(adapter.getInstance());
  // Every log line goes through this logger, which masks phone and ID numbers.
  const logger = new MaskingLogger({ json: config.logJson, logLevels: options.logLevels ?? ['log', 'warn', 'error', 'fatal'] });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, clock, objects), adapter, { logger, abortOnError: false });
  app.setGlobalPrefix(API_PREFIX, { exclude: [OA_CALLBACK_PATH, ...HEALTH_PATHS, ...PUBLIC_WEB_PATHS] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  leanReads.serveFrom(app.get(PublicCache), securityHeaders);
  adapter.getInstance().addHook('preClose', (done) => {
    leanReads.close();
    done();
  });

  // Responses generated from shared's API types (server/src/openapi/).
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json', customSiteTitle: 'Gongkai API' });
  // Precompressed files by Accept-Encoding; hashed bundles cached for a year, index.html revalidated.
  serveH5(app, h5);
  return app;
}
