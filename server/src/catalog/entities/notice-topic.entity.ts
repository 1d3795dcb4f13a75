import { Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('notice_topic')
@Index('idx_notice_topic_topic', ['topicId', 'noticeId'])
export class NoticeTopic {
  @PrimaryColumn({ type: 'int' })
  noticeId!: number;

  @PrimaryColumn({ type: 'int' })
  topicId!: number;
}
