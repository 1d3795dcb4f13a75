import { Inject, Injectable } from '@nestjs/common';
import type { PushChannel, PushTemplatesResponse } from '@gongkai/shared';
import type { AppConfig, PushTemplateConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** The configured templates of both channels. */
@Injectable()
export class PushTemplates {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  list(): PushTemplatesResponse {
    return { subscribe: this.config.push.subscribeTemplates.map((t) => ({ ...t })), template: this.config.push.oaTemplates.map((t) => ({ ...t })) };
  }

  find(channel: PushChannel, id: string | undefined): PushTemplateConfig | undefined {
    const all = channel === 'subscribe' ? this.config.push.subscribeTemplates : this.config.push.oaTemplates;
    return all.find((t) => t.id === id);
  }
}
