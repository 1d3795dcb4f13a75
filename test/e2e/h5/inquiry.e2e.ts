import { INQUIRY_KINDS, INQUIRY_LIMITS, shanghaiDate } from '@gongkai/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiClient } from '../../support/api-client';
import { launchBrowser, phonePage, screenshot, toastsGone } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The inquiries issue end to end on the embedded demo: a demo parent submits a 咨询 from the home
 * services area and gets a tracking number and a due date (the working-day calculator's answer);
 * the demo inquiry handler (intake unit) accepts it and replies on the staff pages; the parent sees
 * the reply and the timeline in 我的咨询 and rates it 满意, which closes it.
 */
jest.setTimeout(90_000);

const PASSWORD = 'demo-password-1';
const SUBJECT = `小学入学需要准备哪些材料${Date.now() % 1000}`;
const CONTENT = '孩子明年上小学，户籍在本县，请问报名时需要带哪些证件和材料？';
const REPLY = '您好，报名时请携带户口簿、房产证明（或租赁备案）、儿童预防接种证，详见招生公告。';
const COMMENT = '答复清楚，谢谢！';
const CONSULTATION = INQUIRY_KINDS.find((k) => k.code === 'consultation')!;

/** `12月4日`, with the year when it differs from `from`'s (as the page's monthDay does). */
function dayLabel(date: string, from: string): string {
  const [y, m, d] = date.split('-');
  const md = `${Number(m)}月${Number(d)}日`;
  return y !== from.slice(0, 4) ? `${y}年${md}` : md;
}

describe('H5: a parent asks, a handler replies, the parent rates (demo)', () => {
  let server: TestServer;
  let browser: Browser;
  let anon: ApiClient;
  /** The parent's browser: kept open while the handler works elsewhere, so the parent stays signed in. */
  let parentContext: BrowserContext;
  let page: Page;
  let inquiryId = '';
  let trackingNo = '';
  const shots: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: PASSWORD });
    anon = new ApiClient(server.baseUrl);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
    if (shots.length) console.log(`screenshots:\n${shots.join('\n')}`);
  });

  /** Waits out Taro's H5 toast (提交成功, 已处理…) so it does not cover the page in the picture. */
  const shot = async (name: string) => {
    await toastsGone(page);
    shots.push(await screenshot(page, name));
  };

  it('lets a demo parent submit a 咨询 and see its tracking number and due date', async () => {
    expect(CONSULTATION.replyWorkingDays).toBe(3);
    page = await phonePage(browser);
    parentContext = page.context();
    await page.goto(`${server.baseUrl}/#/pages/mine/index`);
    const mine = page.locator('.e2e-mine:visible');
    expect(await mine.locator('.e2e-demo-login').innerText()).toContain('演示登录');
    await mine.locator('.e2e-demo-login').click();
    await mine.locator('.e2e-parent-name').waitFor();

    // As a parent would: the home page's services area → 咨询投诉 → 我要咨询投诉.
    await page.locator('.e2e-tab-home').click();
    await page.locator('.e2e-home:visible .e2e-service-inquiry').click();
    await page.locator('.e2e-service-page-inquiry:visible .e2e-inquiry-ask-link').click();

    const ask = page.locator('.e2e-inquiry-ask:visible');
    await ask.locator('.e2e-ask-kind-consultation').click();
    await ask.locator('.e2e-ask-kind-consultation.e2e-selected').waitFor();
    await ask.locator('.e2e-ask-reply-time', { hasText: `${CONSULTATION.replyWorkingDays}个工作日内答复` }).waitFor();

    await ask.locator('.e2e-ask-subject-count', { hasText: `0/${INQUIRY_LIMITS.subjectMax}` }).waitFor();
    await ask.locator('.e2e-ask-subject input').fill(SUBJECT);
    await ask.locator('.e2e-ask-subject-count', { hasText: `${Array.from(SUBJECT).length}/${INQUIRY_LIMITS.subjectMax}` }).waitFor();
    await ask.locator('.e2e-ask-content-count', { hasText: `0/${INQUIRY_LIMITS.contentMax}` }).waitFor();
    await ask.locator('.e2e-ask-content textarea').fill(CONTENT);
    await ask.locator('.e2e-ask-content-count', { hasText: `${Array.from(CONTENT).length}/${INQUIRY_LIMITS.contentMax}` }).waitFor();

    // The calculator's answer for today (Shanghai), asked right before submitting.
    const today = shanghaiDate(new Date());
    const calc = await anon.get(`/calendar/deadline?from=${today}&workingDays=${CONSULTATION.replyWorkingDays}`);
    expect(calc.status).toBe(200);
    const dueDate: string = calc.body.due.slice(0, 10);
    const skipped = new Set<string>(calc.body.skipped.map((s: { date: string }) => s.date));

    await ask.locator('.e2e-ask-submit').click();
    const result = ask.locator('.e2e-ask-result');
    await result.waitFor();
    inquiryId = (await result.getAttribute('data-id')) ?? '';
    expect(inquiryId).toMatch(/^\d+$/);
    trackingNo = (await result.locator('.e2e-ask-tracking-no').innerText()).trim();
    expect(trackingNo).toMatch(/^ZX\d+-\d{4}$/);

    const deadline = result.locator('.e2e-deadline');
    expect(await deadline.getAttribute('data-due')).toBe(dueDate);
    expect(await deadline.locator('.e2e-deadline-due').innerText()).toContain(dayLabel(dueDate, today));
    // 为什么是这一天: open it unless the result already shows it open.
    if (!(await deadline.locator('.e2e-deadline-explain').isVisible())) await deadline.locator('.e2e-deadline-why').click();
    await deadline.locator('.e2e-deadline-explain').waitFor();
    const counted = await deadline.locator('.e2e-deadline-day').evaluateAll((els) => els.map((e) => e.getAttribute('data-date') ?? ''));
    expect(counted).toHaveLength(CONSULTATION.replyWorkingDays);
    expect(counted[counted.length - 1]).toBe(dueDate);
    for (const d of counted) {
      expect(d > today).toBe(true);
      expect(skipped.has(d)).toBe(false);
    }
    await page.mouse.wheel(0, -2000); // back to the top of the result: 已提交 and the tracking number
    await shot('inquiry-ask-result');
  });

  it('lets the intake unit’s handler find it, accept it and reply', async () => {
    const parentPage = page;
    page = await phonePage(browser); // a context of its own: the handler's phone
    await page.goto(`${server.baseUrl}/#/packages/staff/pages/login/index`);
    const login = page.locator('.e2e-staff-login:visible');
    await login.locator('.e2e-staff-username input').fill('inquiry_handler');
    await login.locator('.e2e-staff-password input').fill(PASSWORD);
    await login.locator('.e2e-staff-submit').click();
    await page.locator('.e2e-staff-home:visible .e2e-staff-name').waitFor();
    await page.locator('.e2e-staff-home:visible .e2e-staff-inquiries-link').click();

    const inbox = page.locator('.e2e-staff-inquiries:visible');
    const item = inbox.locator('.e2e-staff-inquiry-item', { has: page.locator('.e2e-staff-inquiry-tracking', { hasText: trackingNo }) });
    await item.waitFor();
    expect(await item.getAttribute('data-id')).toBe(inquiryId);
    expect(await item.getAttribute('data-status')).toBe('submitted');
    await item.click();

    const detail = page.locator('.e2e-staff-inquiry:visible');
    expect(await detail.locator('.e2e-staff-inquiry-tracking').innerText()).toBe(trackingNo);
    expect(await detail.locator('.e2e-staff-inquiry-subject').innerText()).toBe(SUBJECT);
    await detail.locator('.e2e-action-accept').click();
    await page.locator('.e2e-staff-inquiry:visible[data-status="accepted"]').waitFor();
    await detail.locator('.e2e-reply-text textarea').fill(REPLY);
    await detail.locator('.e2e-action-reply').click();
    await page.locator('.e2e-staff-inquiry:visible[data-status="replied"]').waitFor();
    await detail.locator('.e2e-staff-inquiry-status', { hasText: '已答复' }).waitFor();
    expect(await detail.locator('.e2e-staff-inquiry-reply').innerText()).toContain(REPLY);
    await detail.locator('.e2e-staff-inquiry-reply').scrollIntoViewIfNeeded();
    await shot('inquiry-staff-detail');
    await page.context().close();
    page = parentPage;
  });

  it('shows the parent the reply and the timeline, and takes the rating', async () => {
    // Back on the parent's phone (same context, so the same demo parent), on a fresh page.
    await page.close();
    page = await parentContext.newPage();
    await page.goto(`${server.baseUrl}/#/pages/mine/index`);
    const mine = page.locator('.e2e-mine:visible');
    await mine.locator('.e2e-parent-name').waitFor();
    await mine.locator('.e2e-mine-inquiries').click();

    const item = page.locator(`.e2e-inquiry-mine:visible .e2e-inquiry-item[data-id="${inquiryId}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('replied');
    expect(await item.locator('.e2e-inquiry-tracking').innerText()).toBe(trackingNo);
    await item.click();

    const detail = page.locator('.e2e-inquiry-detail:visible');
    await detail.locator('.e2e-inquiry-reply-text').waitFor();
    expect(await detail.locator('.e2e-inquiry-reply-text').innerText()).toBe(REPLY);
    expect(await detail.locator('.e2e-inquiry-detail-tracking').innerText()).toBe(trackingNo);
    expect(await detail.locator('.e2e-inquiry-steps').getAttribute('data-done')).toBe('3');
    const timeline = detail.locator('.e2e-timeline .e2e-timeline-item');
    expect(await timeline.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual(['submitted', 'accept', 'reply']);
    expect((await detail.locator('.e2e-timeline-label').allInnerTexts()).map((t) => t.trim())).toEqual(['提交', '受理', '答复']);
    expect(await detail.locator('.e2e-timeline-item[data-action="reply"] .e2e-timeline-text').innerText()).toBe(REPLY);

    const rate = detail.locator('.e2e-rate');
    await rate.locator('.e2e-rate-satisfied').click();
    await rate.locator('.e2e-rate-satisfied.e2e-selected').waitFor();
    await rate.locator('.e2e-rate-comment textarea').fill(COMMENT);
    await rate.locator('.e2e-rate-submit').click();

    const rating = detail.locator('.e2e-inquiry-rating[data-rating="satisfied"]');
    await rating.waitFor();
    expect(await rating.innerText()).toContain('满意');
    expect(await rating.innerText()).toContain(COMMENT);
    await page.locator('.e2e-inquiry-detail:visible[data-status="closed"]').waitFor();
    expect(await detail.locator('.e2e-rate').count()).toBe(0);
    expect(await detail.locator('.e2e-reopen').count()).toBe(0);
    expect(await detail.locator('.e2e-inquiry-steps').getAttribute('data-done')).toBe('4');
    await rating.scrollIntoViewIfNeeded();
    await shot('inquiry-parent-rated');
  });

  it('is closed with the rating, as the staff API tells', async () => {
    const login = await anon.post('/auth/staff', { username: 'inquiry_handler', password: PASSWORD });
    expect(login.status).toBe(200);
    const res = await anon.as(login.body.token).get(`/staff/inquiries/${inquiryId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: Number(inquiryId), trackingNo, status: 'closed', reply: { text: REPLY }, rating: { rating: 'satisfied', comment: COMMENT } });
  });
});
