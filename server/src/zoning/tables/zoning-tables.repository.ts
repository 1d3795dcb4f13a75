import { Injectable } from '@nestjs/common';
import type { NoticeStatus } from '@gongkai/shared';
import { In, type EntityManager } from 'typeorm';
import { Notice } from '../../catalog/entities/notice.entity';
import { AppState } from '../../database/app-state.entity';
import { Db } from '../../database/db';
import { likePattern } from '../../database/like-pattern';
import { StaffAccount } from '../../identity/entities/staff-account.entity';
import { ZoningAlias } from '../entities/zoning-alias.entity';
import { ZoningRule } from '../entities/zoning-rule.entity';
import { ZoningSchool } from '../entities/zoning-school.entity';
import { ZoningTable } from '../entities/zoning-table.entity';
import { ZoningTableEditor } from '../entities/zoning-table-editor.entity';
import type { ZoningAliasRow, ZoningRuleRow, ZoningSchoolRow, ZoningTableData } from '../zoning-data';
import type { TableStateInput } from './table-state';

/** A table's row with what its state depends on: its 划片 notice's status and published time (null when it has none, or the notice was deleted). */
export interface TableRecord extends TableStateInput {
  year: number;
  sourceName: string;
  ruleCount: number;
  schoolCount: number;
  importedById: number | null;
  importedByName: string;
  importedAt: Date;
  noticeId: number | null;
  attachmentFileId: string | null;
  version: number;
  updatedAt: Date;
  notice: { id: number; title: string; status: NoticeStatus; publishedAt: Date | null } | null;
}

/** A rule with its id and table, as staff list and correct it. */
export interface StoredRule extends ZoningRuleRow {
  id: number;
  tableId: number;
}

/** A table's content with its rules' ids. */
export type StoredTableData = Omit<ZoningTableData, 'rules'> & { rules: StoredRule[] };

export type TableColumns = Partial<Pick<ZoningTable, 'noticeId' | 'attachmentFileId' | 'setupPublishedAt' | 'ruleCount' | 'schoolCount' | 'updatedAt'>>;

/** Rows per INSERT: 16 parameters each, far below either database's limit of bound parameters. */
const CHUNK = 500;

const RULE_COLUMNS = 'table_id, stage, school, town, village, compound, from_no, to_no, parity, building_from, building_to, applicant, condition_text, note, source_row';
const SCHOOL_COLUMNS = 'table_id, name, kind, ownership, address, phone, capacity, longitude, latitude, source_row';

function ruleValues(tableId: number, r: ZoningRuleRow): unknown[] {
  return [tableId, r.stage, r.school, r.town, r.village, r.compound, r.from, r.to, r.parity, r.buildingFrom, r.buildingTo, r.applicant, r.condition, r.note, r.sourceRow];
}

function schoolValues(tableId: number, s: ZoningSchoolRow): unknown[] {
  return [tableId, s.name, s.kind, s.ownership, s.address, s.phone, s.capacity, s.location?.longitude ?? null, s.location?.latitude ?? null, s.sourceRow];
}

function ruleRow(r: ZoningRule): StoredRule {
  return {
    id: r.id,
    tableId: r.tableId,
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
  };
}

function schoolRow(s: ZoningSchool): ZoningSchoolRow {
  const located = s.longitude !== null && s.latitude !== null;
  return {
    name: s.name,
    kind: s.kind,
    ownership: s.ownership,
    address: s.address,
    phone: s.phone,
    capacity: s.capacity,
    location: located ? { longitude: Number(s.longitude), latitude: Number(s.latitude) } : null,
    sourceRow: s.sourceRow,
  };
}

/** The columns of one rule as the entity names them. */
export function ruleColumns(r: ZoningRuleRow): Omit<ZoningRule, 'id' | 'tableId'> {
  return {
    stage: r.stage,
    school: r.school,
    town: r.town,
    village: r.village,
    compound: r.compound,
    fromNo: r.from,
    toNo: r.to,
    parity: r.parity,
    buildingFrom: r.buildingFrom,
    buildingTo: r.buildingTo,
    applicant: r.applicant,
    conditionText: r.condition,
    note: r.note,
    sourceRow: r.sourceRow,
  };
}

/** Every query of the zoning tables: tables with their notices' state, their rows in bulk, single rules, paging. */
@Injectable()
export class ZoningTablesRepository {
  constructor(private readonly db: Db) {}

  private m(m?: EntityManager): EntityManager {
    return m ?? this.db.dataSource.manager;
  }

