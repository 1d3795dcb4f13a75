import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small named values every instance shares: the public content version, the demo-seeded mark. */
@Entity('app_state')
export class AppState {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  key!: string;

  @Column({ type: 'varchar', length: 200 })
  value!: string;
}
