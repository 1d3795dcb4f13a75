import { Inject, Injectable } from '@nestjs/common';
import { buildPrivacyNotice, type PrivacyNoticeView } from '@gongkai/shared';
import { weakEtag } from '../common/http/etag';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** The 个人信息保护政策 of this deployment: built once from the shared lists and the configuration (neither changes while running). */
@Injectable()
export class PrivacyNoticeService {
  readonly notice: PrivacyNoticeView;
  readonly body: string;
  readonly etag: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { controller, contact, retentionDays } = config.privacy;
    this.notice = buildPrivacyNotice({ controller, contact, retentionDays });
    this.body = JSON.stringify(this.notice);
    this.etag = weakEtag(this.body);
  }
}
