import { Injectable } from '@nestjs/common';
import {
  ZONING_YEAR_MAX,
  ZONING_YEAR_MIN,
  type ErrorDetail,
  type Page,
  type ZoningDiff,
  type ZoningImportResult,
  type ZoningRuleStaffView,
  type ZoningTableState,
  type ZoningTableView,
  type ZoningYearView,
} from '@gongkai/shared';
import { Mutex } from 'async-mutex';
import type { FastifyRequest } from 'fastify';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { PublicCache } from '../../common/cache/public-cache';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { decodeCursor, encodeCursor, isIdCursor } from '../../common/paging/cursor';
import { Db } from '../../database/db';
import { StaffNoticesService } from '../../catalog/staff-notices.service';
import { diffZoningTables } from '../import/zoning-diff';
import { parseZoningUpload, type ZoningParseOutcome } from '../import/zoning-workbook';
import type { ZoningSchoolRow, ZoningTableData } from '../zoning-data';
import { currentYear, effectiveFrom, tableState, tablesInEffect } from './table-state';
import { ZoningTablesRepository, type StoredRule, type TableRecord } from './zoning-tables.repository';
import { readZoningUpload } from './zoning-upload';

/** Who imports: a signed-in staff member over HTTP, or the command line (set-up, audited as the system). */
export type ZoningActor = { staff: StaffPrincipal; meta: RequestMeta } | { command: string };

export interface ZoningImportOptions {
  /**
   * First set-up only (the command line's `--publish`, the demo): the table takes effect at once,
   * without the review chain; audited. Refused when the year already has a table in effect.
   */
  publishForSetup?: boolean;
  /** With `publishForSetup`: the year's published 划片 notice the table belongs to. */
  noticeId?: number;
}

/** Tables seen together, each with its state (which needs every table: a later one supersedes). */
export interface TableStates {
  tables: TableRecord[];
  inEffect: Map<number, TableRecord>;
  stateOf(table: TableRecord): ZoningTableState;
}

const NO_META: RequestMeta = { ip: null, requestId: null };
/** Uploads waiting for their turn to be parsed, at most. */
const PARSE_WAITING_MAX = 3;

/** How many problems a refused file has: the listed ones, plus those a final “还有 N 个问题” stands for. */
export function issueCount(issues: readonly ErrorDetail[]): number {
  const more = /还有\s*(\d+)\s*(?:个|处)问题/.exec(issues[issues.length - 1]?.message ?? '');
  return more ? issues.length - 1 + Number(more[1]) : issues.length;
}
/** Who imported from the command line (or the demo), in the tables' list. */
const COMMAND_LINE = '命令行';

export const TABLE_NOT_FOUND = () => ApiError.notFound('未找到该划片表，可能已被删除或被新导入的表替换');
export const YEAR_NOT_PUBLISHED = (year: number) => new ApiError(404, 'ZONING_YEAR_NOT_PUBLISHED', `${year}年的划片范围尚未公布`);

/** 400 unless `year` is a school year the bureau may keep tables for. */
export function checkYear(year: number, field = 'year'): number {
  if (!Number.isSafeInteger(year) || year < ZONING_YEAR_MIN || year > ZONING_YEAR_MAX) {
    throw ApiError.field(field, `招生年度须为 ${ZONING_YEAR_MIN}—${ZONING_YEAR_MAX} 之间的年份`);
  }
  return year;
}

/** A rule as staff see it. */
export function ruleView(r: StoredRule): ZoningRuleStaffView {
  return {
    id: r.id,
    stage: r.stage,
    school: r.school,
    town: r.town,
    village: r.village,
    compound: r.compound,
    from: r.from,
    to: r.to,
    parity: r.parity,
    buildingFrom: r.buildingFrom,
    buildingTo: r.buildingTo,
    applicant: r.applicant,
    condition: r.condition,
    note: r.note,
    sourceRow: r.sourceRow,
  };
}

/**
 * The tables of each school year: import (one transaction, the year's unattached drafts replaced),
 * the set-up publication, views with each table's state (from its 划片 notice: table-state.ts),
 * rules page by page, diffs against the previous year and between years. Corrections and
 * attaching live in ZoningEditsService.
 */
@Injectable()
export class ZoningTablesService {
  private readonly parsing = new Mutex();
  private waiting = 0;

  constructor(
    private readonly db: Db,
    private readonly repo: ZoningTablesRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly cache: PublicCache,
    private readonly notices: StaffNoticesService,
  ) {}

