import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, MoreThan, Not } from 'typeorm';
import { Db } from '../../database/db';
import { StaffAccount } from '../../identity/entities/staff-account.entity';
import { StaffOaBinding } from './entities/staff-oa-binding.entity';

/** Every query of the links between staff accounts and official-account followers (and their bind codes). */
@Injectable()
export class StaffOaBindingsRepository {
  constructor(private readonly db: Db) {}

  async find(staffId: number, m?: EntityManager): Promise<StaffOaBinding | null> {
    if (!m) await this.db.settled();
    return (m ?? this.db.dataSource.manager).findOneBy(StaffOaBinding, { staffId });
  }

  /** Another account's row holding `code` (live or expired). */
  codeHolder(m: EntityManager, code: string, exceptStaffId: number): Promise<StaffOaBinding | null> {
    return m.findOneBy(StaffOaBinding, { bindCode: code, staffId: Not(exceptStaffId) });
  }

  /** The row of the live code `code` (not expired at `now`). */
  liveCode(m: EntityManager, code: string, now: Date): Promise<StaffOaBinding | null> {
    return m.findOneBy(StaffOaBinding, { bindCode: code, codeExpiresAt: MoreThan(now) });
  }

  /** Sets the account's code, creating its row on first use. */
  async setCode(m: EntityManager, staffId: number, code: string | null, expiresAt: Date | null, now: Date): Promise<void> {
    const values = { bindCode: code, codeExpiresAt: expiresAt, updatedAt: now };
    const updated = await m.update(StaffOaBinding, { staffId }, values);
    if (!updated.affected && code !== null) await m.insert(StaffOaBinding, { staffId, oaOpenid: null, boundAt: null, ...values });
  }

  async unlink(m: EntityManager, staffId: number, now: Date): Promise<void> {
    await m.update(StaffOaBinding, { staffId }, { oaOpenid: null, boundAt: null, bindCode: null, codeExpiresAt: null, updatedAt: now });
  }

  /** Spends the account's code `code` if still live (a conditional UPDATE: one sender only); false when it was not. */
  async spend(m: EntityManager, staffId: number, code: string, now: Date): Promise<boolean> {
    const spent = await m
      .createQueryBuilder()
      .update(StaffOaBinding)
      .set({ bindCode: null, codeExpiresAt: null, updatedAt: now })
      .where('staff_id = :staffId AND bind_code = :code AND code_expires_at > :now', { staffId, code, now })
      .execute();
    return !!spent.affected;
  }

  /** Links `openid` to the account; a previous link of this openid to another account ends (one follower, one account). */
  async link(m: EntityManager, staffId: number, openid: string, now: Date): Promise<void> {
    await m.update(StaffOaBinding, { oaOpenid: openid, staffId: Not(staffId) }, { oaOpenid: null, boundAt: null, updatedAt: now });
    await m.update(StaffOaBinding, { staffId }, { oaOpenid: openid, boundAt: now, updatedAt: now });
  }

  /** The active staff account's name and username (null: none, or deactivated). */
  async activeStaff(m: EntityManager, staffId: number): Promise<{ displayName: string; username: string } | null> {
    const staff = await m.findOne(StaffAccount, { where: { id: staffId, active: true }, select: { id: true, displayName: true, username: true } });
    return staff ? { displayName: staff.displayName, username: staff.username } : null;
  }

  /** The linked follower openids of these accounts. */
  async openids(staffIds: number[]): Promise<Map<number, string>> {
    await this.db.settled();
    const rows = await this.db.dataSource.getRepository(StaffOaBinding).find({ where: staffIds.map((staffId) => ({ staffId, oaOpenid: Not(IsNull()) })) });
    return new Map(rows.map((r) => [r.staffId, r.oaOpenid!]));
  }
}
