import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What parents searched, per Shanghai day and query: the folded query with phones, ID numbers and
 * house numbers masked (`maskSearchQuery`), counted, never tied to who searched. One row per day
 * and query (`queryHash`: SHA-256 of the query, the unique key with the day); counts are added by
 * one atomic upsert per flush.
 */
@Entity('search_query_day')
@Index('uq_search_query_day', ['day', 'queryHash'], { unique: true })
export class SearchQueryDay {
  @PrimaryGeneratedColumn()
  id!: number;

  /** YYYY-MM-DD in Asia/Shanghai. */
  @Column({ type: 'varchar', length: 10 })
  day!: string;

  @Column({ type: 'varchar', length: 200 })
  query!: string;

  @Column({ type: 'varchar', length: 64 })
  queryHash!: string;

  @Column({ type: 'int' })
  searches!: number;

  /** Of those searches, how many found nothing. */
  @Column({ type: 'int' })
  zeroResults!: number;
}
