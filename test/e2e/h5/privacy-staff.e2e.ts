import { RIGHTS_REQUEST_KIND_LABELS, RIGHTS_REQUEST_STATUS_LABELS } from '@gongkai/shared';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from '../../support/api-client';
import { launchBrowser, phonePage, screenshot, signInStaff } from '../../support/browser';
import { agreeToNotice } from '../../support/builders';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Personal-information rights on the staff side, on the embedded demo: a demo parent asks (through
 * the API) to correct their data; the demo admin finds it under 个人信息权利申请 with its due date,
 * answers 办结, and then sees under 个人信息访问记录 that they read that parent's request; the parent
 * reads the answer.
 */
jest.setTimeout(90_000);

const PASSWORD = 'demo-password-1';
const CONTENT = `请把我的账号名称更正为王女士${Date.now() % 1000}`;
const REPLY = '已按您的要求更正账号名称。';

describe('H5: the admin answers a rights request and sees the record of reading it (demo)', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let parent: ApiClient;
  let requestId = 0;
  let parentId = 0;
  let dueDate = '';
  const shots: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: PASSWORD });
    const anon = new ApiClient(server.baseUrl);
    parent = anon.as((await anon.post('/auth/demo')).body.token);
    // Agreeing first, as the app's pop-up would: rights requests come from parents who use the app.
    await agreeToNotice(parent, 'api');
    const filed = await parent.post('/parents/me/rights-requests', { kind: 'correction', content: CONTENT });
    expect([200, 201]).toContain(filed.status);
    requestId = filed.body.id;
    dueDate = filed.body.dueDate;
    parentId = (await parent.get('/parents/me/data')).body.parentId;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
    if (shots.length) console.log(`screenshots:\n${shots.join('\n')}`);
  });

  const shot = async (name: string) => shots.push(await screenshot(page, name));

  it('shows the admin the pending request with its due date and lets them answer 办结', async () => {
    page = await phonePage(browser);
    await signInStaff(page, server.baseUrl, 'admin', PASSWORD);
    await page.locator('.e2e-staff-home:visible .e2e-staff-privacy-requests-link').click();

    const list = page.locator('.e2e-privacy-requests:visible');
    await list.locator('.e2e-privacy-requests-tab-pending.e2e-selected').waitFor();
    const item = list.locator(`.e2e-privacy-request-item[data-id="${requestId}"]`);
    await item.waitFor();
    expect(await item.locator('.e2e-privacy-request-kind').innerText()).toBe(RIGHTS_REQUEST_KIND_LABELS.correction);
    expect(await item.locator('.e2e-privacy-request-content').innerText()).toBe(CONTENT);
    expect(await item.locator('.e2e-privacy-request-due').innerText()).toBe(`办理期限 ${dueDate}`);
    await shot('privacy-requests');
    await item.click();

    const detail = page.locator('.e2e-privacy-request:visible');
    await detail.locator('.e2e-privacy-request-form').waitFor();
    expect(await detail.locator('.e2e-privacy-request-content').innerText()).toBe(CONTENT);
    await detail.locator('.e2e-privacy-outcome-done').click();
    await detail.locator('.e2e-privacy-reply-text textarea').fill(REPLY);
    await detail.locator('.e2e-privacy-reply-submit').click();
    await detail.locator('.e2e-privacy-request-reply').waitFor();
    expect(await detail.locator('.e2e-privacy-request-status').innerText()).toBe(RIGHTS_REQUEST_STATUS_LABELS.done);
    expect(await detail.locator('.e2e-privacy-request-form').count()).toBe(0);
    await shot('privacy-request-answered');

    // The parent reads the answer in their own list.
    const mine = await parent.get('/parents/me/rights-requests');
    expect(mine.status).toBe(200);
    expect(mine.body.find((r: { id: number }) => r.id === requestId)).toMatchObject({ status: 'done', reply: REPLY });
  });

  it('lists the admin’s reading of that request among the access records, narrowed to the parent', async () => {
    await page.goBack();
    await page.locator('.e2e-privacy-requests:visible').waitFor();
    await page.goBack();
    await page.locator('.e2e-staff-home:visible .e2e-staff-privacy-access-link').click();

    const access = page.locator('.e2e-privacy-access:visible');
    await access.locator('.e2e-privacy-access-tab-access.e2e-selected').waitFor();
    const read = access.locator(`.e2e-access-item[data-entity-id="${requestId}"][data-action="personal_data.view"]`).first();
    await read.waitFor();
    expect(await read.locator('.e2e-access-actor').innerText()).toBe('admin');
    expect(await read.locator('.e2e-access-action').innerText()).toBe('查看');
    expect(await read.locator('.e2e-access-target').innerText()).toBe(`权利申请 #${requestId}`);
    expect(await read.locator('.e2e-access-parent').innerText()).toBe(`家长 #${parentId}`);
    expect((await read.locator('.e2e-access-purpose').innerText()).length).toBeGreaterThan(0);

    await read.locator('.e2e-access-parent').click();
    await access.locator('.e2e-access-filter').waitFor();
    const shown = await access.locator('.e2e-access-item .e2e-access-parent').allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    expect(new Set(shown)).toEqual(new Set([`家长 #${parentId}`]));
    await shot('privacy-access');

    await access.locator('.e2e-privacy-access-tab-erasures').click();
    await access.locator('.e2e-privacy-access-tab-erasures.e2e-selected').waitFor();
    // Nothing erased yet in this fresh demo: the empty state, not an error.
    await access.getByText('暂无删除记录').waitFor();
  });
});
