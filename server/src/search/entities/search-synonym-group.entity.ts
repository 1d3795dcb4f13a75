import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME, jsonText } from '../../database/columns';

/**
 * A group of terms that mean one thing to parents (学区 ~ 划片 ~ 招生范围): a query holding any of
 * them finds what any other finds. Edited by staff under `version`; each term belongs to one group
 * only (`search_synonym_term`, unique by term).
 */
@Entity('search_synonym_group')
export class SearchSynonymGroup {
  @PrimaryGeneratedColumn()
  id!: number;

  /** The terms, normalised (`normalizeSynonymTerm`), in the order staff gave them. */
  @Column({ type: 'text', transformer: jsonText })
  terms!: string[];

  @Column({ type: 'int', default: 1 })
  version!: number;

  @Column(DATETIME)
  updatedAt!: Date;

  /** Null for the seeded groups. */
  @Column({ type: 'int', nullable: true })
  updatedById!: number | null;
}
