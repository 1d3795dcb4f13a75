import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * A returning parent's app starts from its own cache: after a first visit the app's service worker
 * (sw.js, written by miniprogram/config/index.ts) holds the entry's scripts and style sheets, and
 * on the next visit they come from that cache through its static routes, while the page itself and
 * the API answers still come from the server (nothing the server changes is kept back).
 */
jest.setTimeout(120_000);

/** A Resource / Navigation Timing entry as Chromium fills it (the test's types are Node's). */
interface TimingEntry {
  name: string;
  transferSize: number;
  /** Chromium's static routing: where a worker's route took the request ('' when none did). */
  workerFinalSourceType?: string;
}
type Timings = { getEntriesByType(type: 'resource' | 'navigation'): TimingEntry[] };

/** What the page's Resource Timing says of each of its requests: where a service worker's route took it. */
async function requestSources(page: Page): Promise<{ name: string; source: string }[]> {
  return page.evaluate(() =>
    (performance as unknown as Timings)
      .getEntriesByType('resource')
      .map((e) => ({ name: new URL(e.name).pathname, source: e.workerFinalSourceType ?? '(not reported)' })),
  );
}

describe('H5: the app’s own cache of its code', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it('keeps the entry’s files after a first visit and runs the next visit from them, the page and its data from the server', async () => {
    const page = await phonePage(browser);
    await page.goto(`${server.baseUrl}/`);
    await page.locator('.e2e-latest .e2e-notice-item').first().waitFor();
    // The entry's scripts and style sheets, as index.html names them.
    const entry = (await page.locator('script[src], link[rel="stylesheet"]').evaluateAll((els) => els.map((el) => el.getAttribute('src') ?? el.getAttribute('href') ?? ''))).filter((p) =>
      /^\/(js|css)\//.test(p),
    );
    expect(entry.some((p) => /^\/js\/app\.[0-9a-f]{8}\.js$/.test(p))).toBe(true);

    // The first visit: no worker yet, everything from the server.
    expect((await requestSources(page)).filter((r) => r.source === 'cache')).toEqual([]);
    // Installed once the page has loaded, with the entry's files in its cache.
    const cached = await page.evaluate(async () => {
      const g = globalThis as unknown as {
        navigator: { serviceWorker: { ready: Promise<unknown> } };
        caches: { keys(): Promise<string[]>; open(name: string): Promise<{ keys(): Promise<{ url: string }[]> }> };
      };
      await g.navigator.serviceWorker.ready;
      const names = await g.caches.keys();
      const files: string[] = [];
      for (const name of names) for (const request of await (await g.caches.open(name)).keys()) files.push(new URL(request.url).pathname);
      return { names, files };
    });
    expect(cached.names).toHaveLength(1);
    expect(cached.names[0]).toMatch(/^gk-app-[0-9a-f]{16}$/);
    for (const file of entry) expect(cached.files).toContain(file);

    // The next visit: the entry's files from the app's cache; the API answers from the server.
    await page.reload();
    await page.locator('.e2e-latest .e2e-notice-item').first().waitFor();
    const sources = await requestSources(page);
    for (const file of entry) expect(sources.find((r) => r.name === file)?.source).toBe('cache');
    const api = sources.filter((r) => r.name.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(0);
    for (const r of api) expect(r.source).toBe('');
    // index.html was asked of the server again (revalidated: headers crossed the network), not
    // answered by the worker: a new build shows at once.
    const html = await page.evaluate(() => {
      const nav = (performance as unknown as Timings).getEntriesByType('navigation')[0]!;
      return { source: nav.workerFinalSourceType, transferSize: nav.transferSize };
    });
    expect(html.source).toBe('');
    expect(html.transferSize).toBeGreaterThan(0);
    await page.context().close();
  });
});
