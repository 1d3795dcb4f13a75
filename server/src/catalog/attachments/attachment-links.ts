import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Clock } from '../../common/clock/clock';
import { FILE_ID } from '../../storage/object-store';

/** Where uploaded files are downloaded: relative to the API's origin, as notice bodies and views carry it. */
export const ATTACHMENT_PATH = '/api/v1/attachments/';
/** A signed link works at least this long: a review session, an open page. */
const SIGNED_FOR_S = 2 * 3600;
/** Expiry rounded up to this step, so a page reloaded within it gets the same links (clients cache them). */
const EXPIRY_STEP_S = 600;

/** `src="/api/v1/attachments/<id>"` as the sanitiser writes it (double quotes, no query). */
const BODY_IMAGE = new RegExp(`(<img\\b[^>]*?\\ssrc=")${escape(ATTACHMENT_PATH)}(${FILE_ID})(")`, 'g');

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Download links of uploaded files. The public link is plain (`/api/v1/attachments/<id>`) and
 * works while the notice is public. Staff get a signed link (`?exp=<unix s>&sig=<HMAC>`) that
 * works whatever the notice's status, for about two hours: a reviewer opens the files of a notice
 * not yet public in H5 and in the mini-program, whose downloadFile sends no token.
 */
@Injectable()
export class AttachmentLinks {
  private readonly key: Buffer;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    // A key of its own, derived from the token secret: a link signature is never a token's.
    this.key = createHmac('sha256', config.auth.jwtSecret).update('gongkai/attachment-link', 'utf8').digest();
  }

  publicUrl(fileId: string): string {
    return `${ATTACHMENT_PATH}${fileId}`;
  }

  signedUrl(fileId: string): string {
    const exp = Math.ceil((this.clock.nowSeconds() + SIGNED_FOR_S) / EXPIRY_STEP_S) * EXPIRY_STEP_S;
    return `${ATTACHMENT_PATH}${fileId}?exp=${exp}&sig=${this.sign(fileId, exp)}`;
  }

  /** Whether `exp` and `sig` (from the query, unchecked) are a valid, unexpired signature of the file. */
  verify(fileId: string, exp: unknown, sig: unknown): boolean {
    if (typeof exp !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return false;
    const expiry = Number(exp);
    if (expiry <= this.clock.nowSeconds()) return false;
    return timingSafeEqual(Buffer.from(this.sign(fileId, expiry)), Buffer.from(sig));
  }

  /** The body with its uploaded images' links signed, for staff views. */
  signBody(html: string): string {
    return html.replace(BODY_IMAGE, (_all, before: string, id: string, after: string) => `${before}${this.signedUrl(id).replace(/&/g, '&amp;')}${after}`);
  }

  private sign(fileId: string, exp: number): string {
    return createHmac('sha256', this.key).update(`${fileId}\n${exp}`, 'utf8').digest('base64url');
  }
}

/** The uploaded files a (sanitised) body shows as images, each once, in order. */
export function bodyFileIds(html: string): string[] {
  return [...new Set([...html.matchAll(BODY_IMAGE)].map((m) => m[2]!))];
}
