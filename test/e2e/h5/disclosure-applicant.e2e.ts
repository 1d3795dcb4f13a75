import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phonePage, screenshot, toastsGone } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The applicant's 依申请公开 pages on their own (the full journey with the handler, the fee and
 * the letter is another test): the way in from the home page's services, the fee calculator
 * against the server's, the sign-in gate, the form's own checks (a wrong ID check digit, an
 * address for delivery by post, the consent), the tracking number and verification code shown
 * once, 我的申请 and the detail, the public lookup (a wrong code, the right one), and withdrawal.
 */
jest.setTimeout(90_000);

const DESCRIPTION = '本县2025年义务教育学校招生工作实施方案';

describe('H5: 依申请公开, the applicant pages', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let requestId = '';
  let trackingNo = '';
  let code = '';
  const shots: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true' });
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

  it('shows what 依申请公开 is and its ways in, from the home page’s services', async () => {
    page = await phonePage(browser);
    await page.goto(`${server.baseUrl}/#/pages/index/index`);
    await page.locator('.e2e-home:visible .e2e-service-disclosure').click();
    const home = page.locator('.e2e-service-page-disclosure:visible');
    await home.waitFor();
    const text = await home.innerText();
    expect(text).toContain('政府信息公开条例');
    expect(text).toContain('20 个工作日内答复');
    expect(text).toContain('原则上不收费');
    // Signed out: applying and the lookup, no 我的申请.
    await home.locator('.e2e-dc-apply-link').waitFor();
    await home.locator('.e2e-dc-lookup-link').waitFor();
    expect(await home.locator('.e2e-dc-mine-link').count()).toBe(0);
    expect(await home.locator('.e2e-coming-soon').count()).toBe(0);
  });

  it('works out the fee with the server’s calculator: 按件 with earlier pieces, 按量 across every band', async () => {
    const calc = page.locator('.e2e-service-page-disclosure:visible .e2e-fee-calculator');
    // 按件 is chosen first; no count → the page says so without asking the server.
    await calc.locator('.e2e-fee-method-piece.e2e-selected').waitFor();
    await calc.locator('.e2e-fee-calculate').click();
    expect(await calc.locator('.e2e-fee-error').innerText()).toContain('件数');

    // The month's 10th, 11th and 12th pieces: one free, two at 100 元.
    await calc.locator('.e2e-fee-count input').fill('3');
    await calc.locator('.e2e-fee-prior input').fill('9');
    await calc.locator('.e2e-fee-calculate').click();
    const result = calc.locator('.e2e-fee-result[data-method="piece"]');
    await result.waitFor();
    expect(await result.getAttribute('data-amount-fen')).toBe('20000');
    expect(await result.locator('.e2e-fee-amount').innerText()).toBe('200.00 元');
    const pieceBands = await result.locator('.e2e-fee-band').evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-from'), r.getAttribute('data-to'), r.getAttribute('data-count'), r.getAttribute('data-subtotal-fen')].join('/')),
    );
    expect(pieceBands).toEqual(['1/10/1/0', '11/30/2/20000']);
    await calc.scrollIntoViewIfNeeded();
    await shot('disclosure-fee-piece');

    // 按量, 201 pages: 30 free, 70 at 10 元, 100 at 20 元, 1 at 40 元 = 2,740 元.
    await calc.locator('.e2e-fee-method-volume').click();
    await calc.locator('.e2e-fee-method-volume.e2e-selected').waitFor();
    expect(await calc.locator('.e2e-fee-prior').count()).toBe(0);
    await calc.locator('.e2e-fee-count input').fill('201');
    await calc.locator('.e2e-fee-calculate').click();
    const volume = calc.locator('.e2e-fee-result[data-method="volume"]');
    await volume.waitFor();
    expect(await volume.getAttribute('data-amount-fen')).toBe('274000');
    expect(await volume.locator('.e2e-fee-amount').innerText()).toBe('2,740.00 元');
    const volumeBands = await volume.locator('.e2e-fee-band').evaluateAll((rows) =>
      rows.map((r) => [r.getAttribute('data-from'), r.getAttribute('data-to'), r.getAttribute('data-unit-fen'), r.getAttribute('data-count'), r.getAttribute('data-subtotal-fen')].join('/')),
    );
    expect(volumeBands).toEqual(['1/30/0/30/0', '31/100/1000/70/70000', '101/200/2000/100/200000', '201//4000/1/4000']);
    expect(await volume.locator('.e2e-fee-band').last().innerText()).toContain('201 页及以上');
  });

  it('asks a visitor who is not signed in to sign in before applying', async () => {
    await page.locator('.e2e-service-page-disclosure:visible .e2e-dc-apply-link').click();
    const gate = page.locator('.e2e-dc-apply:visible');
    await gate.locator('.e2e-inquiry-signin').waitFor();
    expect(await gate.innerText()).toContain('请先登录');
  });

  it('checks the form before sending it: required fields, the ID check digit, an address for post, the consent', async () => {
    await page.goto(`${server.baseUrl}/#/pages/mine/index`);
    const mine = page.locator('.e2e-mine:visible');
    await mine.locator('.e2e-demo-login').click();
    await mine.locator('.e2e-parent-name').waitFor();
    await page.goto(`${server.baseUrl}/#/packages/services/pages/disclosure/index`);
    const home = page.locator('.e2e-service-page-disclosure:visible');
    await home.locator('.e2e-dc-mine-link').waitFor();
    await home.locator('.e2e-dc-apply-link').click();

    const form = page.locator('.e2e-dc-apply:visible');
    await form.locator('.e2e-dc-submit').click();
    const errorFields = () => form.locator('.e2e-field-error').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')));
    expect(await errorFields()).toEqual(['applicantType', 'phone', 'description', 'provisionForm', 'delivery', 'consent']);

    // 法人或其他组织: the five kinds and the credit code instead of an ID.
    await form.locator('.e2e-dc-type-organization').click();
    expect(await form.locator('[class*="e2e-dc-org-"]').count()).toBe(5);
    await form.locator('.e2e-dc-credit-code').waitFor();
    expect(await form.locator('.e2e-dc-id-number').count()).toBe(0);

    // 自然人 with one digit of a valid ID (11010519491231002X) mistyped.
    await form.locator('.e2e-dc-type-natural_person').click();
    expect(await form.locator('[class*="e2e-dc-org-"]').count()).toBe(0);
    await form.locator('.e2e-dc-name input').fill('张三');
    await form.locator('.e2e-dc-idtype-resident_id.e2e-selected').waitFor();
    await form.locator('.e2e-dc-id-number input').fill('110105194912310021');
    await form.locator('.e2e-dc-phone input').fill('13812345678');
    await form.locator('.e2e-dc-description textarea').fill(DESCRIPTION);
    expect(Array.from(DESCRIPTION)).toHaveLength(21);
    await form.locator('.e2e-dc-description-count', { hasText: '21/2000' }).waitFor();
    await form.locator('.e2e-dc-form-paper').click();
    await form.locator('.e2e-dc-delivery-post').click();
    await form.locator('.e2e-dc-submit').click();
    expect(await errorFields()).toEqual(['idNumber', 'address', 'consent']);
    expect(await form.locator('.e2e-field-error[data-field="idNumber"]').innerText()).toContain('校验位不符');
    expect(await form.locator('.e2e-field-error[data-field="address"]').innerText()).toContain('邮寄');
    await form.locator('.e2e-field-error[data-field="idNumber"]').scrollIntoViewIfNeeded();
    await shot('disclosure-form-errors');

    // Fixed: the right check character, 当面领取 (no address needed), and the consent.
    await form.locator('.e2e-dc-id-number input').fill('11010519491231002X');
    await form.locator('.e2e-dc-delivery-pickup').click();
    await form.locator('.e2e-dc-consent').click();
    expect(await form.locator('.e2e-dc-consent').getAttribute('data-on')).toBe('true');
    expect(await errorFields()).toEqual([]);
  });

  it('sends it and shows the tracking number and the verification code once, with a copy button', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.baseUrl });
    const form = page.locator('.e2e-dc-apply:visible');
    await form.locator('.e2e-dc-submit').click();
    const result = form.locator('.e2e-dc-result');
    await result.waitFor();
    requestId = (await result.getAttribute('data-id')) ?? '';
    expect(requestId).toMatch(/^\d+$/);
    trackingNo = (await result.locator('.e2e-dc-tracking-no').innerText()).trim();
    expect(trackingNo).toMatch(/^YS\d{8}\d{3}$/);
    code = (await result.locator('.e2e-dc-code').innerText()).trim();
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(await result.locator('.e2e-dc-code-warning').innerText()).toContain('查询码只显示这一次');
    await result.locator('.e2e-dc-copy').click();
    await result.locator('.e2e-dc-copy', { hasText: '已复制' }).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(
      `申请编号：${trackingNo}\n查询码：${code}`,
    );
    await shot('disclosure-created');
  });

  it('shows the request in 我的申请 and its detail: waiting for the receipt, masked identity, the timeline', async () => {
    await page.locator('.e2e-dc-apply:visible .e2e-dc-view').click();
    const detail = page.locator('.e2e-dc-detail:visible');
    await detail.locator('.e2e-dc-status').waitFor();
    expect(await detail.getAttribute('data-status')).toBe('submitted');
    expect(await detail.locator('.e2e-dc-status').innerText()).toBe('已提交');
    expect(await detail.locator('.e2e-dc-tracking').innerText()).toBe(trackingNo);
    expect(await detail.locator('.e2e-dc-deadline').getAttribute('data-state')).toBe('waiting');
    expect(await detail.locator('.e2e-dc-deadline-head').innerText()).toBe('待工作人员确认收到');
    expect(await detail.locator('.e2e-dc-description').innerText()).toBe(DESCRIPTION);
    expect(await detail.locator('.e2e-dc-applicant').innerText()).toContain('张*');
    expect(await detail.locator('.e2e-dc-id-masked').innerText()).toBe('1101**********002X');
    expect(await detail.locator('.e2e-dc-received').innerText()).toBe('待确认');
    expect(await detail.locator('.e2e-timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))).toEqual(['submitted']);
    expect(await detail.locator('.e2e-dc-fee').count()).toBe(0);
    expect(await detail.locator('.e2e-dc-letter').count()).toBe(0);
    expect(await detail.locator('.e2e-dc-supply').count()).toBe(0);
    await detail.locator('.e2e-dc-withdraw').waitFor();
    await shot('disclosure-detail-submitted');

    await page.goto(`${server.baseUrl}/#/packages/services/pages/disclosure/mine`);
    const item = page.locator(`.e2e-dc-mine:visible .e2e-dc-item[data-id="${requestId}"]`);
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('submitted');
    expect(await item.locator('.e2e-dc-item-tracking').innerText()).toBe(trackingNo);
    expect(await item.locator('.e2e-dc-item-excerpt').innerText()).toBe(DESCRIPTION);
  });

  it('finds it by tracking number and code without signing in, and says no to a wrong code', async () => {
    const visitor = await phonePage(browser); // another phone: nobody signed in
    await visitor.goto(`${server.baseUrl}/#/packages/services/pages/disclosure/index`);
    await visitor.locator('.e2e-service-page-disclosure:visible .e2e-dc-lookup-link').click();
    const lookup = visitor.locator('.e2e-dc-lookup:visible');
    await lookup.locator('.e2e-dc-lookup-submit').click();
    expect(await lookup.locator('.e2e-dc-lookup-error').innerText()).toBe('请填写申请编号');
    await lookup.locator('.e2e-dc-lookup-tracking input').fill(trackingNo.toLowerCase());
    await lookup.locator('.e2e-dc-lookup-submit').click();
    expect(await lookup.locator('.e2e-dc-lookup-error').innerText()).toBe('请填写查询码');

    const wrong = code.startsWith('A') ? `B${code.slice(1)}` : `A${code.slice(1)}`;
    await lookup.locator('.e2e-dc-lookup-code input').fill(wrong);
    await lookup.locator('.e2e-dc-lookup-submit').click();
    await lookup.locator('.e2e-dc-lookup-error', { hasText: '申请编号或查询码不正确，请核对后重试' }).waitFor();

    await lookup.locator('.e2e-dc-lookup-code input').fill(code);
    await lookup.locator('.e2e-dc-lookup-submit').click();
    const found = visitor.locator('.e2e-dc-lookup-result:visible');
    await found.waitFor();
    expect(await found.getAttribute('data-status')).toBe('submitted');
    expect(await found.locator('.e2e-dc-tracking').innerText()).toBe(trackingNo);
    expect(await found.locator('.e2e-dc-description').innerText()).toBe(DESCRIPTION);
    expect(await found.locator('.e2e-dc-id-masked').innerText()).toBe('1101**********002X');
    // Read-only: no withdrawal, no supplement form, no payment.
    expect(await found.locator('.e2e-dc-withdraw, .e2e-dc-supply, .e2e-dc-pay').count()).toBe(0);
    await visitor.context().close();
  });

  it('lets the applicant withdraw it after confirming', async () => {
    await page.goto(`${server.baseUrl}/#/packages/services/pages/disclosure/detail?id=${requestId}`);
    const detail = page.locator('.e2e-dc-detail:visible');
    await detail.locator('.e2e-dc-withdraw').click();
    const dialog = detail.locator('.e2e-dc-withdraw-dialog');
    await dialog.waitFor();
    await dialog.locator('.e2e-dc-withdraw-cancel').click();
    expect(await detail.locator('.e2e-dc-withdraw-dialog').count()).toBe(0);
    await detail.locator('.e2e-dc-withdraw').click();
    await dialog.locator('.e2e-dc-withdraw-reason textarea').fill('已在学校网站找到该方案');
    await dialog.locator('.e2e-dc-withdraw-confirm').click();
    await page.locator('.e2e-dc-detail:visible[data-status="closed"]').waitFor();
    expect(await detail.locator('.e2e-dc-status').innerText()).toBe('已终止');
    expect(await detail.locator('.e2e-dc-deadline-head').innerText()).toBe('已终止办理');
    expect(await detail.locator('.e2e-dc-withdraw').count()).toBe(0);
    const actions = await detail.locator('.e2e-timeline-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(['submitted', 'withdraw']);
  });
});
