import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PublicCache } from '../../common/cache/public-cache';
import { representationOf } from '../../common/http/compression';
import { answerAndRemember } from '../../common/http/lean-read';
import { FeedsService, type FeedScope, type Prebuilt } from './feeds.service';
import { SitemapService } from './sitemap.service';

const ALL: FeedScope = { kind: 'all' };

/**
 * The prebuilt body with its ETag (304 when the client has it; br or gzip when accepted), remembered
 * by its address for the lean read path; or a short plain 404.
 */
async function send(cache: PublicCache, req: FastifyRequest, reply: FastifyReply, read: () => Promise<Prebuilt | null> | Prebuilt): Promise<void> {
  const mark = cache.mark();
  const found = await read();
  if (!found) {
    void reply.status(404).header('cache-control', 'no-cache').type('text/plain; charset=utf-8').send('未找到：没有这个栏目、专题或文件。');
    return;
  }
  answerAndRemember(cache, mark, req, reply, { representation: representationOf(found.body, found.etag, found.contentType), cacheControl: 'no-cache' });
}

/**
 * Feeds (RSS 2.0, Atom, JSON Feed) of all notices and of each category and topic, the sitemap and
 * robots.txt; outside the API prefix (PUBLIC_WEB_PATHS), for feed readers, portals and search
 * engines, so not in the OpenAPI document. README "Feeds and sitemap" lists the addresses.
 */
@ApiExcludeController()
@Controller()
export class FeedsController {
  constructor(
    private readonly feeds: FeedsService,
    private readonly sitemaps: SitemapService,
    private readonly cache: PublicCache,
  ) {}

  @Get('gk/feed.xml')
  rss(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(this.cache, req, reply, () => this.feeds.feed(ALL, 'rss'));
  }

  @Get('gk/atom.xml')
  atom(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(this.cache, req, reply, () => this.feeds.feed(ALL, 'atom'));
  }

  @Get('gk/feed.json')
  json(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(this.cache, req, reply, () => this.feeds.feed(ALL, 'json'));
  }

  @Get('gk/categories/:code/feed.xml')
  categoryRss(@Param('code') code: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(this.cache, req, reply, () => this.feeds.feed({ kind: 'category', code }, 'rss'));
  }

  @Get('gk/categories/:code/atom.xml')
  categoryAtom(@Param('code') code: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(this.cache, req, reply, () => this.feeds.feed({ kind: 'category', code }, 'atom'));
  }

  @Get('gk/categories/:code/feed.json')
  categoryJson(@Param('code') code: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(this.cache, req, reply, () => this.feeds.feed({ kind: 'category', code }, 'json'));
  }

  @Get('gk/topics/:code/feed.xml')
  topicRss(@Param('code') code: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(this.cache, req, reply, () => this.feeds.feed({ kind: 'topic', code }, 'rss'));
  }

  @Get('gk/topics/:code/atom.xml')
  topicAtom(@Param('code') code: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(this.cache, req, reply, () => this.feeds.feed({ kind: 'topic', code }, 'atom'));
  }

  @Get('gk/topics/:code/feed.json')
  topicJson(@Param('code') code: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(this.cache, req, reply, () => this.feeds.feed({ kind: 'topic', code }, 'json'));
  }

  @Get('sitemap.xml')
  sitemap(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(this.cache, req, reply, () => this.sitemaps.sitemap());
  }

  @Get('gk/sitemaps/:file')
  sitemapPart(@Param('file') file: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(this.cache, req, reply, () => this.sitemaps.part(file));
  }

  @Get('robots.txt')
  robots(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return send(this.cache, req, reply, () => this.sitemaps.robotsTxt());
  }
}
