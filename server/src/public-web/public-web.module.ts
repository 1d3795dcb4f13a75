import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CommonModule } from '../common/common.module';
import { FeedsController } from './feeds/feeds.controller';
import { FeedsService } from './feeds/feeds.service';
import { SitemapService } from './feeds/sitemap.service';
import { PublicPagesController } from './pages/public-pages.controller';
import { NoticePageRoute } from './pages/notice-page.route';
import { PublicPagesService } from './pages/public-pages.service';
import { WebPreviewController } from './pages/web-preview.controller';
import { WebPreviewService } from './pages/web-preview.service';

/** Paths served outside the API prefix: the public pages, their feeds and the sitemap. */
export const PUBLIC_WEB_PATHS = ['gk', 'gk/{*path}', 'sitemap.xml', 'robots.txt'];

/**
 * The public web: server-rendered pages of the catalogue (/gk/…), RSS/Atom/JSON feeds and the
 * sitemap, read by browsers, search engines and the county portal. Reads the catalog only.
 */
@Module({
  imports: [CommonModule, CatalogModule],
  controllers: [PublicPagesController, FeedsController, WebPreviewController],
  providers: [PublicPagesService, NoticePageRoute, FeedsService, SitemapService, WebPreviewService],
})
export class PublicWebModule {}
