import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One term of a synonym group: the primary key makes "a term in one group only" one atomic check. */
@Entity('search_synonym_term')
export class SearchSynonymTerm {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  term!: string;

  @Column({ type: 'int' })
  groupId!: number;
}
