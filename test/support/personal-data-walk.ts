import { createHash } from 'node:crypto';
import { ObjectMissing, ObjectStore } from '../../server/src/storage/object-store';
import type { TestServer } from './test-server';

/** Something that must not be left anywhere: a text (an openid, a phone, a hash) or raw bytes. */
export interface Needle {
  label: string;
  text?: string;
  bytes?: Buffer;
}

/**
 * Walks every table of the schema: each row read raw (`SELECT *`, so sealed columns as stored and
 * blobs as bytes, a blob also by its sha256) and, unless `raw` only, through the entity manager
 * (which decrypts); then every object of the server's object store (disk or S3: stored files'
 * bytes, also by their sha256). Answers where a needle was found, as `table.column: label`,
 * `table.property (entity): label` and `object store: label`, sorted.
 */
export async function whereFound(server: TestServer, needles: Needle[], options: { raw?: boolean } = {}): Promise<string[]> {
  const found = new Set<string>();
  const look = (where: string, value: unknown) => {
    if (value === null || value === undefined) return;
    const bytes = Buffer.isBuffer(value) ? value : null;
    const text = bytes ? bytes.toString('latin1') : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
    const digest = bytes ? createHash('sha256').update(bytes).digest('hex') : null;
    for (const n of needles) {
      if (n.text && (text.includes(n.text) || digest === n.text)) found.add(`${where}: ${n.label}`);
      if (n.bytes && bytes?.includes(n.bytes)) found.add(`${where}: ${n.label}`);
    }
  };
  const tables = server.dataSource.entityMetadatas.filter((m) => m.tableType !== 'view');
  for (const meta of tables) {
    const raw: Record<string, unknown>[] = await server.dataSource.query(`SELECT * FROM ${server.dataSource.driver.escape(meta.tableName)}`);
    for (const row of raw) for (const [column, value] of Object.entries(row)) look(`${meta.tableName}.${column}`, value);
    if (options.raw) continue;
    for (const entity of await server.dataSource.manager.find(meta.target)) {
      for (const [property, value] of Object.entries(entity as object)) look(`${meta.tableName}.${property} (entity)`, value);
    }
  }
  // Through the server's own store, so the walk reads what it wrote, whichever storage is configured.
  const store = server.app.get(ObjectStore, { strict: false });
  for await (const { key } of store.list()) {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
    } catch (error) {
      if (error instanceof ObjectMissing) continue; // deleted since it was listed
      throw error;
    }
    look('object store', Buffer.concat(chunks));
  }
  return [...found].sort();
}
