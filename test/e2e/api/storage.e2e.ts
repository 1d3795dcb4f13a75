import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Db } from '../../../server/src/database/db';
import { createObjectStore } from '../../../server/src/storage/create-object-store';
import { FilesService, type NewFile } from '../../../server/src/storage/files.service';
import { FileTooLarge } from '../../../server/src/storage/metered-stream';
import { ObjectMissing, type ObjectStore } from '../../../server/src/storage/object-store';
import { S3ObjectStore } from '../../../server/src/storage/s3-object-store';
import { startS3, type TestS3 } from '../../support/s3';
import { listKeys, readStored, storedKeys } from '../../support/storage';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

const MiB = 1024 * 1024;
const HOUR = 3600_000;

/** A stream of `total` zero bytes in 1 MiB chunks, made as it is read (nothing held). */
function zeros(total: number): Readable {
  const chunk = Buffer.alloc(MiB);
  let left = total;
  return new Readable({
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const n = Math.min(left, MiB);
      left -= n;
      this.push(n === MiB ? chunk : chunk.subarray(0, n));
    },
  });
}

/** A stream that sends `bytes` and then fails, as an upload whose client went away. */
function broken(bytes: number, error: Error): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(Buffer.alloc(bytes, 1));
      } else {
        setImmediate(() => this.destroy(error));
      }
    },
  });
}

const attachment = (name: string, maxBytes = 10 * MiB): NewFile => ({ purpose: 'attachment', name, contentType: 'application/octet-stream', maxBytes, staffId: 1 });

/**
 * Both object stores behind the real FilesService and the real stored_file table: local disk under
 * DATA_DIR/files, and S3 against s3rver (an S3-compatible server speaking the REST protocol on
 * 127.0.0.1, started for this file). The periodic clean-up runs as `storage-cleanup` and
 * `storage-orphans` rounds after moving the server's clock.
 */
