import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage, screenshot, toastsGone } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The parents' search in the H5 app against the demo bureau: two words with a space find the
 * enrollment notice with both words highlighted; typing 划 offers suggestions, and one opens its
 * notice while another searches; a query nothing matches offers to ask it as a 咨询, and the ask
 * page opens with the question filled in; an address gets its schools first and a way to 学区查询;
 * recent searches (never an address) stay on the device across a reload,
 * one can be removed and 清空 removes them all.
 */
jest.setTimeout(120_000);

const PASSWORD = 'demo-password-1';
const ENROLLMENT = '2026年昌乐县小学一年级新生招生工作通知';
const ZONING_PLAN = '2026年城区义务教育学校划片招生方案';
/** Nothing in an education bureau's notices, Q&A or topics. */
const NONSENSE = '龙虾火锅';

describe('H5: 搜索 (parents, demo)', () => {
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

  const shot = async (name: string) => {
    await toastsGone(page);
    shots.push(await screenshot(page, name));
  };
  const search = () => page.locator('.e2e-search:visible');
  const searchUrl = () => `${server.baseUrl}/#/pages/search/index`;

  it('finds the enrollment notice for 小学 招生 typed with a space, both words highlighted', async () => {
    // Signed in with the demo's parent first: the 咨询 form (the empty state's way out) is for signed-in parents.
    await page.goto(`${server.baseUrl}/#/pages/mine/index`);
    const mine = page.locator('.e2e-mine:visible');
    await mine.locator('.e2e-demo-login').click();
    await mine.locator('.e2e-parent-name').waitFor();

    await page.locator('.e2e-tab-home').click();
    const home = page.locator('.e2e-home:visible');
    await home.locator('.e2e-search-input input').fill('小学 招生');
    await home.locator('.e2e-search-submit').click();

    await search().locator('.e2e-search-hit').first().waitFor();
    expect(await search().locator('.e2e-search-summary').innerText()).toMatch(/^“小学 招生”的搜索结果\s*共 \d+ 条$/);
    expect(await search().locator('.e2e-search-partial').count()).toBe(0);
    const card = search().locator('.e2e-notice-item', { has: page.locator('.e2e-notice-title', { hasText: ENROLLMENT }) }).first();
    await card.waitFor();
    expect(await card.locator('.e2e-notice-title').innerText()).toBe(ENROLLMENT);
    expect(await card.locator('.e2e-notice-title .e2e-highlight').allInnerTexts()).toEqual(['小学', '招生']);
    // Every mark on the page is one of the two words (小学 inside 中小学 too), in titles, summaries and snippets.
    const marks = await search().locator('.e2e-highlight').allInnerTexts();
    expect(marks.length).toBeGreaterThan(10);
    expect(new Set(marks)).toEqual(new Set(['小学', '招生']));
    expect(await card.locator('.e2e-search-snippet .e2e-highlight').allInnerTexts()).toContain('小学');
    await shot('search-results');

    // The card opens the notice.
    await card.click();
    await page.locator('.e2e-notice-detail:visible .e2e-detail-title', { hasText: ENROLLMENT }).waitFor();
    await page.goBack();
    await search().waitFor();
  });

  it('suggests while typing 划: a notice suggestion opens the notice, a query suggestion searches it', async () => {
    await search().locator('.e2e-search-clear').click();
    await search().locator('.e2e-search-input input').fill('划');
    const suggestions = search().locator('.e2e-search-suggest .e2e-suggest-item');
    await suggestions.first().waitFor();
    const notice = search().locator('.e2e-suggest-notice', { hasText: ZONING_PLAN }).first();
    await notice.waitFor();
    await shot('search-suggest');

    await notice.click();
    await page.locator('.e2e-notice-detail:visible .e2e-detail-title', { hasText: ZONING_PLAN }).waitFor();
    await page.goBack();
    await search().waitFor();

    // 划片 is what the demo's parents searched most (its search log).
    const query = search().locator('.e2e-suggest-query', { has: page.locator('.e2e-suggest-text', { hasText: /^划片$/ }) }).first();
    await query.click();
    await search().locator('.e2e-search-summary', { hasText: '“划片”的搜索结果' }).waitFor();
    expect(await search().locator('.e2e-search-input input').inputValue()).toBe('划片');
    await search().locator('.e2e-search-hit').first().waitFor();
    expect(await search().locator('.e2e-search-suggest').count()).toBe(0);
    const titles = await search().locator('.e2e-notice-title').allInnerTexts();
    expect(titles).toContain(ZONING_PLAN);
  });

  it('offers a 咨询 with the question when nothing is found, and the ask page opens with it filled in', async () => {
    await search().locator('.e2e-search-clear').click();
    await search().locator('.e2e-search-input input').fill(NONSENSE);
    await search().locator('.e2e-search-submit').click();
    await search().locator('.e2e-search-empty').waitFor();
    expect(await search().locator('.e2e-empty').innerText()).toContain(`没有找到与“${NONSENSE}”相关的信息`);
    expect(await search().locator('.e2e-search-hit').count()).toBe(0);
    expect(await search().locator('.e2e-search-count').count()).toBe(0);
    await shot('search-empty');

    await search().locator('.e2e-search-ask').click();
    const ask = page.locator('.e2e-inquiry-ask:visible');
    await ask.locator('.e2e-ask-subject input').waitFor();
    expect(await ask.locator('.e2e-ask-subject input').inputValue()).toBe(NONSENSE);
    expect(await ask.locator('.e2e-ask-kind-consultation').getAttribute('class')).toContain('e2e-selected');
    expect(await ask.locator('.e2e-ask-subject-count').innerText()).toBe('4/50');
    await shot('search-ask');
  });

  it('answers an address with its schools first and opens 学区查询 with it; the address is not kept as a recent search', async () => {
    await page.goBack();
    await search().locator('.e2e-search-clear').click();
    await search().locator('.e2e-search-input input').fill('北辰花园3号楼');
    await search().locator('.e2e-search-submit').click();
    const zoning = search().locator('.e2e-search-hit').first();
    await zoning.locator('.e2e-zoning-school-name').first().waitFor();
    expect(await zoning.getAttribute('data-kind')).toBe('zoning');
    expect(await zoning.getAttribute('data-status')).toBe('matched');
    expect(await zoning.locator('.e2e-zoning-school-name').allInnerTexts()).toEqual(['昌乐县北城小学', '昌乐县第一实验中学']);
    expect(await zoning.locator('.e2e-zoning-primary .e2e-zoning-school-phone').innerText()).toContain('0536-6290316');
    await shot('search-zoning');

    await zoning.locator('.e2e-search-zoning-link').click();
    const answer = page.locator('.e2e-zoning:visible .e2e-zoning-answer');
    await answer.waitFor();
    expect(await page.locator('.e2e-zoning:visible .e2e-zoning-q input').inputValue()).toBe('北辰花园3号楼');
    expect(await answer.locator('.e2e-zoning-school-name').allInnerTexts()).toEqual(['昌乐县北城小学', '昌乐县第一实验中学']);
    await page.goBack();
    await search().waitFor();
  });

  it('keeps recent searches on the device across a reload, newest first; one removed, then 清空', async () => {
    await page.goto(searchUrl());
    await page.reload();
    const recent = search().locator('.e2e-search-recent');
    await recent.waitFor();
    expect(await recent.locator('.e2e-recent-text').allInnerTexts()).toEqual([NONSENSE, '划片', '小学 招生']);
    expect(await search().locator('.e2e-search-popular .e2e-search-suggestion').allInnerTexts()).toContain('划片');
    await shot('search-recent');

    await recent.locator('.e2e-recent-item[data-q="划片"] .e2e-recent-remove').click();
    expect(await recent.locator('.e2e-recent-text').allInnerTexts()).toEqual([NONSENSE, '小学 招生']);
    await page.reload();
    await search().locator('.e2e-search-recent').waitFor();
    expect(await search().locator('.e2e-search-recent .e2e-recent-text').allInnerTexts()).toEqual([NONSENSE, '小学 招生']);

    // A recent search is one tap from its results.
    await search().locator('.e2e-recent-text', { hasText: '小学 招生' }).click();
    await search().locator('.e2e-search-summary', { hasText: '“小学 招生”的搜索结果' }).waitFor();
    await search().locator('.e2e-search-clear').click();
    expect(await search().locator('.e2e-search-recent .e2e-recent-text').allInnerTexts()).toEqual(['小学 招生', NONSENSE]);

    await search().locator('.e2e-recent-clear').click();
    expect(await search().locator('.e2e-search-recent').count()).toBe(0);
    await page.reload();
    await search().locator('.e2e-search-popular').waitFor();
    expect(await search().locator('.e2e-search-recent').count()).toBe(0);
  });
});
