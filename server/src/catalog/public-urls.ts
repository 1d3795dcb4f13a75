import { Inject, Injectable } from '@nestjs/common';
import type { NoticeDetail } from '@gongkai/shared';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** `src="/…"` or `href="/…"` as the sanitiser writes them (double quotes): addresses on our own origin. */
const ROOT_RELATIVE = /(\s(?:src|href)=")\/(?!\/)/g;

/**
 * Absolute addresses of what the public reads, from PUBLIC_BASE_URL: the notice pages (/gk/…),
 * and the files and images that bodies and attachments name relative to our origin. Feeds, the
 * pages' canonical and Open Graph tags, and the portal sync all need them absolute.
 */
@Injectable()
export class PublicUrls {
  readonly base: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.base = config.publicBaseUrl;
  }

  /** `path` starting with one slash, made absolute; anything else (already absolute) unchanged. */
  absolute(path: string): string {
    return path.startsWith('/') && !path.startsWith('//') ? `${this.base}${path}` : path;
  }

  home(): string {
    return `${this.base}/gk/`;
  }

  notice(id: number): string {
    return `${this.base}/gk/notices/${id}`;
  }

  category(code: string): string {
    return `${this.base}/gk/categories/${encodeURIComponent(code)}`;
  }

  topic(code: string): string {
    return `${this.base}/gk/topics/${encodeURIComponent(code)}`;
  }

  /** The notice's canonical address: the portal's when it told us one, else our page. */
  canonical(detail: Pick<NoticeDetail, 'id' | 'portalUrl'>): string {
    return detail.portalUrl ?? this.notice(detail.id);
  }

  /** A sanitised body with its images and links on our origin made absolute. */
  absoluteBody(html: string): string {
    return html.replace(ROOT_RELATIVE, `$1${this.base}/`);
  }
}