describe.each(['disk', 's3'] as const)('file storage on %s', (kind) => {
  let db: TestDatabase;
  let s3: TestS3 | null = null;
  let server: TestServer;
  let files: FilesService;
  /** A second handle on the same storage, as another instance would have. */
  let store: ObjectStore;

  beforeAll(async () => {
    db = await freshDatabase();
    const env: Record<string, string> = Object.fromEntries(Object.entries(db.env).filter(([name]) => !name.startsWith('STORAGE_S3_')));
    if (kind === 's3') {
      // CI's MariaDB run (TEST_STORAGE=s3) already gave the database a bucket; elsewhere start one.
      if (db.env.STORAGE_S3_ENDPOINT) Object.assign(env, db.env);
      else Object.assign(env, (s3 = await startS3()).env);
    }
    server = await startServer({ ...db, env }); // env replaces the database's: the disk case drops TEST_STORAGE's bucket
    expect(server.config.storage.kind).toBe(kind);
    files = server.app.get(FilesService);
    store = createObjectStore(server.config.storage);
  });

  afterAll(async () => {
    if (store instanceof S3ObjectStore) store.destroy();
    await server?.stop();
    await s3?.stop();
    await db?.drop();
  });

  // Each test starts at the real time: lastModified of stored bytes is the storage's real clock.
  beforeEach(() => server.clock.set(new Date()));

  const claim = (ids: string[]) => server.app.get(Db).transaction((m) => files.claim(m, ids));
  const release = (ids: string[]) => server.app.get(Db).transaction((m) => files.release(m, ids));

  it('stores a file with its size, SHA-256 and Chinese name, and reads it back whole and in ranges', async () => {
    const body = Buffer.from('招生计划表：城区小学 1200 人，乡镇小学 800 人。\n');
    const stored = await files.store(Readable.from([body]), { ...attachment('招生计划表 (2026).xlsx'), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(stored.storageKey).toBe(`${stored.id.slice(0, 2)}/${stored.id}`);
    const row = await files.find(stored.id);
    expect(row).toMatchObject({
      name: '招生计划表 (2026).xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      size: 66,
      // printf '招生计划表：城区小学 1200 人，乡镇小学 800 人。\n' | sha256sum
      sha256: 'cf31e2c4e393860bc2dff492f1efd7e37b146d7c4fd650b19be8e6068e6b6efd',
      state: 'pending',
      purpose: 'attachment',
      staffId: 1,
    });
    expect((await readStored(files, stored)).equals(body)).toBe(true);
    // 招 is bytes 0–2, 生 3–5: a range that starts inside a character still gives exactly those bytes.
    const range = await files.open(stored, { start: 3, end: 14 });
    const chunks: Buffer[] = [];
    for await (const chunk of range) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('生计划表');
    expect(await storedKeys(server)).toContain(stored.storageKey);
  });

  it('stores an empty file', async () => {
    const stored = await files.storeBuffer(Buffer.alloc(0), attachment('空白.txt'));
    expect([stored.size, stored.sha256]).toEqual([0, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']);
    expect((await readStored(files, stored)).length).toBe(0);
  });

  it('says ObjectMissing for bytes that are not there, and deleting them twice is no error', async () => {
    const key = `ab/ab${randomUUID().slice(2)}`;
    await expect(store.get(key)).rejects.toBeInstanceOf(ObjectMissing);
    await store.put(key, Readable.from([Buffer.from('x')]), 'text/plain');
    await store.delete(key);
    await store.delete(key);
    await expect(store.get(key)).rejects.toBeInstanceOf(ObjectMissing);
  });

  it('refuses a stream past maxBytes with FileTooLarge and keeps nothing, in one part or in many', async () => {
    const before = await storedKeys(server);
    const rows = await server.dataSource.query('SELECT COUNT(*) AS n FROM stored_file');
    // 2 KiB over a 1 KiB limit: fails before S3 sees a request. 12 MiB over 6 MiB: fails during a multipart upload.
    await expect(files.store(zeros(2048), attachment('大.bin', 1024))).rejects.toBeInstanceOf(FileTooLarge);
    await expect(files.store(zeros(12 * MiB), attachment('更大.bin', 6 * MiB))).rejects.toBeInstanceOf(FileTooLarge);
    expect(await storedKeys(server)).toEqual(before);
    expect(await server.dataSource.query('SELECT COUNT(*) AS n FROM stored_file')).toEqual(rows);
    if (server.config.storage.kind === 'disk') expect(readdirSync(join(server.config.storage.dir, '.tmp'))).toEqual([]); // no half-written file either
  });

  it('rejects with the body’s own error when an upload breaks off, and keeps nothing', async () => {
    const before = await storedKeys(server);
    await expect(files.store(broken(7 * MiB, new Error('client went away')), attachment('断开.bin'))).rejects.toThrow('client went away');
    expect(await storedKeys(server)).toEqual(before);
  });

  // Measured peak RSS growth: disk 0–2 MiB; S3 37–78 MiB (two 5 MiB parts in flight, one being
  // filled, and spent part buffers until the garbage collector gets to them), up to 127 MiB on a
  // VM twice as slow, where the collector reclaims spent parts later. Holding the body whole would
  // add at least 200 MiB: the bound sits between the two.
  it('streams a 200 MB file into storage with far less than 200 MB of memory', async () => {
    const start = process.memoryUsage().rss;
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const stored = await files.store(zeros(200 * MiB), attachment('全县学籍汇总.zip', 300 * MiB));
      // head -c 209715200 /dev/zero | sha256sum
      expect([stored.size, stored.sha256]).toEqual([209715200, '72abf2ca8f36943ebe2e49ca3a51d409ca5f0bfcffab6c9d25643c17c32889da']);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect((peak - start) / MiB).toBeLessThan(160);
  });

  it('storage-cleanup deletes released files and pending ones older than a day, and keeps files in use', async () => {
    const inUse = await files.storeBuffer(Buffer.from('in use'), attachment('在用.pdf'));
    const released = await files.storeBuffer(Buffer.from('released'), attachment('已撤下.pdf'));
    const abandoned = await files.storeBuffer(Buffer.from('never used'), attachment('未使用.pdf'));
    expect(await claim([inUse.id, released.id])).toBe(2);
    expect(await release([released.id])).toBe(1);

    await server.tasks.run('storage-cleanup');
    expect(await files.find(released.id)).toBeNull();
    expect(await files.find(abandoned.id)).not.toBeNull(); // pending, but only just uploaded
    let keys = await storedKeys(server);
    expect(keys).not.toContain(released.storageKey);
    expect(keys).toEqual(expect.arrayContaining([inUse.storageKey, abandoned.storageKey]));

    server.clock.advance(25 * HOUR);
    const fresh = await files.storeBuffer(Buffer.from('just uploaded'), attachment('刚上传.pdf'));
    await server.tasks.run('storage-cleanup');
    expect(await files.find(abandoned.id)).toBeNull();
    expect((await files.find(inUse.id))?.state).toBe('in_use');
    expect((await files.find(fresh.id))?.state).toBe('pending');
    keys = await storedKeys(server);
    expect(keys).not.toContain(abandoned.storageKey);
    expect(keys).toEqual(expect.arrayContaining([inUse.storageKey, fresh.storageKey]));
    await expect(files.open(abandoned)).rejects.toBeInstanceOf(ObjectMissing);
  });

  it('storage-orphans deletes bytes no row names once they are a day old, and keeps known ones', async () => {
    const known = await files.storeBuffer(Buffer.from('known'), attachment('已登记.docx'));
    await claim([known.id]);
    const orphanId = randomUUID();
    const orphan = `${orphanId.slice(0, 2)}/${orphanId}`; // a crash between put and insert
    await store.put(orphan, Readable.from([Buffer.from('orphan')]), 'application/octet-stream');
    // Something else in the bucket (another tool's object): never ours to delete. Disk keys are always ours.
    const foreign = 'exports/2026-report.csv';
    if (kind === 's3') await store.put(foreign, Readable.from([Buffer.from('a,b')]), 'text/csv');
    const temp = server.config.storage.kind === 'disk' ? join(server.config.storage.dir, '.tmp') : null;
    if (temp) {
      mkdirSync(temp, { recursive: true });
      writeFileSync(join(temp, randomUUID()), 'half a file'); // a put interrupted by a crash
    }

    await server.tasks.run('storage-orphans');
    expect(await storedKeys(server)).toEqual(expect.arrayContaining([known.storageKey, orphan])); // young: left alone

    server.clock.advance(25 * HOUR);
    await server.tasks.run('storage-orphans');
    const keys = await storedKeys(server);
    expect(keys).toContain(known.storageKey);
    expect(keys).not.toContain(orphan);
    if (kind === 's3') expect(keys).toContain(foreign);
    expect((await readStored(files, known)).toString()).toBe('known');
    if (temp) expect(readdirSync(temp)).toEqual([]);
  });

  if (kind === 's3') {
    it('lists every key across ListObjectsV2 pages', async () => {
      if (server.config.storage.kind !== 's3') throw new Error('not on S3');
      const paged = new S3ObjectStore(server.config.storage, { pageSize: 2 });
      try {
        const put = ['0a', '1b', '2c', '3d', '4e'].map((shard) => `${shard}/${shard}${randomUUID().slice(2)}`);
        for (const key of put) await paged.put(key, Readable.from([Buffer.from(key)]), 'text/plain');
        const listed = await listKeys(paged);
        expect(listed).toEqual(expect.arrayContaining(put));
        expect(listed).toEqual(await storedKeys(server)); // the same as in pages of 1000
      } finally {
        paged.destroy();
      }
    });
  }
});
