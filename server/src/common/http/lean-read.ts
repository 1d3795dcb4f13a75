import { compile as compileTrust } from '@fastify/proxy-addr';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { TrustProxy } from '../../config/app-config';
import type { PublicCache } from '../cache/public-cache';
import { negotiate, type Coding, type LiveRepresentation, type Representation } from './compression';
import { matchesEtag, sendRepresentation } from './etag';
import { HSTS } from './security-headers';

/** What a per-request step may read of the request (Fastify's request and Node's both have it). */
export type LeanRequest = Pick<IncomingMessage, 'method' | 'headers'>;

/** A cached public answer as its route sent it, kept by the request's address for the lean path. */
export interface LeanAnswer {
  representation: Representation | LiveRepresentation;
  cacheControl: string;
  /** Runs on every answer, 304s included (a view counted); returns the live end of a LiveRepresentation. */
  perRequest?: (request: LeanRequest) => string;
}

const KEY = 'lean:';

/** What Fastify passes its server factory, with its defaults applied. */
interface ServerTimeouts {
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
}

/** Sends `answer` (its coding negotiated, 304 on a matching ETag). */
export function sendAnswer(request: FastifyRequest, reply: FastifyReply, answer: LeanAnswer): void {
  sendRepresentation(request, reply, answer.representation, answer.cacheControl, answer.perRequest ? answer.perRequest(request) : '');
}

/**
 * Sends `answer` and remembers it under the request's raw address (path and query), unless public
 * content changed since `mark` (PublicCache.mark(), taken before the route read anything). The
 * next GET or HEAD of that address is answered by the lean path. `withQuery`: the route's answer
 * depends on the query (the notices list, a page number); otherwise an address with a query is
 * not remembered, so made-up queries cannot fill the cache.
 */
export function answerAndRemember(cache: PublicCache, mark: number, request: FastifyRequest, reply: FastifyReply, answer: LeanAnswer, withQuery = false): void {
  // A percent-encoded address is one of many spellings of the same path: not remembered.
  if ((withQuery || !request.url.includes('?')) && !request.url.includes('%')) cache.remember(KEY + request.url, answer, mark);
  sendAnswer(request, reply, answer);
}

/**
 * The lean read path: a GET or HEAD of an address a public route answered from the cache before is
 * answered in Node's own request listener, straight from the remembered answer, before Fastify
 * builds its request and reply, routes and runs hooks (about half the CPU of such a request), let
 * alone Nest's pipeline. It sends exactly what the route would: the security headers (HSTS when the
 * request came over TLS, as Fastify's `request.protocol` decides with the same TRUST_PROXY rule),
 * the same ETag and 304, the coding negotiated, the view counted. Anything else, and every address
 * after a change of public content (the cache is cleared), goes on to Fastify, whose routes build
 * the answer and remember it again. Rate limits apply as on the routes: only to uncached searches,
 * which never reach this path.
 */
export class LeanReads {
  private cache: PublicCache | undefined;
  private headers: Record<string, string> | undefined;
  private readonly trusted: ((address: string, hop: number) => boolean) | null;

  constructor(trustProxy: TrustProxy) {
    // Fastify's own rule for request.protocol: X-Forwarded-Proto counts only from a trusted peer.
    this.trusted = trustProxy === false ? null : typeof trustProxy === 'number' ? (_address, hop) => hop < trustProxy : compileTrust(trustProxy);
  }

  /**
   * Fastify's `serverFactory`: our listener first, Fastify's for whatever it does not answer. The
   * server gets the timeouts Fastify would give the one it makes itself.
   */
  readonly serverFactory = (handler: (request: IncomingMessage, response: ServerResponse) => void, options: Record<string, unknown>): Server => {
    const timeouts = options as unknown as ServerTimeouts;
    const server = createServer((request, response) => {
      if (!this.answer(request, response)) handler(request, response);
    });
    server.keepAliveTimeout = timeouts.keepAliveTimeout;
    server.requestTimeout = timeouts.requestTimeout;
    server.setTimeout(timeouts.connectionTimeout);
    return server;
  };

