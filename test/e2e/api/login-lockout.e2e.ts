import { LoginThrottle } from '../../../server/src/identity/entities/login-throttle.entity';
import { ApiClient } from '../../support/api-client';
import { PASSWORD, aStaff, aUnit, bootstrapAdmin } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Sign-in lockout under parallel attempts, and the client address behind a proxy. The server
 * trusts one proxy hop (`TRUST_PROXY=true`), so each test speaks from an address of its own by
 * playing the load balancer: the right-most X-Forwarded-For entry is the client.
 */
describe('sign-in lockout under concurrency and behind a proxy', () => {
  let server: TestServer;
  let admin: ApiClient;
  let anon: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: 'true', LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILURES_PER_IP: '8', LOGIN_LOCK_SECONDS: '60' });
    ({ admin, anonymous: anon } = await bootstrapAdmin(server));
    await aUnit(admin, 'LOCK00000000000001', '办公室');
    await aStaff(admin, 'zhang', 'LOCK00000000000001', ['editor']);
  });

  afterAll(() => server?.destroy());

  const from = (address: string, spoofed?: string) => ({ 'x-forwarded-for': spoofed ? `${spoofed}, ${address}` : address });
  const signIn = (username: string, password: string, address: string, spoofed?: string) =>
    anon.post('/auth/staff', { username, password }, from(address, spoofed));
  const stored = async (key: string) => (await server.dataSource.getRepository(LoginThrottle).findOneBy({ key }))?.failures ?? 0;
  const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

  it('counts 30 parallel wrong passwords of one account only up to the limit, and then refuses the right one', async () => {
    const burst = await Promise.all(Array.from({ length: 30 }, () => signIn('zhang', 'wrong-password', '198.51.100.1')));
    const statuses = burst.map((r) => r.status);
    // Five attempts are checked (the fifth locks the account), the other 25 are refused unchecked.
    expect(count(statuses, 401)).toBe(4);
    expect(count(statuses, 429)).toBe(26);
    expect(await stored('user:zhang')).toBe(5);

    // A second burst with the right password last: the lock holds for it too.
    const second = await Promise.all([
      ...Array.from({ length: 29 }, () => signIn('zhang', 'wrong-password', '198.51.100.1')),
      signIn('zhang', PASSWORD, '198.51.100.1'),
    ]);
    expect(second.map((r) => r.status)).toEqual(Array.from({ length: 30 }, () => 429));
    expect(second[29]!.body.code).toBe('LOGIN_LOCKED');
    expect(await stored('user:zhang')).toBe(5);

    server.clock.advance(61_000);
    expect((await signIn('zhang', PASSWORD, '198.51.100.1')).status).toBe(200);
  });

  it('counts 30 parallel wrong sign-ins from one address only up to its limit', async () => {
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(`guess${i}`, 'wrong-password', '198.51.100.2')));
    const statuses = burst.map((r) => r.status);
    expect(count(statuses, 401)).toBe(7);
    expect(count(statuses, 429)).toBe(23);
    expect(await stored('ip:198.51.100.2')).toBe(8);
    // The address is locked for every account, the right password included; other addresses are not.
    expect((await signIn('zhang', PASSWORD, '198.51.100.2')).status).toBe(429);
    expect((await signIn('zhang', PASSWORD, '198.51.100.3')).status).toBe(200);
  });

  it('takes the client address from the proxy, so rotating the leftmost X-Forwarded-For entry does not escape the lock', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await signIn(`nobody${i}`, 'wrong-password', '203.0.113.9', `10.9.${i}.1`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 429, 429, 429]);
    expect(await stored('ip:203.0.113.9')).toBe(8);
  });

  it('counts an IPv6 client by its /64, so rotating addresses inside it does not escape the lock', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 9; i++) statuses.push((await signIn(`v6guess${i}`, 'wrong-password', `2001:db8:7:7::${i.toString(16)}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 429, 429]);
    expect((await signIn('zhang', PASSWORD, '2001:db8:7:7:ffff::1')).status).toBe(429);
    expect((await signIn('zhang', PASSWORD, '2001:db8:7:8::1')).status).toBe(200);
  });

  it('records the real client address in the audit log, not the one the client made up', async () => {
    expect((await signIn('zhang', PASSWORD, '203.0.113.10', '192.0.2.77')).status).toBe(200);
    const audit = await admin.get('/staff/audit?entityType=staff_account&limit=50');
    const logins = audit.body.items.filter((e: { action: string; actorUsername: string }) => e.action === 'auth.staff_login' && e.actorUsername === 'zhang');
    expect(logins[0].ip).toBe('203.0.113.10');
    expect(audit.text).not.toContain('192.0.2.77');
  });
});

/** A list of proxies (addresses and CIDRs): every trusted hop is skipped, right to left. */
describe('TRUST_PROXY as a list of proxy addresses', () => {
  let server: TestServer;
  let anon: ApiClient;

  beforeAll(async () => {
    server = await startTestServer({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8', LOGIN_MAX_FAILURES_PER_IP: '3', LOGIN_MAX_FAILURES: '10' });
    ({ anonymous: anon } = await bootstrapAdmin(server));
  });

  afterAll(() => server?.destroy());

  it('locks the address just left of the trusted proxies, whatever the client puts further left', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await anon.post('/auth/staff', { username: `nobody${i}`, password: 'x' }, { 'x-forwarded-for': `192.0.2.${i}, 203.0.113.5, 10.1.2.3` });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 429, 429]);
    const rows = await server.dataSource.getRepository(LoginThrottle).find();
    expect(rows.filter((r) => r.key.startsWith('ip:') && r.failures > 0).map((r) => [r.key, r.failures])).toEqual([['ip:203.0.113.5', 3]]);
  });
});
