import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Content-check refusals per Shanghai day: the only trace a refused (risky) inquiry leaves. */
@Entity('inquiry_check_count')
export class InquiryCheckCount {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day!: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  suggest!: string;

  @Column({ type: 'int' })
  count!: number;
}
