import { readFileSync } from 'node:fs';
import { NOTICE_STATUS_LABELS, type NoticeStatus } from '@gongkai/shared';
import type { Browser, Page } from 'playwright-core';
import { SettableClock } from '../../../server/src/common/clock/clock';
import { launchBrowser, phonePage, screenshot, signInStaff, toastsGone } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';

/**
 * Issue 17's yearly report in the H5 staff pages of the embedded demo, from the report page to the
 * published notice: the demo's 年度报告编辑 (report_editor, also an editor of 基础教育科) opens the
 * report of the demo year from the staff home, finds every check passing over the demo's seeded
 * records, figures and requests, edits and saves the narrative, exports PDF, Word and Markdown
 * (files under the report's Chinese title: %PDF, a ZIP, a Markdown heading) and the print-ready
 * HTML, and writes the report into a notice (政策文件). From the notice's page they submit it; the
 * chain approves it on four other phones (科室负责人, 保密审查, 分管领导, 信息发布中心 publishes),
 * and the report page then says 已发布, frozen as generated.
 *
 * The server's clock (and every phone's) is set to Friday 15 January 2027, 10:00 in Shanghai: the
 * report due is 2026's, the year just ended (shared's defaultReportYear; a year's report is written
 * into its notice only once the year is over), and the demo seeded 2026 as its previous year, with
 * its narrative saved. Records and repeals dated in 2026 count in it.
 */
jest.setTimeout(300_000);

const PASSWORD = 'demo-password-1';
const YEAR = 2026;
const PROBLEMS = '一是个别栏目更新不够及时；二是政策解读形式较为单一。2027年将建立栏目定期检查机制，增加图解、视频等解读形式。（浏览器测试）';