  /** Stores `data` as a new draft table of `year` (replacing the year's earlier draft) in one transaction; answers its diff against the previous year in effect. */
  async importTable(actor: ZoningActor, year: number, data: ZoningTableData, sourceName: string, options: ZoningImportOptions = {}): Promise<ZoningImportResult> {
    checkYear(year);
    if (options.noticeId !== undefined && !options.publishForSetup) throw ApiError.field('noticeId', '只有初次设置发布时才指定划片通知');
    const staff = 'staff' in actor ? actor.staff : null;
    const meta = 'staff' in actor ? actor.meta : NO_META;
    const importedByName = staff ? ((await this.repo.staffName(staff.id)) ?? staff.username) : COMMAND_LINE;
    const now = this.clock.now();
    const tableId = await this.db.transaction(async (m) => {
      // The year locked first: two imports of one year take turns, and the second, reading what is
      // committed then (READ COMMITTED), replaces the first's draft or finds the year in effect.
      // One row per year: imports of different years never wait for each other.
      await this.repo.lockYear(m, year, now);
      const states = await this.states(m);
      if (options.publishForSetup) {
        if (states.inEffect.has(year)) throw new ApiError(409, 'CONFLICT', `${year}年已有生效的划片表，不能再用初次设置发布；如需调整，请导入新表并随补充通知发布`);
        if (options.noticeId !== undefined) await this.checkPublishedNotice(options.noticeId, m);
      }
      // Earlier drafts nobody attached (or whose notice was deleted) give way to the new one.
      const stale = states.tables.filter((t) => t.year === year && states.stateOf(t) === 'draft');
      await this.repo.deleteTables(m, stale.map((t) => t.id));
      const id = await this.repo.insertTable(m, {
        year,
        sourceName: sourceName.slice(0, 200),
        ruleCount: data.rules.length,
        schoolCount: data.schools.length,
        importedById: staff?.id ?? null,
        importedByName: importedByName.slice(0, 100),
        importedAt: now,
        noticeId: options.publishForSetup ? options.noticeId ?? null : null,
        attachmentFileId: null,
        setupPublishedAt: options.publishForSetup ? now : null,
        version: 1,
        updatedAt: now,
      });
      await this.repo.insertData(m, id, data);
      const counts = { year, rules: data.rules.length, schools: data.schools.length, aliases: data.aliases.length, replacedDrafts: stale.map((t) => t.id) };
      await this.audit.record(m, staff, meta, { action: 'zoning.import', entityType: 'zoning_table', entityId: id, after: { ...counts, sourceName, ...('command' in actor ? { command: actor.command } : {}) } });
      if (options.publishForSetup) {
        // Public content changed (the lookup's year): the cache follows the content version.
        await this.cache.bump(m);
        this.db.afterCommit(m, async () => this.cache.clear());
        await this.audit.record(m, staff, meta, { action: 'zoning.setup_publish', entityType: 'zoning_table', entityId: id, after: { year, noticeId: options.noticeId ?? null, publishedAt: now.toISOString() } });
      }
      return id;
    }, { readCommitted: true });
    const view = await this.view(tableId);
    return { table: view, diff: await this.diffAgainstPrevious(tableId) };
  }

  /**
   * POST /staff/zoning/years/:year/import: the upload read (capped), parsed and checked whole;
   * any problem → 422 ZONING_IMPORT_INVALID listing each (sheet, row, column) and nothing stored.
   * Parsing holds the file and its cells in memory: one at a time per process, a few waiting.
   */
  async importUpload(staff: StaffPrincipal, year: number, request: FastifyRequest, meta: RequestMeta): Promise<ZoningImportResult> {
    checkYear(year);
    // The slot is taken before the body is read: the uploads held in memory are bounded too.
    if (this.waiting >= PARSE_WAITING_MAX) throw new ApiError(429, 'TOO_MANY_REQUESTS', '正在导入的划片表较多，请稍后再试', undefined, { 'retry-after': '5' });
    this.waiting++;
    let outcome: ZoningParseOutcome;
    let upload: Awaited<ReturnType<typeof readZoningUpload>>;
    try {
      upload = await readZoningUpload(request);
      outcome = await this.parsing.runExclusive(async () => parseZoningUpload(upload, upload.file.name.toLowerCase().endsWith('.csv') ? await this.knownSchools(year) : []));
    } finally {
      this.waiting--;
    }
    if (!outcome.ok) throw new ApiError(422, 'ZONING_IMPORT_INVALID', `文件有 ${issueCount(outcome.issues)} 处问题，未导入任何内容`, outcome.issues);
    return this.importTable({ staff, meta }, year, outcome.data, upload.file.name);
  }

  /** The schools of the latest table of `year` or an earlier year (a CSV import's school details). */
  async knownSchools(year: number): Promise<ZoningSchoolRow[]> {
    await this.db.settled();
    const latest = (await this.repo.tables()).filter((t) => t.year <= year).sort((a, b) => b.year - a.year || b.id - a.id)[0];
    return latest ? this.repo.schools(latest.id) : [];
  }

