import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';

/** Actions to run after each open transaction commits, by its manager (one per transaction). */
const AFTER_COMMIT = new WeakMap<EntityManager, (() => Promise<unknown>)[]>();

/**
 * Writes go through here. On MySQL a transaction has a pooled connection of its own. TypeORM's
 * SQLite driver shares one connection among all requests, so two transactions would nest into
 * each other and a plain write could land inside (and roll back with) someone else's: there,
 * transactions and single writes take turns, and reads wait for the open transaction to end.
 */
@Injectable()
export class Db {
  private readonly logger = new Logger('Db');
  private readonly turn = new Mutex();
  readonly sqlite: boolean;

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.sqlite = dataSource.options.type === 'better-sqlite3';
  }

  /**
   * `readCommitted`: on MySQL, no gap locks for this transaction's locking reads, for queue claims
   * that scan an index range while other workers move rows in and out of it (REPEATABLE READ's
   * next-key locks make them deadlock). SQLite has one writer at a time anyway.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>, options: { readCommitted?: boolean } = {}): Promise<T> {
    const after: (() => Promise<unknown>)[] = [];
    const tracked = (m: EntityManager) => {
      AFTER_COMMIT.set(m, after);
      return work(m);
    };
    const result = !this.sqlite
      ? await (options.readCommitted ? this.dataSource.transaction('READ COMMITTED', tracked) : this.dataSource.transaction(tracked))
      : await this.turn.runExclusive(() => this.dataSource.transaction(tracked));
    for (const action of after) await action().catch((error: unknown) => this.logger.warn(`an action after commit failed: ${error instanceof Error ? error.name : 'error'}`));
    return result;
  }

  /**
   * Runs `action` once the transaction of `m` (a `transaction()`'s manager) has committed, outside
   * SQLite's turn, before `transaction()` resolves; never when it rolls back. A failure is logged,
   * not thrown: the transaction's work is done. E.g. deleting released files' bytes at once.
   */
  afterCommit(m: EntityManager, action: () => Promise<unknown>): void {
    const queue = AFTER_COMMIT.get(m);
    if (!queue) throw new Error('afterCommit needs the manager of a Db.transaction');
    queue.push(action);
  }

  /** A write outside any transaction. */
  write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.sqlite) return work(this.dataSource.manager);
    return this.turn.runExclusive(() => work(this.dataSource.manager));
  }

  /**
   * Runs hand-written SQL with named parameters (`:name`, `(:...list)`), escaped by the driver as
   * the query builder would (dates become what a datetime column stores). For hot paths where the
   * query builder's own cost, which grows with the square of the parameters, is what shows.
   */
  query<T = unknown>(m: EntityManager, sql: string, params: Record<string, unknown>): Promise<T> {
    const [text, values] = this.dataSource.driver.escapeQueryWithParameters(sql, params, {});
    return m.query(text, values);
  }

  /** Resolves when no transaction is open, so a read does not see uncommitted rows (SQLite). */
  async settled(): Promise<void> {
    if (this.sqlite && this.turn.isLocked()) await this.turn.waitForUnlock();
  }
}

/** A unique index refused the row (MySQL ER_DUP_ENTRY; SQLite SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY): someone else wrote it first. */
export function isDuplicateKey(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code ?? '';
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
