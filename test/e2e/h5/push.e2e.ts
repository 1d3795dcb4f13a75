import type { Browser, Page } from 'playwright-core';
import { ApiClient } from '../../support/api-client';
import { throughChain } from '../../support/review-chain';
import { launchBrowser, phonePage, screenshot } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * A parent follows 招生考试 and (in the demo, simulated) accepts reminders in the H5 pages; a
 * notice of that category goes through the review chain (the first steps through the API), the
 * publisher registers and publishes it on the review page and pushes it from there — preview,
 * send, report — and the dry-run record holds exactly the parent's one message.
 */
jest.setTimeout(180_000);

const PASSWORD = 'demo-password-1';
const TITLE = `中考报名提醒${Date.now() % 10000}`;

describe('H5: subscriptions and an announcement push (demo, dry run)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let anon: ApiClient;
  let parentId = 0;
  let noticeId = 0;
  let campaignId = '';
  const shots: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: PASSWORD, PUSH_POLL_MS: '100' });
    anon = new ApiClient(server.baseUrl);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
    if (shots.length) console.log(`screenshots:\n${shots.join('\n')}`);
  });

  const shot = async (name: string) => shots.push(await screenshot(page, name));
  const staff = async (username: string) => anon.as((await anon.post('/auth/staff', { username, password: PASSWORD })).body.token);

  it('lets a demo parent follow 招生考试 and accept reminders', async () => {
    page = await phonePage(browser);
    await page.goto(`${server.baseUrl}/#/pages/mine/index`);
    const mine = page.locator('.e2e-mine:visible');
    const me = page.waitForResponse((r) => r.url().endsWith('/api/v1/parents/me') && r.status() === 200);
    await mine.locator('.e2e-demo-login').click();
    parentId = (await (await me).json()).id;
    await mine.locator('.e2e-parent-name').waitFor();
    await mine.locator('.e2e-mine-subscriptions').click();
    const subs = page.locator('.e2e-subscriptions:visible');
    await subs.locator('.e2e-follow-category-ZSKS[data-on="false"]').click();
    await subs.locator('.e2e-follow-category-ZSKS[data-on="true"]').waitFor();
    expect(await subs.locator('.e2e-subscribe-enable').innerText()).toContain('演示：模拟同意');
    await subs.locator('.e2e-subscribe-enable').click();
    await subs.locator('.e2e-quota[data-template="DEMO_NOTICE"][data-remaining="1"]').waitFor();
    await shot('push-subscriptions');
  });

  it('lets the publisher publish a notice the chain approved, then preview, send and follow its push', async () => {
    const [editor, unitHead, secrecy, leader, publisher] = await Promise.all(['editor', 'unit_head', 'secrecy_reviewer', 'leader', 'publisher'].map(staff));
    noticeId = await throughChain({ editor: editor!, unitHead: unitHead!, secrecy: secrecy!, leader: leader!, publisher: publisher! }, 'approved', TITLE);

    await page.context().close();
    page = await phonePage(browser);
    await page.goto(`${server.baseUrl}/#/packages/staff/pages/login/index`);
    const login = page.locator('.e2e-staff-login:visible');
    await login.locator('.e2e-staff-username input').fill('publisher');
    await login.locator('.e2e-staff-password input').fill(PASSWORD);
    await login.locator('.e2e-staff-submit').click();
    await page.locator('.e2e-staff-home:visible .e2e-staff-name').waitFor();
    await page.goto(`${server.baseUrl}/#/packages/staff/pages/review/index?id=${noticeId}`);
    const review = page.locator('.e2e-review:visible');
    await review.locator('.e2e-publish-now').click();
    await review.locator('.e2e-review-status', { hasText: '已发布' }).waitFor();
    await review.locator('.e2e-review-push').click();

    const push = page.locator('.e2e-push:visible');
    await push.locator('.e2e-push-audience-category.e2e-selected').waitFor();
    await push.locator('.e2e-push-preview').click();
    await push.locator('.e2e-push-preview-value[data-key="thing1"]', { hasText: TITLE }).waitFor();
    expect(await push.locator('.e2e-push-preview-value[data-key="time2"]').innerText()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/);
    await push.locator('.e2e-push-preview-result').scrollIntoViewIfNeeded();
    await shot('push-preview');
    await push.locator('.e2e-push-send').click();

    const report = page.locator('.e2e-push-report:visible');
    await report.locator('.e2e-push-total-sent', { hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    await page.locator('.e2e-push-report:visible[data-finished="true"]').waitFor();
    expect(await report.locator('.e2e-push-progress').getAttribute('data-progress')).toBe('100');
    campaignId = new URL(page.url().replace('/#/', '/')).searchParams.get('id') ?? '';
    expect(campaignId).toMatch(/^\d+$/);
    await shot('push-report');
  });

  it('recorded exactly one subscribe message to the parent, with the title in thing1', async () => {
    const publisher = await staff('publisher');
    const dry = await publisher.get(`/staff/pushes/${campaignId}/dry-run`);
    expect(dry.status).toBe(200);
    const mine = dry.body.items.filter((i: any) => i.parentId === parentId);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ channel: 'subscribe', body: { template_id: 'DEMO_NOTICE', page: `/pages/notice/detail?id=${noticeId}`, data: { thing1: { value: TITLE } } } });
  });
});
