import { Injectable } from '@nestjs/common';
import { EntityManager, In, LessThan } from 'typeorm';
import { Db } from '../../database/db';
import { likePattern } from '../../database/like-pattern';
import { OaCallbackNonce } from './entities/oa-callback-nonce.entity';
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

  /** How many handled messages and events came from these openids. */
  async countFrom(openids: string[]): Promise<number> {
    if (!openids.length) return 0;
    return this.db.dataSource.getRepository(OaInboundMessage).countBy({ fromUser: In(openids) });
  }

  /**
   * Puts `pseudonym` in place of `openid` wherever the callback's records hold it: the sender of
   * handled messages, event keys (`event:<openid>:…`), the stored reply XML (addressed to it) and
   * the replay guard's message keys. Keys stay unique and a retry of a handled message is still
   * refused. Answers the handled messages changed.
   */
  async renameSender(m: EntityManager, openid: string, pseudonym: string): Promise<number> {
    const params = { openid, pseudonym };
    const handled = await m
      .createQueryBuilder()
      .update(OaInboundMessage)
      .set({ fromUser: pseudonym, dedupeKey: () => 'REPLACE(dedupe_key, :openid, :pseudonym)', replyXml: () => 'REPLACE(reply_xml, :openid, :pseudonym)' })
      .where('from_user = :openid')
      .setParameters(params)
      .execute();
    await m
      .createQueryBuilder()
      .update(OaCallbackNonce)
      .set({ messageKey: () => 'REPLACE(message_key, :openid, :pseudonym)' })
      .where("message_key LIKE :pattern ESCAPE '!'", { pattern: likePattern(openid) })
      .setParameters({ ...params, pattern: likePattern(openid) })
      .execute();
    return handled.affected ?? 0;
  }

  /** Retention: deletes up to `limit` handled messages received before `cutoff` (kept only to answer WeChat's retries); answers how many. */
  async deleteReceivedBefore(m: EntityManager, cutoff: Date, limit: number): Promise<number> {
    const ids = (await m.find(OaInboundMessage, { select: { id: true }, where: { receivedAt: LessThan(cutoff) }, order: { id: 'ASC' }, take: limit })).map((r) => r.id);
    if (!ids.length) return 0;
    const result = await m.delete(OaInboundMessage, { id: In(ids) });
    return result.affected ?? ids.length;
  }

  /** Records a template job's result; false when it was recorded already. */
  async recordJobResult(m: EntityManager, msgId: string, status: string, now: Date): Promise<boolean> {
    if (await m.findOneBy(OaTemplateJobResult, { msgId })) return false;
    await m.insert(OaTemplateJobResult, { msgId, status, receivedAt: now });
    return true;
  }
}
