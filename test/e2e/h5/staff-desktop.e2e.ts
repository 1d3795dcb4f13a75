import type { Browser, Locator, Page } from 'playwright-core';
import { desktopPage, launchBrowser, screenshot, signInStaff, toastsGone } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * The staff pages at a desk (1280 × 800): a centred sign-in card, the console's side navigation
 * with the sections the member may use, and 我的稿件 / 待我审核 / 咨询办理 / 依申请公开 as tables
 * that sort, filter and open rows by mouse or keyboard. The demo bureau's data (DEMO_DATA).
 */
jest.setTimeout(240_000);

const PASSWORD = 'demo-password-1';
const LOGIN = '/#/packages/staff/pages/login/index';

describe('H5 staff console at 1280 × 800', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
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

  /** A fresh desk-sized window per member, signed in through the login card. */
  async function signIn(username: string): Promise<void> {
    await page?.context().close();
    page = await desktopPage(browser, { viewport: { width: 1280, height: 800 }, privacy: 'agreed' });
    await signInStaff(page, server.baseUrl, username, PASSWORD);
    await page.locator('.e2e-staff-nav-me').waitFor();
  }

  const table = (name: string): Locator => page.locator(`.e2e-table-${name}:visible`);
  const titles = (name: string, cell: string): Promise<string[]> => table(name).locator(`.e2e-table-row ${cell}`).allInnerTexts();

  it('signs in on a card of desk size rather than a form across the screen', async () => {
    page = await desktopPage(browser, { viewport: { width: 1280, height: 800 }, privacy: 'agreed' });
    await page.goto(`${server.baseUrl}${LOGIN}`);
    const login = page.locator('.e2e-staff-login:visible');
    await login.locator('.e2e-staff-username input').waitFor();
    const button = await login.locator('.e2e-staff-submit').boundingBox();
    expect(button!.width).toBeLessThan(480);
    // Centred: as much room on its left as on its right.
    expect(Math.abs(button!.x + button!.width / 2 - 640)).toBeLessThan(4);
    await shot('staff-1280-login');
    await login.locator('.e2e-staff-username input').fill('editor');
    await login.locator('.e2e-staff-password input').fill(PASSWORD);
    await login.locator('.e2e-staff-submit').click();
    await page.locator('.e2e-staff-home:visible .e2e-staff-name').waitFor();
  });

  it('shows the editor the sections an editor may use in the side navigation', async () => {
    const nav = page.locator('.e2e-staff-nav');
    await nav.locator('.e2e-staff-nav-me').waitFor();
    expect(await nav.locator('.e2e-staff-nav-bureau').innerText()).toBe('测试县教育局');
    expect(await nav.locator('.e2e-staff-nav-me').innerText()).toContain('演示信息编辑');
    expect(await nav.locator('.e2e-staff-nav-link').allInnerTexts()).toEqual(['工作台', '我的稿件', '写信息', '待我审核', '学区划片', '搜索设置', '账户']);
    expect(await nav.locator('.e2e-staff-nav-reports').count()).toBe(0);
    expect(await nav.locator('[aria-current="page"]').innerText()).toBe('工作台');
    await shot('staff-1280-home');

    // Keyboard: the sections are links one reaches and follows without a mouse.
    await nav.locator('.e2e-staff-nav-notices').focus();
    await page.keyboard.press('Enter');
    await page.locator('.e2e-drafts:visible').waitFor();
    expect(await page.locator('.e2e-staff-nav [aria-current="page"]').innerText()).toBe('我的稿件');
  });

  it('lists 我的稿件 as a table that sorts by a column and narrows by a filter', async () => {
    await page.locator('.e2e-drafts:visible .e2e-drafts-tab-all').click();
    const notices = table('notices');
    await notices.locator('.e2e-table-count', { hasText: '共 18 条' }).waitFor();
    await shot('staff-1280-notices');

    // Desk-sized text: a table cell between 13 and 18 CSS px.
    const size = await notices.locator('td.gk-table__td').first().evaluate((td) => parseFloat((globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(td).fontSize));
    expect(size).toBeGreaterThanOrEqual(13);
    expect(size).toBeLessThanOrEqual(18);

    // 发布时间, earliest first; the notices never published go last.
    const published = notices.locator('th', { has: page.locator('.e2e-table-sort-published') });
    await notices.locator('.e2e-table-sort-published').click();
    expect(await published.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await titles('notices', '.e2e-draft-title');
    expect(ascending.slice(0, 3)).toEqual(['2025年城区义务教育学校划片招生方案', '2025年昌乐县小学一年级新生招生工作通知', '中小学生学籍转出转入办理指南']);
    expect(ascending[13]).toBe('关于做好2026年冬季校园安全工作的通知');
    // Again: latest first.
    await notices.locator('.e2e-table-sort-published').click();
    expect(await published.getAttribute('aria-sort')).toBe('descending');
    expect((await titles('notices', '.e2e-draft-title')).slice(0, 2)).toEqual(['关于做好2026年冬季校园安全工作的通知', '2027年城区学校布局调整初步论证材料（内部过程稿）']);

    // The filter narrows the rows to those with every word typed.
    await notices.locator('.e2e-table-filter').fill('招生工作通知');
    expect(await titles('notices', '.e2e-draft-title')).toEqual(['2026年昌乐县初中一年级新生招生工作通知', '2026年昌乐县小学一年级新生招生工作通知', '2025年昌乐县小学一年级新生招生工作通知']);
    expect(await notices.locator('.e2e-table-count').innerText()).toBe('显示 3 / 18 条');
    await notices.locator('.e2e-table-filter').fill('');
    await notices.locator('.e2e-table-status').selectOption({ label: '草稿' });
    expect(await titles('notices', '.e2e-draft-title')).toEqual(['2027年城区义务教育学校划片招生方案（征求意见稿）']);
  });

  it('submits the drafts picked in the table, one call each', async () => {
    const notices = table('notices');
    const draft = notices.locator('.e2e-draft-item[data-status="draft"]');
    await draft.locator('.e2e-table-select').check();
    expect(await notices.locator('.e2e-table-bulk-submit').innerText()).toBe('提交审核（1）');
    // A pick the filter hides is dropped: a bulk action never acts on a row out of view.
    await notices.locator('.e2e-table-status').selectOption('');
    await notices.locator('.e2e-table-filter').fill('双减');
    expect(await notices.locator('.e2e-table-bulk-submit').innerText()).toBe('提交审核');
    await notices.locator('.e2e-table-filter').fill('');
    await notices.locator('.e2e-table-status').selectOption({ label: '草稿' });
    await draft.locator('.e2e-table-select').check();
    expect(await notices.locator('.e2e-table-bulk-submit').innerText()).toBe('提交审核（1）');
    await notices.locator('.e2e-table-bulk-submit').click();
    expect(await page.locator('.taro__modal .taro-modal__text:visible').innerText()).toBe('将所选 1 篇提交审核？');
    await page.locator('.taro__modal .taro-model__confirm:visible').click();
    await toastsGone(page);
    await notices.locator('.e2e-draft-item', { hasText: '2027年城区义务教育学校划片招生方案（征求意见稿）' }).locator('.e2e-draft-status', { hasText: '科室审核中' }).waitFor();
  });

  it('opens a row from the keyboard', async () => {
    const notices = table('notices');
    await notices.locator('.e2e-table-status').selectOption('');
    await notices.locator('.e2e-table-filter').fill('双减');
    await notices.locator('.e2e-table-row').first().focus();
    await page.keyboard.press('Enter');
    await page.locator('.e2e-review:visible').waitFor();
  });

  it('shows 待我审核 as a table whose rows open the notice to review', async () => {
    await signIn('unit_head');
    await page.locator('.e2e-staff-nav-review-queue').click();
    const queue = table('queue');
    await queue.locator('.e2e-queue-item').first().waitFor();
    // 一事一审: no check boxes, no bulk approval.
    expect(await queue.locator('input[type="checkbox"]').count()).toBe(0);
    expect(await titles('queue', '.e2e-queue-title')).toContain('关于开展2026年冬季中小学校园安全隐患排查的通知');
    await shot('staff-1280-queue');
    const id = await queue.locator('.e2e-queue-item', { hasText: '关于开展2026年冬季中小学校园安全隐患排查的通知' }).getAttribute('data-id');
    await page.locator(`.e2e-queue:visible .e2e-queue-item[data-id="${id}"]`).click();
    await page.locator('.e2e-review:visible').waitFor();
  });

  it('shows 咨询办理 and 依申请公开 as tables with their deadlines', async () => {
    await signIn('inquiry_handler');
    await page.locator('.e2e-staff-nav-inquiries').click();
    const inquiries = table('inquiries');
    await inquiries.locator('.e2e-staff-inquiry-item').first().waitFor();
    await shot('staff-1280-inquiries');
    expect(await inquiries.locator('.e2e-table-heading').allInnerTexts()).toEqual(['主题', '状态', '类型', '编号', '科室', '办理人', '提交时间', '期限']);

    await signIn('disclosure_handler');
    await page.locator('.e2e-staff-nav-disclosure').click();
    const disclosures = table('disclosures');
    await disclosures.locator('.e2e-staff-disclosure-item').first().waitFor();
    await shot('staff-1280-disclosures');
    expect(await page.locator('.e2e-staff-nav [aria-current="page"]').innerText()).toBe('依申请公开');
  });
});
