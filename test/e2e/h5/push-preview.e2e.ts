import type { Browser, Locator, Page } from 'playwright-core';
import { ApiClient } from '../../support/api-client';
import { throughChain } from '../../support/review-chain';
import { desktopPage, launchBrowser, phonePage, screenshot, signInStaff } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The push preview in the words a staff member reads: each channel's message drawn as the phone
 * shows it (the template's title, its keyword names, the values as sent, where a tap leads) and
 * under it what was cut, how the time reads and what cannot be sent — never a field key. On a
 * phone the preview follows the form; at 1280 × 800 it stands beside it.
 */
jest.setTimeout(180_000);

const PASSWORD = 'demo-password-1';
/** 31 characters: a subscribe message's 标题 keeps 19 and '…'. */
const TITLE = '关于做好2027年全县初中学业水平考试报名工作的通知（第二批）';
const SENT_TITLE = '关于做好2027年全县初中学业水平考试…';
/** The official account's template, with the keyword names it shows; the demo has no mini-program, so it opens nothing. */
const OA_TEMPLATES = [
  { id: 'OA_NOTICE', name: '信息公开提醒', fields: { thing1: 'thing', time2: 'time', thing3: 'thing' }, labels: { thing1: '信息标题', time2: '公开时间', thing3: '公开单位' } },
];
/** Field keys and notice field names: none may be on screen. */
const KEYS = /thing\d|time\d|date\d|phrase\d|character_string\d|keyword\d|publishedAt|unitName|categoryName|indexNo|summary|DEMO_NOTICE|OA_NOTICE/;

describe('H5: the push preview in words', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let noticeId = 0;
  let unitName = '';
  const shots: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: PASSWORD, WECHAT_OA_TEMPLATES: JSON.stringify(OA_TEMPLATES) });
    // Published at 09:30 Beijing time (01:30 UTC): the message says so. The clock goes back to the real time after,
    // as the browser judges its sign-in by its own clock.
    server.clock.set(new Date('2026-12-06T01:30:05Z'));
    const anon = new ApiClient(server.baseUrl);
    const staff = async (username: string) => anon.as((await anon.post('/auth/staff', { username, password: PASSWORD })).body.token);
    const [editor, unitHead, secrecy, leader, publisher] = await Promise.all(['editor', 'unit_head', 'secrecy_reviewer', 'leader', 'publisher'].map(staff));
    noticeId = await throughChain({ editor: editor!, unitHead: unitHead!, secrecy: secrecy!, leader: leader!, publisher: publisher! }, 'published', TITLE);
    const notice = (await publisher!.get(`/staff/notices/${noticeId}`)).body;
    expect(notice.status).toBe('published');
    server.clock.set(new Date());
    unitName = (await anon.get('/units')).body.find((u: { code: string }) => u.code === notice.unitCode).name;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
    if (shots.length) console.log(`screenshots:\n${shots.join('\n')}`);
  });

  const texts = (l: Locator) => l.allInnerTexts().then((all) => all.map((t) => t.trim()));
  const card = (push: Locator, channel: string) => push.locator(`.e2e-push-preview-result[data-current="true"] .e2e-push-card[data-channel="${channel}"]`);

  async function openPush(p: Page): Promise<Locator> {
    await signInStaff(p, server.baseUrl, 'publisher', PASSWORD);
    await p.goto(`${server.baseUrl}/#/packages/staff/pages/push/index?id=${noticeId}`);
    const push = p.locator('.e2e-push:visible');
    // The preview follows the form without a tap.
    await card(push, 'subscribe').waitFor();
    return push;
  }

  it('shows the subscribe message as the phone shows it, and what staff must know, in words (390 × 844)', async () => {
    page = await phonePage(browser);
    const push = await openPush(page);
    const sub = card(push, 'subscribe');
    expect(await sub.locator('.e2e-push-card-title').innerText()).toBe('新信息发布提醒');
    expect(await texts(sub.locator('.e2e-push-card-label'))).toEqual(['通知标题', '发布时间', '发布单位']);
    expect(await texts(sub.locator('.e2e-push-preview-value'))).toEqual([SENT_TITLE, '2026年12月6日 09:30', unitName]);
    expect(await sub.innerText()).toContain('进入小程序查看详情');
    expect(await sub.locator('.e2e-push-card-opens').innerText()).toBe(`点击查看：${TITLE}`);
    expect(await texts(sub.locator('.e2e-push-preview-changed'))).toEqual([`通知标题超过20个字，发送时截为：“${SENT_TITLE}”`]);
    expect(await texts(sub.locator('.e2e-push-preview-time'))).toEqual(['发布时间按北京时间显示为 2026年12月6日 09:30']);
    expect(await sub.locator('.e2e-push-card-verdict').innerText()).toBe('可以发送：每项都符合模板要求');

    // The mapping form names each field as the template does, and where its content comes from.
    expect(await texts(push.locator('.e2e-push-field-label'))).toEqual(['通知标题', '发布时间', '发布单位']);
    expect(await push.locator('.e2e-push-field-time2 .e2e-selected').innerText()).toBe('发布时间');
    expect(await push.innerText()).not.toMatch(KEYS);

    await push.locator('.e2e-push-preview-result').scrollIntoViewIfNeeded();
    shots.push(await screenshot(page, 'staff-push-preview'));
  });

  it('adds the official-account message, names what cannot be sent and will not send it', async () => {
    const push = page.locator('.e2e-push:visible');
    await push.locator('.e2e-push-channel-template').click();
    const oa = card(push, 'template');
    await oa.waitFor();
    expect(await oa.locator('.e2e-push-card-title').innerText()).toBe('信息公开提醒');
    // Both templates fill the same keys: one row each, with both names.
    expect(await texts(push.locator('.e2e-push-field-label'))).toEqual(['通知标题 / 信息标题', '发布时间 / 公开时间', '发布单位 / 公开单位']);
    expect(await texts(oa.locator('.e2e-push-card-label'))).toEqual(['信息标题', '公开时间', '公开单位']);
    expect(await texts(oa.locator('.e2e-push-preview-value'))).toEqual([SENT_TITLE, '2026年12月6日 09:30', unitName]);
    expect(await oa.locator('.e2e-push-card-opens').innerText()).toBe('点击后不打开页面（未配置小程序）');
    expect(await oa.innerText()).not.toContain('进入小程序查看详情');

    // The time written by hand, left empty: both messages say so, and sending is refused on the page.
    const time = push.locator('.e2e-push-field-time2');
    await time.locator('.e2e-push-source-text').click();
    await push.locator('.e2e-push-preview-result[data-current="true"] .e2e-push-preview-problem').first().waitFor();
    expect(await texts(card(push, 'subscribe').locator('.e2e-push-preview-problem'))).toEqual(['缺少发布时间，无法发送']);
    expect(await texts(card(push, 'template').locator('.e2e-push-preview-problem'))).toEqual(['缺少公开时间，无法发送']);
    expect(await card(push, 'subscribe').locator('.e2e-push-card-verdict').innerText()).toBe('有 1 项无法发送，请先修改');
    await push.locator('.e2e-push-send').click();
    expect(await push.locator('.e2e-push-blocked').innerText()).toBe('预览中有无法发送的项，请先修改');
    expect(page.url()).toContain('/push/index');

    // Written by hand, it is sent as written.
    await time.locator('.e2e-push-field-text input').fill('2026-12-08 08:00');
    await card(push, 'subscribe').locator('.e2e-push-preview-value[data-key="time2"]', { hasText: '2026-12-08 08:00' }).waitFor();
    expect(await card(push, 'subscribe').locator('.e2e-push-preview-problem').count()).toBe(0);
    expect(await push.innerText()).not.toMatch(KEYS);
  });

  it('stands the preview beside the form at 1280 × 800', async () => {
    await page.context().close();
    page = await desktopPage(browser, { viewport: { width: 1280, height: 800 } });
    const push = await openPush(page);
    const form = await push.locator('.gk-push__form').boundingBox();
    const aside = await push.locator('.gk-push__aside').boundingBox();
    expect(form && aside).toBeTruthy();
    // Side by side: the preview starts right of the form, at the same height.
    expect(aside!.x).toBeGreaterThanOrEqual(form!.x + form!.width);
    expect(Math.abs(aside!.y - form!.y)).toBeLessThan(8);
    expect(await texts(card(push, 'subscribe').locator('.e2e-push-preview-value'))).toEqual([SENT_TITLE, '2026年12月6日 09:30', unitName]);
    expect(await push.innerText()).not.toMatch(KEYS);
    shots.push(await screenshot(page, 'staff-1280-push'));
  });
});
