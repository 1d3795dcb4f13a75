import 'reflect-metadata';
import { Column, DataSource, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Db } from '../../database/db';
import { SnakeNamingStrategy } from '../../database/snake-naming.strategy';
import { installDataKeys } from './data-keys';
import { encryptedColumn, encryptedColumnHashedAs } from './encrypted-column';
import { EncryptedColumnsRepository } from './encrypted-columns.repository';
import { ReencryptService } from './reencrypt.service';

@Entity('secret_note')
class SecretNote {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 20 })
  label!: string;

  @Column({ type: 'varchar', length: 200, nullable: true, transformer: encryptedColumnHashedAs('phone', 'phoneHash') })
  phone!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  phoneHash!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true, transformer: encryptedColumn })
  address!: string | null;
}

const T1 = { id: 't1', key: Buffer.alloc(32, 1) };
const T2 = { id: 't2', key: Buffer.alloc(32, 9) };
const HASH_KEY = Buffer.alloc(32, 2);
const HASH_13800138000 = 'a3e26e6cf8c519c2c28fd3f17fdd56b8e4b6f458c1fec3e3e018982c0871b144';

describe('encryptedColumn on TypeORM (SQLite)', () => {
  let ds: DataSource;
  const raw = async (id: number) => ((await ds.query('SELECT phone, phone_hash AS hash, address FROM secret_note WHERE id = ?', [id])) as { phone: string | null; hash: string | null; address: string | null }[])[0]!;
  const service = () => {
    const keys = installDataKeys({ dataKeys: currentKeys, hashKey: HASH_KEY });
    const db = new Db(ds);
    return new ReencryptService(db, new EncryptedColumnsRepository(db), keys.cipher, keys.hasher);
  };
  let currentKeys = [T1];

  beforeAll(async () => {
    installDataKeys({ dataKeys: [T1], hashKey: HASH_KEY });
    ds = await new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: [SecretNote], synchronize: true, namingStrategy: new SnakeNamingStrategy() }).initialize();
  });
  afterAll(() => ds.destroy());

  it('seals on insert, save, update and QueryBuilder update, and opens on every read', async () => {
    const inserted = Number((await ds.manager.insert(SecretNote, { label: 'insert', phone: '13800138000', phoneHash: null, address: '某街道 1 号' })).identifiers[0]!.id);
    const saved = (await ds.manager.save(Object.assign(new SecretNote(), { label: 'save', phone: '13800138001', phoneHash: null, address: null }))).id;
    const updated = Number((await ds.manager.insert(SecretNote, { label: 'update', phone: null, phoneHash: null, address: null })).identifiers[0]!.id);
    await ds.manager.update(SecretNote, { id: updated }, { phone: '13800138002' });
    const built = Number((await ds.manager.insert(SecretNote, { label: 'qb', phone: null, phoneHash: null, address: null })).identifiers[0]!.id);
    await ds.createQueryBuilder().update(SecretNote).set({ phone: '13800138003', address: '某街道 3 号' }).where('id = :id', { id: built }).execute();

    for (const [id, phone] of [[inserted, '13800138000'], [saved, '13800138001'], [updated, '13800138002'], [built, '13800138003']] as const) {
      const row = await raw(id);
      expect(row.phone).toMatch(/^gk1:t1:[A-Za-z0-9_-]+$/);
      expect(row.phone).not.toContain(phone.slice(3));
      expect((await ds.manager.findOneByOrFail(SecretNote, { id })).phone).toBe(phone);
    }
    expect((await raw(inserted)).address).toMatch(/^gk1:t1:/);
    expect((await ds.manager.findOneByOrFail(SecretNote, { id: built })).address).toBe('某街道 3 号');
    expect((await ds.createQueryBuilder(SecretNote, 'n').where('n.id = :id', { id: saved }).getOneOrFail()).phone).toBe('13800138001');

    // Null stays null (SQL NULL, not a sealed "null").
    await ds.manager.update(SecretNote, { id: inserted }, { phone: null });
    expect((await raw(inserted)).phone).toBeNull();
    expect((await ds.manager.findOneByOrFail(SecretNote, { id: inserted })).phone).toBeNull();
  });

  it('finds every encrypted column in the metadata, with its keyed-hash column', () => {
    expect(new EncryptedColumnsRepository(new Db(ds)).columns()).toEqual([
      { table: 'secret_note', column: 'address', primary: 'id', hash: null },
      { table: 'secret_note', column: 'phone', primary: 'id', hash: { column: 'phone_hash', purpose: 'phone' } },
    ]);
  });

  it('seals legacy plaintext and fills missing hashes at start-up; re-seals old keys only when asked', async () => {
    await ds.query('DELETE FROM secret_note');
    await ds.query("INSERT INTO secret_note (id, label, phone, phone_hash, address) VALUES (1, 'legacy', '13800138000', NULL, '旧地址'), (2, 'none', NULL, NULL, NULL)");
    currentKeys = [T1];
    expect(await service().sealLegacy()).toEqual([
      { column: 'secret_note.address', sealed: 1, hashed: 0, unreadable: 0 },
      { column: 'secret_note.phone', sealed: 1, hashed: 1, unreadable: 0 },
    ]);
    const sealed = await raw(1);
    expect(sealed).toEqual({ phone: expect.stringMatching(/^gk1:t1:/), hash: HASH_13800138000, address: expect.stringMatching(/^gk1:t1:/) });
    expect(await raw(2)).toEqual({ phone: null, hash: null, address: null });
    // Nothing left to do: a second pass changes nothing.
    expect((await service().sealLegacy()).map((c) => c.sealed + c.hashed)).toEqual([0, 0]);

    // Rotation: t2 current, t1 still readable. The start-up pass leaves t1 values alone; the full pass moves them.
    currentKeys = [T2, T1];
    expect((await service().sealLegacy()).map((c) => c.sealed)).toEqual([0, 0]);
    expect((await raw(1)).phone).toBe(sealed.phone);
    expect(await service().reencryptAll()).toEqual([
      { column: 'secret_note.address', sealed: 1, hashed: 0, unreadable: 0 },
      { column: 'secret_note.phone', sealed: 1, hashed: 0, unreadable: 0 },
    ]);
    expect(await raw(1)).toEqual({ phone: expect.stringMatching(/^gk1:t2:/), hash: HASH_13800138000, address: expect.stringMatching(/^gk1:t2:/) });
    expect((await service().reencryptAll()).map((c) => c.sealed)).toEqual([0, 0]);

    // With only t2 left, everything reads.
    currentKeys = [T2];
    service();
    expect(await ds.manager.findOneByOrFail(SecretNote, { id: 1 })).toMatchObject({ phone: '13800138000', address: '旧地址' });

    // A value under a key nobody holds is counted, left alone, and does not stop the pass.
    currentKeys = [T1];
    await ds.query("UPDATE secret_note SET phone_hash = NULL WHERE id = 1");
    expect(await service().reencryptAll()).toEqual([
      { column: 'secret_note.address', sealed: 0, hashed: 0, unreadable: 1 },
      { column: 'secret_note.phone', sealed: 0, hashed: 0, unreadable: 1 },
    ]);
  });

  it('visits rows in batches by primary key', async () => {
    await ds.query('DELETE FROM secret_note');
    currentKeys = [T1];
    const svc = service();
    const values = Array.from({ length: 450 }, (_, i) => `(${i + 1}, 'b', '1380013${String(i).padStart(4, '0')}', NULL, NULL)`);
    await ds.query(`INSERT INTO secret_note (id, label, phone, phone_hash, address) VALUES ${values.join(', ')}`);
    expect(await svc.sealLegacy()).toEqual([
      { column: 'secret_note.address', sealed: 0, hashed: 0, unreadable: 0 },
      { column: 'secret_note.phone', sealed: 450, hashed: 450, unreadable: 0 },
    ]);
    const left = (await ds.query("SELECT COUNT(*) AS n FROM secret_note WHERE phone NOT LIKE 'gk1:t1:%' OR phone_hash IS NULL")) as { n: number }[];
    expect(left[0]!.n).toBe(0);
  });
});
