import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from '../../support/api-client';
import { login } from '../../support/builders';
import { desktopPage, launchBrowser, screenshot } from '../../support/browser';
import { ok, version } from '../../support/review-chain';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The public web pages with the demo bureau's notices, in Chromium under the site's Content
 * Security Policy (the shared helper fails a test on any violation): axe-core finds no serious or
 * critical violation on the catalogue, a category, a topic, a notice and the page of a withdrawn
 * notice; the first Tab reaches the skip link, which moves focus to the main content; at 200 %
 * zoom (a 640 CSS px wide window) nothing scrolls sideways.
 */
jest.setTimeout(240_000);

const PASSWORD = 'demo-password-1';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe('public web pages in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const paths: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: PASSWORD });
    const anon = new ApiClient(server.baseUrl);
    const { items } = (await anon.get('/notices?limit=50')).body as { items: { id: number; category: { code: string }; topics: { code: string }[] }[] };
    // The demo notice with the most to check: a table in its body (工作机构's 内设科室).
    let richest = items[0]!;
    for (const item of items) {
      if ((await anon.get(`/notices/${item.id}`)).body.bodyHtml.includes('<table')) {
        richest = item;
        break;
      }
    }
    const withTopic = items.find((n) => n.topics.length)!;
    paths.catalogue = '/gk/';
    paths.category = `/gk/categories/${richest.category.code}`;
    paths.topic = `/gk/topics/${withTopic.topics[0]!.code}`;
    paths.notice = `/gk/notices/${richest.id}`;
    // The demo's leader withdraws another notice: its page answers 410.
    const withdrawn = items.find((n) => n.id !== richest.id)!;
    const leader = anon.as(await login(anon, 'leader', PASSWORD));
    await ok(leader.post(`/staff/notices/${withdrawn.id}/withdraw`, { version: await version(leader, withdrawn.id), reason: '演示撤回' }));
    paths.withdrawn = `/gk/notices/${withdrawn.id}`;

    browser = await launchBrowser();
    page = await desktopPage(browser);
    // A 1280 px desktop window at 200 % zoom is 640 CSS px wide: the layout a 640 px window gets.
    await page.setViewportSize({ width: 640, height: 800 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it.each(['catalogue', 'category', 'topic', 'notice', 'withdrawn'])('the %s page has no serious or critical accessibility violation (axe-core)', async (name) => {
    const response = await page.goto(`${server.baseUrl}${paths[name]}`);
    expect(response!.status()).toBe(name === 'withdrawn' ? 410 : 200);
    // Evaluated through the DevTools protocol, so the page's CSP (no inline script) does not apply to the checker.
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ['violations'] });
      return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.slice(0, 3).map((n) => ({ target: n.target })) }));
    });
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious).toEqual([]);
    console.log(`${name}: ${violations.length ? violations.map((v) => `${v.id} (${v.impact})`).join(', ') : 'no violations'}; screenshot: ${await screenshot(page, `public-${name}`)}`);
  });

  it.each(['catalogue', 'category', 'notice', 'withdrawn'])('on the %s page the first Tab reaches the skip link, which moves focus to the main content', async (name) => {
    await page.goto(`${server.baseUrl}${paths[name]}`);
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => {
        const el = (globalThis as unknown as { document: { activeElement: { tagName: string; id: string; textContent: string | null } | null } }).document.activeElement;
        return el ? { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent ?? '').trim().slice(0, 20) } : null;
      });
    expect(await focused()).toEqual({ tag: 'a', id: '', text: '跳到正文' });
    // Visible while focused (it sits off-screen otherwise).
    const box = await page.locator('a.skip').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await focused()).toMatchObject({ tag: 'main', id: 'main' });
    // The next Tab continues inside main, not back in the header.
    await page.keyboard.press('Tab');
    const inMain = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }).document;
      return Boolean(doc.activeElement?.closest('main'));
    });
    expect(inMain).toBe(true);
  });

  it.each(['catalogue', 'category', 'topic', 'notice', 'withdrawn'])('at 200 %% zoom (640 CSS px) the %s page does not scroll sideways', async (name) => {
    await page.goto(`${server.baseUrl}${paths[name]}`);
    const widths = await page.evaluate(() => {
      const root = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return { scroll: root.scrollWidth, client: root.clientWidth };
    });
    expect(widths.client).toBe(640);
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  });
});
