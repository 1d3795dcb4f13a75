import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db';
import { StaffAccount } from './entities/staff-account.entity';

/** Queries on staff accounts that the sign-in and account rules need. */
@Injectable()
export class StaffAccountsRepository {
  constructor(private readonly db: Db) {}

  findByUsername(username: string): Promise<StaffAccount | null> {
    return this.db.dataSource.getRepository(StaffAccount).findOne({ where: { username: username.toLowerCase() } });
  }

  findById(id: number): Promise<StaffAccount> {
    return this.db.dataSource.getRepository(StaffAccount).findOneByOrFail({ id });
  }

  /** Moves the token version on in SQL (a concurrent change cannot undo it): every older token of the account stops working. */
  async endSessions(m: EntityManager, id: number): Promise<void> {
    await m.createQueryBuilder().update(StaffAccount).set({ tokenVersion: () => 'token_version + 1' }).where({ id }).execute();
  }

  /** Sets a new password and ends every session; returns the account as written (its new token version). */
  async changePassword(m: EntityManager, id: number, passwordHash: string): Promise<StaffAccount> {
    await m.createQueryBuilder().update(StaffAccount).set({ passwordHash, tokenVersion: () => 'token_version + 1' }).where({ id }).execute();
    // Read inside the transaction: the version this update wrote (a row lock on MySQL holds it).
    return m.findOneByOrFail(StaffAccount, { id });
  }
}
