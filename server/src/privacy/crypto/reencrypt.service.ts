import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Db } from '../../database/db';
import { DataCipher, DataCipherError } from './data-cipher';
import { DataHasher } from './data-hasher';
import { EncryptedColumnsRepository, type EncryptedColumnRef, type SealScope } from './encrypted-columns.repository';

/** What one pass did to one column; counts only, never a value. */
export interface ReencryptCount {
  /** `table.column`. */
  column: string;
  /** Values sealed anew: plaintext, or (in a full pass) sealed with an older key. */
  sealed: number;
  /** Keyed hashes filled in beside values that had none. */
  hashed: number;
  /** Values that name a key DATA_KEYS no longer holds (or fail their check): left as they are. */
  unreadable: number;
}

const BATCH = 200;

/**
 * Moves stored values to the current key. A full pass (`node server/dist/cli.js reencrypt`,
 * after a rotation) re-seals every value that is plaintext or sealed with another key; the pass
 * at start-up only seals legacy plaintext (rows from before a column was encrypted, or written
 * around the app) and fills missing keyed hashes, so a new version encrypts the old rows the
 * first time it starts, and costs one query per column when there is nothing to do. Rows are
 * visited in batches by primary key and each is rewritten only if it has not changed since it
 * was read, so it runs safely next to a serving instance (or several starting at once).
 */
@Injectable()
export class ReencryptService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Privacy');

  constructor(
    private readonly db: Db,
    private readonly repo: EncryptedColumnsRepository,
    private readonly cipher: DataCipher,
    private readonly hasher: DataHasher,
  ) {}

  /** Before the app serves: encrypted columns hold no plaintext once this version has started. */
  async onApplicationBootstrap(): Promise<void> {
    const counts = await this.sealLegacy();
    const done = counts.filter((c) => c.sealed || c.hashed);
    if (done.length) this.logger.log(`encrypted at rest on start-up: ${format(done)}`);
    for (const c of counts.filter((c) => c.unreadable)) {
      this.logger.warn(`${c.column}: ${c.unreadable} value(s) cannot be opened with DATA_KEYS (a key was removed too early?): see the README's key runbook`);
    }
  }

  /** Seals plaintext and fills missing hashes; leaves values sealed with older keys as they are. */
  sealLegacy(): Promise<ReencryptCount[]> {
    return this.pass({ kind: 'legacy' });
  }

  /** Re-seals everything not sealed with the current key (the `reencrypt` command). */
  reencryptAll(): Promise<ReencryptCount[]> {
    return this.pass({ kind: 'rotate', currentKeyId: this.cipher.currentKeyId });
  }

  private async pass(scope: SealScope): Promise<ReencryptCount[]> {
    const counts: ReencryptCount[] = [];
    for (const ref of this.repo.columns()) counts.push(await this.column(ref, scope));
    return counts;
  }

  private async column(ref: EncryptedColumnRef, scope: SealScope): Promise<ReencryptCount> {
    const count: ReencryptCount = { column: `${ref.table}.${ref.column}`, sealed: 0, hashed: 0, unreadable: 0 };
    let after: number | string | null = null;
    for (;;) {
      const rows = await this.repo.candidates(ref, scope, after, BATCH);
      if (!rows.length) return count;
      after = rows[rows.length - 1]!.id;
      await this.db.transaction(async (m) => {
        for (const row of rows) {
          let plain: string;
          try {
            plain = this.cipher.open(row.value);
          } catch (error) {
            if (!(error instanceof DataCipherError)) throw error;
            count.unreadable++;
            continue;
          }
          const reseal = scope.kind === 'legacy' ? !this.cipher.isSealed(row.value) : !this.cipher.isCurrent(row.value);
          const hash = ref.hash && row.hash === null ? this.hashOf(ref.hash.purpose, plain) : row.hash;
          if (!reseal && hash === row.hash) continue;
          if (await this.repo.rewrite(m, ref, row, reseal ? this.cipher.seal(plain) : row.value, hash)) {
            if (reseal) count.sealed++;
            if (hash !== row.hash) count.hashed++;
          }
        }
      });
    }
  }

  /** A value with nothing to hash (no digits in a phone) keeps no hash rather than stopping the pass. */
  private hashOf(purpose: NonNullable<EncryptedColumnRef['hash']>['purpose'], plain: string): string | null {
    try {
      return this.hasher.hash(purpose, plain);
    } catch {
      return null;
    }
  }
}

/** `inquiry.phone: 3 sealed, 3 hashed; …`: counts only. */
export function format(counts: readonly ReencryptCount[]): string {
  return counts.map((c) => `${c.column}: ${c.sealed} sealed, ${c.hashed} hashed${c.unreadable ? `, ${c.unreadable} unreadable` : ''}`).join('; ') || 'no encrypted columns';
}
