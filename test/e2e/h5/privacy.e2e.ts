import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PRIVACY_NOTICE } from '@gongkai/shared';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from '../../support/api-client';
import { PRIVACY_DEVICE_KEY, launchBrowser, phonePage, screenshot, toastsGone } from '../../support/browser';
import { png } from '../../support/inquiry-builders';
import { whereFound } from '../../support/personal-data-walk';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The privacy issue's "done when", in the H5 app on the embedded demo: on a fresh device the
 * privacy pop-up shows; the parent opens the full notice, comes back and agrees; signs in (demo),
 * asks a question with a photo and a phone number; opens 我的信息 and finds them there; downloads
 * the export; cancels the account (注销). Afterwards no table holds the phone, the photo (its bytes
 * or their sha256) or the account's openid, and the app shows the parent signed out.
 */
jest.setTimeout(120_000);

const PASSWORD = 'demo-password-1';
const PHONE = '13912345678';
const SUBJECT = `孩子转学手续咨询${Date.now() % 1000}`;
const CONTENT = '孩子今年九月想从城关小学转到实验小学，请问需要办理哪些手续？';
/** A real PNG (the server keeps it re-encoded: its stored bytes are fetched back below). */
const PHOTO = png(3, 3, 300 + (Date.now() % 97));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The raw places (`table.column`) holding one of the texts (a blob also by its sha256). */
const tablesHolding = async (server: TestServer, texts: string[]) =>
  (await whereFound(server, texts.map((text) => ({ label: 'x', text })), { raw: true })).map((w) => w.replace(/: x$/, ''));
/** The tables whose entities (decrypted) hold one of the texts. */
const entitiesHolding = async (server: TestServer, texts: string[]) => [
  ...new Set((await whereFound(server, texts.map((text) => ({ label: 'x', text })))).filter((w) => w.endsWith(' (entity): x')).map((w) => w.split('.')[0]!)),
];

