import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { launchBrowser, phonePage, screenshot, signInStaff, toastsGone } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Issue 16's "done when", end to end in the H5 app and the staff pages of the embedded demo: the
 * demo parent asks online; the disclosure handler (another phone) confirms receipt and asks for 补正;
 * the parent supplies it; the handler charges a fee (按量, 35 pages); the parent pays with the
 * demo's labelled simulated payment; the handler drafts a 予以公开 letter; the office head approves
 * it; the parent sees 已答复 with the 文号 and downloads the PDF. Everything is done by tapping the
 * pages; the test only moves the clock (the server's and the phones') between the steps.
 *
 * The deadline at each step, counted by hand on the official 2026 calendar (国办发明电〔2025〕7号:
 * 9月20日 Sunday is a working day, 9月25–27日 中秋, 10月1–7日 国庆, 10月10日 Saturday is a working day):
 * - received Mon 9月14日 → 20 working days from 9月15日: 15–18 (4), 20 (5), 21–24 (9), 28–30 (12),
 *   10月8–10 (15), 12–16 (20) → due 10月16日; a 补正 notice is due within 7: 15–18, 20, 21, 22 → 9月22日.
 * - 补正 asked Tue 9月15日, 15 working days to supply: 16–18, 20–24, 28–30, 10月8–10, 12 → 10月12日.
 * - supplied Thu 9月17日 → the 20 days restart: 18, 20–24, 28–30, 10月8–10, 12–16, 19–21 → due 10月21日.
 * - fee notice Fri 9月18日: that day counts (1 used, 19 left); payable within 20 working days:
 *   20–24, 28–30, 10月8–10, 12–16, 19–22 → 10月22日. On Thu 9月24日, still unpaid: paused, 19 left.
 * - paid Thu 9月24日: 9月19–24日 do not count (5 working days: 20–24), so the due day moves from
 *   10月21日 by 5 working days (22, 23, 26, 27, 28) → 10月28日.
 * - the letter on Fri 10月9日: used 9月18日, 28, 29, 30, 10月8, 9 = 6 → 14 left; due 10月28日.
 */
jest.setTimeout(240_000);

const PASSWORD = 'demo-password-1';
const ID_NUMBER = '11010519491231002X';
const DESCRIPTION = '本县2026年秋季学期义务教育学校招生划片范围及各校招生计划';
const SUPPLEMENT_REQUEST = '请写明所需信息的学段（小学或初中）以及具体学校名称或所在街道。';
const SUPPLEMENT = '初中学段，宝城街道各初中的招生划片范围及2026年秋季招生计划。';
const LETTER_BODY = '经审查，您申请的宝城街道各初中2026年秋季学期招生划片范围及招生计划属于本机关公开的政府信息，现予以公开。';
const LETTER_PROVISION = '以电子文档形式随本答复书通过网上送达。';

