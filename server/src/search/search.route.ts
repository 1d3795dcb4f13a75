import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors/api-error';
import { apiErrorBody, internalErrorBody } from '../common/errors/error.filter';
import { RateLimiter } from '../common/rate-limit/rate-limiter';
import { parseSearchParams, parseSuggestParams } from './dto/search-params';
import { SearchIndexService } from './engine/search-index.service';
import { SearchService } from './search.service';

/** Under the API prefix (`API_PREFIX` in app.ts), which Nest's global prefix does not add to a Fastify route. */
export const SEARCH_PATH = '/api/v1/search';
export const SUGGEST_PATH = '/api/v1/search/suggest';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * `GET /api/v1/search` and `/search/suggest`, the parents' hot path, registered on Fastify directly
 * like the zoning lookup: an answer is usually a cache read, and Nest's per-request pipeline would
 * cost more than that. Answers are `no-store` (a query can be an address or a name); refusals have
 * the error filter's shape; an unexpected failure is logged by its kind and stack frames, never
 * with the URL (the query), and answered as the filter's 500 with the request id. Documented in
 * `openapi/search.doc.ts`.
 */
@Injectable()
export class SearchRoute implements OnModuleInit {
  private readonly logger = new Logger('SearchController');

  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly search: SearchService,
    private readonly index: SearchIndexService,
    private readonly limits: RateLimiter,
  ) {}

  onModuleInit(): void {
    // A CLI context has the module but no HTTP server, and needs no index.
    const http = this.adapter.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    if (!http) return;
    const fastify = http.getInstance<FastifyInstance>();
    fastify.get(SEARCH_PATH, (req, reply) => this.answer(req, reply, () => this.search.search(parseSearchParams(req.query), () => this.limits.check('search', req))));
    fastify.get(SUGGEST_PATH, (req, reply) => this.answer(req, reply, () => this.search.suggest(parseSuggestParams(req.query).q)));
    this.index.warm();
  }

  private async answer(req: FastifyRequest, reply: FastifyReply, build: () => Promise<string>): Promise<string> {
    reply.header('cache-control', 'no-store').type(JSON_TYPE);
    try {
      return await build();
    } catch (error) {
      if (error instanceof ApiError) {
        if (error.headers) reply.headers(error.headers);
        reply.status(error.getStatus());
        return JSON.stringify(apiErrorBody(error));
      }
      const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)) : [];
      this.logger.error(`request ${String(req.id)}: search failed: ${error instanceof Error ? error.name : typeof error}`, frames.join('\n'));
      reply.status(500);
      return JSON.stringify(internalErrorBody(String(req.id)));
    }
  }
}
