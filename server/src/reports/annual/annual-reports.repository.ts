import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { StaffAccount } from '../../identity/entities/staff-account.entity';
import { AnnualReport } from '../entities/annual-report.entity';

/** The columns of a year's row this module writes (the yearly figures' version is records'). */
export type NarrativeColumns = Pick<AnnualReport, 'narrative' | 'narrativeSavedById' | 'narrativeSavedAt' | 'updatedAt'>;
export type NoticeColumns = Pick<AnnualReport, 'pdfFileId' | 'frozen' | 'frozenAt' | 'updatedAt'>;

/** The annual_report rows (narrative, yearly figures' version, notice, frozen copy). */
@Injectable()
export class AnnualReportsRepository {
  constructor(readonly db: Db) {}

  private manager(m?: EntityManager): EntityManager {
    return m ?? this.db.dataSource.manager;
  }

  find(year: number, m?: EntityManager): Promise<AnnualReport | null> {
    return this.manager(m).findOne(AnnualReport, { where: { year } });
  }

  /** Every year's row without its text columns (the years list). */
  all(): Promise<Pick<AnnualReport, 'year' | 'noticeId'>[]> {
    return this.manager().createQueryBuilder(AnnualReport, 'r').select(['r.year', 'r.noticeId']).orderBy('r.year', 'DESC').getMany();
  }

  /** The year's row, created empty unless it exists (someone else may create it at the same moment: ignored then). */
  async ensure(m: EntityManager, year: number, now: Date): Promise<void> {
    await m.createQueryBuilder().insert().into(AnnualReport).values({ year, narrativeVersion: 0, figuresVersion: 0, version: 1, updatedAt: now }).orIgnore().execute();
  }

  /** The narrative written when nobody saved it since `version` was read; false otherwise. */
  async updateNarrativeIf(m: EntityManager, year: number, version: number, values: NarrativeColumns): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(AnnualReport)
      .set({ ...values, narrativeVersion: () => 'narrative_version + 1' })
      .where('year = :year AND narrative_version = :version', { year, version })
      .execute();
    return Boolean(result.affected);
  }

  /**
   * The notice columns written when the row is still as read (`version`, which only the notice's
   * writes move, and the narrative's and the figures' versions); also the row lock that
   * serialises two generations of the same year on MySQL.
   */
  async updateNoticeIf(m: EntityManager, year: number, read: { version: number; narrativeVersion: number; figuresVersion: number }, values: NoticeColumns): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(AnnualReport)
      .set({ ...values, version: () => 'version + 1' })
      .where('year = :year AND version = :version AND narrative_version = :narrativeVersion AND figures_version = :figuresVersion', { year, ...read })
      .execute();
    return Boolean(result.affected);
  }

  /** The notice the report was written into (after updateNoticeIf, in the same transaction). */
  async setNotice(m: EntityManager, year: number, noticeId: number): Promise<void> {
    await m.createQueryBuilder().update(AnnualReport).set({ noticeId }).where('year = :year', { year }).execute();
  }

  /** The nearest earlier year with a saved narrative (offered as the start of this year's). */
  latestNarrativeBefore(year: number): Promise<Pick<AnnualReport, 'year' | 'narrative'> | null> {
    return this.manager()
      .createQueryBuilder(AnnualReport, 'r')
      .select(['r.year', 'r.narrative'])
      .where('r.year < :year AND r.narrative IS NOT NULL', { year })
      .orderBy('r.year', 'DESC')
      .limit(1)
      .getOne();
  }

  /** The PDF files attached by reports to `noticeId` (the generated attachment an ordinary edit must keep). */
  async pdfFilesOfNotice(m: EntityManager, noticeId: number): Promise<string[]> {
    const rows = await m.createQueryBuilder(AnnualReport, 'r').select(['r.year', 'r.pdfFileId']).where('r.noticeId = :noticeId', { noticeId }).getMany();
    return rows.flatMap((r) => (r.pdfFileId ? [r.pdfFileId] : []));
  }

  async staffName(id: number | null): Promise<string | null> {
    if (id === null) return null;
    const row = await this.manager().findOne(StaffAccount, { where: { id }, select: { id: true, displayName: true } });
    return row?.displayName ?? null;
  }
}
