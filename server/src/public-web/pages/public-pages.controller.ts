import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicCache } from '../../common/cache/public-cache';
import { representationOf } from '../../common/http/compression';
import { answerAndRemember, sendAnswer, type LeanAnswer } from '../../common/http/lean-read';
import { SITE_CSS, SITE_CSS_NAME } from './site-style';
import { PublicPagesService, type BuiltPage } from './public-pages.service';

const HTML = 'text/html; charset=utf-8';
const STYLESHEET = Buffer.from(SITE_CSS, 'utf8');

/**
 * The public web pages, outside /api/v1 (PUBLIC_WEB_PATHS) and outside the API's document: HTML
 * for browsers and search engines, no sign-in, no script. A 200 carries an ETag and revalidates
 * (no-cache, as the API's public reads); error pages are HTML too, never the API's JSON.
 */
@ApiExcludeController()
@Controller('gk')
export class PublicPagesController {
  constructor(
    private readonly pages: PublicPagesService,
    private readonly cache: PublicCache,
  ) {}

  /** `/gk`: the catalogue's address is `/gk/` (served below). */
  @Get()
  home(@Res() reply: FastifyReply): void {
    void reply.redirect('/gk/', 301);
  }

  @Get('categories/:code')
  async category(@Param('code') code: string, @Query('page') page: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const mark = this.cache.mark();
    sendPage(req, reply, await this.pages.list('category', code, page), { cache: this.cache, mark, withQuery: true });
  }

  @Get('topics/:code')
  async topic(@Param('code') code: string, @Query('page') page: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const mark = this.cache.mark();
    sendPage(req, reply, await this.pages.list('topic', code, page), { cache: this.cache, mark, withQuery: true });
  }

  // `/gk/notices/:id` is registered on Fastify directly (notice-page.route.ts).

  /**
   * `/gk/` (the wildcard also matches the empty rest) is the catalogue; any other address under
   * /gk/ that no route of the pages or the feeds serves is a 404 page.
   */
  @Get('*')
  async rest(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const mark = this.cache.mark();
    sendPage(req, reply, req.url.split('?')[0] === '/gk/' ? await this.pages.home() : this.pages.notFound(), { cache: this.cache, mark });
  }

  /** The stylesheet under its hashed name: cached for a year, never revalidated. */
  @Get('assets/:file')
  stylesheet(@Param('file') file: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    if (file !== SITE_CSS_NAME) return sendPage(req, reply, this.pages.notFound());
    void reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/css; charset=utf-8').send(STYLESHEET);
  }
}

/** How a page's answer is remembered for the lean read path (see answerAndRemember). */
export interface PageLean {
  cache: PublicCache;
  mark: number;
  withQuery?: boolean;
  perRequest?: LeanAnswer['perRequest'];
}

/**
 * A built page: a 200 with its ETag (304 when it matches, br or gzip when accepted), remembered for
 * the lean path when `lean` is given; an error page as it is (never remembered).
 */
export function sendPage(req: FastifyRequest, reply: FastifyReply, page: BuiltPage, lean?: PageLean): void {
  if (page.status === 200) {
    const answer: LeanAnswer = { representation: representationOf(page.body, page.etag, HTML), cacheControl: 'no-cache', perRequest: lean?.perRequest };
    if (lean) return answerAndRemember(lean.cache, lean.mark, req, reply, answer, lean.withQuery);
    return sendAnswer(req, reply, answer);
  }
  void reply.status(page.status).header('cache-control', 'no-cache').type(HTML).send(page.body);
}
