import type { Browser, Page } from 'playwright-core';
import { desktopPage, launchBrowser, screenshot, takeCspViolations } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The OpenAPI UI at /api/docs renders in Chromium under the server's Content Security Policy
 * (the shared browser helper fails any test that sees a violation).
 */
jest.setTimeout(120_000);

describe('API docs in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    page = await desktopPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it('renders the Swagger UI with the API title and its operations, which open with their parameters and answers', async () => {
    await page.goto(`${server.baseUrl}/api/docs`);
    const title = page.locator('.swagger-ui .info .title');
    await title.waitFor();
    expect(await title.innerText()).toContain('Gongkai 教育公开 API');
    const list = page.locator('.opblock-summary', { has: page.locator('.opblock-summary-path[data-path="/api/v1/notices"]') }).first();
    await list.waitFor();
    await list.click();
    await page.locator('.opblock.is-open .parameters').first().waitFor();
    expect(await page.locator('.opblock.is-open .parameters').first().innerText()).toContain('category');
    // The answers come from shared's types: the 200 example shows a page of notices, the errors their shape.
    const responses = page.locator('.opblock.is-open .responses-wrapper').first();
    await responses.waitFor();
    const text = await responses.innerText();
    expect(text).toContain('nextCursor');
    expect(text).toContain('indexNo');
    expect(text).toMatch(/\b304\b/);
    expect(text).toMatch(/\b4XX\b/);
    console.log(`screenshot: ${await screenshot(page, 'api-docs')}`);
  });

  it('the helper sees a violation: an injected inline script is refused and reported', async () => {
    await page.addScriptTag({ content: 'window.injected = true;' }).catch(() => undefined);
    expect(await page.evaluate('typeof window.injected')).toBe('undefined');
    const seen = await takeCspViolations();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain("script-src 'self'");
  });
});
