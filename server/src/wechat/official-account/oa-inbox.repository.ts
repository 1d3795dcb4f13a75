import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { OaInboundMessage } from './entities/oa-inbound-message.entity';
import { OaTemplateJobResult } from './entities/oa-template-job-result.entity';

/** Every query of the callback's handled messages (each once) and WeChat's template delivery results. */
@Injectable()
export class OaInboxRepository {
  constructor(private readonly db: Db) {}

  /** The message handled already under `dedupeKey` (outside a transaction when `m` is left out). */
  async handled(dedupeKey: string, m?: EntityManager): Promise<OaInboundMessage | null> {
    if (!m) await this.db.settled();
    return (m ?? this.db.dataSource.manager).findOneBy(OaInboundMessage, { dedupeKey });
  }

  /** Records a handled message; a second one with its key fails (unique): handled elsewhere meanwhile. */
  async recordHandled(m: EntityManager, row: Omit<OaInboundMessage, 'id'>): Promise<void> {
    await m.insert(OaInboundMessage, row);
  }

  /** Records a template job's result; false when it was recorded already. */
  async recordJobResult(m: EntityManager, msgId: string, status: string, now: Date): Promise<boolean> {
    if (await m.findOneBy(OaTemplateJobResult, { msgId })) return false;
    await m.insert(OaTemplateJobResult, { msgId, status, receivedAt: now });
    return true;
  }
}
