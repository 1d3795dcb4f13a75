import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Db } from '../../database/db';
import { SEALED_PREFIX } from './data-cipher';
import type { HashPurpose } from './data-hasher';
import { EncryptedColumn } from './encrypted-column';

/** One encrypted column, found in TypeORM's metadata: database names, and the keyed hash beside it if any. */
export interface EncryptedColumnRef {
  table: string;
  column: string;
  primary: string;
  hash: { column: string; purpose: HashPurpose } | null;
}

export interface SealedRow {
  id: number | string;
  value: string;
  hash: string | null;
}

/** Which rows a pass visits: `legacy` plaintext (and missing hashes) only, or also values sealed with another key than `currentKeyId`. */
export type SealScope = { kind: 'legacy' } | { kind: 'rotate'; currentKeyId: string };

/**
 * Every table's encrypted columns, read and rewritten in raw SQL: the rewrite stores what the
 * re-encryption sealed as it is, where TypeORM would run the column's transformer over it again.
 */
@Injectable()
export class EncryptedColumnsRepository {
  constructor(private readonly db: Db) {}

  /** Columns whose transformer is an `EncryptedColumn`, in every entity the data source knows. */
  columns(): EncryptedColumnRef[] {
    const refs: EncryptedColumnRef[] = [];
    for (const entity of this.db.dataSource.entityMetadatas) {
      for (const column of entity.columns) {
        const transformers = Array.isArray(column.transformer) ? column.transformer : column.transformer ? [column.transformer] : [];
        const encrypted = transformers.find((t): t is EncryptedColumn => t instanceof EncryptedColumn);
        if (!encrypted) continue;
        if (entity.primaryColumns.length !== 1) throw new Error(`${entity.tableName}.${column.databaseName} is encrypted but its table has no single-column primary key`);
        let hash: EncryptedColumnRef['hash'] = null;
        if (encrypted.hash) {
          const companion = entity.findColumnWithPropertyName(encrypted.hash.property);
          if (!companion) throw new Error(`${entity.tableName}.${column.databaseName}: its keyed-hash property "${encrypted.hash.property}" is not a column`);
          hash = { column: companion.databaseName, purpose: encrypted.hash.purpose };
        }
        refs.push({ table: entity.tableName, column: column.databaseName, primary: entity.primaryColumns[0]!.databaseName, hash });
      }
    }
    return refs.sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
  }

  /** The next rows after `after` (primary key order) that the pass has work on: plaintext, another key (rotate), or no hash yet. */
  async candidates(ref: EncryptedColumnRef, scope: SealScope, after: number | string | null, limit: number): Promise<SealedRow[]> {
    const q = (name: string) => this.db.dataSource.driver.escape(name);
    const prefix = scope.kind === 'legacy' ? SEALED_PREFIX : `${SEALED_PREFIX}${scope.currentKeyId}:`;
    const conditions = [`${this.exact(`SUBSTR(${q(ref.column)}, 1, ${prefix.length})`)} <> :prefix`];
    if (ref.hash) conditions.push(`${q(ref.hash.column)} IS NULL`);
    const sql =
      `SELECT ${q(ref.primary)} AS id, ${q(ref.column)} AS value, ${ref.hash ? q(ref.hash.column) : 'NULL'} AS hash FROM ${q(ref.table)} ` +
      `WHERE ${q(ref.column)} IS NOT NULL AND (${conditions.join(' OR ')})${after === null ? '' : ` AND ${q(ref.primary)} > :after`} ` +
      `ORDER BY ${q(ref.primary)} LIMIT ${Math.max(1, Math.floor(limit))}`;
    const rows = await this.db.query<{ id: number | string; value: unknown; hash: string | null }[]>(this.db.dataSource.manager, sql, { prefix, after });
    return rows.map((r) => ({ id: r.id, value: String(r.value), hash: r.hash }));
  }

  /** Stores a re-sealed value (and its hash) unless the row changed since it was read; true when it was stored. */
  async rewrite(m: EntityManager, ref: EncryptedColumnRef, row: SealedRow, value: string, hash: string | null): Promise<boolean> {
    const q = (name: string) => this.db.dataSource.driver.escape(name);
    const set = [`${q(ref.column)} = :value`, ...(ref.hash ? [`${q(ref.hash.column)} = :hash`] : [])];
    const sql = `UPDATE ${q(ref.table)} SET ${set.join(', ')} WHERE ${q(ref.primary)} = :id AND ${this.exact(q(ref.column))} = ${this.exact(':old')}`;
    const [text, params] = this.db.dataSource.driver.escapeQueryWithParameters(sql, { value, hash, id: row.id, old: row.value }, {});
    const result = await m.queryRunner!.query(text, params, true);
    return Number(result.affected ?? 0) > 0;
  }

  /** Compared byte for byte: MySQL's utf8mb4_unicode_ci would take `gk1:T1:` for `gk1:t1:`. */
  private exact(expression: string): string {
    return this.db.sqlite ? expression : `CAST(${expression} AS BINARY)`;
  }
}
