import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { Db } from '../database/db';
import { ParentAccount } from './entities/parent-account.entity';

/** Every query on parent accounts. */
@Injectable()
export class ParentAccountsRepository {
  constructor(private readonly db: Db) {}

  findById(id: number): Promise<ParentAccount | null> {
    return this.db.dataSource.getRepository(ParentAccount).findOneBy({ id });
  }

  /**
   * The parent with this openid, created on the first sign-in. A unionid is stored when WeChat
   * gives one and kept when a later sign-in comes without. Of two first sign-ins at once, the
   * unique openid turns the second insert into a no-op (not an error in the log); both then
   * find the one row.
   */
  async signInByOpenid(openid: string, unionid: string | undefined, displayName: string, now: Date): Promise<ParentAccount> {
    const existing = await this.findByOpenid(openid);
    if (existing) return this.touch(existing, unionid, now);
    await this.db.write((m) =>
      m
        .createQueryBuilder()
        .insert()
        .into(ParentAccount)
        .values({ openid, unionid: unionid ?? null, displayName, demo: false, lastLoginAt: now })
        .orIgnore()
        // An ignored insert has no id to read back (MySQL insertId 0): do not try to.
        .updateEntity(false)
        .execute(),
    );
    const parent = (await this.findByOpenid(openid))!;
    return unionid && parent.unionid !== unionid ? this.touch(parent, unionid, now) : parent;
  }

  /** A new demo parent each time: demo sign-ins share nothing. */
  async createDemo(displayName: string, now: Date): Promise<ParentAccount> {
    const inserted = await this.db.write((m) => m.insert(ParentAccount, { openid: null, unionid: null, displayName, demo: true, lastLoginAt: now }));
    return (await this.findById(Number(inserted.identifiers[0]!.id)))!;
  }

  /** The display names of these accounts (ids not found are left out). */
  async names(ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.dataSource.getRepository(ParentAccount).find({ where: { id: In([...new Set(ids)]) }, select: { id: true, displayName: true } });
    return new Map(rows.map((r) => [r.id, r.displayName]));
  }

  /** The parent's own correction of their name. */
  async rename(id: number, displayName: string): Promise<void> {
    await this.db.write((m) => m.update(ParentAccount, { id, cancelledAt: IsNull() }, { displayName }));
  }

  /** The account as the cancellation sees it, inside its transaction. */
  findIn(m: EntityManager, id: number): Promise<ParentAccount | null> {
    return m.findOneBy(ParentAccount, { id });
  }

  /**
   * Anonymises the account in place (注销): no openid, unionid or name, marked cancelled. The row
   * stays so inquiries, deliveries and consents that point at it stay valid and counted; without
   * the openid, a later sign-in with it creates a new account. Returns 1 when it changed the row.
   */
  async anonymise(m: EntityManager, id: number, displayName: string, now: Date): Promise<number> {
    const result = await m.update(ParentAccount, { id, cancelledAt: IsNull() }, { openid: null, unionid: null, displayName, cancelledAt: now });
    return result.affected ?? 0;
  }

  /** Up to `limit` accounts not cancelled, not demo, last signed in before `cutoff`; the longest idle first. */
  async inactive(m: EntityManager, cutoff: Date, limit: number): Promise<number[]> {
    const rows = await m
      .createQueryBuilder(ParentAccount, 'p')
      .select('p.id', 'id')
      .where('p.cancelled_at IS NULL AND p.demo = 0 AND p.last_login_at < :cutoff', { cutoff })
      .orderBy('p.last_login_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number | string }>();
    return rows.map((r) => Number(r.id));
  }

  private findByOpenid(openid: string): Promise<ParentAccount | null> {
    return this.db.dataSource.getRepository(ParentAccount).findOneBy({ openid });
  }

  private async touch(parent: ParentAccount, unionid: string | undefined, now: Date): Promise<ParentAccount> {
    const changes: Partial<ParentAccount> = { lastLoginAt: now, ...(unionid && unionid !== parent.unionid ? { unionid } : {}) };
    await this.db.write((m) => m.update(ParentAccount, { id: parent.id }, changes));
    return Object.assign(parent, changes);
  }
}
