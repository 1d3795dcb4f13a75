import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiError } from './api-error';

/** No request of this API nests deeper; anything past it is an attack on the parsers after JSON.parse. */
export const JSON_DEPTH_MAX = 32;

/**
 * Whether the raw JSON text nests deeper than `limit`, counting `{` and `[` outside strings in
 * one pass over the bytes, without parsing (UTF-8 multi-byte sequences never contain these ASCII
 * bytes); stops as soon as the limit is passed. Malformed text is left to JSON.parse.
 */
export function jsonDepthExceeds(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/**
 * The JSON body parser: refuses nesting deeper than JSON_DEPTH_MAX (400) before parsing, then
 * parses as Nest's own parser does (Fastify's, with its prototype-poisoning checks). Deep nesting
 * otherwise overflowed the stack in class-transformer and the validators after JSON.parse (500).
 * Registered through the adapter so Nest does not add its own; form-encoded bodies, which no
 * route takes, are no longer parsed (415).
 */
export function registerJsonParser(adapter: FastifyAdapter): void {
  const { bodyLimit } = adapter.getInstance().initialConfig;
  const parseJson = adapter.getInstance().getDefaultJsonParser('error', 'error');
  adapter.useBodyParser('application/json', false, { bodyLimit }, (request, body, done) => {
    if (jsonDepthExceeds(body, JSON_DEPTH_MAX)) {
      done(new ApiError(400, 'VALIDATION_FAILED', `提交的内容层级过深（最多 ${JSON_DEPTH_MAX} 层）`), undefined);
      return;
    }
    // Fastify's parser takes the raw bytes too (secure-json-parse), though its type says string.
    parseJson(request, body as unknown as string, done);
  });
}
