import { NOTICE_STATUS_LABELS, type NoticeStatus } from '@gongkai/shared';
import type { Browser, Locator, Page } from 'playwright-core';
import { desktopPage, launchBrowser, phonePage, screenshot, signInStaff, toastsGone } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';
import { onePagePdf } from '../../support/pdf';

/**
 * The review chain at a desk (1280 × 800): the editor writes a notice with an uploaded PDF and
 * sees it, as parents will, in the phone frame beside the form (and as the public web page); each
 * reviewer opens it from the queue with the frame beside the review panel, approving with the
 * keyboard (A) or the button; the release centre publishes; a parent then reads it with its file.
 * On a phone the same preview is behind 预览, under the form.
 */
jest.setTimeout(240_000);

const PASSWORD = 'demo-password-1';
const TITLE = `关于做好2026年寒假学生安全工作的通知（桌面测试${Date.now() % 100000}）`;
const BODY = '各学校要在放假前开展一次安全教育，落实防溺水、防火、交通安全等要求。';
const PDF_NAME = '寒假安全告家长书.pdf';
const DESK = { width: 1280, height: 800 };

/** Where an element is drawn, failing when it is not. */
async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not drawn');
  return b;
}

describe('H5 staff console at 1280 × 800: one notice through the chain, previewed as parents see it', () => {
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

  const shot = async (name: string) => {
    await toastsGone(page);
    shots.push(await screenshot(page, name));
  };

  async function signIn(username: string): Promise<void> {
    await page?.context().close();
    page = await desktopPage(browser, { viewport: DESK });
    await signInStaff(page, server.baseUrl, username, PASSWORD);
  }

  async function openFromQueue(): Promise<Locator> {
    await page.locator('.e2e-staff-home:visible .e2e-staff-queue-link').click();
    await page.locator(`.e2e-queue:visible .e2e-queue-item[data-id="${noticeId}"]`).first().click();
    const review = page.locator('.e2e-review:visible');
    await review.locator('.e2e-review-log').waitFor();
    return review;
  }

  async function expectStatus(status: NoticeStatus): Promise<void> {
    await page.locator('.e2e-review:visible .e2e-review-status', { hasText: NOTICE_STATUS_LABELS[status] }).waitFor();
  }

  /** The frame beside the panel, showing the notice's title; the panel's approve button carries its key. */
  async function expectPreviewBeside(review: Locator): Promise<void> {
    const frame = review.locator('.e2e-preview-mini');
    expect(await frame.locator('.e2e-detail-title').innerText()).toBe(TITLE);
    const [panel, phone] = [await box(review.locator('.e2e-review-actions')), await box(frame)];
    expect(phone.x).toBeGreaterThanOrEqual(panel.x + panel.width);
    expect(phone.y + phone.height).toBeLessThanOrEqual(DESK.height);
  }

  it('is written by the editor with an attachment, the phone frame beside the form showing it live', async () => {
    await signIn('editor');
    await page.locator('.e2e-staff-home:visible .e2e-staff-compose-link').click();
    const compose = page.locator('.e2e-compose:visible');
    const frame = compose.locator('.e2e-preview-mini');
    await frame.waitFor();
    // No 预览 button at a desk: the preview is always there.
    expect(await compose.locator('.e2e-preview-toggle').count()).toBe(0);

    await compose.locator('.e2e-compose-title input').fill(TITLE);
    await compose.locator('.e2e-category-option-JCJY').click();
    await compose.locator('.e2e-infotype-option-business').click();
    await compose.locator('.e2e-compose-summary textarea').fill('部署寒假期间学生安全工作。');
    await compose.locator('.e2e-compose-block-text textarea').first().fill(BODY);
    await compose.locator('.e2e-compose-upload-input').setInputFiles({ name: PDF_NAME, mimeType: 'application/pdf', buffer: onePagePdf() });
    await compose.locator('.e2e-compose-file').waitFor();

    // The frame shows what was typed, as the parents' detail page draws it.
    expect(await frame.locator('.e2e-phone-frame-title').innerText()).toBe('信息详情');
    expect(await frame.locator('.e2e-detail-title').innerText()).toBe(TITLE);
    expect(await frame.locator('.e2e-notice-body').innerText()).toBe(BODY);
    expect(await frame.locator('.e2e-notice-category').innerText()).toBe('基础教育');
    expect(await frame.locator('.e2e-notice-indexno').innerText()).toBe('发布时生成');
    expect(await frame.locator('.e2e-attachment .gk-attach__name').allInnerTexts()).toEqual([PDF_NAME]);

    // Side by side, both in the window.
    await compose.locator('.e2e-compose-title').scrollIntoViewIfNeeded();
    await shot('staff-1280-compose');
    const [title, phone] = [await box(compose.locator('.e2e-compose-title')), await box(frame)];
    expect(phone.x).toBeGreaterThanOrEqual(title.x + title.width);
    expect(phone.y + phone.height).toBeLessThanOrEqual(DESK.height);

    await compose.locator('.e2e-compose-save').click();
    await compose.locator('.e2e-compose-saved').waitFor();
    noticeId = (await compose.locator('.e2e-compose-saved').getAttribute('data-id')) ?? '';
    expect(noticeId).toMatch(/^\d+$/);

    // 网页: the public page's template, built by the server from the saved draft, in a sandboxed iframe.
    await compose.locator('.e2e-preview-tab-web').click();
    const web = compose.locator('.e2e-web-preview');
    expect(await web.getAttribute('sandbox')).toBe('');
    const site = page.frameLocator('.e2e-compose:visible .e2e-web-preview');
    expect(await site.locator('main h1').innerText()).toBe(TITLE);
    expect(await site.locator('main .body').innerText()).toBe(BODY);
    expect(await site.locator('.attachments a').innerText()).toBe(PDF_NAME);
    expect(await compose.locator('.e2e-web-preview-address').innerText()).toBe(`/gk/notices/${noticeId}`);
    await shot('staff-1280-compose-web');
    await compose.locator('.e2e-preview-tab-mini').click();

    await compose.locator('.e2e-compose-submit').click();
    await expectStatus('unit_review');
  });

  it('is approved by the unit head with the A key, never while typing the opinion', async () => {
    await signIn('unit_head');
    const review = await openFromQueue();
    await expectPreviewBeside(review);
    const approve = review.locator('.e2e-review-approve');
    expect(await approve.getAttribute('aria-keyshortcuts')).toBe('A');
    expect(await approve.locator('.e2e-shortcut-hint').innerText()).toBe('A');
    await shot('staff-1280-review');

    // Typed into the opinion, "a" is a letter, not an approval.
    await review.locator('.e2e-review-opinion textarea').pressSequentially('同意a');
    expect(await review.locator('.e2e-review-opinion textarea').inputValue()).toBe('同意a');
    await review.locator('.e2e-review-title').click();
    await page.keyboard.press('a');
    await expectStatus('secrecy_review');
    expect(await review.locator('.e2e-review-log-opinion').allInnerTexts()).toEqual(['意见：同意a']);
  });

  it('gets its decision from the secrecy reviewer, who also approves with the key', async () => {
    await signIn('secrecy_reviewer');
    const review = await openFromQueue();
    await expectPreviewBeside(review);
    // Without a decision the key is refused on the page, as the button would be.
    await page.keyboard.press('a');
    await review.locator('.e2e-secrecy-error').waitFor();
    await review.locator('.e2e-secrecy-disclosure-proactive').click();
    await page.keyboard.press('a');
    await expectStatus('leader_approval');
  });

  it('is approved by the leader with the button', async () => {
    await signIn('leader');
    const review = await openFromQueue();
    await expectPreviewBeside(review);
    await review.locator('.e2e-review-approve').click();
    await expectStatus('approved');
  });

  it('is published by the release centre', async () => {
    await signIn('publisher');
    const review = await openFromQueue();
    await expectPreviewBeside(review);
    expect(await review.locator('.e2e-publish-now').getAttribute('aria-keyshortcuts')).toBe('P');
    await review.locator('.e2e-publish-now').click();
    await expectStatus('published');
    const log = await review.locator('.e2e-review-log-item').allInnerTexts();
    expect(log).toHaveLength(5);
    // Published: the frame now shows the 索引号 the notice was given.
    expect(await review.locator('.e2e-preview-mini .e2e-notice-indexno').innerText()).not.toBe('发布时生成');
    await shot('staff-1280-published');
  });

  it('on a phone, shows the preview under the form only when 预览 is tapped', async () => {
    await page.context().close();
    page = await phonePage(browser);
    await signInStaff(page, server.baseUrl, 'editor', PASSWORD);
    await page.goto(`${server.baseUrl}/#/packages/staff/pages/compose/index`);
    const compose = page.locator('.e2e-compose:visible');
    await compose.locator('.e2e-compose-title input').fill('手机上写的通知');
    expect(await compose.locator('.e2e-phone-frame').count()).toBe(0);
    await compose.locator('.e2e-preview-toggle').click();
    const frame = compose.locator('.e2e-preview-mini');
    expect(await frame.locator('.e2e-detail-title').innerText()).toBe('手机上写的通知');
    // Under the form, not beside it.
    const [save, phone] = [await box(compose.locator('.e2e-compose-save')), await box(frame)];
    expect(phone.y).toBeGreaterThan(save.y);
    await frame.scrollIntoViewIfNeeded();
    await shot('staff-390-compose-preview');
    await compose.locator('.e2e-preview-toggle').click();
    expect(await compose.locator('.e2e-phone-frame').count()).toBe(0);
  });

  it('is read by a parent with its attachment', async () => {
    await page.context().close();
    page = await phonePage(browser);
    await page.goto(`${server.baseUrl}/#/pages/notice/detail?id=${noticeId}`);
    const detail = page.locator('.e2e-notice-detail:visible');
    await detail.locator('.e2e-attachment').first().waitFor();
    expect(await detail.locator('.e2e-detail-title').innerText()).toBe(TITLE);
    expect(await detail.locator('.e2e-notice-body').innerText()).toBe(BODY);
    expect(await detail.locator('.e2e-attachment .gk-attach__name').allInnerTexts()).toEqual([PDF_NAME]);
    await shot('staff-1280-parent');
  });
});
