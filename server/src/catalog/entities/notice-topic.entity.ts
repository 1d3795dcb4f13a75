import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../database/columns';

@Entity('notice_topic')
@Index('idx_notice_topic_topic', ['topicId', 'noticeId'])
// A topic's public notices, newest first: its page is a range of this index (see catalog/topic-feed).
@Index('idx_notice_topic_feed', ['topicId', 'publicAt', 'noticeId'])
export class NoticeTopic {
  @PrimaryColumn({ type: 'int' })
  noticeId!: number;

  @PrimaryColumn({ type: 'int' })
  topicId!: number;

  /** The notice's published_at while it is public (published, 主动公开); NULL otherwise. Kept by TopicFeed. */
  @Column({ ...DATETIME, nullable: true })
  publicAt!: Date | null;
}