describe('H5: the yearly report from the staff pages to its publication', () => {
  const clock = new SettableClock(new Date('2027-01-15T10:00:00+08:00'));
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let title = '';
  let noticeId = '';
  const shots: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: PASSWORD }, clock);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
    if (shots.length) console.log(`screenshots:\n${shots.join('\n')}`);
  });

  const shot = async (name: string) => {
    await toastsGone(page);
    shots.push(await screenshot(page, `reports-${name}`));
  };
  const report = () => page.locator('.e2e-reports:visible');

  /** A fresh phone per person, its clock at the server's (a sign-in's expiry is server time). */
  async function signIn(username: string): Promise<void> {
    await page?.context().close();
    page = await phonePage(browser);
    await page.context().clock.install({ time: server.clock.now() });
    await page.context().clock.resume();
    await signInStaff(page, server.baseUrl, username, PASSWORD);
  }

  /** A download triggered by a tap: its suggested name and its bytes. */
  async function downloadOf(hook: string): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([page.waitForEvent('download'), report().locator(hook).click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: readFileSync(path!) };
  }

  async function expectReviewStatus(status: NoticeStatus): Promise<void> {
    await page.locator('.e2e-review:visible .e2e-review-status', { hasText: NOTICE_STATUS_LABELS[status] }).waitFor();
  }

  /** From the staff home: the queue, the report's notice, the log read. */
  async function openFromQueue(): Promise<void> {
    await page.locator('.e2e-staff-home:visible .e2e-staff-queue-link').click();
    await page.locator(`.e2e-queue:visible .e2e-queue-item[data-id="${noticeId}"]`).click();
    await page.locator('.e2e-review:visible .e2e-review-log').waitFor();
  }

  it('opens the demo year’s report from the staff home, every check passing', async () => {
    await signIn('report_editor');
    await page.locator('.e2e-staff-home:visible .e2e-staff-reports-link').click();
    await report().locator('.e2e-report-state').waitFor();
    expect(await report().getAttribute('data-year')).toBe(String(YEAR));
    expect(await report().locator('.e2e-report-year-tab-2026').getAttribute('class')).toContain('e2e-selected');
    title = (await report().locator('.e2e-report-title').innerText()).trim();
    expect(title).toMatch(/^.+2026年政府信息公开工作年度报告$/);
    expect(await report().locator('.e2e-report-state').getAttribute('data-state')).toBe('draft');
    expect(await report().locator('.e2e-report-state').innerText()).toBe('草稿');

    const checks = report().locator('.e2e-report-check');
    expect(await checks.count()).toBe(6);
    expect(await checks.evaluateAll((els) => els.map((e) => e.getAttribute('data-ok')))).toEqual(['true', 'true', 'true', 'true', 'true', 'true']);
    expect(await report().locator('.e2e-report-check-mark').allInnerTexts()).toEqual(['✓', '✓', '✓', '✓', '✓', '✓']);
    expect(await report().locator('.e2e-report-checks').getAttribute('data-balanced')).toBe('true');
    expect(await report().locator('.e2e-cell-bad').count()).toBe(0);
    // The tables as the national format lays them out; table 三 is wider than the phone and scrolls.
    await report().locator('.e2e-report-table2', { hasText: '第二十条第（八）项' }).waitFor();
    await report().locator('.e2e-report-table3', { hasText: '三、本年度办理结果' }).waitFor();
    await report().locator('.e2e-report-table4', { hasText: '未经复议直接起诉' }).waitFor();
    const tableWidth = await report().locator('.e2e-report-table3').evaluate((el) => (el as unknown as { scrollWidth: number }).scrollWidth);
    expect(tableWidth).toBeGreaterThan(390);
    await shot('report');
    await report().locator('.e2e-report-table3').scrollIntoViewIfNeeded();
    await shot('table3');
  });

  it('offers last year’s text as a start, and saves this year’s narrative', async () => {
    const narrative = report().locator('.e2e-narrative');
    // The demo saved 2026's text (version 1); it fills the parts.
    expect(await narrative.getAttribute('data-saved')).toBe('true');
    expect(await narrative.getAttribute('data-version')).toBe('1');
    expect(await narrative.locator('.e2e-narrative-started-from').count()).toBe(0);
    expect((await narrative.locator('.e2e-narrative-part-preface textarea').inputValue()).length).toBeGreaterThan(0);

    await narrative.locator('.e2e-narrative-part-problems textarea').fill(PROBLEMS);
    await narrative.locator('.e2e-narrative-save').click();
    await report().locator('.e2e-narrative[data-saved="true"]').waitFor();
    await report().locator('.e2e-narrative[data-version="2"]').waitFor();
    expect(await report().locator('.e2e-narrative-saved-by').innerText()).toContain('保存（第 2 版）');
    expect(await report().locator('.e2e-narrative-started-from').count()).toBe(0);
    expect(await report().locator('.e2e-narrative-error').count()).toBe(0);
    expect(await report().locator('.e2e-narrative-part-problems textarea').inputValue()).toBe(PROBLEMS);
    await report().locator('.e2e-narrative').scrollIntoViewIfNeeded();
    await shot('narrative');
  });

  it('exports PDF, Word and Markdown under the report’s title, and the HTML in a tab', async () => {
    const pdf = await downloadOf('.e2e-report-export-pdf');
    expect(pdf.name).toBe(`${title}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const docx = await downloadOf('.e2e-report-export-docx');
    expect(docx.name).toBe(`${title}.docx`);
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    const md = await downloadOf('.e2e-report-export-md');
    expect(md.name).toBe(`${title}.md`);
    const text = md.bytes.toString('utf8');
    expect(text.startsWith('# ')).toBe(true);
    expect(text.split('\n')[0]).toContain(title);
    // The narrative saved a moment ago is in it.
    expect(text).toContain(PROBLEMS);

    const [tab] = await Promise.all([page.context().waitForEvent('page'), report().locator('.e2e-report-export-html').click()]);
    await tab.waitForURL(/^blob:/);
    await tab.waitForLoadState();
    expect(await tab.title()).toContain(title);
    await tab.close();
  });

  it('keeps the year’s records in 年报资料: the hot topics the report counts, a briefing added after the server’s complaints', async () => {
    const hotTopics = Number(/(\d+)/.exec(await report().locator('.e2e-figure-hot-topics').innerText())?.[1]);
    const pressConferences = Number(/(\d+)/.exec(await report().locator('.e2e-figure-briefings-press_conference').innerText())?.[1]);
    expect(hotTopics).toBeGreaterThan(0);
    await report().locator('.e2e-report-records-link').click();
    const records = page.locator('.e2e-report-records:visible');
    await records.locator('.e2e-record-panel-hot-topics .e2e-record-item').first().waitFor();
    expect(await records.getAttribute('data-year')).toBe(String(YEAR));
    expect(await records.locator('.e2e-record-item').count()).toBe(hotTopics);
    await shot('records');

    await records.locator('.e2e-records-tab-briefings').click();
    const form = records.locator('.e2e-record-panel-briefings .e2e-record-form');
    await form.waitFor();
    await form.locator('.e2e-record-save').click();
    const fieldError = (hook: string) => form.locator('.gk-form-field', { has: page.locator(hook) }).locator('.e2e-field-error');
    expect(await fieldError('.e2e-record-kind-press_conference').innerText()).toBe('类型须为新闻发布会或政策吹风会');
    expect(await fieldError('.e2e-record-subject').innerText()).toBe('请填写主题');
    expect(await fieldError('.e2e-record-speakers').innerText()).toBe('请填写发布人或解读人');
    await form.locator('.e2e-record-kind-press_conference').click();
    await form.locator('.e2e-record-subject input').fill('2027年寒假学生安全工作新闻发布会（浏览器测试）');
    await form.locator('.e2e-record-speakers input').fill('县教育局副局长 李某');
    // Held late in the report's year (the form starts on today, in the new year).
    await form.locator('.e2e-record-date').fill('2026-12-28');
    await form.locator('.e2e-record-save').click();
    await records.locator('.e2e-record-panel-briefings .e2e-record-title', { hasText: '2027年寒假学生安全工作新闻发布会（浏览器测试）' }).waitFor();
    expect(await records.locator('.e2e-record-panel-briefings .e2e-record-item', { hasText: '浏览器测试' }).locator('.e2e-record-stamp').innerText()).toContain('录入');

    // The figures of other systems, each with who entered it; the 规范性文件 register with table 二's counts.
    await records.locator('.e2e-records-tab-figures').click();
    await records.locator('.e2e-figures').waitFor();
    const entered = await records.locator('.e2e-figure-entered').allInnerTexts();
    expect(entered).toHaveLength(4);
    for (const line of entered) expect(line).toMatch(/于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 填报$/);
    await records.locator('.e2e-records-tab-normative').click();
    await records.locator('.e2e-normative-counts').waitFor();
    const countOf = async (column: string) => Number(await records.locator(`.e2e-normative-count-${column}`).getAttribute('data-count'));
    const [repealed, inForce] = [await countOf('repealed'), await countOf('inForce')];
    expect(inForce).toBeGreaterThan(0);
    // 标记废止 on the first one in force, dated today: the counts move.
    const item = records.locator('.e2e-normative-item[data-in-force="true"]').first();
    const repealedId = await item.getAttribute('data-id');
    await item.locator('.e2e-normative-repeal').click();
    expect(await item.locator('.e2e-normative-repeal-date').inputValue()).toBe('2027-01-15');
    // Repealed late in the report's year, recorded now.
    await item.locator('.e2e-normative-repeal-date').fill('2026-12-20');
    await item.locator('.e2e-normative-repeal-confirm').click();
    const marked = records.locator(`.e2e-normative-item[data-id="${repealedId}"]`);
    await marked.locator('.e2e-normative-state', { hasText: '2026-12-20 废止' }).waitFor();
    expect(await marked.getAttribute('data-in-force')).toBe('false');
    expect([await countOf('repealed'), await countOf('inForce')]).toEqual([repealed + 1, inForce - 1]);
    await shot('normative');

    // Back on the report, the briefing and the repeal are counted.
    await page.locator('.taro-navigation-bar-back').click();
    await report().locator('.e2e-figure-briefings-press_conference', { hasText: `${pressConferences + 1} 场` }).waitFor();
    expect(await report().locator('.e2e-t2-cell[data-row="normative"][data-column="repealed"]').innerText()).toBe(String(repealed + 1));
    expect(await report().locator('.e2e-report-checks').getAttribute('data-balanced')).toBe('true');
  });

  it('writes the report into a 政策文件 notice, which its author submits from the notice’s page', async () => {
    const form = report().locator('.e2e-report-generate-form');
    expect(await form.locator('.e2e-report-category-ZCWJ').getAttribute('class')).toContain('e2e-selected');
    // The ten categories of the catalogue are offered.
    expect(await form.locator('[class*="e2e-report-category-"]').count()).toBe(10);
    await form.locator('.e2e-report-generate').click();
    const notice = report().locator('.e2e-report-notice');
    await notice.waitFor();
    noticeId = (await notice.getAttribute('data-id')) ?? '';
    expect(noticeId).toMatch(/^\d+$/);
    expect(await notice.getAttribute('data-status')).toBe('draft');
    expect(await report().locator('.e2e-report-state').innerText()).toBe('审核中');
    await shot('generated');

    await notice.click();
    const compose = page.locator('.e2e-compose:visible');
    await compose.locator(`.e2e-compose-saved[data-id="${noticeId}"]`).waitFor();
    expect(await compose.locator('.e2e-compose-title input').inputValue()).toBe(title);
    // The PDF is attached.
    expect(await compose.locator('.e2e-compose-file').count()).toBe(1);
    expect(await compose.locator('.e2e-compose-file-name input').inputValue()).toBe(`${title}.pdf`);
    await compose.locator('.e2e-compose-submit').click();
    await expectReviewStatus('unit_review');
    await shot('submitted');
  });

  it('is approved by the unit head, the secrecy reviewer and the leader, and published by the release centre', async () => {
    await signIn('unit_head');
    await openFromQueue();
    await page.locator('.e2e-review:visible .e2e-review-approve').click();
    await expectReviewStatus('secrecy_review');

    await signIn('secrecy_reviewer');
    await openFromQueue();
    await page.locator('.e2e-review:visible .e2e-secrecy-disclosure-proactive').click();
    await page.locator('.e2e-review:visible .e2e-review-approve').click();
    await expectReviewStatus('leader_approval');

    await signIn('leader');
    await openFromQueue();
    await page.locator('.e2e-review:visible .e2e-review-approve').click();
    await expectReviewStatus('approved');

    await signIn('publisher');
    await openFromQueue();
    await page.locator('.e2e-review:visible .e2e-publish-now').click();
    await expectReviewStatus('published');
    await shot('published-notice');
  });

  it('says 已发布 on the report page, the report frozen as generated and its narrative locked', async () => {
    await signIn('report_editor');
    await page.locator('.e2e-staff-home:visible .e2e-staff-reports-link').click();
    await report().locator('.e2e-report-state[data-state="published"]').waitFor();
    expect(await report().locator('.e2e-report-state').innerText()).toBe('已发布');
    expect(await report().locator('.e2e-report-notice').getAttribute('data-status')).toBe('published');
    expect(await report().locator('.e2e-report-frozen').count()).toBe(1);
    // Published in January, the report's own notice counts in the new year: the live figures of
    // the year reported on still equal the frozen ones.
    expect(await report().locator('.e2e-report-live-differs').count()).toBe(0);
    expect(await report().locator('.e2e-narrative-frozen').count()).toBe(1);
    expect(await report().locator('.e2e-report-generate-form').count()).toBe(0);
    expect(await report().locator('.e2e-narrative-part-problems textarea').inputValue()).toBe(PROBLEMS);
    expect(await report().locator('.e2e-report-check-mark').allInnerTexts()).toEqual(['✓', '✓', '✓', '✓', '✓', '✓']);
    await shot('report-published');
    // The year under way is there too, under its own tab, as a draft.
    await report().locator('.e2e-report-year-tab-2027').click();
    await page.locator('.e2e-reports:visible[data-year="2027"] .e2e-report-title', { hasText: '2027年政府信息公开工作年度报告' }).waitFor();
  });
});