  /**
   * Tables with their notices' state, oldest first: all of them (`year` undefined) or one year's.
   * A county keeps a few per year, so this is small.
   */
  async tables(m?: EntityManager, filter: { year?: number; ids?: number[] } = {}): Promise<TableRecord[]> {
    const qb = this.m(m).createQueryBuilder(ZoningTable, 't').orderBy('t.id', 'ASC');
    if (filter.year !== undefined) qb.andWhere('t.year = :year', { year: filter.year });
    if (filter.ids) {
      if (!filter.ids.length) return [];
      qb.andWhere('t.id IN (:...ids)', { ids: filter.ids });
    }
    const rows = await qb.getMany();
    const noticeIds = [...new Set(rows.flatMap((t) => (t.noticeId === null ? [] : [t.noticeId])))];
    const notices = noticeIds.length
      ? await this.m(m).find(Notice, { where: { id: In(noticeIds) }, select: { id: true, title: true, status: true, publishedAt: true } })
      : [];
    const byId = new Map(notices.map((n) => [n.id, { id: n.id, title: n.title, status: n.status, publishedAt: n.publishedAt }]));
    return rows.map((t) => ({ ...t, notice: t.noticeId === null ? null : byId.get(t.noticeId) ?? null }));
  }

  /**
   * Locks the year until the caller's transaction ends (MySQL; SQLite has one writer), so two
   * imports of a year take turns. The lock is on a row that always exists (created beforehand,
   * outside the transaction): locking the year's tables would lock nothing for a year without any
   * (READ COMMITTED takes no gap locks), and two first imports would both go ahead.
   */
  async lockYear(m: EntityManager, year: number, at: Date): Promise<void> {
    const key = `zoning.year.${year}`;
    if (this.db.sqlite) {
      // One process takes turns through Db; another process (the CLI beside the server) through
      // SQLite's write lock, which a transaction takes at its first write: so this write comes
      // before any read (a read first would make the later write fail with SQLITE_BUSY_SNAPSHOT
      // instead of waiting for the other's commit).
      const locked = await m.createQueryBuilder().update(AppState).set({ value: at.toISOString() }).where({ key }).execute();
      if (!locked.affected) await m.insert(AppState, { key, value: at.toISOString() });
      return;
    }
    if (!(await m.findOne(AppState, { where: { key } }))) {
      await this.db.dataSource.createQueryBuilder().insert().into(AppState).values({ key, value: '' }).orIgnore().execute();
    }
    // An UPDATE locks the row it matches: the second import waits here until the first commits.
    await m.createQueryBuilder().update(AppState).set({ value: at.toISOString() }).where({ key }).execute();
  }

  async table(id: number, m?: EntityManager): Promise<TableRecord | null> {
    const [row] = await this.tables(m, { ids: [id] });
    return row ?? null;
  }

  /** The tables attached to a notice (one at most, by the attach rule). */
  async tablesOfNotice(m: EntityManager, noticeId: number): Promise<TableRecord[]> {
    const ids = await m.find(ZoningTable, { where: { noticeId }, select: { id: true } });
    return this.tables(m, { ids: ids.map((t) => t.id) });
  }

  async insertTable(m: EntityManager, values: Omit<ZoningTable, 'id'>): Promise<number> {
    const inserted = await m.insert(ZoningTable, values);
    return Number(inserted.identifiers[0]!.id);
  }

  /** The table's schools, rules and aliases, in batched INSERTs (20,000 rules: 40 statements). */
  async insertData(m: EntityManager, tableId: number, data: ZoningTableData): Promise<void> {
    await this.insertChunks(m, 'zoning_school', SCHOOL_COLUMNS, data.schools.map((s) => schoolValues(tableId, s)));
    await this.insertChunks(m, 'zoning_rule', RULE_COLUMNS, data.rules.map((r) => ruleValues(tableId, r)));
    await this.insertChunks(m, 'zoning_alias', 'table_id, alias, name', data.aliases.map((a) => [tableId, a.alias, a.name]));
  }

