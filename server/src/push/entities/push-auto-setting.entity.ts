import type { AutoPushSetting } from '@gongkai/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME, jsonText } from '../../database/columns';

/**
 * A category's automatic push: a row while it is on. Push's own table (catalog knows nothing of
 * pushes); the category is named by id, as a notice names it.
 */
@Entity('push_auto_setting')
export class PushAutoSetting {
  @PrimaryColumn({ type: 'int' })
  categoryId!: number;

  /** The content of each automatic campaign: channels, templates and the field mapping. */
  @Column({ type: 'text', transformer: jsonText })
  setting!: AutoPushSetting;

  /** When auto push was turned on (kept while it is edited); notices published earlier are never pushed automatically. */
  @Column(DATETIME)
  since!: Date;
}
