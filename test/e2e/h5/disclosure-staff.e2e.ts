import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage, screenshot, signInStaff, toastsGone } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The staff side of 依申请公开 on its own, against the embedded demo: the demo disclosure handler
 * signs in and finds the entries on the staff home (not the head's 待我审批), opens the inbox, and
 * enters a request that arrived by post: the form says the channel's receipt rule, refuses an
 * empty form field by field, a future receipt date and a mistyped ID number, and afterwards shows
 * the tracking number and the verification code to hand over. The head sees 待我审批. The whole
 * journey (补正, fee, letter) is the lead's test.
 */
jest.setTimeout(120_000);

const PASSWORD = 'demo-password-1';
/** A resident ID whose check digit is right (GB 11643), and the same with its last digit changed. */
const GOOD_ID = '370725198506120022';
const BAD_ID = '370725198506120023';

describe('H5: 依申请公开 staff pages', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let trackingNo = '';
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
  const home = () => page.locator('.e2e-staff-home:visible');
  const inbox = () => page.locator('.e2e-staff-disclosures:visible');
  const enter = () => page.locator('.e2e-staff-disclosure-enter:visible');
  const fieldError = (hook: string) => enter().locator('.gk-form-field', { has: page.locator(hook) }).locator('.e2e-field-error');

  it('shows the disclosure handler the 依申请公开 entries of their role, and an inbox with 待办 / 已办结 / 全部', async () => {
    page = await phonePage(browser);
    await signInStaff(page, server.baseUrl, 'disclosure_handler', PASSWORD);
    await home().locator('.e2e-staff-disclosures-link').waitFor();
    expect(await home().locator('.e2e-staff-disclosure-enter-link').count()).toBe(1);
    expect(await home().locator('.e2e-staff-disclosure-challenges-link').count()).toBe(1);
    // 待我审批 is the office head's.
    expect(await home().locator('.e2e-staff-disclosure-approval-link').count()).toBe(0);
    // The overdue count comes from /staff/disclosure/alerts: none in a fresh demo.
    await home().locator('.e2e-staff-disclosures-overdue', { hasText: '超期 0' }).waitFor();

    await home().locator('.e2e-staff-disclosures-link').click();
    await inbox().waitFor();
    expect(await inbox().locator('.e2e-disclosures-tab').allInnerTexts()).toEqual(['待办', '已办结', '全部']);
    expect(await inbox().locator('.e2e-disclosures-tab-open').getAttribute('class')).toContain('e2e-selected');
    // The demo's open requests: the letter waiting for the head (less time left), one being handled, one to confirm.
    await inbox().locator('.e2e-staff-disclosure-item').first().waitFor();
    expect(await inbox().locator('.e2e-staff-disclosure-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['letter_pending', 'processing', 'submitted']);
    await shot('disclosure-staff-inbox');
  });

  it('refuses an empty entry field by field and says the receipt rule of the channel chosen', async () => {
    await inbox().locator('.e2e-disclosure-enter-link').click();
    await enter().waitFor();
    await enter().locator('.e2e-enter-submit').click();
    expect(await fieldError('.e2e-enter-channel-post').innerText()).toBe('请选择申请方式');
    expect(await fieldError('.e2e-enter-type-natural_person').innerText()).toBe('请选择申请人类型');
    expect(await fieldError('.e2e-enter-phone').innerText()).toBe('请填写联系电话');
    expect(await fieldError('.e2e-enter-description').innerText()).toBe('请描述所需信息（名称、文号或便于查找的特征）');
    expect(await fieldError('.e2e-enter-form-paper').innerText()).toBe('请选择信息的提供形式');
    expect(await fieldError('.e2e-enter-delivery-post').innerText()).toBe('请选择获取信息的方式');
    // The staff entry has no consent box: the applicant signed the paper form.
    expect(await enter().locator('.e2e-field-error', { hasText: '个人信息处理说明' }).count()).toBe(0);
    await shot('disclosure-staff-enter-errors');

    await enter().locator('.e2e-enter-channel-post').click();
    expect(await enter().locator('.e2e-enter-receipt-rule').innerText()).toBe('以签收之日为收到申请之日');
    await enter().locator('.gk-form-field__label', { hasText: '签收日期' }).waitFor();
    await enter().locator('.e2e-enter-channel-fax').click();
    expect(await enter().locator('.e2e-enter-receipt-rule').innerText()).toBe('以双方确认之日为收到申请之日');
    await enter().locator('.e2e-enter-channel-post').click();

    await enter().locator('.e2e-enter-received').fill('2099-01-04');
    await enter().locator('.e2e-enter-type-natural_person').click();
    await enter().locator('.e2e-enter-name input').fill('王晓明');
    await enter().locator('.e2e-enter-id-number input').fill(BAD_ID);
    await enter().locator('.e2e-enter-submit').click();
    expect(await fieldError('.e2e-enter-received').innerText()).toBe('收到申请的日期不能晚于今天');
    expect(await fieldError('.e2e-enter-id-number').innerText()).toContain('校验位不符');
    // 邮寄 delivery needs an address.
    await enter().locator('.e2e-enter-delivery-post').click();
    await enter().locator('.e2e-enter-submit').click();
    expect(await fieldError('.e2e-enter-address').innerText()).toBe('选择邮寄时请填写通信地址');
  });

  it('enters a request that arrived by post and shows the tracking number and the verification code once', async () => {
    const today = await page.evaluate(() => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date()));
    await enter().locator('.e2e-enter-received').fill(today);
    await enter().locator('.e2e-enter-id-number input').fill(GOOD_ID);
    await enter().locator('.e2e-enter-phone input').fill('13853612345');
    await enter().locator('.e2e-enter-address input').fill('山东省潍坊市昌乐县宝城街道新昌路100号');
    await enter().locator('.e2e-enter-postcode input').fill('262400');
    await enter().locator('.e2e-enter-description textarea').fill('2025年昌乐县义务教育阶段学校招生计划及各校划片范围的正式文件');
    await enter().locator('.e2e-enter-form-paper').click();
    await enter().locator('.e2e-enter-submit').click();

    const slip = enter().locator('.e2e-disclosure-entered');
    await slip.waitFor();
    expect(await slip.locator('.e2e-disclosure-entered-tracking').innerText()).toMatch(/\S{6,}/);
    expect(await slip.locator('.e2e-disclosure-entered-code').innerText()).toMatch(/\S{4,}/);
    expect(await slip.innerText()).toContain(`收到申请日期：${today}（邮寄，以签收之日为收到申请之日）`);
    await shot('disclosure-staff-entered');
    trackingNo = await slip.locator('.e2e-disclosure-entered-tracking').innerText();

    // It is in the inbox's 待办 with its channel and the masked name.
    await enter().locator('.e2e-disclosure-entered-view').click();
    const detail = page.locator('.e2e-staff-disclosure:visible');
    await detail.locator('.e2e-disclosure-tracking', { hasText: trackingNo }).waitFor();
    expect(await detail.locator('.e2e-disclosure-channel').innerText()).toBe('邮寄');
    expect(await detail.locator('.e2e-disclosure-received').innerText()).toBe(`收到申请日期：${today}`);
    // Whoever entered it handles it, and sees the identity in full.
    expect(await detail.locator('.e2e-disclosure-identity').getAttribute('data-visible')).toBe('true');
    expect(await detail.locator('.e2e-disclosure-id-number').innerText()).toBe(`居民身份证：${GOOD_ID}`);
    await shot('disclosure-staff-detail');
  });

  it('offers the handler the steps of a request being processed, with the fee calculator and the letter form', async () => {
    const detail = page.locator('.e2e-staff-disclosure:visible');
    const actions = detail.locator('.e2e-disclosure-actions');
    for (const hook of ['request-supplement', 'start-consultation', 'request-extension', 'charge-fee', 'draft-letter']) {
      expect(await actions.locator(`.e2e-action-${hook}`).count()).toBe(1);
    }
    expect(await actions.locator('.e2e-action-confirm-receipt').count()).toBe(0);

    // 按量: pages 31–35 at 10 元 each.
    await actions.locator('.e2e-fee-method-volume').click();
    await actions.locator('.e2e-fee-count input').fill('35');
    await actions.locator('.e2e-fee-preview-amount', { hasText: '试算金额 50.00 元' }).waitFor();
    // 按件: the 11th and 12th piece of a month at 100 元, counted here as if none came before.
    await actions.locator('.e2e-fee-method-piece').click();
    await actions.locator('.e2e-fee-count input').fill('12');
    await actions.locator('.e2e-fee-preview-amount', { hasText: '试算金额 200.00 元' }).waitFor();
    expect(await actions.locator('.e2e-fee-preview-prior').innerText()).toContain('由系统按证件号码匹配后计入');

    // 部分公开 asks for the withheld parts; a draft without its reasoning is refused on the page.
    await actions.locator('.e2e-letter-outcome-partial').click();
    expect(await actions.locator('.e2e-letter-redaction').count()).toBe(1);
    expect(await actions.locator('.e2e-letter-provision').count()).toBe(1);
    await actions.locator('.e2e-letter-outcome-unavailable_not_held').click();
    expect(await actions.locator('.e2e-letter-redaction').count()).toBe(0);
    expect(await actions.locator('.e2e-letter-other-agency').count()).toBe(1);
    expect(await actions.locator('[class*="e2e-letter-outcome-"]').count()).toBe(21);
    await actions.locator('.e2e-action-draft-letter').click();
    await actions.locator('.e2e-letter-draft .e2e-field-error', { hasText: '请填写答复理由' }).waitFor();
    await shot('disclosure-staff-actions');
  });

  it('offers the office head the 待我审批 tab', async () => {
    page = await phonePage(browser);
    await signInStaff(page, server.baseUrl, 'disclosure_head', PASSWORD);
    await home().locator('.e2e-staff-disclosure-approval-link').click();
    await inbox().waitFor();
    expect(await inbox().locator('.e2e-disclosures-tab').allInnerTexts()).toEqual(['待办', '待我审批', '已办结', '全部']);
    expect(await inbox().locator('.e2e-disclosures-tab-approval').getAttribute('class')).toContain('e2e-selected');
    // The demo's one letter waiting for approval.
    await inbox().locator('.e2e-staff-disclosure-item').first().waitFor();
    expect(await inbox().locator('.e2e-staff-disclosure-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).toEqual(['letter_pending']);

    // The head is not its handler: the identity is masked and says who may see it.
    await inbox().locator('.e2e-disclosures-tab-open').click();
    await inbox().locator('.e2e-staff-disclosure-item', { has: page.locator('.e2e-staff-disclosure-tracking', { hasText: trackingNo }) }).click();
    const detail = page.locator('.e2e-staff-disclosure:visible');
    await detail.locator('.e2e-disclosure-identity-masked', { hasText: '仅受理人可见' }).waitFor();
    expect(await detail.locator('.e2e-disclosure-identity').getAttribute('data-visible')).toBe('false');
    expect(await detail.locator('.e2e-disclosure-request').innerText()).not.toContain(GOOD_ID);
  });
});
