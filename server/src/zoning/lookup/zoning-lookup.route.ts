import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../common/errors/api-error';
import { apiErrorBody, internalErrorBody } from '../../common/errors/error.filter';
import { RateLimiter } from '../../common/rate-limit/rate-limiter';
import { parseLookupQuery } from './dto/zoning-lookup-query';
import { ZoningLookupService } from './zoning-lookup.service';

/** Under the API prefix (`API_PREFIX` in app.ts), which Nest's global prefix does not add to a Fastify route. */
export const ZONING_LOOKUP_PATH = '/api/v1/zoning/lookup';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * `GET /api/v1/zoning/lookup`, 学区查询's hot path (p99 ≤ 10 ms at 64 connections), registered on
 * Fastify directly like `/gk/notices/:id`: the answer is a few map reads, and Nest's per-request
 * routing and its serialisation of the returned object cost more CPU than the match itself. It
 * answers exactly as the Nest route did: the query checked by `parseLookupQuery` (Chinese 400s),
 * refusals in the error filter's shape, `no-store` on every answer (the query is a parent's
 * address), and an unexpected failure logged by its kind and stack frames, never with the URL,
 * answered as the filter's 500 with the request id. Documented in `openapi/zoning-lookup.doc.ts`.
 */
@Injectable()
export class ZoningLookupRoute implements OnModuleInit {
  private readonly logger = new Logger('ZoningController');

  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly lookups: ZoningLookupService,
    private readonly limits: RateLimiter,
  ) {}

  onModuleInit(): void {
    // The CLI's context (`zoning import`) has the module but no HTTP server.
    const http = this.adapter.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    if (!http) return;
    const fastify = http.getInstance<FastifyInstance>();
    fastify.get(ZONING_LOOKUP_PATH, (req, reply) => this.handle(req, reply));
  }

  /** Returns the body for Fastify to send (an async handler's value is its answer). */
  private async handle(req: FastifyRequest, reply: FastifyReply): Promise<string> {
    reply.header('cache-control', 'no-store').type(JSON_TYPE);
    try {
      // Searches that find nothing are kept for staff: they count against the per-address search
      // limit (RATE_LIMIT_SEARCH_MAX) like uncached notice searches; answered lookups do not.
      const answer = await this.lookups.lookup(parseLookupQuery(req.query), () => this.limits.check('search', req));
      // Serialised once here, as a string: Node writes the headers and a string body in one
      // chunk, while a Buffer (measured) cost more (an extra copy, then two chunks per write).
      return JSON.stringify(answer);
    } catch (error) {
      return this.refusal(req, reply, error);
    }
  }

  private refusal(req: FastifyRequest, reply: FastifyReply, error: unknown): string {
    if (error instanceof ApiError) {
      if (error.headers) reply.headers(error.headers);
      reply.status(error.getStatus());
      return JSON.stringify(apiErrorBody(error));
    }
    // The error filter would log the URL, which holds an address: the kind and stack frames only.
    const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)) : [];
    this.logger.error(`request ${String(req.id)}: zoning lookup failed: ${error instanceof Error ? error.name : typeof error}`, frames.join('\n'));
    reply.status(500);
    return JSON.stringify(internalErrorBody(String(req.id)));
  }
}
