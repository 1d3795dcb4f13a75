import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { migrationObjectStore } from '../migration-object-store';

/** Photos whose ids are read at once; their bytes are then read one photo at a time. */
const BATCH = 200;
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

/**
 * Inquiry photos move out of the database (issue 13): each photo's bytes are written to the
 * object store of configuration (DATA_DIR/files or S3, installed by the root before migrations
 * run), a `stored_file` row (purpose inquiry_photo, in use, the parent's, the photo's time)
 * describes them, `inquiry_photo.file_id` points at it, and the `data` column goes. One blob is
 * in memory at a time; each photo's SHA-256 is computed again from its bytes and must equal the
 * one stored beside them (else the migration stops: the database is damaged). A migrated photo's
 * file has the photo's own id (random too), so every step can simply be done again.
 *
 * On SQLite a failure rolls everything back; the bytes already written have no row and are
 * orphans, which the storage clean-up's orphan sweep deletes. MySQL commits at each ALTER TABLE
 * and runs the rest without a transaction, so a failed run keeps what it copied: the next run
 * goes on from there (the column is added only when missing, photos with a file are done, and a
 * photo's row and bytes are written again under the same id).
 * SQLite keeps the freed pages in the file until a VACUUM (`sqlite3 gongkai.db VACUUM`).
 */
export class InquiryPhotosToStorage1802822400000 implements MigrationInterface {
  name = 'InquiryPhotosToStorage1802822400000';

  async up(q: QueryRunner): Promise<void> {
    const store = migrationObjectStore();
    // Plain ALTER TABLE on both (TypeORM's addColumn would rebuild the SQLite table).
    if (!(await q.hasColumn('inquiry_photo', 'file_id'))) await q.query('ALTER TABLE inquiry_photo ADD COLUMN file_id varchar(36) NULL');
    for (;;) {
      // Each copied photo gets its file_id, so the next batch starts after it.
      const ids = ((await q.query(`SELECT id FROM inquiry_photo WHERE file_id IS NULL ORDER BY id LIMIT ${BATCH}`)) as { id: string }[]).map((r) => r.id);
      if (!ids.length) break;
      for (const photoId of ids) {
        const [photo] = (await q.query('SELECT content_type, sha256, data FROM inquiry_photo WHERE id = ?', [photoId])) as { content_type: string; sha256: string; data: Buffer | Uint8Array }[];
        const data = Buffer.from(photo!.data);
        const sha256 = createHash('sha256').update(data).digest('hex');
        if (sha256 !== photo!.sha256) throw new Error(`inquiry photo ${photoId}: its bytes do not match its SHA-256; the database is damaged, restore it from a backup`);
        const fileId = photoId;
        const key = `${fileId.slice(0, 2)}/${fileId}`;
        await store.put(key, Readable.from([data]), photo!.content_type);
        await q.query('DELETE FROM stored_file WHERE id = ?', [fileId]); // left by a failed run on MySQL
        // created_at and parent_id copied by SQL: no date goes through JavaScript and back.
        await q.query(
          `INSERT INTO stored_file (id, storage_key, purpose, name, content_type, size, sha256, state, staff_id, parent_id, created_at, released_at)
           SELECT ?, ?, 'inquiry_photo', ?, content_type, ?, ?, 'in_use', NULL, parent_id, created_at, NULL FROM inquiry_photo WHERE id = ?`,
          [fileId, key, `照片-${photoId.slice(0, 8)}.${EXTENSIONS[photo!.content_type] ?? 'bin'}`, data.length, sha256, photoId],
        );
        await q.query('UPDATE inquiry_photo SET file_id = ? WHERE id = ?', [fileId, photoId]);
      }
    }
    // TypeORM's dropColumn: on SQLite it rebuilds the table with its indexes and foreign key.
    await q.dropColumn('inquiry_photo', 'data');
  }

  /**
   * The bytes back into a `data` column as the inquiries migration made it (longblob on MySQL,
   * NOT NULL), the photos' stored_file rows deleted; the objects stay for the orphan sweep.
   * Fails when a photo's bytes are no longer in the object store.
   */
  async down(q: QueryRunner): Promise<void> {
    const store = migrationObjectStore();
    const mysql = q.connection.driver.options.type === 'mysql';
    const blob = mysql ? 'longblob' : 'blob';
    await q.query(`ALTER TABLE inquiry_photo ADD COLUMN data ${blob} NULL`);
    for (;;) {
      const rows = (await q.query(
        `SELECT p.id AS id, f.storage_key AS storage_key FROM inquiry_photo p JOIN stored_file f ON f.id = p.file_id WHERE p.data IS NULL ORDER BY p.id LIMIT ${BATCH}`,
      )) as { id: string; storage_key: string }[];
      if (!rows.length) break;
      for (const row of rows) {
        const chunks: Buffer[] = [];
        for await (const chunk of await store.get(row.storage_key)) chunks.push(chunk as Buffer);
        await q.query('UPDATE inquiry_photo SET data = ? WHERE id = ?', [Buffer.concat(chunks), row.id]);
      }
    }
    const [left] = (await q.query('SELECT id FROM inquiry_photo WHERE data IS NULL LIMIT 1')) as { id: string }[];
    if (left) throw new Error(`inquiry photo ${left.id} has no stored file: its bytes cannot go back into the database`);
    await q.query("DELETE FROM stored_file WHERE purpose = 'inquiry_photo'");
    await q.changeColumn('inquiry_photo', 'data', new TableColumn({ name: 'data', type: blob }));
    await q.dropColumn('inquiry_photo', 'file_id');
  }
}
