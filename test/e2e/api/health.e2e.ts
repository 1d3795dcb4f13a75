import { startTestServer, type TestServer } from '../../support/test-server';

/** What a load balancer sees: status and body of a probe, no token. */
async function probe(server: TestServer, path: string): Promise<{ status: number; cacheControl: string | null; body: any }> {
  const res = await fetch(`${server.baseUrl}${path}`);
  return { status: res.status, cacheControl: res.headers.get('cache-control'), body: await res.json() };
}

describe('health probes', () => {
  let server: TestServer;

  beforeAll(async () => {
    // Background pollers off: the last test takes the database away from under the app.
    server = await startTestServer({ PUSH_WORKER_ENABLED: 'false', SCHEDULE_POLL_MS: '3600000', PUBLIC_CACHE_POLL_MS: '600000', VIEW_FLUSH_MS: '600000' });
  });

  afterAll(async () => {
    await server?.destroy();
  });

  it('answers live and ready outside /api/v1, without a token, never cached', async () => {
    expect(await probe(server, '/health/live')).toEqual({ status: 200, cacheControl: 'no-store', body: { status: 'ok', info: {}, error: {}, details: {} } });
    expect(await probe(server, '/health/ready')).toEqual({
      status: 200,
      cacheControl: 'no-store',
      body: {
        status: 'ok',
        info: { database: { status: 'up' }, migrations: { status: 'up' } },
        error: {},
        details: { database: { status: 'up' }, migrations: { status: 'up' } },
      },
    });
    expect((await fetch(`${server.baseUrl}/api/v1/health/ready`)).status).toBe(404);
  });

  it('is not ready while a migration of this build is not applied', async () => {
    const [last] = (await server.dataSource.query('SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1')) as { id: number; timestamp: string; name: string }[];
    await server.dataSource.query('DELETE FROM migrations WHERE id = ?', [last!.id]);
    try {
      const ready = await probe(server, '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'error', error: { migrations: { status: 'down', pending: [last!.name] } }, info: { database: { status: 'up' } } });
    } finally {
      await server.dataSource.query('INSERT INTO migrations (id, timestamp, name) VALUES (?, ?, ?)', [last!.id, last!.timestamp, last!.name]);
    }
    expect((await probe(server, '/health/ready')).status).toBe(200);
  });

  it('is not ready while the database is unreachable, and ready again when it is back', async () => {
    await server.dataSource.destroy();
    try {
      const ready = await probe(server, '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'error', error: { database: { status: 'down' }, migrations: { status: 'down' } } });
      expect(ready.cacheControl).toBe('no-store');
      // The process itself is fine: a load balancer should not restart it for this.
      expect((await probe(server, '/health/live')).status).toBe(200);
    } finally {
      await server.dataSource.initialize();
    }
    expect((await probe(server, '/health/ready')).status).toBe(200);
  });
});
