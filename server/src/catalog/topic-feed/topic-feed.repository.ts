import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * A topic's public notices, newest first, as its own index (`notice_topic.public_at`, see the
 * TopicFeed migration): each link carries its notice's published_at while the notice is public
 * (published, 主动公开) and NULL otherwise. Refreshed through TopicFeed for every change of what the
 * public sees; links written while a notice is not public start as NULL.
 */
@Injectable()
export class TopicFeedRepository {
  /** The notice's links take its publication time if it is public now, NULL if not. */
  async refresh(m: EntityManager, noticeId: number): Promise<void> {
    await m.query(
      'UPDATE notice_topic SET public_at = (' +
        "SELECT n.published_at FROM notice n WHERE n.id = notice_topic.notice_id AND n.status = 'published' AND n.disclosure = 'proactive'" +
        ') WHERE notice_id = ?',
      [noticeId],
    );
  }
}
