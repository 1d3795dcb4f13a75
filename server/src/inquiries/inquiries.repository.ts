import { Injectable } from '@nestjs/common';
import { INQUIRY_OPEN_STATUSES, type InquiryStatus } from '@gongkai/shared';
import { Brackets, EntityManager, In, IsNull, Not } from 'typeorm';
import { IndexSequence } from '../publishing/entities/index-sequence.entity';
import { Db } from '../database/db';
import { ParentAccount } from '../identity/entities/parent-account.entity';
import { StaffAccount } from '../identity/entities/staff-account.entity';
import { Unit } from '../identity/entities/unit.entity';
import { InquiryCheckCount } from './entities/inquiry-check-count.entity';
import { InquiryEvent } from './entities/inquiry-event.entity';
import { Inquiry } from './entities/inquiry.entity';

const trackingScope = (prefix: string, day: string) => `inquiry/${prefix}/${day}`;
const OPEN = [...INQUIRY_OPEN_STATUSES];

/** What the inquiry services need of a unit (identity's table, read here for the inquiry's joins and lookups). */
export interface UnitRef {
  id: number;
  code: string;
  name: string;
}

/** A staff account as the reminders need it: who, and with which roles. */
export interface StaffRef {
  id: number;
  roles: StaffAccount['roles'];
}

/** Whose complaint replies a reviewer may review: a unit head their unit's, a leader those sent to leaders, admin all; never their own. */
export interface ReplyReviewerScope {
  staffId: number;
  headOfUnitId: number | null;
  leader: boolean;
  admin: boolean;
}

/** What a deadline recount changes. */
export type DeadlineFields = Pick<Inquiry, 'dueAt' | 'dueDate' | 'skipped' | 'flagged'>;

/**
 * The queries of inquiry rows, their timeline, tracking numbers, content-check counts and the
 * units and staff they name; photos, notices and Q&A have repositories of their own. The
 * services hold the rules.
 */
@Injectable()
export class InquiriesRepository {
  constructor(private readonly db: Db) {}

  private get dataSource() {
    return this.db.dataSource;
  }

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /**
   * Makes the sequence row of a prefix and day, outside any transaction (INSERT IGNORE: a
   * duplicate-key error inside a transaction would cost the whole transaction on MySQL, and
   * making it from inside would need a second pooled connection per intake).
   */
  async ensureTrackingSequence(prefix: string, day: string, m?: EntityManager): Promise<void> {
    const scope = trackingScope(prefix, day);
    if (await this.m(m).findOne(IndexSequence, { where: { scope } })) return;
    await this.m(m).createQueryBuilder().insert().into(IndexSequence).values({ scope, last: 0 }).orIgnore().execute();
  }

  /**
   * Next tracking-number sequence of a prefix and Shanghai day, inside the caller's transaction,
   * on the 索引号 sequence table (scope `inquiry/ZX/20261009`): the UPDATE's row lock holds until
   * commit, so two intakes never get the same number on either database, and a rolled-back
   * intake leaves no gap. The row is normally made beforehand (ensureTrackingSequence); only an
   * intake crossing midnight makes it here, as the catalog does for 索引号.
   */
  async nextTrackingSequence(m: EntityManager, prefix: string, day: string): Promise<number> {
    const scope = trackingScope(prefix, day);
    if (!(await m.findOne(IndexSequence, { where: { scope } }))) await this.ensureTrackingSequence(prefix, day);
    await m.createQueryBuilder().update(IndexSequence).set({ last: () => 'last + 1' }).where('scope = :scope', { scope }).execute();
    return (await m.findOneOrFail(IndexSequence, { where: { scope } })).last;
  }

  /** MySQL: holds the parent's row until commit, so one parent's intakes take turns (the daily limit holds). SQLite's transactions take turns anyway. */
  async lockParent(m: EntityManager, parentId: number): Promise<void> {
    if (!this.db.sqlite) await m.createQueryBuilder(ParentAccount, 'p').setLock('pessimistic_write').where('p.id = :parentId', { parentId }).getOne();
  }

  countSince(parentId: number, since: Date, m?: EntityManager): Promise<number> {
    return this.m(m).createQueryBuilder(Inquiry, 'i').where('i.parentId = :parentId AND i.receivedAt >= :since', { parentId, since }).getCount();
  }

  async parentOpenid(parentId: number): Promise<string | null> {
    return (await this.dataSource.getRepository(ParentAccount).findOne({ where: { id: parentId }, select: { id: true, openid: true } }))?.openid ?? null;
  }

  async insert(m: EntityManager, row: Omit<Inquiry, 'id'>): Promise<number> {
    const result = await m.insert(Inquiry, row);
    return Number(result.identifiers[0]!.id);
  }

