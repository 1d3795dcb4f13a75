import { NOTICE_STATUS_LABELS, type NoticeStatus } from '@gongkai/shared';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage, screenshot } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * One notice through the whole chain in the H5 staff pages, one role after another — 信息编辑
 * writes and submits, 科室负责人 approves, 保密审查 decides 主动公开, 分管领导 approves, 信息发布中心
 * publishes — and a parent then finds it in the public list.
 */
jest.setTimeout(180_000);

const PASSWORD = 'demo-password-1';
const TITLE = `关于2026年寒假安全教育的通知（浏览器测试${Date.now() % 100000}）`;

describe('H5 staff pages: the review chain', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let noticeId = '';
  const shots: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: PASSWORD });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
    if (shots.length) console.log(`screenshots:\n${shots.join('\n')}`);
  });

  const shot = async (name: string) => shots.push(await screenshot(page, name));

  /** A fresh browser context per role: each signs in on its own, as on separate phones. */
  async function signIn(username: string): Promise<void> {
    await page?.context().close();
    page = await phonePage(browser);
    await page.goto(`${server.baseUrl}/#/packages/staff/pages/login/index`);
    const login = page.locator('.e2e-staff-login:visible');
    await login.locator('.e2e-staff-username input').fill(username);
    await login.locator('.e2e-staff-password input').fill(PASSWORD);
    await login.locator('.e2e-staff-submit').click();
    await page.locator('.e2e-staff-home:visible .e2e-staff-name').waitFor();
  }

  /** From the staff home, open the queue and the notice under test. */
  async function openFromQueue(): Promise<void> {
    await page.locator('.e2e-staff-home:visible .e2e-staff-queue-link').click();
    await page.locator(`.e2e-queue:visible .e2e-queue-item[data-id="${noticeId}"]`).click();
    await page.locator('.e2e-review:visible .e2e-review-log').waitFor();
  }

  async function expectStatus(status: NoticeStatus): Promise<void> {
    await page.locator('.e2e-review:visible .e2e-review-status', { hasText: NOTICE_STATUS_LABELS[status] }).waitFor();
  }

  async function approve(next: NoticeStatus): Promise<void> {
    await page.locator('.e2e-review:visible .e2e-review-approve').click();
    await expectStatus(next);
  }

  it('is written and submitted by the editor', async () => {
    await signIn('editor');
    await page.locator('.e2e-staff-home:visible .e2e-staff-compose-link').click();
    const compose = page.locator('.e2e-compose:visible');
    await compose.locator('.e2e-compose-title input').fill(TITLE);
    await compose.locator('.e2e-category-option-JCJY').click();
    await compose.locator('.e2e-infotype-option-business').click();
    await compose.locator('.e2e-compose-summary textarea').fill('部署寒假期间学生安全教育工作。');
    await compose.locator('.e2e-compose-block-text textarea').first().fill('各学校要在放假前开展一次**安全教育**，落实防溺水、防火、交通安全等要求。');
    await compose.locator('.e2e-compose-save').click();
    noticeId = (await compose.locator('.e2e-compose-saved').getAttribute('data-id')) ?? '';
    expect(noticeId).toMatch(/^\d+$/);
    await shot('chain-compose');
    await compose.locator('.e2e-compose-submit').click();
    await expectStatus('unit_review');
  });

  it('is approved by the unit head', async () => {
    await signIn('unit_head');
    await openFromQueue();
    await shot('chain-unit-review');
    await approve('secrecy_review');
  });

  it('gets its confidentiality decision from the secrecy reviewer', async () => {
    await signIn('secrecy_reviewer');
    await openFromQueue();
    const review = page.locator('.e2e-review:visible');
    // Without a decision the approval is refused on the page.
    await review.locator('.e2e-review-approve').click();
    await review.locator('.e2e-secrecy-error').waitFor();
    await review.locator('.e2e-secrecy-disclosure-proactive').click();
    await shot('chain-secrecy-review');
    await approve('leader_approval');
  });

  it('is approved by the leader', async () => {
    await signIn('leader');
    await openFromQueue();
    await approve('approved');
  });

  it('is registered and published by the release centre, every step in the log', async () => {
    await signIn('publisher');
    await openFromQueue();
    const review = page.locator('.e2e-review:visible');
    await review.locator('.e2e-publish-now').click();
    await expectStatus('published');
    const log = await review.locator('.e2e-review-log-item').allInnerTexts();
    expect(log).toHaveLength(5);
    for (const [i, step] of ['提交审核', '审核通过', '审核通过', '审核通过', '登记发布'].entries()) expect(log[i]).toContain(step);
    await shot('chain-published');
  });

  it('is then in the parent’s list', async () => {
    await page.context().close();
    page = await phonePage(browser);
    await page.goto(`${server.baseUrl}/`);
    const home = page.locator('.e2e-home:visible');
    await home.locator(`.e2e-latest .e2e-notice-item[data-id="${noticeId}"]`).waitFor();
    expect(await home.locator(`.e2e-latest .e2e-notice-item[data-id="${noticeId}"] .e2e-notice-title`).innerText()).toBe(TITLE);
    await shot('chain-parent-list');
  });
});
