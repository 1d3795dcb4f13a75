import { Injectable } from '@nestjs/common';
import { EDITABLE_NOTICE_STATUSES, type NoticeStatus } from '@gongkai/shared';
import { In, LessThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { Db } from '../database/db';
import { StaffAccount } from '../identity/entities/staff-account.entity';
import { Category } from './entities/category.entity';
import { NoticeAttachment } from './entities/notice-attachment.entity';
import { NoticeEditor } from './entities/notice-editor.entity';
import { NoticeTopic } from './entities/notice-topic.entity';
import { Notice } from './entities/notice.entity';
import { Topic } from './entities/topic.entity';
import type { NoticeRecord } from './notice-record';

export type NoticeColumns = Partial<Omit<NoticeRecord, 'id' | 'version'>>;

/** An attachment row as written and read: a link typed by hand (fileId null) or an uploaded file. */
export type AttachmentRow = Pick<NoticeAttachment, 'name' | 'url' | 'size' | 'fileId' | 'contentType'>;

/** What a staff view of several notices needs besides their rows, one query per table. */
export interface NoticeRelations {
  categories: Map<number, string>;
  authors: Map<number, string>;
  topics: { noticeId: number; code: string }[];
  attachments: NoticeAttachment[];
  editors: NoticeEditor[];
}

/** Every query of the staff side of notices (drafts, edits, deletion, the rows behind staff views). */
@Injectable()
export class StaffNoticesRepository {
  constructor(private readonly db: Db) {}

  private m(m?: EntityManager): EntityManager {
    return m ?? this.db.dataSource.manager;
  }

  findById(id: number, m?: EntityManager): Promise<Notice | null> {
    return this.m(m).findOne(Notice, { where: { id } });
  }

  findByIdOrFail(id: number, m?: EntityManager): Promise<Notice> {
    return this.m(m).findOneOrFail(Notice, { where: { id } });
  }

  /** Newest first, keyset-paged by id; `limit` rows at most. */
  page(filter: { unitId?: number; status?: NoticeStatus; beforeId?: number; limit: number }): Promise<Notice[]> {
    const where: FindOptionsWhere<Notice> = {
      ...(filter.unitId !== undefined ? { unitId: filter.unitId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.beforeId !== undefined ? { id: LessThan(filter.beforeId) } : {}),
    };
    return this.db.dataSource.manager.find(Notice, { where, order: { id: 'DESC' }, take: filter.limit });
  }

  async insert(m: EntityManager, values: NoticeColumns): Promise<number> {
    const inserted = await m.insert(Notice, values);
    return Number(inserted.identifiers[0]!.id);
  }

  /** Writes `values` only if nobody changed the notice since `version` was read; false if someone did. */
  async updateIfVersion(m: EntityManager, id: number, version: number, values: NoticeColumns): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(Notice)
      .set({ ...values, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(result.affected);
  }

  /**
   * Marks the notice changed (version + 1) only while its content may still change (draft,
   * returned): the condition of a change another module makes to it (a generated attachment).
   * Locks the row on MySQL until the caller's transaction ends.
   */
  async touchIfEditable(m: EntityManager, id: number, updatedAt: Date): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(Notice)
      .set({ updatedAt, version: () => 'version + 1' })
      .where('id = :id AND status IN (:...statuses)', { id, statuses: [...EDITABLE_NOTICE_STATUSES] })
      .execute();
    return Boolean(result.affected);
  }

  async deleteIfVersion(m: EntityManager, id: number, version: number): Promise<boolean> {
    const result = await m.delete(Notice, { id, version });
    return Boolean(result.affected);
  }

  /** Replaces the notice's topics and attachments; `undefined` leaves that list as it is. */
  async replaceChildren(m: EntityManager, noticeId: number, topicIds: number[] | undefined, attachments: AttachmentRow[] | undefined): Promise<void> {
    if (topicIds !== undefined) {
      await m.delete(NoticeTopic, { noticeId });
      if (topicIds.length) await m.insert(NoticeTopic, topicIds.map((topicId) => ({ noticeId, topicId })));
    }
    if (attachments !== undefined) {
      await m.delete(NoticeAttachment, { noticeId });
      if (attachments.length) await m.insert(NoticeAttachment, attachments.map((a, position) => ({ noticeId, position, name: a.name, url: a.url, size: a.size, fileId: a.fileId, contentType: a.contentType })));
    }
  }

  /** Records that `staffId` edited the title or body going to review in `round` (once per person and round). */
  async recordEditor(m: EntityManager, noticeId: number, round: number, staffId: number): Promise<void> {
    // Inside the caller's transaction, after its conditional update of the notice: no other edit of this notice runs meanwhile.
    if (await m.findOne(NoticeEditor, { where: { noticeId, round, staffId } })) return;
    await m.insert(NoticeEditor, { noticeId, round, staffId });
  }

  async relations(notices: Notice[], m?: EntityManager): Promise<NoticeRelations> {
    const manager = this.m(m);
    const ids = notices.map((n) => n.id);
    const [categories, authors, topics, attachments, editors] = await Promise.all([
      manager.findBy(Category, { id: In([...new Set(notices.map((n) => n.categoryId))]) }),
      manager.find(StaffAccount, { where: { id: In([...new Set(notices.map((n) => n.authorId))]) }, select: { id: true, displayName: true } }),
      manager
        .createQueryBuilder(NoticeTopic, 'nt')
        .innerJoin(Topic, 't', 't.id = nt.topic_id')
        .select('nt.notice_id', 'noticeId')
        .addSelect('t.code', 'code')
        .where('nt.notice_id IN (:...ids)', { ids })
        .orderBy('t.id', 'ASC')
        .getRawMany<{ noticeId: number | string; code: string }>(),
      manager.find(NoticeAttachment, { where: { noticeId: In(ids) }, order: { position: 'ASC' } }),
      manager.find(NoticeEditor, { where: { noticeId: In(ids) } }),
    ]);
    return {
      categories: new Map(categories.map((c) => [c.id, c.code])),
      authors: new Map(authors.map((a) => [a.id, a.displayName])),
      topics: topics.map((t) => ({ noticeId: Number(t.noticeId), code: t.code })),
      attachments,
      editors,
    };
  }
}
