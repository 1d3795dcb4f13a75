import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { PublicCache } from '../../common/cache/public-cache';
import { ViewCounter } from '../../catalog/views/view-counter.service';
import { sendPage } from './public-pages.controller';
import { PublicPagesService } from './public-pages.service';

/**
 * `/gk/notices/:id`, the hottest public address (portal links, search engines, shared links),
 * registered on Fastify directly rather than through a Nest controller: the page is prebuilt bytes,
 * and Nest's per-request routing (execution context, pipes, exception zone) cost more CPU than
 * everything else the answer needs. Everything it does goes through PublicPagesService like the
 * other pages; an unexpected failure is logged and answered like the error filter's 500.
 */
@Injectable()
export class NoticePageRoute implements OnModuleInit {
  private readonly logger = new Logger(NoticePageRoute.name);

  constructor(
    private readonly adapter: HttpAdapterHost,
    private readonly pages: PublicPagesService,
    private readonly cache: PublicCache,
    private readonly views: ViewCounter,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter.getInstance<FastifyInstance>();
    fastify.route<{ Params: { id: string } }>({
      method: ['GET', 'HEAD'],
      url: '/gk/notices/:id',
      handler: async (req, reply) => {
        try {
          const mark = this.cache.mark();
          const id = Number(req.params.id);
          // A GET of a readable notice counts a view on the web channel (a 304 too), HEAD does not: counted
          // by the answer's perRequest step, which runs for every answer of it, here and on the lean path.
          sendPage(req, reply, await this.pages.notice(req.params.id, false), {
            cache: this.cache,
            mark,
            perRequest: (r) => {
              if (r.method === 'GET') this.views.hit(id, 'web');
              return '';
            },
          });
        } catch (error) {
          this.logger.error(`notice page failed (request ${String(req.id)}): ${error instanceof Error ? error.name : 'error'}`);
          void reply.status(500).type('text/plain; charset=utf-8').send(`服务器内部错误，请稍后重试（请求编号 ${String(req.id)}）`);
        }
      },
    });
  }
}
