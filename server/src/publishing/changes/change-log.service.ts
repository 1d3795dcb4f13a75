import { Injectable } from '@nestjs/common';
import type { SyncChangeKind } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { EventBus } from '../../common/events/event-bus';
import { TopicFeed } from '../../catalog/topic-feed/topic-feed.service';
import { Db } from '../../database/db';
import { ChangeLogRepository, type ChangeRow } from './change-log.repository';

export type { ChangeRow } from './change-log.repository';

/**
 * The notice change log (published / updated / withdrawn), written by every step that changes
 * what the public sees, inside that step's transaction; after commit it emits `notice.changed`
 * so the portal's push worker starts at once. Readers (the change feed, the push fan-out, the
 * feeds) page through it by position.
 */
@Injectable()
export class ChangeLog {
  constructor(
    private readonly db: Db,
    private readonly repo: ChangeLogRepository,
    private readonly events: EventBus,
    private readonly topicFeed: TopicFeed,
  ) {}

  /**
   * Records a change in the caller's `Db.transaction` (after the step wrote the notice and its
   * topics); returns its position. The notice's topic pages follow it in the same transaction.
   */
  async record(m: EntityManager, noticeId: number, kind: SyncChangeKind, at: Date, reason: string | null = null): Promise<number> {
    await this.topicFeed.follow(m, noticeId);
    const seq = await this.repo.append(m, { noticeId, kind, reason, changedAt: at });
    this.db.afterCommit(m, async () => this.events.emit('notice.changed', { noticeId, seq, kind }));
    return seq;
  }

  since(since: number, limit: number): Promise<ChangeRow[]> {
    return this.repo.since(since, limit);
  }

  head(): Promise<number> {
    return this.repo.head();
  }

  at(seq: number): Promise<ChangeRow | null> {
    return this.repo.at(seq);
  }

  /** Every change after `seq`, not only each notice's latest (the portal push fans each one out). */
  after(seq: number, limit: number): Promise<ChangeRow[]> {
    return this.repo.after(seq, limit);
  }

  atEach(seqs: number[]): Promise<ChangeRow[]> {
    return this.repo.atEach(seqs);
  }

  latestOf(noticeIds: number[]): Promise<Map<number, ChangeRow>> {
    return this.repo.latestOf(noticeIds);
  }
}
