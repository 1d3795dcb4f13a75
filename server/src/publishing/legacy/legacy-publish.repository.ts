import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NoticeAttachment } from '../../catalog/entities/notice-attachment.entity';
import { NoticeTopic } from '../../catalog/entities/notice-topic.entity';
import { Notice } from '../../catalog/entities/notice.entity';
import { Db } from '../../database/db';
import { IndexSequence } from '../entities/index-sequence.entity';

/** The columns a legacy item sets on its published notice (first import and each change at the source). */
export interface LegacyContent {
  title: string;
  documentNo: string | null;
  bodyHtml: string;
  bodyText: string;
  categoryId: number;
  unitId: number;
  infoType: Notice['infoType'];
  publishedAt: Date;
  portalUrl: string;
}

/** Queries of legacy publishing: the notice published as it was, its 索引号's uniqueness and sequence. */
@Injectable()
export class LegacyPublishRepository {
  constructor(private readonly db: Db) {}

  async indexNoTaken(m: EntityManager, indexNo: string): Promise<boolean> {
    return (await m.findOne(Notice, { where: { indexNo }, select: { id: true } })) !== null;
  }

  /**
   * Keeps a scope's sequence at least `sequence`: a legacy 索引号 kept in our own format then never
   * comes round again as a new notice's number. The scope's first row as in PublishStepRepository.
   */
  async raiseSequence(m: EntityManager, scope: string, sequence: number): Promise<void> {
    if (!(await m.findOne(IndexSequence, { where: { scope } }))) {
      await this.db.dataSource.createQueryBuilder().insert().into(IndexSequence).values({ scope, last: 0 }).orIgnore().execute();
    }
    await m.createQueryBuilder().update(IndexSequence).set({ last: sequence }).where('scope = :scope AND last < :sequence', { scope, sequence }).execute();
  }

  /** The draft just made becomes the published legacy item, if still at `version`. */
  async markPublished(m: EntityManager, id: number, version: number, values: { publishedAt: Date; indexNo: string; portalUrl: string; at: Date }): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(Notice)
      .set({ status: 'published', publishedAt: values.publishedAt, indexNo: values.indexNo, portalUrl: values.portalUrl, publishAt: null, statusChangedAt: values.at, updatedAt: values.at, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return Boolean(result.affected);
  }

  /** A published legacy item's content replaced (its 索引号 kept), if it is still published and at `version`. */
  async replaceContent(m: EntityManager, id: number, version: number, content: LegacyContent, at: Date): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(Notice)
      .set({ ...content, updatedAt: at, version: () => 'version + 1' })
      .where("id = :id AND version = :version AND status = 'published'", { id, version })
      .execute();
    return Boolean(result.affected);
  }

  /** Topics and attachments replaced; a legacy item's attachments are links (no stored file to release). */
  async replaceChildren(m: EntityManager, noticeId: number, topicIds: number[], attachments: { name: string; url: string }[]): Promise<void> {
    await m.delete(NoticeTopic, { noticeId });
    if (topicIds.length) await m.insert(NoticeTopic, topicIds.map((topicId) => ({ noticeId, topicId })));
    await m.delete(NoticeAttachment, { noticeId });
    if (attachments.length) await m.insert(NoticeAttachment, attachments.map((a, position) => ({ noticeId, position, name: a.name, url: a.url, size: 0, fileId: null, contentType: null })));
  }
}