describe('H5: 依申请公开 from the application to the reply letter (issue 16’s journey)', () => {
  const clock = new SettableClock(new Date('2026-09-14T09:00:00+08:00'));
  let server: TestServer;
  let browser: Browser;
  let parent: Page;
  let handler: Page;
  let head: Page;
  let requestId = '';
  let trackingNo = '';
  const shots: string[] = [];

  beforeAll(async () => {
    // Tokens live for 30 days: the journey's 26 days fit in one sign-in.
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: PASSWORD, TOKEN_TTL_SECONDS: String(30 * 24 * 3600) }, clock);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
    if (shots.length) console.log(`screenshots:\n${shots.join('\n')}`);
  });

  /**
   * Moves the server's clock and every phone's: the app drops a sign-in whose expiry (server time)
   * has passed by the phone's clock, and the pages write a date's year only when it is not the
   * phone's. Both clocks run on from the time set.
   */
  const contexts: BrowserContext[] = [];
  const at = async (iso: string) => {
    const when = new Date(iso);
    server.clock.set(when);
    for (const context of contexts) await context.clock.setSystemTime(when);
  };
  const phone = async () => {
    const page = await phonePage(browser);
    const context = page.context();
    await context.clock.install({ time: server.clock.now() });
    await context.clock.resume();
    contexts.push(context);
    return page;
  };
  const shot = async (page: Page, name: string) => {
    await toastsGone(page);
    shots.push(await screenshot(page, `disclosure-journey-${name}`));
  };

  /**
   * Opens a page afresh: a `goto` that changes only the hash stays in the running app, whose page
   * stack may still hold the page as it was before the clock moved.
   */
  const freshLoad = async (page: Page, hash: string) => {
    await page.goto(`${server.baseUrl}${hash}`);
    await page.reload();
  };
  const detail = () => parent.locator('.e2e-dc-detail:visible');
  const staffDetail = (page: Page) => page.locator('.e2e-staff-disclosure:visible');
  /** The applicant opens the request again (after the office acted, or the clock moved). */
  const parentReopens = async (status: string) => {
    await freshLoad(parent, '/#/packages/services/pages/disclosure/mine');
    const item = parent.locator(`.e2e-dc-mine:visible .e2e-dc-item[data-id="${requestId}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe(status);
    await item.click();
    await parent.locator(`.e2e-dc-detail:visible[data-status="${status}"]`).waitFor();
  };
  /** A staff member opens the request from the inbox tab given. */
  const staffOpens = async (page: Page, tab: 'open' | 'approval', status: string) => {
    await freshLoad(page, `/#/packages/staff/pages/disclosure/index?tab=${tab}`);
    const item = page.locator('.e2e-staff-disclosures:visible .e2e-staff-disclosure-item', { has: page.locator('.e2e-staff-disclosure-tracking', { hasText: trackingNo }) });
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe(status);
    await item.click();
    await page.locator(`.e2e-staff-disclosure:visible[data-status="${status}"]`).waitFor();
  };
  const deadlineHead = async () => (await detail().locator('.e2e-dc-deadline-head').innerText()).trim();
  const deadlineNote = async () => (await detail().locator('.e2e-dc-deadline-note').innerText()).trim();

  it('Mon 9月14日 09:00: the parent asks online as a natural person, electronic copy, delivered online', async () => {
    parent = await phone();
    await parent.goto(`${server.baseUrl}/#/pages/mine/index`);
    await parent.locator('.e2e-mine:visible .e2e-demo-login').click();
    await parent.locator('.e2e-mine:visible .e2e-parent-name').waitFor();
    await parent.goto(`${server.baseUrl}/#/packages/services/pages/disclosure/index`);
    await parent.locator('.e2e-service-page-disclosure:visible .e2e-dc-apply-link').click();

    const form = parent.locator('.e2e-dc-apply:visible');
    await form.locator('.e2e-dc-type-natural_person').click();
    await form.locator('.e2e-dc-name input').fill('张三');
    await form.locator('.e2e-dc-idtype-resident_id.e2e-selected').waitFor();
    await form.locator('.e2e-dc-id-number input').fill(ID_NUMBER);
    await form.locator('.e2e-dc-phone input').fill('13812345678');
    await form.locator('.e2e-dc-description textarea').fill(DESCRIPTION);
    await form.locator('.e2e-dc-form-electronic').click();
    await form.locator('.e2e-dc-delivery-online').click();
    await form.locator('.e2e-dc-consent').click();
    await form.locator('.e2e-dc-submit').click();

    const result = form.locator('.e2e-dc-result');
    await result.waitFor();
    requestId = (await result.getAttribute('data-id')) ?? '';
    trackingNo = (await result.locator('.e2e-dc-tracking-no').innerText()).trim();
    // YS + the submission day + a sequence.
    expect(trackingNo).toMatch(/^YS20260914\d{3}$/);
    await result.locator('.e2e-dc-view').click();
    await detail().locator('.e2e-dc-status').waitFor();
    expect(await detail().getAttribute('data-status')).toBe('submitted');
    expect(await deadlineHead()).toBe('待工作人员确认收到');
    expect(await detail().locator('.e2e-dc-received').innerText()).toBe('待确认');
    expect(await detail().locator('.e2e-dc-id-masked').innerText()).toBe('1101**********002X');
    await shot(parent, '01-submitted');
  });

  it('09:30: the handler confirms receipt: received 9月14日, due 10月16日, a 补正 notice due by 9月22日', async () => {
    await at('2026-09-14T09:30:00+08:00');
    handler = await phone();
    await signInStaff(handler, server.baseUrl, 'disclosure_handler', PASSWORD);
    await handler.locator('.e2e-staff-home:visible .e2e-staff-disclosures-link').click();
    await staffOpens(handler, 'open', 'submitted');
    const d = staffDetail(handler);
    expect(await d.locator('.e2e-disclosure-channel').innerText()).toBe('网上申请');
    expect(await d.locator('.e2e-disclosure-deadline').getAttribute('data-clock')).toBe('not-started');

    await d.locator('.e2e-action-confirm-receipt').click();
    await handler.locator('.e2e-staff-disclosure:visible[data-status="processing"]').waitFor();
    expect(await d.locator('.e2e-disclosure-received').innerText()).toBe('收到申请日期：2026-09-14');
    expect(await d.locator('.e2e-disclosure-deadline').getAttribute('data-due')).toBe('2026-10-16');
    expect(await d.locator('.e2e-disclosure-due').innerText()).toBe('10月16日前');
    expect(await d.locator('.e2e-disclosure-clock').innerText()).toBe('剩余 20 个工作日');
    expect(await d.locator('.e2e-disclosure-supplement-notice-due').innerText()).toContain('须在9月22日前一次性告知');
    // Whoever confirmed receipt handles it and sees the ID number in full.
    expect(await d.locator('.e2e-disclosure-id-number').innerText()).toBe(`居民身份证：${ID_NUMBER}`);
    await shot(handler, '02-staff-received');

    await parentReopens('processing');
    expect(await detail().locator('.e2e-dc-received').innerText()).toBe('9月14日');
    expect(await detail().locator('.e2e-dc-deadline').getAttribute('data-due')).toBe('2026-10-16');
    expect(await deadlineHead()).toBe('10月16日前答复');
    expect(await deadlineNote()).toBe('剩余 20 个工作日；自9月14日的次日起算 20 个工作日');
    await shot(parent, '03-received');
  });

  it('Tue 9月15日: the handler asks for 补正; the parent is told to supply it by 10月12日 and the clock stops', async () => {
    await at('2026-09-15T10:00:00+08:00');
    await staffOpens(handler, 'open', 'processing');
    const d = staffDetail(handler);
    await d.locator('.e2e-supplement-text textarea').fill(SUPPLEMENT_REQUEST);
    await d.locator('.e2e-action-request-supplement').click();
    await handler.locator('.e2e-staff-disclosure:visible[data-status="supplement_requested"]').waitFor();
    expect(await d.locator('.e2e-disclosure-deadline').getAttribute('data-clock')).toBe('stopped');
    expect(await d.locator('.e2e-disclosure-clock').innerText()).toBe('待补正，答复期限中止（补正到达之日起重新计算）');
    expect(await d.locator('.e2e-disclosure-supplement').innerText()).toContain('补正期限 10月12日');
    await shot(handler, '04-staff-supplement-requested');

    await parentReopens('supplement_requested');
    expect(await detail().locator('.e2e-dc-supplement-request').innerText()).toBe(SUPPLEMENT_REQUEST);
    expect(await detail().locator('.e2e-dc-supplement-due').innerText()).toBe('请于10月12日前补正');
    expect(await detail().locator('.e2e-dc-deadline').getAttribute('data-state')).toBe('stopped');
    expect(await deadlineHead()).toBe('补正期间停止计时');
    expect(await deadlineNote()).toBe('请在10月12日前补正；收到补正材料之日起重新计算 20 个工作日的答复期限。');
    await shot(parent, '05-supplement-requested');
  });

  it('Thu 9月17日: the parent supplies it on the detail page; the 20 days restart: due 10月21日', async () => {
    await at('2026-09-17T14:00:00+08:00');
    await parentReopens('supplement_requested');
    await detail().locator('.e2e-dc-supply-text textarea').fill(SUPPLEMENT);
    await detail().locator('.e2e-dc-supply-submit').click();
    await parent.locator('.e2e-dc-detail:visible[data-status="processing"]').waitFor();
    expect(await detail().locator('.e2e-dc-supplement').getAttribute('data-supplied')).toBe('true');
    expect(await detail().locator('.e2e-dc-supplement-text').innerText()).toBe(SUPPLEMENT);
    expect(await detail().locator('.e2e-dc-supply').count()).toBe(0);
    expect(await detail().locator('.e2e-dc-deadline').getAttribute('data-due')).toBe('2026-10-21');
    expect(await deadlineHead()).toBe('10月21日前答复');
    expect(await deadlineNote()).toBe('剩余 20 个工作日；自9月17日的次日起算 20 个工作日');
    await shot(parent, '06-supplied');
  });

  it('Fri 9月18日: the handler charges 按量 35 pages = 50.00 元; the clock pauses with 19 working days left', async () => {
    await at('2026-09-18T10:00:00+08:00');
    await staffOpens(handler, 'open', 'processing');
    const d = staffDetail(handler);
    expect(await d.locator('.e2e-disclosure-supplied').innerText()).toContain(SUPPLEMENT);
    expect(await d.locator('.e2e-disclosure-due').innerText()).toBe('10月21日前');
    // 9月18日 is counted as the first day after the supplement arrived.
    expect(await d.locator('.e2e-disclosure-clock').innerText()).toBe('剩余 19 个工作日');

    const charge = d.locator('.e2e-fee-charge');
    await charge.locator('.e2e-fee-method-volume').click();
    await charge.locator('.e2e-fee-count input').fill('35');
    await charge.locator('.e2e-fee-preview-amount', { hasText: '试算金额 50.00 元' }).waitFor();
    await charge.locator('.e2e-action-charge-fee').click();
    await handler.locator('.e2e-staff-disclosure:visible[data-status="fee_pending"]').waitFor();
    const fee = d.locator('.e2e-disclosure-fee');
    await fee.waitFor();
    expect(await fee.getAttribute('data-status')).toBe('issued');
    expect(await fee.locator('.e2e-disclosure-fee-amount').innerText()).toBe('50.00 元');
    expect(await fee.innerText()).toContain('通知日期：2026-09-18');
    expect(await fee.innerText()).toContain('缴费期限：2026-10-22');
    expect(await d.locator('.e2e-disclosure-deadline').getAttribute('data-clock')).toBe('paused');
    expect(await d.locator('.e2e-disclosure-clock').innerText()).toBe('已暂停（缴费期间不计入）');
    await shot(handler, '07-staff-fee-charged');
  });

  it('Thu 9月24日, still unpaid: the parent sees the fee, 已暂停 and 19 working days left', async () => {
    await at('2026-09-24T09:00:00+08:00');
    await parentReopens('fee_pending');
    const fee = detail().locator('.e2e-dc-fee');
    expect(await fee.getAttribute('data-status')).toBe('issued');
    expect(await fee.getAttribute('data-amount-fen')).toBe('5000');
    expect(await fee.locator('.e2e-dc-fee-amount').innerText()).toBe('50.00 元');
    expect(await fee.locator('.e2e-dc-fee-status').innerText()).toBe('待缴费');
    expect(await fee.locator('.e2e-dc-fee-due').innerText()).toBe('10月22日前');
    expect(await fee.locator('.e2e-fee-band').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-from'), r.getAttribute('data-to'), r.getAttribute('data-count'), r.getAttribute('data-subtotal-fen')].join('/')))).toEqual([
      '1/30/30/0',
      '31/100/5/5000',
    ]);
    expect(await detail().locator('.e2e-dc-deadline').getAttribute('data-state')).toBe('paused');
    expect(await detail().locator('.e2e-dc-deadline').getAttribute('data-due')).toBe('');
    expect(await deadlineHead()).toBe('已暂停计时（待缴费）');
    expect(await deadlineNote()).toBe('剩余 19 个工作日；自发出收费通知至缴费之日不计算在答复期限内');
    await fee.locator('.e2e-dc-pay').scrollIntoViewIfNeeded();
    await shot(parent, '08-fee-pending');
  });

  it('10:00: the parent pays with the demo’s simulated payment; the due day moves to 10月28日', async () => {
    await at('2026-09-24T10:00:00+08:00');
    const fee = detail().locator('.e2e-dc-fee');
    expect(await fee.locator('.e2e-dc-pay').innerText()).toBe('支付 50.00 元');
    await fee.locator('.e2e-dc-pay').click();
    await parent.locator('.e2e-dc-detail:visible[data-status="processing"]').waitFor();
    const simulated = detail().locator('.e2e-dc-simulated');
    expect(await simulated.innerText()).toMatch(/^演示环境：模拟支付成功（2026-09-24 10:00.*），未发生真实扣款。$/);
    expect(await fee.getAttribute('data-status')).toBe('paid');
    expect(await fee.locator('.e2e-dc-fee-status').innerText()).toBe('已缴费');
    expect(await fee.locator('.e2e-dc-pay').count()).toBe(0);
    expect(await detail().locator('.e2e-dc-deadline').getAttribute('data-due')).toBe('2026-10-28');
    expect(await deadlineHead()).toBe('10月28日前答复');
    expect(await deadlineNote()).toBe('剩余 19 个工作日；自9月17日的次日起算 20 个工作日');
    await detail().locator('.e2e-dc-deadline').scrollIntoViewIfNeeded();
    await shot(parent, '09-paid');
  });

  it('Fri 10月9日: the handler sees 10月28日 with 14 days left and drafts a 予以公开 letter', async () => {
    await at('2026-10-09T10:00:00+08:00');
    await staffOpens(handler, 'open', 'processing');
    const d = staffDetail(handler);
    expect(await d.locator('.e2e-disclosure-fee').getAttribute('data-status')).toBe('paid');
    expect(await d.locator('.e2e-disclosure-due').innerText()).toBe('10月28日前');
    expect(await d.locator('.e2e-disclosure-clock').innerText()).toBe('剩余 14 个工作日');

    const draft = d.locator('.e2e-letter-draft');
    await draft.locator('.e2e-letter-outcome-granted').click();
    await draft.locator('.e2e-letter-body textarea').fill(LETTER_BODY);
    await draft.locator('.e2e-letter-provision textarea').fill(LETTER_PROVISION);
    await draft.locator('.e2e-action-draft-letter').click();
    await handler.locator('.e2e-staff-disclosure:visible[data-status="letter_pending"]').waitFor();
    const letter = d.locator('.e2e-disclosure-letter');
    expect(await letter.getAttribute('data-status')).toBe('draft');
    expect(await letter.locator('.e2e-disclosure-letter-outcome').innerText()).toBe('答复结果：予以公开');
    // The author cannot approve their own letter.
    expect(await letter.locator('.e2e-action-approve-letter').count()).toBe(0);
    await shot(handler, '10-staff-letter-drafted');
  });

  it('11:00: the office head approves it from 待我审批; it is numbered 昌教依复〔2026〕1号', async () => {
    await at('2026-10-09T11:00:00+08:00');
    head = await phone();
    await signInStaff(head, server.baseUrl, 'disclosure_head', PASSWORD);
    await head.locator('.e2e-staff-home:visible .e2e-staff-disclosure-approval-link').click();
    await head.locator('.e2e-staff-disclosures:visible .e2e-disclosures-tab-approval.e2e-selected').waitFor();
    await staffOpens(head, 'approval', 'letter_pending');
    const d = staffDetail(head);
    await d.locator('.e2e-action-approve-letter').click();
    await head.locator('.e2e-staff-disclosure:visible[data-status="answered"]').waitFor();
    const letter = d.locator('.e2e-disclosure-letter');
    expect(await letter.getAttribute('data-status')).toBe('approved');
    expect(await letter.locator('.e2e-disclosure-letter-number').innerText()).toBe('文号：昌教依复〔2026〕1号');
    expect(await d.locator('.e2e-disclosure-deadline').getAttribute('data-clock')).toBe('finished');
    await shot(head, '11-staff-letter-approved');
  });

  it('the parent sees 已答复 with the 文号 and downloads the PDF', async () => {
    await parentReopens('answered');
    expect(await detail().locator('.e2e-dc-status').innerText()).toBe('已答复');
    expect(await detail().locator('.e2e-dc-outcome').innerText()).toBe('予以公开');
    expect(await deadlineHead()).toBe('已答复');
    const letter = detail().locator('.e2e-dc-letter');
    expect(await letter.getAttribute('data-outcome')).toBe('granted');
    expect(await letter.locator('.e2e-dc-letter-outcome').innerText()).toBe('予以公开');
    expect(await letter.locator('.e2e-dc-letter-number').innerText()).toBe('昌教依复〔2026〕1号');
    expect(await letter.innerText()).toContain('2026-10-09');
    const actions = await detail().locator('.e2e-timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(['submitted', 'confirm_receipt', 'request_supplement', 'supply', 'charge_fee', 'fee_paid', 'letter_sent']);
    await letter.scrollIntoViewIfNeeded();
    await shot(parent, '12-answered');

    const [download] = await Promise.all([parent.waitForEvent('download'), letter.locator('.e2e-dc-letter-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`答复书-${trackingNo}.pdf`);
    const path = await download.path();
    const bytes = await import('node:fs/promises').then((fs) => fs.readFile(path));
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
  });
});
