import { Inquiry } from '../../../server/src/inquiries/entities/inquiry.entity';
import { FakeWechat } from '../../fakes/wechat/fake-wechat';
import { ApiClient } from '../../support/api-client';
import { aParent, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { submitted } from '../../support/inquiry-builders';
import { freshDatabase, runCli, startServer, type TestDatabase, type TestServer } from '../../support/test-server';


/** TEST_ENV's key t1 and a second key t2 for the rotation. */
const T1 = Buffer.alloc(32, 1).toString('base64');
const T2 = Buffer.alloc(32, 5).toString('base64');
/**
 * Keyed hashes under TEST_ENV's DATA_HASH_KEY (32 bytes of 0x02), computed with openssl:
 * HMAC-SHA256(HMAC-SHA256(key, "gongkai/keyed-hash/phone"), digits).
 */
const HASH = {
  '13800138000': 'a3e26e6cf8c519c2c28fd3f17fdd56b8e4b6f458c1fec3e3e018982c0871b144',
  '13912345678': '587194db970cddfc66b067da6b02663e690d47f7c4086d4aef99923e0bfc7af3',
  '05366212345': '49ca0174546cf81dceaad28a3ff28b2b3903c0f776c4d9cfff3c432f0956bb47',
};
const SEALED = (keyId: string) => new RegExp(`^gk1:${keyId}:[A-Za-z0-9_-]{40,}$`);


/** The command's report line (the migration step logs before it). */
const report = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('re-encrypted'));

