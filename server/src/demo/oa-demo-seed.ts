import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../common/clock/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AppState } from '../database/app-state.entity';
import { Db } from '../database/db';
import { KeywordRepliesService } from '../wechat/official-account/keyword-replies.service';

const SEEDED_KEY = 'demo_oa_seeded';

/** With DEMO_DATA on, once per database: the demo keyword reply 划片 → the zoning topic in the H5 app. */
@Injectable()
export class OaDemoSeed implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly replies: KeywordRepliesService,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo.enabled) return;
    if (await this.db.dataSource.getRepository(AppState).findOneBy({ key: SEEDED_KEY })) return;
    const link = `http://localhost:${this.config.port}/#/pages/notice/list?topic=zoning`;
    try {
      await this.db.transaction(async (m) => {
        // Another instance may have seeded meanwhile: the primary key makes this insert fail.
        await m.insert(AppState, { key: SEEDED_KEY, value: this.clock.now().toISOString() });
        await this.replies.seed(m, { keyword: '划片', match: 'contains', reply: `义务教育划片范围、招生政策请看“义务教育划片”专题：${link}`, active: true, sortOrder: 0 });
      });
    } catch (error) {
      if (await this.db.dataSource.getRepository(AppState).findOneBy({ key: SEEDED_KEY })) return;
      throw error;
    }
    this.logger.log('demo official-account keyword reply 划片 seeded');
  }
}
