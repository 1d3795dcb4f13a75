import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { loadConfig, type AppConfig } from '../../../server/src/config/app-config';
import { MIGRATIONS, dataSourceOptions } from '../../../server/src/database/data-source';
import { runMigrations } from '../../../server/src/database/migrate';
import { installMigrationObjectStore } from '../../../server/src/database/migration-object-store';
import { InquiryPhotosToStorage1802822400000 } from '../../../server/src/database/migrations/1802822400000-inquiry-photos-to-storage';
import { ENTITIES } from '../../../server/src/entities';
import { createObjectStore } from '../../../server/src/storage/create-object-store';
import { StoredFile } from '../../../server/src/storage/entities/stored-file.entity';
import type { ObjectStore } from '../../../server/src/storage/object-store';
import { S3ObjectStore } from '../../../server/src/storage/s3-object-store';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aParent } from '../../support/builders';
import { download } from '../../support/inquiry-builders';
import { TEST_ENV, freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

/**
 * An 8 × 6 JPEG as sharp makes it: `sharp({ create: { width: 8, height: 6, channels: 3,
 * background: { r: 30, g: 120, b: 200 } } }).jpeg({ quality: 50 })`. Kept as bytes, so its size
 * and SHA-256 below stay true (`base64 -d | sha256sum`).
 */
const JPEG = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAGAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAABf/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AIgDQd//2Q==',
  'base64',
);
const JPEG_SIZE = 268;
const JPEG_SHA256 = 'e2bcca595c253d67ba672eda24b34740d26281f885660b325addfdbd76754301';