  /** Every year with its tables (newest year first, newest table first). */
  async years(): Promise<ZoningYearView[]> {
    await this.db.settled();
    const states = await this.states();
    const current = currentYear(states.inEffect);
    const years = [...new Set(states.tables.map((t) => t.year))].sort((a, b) => b - a);
    return years.map((year) => ({
      year,
      current: year === current,
      tables: states.tables
        .filter((t) => t.year === year)
        .sort((a, b) => b.id - a.id)
        .map((t) => this.tableView(t, states)),
    }));
  }

  async view(id: number): Promise<ZoningTableView> {
    await this.db.settled();
    const states = await this.states();
    const table = states.tables.find((t) => t.id === id);
    if (!table) throw TABLE_NOT_FOUND();
    return this.tableView(table, states);
  }

  /** Tables with their states; through `m` inside a transaction. */
  async states(m?: EntityManager): Promise<TableStates> {
    const tables = await this.repo.tables(m);
    const inEffect = tablesInEffect(tables);
    return { tables, inEffect, stateOf: (t) => tableState(t, inEffect) };
  }

  /** One page of a table's rules, oldest first; `q` filters by place (town, village, compound or road). */
  async rules(id: number, query: { cursor?: string; limit: number; q?: string }): Promise<Page<ZoningRuleStaffView>> {
    await this.db.settled();
    if (!(await this.repo.table(id))) throw TABLE_NOT_FOUND();
    const after = query.cursor ? decodeCursor(query.cursor, isIdCursor) : null;
    const rows = await this.repo.rulesPage(id, { afterId: after?.[0], limit: query.limit + 1, q: query.q?.trim() || undefined });
    const page = rows.slice(0, query.limit);
    return { items: page.map(ruleView), nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null };
  }

  /** What the table changes against another table (`againstId`), or by default against the latest earlier year in effect. */
  async diff(id: number, againstId?: number): Promise<ZoningDiff> {
    await this.db.settled();
    if (againstId === undefined) return this.diffAgainstPrevious(id);
    const [table, against] = await Promise.all([this.repo.table(id), this.repo.table(againstId)]);
    if (!table) throw TABLE_NOT_FOUND();
    if (!against) throw ApiError.notFound('未找到用于比较的划片表');
    return this.diffOf(against, table);
  }

  /** The two years' tables in effect compared (404 ZONING_YEAR_NOT_PUBLISHED when a year has none). */
  async compare(fromYear: number, toYear: number): Promise<ZoningDiff> {
    await this.db.settled();
    const { inEffect } = await this.states();
    const from = inEffect.get(fromYear);
    if (!from) throw YEAR_NOT_PUBLISHED(fromYear);
    const to = inEffect.get(toYear);
    if (!to) throw YEAR_NOT_PUBLISHED(toYear);
    return this.diffOf(from, to);
  }

  /** A table view; `states` gives its state among the others. */
  tableView(t: TableRecord, states: TableStates): ZoningTableView {
    const effective = effectiveFrom(t);
    return {
      id: t.id,
      year: t.year,
      state: states.stateOf(t),
      ruleCount: t.ruleCount,
      schoolCount: t.schoolCount,
      sourceName: t.sourceName,
      importedBy: t.importedByName,
      importedAt: t.importedAt.toISOString(),
      notice: t.notice ? { id: t.notice.id, title: t.notice.title, status: t.notice.status } : null,
      publishedAt: effective ? effective.toISOString() : null,
      publishedBySetup: t.setupPublishedAt !== null,
      version: t.version,
    };
  }

  private async diffAgainstPrevious(id: number): Promise<ZoningDiff> {
    const states = await this.states();
    const table = states.tables.find((t) => t.id === id);
    if (!table) throw TABLE_NOT_FOUND();
    const previous = [...states.inEffect.values()].filter((t) => t.year < table.year).sort((a, b) => b.year - a.year)[0] ?? null;
    return this.diffOf(previous, table);
  }

  private async diffOf(from: TableRecord | null, to: TableRecord): Promise<ZoningDiff> {
    const [previous, next] = await Promise.all([from ? this.repo.data(from.id) : Promise.resolve(null), this.repo.data(to.id)]);
    return { from: from ? { year: from.year, tableId: from.id } : null, to: { year: to.year, tableId: to.id }, ...diffZoningTables(previous, next) };
  }

  /** A set-up publication names a published notice of the catalog. */
  private async checkPublishedNotice(noticeId: number, m: EntityManager): Promise<void> {
    const notice = await this.notices.record(noticeId, m);
    if (!notice) throw ApiError.field('noticeId', `未找到编号为 ${noticeId} 的划片通知`);
    if (notice.status !== 'published') throw ApiError.field('noticeId', '划片表只能关联已发布的划片通知');
  }
}
