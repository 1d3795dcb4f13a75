import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendPrebuilt } from '../../common/http/etag';
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
  constructor(private readonly pages: PublicPagesService) {}

  /** `/gk`: the catalogue's address is `/gk/` (served below). */
  @Get()
  home(@Res() reply: FastifyReply): void {
    void reply.redirect('/gk/', 301);
  }

  @Get('categories/:code')
  async category(@Param('code') code: string, @Query('page') page: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendPage(req, reply, await this.pages.list('category', code, page));
  }

  @Get('topics/:code')
  async topic(@Param('code') code: string, @Query('page') page: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendPage(req, reply, await this.pages.list('topic', code, page));
  }

  // `/gk/notices/:id` is registered on Fastify directly (notice-page.route.ts).

  /**
   * `/gk/` (the wildcard also matches the empty rest) is the catalogue; any other address under
   * /gk/ that no route of the pages or the feeds serves is a 404 page.
   */
  @Get('*')
  async rest(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    sendPage(req, reply, req.url.split('?')[0] === '/gk/' ? await this.pages.home() : this.pages.notFound());
  }

  /** The stylesheet under its hashed name: cached for a year, never revalidated. */
  @Get('assets/:file')
  stylesheet(@Param('file') file: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): void {
    if (file !== SITE_CSS_NAME) return sendPage(req, reply, this.pages.notFound());
    void reply.header('cache-control', 'public, max-age=31536000, immutable').type('text/css; charset=utf-8').send(STYLESHEET);
  }
}

/** A built page: a 200 with its ETag (304 when it matches), an error page as it is. */
export function sendPage(req: FastifyRequest, reply: FastifyReply, page: BuiltPage): void {
  if (page.status === 200) return sendPrebuilt(req, reply, page.body, page.etag, HTML);
  void reply.status(page.status).header('cache-control', 'no-cache').type(HTML).send(page.body);
}