// Ids that sort in this order: the damaged photo is copied last.
const SMALL = 'a1000000-0000-4000-8000-000000000001';
const LARGE = 'b2000000-0000-4000-8000-000000000002';
const DAMAGED = 'c3000000-0000-4000-8000-000000000003';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readObject(store: ObjectStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('inquiry photos move from the database into storage (migration 1802822400000)', () => {
  const wechat = new FakeWechat();
  const at = MIGRATIONS.indexOf(InquiryPhotosToStorage1802822400000);
  let db: TestDatabase;
  let config: AppConfig;
  let store: ObjectStore;
  let server: TestServer | undefined;
  let ownerId: number;
  /** A real camera-sized blob: over MySQL's 64 KB BLOB, so the longblob column is what held it. */
  let large: Buffer;

  /** The database as migrations `0 … n - 1` leave it. */
  const migratedTo = async (n: number): Promise<DataSource> => {
    const ds = await new DataSource({ ...dataSourceOptions(config, ENTITIES), migrations: MIGRATIONS.slice(0, n) }).initialize();
    await runMigrations(ds);
    return ds;
  };
  const columns = async (ds: DataSource): Promise<{ columns: string[]; indices: string[]; foreignKeys: string[] }> => {
    const runner = ds.createQueryRunner();
    try {
      const table = (await runner.getTable('inquiry_photo'))!;
      return {
        columns: table.columns.map((c) => c.name).sort(),
        indices: table.indices.map((i) => i.name!).sort(),
        foreignKeys: table.foreignKeys.map((f) => `${f.columnNames.join()} → ${f.referencedTableName} ${f.onDelete}`),
      };
    } finally {
      await runner.release();
    }
  };

  beforeAll(async () => {
    await wechat.start();
    db = await freshDatabase();
    config = loadConfig({ ...TEST_ENV, ...db.env, ...wechat.env() });
    store = createObjectStore(config.storage);
    installMigrationObjectStore(store);
    large = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(large.length).toBeGreaterThan(64 * 1024);
  });

  afterAll(async () => {
    if (store instanceof S3ObjectStore) store.destroy();
    await server?.stop();
    await db?.drop();
    await wechat.stop();
  });

  it('copies each photo into storage with its size, SHA-256 and time, drops the blob column, and goes back down', async () => {
    expect(at).toBeGreaterThan(0);
    const before = await migratedTo(at);
    try {
      expect((await columns(before)).columns).toContain('data');
      await before.query("INSERT INTO parent_account (openid, unionid, display_name, demo, created_at, last_login_at) VALUES ('o-migrated-owner', NULL, '微信用户', 0, '2026-03-01 07:00:00.000', '2026-03-01 07:00:00.000')");
      ownerId = Number((await before.query("SELECT id FROM parent_account WHERE openid = 'o-migrated-owner'"))[0].id);
      const insert = 'INSERT INTO inquiry_photo (id, parent_id, inquiry_id, content_type, size, sha256, data, created_at) VALUES (?, ?, NULL, ?, ?, ?, ?, ?)';
      await before.query(insert, [SMALL, ownerId, 'image/jpeg', JPEG_SIZE, JPEG_SHA256, JPEG, '2026-03-01 08:00:00.000']);
      await before.query(insert, [LARGE, ownerId, 'image/jpeg', large.length, sha256(large), large, '2026-03-01 08:05:00.000']);
      // Its SHA-256 column does not match its bytes: a damaged database.
      await before.query(insert, [DAMAGED, ownerId, 'image/jpeg', JPEG_SIZE, '0'.repeat(64), JPEG, '2026-03-01 08:10:00.000']);
    } finally {
      await before.destroy();
    }

    const ds = await new DataSource({ ...dataSourceOptions(config, ENTITIES), migrations: MIGRATIONS.slice(0, at + 1) }).initialize();
    try {
      // The damaged photo stops the migration; it is not recorded as run, and the blobs are still there.
      await expect(runMigrations(ds)).rejects.toThrow(`inquiry photo ${DAMAGED}: its bytes do not match its SHA-256`);
      expect((await columns(ds)).columns).toContain('data');
      expect(await ds.query('SELECT name FROM migrations WHERE name = ?', ['InquiryPhotosToStorage1802822400000'])).toEqual([]);
      // Repaired, the next run goes on (on MySQL from where the first stopped) and completes.
      await ds.query('UPDATE inquiry_photo SET sha256 = ? WHERE id = ?', [JPEG_SHA256, DAMAGED]);
      await runMigrations(ds);

      const expected = (id: string, size: number, sha: string, createdAt: string) => ({
        id,
        storageKey: `${id.slice(0, 2)}/${id}`,
        purpose: 'inquiry_photo',
        name: `照片-${id.slice(0, 8)}.jpg`,
        contentType: 'image/jpeg',
        size,
        sha256: sha,
        state: 'in_use',
        staffId: null,
        parentId: ownerId,
        createdAt: new Date(createdAt),
        releasedAt: null,
      });
      const files = await ds.getRepository(StoredFile).find({ order: { id: 'ASC' } });
      expect(files).toEqual([
        expected(SMALL, 268, 'e2bcca595c253d67ba672eda24b34740d26281f885660b325addfdbd76754301', '2026-03-01T08:00:00.000Z'),
        expected(LARGE, large.length, sha256(large), '2026-03-01T08:05:00.000Z'),
        expected(DAMAGED, 268, 'e2bcca595c253d67ba672eda24b34740d26281f885660b325addfdbd76754301', '2026-03-01T08:10:00.000Z'),
      ]);
      expect(await ds.query('SELECT id, file_id FROM inquiry_photo ORDER BY id')).toEqual([SMALL, LARGE, DAMAGED].map((id) => ({ id, file_id: id })));
      expect((await readObject(store, `a1/${SMALL}`)).equals(JPEG)).toBe(true);
      expect((await readObject(store, `b2/${LARGE}`)).equals(large)).toBe(true);
      // The column is gone; the table keeps its indexes and its foreign key (SQLite rebuilt it).
      expect(await columns(ds)).toEqual({
        columns: ['content_type', 'created_at', 'file_id', 'id', 'inquiry_id', 'parent_id', 'sha256', 'size'],
        indices: ['idx_inquiry_photo_inquiry', 'idx_inquiry_photo_parent'],
        foreignKeys: ['parent_id → parent_account CASCADE'],
      });

      // Down: the bytes back in the blob column, the photos' file rows gone (their objects stay for the orphan sweep).
      await ds.undoLastMigration({ transaction: 'each' });
      expect((await columns(ds)).columns).toEqual(['content_type', 'created_at', 'data', 'id', 'inquiry_id', 'parent_id', 'sha256', 'size']);
      const back = (await ds.query('SELECT id, data FROM inquiry_photo ORDER BY id')) as { id: string; data: Buffer }[];
      expect(back.map((r) => [r.id, sha256(Buffer.from(r.data))])).toEqual([
        [SMALL, JPEG_SHA256],
        [LARGE, sha256(large)],
        [DAMAGED, JPEG_SHA256],
      ]);
      expect(await ds.getRepository(StoredFile).count()).toBe(0);
      // And up again: the same ids and keys.
      await runMigrations(ds);
      expect((await ds.getRepository(StoredFile).find({ order: { id: 'ASC' } })).map((f) => [f.storageKey, f.size])).toEqual([
        [`a1/${SMALL}`, 268],
        [`b2/${LARGE}`, large.length],
        [`c3/${DAMAGED}`, 268],
      ]);
    } finally {
      await ds.destroy();
    }
  });

  it('the server then serves a migrated photo to its parent, to nobody else, and the export lists it', async () => {
    expect(ownerId).toBeGreaterThan(0);
    // An hour after the photos were taken: the retention job at start leaves unattached photos a day.
    server = await startServer(db, wechat.env(), new SettableClock(new Date('2026-03-01T09:00:00.000Z')));
    const anon = new ApiClient(server.baseUrl);
    const owner = await aParent(anon, wechat, { openid: 'o-migrated-owner' });
    expect((await owner.get('/parents/me')).body.id).toBe(ownerId);
    const stranger = await aParent(anon, wechat, { openid: 'o-migrated-stranger' });

    const small = await download(owner, `/api/v1/inquiries/photos/${SMALL}`);
    expect({ status: small.status, type: small.type, sha256: sha256(small.bytes) }).toEqual({ status: 200, type: 'image/jpeg', sha256: 'e2bcca595c253d67ba672eda24b34740d26281f885660b325addfdbd76754301' });
    expect((await download(owner, `/api/v1/inquiries/photos/${LARGE}`)).bytes.equals(large)).toBe(true);
    expect((await download(stranger, `/api/v1/inquiries/photos/${SMALL}`)).status).toBe(404);
    expect((await download(anon, `/api/v1/inquiries/photos/${SMALL}`)).status).toBe(401);

    const exported = (await owner.get('/parents/me/data')).body as { sections: { key: string; records: Record<string, unknown>[] }[] };
    const photos = exported.sections.find((s) => s.key === 'inquiries')!.records.filter((r) => r.record === 'photo');
    expect(photos.map((p) => [p.id, p.bytes, p.createdAt])).toEqual([
      [SMALL, 268, '2026-03-01T08:00:00.000Z'],
      [LARGE, large.length, '2026-03-01T08:05:00.000Z'],
      [DAMAGED, 268, '2026-03-01T08:10:00.000Z'],
    ]);
  });
});
