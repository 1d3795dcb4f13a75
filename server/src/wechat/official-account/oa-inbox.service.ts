import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock';
import { EventBus } from '../../common/events/event-bus';
import { Db, isDuplicateKey } from '../../database/db';
import { KeywordRepliesRepository } from './keyword-replies.repository';
import { DataHasher } from '../../privacy/crypto/data-hasher';
import { OaFollowersRepository } from './oa-followers.repository';
import { erasedOpenid } from './oa-personal-data';
import { OaInboxRepository } from './oa-inbox.repository';
import { OaUnionids } from './oa-unionids.service';
import { StaffOaBindings } from './staff-oa-bindings.service';
import { buildOaXml, type OaFields } from './xml';

/**
 * What the official account does with a verified, decrypted message: keeps followers, answers
 * text from the keyword replies, records template delivery results. Each message is handled
 * once (`oa_inbound_message`); WeChat's retries get the stored answer. A handful of queries in
 * one transaction, well within WeChat's 5 s; a new follower's unionid is looked up afterwards,
 * outside the answer (OaUnionids).
 */
@Injectable()
export class OaInboxService {
  constructor(
    private readonly db: Db,
    private readonly inbox: OaInboxRepository,
    private readonly replies: KeywordRepliesRepository,
    private readonly followers: OaFollowersRepository,
    private readonly bus: EventBus,
    private readonly unionids: OaUnionids,
    private readonly staffBindings: StaffOaBindings,
    private readonly clock: Clock,
    private readonly hasher: DataHasher,
  ) {}

  /** The plaintext reply XML, or null for `success` (nothing to say). */
  async handle(fields: OaFields, now = this.clock.now()): Promise<string | null> {
    const from = fields.FromUserName;
    const to = fields.ToUserName;
    const type = fields.MsgType;
    if (!from || !to || !type) return null;
    const key = dedupeKey(fields);
    if (type === 'text') await this.staffBindings.prepare(from, fields.Content ?? '', now);
    try {
      const outcome = await this.db.transaction(async (m) => {
        const seen = await this.inbox.handled(key, m);
        if (seen) return { reply: seen.replyXml, finished: null, lookUp: false };
        let reply: string | null = null;
        let event: EventOutcome = { finished: null, lookUp: false };
        if (type === 'event') event = await this.event(m, fields, now);
        else if (type === 'text') reply = await this.textReply(m, fields, now);
        await this.inbox.recordHandled(m, { dedupeKey: key, fromUser: from.slice(0, 64), msgType: type.slice(0, 20), event: fields.Event?.slice(0, 40) ?? null, replyXml: reply, receivedAt: now });
        return { reply, ...event };
      });
      if (outcome.finished) this.bus.emit('wechat.template_job_finished', outcome.finished);
      // After the commit, so the lookup finds the row; not awaited, so the answer does not wait on WeChat.
      if (outcome.lookUp) this.unionids.lookUpSoon(from);
      return outcome.reply;
    } catch (error) {
      // The same message handled at the same moment on another connection (MySQL): its work stands, ours rolled back.
      if (!isDuplicateKey(error)) throw error;
      const seen = await this.inbox.handled(key);
      return seen?.replyXml ?? null;
    }
  }

  private async event(m: EntityManager, fields: OaFields, now: Date): Promise<EventOutcome> {
    const none: EventOutcome = { finished: null, lookUp: false };
    const event = fields.Event ?? '';
    if (event === 'subscribe' || event === 'unsubscribe') {
      // Never the event's own UnionId (anyone who can post to the callback could write one): it is looked up from /cgi-bin/user/info.
      const openid = fields.FromUserName!;
      const needsUnionid = await this.followers.applyEvent(m, openid, erasedOpenid(this.hasher, openid), event === 'subscribe', eventTime(fields, now), now);
      return { finished: null, lookUp: event === 'subscribe' && needsUnionid };
    }
    if (event === 'TEMPLATESENDJOBFINISH') {
      const msgId = (fields.MsgID ?? fields.MsgId ?? '').trim();
      const status = (fields.Status ?? '').trim().slice(0, 100);
      if (!/^\d{1,32}$/.test(msgId) || !status) return none;
      if (!(await this.inbox.recordJobResult(m, msgId, status, now))) return none;
      return { finished: { msgId, status }, lookUp: false };
    }
    return none;
  }

  private async textReply(m: EntityManager, fields: OaFields, now: Date): Promise<string | null> {
    const text = (fields.Content ?? '').trim().toLowerCase();
    if (!text) return null;
    // A staff member linking this follower for reminders (绑定 123456) before any keyword reply.
    const bound = await this.staffBindings.fromMessage(m, fields.FromUserName!, text, now);
    if (bound) return textXml(fields, bound, now);
    const replies = await this.replies.list(m, { activeOnly: true });
    const hit =
      replies.find((r) => r.match === 'exact' && r.keyword.toLowerCase() === text) ??
      replies.find((r) => r.match === 'contains' && text.includes(r.keyword.toLowerCase()));
    if (!hit) return null;
    return textXml(fields, hit.reply, now);
  }
}

/** A passive text reply to the sender of `fields`. */
function textXml(fields: OaFields, content: string, now: Date): string {
  return buildOaXml([
    ['ToUserName', fields.FromUserName!],
    ['FromUserName', fields.ToUserName!],
    ['CreateTime', Math.floor(now.getTime() / 1000)],
    ['MsgType', 'text'],
    ['Content', content],
  ]);
}

interface EventOutcome {
  /** A template delivery result to announce on the event bus. */
  finished: { msgId: string; status: string } | null;
  /** A new follower without a known unionid: look it up once the answer is given. */
  lookUp: boolean;
}

/** `msg:<MsgId>` for messages; events (and messages without an id) by sender, time and event. */
export function dedupeKey(fields: OaFields): string {
  const key =
    fields.MsgType !== 'event' && fields.MsgId
      ? `msg:${fields.MsgId}`
      : `${fields.MsgType === 'event' ? 'event' : 'msg'}:${fields.FromUserName}:${fields.CreateTime ?? ''}:${fields.Event ?? ''}`;
  return key.length <= 160 ? key : `sha1:${createHash('sha1').update(key).digest('hex')}`;
}

function eventTime(fields: OaFields, now: Date): Date {
  const seconds = Number(fields.CreateTime);
  return Number.isSafeInteger(seconds) && seconds > 0 ? new Date(seconds * 1000) : now;
}