  /** Connected once the app exists: the security headers (as the onRequest hook sends them) and the cache. */
  serveFrom(cache: PublicCache, securityHeaders: Record<string, string>): void {
    this.cache = cache;
    this.headers = securityHeaders;
  }

  /** Set when the server begins to close: Fastify then answers 503 with `Connection: close`, as it should. */
  private closing = false;

  /** Called from Fastify's preClose hook (app.ts). */
  close(): void {
    this.closing = true;
  }

  private answer(request: IncomingMessage, response: ServerResponse): boolean {
    if (this.cache === undefined || this.closing || (request.method !== 'GET' && request.method !== 'HEAD') || request.url === undefined) return false;
    const answer = this.cache.recall<LeanAnswer>(KEY + request.url);
    if (!answer) return false;
    try {
      this.write(request, response, answer);
      return true;
    } catch {
      // Nothing written yet (writeHead is the last step that can throw): Fastify's route answers, or its error handler does.
      return response.headersSent;
    }
  }

  private write(request: IncomingMessage, response: ServerResponse, answer: LeanAnswer): void {
    const representation = answer.representation;
    const tail = answer.perRequest ? answer.perRequest(request) : '';
    const https = this.isHttps(request);
    if (matchesEtag(request, representation.etag)) {
      response.writeHead(304, this.headersFor(answer, 304, 'identity', https)).end();
      return;
    }
    const coding = representation.small ? 'identity' : negotiate(request.headers['accept-encoding']);
    const body = representation.body(coding, tail);
    const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    response.writeHead(200, this.headersFor(answer, 200, coding, https, length));
    if (request.method === 'HEAD') response.end();
    else response.end(body);
  }

  /**
   * Per answer, status, coding, scheme and length, the header block as a flat list, built once (a
   * list is written as it is). The length is part of the key: a coding can be replaced by a denser
   * one, and a live body's length changes with its view count's digits (a handful of blocks).
   */
  private readonly blocks = new WeakMap<LeanAnswer, Map<number, string[]>[]>();

  private headersFor(answer: LeanAnswer, status: 200 | 304, coding: Coding, https: boolean, length = 0): string[] {
    let slots = this.blocks.get(answer);
    if (!slots) {
      slots = [];
      this.blocks.set(answer, slots);
    }
    // Slot by status, coding and scheme (12 at most), then by length.
    const slot = (status === 200 ? 0 : 6) + (coding === 'br' ? 0 : coding === 'gzip' ? 2 : 4) + (https ? 1 : 0);
    const byLength = (slots[slot] ??= new Map<number, string[]>());
    let block = byLength.get(length);
    if (!block) {
      const representation = answer.representation;
      const headers: Record<string, string> = { ...this.headers };
      if (https) headers['strict-transport-security'] = HSTS;
      headers.etag = representation.etag;
      headers['cache-control'] = answer.cacheControl;
      headers.vary = 'Accept-Encoding';
      if (status === 200) {
        if (coding !== 'identity') headers['content-encoding'] = coding;
        headers['content-type'] = representation.contentType;
        headers['content-length'] = String(length);
      }
      block = Object.entries(headers).flat();
      byLength.set(length, block);
    }
    return block;
  }

  private isHttps(request: IncomingMessage): boolean {
    const forwarded = request.headers['x-forwarded-proto'];
    const peer = request.socket.remoteAddress;
    if (forwarded && this.trusted && peer !== undefined && this.trusted(peer, 0)) {
      const value = Array.isArray(forwarded) ? forwarded[forwarded.length - 1]! : forwarded;
      return value.slice(value.lastIndexOf(',') + 1).trim() === 'https';
    }
    return (request.socket as TLSSocket).encrypted === true;
  }
}
