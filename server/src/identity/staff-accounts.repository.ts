import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db';
import { StaffAccount } from './entities/staff-account.entity';
import { Unit } from './entities/unit.entity';

export type NewStaffAccount = Pick<StaffAccount, 'username' | 'displayName' | 'passwordHash' | 'unitId' | 'roles' | 'active'>;

/** Every query on staff accounts (and the unit lookups their rules need). Pass a transaction's manager to read or write inside it. */
@Injectable()
export class StaffAccountsRepository {
  constructor(private readonly db: Db) {}

  findByUsername(username: string): Promise<StaffAccount | null> {
    return this.db.dataSource.getRepository(StaffAccount).findOne({ where: { username: username.toLowerCase() } });
  }

  findById(id: number): Promise<StaffAccount> {
    return this.db.dataSource.getRepository(StaffAccount).findOneByOrFail({ id });
  }

  /** The account, or null when there is none (inside `m` when given). */
  find(id: number, m: EntityManager = this.db.dataSource.manager): Promise<StaffAccount | null> {
    return m.findOneBy(StaffAccount, { id });
  }

  list(): Promise<StaffAccount[]> {
    return this.db.dataSource.getRepository(StaffAccount).find({ order: { id: 'ASC' } });
  }

  async usernameTaken(m: EntityManager, username: string): Promise<boolean> {
    return (await m.findOne(StaffAccount, { where: { username } })) !== null;
  }

  async create(m: EntityManager, values: NewStaffAccount): Promise<StaffAccount> {
    const inserted = await m.insert(StaffAccount, values);
    return m.findOneByOrFail(StaffAccount, { id: inserted.identifiers[0]!.id });
  }

  async save(m: EntityManager, account: StaffAccount): Promise<void> {
    await m.save(StaffAccount, account);
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

  units(): Promise<Unit[]> {
    return this.db.dataSource.getRepository(Unit).find();
  }

  unitById(id: number, m: EntityManager = this.db.dataSource.manager): Promise<Unit> {
    return m.findOneByOrFail(Unit, { id });
  }

  unitByCode(m: EntityManager, code: string): Promise<Unit | null> {
    return m.findOneBy(Unit, { code });
  }
}
