import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../../database/columns';

/** The delivery result WeChat reports for a sent template message (event TEMPLATESENDJOBFINISH). */
@Entity('oa_template_job_result')
export class OaTemplateJobResult {
  /** WeChat's msgid of the send (a 64-bit number, kept as text). */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  msgId!: string;

  /** `success`, `failed:user block`, `failed: system failed` … as WeChat sends it. */
  @Column({ type: 'varchar', length: 100 })
  status!: string;

  @Column(DATETIME)
  receivedAt!: Date;
}
