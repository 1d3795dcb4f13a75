import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TopicFeedRepository } from './topic-feed.repository';

/**
 * Keeps each topic's page (its own index of public notices, see TopicFeedRepository) in step with
 * the notices: publishing's ChangeLog calls `follow` for every change of what the public sees,
 * inside that change's transaction, after the notice and its topics were written.
 */
@Injectable()
export class TopicFeed {
  constructor(private readonly repo: TopicFeedRepository) {}

  follow(m: EntityManager, noticeId: number): Promise<void> {
    return this.repo.refresh(m, noticeId);
  }
}
