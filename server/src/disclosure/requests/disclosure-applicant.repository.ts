import { Injectable } from '@nestjs/common';
import { Brackets, EntityManager, In, IsNull, LessThan } from 'typeorm';
import { Db } from '../../database/db';
import { ParentAccount } from '../../identity/entities/parent-account.entity';
import { DisclosureEvent } from '../entities/disclosure-event.entity';
import { DisclosureRequest } from '../entities/disclosure-request.entity';

/** What the applicant side clears when identity goes (注销 or retention); what the yearly report counts (type, kind, outcome, dates) stays. */
export const ERASED_IDENTITY: Partial<DisclosureRequest> = {
  applicantName: '申请人信息已删除',
  idNumber: null,
  creditCode: null,
  applicantHash: null,
  legalRepresentative: null,
  contactName: null,
  phone: null,
  email: null,
  address: null,
  postcode: null,
};

/** Identity not erased yet (a request whose identity went has all of these null). */
const HAS_IDENTITY = '(r.phone IS NOT NULL OR r.id_number IS NOT NULL OR r.credit_code IS NOT NULL OR r.applicant_hash IS NOT NULL OR r.email IS NOT NULL OR r.address IS NOT NULL)';

/** The applicant side's queries: the daily cap, the parent's pages, the notice outbox, personal data. */
@Injectable()
export class DisclosureApplicantRepository {
  constructor(private readonly db: Db) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  /** MySQL: holds the parent's row until commit, so one parent's requests take turns (the daily cap holds). SQLite's transactions take turns anyway. */
  async lockParent(m: EntityManager, parentId: number): Promise<void> {
    if (!this.db.sqlite) await m.createQueryBuilder(ParentAccount, 'p').setLock('pessimistic_write').where('p.id = :parentId', { parentId }).getOne();
  }

  countSince(parentId: number, since: Date, m?: EntityManager): Promise<number> {
    return this.m(m).createQueryBuilder(DisclosureRequest, 'r').where('r.parentId = :parentId AND r.submittedAt >= :since', { parentId, since }).getCount();
  }

  /** The parent's requests, newest first, before id `before`. */
  parentPage(parentId: number, before: number | null, limit: number): Promise<DisclosureRequest[]> {
    const q = this.db.dataSource.createQueryBuilder(DisclosureRequest, 'r').where('r.parentId = :parentId', { parentId });
    if (before !== null) q.andWhere('r.id < :before', { before });
    return q.orderBy('r.id', 'DESC').limit(limit).getMany();
  }

  ofParent(parentId: number): Promise<DisclosureRequest[]> {
    return this.db.dataSource.getRepository(DisclosureRequest).find({ where: { parentId }, order: { id: 'ASC' } });
  }

  async visibleEvents(requestIds: number[]): Promise<DisclosureEvent[]> {
    if (!requestIds.length) return [];
    return this.db.dataSource.getRepository(DisclosureEvent).find({ where: { requestId: In(requestIds), applicantVisible: true }, order: { id: 'ASC' } });
  }

  async parentOpenid(parentId: number): Promise<string | null> {
    return (await this.db.dataSource.getRepository(ParentAccount).findOne({ where: { id: parentId }, select: { id: true, openid: true } }))?.openid ?? null;
  }

  // The notice outbox

  /** Pending notices, oldest first. */
  pendingNotices(limit: number): Promise<DisclosureEvent[]> {
    return this.db.dataSource.getRepository(DisclosureEvent).find({ where: { noticeState: 'pending' }, order: { id: 'ASC' }, take: limit });
  }

  /** Claims a notice: of two instances exactly one moves it from `pending` (the other's update matches no row). */
  async claimNotice(m: EntityManager, eventId: number): Promise<boolean> {
    const result = await m.createQueryBuilder().update(DisclosureEvent).set({ noticeState: 'sending' }).where("id = :eventId AND notice_state = 'pending'", { eventId }).execute();
    return result.affected === 1;
  }

  async finishNotice(m: EntityManager, eventId: number, state: 'sent' | 'skipped' | 'failed'): Promise<void> {
    await m.createQueryBuilder().update(DisclosureEvent).set({ noticeState: state }).where("id = :eventId AND notice_state = 'sending'", { eventId }).execute();
  }

  /** Pending notices about steps older than `before` are not sent any more (a server down for days does not send a burst of stale news). */
  async skipStale(m: EntityManager, before: Date): Promise<void> {
    await m.update(DisclosureEvent, { noticeState: 'pending', createdAt: LessThan(before) }, { noticeState: 'skipped' });
  }

  /** Claims left `sending` by an instance that stopped mid-send: at most once, so they are not tried again. */
  async failStuck(m: EntityManager, before: Date): Promise<void> {
    await m.update(DisclosureEvent, { noticeState: 'sending', createdAt: LessThan(before) }, { noticeState: 'failed' });
  }

  // Personal data

  /** 注销: identity and contact details of the parent's requests erased, each marked; returns both counts. */
  async forgetParent(m: EntityManager, parentId: number, now: Date): Promise<{ identities: number; archived: number; notices: number }> {
    const identities = await m.createQueryBuilder(DisclosureRequest, 'r').update().set(ERASED_IDENTITY).where('parent_id = :parentId', { parentId }).andWhere(HAS_IDENTITY.replace(/r\./g, '')).execute();
    const archived = await m.update(DisclosureRequest, { parentId, parentCancelledAt: IsNull() }, { parentCancelledAt: now });
    const ids = (await m.find(DisclosureRequest, { where: { parentId }, select: { id: true } })).map((r) => r.id);
    // Nobody to tell any more.
    const notices = ids.length ? await m.update(DisclosureEvent, { requestId: In(ids), noticeState: In(['pending', 'sending']) }, { noticeState: 'skipped' }) : { affected: 0 };
    return { identities: identities.affected ?? 0, archived: archived.affected ?? 0, notices: notices.affected ?? 0 };
  }

  /** Requests finished before `cutoff` whose identity is still stored. */
  async withIdentityFinishedBefore(m: EntityManager, cutoff: Date, limit: number): Promise<number[]> {
    const rows = await m
      .createQueryBuilder(DisclosureRequest, 'r')
      .select('r.id', 'id')
      .where("r.status IN ('answered', 'closed') AND r.concluded_at < :cutoff", { cutoff })
      .andWhere(new Brackets((q) => q.where(HAS_IDENTITY)))
      .orderBy('r.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number | string }>();
    return rows.map((r) => Number(r.id));
  }

  async eraseIdentity(m: EntityManager, ids: number[]): Promise<number> {
    if (!ids.length) return 0;
    return (await m.createQueryBuilder().update(DisclosureRequest).set(ERASED_IDENTITY).where({ id: In(ids) }).execute()).affected ?? 0;
  }
}
