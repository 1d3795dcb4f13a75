import { Injectable } from '@nestjs/common';
import { formatIndexNo, shanghaiYear } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { PublicCache } from '../common/cache/public-cache';
import { ApiError } from '../common/errors/api-error';
import { EventBus } from '../common/events/event-bus';
import type { NoticeRecord } from '../catalog/notice-record';
import { ChangeLog } from './changes/change-log.service';
import { PublishStepRepository } from './publish-step.repository';

/**
 * The publish step itself: the 索引号, status published and the published time, in the caller's
 * transaction; after commit, fresh public answers and the `notice.published` event. The review
 * chain's registration and the scheduler call it, and the demo seed for its published notices.
 */
@Injectable()
export class PublishStep {
  constructor(
    private readonly repo: PublishStepRepository,
    private readonly cache: PublicCache,
    private readonly events: EventBus,
    private readonly changes: ChangeLog,
  ) {}

  /**
   * Gives the notice its 索引号 (kept if it had one) and published time; the caller's transaction
   * commits both. The update is conditional on the version read, so of two publishers only one
   * wins; the other gets a 409 with `conflictMessage`. A 主动公开 notice enters the change log
   * (the feeds, the change feed and the portal pushes follow it).
   */
  async inTransaction(m: EntityManager, notice: Pick<NoticeRecord, 'id' | 'version' | 'indexNo'>, at: Date, conflictMessage = '该信息已被他人修改，请刷新后重试'): Promise<void> {
    const { unitCode, categoryCode, disclosure } = await this.repo.codes(m, notice.id);
    const year = shanghaiYear(at);
    const indexNo = notice.indexNo ?? formatIndexNo(unitCode, categoryCode, year, await this.repo.nextIndexSequence(m, `${unitCode}/${categoryCode}/${year}`));
    if (!(await this.repo.markPublished(m, notice.id, notice.version, at, indexNo))) throw new ApiError(409, 'CONFLICT', conflictMessage);
    if (disclosure === 'proactive') await this.changes.record(m, notice.id, 'published', at);
    await this.cache.bump(m);
  }

  /** After the publishing transaction committed: public answers are rebuilt and subscribers (auto push) hear of it. */
  announce(noticeId: number, at: Date, scheduled: boolean): void {
    this.cache.clear();
    this.events.emit('notice.published', { noticeId, publishedAt: at.toISOString(), scheduled });
  }
}
