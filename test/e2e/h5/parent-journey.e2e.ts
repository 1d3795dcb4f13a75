import type { Browser, Page } from 'playwright-core';
import { ApiClient } from '../../support/api-client';
import { launchBrowser, phonePage, screenshot } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The H5 build in real headless Chromium against a real server with the demo bureau: what a
 * parent and a staff member see. `npm test` builds the H5 app first (scripts/ensure-h5.mjs).
 * Screenshots of each page land in test/artifacts/h5/.
 */
jest.setTimeout(120_000);

const PASSWORD = 'demo-password-1';

describe('H5 app', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const shots: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: PASSWORD });
    browser = await launchBrowser();
    page = await phonePage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
    if (shots.length) console.log(`screenshots:\n${shots.join('\n')}`);
  });

  const open = async (hash = '') => {
    await page.goto(`${server.baseUrl}/${hash}`);
  };
  const shot = async (name: string) => shots.push(await screenshot(page, name));

  it('opens on the home page with the special topics and the latest notices', async () => {
    await open();
    const home = page.locator('.e2e-home:visible');
    await home.waitFor();
    for (const tile of ['e2e-topic-zoning', 'e2e-category-ZSKS', 'e2e-topic-zhongkao', 'e2e-topic-migrant-children']) {
      await home.locator(`.${tile}`).first().waitFor();
    }
    await home.locator('.e2e-latest .e2e-notice-item').first().waitFor();
    expect(await home.locator('.e2e-latest .e2e-notice-item').count()).toBeGreaterThan(2);
    await shot('home');
  });

  it('opens the 义务教育划片 topic and a notice in it, with its body', async () => {
    await open();
    await page.locator('.e2e-home:visible .e2e-topic-zoning').first().click();
    const list = page.locator('.e2e-notice-list:visible');
    await list.locator('.e2e-notice-item').first().waitFor();
    const titles = await list.locator('.e2e-notice-title').allInnerTexts();
    expect(titles).toContain('2026年城区义务教育学校划片招生方案');
    await shot('topic-zoning');

    await list.locator('.e2e-notice-item', { hasText: '2026年城区义务教育学校划片招生方案' }).first().click();
    const detail = page.locator('.e2e-notice-detail:visible');
    await detail.locator('.e2e-notice-body').waitFor();
    expect(await detail.locator('.e2e-detail-title').innerText()).toBe('2026年城区义务教育学校划片招生方案');
    expect(await detail.locator('.e2e-notice-indexno').innerText()).toMatch(/\/ZSKS-2026-\d{5}|\/JCJY-2026-\d{5}|-2026-\d{5}/);
    expect((await detail.locator('.e2e-notice-body').innerText()).length).toBeGreaterThan(100);
    await shot('notice-detail');
  });

  it('searches 划片 and highlights it in the results', async () => {
    await open();
    const home = page.locator('.e2e-home:visible');
    await home.locator('.e2e-search-input input').fill('划片');
    await home.locator('.e2e-search-submit').click();
    const results = page.locator('.e2e-search:visible');
    await results.locator('.e2e-highlight').first().waitFor();
    const marks = await results.locator('.e2e-highlight').allInnerTexts();
    expect(marks.length).toBeGreaterThan(2);
    // 划片 and its synonyms (学区, 招生范围 …) are marked: every mark is one of them.
    expect(marks).toContain('划片');
    for (const mark of marks) expect(['划片', '学区', '招生范围', '学区划分', '划片范围', '施教区']).toContain(mark);
    await shot('search');
  });

  it('scrolls a long list to its end, each notice once', async () => {
    // Every public notice, as the API lists them.
    const api = new ApiClient(server.baseUrl);
    const expected: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: number }[]; nextCursor: string | null } } = await api.get(`/notices?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      expected.push(...res.body.items.map((n) => n.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(expected.length).toBeGreaterThan(40);

    await open();
    await page.locator('.e2e-home:visible .e2e-latest-more').click();
    const list = page.locator('.e2e-notice-list:visible');
    await list.locator('.e2e-notice-item').first().waitFor();
    const end = list.locator('.e2e-list-end');
    // A screen at a time, as a thumb scrolls: Taro re-arms its end-of-list trigger only after
    // the page has moved away from the bottom.
    await page.mouse.move(195, 500);
    for (let i = 0; i < 150 && !(await end.isVisible()); i++) {
      await page.mouse.wheel(0, 800);
      await page.waitForTimeout(120);
    }
    await end.waitFor();
    const ids = (await list.locator('.e2e-notice-item').evaluateAll((items) => items.map((el) => Number(el.getAttribute('data-id')))));
    expect(ids).toEqual(expected);
    await shot('list-end');
  });

  it('signs a parent in with the labelled demo sign-in', async () => {
    await open();
    await page.locator('.e2e-tab-mine').first().click();
    const mine = page.locator('.e2e-mine:visible');
    await mine.locator('.e2e-demo-login').click();
    await mine.locator('.e2e-parent-name').waitFor();
    expect(await mine.locator('.e2e-parent-name').innerText()).toContain('演示家长');
    await shot('mine');
  });

  it('signs a staff member in and shows the staff home', async () => {
    await open();
    await page.locator('.e2e-tab-mine').first().click();
    await page.locator('.e2e-mine:visible .e2e-staff-link').click();
    const login = page.locator('.e2e-staff-login:visible');
    await login.locator('.e2e-staff-username input').fill('editor');
    await login.locator('.e2e-staff-password input').fill('wrong-password');
    await login.locator('.e2e-staff-submit').click();
    await login.locator('.e2e-staff-error').waitFor();
    expect(await login.locator('.e2e-staff-error').innerText()).toContain('用户名或密码错误');
    await login.locator('.e2e-staff-password input').fill(PASSWORD);
    await login.locator('.e2e-staff-submit').click();
    const home = page.locator('.e2e-staff-home:visible');
    await home.locator('.e2e-staff-name').waitFor();
    expect(await home.locator('.e2e-staff-name').innerText()).toContain('演示信息编辑');
    expect(await home.locator('.e2e-staff-unit').innerText()).toContain('基础教育科');
    await shot('staff-home');
  });
});
