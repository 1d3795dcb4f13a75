import { Injectable } from '@nestjs/common';
import type { DisclosureAttribute, NoticeStatus } from '@gongkai/shared';
import { Notice } from '../../catalog/entities/notice.entity';
import { Db } from '../../database/db';
import { ZoningTable } from '../entities/zoning-table.entity';
import type { TableStateInput } from '../tables/table-state';

/** A table that took effect or may have (set up, or its notice published), with what the public answer names of its notice. */
export interface PublishedTableRow extends TableStateInput {
  notice: { id: number; title: string; status: NoticeStatus; publishedAt: Date | null; disclosure: DisclosureAttribute } | null;
}

/** The public lookup's read of which tables are in effect (a table's rows come from ZoningTablesRepository.data). */
@Injectable()
export class ZoningLookupRepository {
  constructor(private readonly db: Db) {}

  /**
   * Tables set up from the command line or whose 划片 notice is published, with that notice's
   * status and published time (`tablesInEffect` picks one per year). A handful of rows.
   */
  async publishedTables(): Promise<PublishedTableRow[]> {
    await this.db.settled();
    const rows = await this.db.dataSource
      .getRepository(ZoningTable)
      .createQueryBuilder('t')
      .leftJoinAndMapOne('t.notice', Notice, 'n', 'n.id = t.noticeId')
      .select(['t.id', 't.year', 't.setupPublishedAt', 'n.id', 'n.title', 'n.status', 'n.publishedAt', 'n.disclosure'])
      .where('t.setupPublishedAt IS NOT NULL')
      .orWhere('n.status = :published', { published: 'published' })
      .getMany();
    return rows.map((t) => {
      const n = (t as ZoningTable & { notice?: Notice | null }).notice ?? null;
      return {
        id: t.id,
        year: t.year,
        setupPublishedAt: t.setupPublishedAt,
        notice: n ? { id: n.id, title: n.title, status: n.status, publishedAt: n.publishedAt, disclosure: n.disclosure } : null,
      };
    });
  }
}
