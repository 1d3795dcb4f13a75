import type { Browser, Page } from 'playwright-core';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { launchBrowser, phonePage, screenshot, signInStaff, toastsGone } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Issue 18's staff pages for search in the H5 app of the embedded demo: the demo's 信息编辑 opens
 * 同义词 from the staff home, finds the county's seeded groups, adds 托管 ~ 课后服务, is told that a
 * term already in another group cannot be added again, and deletes the group after confirming. Then
 * 搜索统计 shows the last 30 days of what parents searched (the demo's two weeks of recorded
 * searches, server/src/demo/demo-search.ts, and a few made here through the public search and
 * written by the `search-log` task), phone and house numbers masked, the queries that found
 * nothing, and turns one of those into the start of a new synonym group.
 *
 * The server's clock (and the phone's) is Wednesday 20 May 2026, 10:00 in Shanghai.
 */
jest.setTimeout(180_000);

const PASSWORD = 'demo-password-1';
const NOW = new Date('2026-05-20T10:00:00+08:00');

describe('H5: staff keep the synonyms and see what parents searched', () => {
  const clock = new SettableClock(NOW);
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const shots: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: PASSWORD }, clock);
    browser = await launchBrowser();
    page = await phonePage(browser);
    await page.context().clock.install({ time: server.clock.now() });
    await page.context().clock.resume();
    await signInStaff(page, server.baseUrl, 'editor', PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
    if (shots.length) console.log(`screenshots:\n${shots.join('\n')}`);
  });

  const shot = async (name: string) => {
    await toastsGone(page);
    shots.push(await screenshot(page, `search-staff-${name}`));
  };
  const synonyms = () => page.locator('.e2e-search-synonyms:visible');
  const insight = () => page.locator('.e2e-search-insight:visible');
  /** The terms of the n-th group listed, as its chips read. */
  const termsOf = (n: number) => synonyms().locator('.e2e-synonym-group').nth(n).locator('.e2e-synonym-term').allInnerTexts();

  /** A parent's search through the public API (the search page is the parent helper's; this only records a query). */
  async function parentSearches(q: string): Promise<number> {
    const res = await fetch(`${server.baseUrl}/api/v1/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { total: number }).total;
  }

  it('an editor adds 托管 ~ 课后服务 from the staff home, sees it listed with the seeded groups', async () => {
    await page.locator('.e2e-staff-home:visible .e2e-staff-search-synonyms-link').click();
    await synonyms().locator('.e2e-synonym-group').first().waitFor();
    expect(await synonyms().locator('.e2e-synonym-explain').innerText()).toBe('搜索其中任一词，可同时找到含其他词的信息。');
    // The county's usual pairs, seeded by the migration.
    expect(await synonyms().locator('.e2e-synonym-count').innerText()).toBe('共 8 组');
    expect(await termsOf(0)).toEqual(['学区', '划片', '招生范围', '学区划分', '划片范围', '施教区']);
    expect(await termsOf(3)).toEqual(['随迁子女', '进城务工人员子女', '进城务工人员随迁子女', '外来务工人员子女', '农民工子女']);

    await synonyms().locator('.e2e-synonym-terms input').fill('托管、课后服务');
    expect(await synonyms().locator('.e2e-synonym-preview-term').allInnerTexts()).toEqual(['托管', '课后服务']);
    await synonyms().locator('.e2e-synonym-save').click();
    await synonyms().locator('.e2e-synonym-count', { hasText: '共 9 组' }).waitFor();
    expect(await termsOf(8)).toEqual(['托管', '课后服务']);
    expect(await synonyms().locator('.e2e-synonym-group').nth(8).locator('.e2e-synonym-stamp').innerText()).toBe('演示信息编辑 于 2026-05-20 10:00 修改');
    expect(await synonyms().locator('.e2e-synonym-terms input').inputValue()).toBe('');
    await shot('synonyms');
  });

  it('is told a term already in another group cannot be added again', async () => {
    await synonyms().locator('.e2e-synonym-terms input').fill('课后服务 延时服务');
    await synonyms().locator('.e2e-synonym-save').click();
    const error = synonyms().locator('.e2e-synonym-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('“课后服务”已在另一组同义词中，一个词只能属于一组');
    expect(await synonyms().locator('.e2e-synonym-count').innerText()).toBe('共 9 组');
    await shot('synonyms-duplicate');
  });

  it('deletes the group after confirming', async () => {
    await synonyms().locator('.e2e-synonym-cancel').click();
    const group = synonyms().locator('.e2e-synonym-group', { hasText: '托管' });
    await group.locator('.e2e-synonym-delete').click();
    // Taro's own dialog (its root has no size of its own: its parts are what is visible).
    expect(await page.locator('.taro__modal .taro-modal__text:visible').innerText()).toBe('删除后，搜索“托管”不再同时找到含“课后服务”的信息。');
    await page.locator('.taro__modal .taro-model__confirm:visible').click();
    await synonyms().locator('.e2e-synonym-count', { hasText: '共 8 组' }).waitFor();
    expect(await synonyms().locator('.e2e-synonym-group', { hasText: '托管' }).count()).toBe(0);
  });

  it('sees the demo’s two weeks of searches and today’s, a phone and a house number masked, and the queries that found nothing', async () => {
    // Today's searches by parents, counted when the search log is next written.
    for (const q of ['中考', '中考', '学区 13812345678']) await parentSearches(q);
    // Nothing in the demo speaks of this.
    expect(await parentSearches('游泳馆开放时间xyz')).toBe(0);
    expect(await parentSearches('游泳馆开放时间xyz')).toBe(0);
    await server.tasks.run('search-log');

    await page.locator('.taro-navigation-bar-back').click();
    await page.locator('.e2e-staff-home:visible .e2e-staff-search-insight-link').click();
    await insight().locator('.e2e-insight-totals').waitFor();
    expect(await insight().getAttribute('data-from')).toBe('2026-04-21');
    expect(await insight().getAttribute('data-to')).toBe('2026-05-20');
    expect(await insight().locator('.e2e-insight-range-30').getAttribute('class')).toContain('e2e-selected');
    expect(await insight().locator('.e2e-insight-privacy').innerText()).toBe('搜索词保存时不记录是谁搜索的；其中的电话号码、证件号、邮箱和门牌号已替换为〔电话〕〔证件号〕〔邮箱〕〔门牌号〕。');

    // The demo's 206 searches (21 found nothing) over the 14 days up to today, and today's 5 (2).
    expect(await insight().locator('.e2e-insight-searches').getAttribute('data-count')).toBe('211');
    expect(await insight().locator('.e2e-insight-zero').getAttribute('data-count')).toBe('23');
    expect(await insight().locator('.e2e-insight-zero').innerText()).toContain('无结果次数（10.9%）');
    const top = await insight().locator('.e2e-insight-top .e2e-insight-query-text').allInnerTexts();
    expect(top.slice(0, 3)).toEqual(['划片', '学区', '录取分数线']);
    expect(await insight().locator('.e2e-insight-top .e2e-insight-query-count').first().innerText()).toBe('44 次');
    const zero = await insight().locator('.e2e-insight-zero-results .e2e-insight-query-text').allInnerTexts();
    expect(zero.slice(0, 2)).toEqual(['寒假 放假时间', '校车']);

    // Today's searches made above, each query counted on its own row.
    const row = (list: string, query: string) => insight().locator(`${list}[data-query="${query}"]`);
    expect(await row('.e2e-insight-query', '中考').getAttribute('data-count')).toBe('2');
    expect(await row('.e2e-insight-query', '中考').locator('.e2e-insight-query-count').innerText()).toBe('2 次');
    expect(await row('.e2e-insight-query', '学区 〔电话〕').getAttribute('data-count')).toBe('1');
    expect(await row('.e2e-insight-zero-query', '游泳馆开放时间xyz').getAttribute('data-zero')).toBe('2');
    expect(await row('.e2e-insight-zero-query', '中考').count()).toBe(0);
    // Kept masked: the numbers were never stored, and a masked query is no word to add as a synonym.
    expect(await row('.e2e-insight-zero-query', '〔电话〕 学区').getAttribute('data-count')).toBe('1');
    expect(await row('.e2e-insight-zero-query', '新昌路〔门牌号〕 划片').getAttribute('data-count')).toBe('2');
    expect(await row('.e2e-insight-zero-query', '〔电话〕 学区').locator('.e2e-insight-add-synonym').count()).toBe(0);
    expect(await insight().innerText()).not.toContain('13812345678');
    expect(await insight().innerText()).not.toContain('18号');
    // 30 bars, today first: the demo's 12 searches of today and the 5 above; nothing before the demo's two weeks.
    const days = insight().locator('.e2e-insight-day');
    expect(await days.count()).toBe(30);
    expect(await days.first().getAttribute('data-day')).toBe('2026-05-20');
    expect(await days.first().getAttribute('data-searches')).toBe('17');
    expect(await days.first().getAttribute('data-zero')).toBe('2');
    expect(await insight().locator('.e2e-insight-day[data-day="2026-05-07"]').getAttribute('data-searches')).toBe('33');
    expect(await insight().locator('.e2e-insight-day[data-day="2026-05-06"]').getAttribute('data-searches')).toBe('0');
    await shot('insight');
    await insight().locator('.e2e-insight-days').scrollIntoViewIfNeeded();
    await shot('insight-days');
  });

  it('turns a query that found nothing into the start of a synonym group', async () => {
    await insight().locator('.e2e-insight-zero-query[data-query="游泳馆开放时间xyz"] .e2e-insight-add-synonym').click();
    await synonyms().locator('.e2e-synonym-pending').waitFor();
    expect(await synonyms().locator('.e2e-synonym-pending').getAttribute('data-term')).toBe('游泳馆开放时间xyz');
    expect(await synonyms().locator('.e2e-synonym-terms input').inputValue()).toBe('游泳馆开放时间xyz ');
    expect(await synonyms().locator('.e2e-synonym-join').count()).toBe(8);
  });
});
