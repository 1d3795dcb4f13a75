import { Injectable } from '@nestjs/common';
import type { StaffOaBindingView } from '@gongkai/shared';
import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../../common/audit/audit.service';
import { Clock } from '../../common/clock/clock';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import type { RequestMeta } from '../../common/http/request-meta';
import { Db } from '../../database/db';
import { OaBindThrottleRepository } from './oa-bind-throttle.repository';
import type { StaffOaBinding } from './entities/staff-oa-binding.entity';
import { StaffOaBindingsRepository } from './staff-oa-bindings.repository';

/** A code is good for this long: enough to open the official account and send it. */
const CODE_TTL_MS = 10 * 60_000;
/** `绑定 123456`, `绑定123456`, with a full-width space or none. */
const BIND_TEXT = /^绑定[\s\u3000]*(\d{6})$/;
/** Wrong codes one follower may send per window before it has to wait: a million codes, five tries an hour. */
const MAX_WRONG_CODES = 5;
const WRONG_CODE_WINDOW_MS = 60 * 60_000;
const INVALID = '绑定码无效或已过期，请在小程序“工作人员 → 公众号提醒”中重新获取。';

/**
 * Links staff accounts to official-account followers, so that reminders (inquiry deadlines) can
 * reach them as template messages: the staff member asks for a code in the staff pages and sends
 * it to the official account; the callback links the sender's openid to the account.
 */
@Injectable()
export class StaffOaBindings {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly throttle: OaBindThrottleRepository,
    private readonly bindings: StaffOaBindingsRepository,
  ) {}

  async view(staffId: number, now = this.clock.now()): Promise<StaffOaBindingView> {
    return present(await this.bindings.find(staffId), now);
  }

  /** A new code (the old one stops working). */
  async newCode(staff: StaffPrincipal, now = this.clock.now()): Promise<StaffOaBindingView> {
    const row = await this.db.transaction(async (m) => {
      const expires = new Date(now.getTime() + CODE_TTL_MS);
      // Six digits, unique among the codes in use (the column is unique): try a few.
      for (let attempt = 0; ; attempt++) {
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        const taken = await this.bindings.codeHolder(m, code, staff.id);
        if (taken && taken.codeExpiresAt && taken.codeExpiresAt > now && attempt < 10) continue;
        if (taken) await this.bindings.setCode(m, taken.staffId, null, null, now);
        await this.bindings.setCode(m, staff.id, code, expires, now);
        return this.bindings.find(staff.id, m);
      }
    });
    return present(row, now);
  }

  async unbind(staff: StaffPrincipal, meta: RequestMeta, now = this.clock.now()): Promise<StaffOaBindingView> {
    await this.db.transaction(async (m) => {
      const row = await this.bindings.find(staff.id, m);
      if (!row?.oaOpenid) return;
      await this.bindings.unlink(m, staff.id, now);
      await this.audit.record(m, staff, meta, { action: 'staff.oa_unbind', entityType: 'staff_account', entityId: staff.id, before: { bound: true }, after: { bound: false } });
    });
    return this.view(staff.id, now);
  }

  /**
   * Before the callback's transaction, for a text that is a bind request: the sender's throttle
   * row exists. Created on its own (INSERT IGNORE, committed at once) so that parallel first
   * attempts do not insert it inside their transactions, which deadlocks on MySQL.
   */
  async prepare(openid: string, text: string, now: Date): Promise<void> {
    if (!BIND_TEXT.test(text.trim())) return;
    await this.throttle.ensure(openid, now);
  }

  /**
   * A text message to the official account that is a bind request: links the sender and answers
   * in Chinese; null when the text is no bind request (keyword replies then apply). Runs inside the
   * callback's transaction. Each attempt is counted before the code is looked at (one conditional
   * UPDATE, so parallel attempts never pass the limit) and given back when the code was right; a
   * code is spent by the conditional UPDATE that links it, so only one sender can use it.
   */
  async fromMessage(m: EntityManager, openid: string, text: string, now: Date): Promise<string | null> {
    const match = BIND_TEXT.exec(text.trim());
    if (!match) return null;
    const code = match[1]!;
    if (!(await this.throttle.count(m, openid, MAX_WRONG_CODES, new Date(now.getTime() - WRONG_CODE_WINDOW_MS), now))) {
      const waitMs = ((await this.throttle.windowStartedAt(m, openid))?.getTime() ?? now.getTime()) + WRONG_CODE_WINDOW_MS - now.getTime();
      return `绑定码错误次数过多，请约 ${Math.max(1, Math.ceil(waitMs / 60_000))} 分钟后再试。`;
    }
    const row = await this.bindings.liveCode(m, code, now);
    if (!row) return INVALID;
    const staff = await this.bindings.activeStaff(m, row.staffId);
    if (!staff) return INVALID;
    if (!(await this.bindings.spend(m, row.staffId, code, now))) return INVALID;
    await this.throttle.giveBack(m, openid);
    // One follower, one account: a previous link of this openid ends.
    await this.bindings.link(m, row.staffId, openid, now);
    await this.audit.record(m, null, { ip: null, requestId: null }, { action: 'staff.oa_bind', entityType: 'staff_account', entityId: row.staffId, after: { bound: true } });
    return `已绑定工作人员账号：${staff.displayName}（${staff.username}）。咨询办理期限提醒将通过本公众号发送。`;
  }

  /** The follower openids of these staff accounts that are linked. */
  async openids(staffIds: number[]): Promise<Map<number, string>> {
    if (!staffIds.length) return new Map();
    return this.bindings.openids(staffIds);
  }
}

function present(row: StaffOaBinding | null, now: Date): StaffOaBindingView {
  const live = row?.bindCode && row.codeExpiresAt && row.codeExpiresAt > now;
  return {
    bound: !!row?.oaOpenid,
    boundAt: row?.boundAt?.toISOString() ?? null,
    code: live ? row!.bindCode : null,
    codeExpiresAt: live ? row!.codeExpiresAt!.toISOString() : null,
    instruction: live ? `请关注本局公众号，并在 10 分钟内向公众号发送“绑定 ${row!.bindCode}”。` : null,
  };
}
