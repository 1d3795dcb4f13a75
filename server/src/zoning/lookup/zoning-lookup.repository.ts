import { Injectable } from '@nestjs/common';
import type { DisclosureAttribute, NoticeStatus } from '@gongkai/shared';
import { Notice } from '../../catalog/entities/notice.entity';
import { Db } from '../../database/db';
import { ZoningAlias } from '../entities/zoning-alias.entity';
import { ZoningRule } from '../entities/zoning-rule.entity';
import { ZoningSchool } from '../entities/zoning-school.entity';
import { ZoningTable } from '../entities/zoning-table.entity';
import type { TableStateInput } from '../tables/table-state';
import type { ZoningSchoolRow, ZoningTableData } from '../zoning-data';

/** A table that took effect or may have (set up, or its notice published), with what the public answer names of its notice. */
export interface PublishedTableRow extends TableStateInput {
  notice: { id: number; title: string; status: NoticeStatus; publishedAt: Date | null; disclosure: DisclosureAttribute } | null;
}

/** The public lookup's reads: which tables are in effect, and a table's rows for its index. */
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

  /** A table's schools, rules and other place names, in their stored order (what its index is built from). */
  async tableData(tableId: number): Promise<ZoningTableData> {
    await this.db.settled();
    const m = this.db.dataSource.manager;
    const [schools, rules, aliases] = await Promise.all([
      m.find(ZoningSchool, { where: { tableId }, order: { id: 'ASC' } }),
      m.find(ZoningRule, { where: { tableId }, order: { id: 'ASC' } }),
      m.find(ZoningAlias, { where: { tableId }, order: { id: 'ASC' } }),
    ]);
    return {
      schools: schools.map((s): ZoningSchoolRow => ({
        name: s.name,
        kind: s.kind,
        ownership: s.ownership,
        address: s.address,
        phone: s.phone,
        capacity: s.capacity,
        location: location(s.longitude, s.latitude),
        sourceRow: s.sourceRow,
      })),
      rules: rules.map((r) => ({
        stage: r.stage,
        school: r.school,
        town: r.town,
        village: r.village,
        compound: r.compound,
        from: r.fromNo,
        to: r.toNo,
        parity: r.parity,
        buildingFrom: r.buildingFrom,
        buildingTo: r.buildingTo,
        applicant: r.applicant,
        condition: r.conditionText,
        note: r.note,
        sourceRow: r.sourceRow,
      })),
      aliases: aliases.map((a) => ({ alias: a.alias, name: a.name })),
    };
  }
}

/** Decimal columns come back as text (exact on both databases); both or neither. */
function location(longitude: string | number | null, latitude: string | number | null): ZoningSchoolRow['location'] {
  if (longitude === null || latitude === null) return null;
  const lng = Number(longitude);
  const lat = Number(latitude);
  return Number.isFinite(lng) && Number.isFinite(lat) ? { longitude: lng, latitude: lat } : null;
}
