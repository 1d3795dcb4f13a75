import { Injectable } from '@nestjs/common';
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

  private findByOpenid(openid: string): Promise<ParentAccount | null> {
    return this.db.dataSource.getRepository(ParentAccount).findOneBy({ openid });
  }

  private async touch(parent: ParentAccount, unionid: string | undefined, now: Date): Promise<ParentAccount> {
    const changes: Partial<ParentAccount> = { lastLoginAt: now, ...(unionid && unionid !== parent.unionid ? { unionid } : {}) };
    await this.db.write((m) => m.update(ParentAccount, { id: parent.id }, changes));
    return Object.assign(parent, changes);
  }
}
