import { Injectable } from '@nestjs/common';
import type { DisclosureAttribute, NoticeStatus } from '@gongkai/shared';
import { Db } from '../../database/db';
import { NoticeAttachment } from '../entities/notice-attachment.entity';
import { Notice } from '../entities/notice.entity';

/** The notice an uploaded file is attached to, as the download route judges it. */
interface FileHolder {
  noticeId: number;
  /** The attachment's name on that notice (it may have been renamed). */
  name: string;
  status: NoticeStatus;
  disclosure: DisclosureAttribute;
}

/** The queries behind uploaded attachments: which files a notice holds, and which notice holds a file. */
@Injectable()
export class AttachmentsRepository {
  constructor(private readonly db: Db) {}

  /** The notice holding the file, with its status; null when no notice does. */
  async holderOf(fileId: string): Promise<FileHolder | null> {
    const row = await this.db.dataSource.manager
      .createQueryBuilder(NoticeAttachment, 'a')
      .innerJoin(Notice, 'n', 'n.id = a.notice_id')
      .select('a.notice_id', 'noticeId')
      .addSelect('a.name', 'name')
      .addSelect('n.status', 'status')
      .addSelect('n.disclosure', 'disclosure')
      .where('a.file_id = :fileId', { fileId })
      .orderBy('a.id', 'ASC')
      .getRawOne<{ noticeId: number | string; name: string; status: NoticeStatus; disclosure: DisclosureAttribute }>();
    return row ? { noticeId: Number(row.noticeId), name: row.name, status: row.status, disclosure: row.disclosure } : null;
  }
}
