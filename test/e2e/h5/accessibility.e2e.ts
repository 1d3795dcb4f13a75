import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from '../../support/api-client';
import { axeSerious, describeAudits, describeViolations, lighthouseAccessibility } from '../../support/accessibility';
import { ARTIFACTS, launchBrowser, phonePage } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Accessibility of the parents' pages (issue 19): Lighthouse's accessibility score with its mobile
 * preset on the home page, a notice and the ask page, and no serious or critical axe-core
 * violation on each parent page a visitor reaches from the home page and the tab bar (and the
 * privacy pop-up of a first visit); a keyboard opens a tile and comes back. A failure lists the
 * audits or rules that failed with the elements to fix. Lighthouse's HTML reports are kept in
 * test/artifacts/h5/lighthouse-*.html.
 */
jest.setTimeout(300_000);

const PARENT_TOKEN_KEY = 'gongkai.token.parent';

describe('H5: the parent pages are accessible', () => {
  let server: TestServer;
  let browser: Browser;
  let noticeId = '';
  /** A demo parent's token as the app stores it (the ask page is for signed-in parents). */
  let parentToken = '';
  const scores: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true' });
    const api = new ApiClient(server.baseUrl);
    const notices = await api.get<{ items: Array<{ id: string | number }> }>('/notices?limit=1');
    expect(notices.status).toBe(200);
    noticeId = String(notices.body.items[0]!.id);
    const demo = await api.post<{ token: string; expiresAt: string }>('/auth/demo');
    expect(demo.status).toBe(200);
    parentToken = JSON.stringify({ token: demo.body.token, expiresAt: demo.body.expiresAt });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
    if (scores.length) console.log(`Lighthouse accessibility (mobile):\n${scores.join('\n')}`);
  });

  describe('Lighthouse accessibility, mobile preset, is at least 95', () => {
    // [name, report file, path, storage]: thunks, since the notice id and token come in beforeAll.
    const pages: Array<[string, string, () => string, () => Record<string, string>]> = [
      ['the home page', 'home', () => '/#/pages/index/index', () => ({})],
      ['a notice', 'notice', () => `/#/pages/notice/detail?id=${noticeId}`, () => ({})],
      ['the ask page (signed in)', 'ask', () => '/#/packages/services/pages/inquiry/ask', () => ({ [PARENT_TOKEN_KEY]: parentToken })],
    ];
    it.each(pages)('on %s', async (name, file, path, storage) => {
      const htmlReport = join(ARTIFACTS, `lighthouse-${file}.html`);
      const result = await lighthouseAccessibility(`${server.baseUrl}${path()}`, { storage: storage(), htmlReport });
      scores.push(`  ${name}: ${result.score} (${htmlReport})`);
      if (result.score < 95) throw new Error(`${name}: Lighthouse accessibility ${result.score} < 95; failing audits:\n${describeAudits(result.failing)}`);
      expect(result.score).toBeGreaterThanOrEqual(95);
    });
  });

  describe('in a phone browser', () => {
    let page: Page;

    beforeAll(async () => {
      page = await phonePage(browser);
    });

    afterAll(async () => {
      await page?.context().close();
    });

    /** Opens `path` as a fresh load (a hash change alone would keep the previous pages' DOM) and waits for `ready`. */
    const open = async (path: string, ready: string) => {
      await page.goto('about:blank');
      await page.goto(`${server.baseUrl}/${path}`);
      await page.locator(ready).first().waitFor();
    };

    const expectNone = async (name: string) => {
      const violations = await axeSerious(page);
      if (violations.length) throw new Error(`${name}: axe-core violations:\n${describeViolations(violations)}`);
      expect(violations).toEqual([]);
    };

    const signedOut: Array<[string, string, string]> = [
      ['首页', '#/pages/index/index', '.e2e-home:visible .e2e-latest .e2e-notice-item'],
      ['公开目录', '#/pages/category/index', '.e2e-categories:visible .e2e-category'],
      ['the notice list', `#/pages/notice/list?title=${encodeURIComponent('最新公开')}`, '.e2e-notice-list:visible .e2e-notice-item'],
      ['search 划片 with its results', `#/pages/search/index?q=${encodeURIComponent('划片')}`, '.e2e-search:visible .e2e-highlight'],
      ['学区查询', '#/packages/services/pages/zoning/index', '.e2e-zoning:visible .e2e-zoning-q'],
      ['问答 (the public Q&A)', '#/packages/services/pages/qa/index', '.e2e-qa:visible .e2e-qa-item'],
      ['依申请公开', '#/packages/services/pages/disclosure/index', '.e2e-service-page-disclosure:visible .e2e-dc-apply-link'],
      ['我的 (signed out)', '#/pages/mine/index', '.e2e-mine:visible .e2e-demo-login'],
    ];
    it.each(signedOut)('axe-core finds no serious or critical violation on %s', async (name, path, ready) => {
      await open(path, ready);
      await expectNone(name);
    });

    it('axe-core finds no serious or critical violation on a notice', async () => {
      await open(`#/pages/notice/detail?id=${noticeId}`, '.e2e-notice-detail:visible .e2e-notice-body');
      await expectNone('a notice');
    });

    it('axe-core finds no serious or critical violation on the ask page (signed in)', async () => {
      await page.goto(`${server.baseUrl}/robots.txt`);
      await page.evaluate(
        ({ key, value }) => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(key, value),
        { key: PARENT_TOKEN_KEY, value: JSON.stringify({ data: parentToken }) },
      );
      await open('#/packages/services/pages/inquiry/ask', '.e2e-inquiry-ask:visible .e2e-ask-subject');
      await expectNone('the ask page');
    });

    it('lets a keyboard open a home tile with Enter and come back with the 返回 button', async () => {
      await open('#/pages/index/index', '.e2e-home:visible .e2e-topic-zoning');
      const tile = page.locator('.e2e-home:visible .e2e-topic-zoning');
      expect(await tile.getAttribute('role')).toBe('link');
      expect(await tile.getAttribute('tabindex')).toBe('0');
      await tile.focus();
      await page.keyboard.press('Enter');
      await page.locator('.e2e-notice-list:visible .e2e-notice-item').first().waitFor();
      const back = page.getByRole('button', { name: '返回' });
      await back.focus();
      await page.keyboard.press('Enter');
      await page.locator('.e2e-home:visible .e2e-topic-zoning').waitFor();
      expect(await page.locator('.e2e-notice-list:visible').count()).toBe(0);
    });

    it('axe-core finds no serious or critical violation on the privacy pop-up of a first visit', async () => {
      const fresh = await phonePage(browser, { privacy: 'fresh' });
      try {
        await fresh.goto(`${server.baseUrl}/#/pages/index/index`);
        await fresh.locator('.e2e-privacy-popup:visible .e2e-privacy-agree').waitFor();
        const violations = await axeSerious(fresh);
        if (violations.length) throw new Error(`the privacy pop-up: axe-core violations:\n${describeViolations(violations)}`);
        expect(violations).toEqual([]);
      } finally {
        await fresh.context().close();
      }
    });
  });
});
