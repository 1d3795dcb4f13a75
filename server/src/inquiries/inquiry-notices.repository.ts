import { Injectable } from '@nestjs/common';
import { INQUIRY_OPEN_STATUSES, type InquiryNoticeKind } from '@gongkai/shared';
import { EntityManager, In, LessThan, Not, IsNull } from 'typeorm';
import { Db } from '../database/db';
import { ParentAccount } from '../identity/entities/parent-account.entity';
import { StaffAccount } from '../identity/entities/staff-account.entity';
import { Unit } from '../identity/entities/unit.entity';
import { InquiryNotice, type InquiryNoticeStatus } from './entities/inquiry-notice.entity';
import { Inquiry } from './entities/inquiry.entity';
import type { StaffRef } from './inquiries.repository';

/** What a send came to, as recorded on the notice's row. */
export interface NoticeOutcome {
  status: InquiryNoticeStatus;
  recipients: number;
  sent: number;
  detail: string | null;
}

/** No notice of this kind about this instant yet (the claim's unique key is inquiry, kind and instant). */
const without = (kind: InquiryNoticeKind, at: string) => `NOT EXISTS (SELECT 1 FROM inquiry_notice n WHERE n.inquiry_id = i.id AND n.kind = '${kind}' AND n.about = ${at})`;

/** The queries of inquiry notices (reply notices to parents, deadline reminders to staff). */
@Injectable()
export class InquiryNoticesRepository {
  constructor(private readonly db: Db) {}

  /** Notices still `sending` since before `before`: their instance died mid-send. */
  async markStuck(m: EntityManager, before: Date, now: Date): Promise<void> {
    await m.update(InquiryNotice, { status: 'sending', updatedAt: LessThan(before) }, { status: 'unknown', detail: 'instance stopped during the send', updatedAt: now });
  }

  /** Answered inquiries (replied after `since`) whose parent has not been told yet, earliest first. */
  repliedUntold(since: Date, limit: number): Promise<Inquiry[]> {
    return this.db.dataSource
      .createQueryBuilder(Inquiry, 'i')
      .where("i.replied_at IS NOT NULL AND i.replied_at > :since AND i.status IN ('replied', 'closed')", { since })
      .andWhere(without('reply', 'i.replied_at'))
      .orderBy('i.replied_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Open inquiries due in (since, horizon) without their overdue notice, and (unless already past `now`) without their due-soon one. */
  openToRemind(since: Date, horizon: Date, now: Date, limit: number): Promise<Inquiry[]> {
    return this.db.dataSource
      .createQueryBuilder(Inquiry, 'i')
      .where('i.status IN (:...open) AND i.due_at > :since AND i.due_at < :horizon', { open: [...INQUIRY_OPEN_STATUSES], since, horizon })
      .andWhere(`(${without('overdue', 'i.due_at')}) AND (i.due_at < :now OR ${without('due_soon', 'i.due_at')})`, { now })
      .orderBy('i.due_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** Claims a notice by inserting its row; a duplicate key (isDuplicateKey) means another instance or round had it. */
  async claim(m: EntityManager, inquiryId: number, kind: InquiryNoticeKind, about: Date, now: Date): Promise<number> {
    const result = await m.insert(InquiryNotice, { inquiryId, kind, about, status: 'sending', recipients: 0, sent: 0, detail: null, createdAt: now, updatedAt: now });
    return Number(result.identifiers[0]!.id);
  }

  async finish(m: EntityManager, id: number, outcome: NoticeOutcome, now: Date): Promise<void> {
    await m.update(InquiryNotice, { id }, { ...outcome, detail: outcome.detail?.slice(0, 300) ?? null, updatedAt: now });
  }

  async unitName(unitId: number): Promise<string | null> {
    return (await this.db.dataSource.getRepository(Unit).findOne({ where: { id: unitId }, select: { id: true, name: true } }))?.name ?? null;
  }

  async parentOpenid(parentId: number): Promise<string | null> {
    return (await this.db.dataSource.getRepository(ParentAccount).findOne({ where: { id: parentId }, select: { id: true, openid: true } }))?.openid ?? null;
  }

  /** Active staff: the one account `handlerId`, or everyone of `unitId`. */
  async activeStaff(where: { handlerId: number } | { unitId: number }): Promise<StaffRef[]> {
    const filter = 'handlerId' in where ? { id: where.handlerId, active: true } : { unitId: where.unitId, active: true };
    return this.db.dataSource.getRepository(StaffAccount).find({ where: filter, select: { id: true, roles: true } });
  }

  of(inquiryId: number): Promise<InquiryNotice[]> {
    return this.db.dataSource.getRepository(InquiryNotice).find({ where: { inquiryId }, order: { id: 'ASC' } });
  }

  /**
   * Cancellation: the parent's reply notices lose their detail (a dry run's body names the
   * parent's openid as `touser`); status and counts stay.
   */
  async forgetParentRecipient(m: EntityManager, parentId: number): Promise<number> {
    const ids = (await m.find(Inquiry, { where: { parentId }, select: { id: true } })).map((i) => i.id);
    if (!ids.length) return 0;
    return (await m.update(InquiryNotice, { inquiryId: In(ids), kind: 'reply', detail: Not(IsNull()) }, { detail: null })).affected ?? 0;
  }
}
