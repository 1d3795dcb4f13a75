import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import { basename } from 'node:path';

/** What a browser may keep without asking again: the name changes whenever the bytes do. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Kept, but revalidated (ETag / Last-Modified) before each use: index.html names the current bundles. */
export const REVALIDATE = 'no-cache';

/**
 * A file whose name carries a content hash (`app.da33af6c.js`, `3202.03794c01.js`,
 * `pages-common.62a5df26.css`: webpack's `[contenthash:8]` / `[chunkhash:8]`, see
 * miniprogram/config/index.ts), with or without the precompressed sibling's `.br` / `.gz`.
 */
const HASHED_NAME = /\.[0-9a-f]{8}\.[a-z0-9]+(\.br|\.gz)?$/;

export function cacheControlFor(filePath: string): string {
  return HASHED_NAME.test(basename(filePath)) ? IMMUTABLE : REVALIDATE;
}

/**
 * The H5 app at `/`. The build writes a brotli (`.br`) and a gzip (`.gz`) copy next to each text
 * file (compression-webpack-plugin); @fastify/static picks br, then gzip, then the file itself by
 * the request's Accept-Encoding and adds `Vary: Accept-Encoding`, so nothing is compressed per
 * request. ETag / Last-Modified (304) and ranges stay @fastify/send's. The security headers come
 * from the onRequest hook (registerSecurityHeaders), which runs for these answers too.
 */
export function serveH5(app: NestFastifyApplication, root: string): void {
  app.useStaticAssets({
    root,
    prefix: '/',
    // A list: with preCompressed, @fastify/static looks the index up only in an array (a string gives `/` a 404).
    index: ['index.html'],
    preCompressed: true,
    // The build's own dotfiles (.chunks.json for the size check, .source-hash) are not the app's: 404.
    // (@fastify/static sets 'allow' unless told, unlike send's own default.)
    dotfiles: 'ignore',
    // Our own header per file below; send's default (max-age=0) would make every visit revalidate each bundle.
    cacheControl: false,
    // @fastify/static 10 hands over the Fastify reply itself (Nest's type still names the old `setHeader`).
    setHeaders: (reply, path) => {
      (reply as unknown as FastifyReply).header('cache-control', cacheControlFor(path));
    },
  });
}