describe('H5: privacy notice, consent, a question with a photo, 我的信息, export and 注销 (demo)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let token = '';
  let inquiryId = '';
  let trackingNo = '';
  let photoId = '';
  /** The sha256 of the photo as the server stores it. */
  let photoSha256 = '';
  let openid: string | null = null;
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

  /** Waits out Taro's H5 toast so it does not cover the page in the picture. */
  const shot = async (name: string) => {
    await toastsGone(page);
    shots.push(await screenshot(page, name));
  };

  /** What the app keeps in localStorage (Taro's `{data}` wrapping). */
  const stored = async (key: string): Promise<string | null> => {
    const raw = await page.evaluate((k) => (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem(k), key);
    if (raw === null) return null;
    return (JSON.parse(raw) as { data: string }).data;
  };

  it('shows a parent who comes back before deciding the server’s summary from the first visit at once, even when it cannot be reached', async () => {
    const first = await phonePage(browser, { privacy: 'fresh' });
    try {
      await first.goto(`${server.baseUrl}/#/pages/index/index`);
      await first.locator('.e2e-privacy-popup:visible .e2e-privacy-summary', { hasText: '测试县教育局' }).waitFor();
      // Back later with the notice unreachable (a weak signal): the pop-up still shows the server's text, not the built-in one.
      await first.route('**/api/v1/privacy/notice', (route) => route.abort());
      await first.reload();
      const summary = first.locator('.e2e-privacy-popup:visible .e2e-privacy-summary');
      await summary.waitFor();
      expect(await summary.innerText()).toContain('测试县教育局');
    } finally {
      await first.context().close();
    }
  });

  it('shows the privacy pop-up on a fresh device; the parent reads the full notice and agrees', async () => {
    page = await phonePage(browser, { privacy: 'fresh' });
    await page.goto(`${server.baseUrl}/#/pages/index/index`);
    const popup = page.locator('.e2e-privacy-popup:visible');
    await popup.waitFor();
    expect(await popup.getAttribute('data-reason')).toBe('first-visit');
    // The server's notice summary, naming this deployment's controller.
    await popup.locator('.e2e-privacy-summary', { hasText: '测试县教育局' }).waitFor();
    expect(await popup.locator('.e2e-privacy-refusal-note').innerText()).toContain('浏览、查询公开信息不受影响');
    await shot('privacy-popup');

    await popup.locator('.e2e-privacy-open-notice').click();
    const notice = page.locator('.e2e-privacy-notice:visible');
    await notice.locator('.e2e-notice-title').waitFor();
    expect(await notice.getAttribute('data-version')).toBe(PRIVACY_NOTICE.version);
    expect(await notice.locator('.e2e-notice-controller').innerText()).toBe('个人信息处理者：测试县教育局');
    expect(await notice.locator('.e2e-notice-contact').innerText()).toBe('联系方式：测试县教育局办公室 0536-0000000');
    expect(await notice.locator('.e2e-notice-item[data-kind="phone"]').innerText()).toContain('联系电话');
    expect(await notice.locator('.e2e-notice-api').count()).toBeGreaterThan(0);
    await shot('privacy-notice');

    await page.goBack();
    await popup.waitFor(); // still asking on the page the parent came from
    await popup.locator('.e2e-privacy-agree').click();
    await page.locator('.e2e-privacy-popup').first().waitFor({ state: 'hidden' });
    expect(JSON.parse((await stored(PRIVACY_DEVICE_KEY)) ?? '{}')).toMatchObject({ version: PRIVACY_NOTICE.version, agreed: true });
  });

  it('signs in (demo) without asking again and records the account’s consent from this device', async () => {
    await page.locator('.e2e-tab-mine').click();
    const mine = page.locator('.e2e-mine:visible');
    await mine.locator('.e2e-demo-login').click();
    await mine.locator('.e2e-parent-name').waitFor();
    expect(await page.locator('.e2e-privacy-popup:visible').count()).toBe(0);
    token = (JSON.parse((await stored('gongkai.token.parent')) ?? '{}') as { token?: string }).token ?? '';
    expect(token).not.toBe('');

    const consents = await new ApiClient(server.baseUrl).as(token).get('/parents/me/consents');
    expect(consents.status).toBe(200);
    expect(consents.body.notice).toMatchObject({ currentVersion: PRIVACY_NOTICE.version, agreedVersion: PRIVACY_NOTICE.version, needsAgreement: false });
    expect(consents.body.history[0]).toMatchObject({ kind: 'privacy_notice', granted: true, version: PRIVACY_NOTICE.version, channel: 'h5' });
  });

  it('asks a question with a photo and a phone number', async () => {
    await page.locator('.e2e-tab-home').click();
    await page.locator('.e2e-home:visible .e2e-service-inquiry').click();
    await page.locator('.e2e-service-page-inquiry:visible .e2e-inquiry-ask-link').click();
    const ask = page.locator('.e2e-inquiry-ask:visible');
    await ask.locator('.e2e-ask-kind-consultation').click();
    await ask.locator('.e2e-ask-subject input').fill(SUBJECT);
    await ask.locator('.e2e-ask-content textarea').fill(CONTENT);
    await ask.locator('.e2e-ask-phone input').fill(PHONE);

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), ask.locator('.e2e-ask-add-photo').click()]);
    await chooser.setFiles({ name: 'school-notice.png', mimeType: 'image/png', buffer: PHOTO });
    await ask.locator('.e2e-ask-photo[data-uploaded="true"]').waitFor();
    await shot('privacy-ask');

    await ask.locator('.e2e-ask-submit').click();
    const result = ask.locator('.e2e-ask-result');
    await result.waitFor();
    inquiryId = (await result.getAttribute('data-id')) ?? '';
    trackingNo = (await result.locator('.e2e-ask-tracking-no').innerText()).trim();
    expect(trackingNo).toMatch(/^ZX\d+-\d{4}$/);

    const view = await new ApiClient(server.baseUrl).as(token).get(`/parents/me/inquiries/${inquiryId}`);
    expect(view.status).toBe(200);
    // The parent's own view masks the number (139****5678); 我的信息 and the export show it whole.
    expect(view.body.phone).toBe('139****5678');
    expect(view.body.photos).toHaveLength(1);
    photoId = view.body.photos[0].id;
    const stored = await fetch(`${server.baseUrl}/api/v1/inquiries/photos/${photoId}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(stored.status).toBe(200);
    photoSha256 = sha256(Buffer.from(await stored.arrayBuffer()));
    // Stored now: the sha256 beside the photo and in its file's row, and the photo's bytes in the object store.
    expect((await tablesHolding(server, [photoSha256])).sort()).toEqual(['inquiry_photo.sha256', 'object store', 'stored_file.sha256']);
  });

  it('shows the question and the phone in 我的信息 and downloads the export with them', async () => {
    // 我的 is a tab page: the ask page (a subpackage page) has no tab bar.
    await page.goto(`${server.baseUrl}/#/pages/mine/index`);
    await page.locator('.e2e-mine:visible .e2e-mine-mydata').click();
    const my = page.locator('.e2e-privacy-mydata:visible');
    const inquiries = my.locator('.e2e-mydata-section[data-key="inquiries"]');
    await inquiries.waitFor();
    const text = await inquiries.innerText();
    expect(text).toContain(trackingNo);
    expect(text).toContain(PHONE);
    expect(await my.locator('.e2e-mydata-name').innerText()).toBe('演示家长');
    expect(await my.locator('.e2e-consent[data-kind="privacy_notice"]').getAttribute('data-granted')).toBe('true');
    await shot('privacy-mydata');

    const [download] = await Promise.all([page.waitForEvent('download'), my.locator('.e2e-mydata-download').click()]);
    expect(download.suggestedFilename()).toMatch(/^我的信息-\d{8}\.json$/);
    const file = readFileSync((await download.path())!, 'utf8');
    const exported = JSON.parse(file) as { parentId: number; noticeVersion: string; sections: { key: string; records: Record<string, unknown>[] }[] };
    expect(exported.noticeVersion).toBe(PRIVACY_NOTICE.version);
    expect(file).toContain(PHONE);
    expect(file).toContain(photoId);
    expect(file).toContain(trackingNo);
    const account = exported.sections.find((s) => s.key === 'account')?.records[0];
    openid = typeof account?.openid === 'string' ? account.openid : null;
  });

  it('cancels the account in two steps; afterwards no table holds the phone, the photo or the openid, and the app is signed out', async () => {
    const my = page.locator('.e2e-privacy-mydata:visible');
    await my.locator('.e2e-cancel-start').click();
    const explain = my.locator('.e2e-cancel-explain');
    await explain.waitFor();
    expect(await explain.innerText()).toContain('依法保留');
    await my.locator('.e2e-cancel-next').scrollIntoViewIfNeeded();
    await shot('privacy-cancel-explain');
    await my.locator('.e2e-cancel-next').click();
    await my.locator('.e2e-cancel-confirm').click();

    const done = page.locator('.e2e-cancelled:visible');
    await done.waitFor();
    expect(await done.innerText()).toContain('账号已注销');
    await shot('privacy-cancelled');
    expect(await stored('gongkai.token.parent')).toBeNull();

    // The photo is its bytes (blobs are compared by their sha256) and the sha256 kept beside them.
    expect(photoSha256).toMatch(/^[0-9a-f]{64}$/);
    const needles = [PHONE, photoSha256, ...(openid ? [openid] : [])];
    expect(await tablesHolding(server, needles)).toEqual([]);
    expect(await entitiesHolding(server, needles)).toEqual([]);
    // The old token no longer works.
    expect((await new ApiClient(server.baseUrl).as(token).get('/parents/me')).status).toBe(401);

    await done.locator('.e2e-cancelled-home').click();
    const mine = page.locator('.e2e-mine:visible');
    await mine.locator('.e2e-parent-state', { hasText: '未登录' }).waitFor();
    await mine.locator('.e2e-demo-login').waitFor();
    await shot('privacy-signed-out');
  });
});