describe('personal data encrypted at rest (inquiry phones), keyed-hash search, key rotation', () => {
  const wechat = new FakeWechat();
  let db: TestDatabase;
  let server: TestServer;
  let admin: ApiClient;
  let parent: ApiClient;
  let handler: ApiClient;
  let colleague: ApiClient;
  let otherUnit: ApiClient;
  let first: number;
  let second: number;
  let legacy: number;

  const restart = async (env: Record<string, string> = {}) => {
    await server.stop();
    server = await startServer(db, { ...wechat.env(), ...env });
    // Same JWT_SECRET: the tokens issued before the restart still work.
    const moved = (client: ApiClient) => new ApiClient(server.baseUrl, client.token);
    [admin, parent, handler, colleague, otherUnit] = [admin, parent, handler, colleague, otherUnit].map(moved) as [ApiClient, ApiClient, ApiClient, ApiClient, ApiClient];
  };
  const raw = async (id: number) => {
    const rows = (await server.dataSource.query('SELECT phone, phone_hash FROM inquiry WHERE id = ?', [id])) as { phone: string | null; phone_hash: string | null }[];
    return rows[0]!;
  };
  const staffPhone = async (client: ApiClient, id: number) => {
    const res = await client.get(`/staff/inquiries/${id}`);
    expect(res.status).toBe(200);
    return res.body.phone as string | null;
  };
  const found = async (client: ApiClient, phone: string) => {
    const res = await client.get(`/staff/inquiries?scope=all&phone=${encodeURIComponent(phone)}`);
    expect(res.status).toBe(200);
    return (res.body.items as { id: number }[]).map((i) => i.id);
  };
  const accept = async (id: number) => {
    const { version } = (await handler.get(`/staff/inquiries/${id}`)).body;
    expect((await handler.post(`/staff/inquiries/${id}/accept`, { version })).status).toBe(200);
  };

  beforeAll(async () => {
    await wechat.start();
    db = await freshDatabase();
    server = await startServer(db, wechat.env());
    let bureau: string;
    let anon: ApiClient;
    ({ admin, anonymous: anon, unitCode: bureau } = await bootstrapAdmin(server));
    await aUnit(admin, 'JCJY00000000000001', '基础教育科');
    handler = await aStaff(admin, 'handler', bureau, ['inquiry_handler']);
    colleague = await aStaff(admin, 'colleague', bureau, ['inquiry_handler']);
    otherUnit = await aStaff(admin, 'elsewhere', 'JCJY00000000000001', ['inquiry_handler']);
    parent = await aParent(anon, wechat, { openid: 'o-encrypted-parent' });
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
    await wechat.stop();
  });

  it('stores the phone sealed with the current key and its keyed hash; the raw row holds no digit run of it', async () => {
    const view = await submitted(parent, { phone: '138 0013 8000' });
    first = view.id;
    expect(view.phone).toBe('138****8000');
    const row = await raw(first);
    expect(row.phone).toMatch(SEALED('t1'));
    for (const digits of ['13800138000', '0013', '8000']) expect(row.phone).not.toContain(digits);
    expect(row.phone_hash).toBe(HASH['13800138000']);
    // An inquiry without a phone has neither.
    expect(await raw((await submitted(parent)).id)).toEqual({ phone: null, phone_hash: null });
  });

  it('shows the phone in full to the handler who accepted it and masked to everyone else', async () => {
    expect(await staffPhone(handler, first)).toBe('138****8000');
    await accept(first);
    expect(await staffPhone(handler, first)).toBe('13800138000');
    expect(await staffPhone(colleague, first)).toBe('138****8000');
    expect(await staffPhone(admin, first)).toBe('138****8000');
    expect((await parent.get(`/parents/me/inquiries/${first}`)).body.phone).toBe('138****8000');
  });

  it('finds a caller’s inquiries by phone number through the keyed hash, within the staff member’s own unit', async () => {
    expect(await found(handler, '13800138000')).toEqual([first]);
    expect(await found(admin, '138 0013 8000')).toEqual([first]);
    expect(await found(handler, '13800138001')).toEqual([]);
    // Another unit's staff search their own unit only.
    expect(await found(otherUnit, '13800138000')).toEqual([]);
    const bad = await handler.get('/staff/inquiries?phone=12345');
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'phone', message: '请填写正确的手机号或固定电话（如 13812345678、0536-6212345）' }]);
  });

  it('rotates keys: old rows stay readable, new rows use the new key, reencrypt moves the old rows, then the old key can go', async () => {
    await restart({ DATA_KEYS: JSON.stringify({ t2: T2, t1: T1 }) });
    expect(await staffPhone(handler, first)).toBe('13800138000');
    expect((await raw(first)).phone).toMatch(SEALED('t1'));

    second = (await submitted(parent, { phone: '13912345678' })).id;
    expect(await raw(second)).toEqual({ phone: expect.stringMatching(SEALED('t2')), phone_hash: HASH['13912345678'] });
    await accept(second);
    expect(await staffPhone(handler, second)).toBe('13912345678');
    expect(await found(handler, '13912345678')).toEqual([second]);

    // The command, with the server still running.
    const before = (await raw(first)).phone;
    const moved = await runCli(db, ['reencrypt'], { DATA_KEYS: JSON.stringify({ t2: T2, t1: T1 }) });
    expect(report(moved.stdout)).toEqual(['re-encrypted with data key t2: disclosure_request.address: 0 sealed, 0 hashed; disclosure_request.applicant_name: 0 sealed, 0 hashed; disclosure_request.contact_name: 0 sealed, 0 hashed; disclosure_request.credit_code: 0 sealed, 0 hashed; disclosure_request.email: 0 sealed, 0 hashed; disclosure_request.id_number: 0 sealed, 0 hashed; disclosure_request.legal_representative: 0 sealed, 0 hashed; disclosure_request.phone: 0 sealed, 0 hashed; inquiry.phone: 1 sealed, 0 hashed; portal_endpoint.secret: 0 sealed, 0 hashed']);
    expect(moved.stdout).not.toContain('138');
    const after = await raw(first);
    expect(after).toEqual({ phone: expect.stringMatching(SEALED('t2')), phone_hash: HASH['13800138000'] });
    expect(after.phone).not.toBe(before);
    expect(await staffPhone(handler, first)).toBe('13800138000');
    // Nothing left to move.
    expect(report((await runCli(db, ['reencrypt'], { DATA_KEYS: JSON.stringify({ t2: T2, t1: T1 }) })).stdout)).toEqual(['re-encrypted with data key t2: disclosure_request.address: 0 sealed, 0 hashed; disclosure_request.applicant_name: 0 sealed, 0 hashed; disclosure_request.contact_name: 0 sealed, 0 hashed; disclosure_request.credit_code: 0 sealed, 0 hashed; disclosure_request.email: 0 sealed, 0 hashed; disclosure_request.id_number: 0 sealed, 0 hashed; disclosure_request.legal_representative: 0 sealed, 0 hashed; disclosure_request.phone: 0 sealed, 0 hashed; inquiry.phone: 0 sealed, 0 hashed; portal_endpoint.secret: 0 sealed, 0 hashed']);

    await restart({ DATA_KEYS: JSON.stringify({ t2: T2 }) });
    expect(await staffPhone(handler, first)).toBe('13800138000');
    expect(await staffPhone(handler, second)).toBe('13912345678');
    expect(await found(admin, '13800138000')).toEqual([first]);
  });

  it('seals a legacy plaintext row (written around the app) at the next start, and hashes it', async () => {
    // A row as the previous version stored it: the phone in plaintext, no hash.
    const columns = server.dataSource.getMetadata(Inquiry).columns.map((c) => c.databaseName).filter((c) => c !== 'id');
    const values = columns.map((c) => (c === 'tracking_no' ? "'ZX20990101-0001'" : c === 'phone' ? "'0536-6212345'" : c === 'phone_hash' ? 'NULL' : c));
    await server.dataSource.query(`INSERT INTO inquiry (${columns.join(', ')}) SELECT ${values.join(', ')} FROM inquiry WHERE id = ?`, [second]);
    legacy = ((await server.dataSource.query("SELECT id FROM inquiry WHERE tracking_no = 'ZX20990101-0001'")) as { id: number }[])[0]!.id;
    expect(await raw(legacy)).toEqual({ phone: '0536-6212345', phone_hash: null });
    // Readable as it is until then (the copy kept the handler).
    expect(await staffPhone(handler, legacy)).toBe('0536-6212345');

    await restart({ DATA_KEYS: JSON.stringify({ t2: T2 }) });
    const row = await raw(legacy);
    expect(row).toEqual({ phone: expect.stringMatching(SEALED('t2')), phone_hash: HASH['05366212345'] });
    expect(row.phone).not.toContain('6212345');
    expect(await staffPhone(handler, legacy)).toBe('0536-6212345');
    expect(await found(handler, '05366212345')).toEqual([legacy]);
    // The rows already sealed were left as they were.
    expect((await raw(first)).phone).toMatch(SEALED('t2'));
  });

  it('reencrypt without the key that sealed the stored values reports them as unreadable and changes nothing', async () => {
    const failed = (await runCli(db, ['reencrypt'], { DATA_KEYS: JSON.stringify({ t3: Buffer.alloc(32, 9).toString('base64') }) }).catch((e: unknown) => e)) as { code: number; stdout: string; stderr: string };
    expect(failed.code).toBe(65);
    expect(report(failed.stdout)).toEqual(['re-encrypted with data key t3: disclosure_request.address: 0 sealed, 0 hashed; disclosure_request.applicant_name: 0 sealed, 0 hashed; disclosure_request.contact_name: 0 sealed, 0 hashed; disclosure_request.credit_code: 0 sealed, 0 hashed; disclosure_request.email: 0 sealed, 0 hashed; disclosure_request.id_number: 0 sealed, 0 hashed; disclosure_request.legal_representative: 0 sealed, 0 hashed; disclosure_request.phone: 0 sealed, 0 hashed; inquiry.phone: 0 sealed, 0 hashed, 3 unreadable; portal_endpoint.secret: 0 sealed, 0 hashed']);
    expect(failed.stderr).toContain('3 value(s) could not be opened (sealed with a key DATA_KEYS does not hold, or changed) and were left as they are: put the old key back into DATA_KEYS');
    expect(failed.stderr).not.toContain('138');
    // Nothing was changed.
    expect((await raw(first)).phone).toMatch(SEALED('t2'));
  });
});
