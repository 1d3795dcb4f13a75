import { Injectable } from '@nestjs/common';
import type { YearlyFigureKey } from '@gongkai/shared';
import { In, type EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { StaffAccount } from '../../identity/entities/staff-account.entity';
import { AnnualReport } from '../entities/annual-report.entity';
import { ReportBriefing } from '../entities/report-briefing.entity';
import { ReportHotTopic } from '../entities/report-hot-topic.entity';
import { ReportProposal } from '../entities/report-proposal.entity';
import { ReportYearlyFigure } from '../entities/report-yearly-figure.entity';

/** The three kinds of record the bureau enters one by one. */
export type RecordKind = 'hot_topic' | 'briefing' | 'proposal';
export interface RecordRows {
  hot_topic: ReportHotTopic;
  briefing: ReportBriefing;
  proposal: ReportProposal;
}
const ENTITIES = { hot_topic: ReportHotTopic, briefing: ReportBriefing, proposal: ReportProposal } as const;

/** Counts of a year's records, as the report reads them. */
export interface RecordCounts {
  hotTopicsByChannel: { channel: string; count: number }[];
  briefingsByKind: { kind: string; count: number }[];
  /** Per kind, role, replied or not, and verdict (null: none yet). */
  proposals: { kind: string; role: string; replied: boolean; satisfaction: string | null; count: number }[];
}

/**
 * The records the yearly report counts (hot topics, briefings, proposals, other systems' yearly
 * figures) and the yearly figures' version on `annual_report` (its other columns are the annual
 * report's own).
 */
@Injectable()
export class ReportRecordsRepository {
  constructor(private readonly db: Db) {}

  private m(m?: EntityManager): EntityManager {
    return m ?? this.db.dataSource.manager;
  }

  /** A year's records of one kind, newest first (hot topics and briefings by date, proposals as entered). */
  list<K extends RecordKind>(kind: K, year: number): Promise<RecordRows[K][]> {
    const qb = this.db.dataSource.manager.createQueryBuilder(ENTITIES[kind], 'r').where('r.year = :year', { year });
    if (kind !== 'proposal') qb.orderBy('r.date', 'DESC').addOrderBy('r.id', 'DESC');
    else qb.orderBy('r.id', 'DESC');
    return qb.getMany() as Promise<RecordRows[K][]>;
  }

  find<K extends RecordKind>(kind: K, id: number, m?: EntityManager): Promise<RecordRows[K] | null> {
    return this.m(m).findOne(ENTITIES[kind], { where: { id } }) as Promise<RecordRows[K] | null>;
  }

  async insert<K extends RecordKind>(m: EntityManager, kind: K, row: Omit<RecordRows[K], 'id'>): Promise<number> {
    const result = await m.insert(ENTITIES[kind], row as never);
    return Number(result.identifiers[0]!.id);
  }

  /** Changes the row only if nobody changed it since `version` was read. */
  async updateIf<K extends RecordKind>(m: EntityManager, kind: K, id: number, version: number, set: Partial<RecordRows[K]>): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(ENTITIES[kind])
      .set({ ...(set as object), version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(result.affected);
  }

  /** Whether another proposal holds (year, kind, number); the unique index is the guard, this only spares it the failed statement. */
  async proposalNumberTaken(m: EntityManager, key: Pick<ReportProposal, 'year' | 'kind' | 'number'>, exceptId: number | null): Promise<boolean> {
    const row = await m.findOne(ReportProposal, { where: key, select: { id: true } });
    return row !== null && row.id !== exceptId;
  }

  async delete(m: EntityManager, kind: RecordKind, id: number): Promise<boolean> {
    const result = await m.delete(ENTITIES[kind], { id });
    return Boolean(result.affected);
  }

  /** Staff members' display names, by id. */
  async staffNames(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.db.dataSource.manager.find(StaffAccount, { where: { id: In(unique) }, select: { id: true, displayName: true } });
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  /** A year's counts in three grouped queries. */
  async counts(year: number): Promise<RecordCounts> {
    const manager = this.db.dataSource.manager;
    const [topics, briefings, proposals] = await Promise.all([
      manager.createQueryBuilder(ReportHotTopic, 'r').select('r.channel', 'channel').addSelect('COUNT(*)', 'count').where('r.year = :year', { year }).groupBy('r.channel').getRawMany<{ channel: string; count: unknown }>(),
      manager.createQueryBuilder(ReportBriefing, 'r').select('r.kind', 'kind').addSelect('COUNT(*)', 'count').where('r.year = :year', { year }).groupBy('r.kind').getRawMany<{ kind: string; count: unknown }>(),
      manager
        .createQueryBuilder(ReportProposal, 'r')
        .select('r.kind', 'kind')
        .addSelect('r.role', 'role')
        .addSelect('CASE WHEN r.replyDate IS NULL THEN 0 ELSE 1 END', 'replied')
        .addSelect('r.satisfaction', 'satisfaction')
        .addSelect('COUNT(*)', 'count')
        .where('r.year = :year', { year })
        .groupBy('r.kind')
        .addGroupBy('r.role')
        .addGroupBy('CASE WHEN r.replyDate IS NULL THEN 0 ELSE 1 END')
        .addGroupBy('r.satisfaction')
        .getRawMany<{ kind: string; role: string; replied: unknown; satisfaction: string | null; count: unknown }>(),
    ]);
    return {
      hotTopicsByChannel: topics.map((r) => ({ channel: r.channel, count: Number(r.count) })),
      briefingsByKind: briefings.map((r) => ({ kind: r.kind, count: Number(r.count) })),
      proposals: proposals.map((r) => ({ kind: r.kind, role: r.role, replied: Number(r.replied) === 1, satisfaction: r.satisfaction, count: Number(r.count) })),
    };
  }

  /** The years any record or yearly figure is entered for, newest first. */
  async years(): Promise<number[]> {
    const manager = this.db.dataSource.manager;
    const lists = await Promise.all(
      [ReportHotTopic, ReportBriefing, ReportProposal, ReportYearlyFigure].map((entity) =>
        manager.createQueryBuilder(entity, 'r').select('DISTINCT r.year', 'year').getRawMany<{ year: unknown }>(),
      ),
    );
    return [...new Set(lists.flat().map((r) => Number(r.year)))].sort((a, b) => b - a);
  }

  // ---- Yearly figures ---------------------------------------------------------------------

  figures(year: number, m?: EntityManager): Promise<ReportYearlyFigure[]> {
    return this.m(m).find(ReportYearlyFigure, { where: { year } });
  }

  /** The yearly figures' version of `year` (0 while its `annual_report` row does not exist). */
  async figuresVersion(year: number): Promise<number> {
    const row = await this.db.dataSource.manager.findOne(AnnualReport, { where: { year }, select: { year: true, figuresVersion: true } });
    return row?.figuresVersion ?? 0;
  }

  /**
   * Moves the yearly figures' version on from `version`, creating the year's `annual_report` row
   * first unless it exists (another writer may create it at the same moment: ignored then). False
   * when someone entered figures since `version` was read. On MySQL the update holds the row's
   * lock until the transaction ends, so two entries of one year take turns.
   */
  async bumpFiguresVersionIf(m: EntityManager, year: number, version: number, now: Date): Promise<boolean> {
    await m.createQueryBuilder().insert().into(AnnualReport).values({ year, narrativeVersion: 0, figuresVersion: 0, version: 1, updatedAt: now }).orIgnore().execute();
    const result = await m
      .createQueryBuilder()
      .update(AnnualReport)
      .set({ figuresVersion: () => 'figures_version + 1' })
      .where('year = :year AND figures_version = :version', { year, version })
      .execute();
    return Boolean(result.affected);
  }

  /** Who entered `year`'s figures of other systems (each once). */
  async figureEnterers(year: number): Promise<number[]> {
    const rows = await this.db.dataSource.getRepository(ReportYearlyFigure).find({ where: { year }, select: { enteredById: true } });
    return [...new Set(rows.map((r) => r.enteredById))];
  }

  /** Writes one figure with who entered it (inside the transaction that moved the version on). */
  async putFigure(m: EntityManager, year: number, key: YearlyFigureKey, value: string, enteredById: number, enteredAt: Date): Promise<void> {
    const existing = await m.findOne(ReportYearlyFigure, { where: { year, key }, select: { id: true } });
    if (existing) await m.update(ReportYearlyFigure, { id: existing.id }, { value, enteredById, enteredAt });
    else await m.insert(ReportYearlyFigure, { year, key, value, enteredById, enteredAt });
  }
}