  find(id: number, m?: EntityManager): Promise<Inquiry | null> {
    return this.m(m).findOne(Inquiry, { where: { id } });
  }

  /** Moves the inquiry on only if nobody changed it since `version` was read. */
  async update(m: EntityManager, id: number, version: number, set: Partial<Inquiry>, now: Date): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(Inquiry)
      .set({ ...set, updatedAt: now, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(result.affected);
  }

  /** Records the Q&A published from the inquiry. Not a state change: the version stays, so a handler's open page is not made stale. */
  async setPublishedQa(m: EntityManager, id: number, qaId: number): Promise<void> {
    await m.createQueryBuilder().update(Inquiry).set({ publishedQaId: qaId }).where('id = :id', { id }).execute();
  }

  /** A recounted deadline. Not a handler's change: the version stays, so nobody's open page becomes stale. */
  async setDeadline(m: EntityManager, id: number, d: DeadlineFields): Promise<void> {
    await m.createQueryBuilder().update(Inquiry).set({ dueAt: d.dueAt, dueDate: d.dueDate, skipped: d.skipped, flagged: d.flagged }).where('id = :id', { id }).execute();
  }

  async appendEvent(m: EntityManager, row: Omit<InquiryEvent, 'id'>): Promise<void> {
    await m.insert(InquiryEvent, row);
  }

  events(inquiryId: number, m?: EntityManager): Promise<InquiryEvent[]> {
    return this.m(m).find(InquiryEvent, { where: { inquiryId }, order: { id: 'ASC' } });
  }

  /** A parent's inquiries, newest first, after the cursor's id. */
  parentPage(parentId: number, beforeId: number | null, limit: number): Promise<Inquiry[]> {
    const qb = this.dataSource.createQueryBuilder(Inquiry, 'i').where('i.parentId = :parentId', { parentId });
    if (beforeId !== null) qb.andWhere('i.id < :beforeId', { beforeId });
    return qb.orderBy('i.id', 'DESC').take(limit).getMany();
  }

  /**
   * The staff inbox: `open` sorted by due time (overdue ones, due earliest, first), then id;
   * `all` newest first. `unitId` null: every unit (admin).
   */
  staffPage(query: {
    unitId: number | null;
    status?: InquiryStatus;
    scope: 'open' | 'all' | 'reply_review';
    after: [number, number] | [number] | null;
    limit: number;
    /** reply_review: the replies this reviewer may review (see replyReviewScope). */
    reviewer?: ReplyReviewerScope;
    /** Only inquiries with this phone, by its keyed hash (the phone itself is encrypted). */
    phoneHash?: string;
  }): Promise<Inquiry[]> {
    const qb = this.dataSource.createQueryBuilder(Inquiry, 'i');
    qb.where('1 = 1');
    if (query.unitId !== null) qb.andWhere('i.unitId = :unitId', { unitId: query.unitId });
    if (query.phoneHash) qb.andWhere('i.phoneHash = :phoneHash', { phoneHash: query.phoneHash });
    if (query.scope === 'reply_review') {
      const r = query.reviewer!;
      qb.andWhere("i.status = 'reply_pending'").andWhere('(i.pendingReplyById IS NULL OR i.pendingReplyById <> :me)', { me: r.staffId });
      if (!r.admin) {
        qb.andWhere(
          new Brackets((w) => {
            w.where('1 = 0');
            if (r.headOfUnitId !== null) w.orWhere("(i.unitId = :headUnit AND (i.replyReviewer = 'unit_head' OR i.replyReviewer IS NULL))", { headUnit: r.headOfUnitId });
            if (r.leader) w.orWhere("i.replyReviewer = 'leader'");
          }),
        );
      }
    } else if (query.status) qb.andWhere('i.status = :status', { status: query.status });
    else if (query.scope === 'open') qb.andWhere('i.status IN (:...open)', { open: OPEN });
    if (query.scope !== 'all') {
      if (query.after) {
        const [dueMs, id] = query.after as [number, number];
        const due = new Date(dueMs);
        qb.andWhere(new Brackets((w) => w.where('i.dueAt > :due', { due }).orWhere('i.dueAt = :due AND i.id > :id', { due, id })));
      }
      qb.orderBy('i.dueAt', 'ASC').addOrderBy('i.id', 'ASC');
    } else {
      if (query.after) qb.andWhere('i.id < :id', { id: query.after[0] });
      qb.orderBy('i.id', 'DESC');
    }
    return qb.take(query.limit).getMany();
  }

  /** Open inquiries of a unit (null: all) due before `before`, due earliest first (the staff home's alerts). */
  openDueBefore(unitId: number | null, before: Date, after: Date | null, limit: number): Promise<Inquiry[]> {
    const qb = this.dataSource.createQueryBuilder(Inquiry, 'i').where('i.status IN (:...open)', { open: OPEN }).andWhere('i.dueAt < :before', { before });
    if (after) qb.andWhere('i.dueAt >= :after', { after });
    if (unitId !== null) qb.andWhere('i.unitId = :unitId', { unitId });
    return qb.orderBy('i.dueAt', 'ASC').addOrderBy('i.id', 'ASC').take(limit).getMany();
  }

  /** How many open inquiries of a unit (null: all) are in each status, and how many are flagged. */
  async openCounts(unitId: number | null): Promise<{ byStatus: Map<string, number>; flagged: number }> {
    const qb = this.dataSource
      .createQueryBuilder(Inquiry, 'i')
      .select('i.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .addSelect('SUM(CASE WHEN i.flagged THEN 1 ELSE 0 END)', 'flagged')
      .where('i.status IN (:...open)', { open: OPEN })
      .groupBy('i.status');
    if (unitId !== null) qb.andWhere('i.unitId = :unitId', { unitId });
    const rows = await qb.getRawMany<{ status: string; count: number | string; flagged: number | string | null }>();
    return { byStatus: new Map(rows.map((r) => [r.status, Number(r.count)])), flagged: rows.reduce((n, r) => n + Number(r.flagged ?? 0), 0) };
  }

  /** The inquiries received in [start, end) of a unit (null: all), with what the statistics need. */
  receivedBetween(unitId: number | null, start: Date, end: Date): Promise<Inquiry[]> {
    const qb = this.dataSource
      .createQueryBuilder(Inquiry, 'i')
      .select(['i.id', 'i.kind', 'i.unitId', 'i.status', 'i.receivedAt', 'i.dueAt', 'i.repliedAt', 'i.rating'])
      .where('i.receivedAt >= :start AND i.receivedAt < :end', { start, end });
    if (unitId !== null) qb.andWhere('i.unitId = :unitId', { unitId });
    return qb.getMany();
  }

  /** Open inquiries whose deadline was counted through a year without calendar data. */
  flaggedOpen(): Promise<Inquiry[]> {
    return this.dataSource.getRepository(Inquiry).find({ where: { flagged: true, status: In(OPEN) }, order: { id: 'ASC' } });
  }

  unitByCode(code: string, m?: EntityManager): Promise<UnitRef | null> {
    return this.m(m).findOne(Unit, { where: { code }, select: UNIT_REF });
  }

  unitById(id: number, m?: EntityManager): Promise<UnitRef | null> {
    return this.m(m).findOne(Unit, { where: { id }, select: UNIT_REF });
  }

  /** The bureau's intake unit: the first 科室 by sort order (the bureau itself, made first by create-admin and the demo). */
  intakeUnit(m?: EntityManager): Promise<UnitRef | null> {
    return this.m(m).findOne(Unit, { where: { kind: 'bureau_office' }, order: { sortOrder: 'ASC', id: 'ASC' }, select: UNIT_REF });
  }

  async units(ids: number[]): Promise<Map<number, UnitRef>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    return new Map((await this.dataSource.getRepository(Unit).find({ where: { id: In(unique) }, select: UNIT_REF })).map((u) => [u.id, u]));
  }

  async staffNames(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.dataSource.getRepository(StaffAccount).find({ where: { id: In(unique) }, select: { id: true, displayName: true } });
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  async staffName(m: EntityManager, id: number): Promise<string | null> {
    return (await m.findOne(StaffAccount, { where: { id }, select: { id: true, displayName: true } }))?.displayName ?? null;
  }

  /** How many active unit heads of a unit there are besides `exceptId` (who could review that person's reply). */
  async otherUnitHeads(m: EntityManager, unitId: number, exceptId: number): Promise<number> {
    // roles is a comma-joined list: filtered here rather than with LIKE on it.
    const rows = await m.find(StaffAccount, { where: { unitId, active: true }, select: { id: true, roles: true } });
    return rows.filter((r) => r.id !== exceptId && r.roles.includes('unit_head')).length;
  }

  // Personal data: the inquiries' part of the rights flow and of retention (inquiry-personal-data.ts holds the rules)

  /** Every inquiry of a parent, oldest first (their export). */
  ofParent(parentId: number): Promise<Inquiry[]> {
    return this.dataSource.getRepository(Inquiry).find({ where: { parentId }, order: { id: 'ASC' } });
  }

  /** The rows of these inquiries' timelines that the parent sees, in order. */
  async parentVisibleEvents(inquiryIds: number[]): Promise<InquiryEvent[]> {
    if (!inquiryIds.length) return [];
    return this.dataSource.getRepository(InquiryEvent).find({ where: { inquiryId: In(inquiryIds), parentVisible: true }, order: { id: 'ASC' } });
  }

  /** Cancellation: the parent's phones erased (how many rows had one), and every inquiry of theirs marked as a cancelled applicant's archive. */
  async forgetParent(m: EntityManager, parentId: number, now: Date): Promise<{ phones: number; archived: number }> {
    const phones = await m
      .createQueryBuilder()
      .update(Inquiry)
      .set({ phone: null, phoneHash: null })
      .where('parent_id = :parentId AND (phone IS NOT NULL OR phone_hash IS NOT NULL)', { parentId })
      .execute();
    const archived = await m.update(Inquiry, { parentId, parentCancelledAt: IsNull() }, { parentCancelledAt: now });
    return { phones: phones.affected ?? 0, archived: archived.affected ?? 0 };
  }

  /** public_qa withdrawn: none of the parent's inquiries may be published; the ones published lose their Q&A (returned, for the caller to delete). */
  async withdrawPublish(m: EntityManager, parentId: number): Promise<{ changed: number; published: { id: number; qaId: number }[] }> {
    const rows = await m.find(Inquiry, { where: { parentId, publishedQaId: Not(IsNull()) }, select: { id: true, publishedQaId: true } });
    const changed = await m.update(Inquiry, { parentId, allowPublish: true }, { allowPublish: false });
    if (rows.length) await m.update(Inquiry, { id: In(rows.map((r) => r.id)) }, { publishedQaId: null });
    return { changed: changed.affected ?? 0, published: rows.map((r) => ({ id: r.id, qaId: r.publishedQaId! })) };
  }

  /** The parent's inquiries that tell about a child, with what the withdrawal of that consent depends on. */
  childInquiries(m: EntityManager, parentId: number): Promise<Pick<Inquiry, 'id' | 'status' | 'childConsentWithdrawnAt'>[]> {
    return m.find(Inquiry, { where: { parentId, involvesChild: true }, select: { id: true, status: true, childConsentWithdrawnAt: true }, order: { id: 'ASC' } });
  }

  /** Replaces the content of these inquiries by `text` (not a handler's change: the version stays); how many changed. */
  async replaceContent(m: EntityManager, ids: number[], text: string): Promise<number> {
    if (!ids.length) return 0;
    const result = await m.createQueryBuilder().update(Inquiry).set({ content: text }).where({ id: In(ids), content: Not(text) }).execute();
    return result.affected ?? 0;
  }

  async markChildConsentWithdrawn(m: EntityManager, ids: number[], now: Date): Promise<void> {
    if (ids.length) await m.update(Inquiry, { id: In(ids) }, { childConsentWithdrawnAt: now });
  }

  /** Inquiries finished (answered, closed after the rating, or refused) before `cutoff` that still hold a phone, oldest first. */
  async withPhoneFinishedBefore(m: EntityManager, cutoff: Date, limit: number): Promise<number[]> {
    const rows = await m
      .createQueryBuilder(Inquiry, 'i')
      .select('i.id', 'id')
      .where('(i.phone IS NOT NULL OR i.phone_hash IS NOT NULL)')
      .andWhere(FINISHED_BEFORE, { cutoff })
      .orderBy('i.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number | string }>();
    return rows.map((r) => Number(r.id));
  }

  async erasePhones(m: EntityManager, ids: number[]): Promise<number> {
    if (!ids.length) return 0;
    const result = await m.createQueryBuilder().update(Inquiry).set({ phone: null, phoneHash: null }).where({ id: In(ids) }).execute();
    return result.affected ?? 0;
  }

  // Content-check counts

  async countCheck(day: string, suggest: string): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(InquiryCheckCount).values({ day, suggest, count: 0 }).orIgnore().execute();
    await this.dataSource.createQueryBuilder().update(InquiryCheckCount).set({ count: () => 'count + 1' }).where('day = :day AND suggest = :suggest', { day, suggest }).execute();
  }

  checkCount(day: string, suggest: string): Promise<InquiryCheckCount | null> {
    return this.dataSource.getRepository(InquiryCheckCount).findOne({ where: { day, suggest } });
  }
}

const UNIT_REF = { id: true, code: true, name: true } as const;

/**
 * An inquiry finished before `:cutoff` (办结, where retention counts from): closed by the parent's
 * rating, refused, or answered and never rated (a parent who does not rate must not keep the
 * phone held for ever; a reopen after that works without it). On alias `i`.
 */
export const FINISHED_BEFORE = "((i.status = 'closed' AND i.rated_at < :cutoff) OR (i.status = 'rejected' AND i.updated_at < :cutoff) OR (i.status = 'replied' AND i.replied_at < :cutoff))";
