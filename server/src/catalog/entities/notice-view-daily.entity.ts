import type { ViewChannel } from '@gongkai/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Views of a notice on one Asia/Shanghai day through one channel (the mini-program, H5, the public
 * web pages, other API clients), added by the view counter's flushes. The yearly report sums them
 * per year; `notice.view_count` stays the running total.
 */
@Entity('notice_view_daily')
@Index('idx_notice_view_daily_day', ['day'])
@Index('idx_notice_view_daily_report', ['day', 'channel', 'views'])
export class NoticeViewDaily {
  @PrimaryColumn({ type: 'int' })
  noticeId!: number;

  /** `YYYY-MM-DD` in Asia/Shanghai: compared as text, the same on both databases. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  channel!: ViewChannel;

  @Column({ type: 'int', default: 0 })
  views!: number;
}