  private async insertChunks(m: EntityManager, table: string, columns: string, rows: unknown[][]): Promise<void> {
    if (!rows.length) return;
    const placeholders = `(${rows[0]!.map(() => '?').join(', ')})`;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      await m.query(`INSERT INTO ${table} (${columns}) VALUES ${chunk.map(() => placeholders).join(', ')}`, chunk.flat());
    }
  }

  /** Deletes tables and their rows. */
  async deleteTables(m: EntityManager, ids: number[]): Promise<void> {
    if (!ids.length) return;
    for (const entity of [ZoningRule, ZoningSchool, ZoningAlias, ZoningTableEditor]) await m.delete(entity, { tableId: In(ids) });
    await m.delete(ZoningTable, { id: In(ids) });
  }

  /** The table's content as plain rows, in the order it was imported (rules added by hand last). */
  async data(tableId: number, m?: EntityManager): Promise<StoredTableData> {
    // Outside a transaction on SQLite, wait for an open one so the read sees only committed rows.
    if (!m) await this.db.settled();
    const manager = this.m(m);
    const [schools, rules, aliases] = await Promise.all([
      manager.find(ZoningSchool, { where: { tableId }, order: { id: 'ASC' } }),
      manager.find(ZoningRule, { where: { tableId }, order: { id: 'ASC' } }),
      manager.find(ZoningAlias, { where: { tableId }, order: { id: 'ASC' } }),
    ]);
    return { schools: schools.map(schoolRow), rules: rules.map(ruleRow), aliases: aliases.map((a): ZoningAliasRow => ({ alias: a.alias, name: a.name })) };
  }

  async schools(tableId: number): Promise<ZoningSchoolRow[]> {
    return (await this.m().find(ZoningSchool, { where: { tableId }, order: { id: 'ASC' } })).map(schoolRow);
  }

  /** One page of a table's rules by id; `q` matches the town, village or compound (road). */
  async rulesPage(tableId: number, filter: { afterId?: number; limit: number; q?: string }): Promise<StoredRule[]> {
    const qb = this.m().createQueryBuilder(ZoningRule, 'r').where('r.table_id = :tableId', { tableId });
    if (filter.afterId !== undefined) qb.andWhere('r.id > :afterId', { afterId: filter.afterId });
    if (filter.q) {
      qb.andWhere("(r.town LIKE :pattern ESCAPE '!' OR r.village LIKE :pattern ESCAPE '!' OR r.compound LIKE :pattern ESCAPE '!')", { pattern: likePattern(filter.q) });
    }
    return (await qb.orderBy('r.id', 'ASC').take(filter.limit).getMany()).map(ruleRow);
  }

  async rule(id: number, m?: EntityManager): Promise<StoredRule | null> {
    const row = await this.m(m).findOne(ZoningRule, { where: { id } });
    return row ? ruleRow(row) : null;
  }

  async insertRule(m: EntityManager, tableId: number, rule: ZoningRuleRow): Promise<number> {
    const inserted = await m.insert(ZoningRule, { tableId, ...ruleColumns(rule) });
    return Number(inserted.identifiers[0]!.id);
  }

  async updateRule(m: EntityManager, tableId: number, id: number, rule: ZoningRuleRow): Promise<boolean> {
    const result = await m.update(ZoningRule, { id, tableId }, ruleColumns(rule));
    return Boolean(result.affected);
  }

  async deleteRule(m: EntityManager, tableId: number, id: number): Promise<boolean> {
    const result = await m.delete(ZoningRule, { id, tableId });
    return Boolean(result.affected);
  }

  /** Records that `staffId` corrected the table's rules (once per person), inside the correction's transaction (after its version condition). */
  async recordCorrector(m: EntityManager, tableId: number, staffId: number): Promise<void> {
    if (await m.findOne(ZoningTableEditor, { where: { tableId, staffId } })) return;
    await m.insert(ZoningTableEditor, { tableId, staffId });
  }

  /** Who corrected the table's rules. */
  async correctors(m: EntityManager, tableId: number): Promise<number[]> {
    return (await m.find(ZoningTableEditor, { where: { tableId } })).map((e) => e.staffId);
  }

  /** Writes `values` and moves the version on only if nobody changed the table since `version` was read. */
  async updateIfVersion(m: EntityManager, id: number, version: number, values: TableColumns): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(ZoningTable)
      .set({ ...values, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(result.affected);
  }

  /** Another table took its notice: it goes back to a draft (its file was dropped by the caller). */
  async detach(m: EntityManager, id: number, updatedAt: Date): Promise<void> {
    await m
      .createQueryBuilder()
      .update(ZoningTable)
      .set({ noticeId: null, attachmentFileId: null, updatedAt, version: () => 'version + 1' })
      .where('id = :id', { id })
      .execute();
  }

  /** Who imported, as staff know them. */
  async staffName(id: number): Promise<string | null> {
    const row = await this.m().findOne(StaffAccount, { where: { id }, select: { id: true, displayName: true } });
    return row?.displayName ?? null;
  }
}
