import { Entity, PrimaryColumn } from 'typeorm';

/**
 * Someone who edited a notice's title or body for a round (the round the edit goes to review in):
 * they may not approve or publish that round (four eyes).
 */
@Entity('notice_editor')
export class NoticeEditor {
  @PrimaryColumn({ type: 'int' })
  noticeId!: number;

  @PrimaryColumn({ type: 'int' })
  round!: number;

  @PrimaryColumn({ type: 'int' })
  staffId!: number;
}
