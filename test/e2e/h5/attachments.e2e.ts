import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from '../../support/api-client';
import { login } from '../../support/builders';
import { imagesLoaded, launchBrowser, phonePage, screenshot, signInStaff } from '../../support/browser';
import { aNoticeDocument, aZip } from '../../support/docx';
import { ok, PROACTIVE } from '../../support/review-chain';
import { startTestServer, type TestServer } from '../../support/test-server';
import { onePagePdf } from '../../support/pdf';

/**
 * Files from end to end in the H5 app: an editor imports a Word document (title, 文号, body with
 * its table and picture) and uploads a PDF and a spreadsheet, saves and submits; the unit head sees
 * the files and the picture through signed links and approves; the rest of the chain (other
 * people) passes it; a parent opens the published notice and downloads both files under their
 * Chinese names, byte for byte.
 */
jest.setTimeout(240_000);

const PASSWORD = 'demo-password-1';


/** The smallest workbook Excel opens: one sheet, two rows. */
function anXlsx(): Buffer {
  const ns = 'http://schemas.openxmlformats.org';
  return aZip({
    '[Content_Types].xml':
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${ns}/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets><sheet name="招生计划" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    'xl/worksheets/sheet1.xml':
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns}/spreadsheetml/2006/main"><sheetData>` +
      `<row r="1"><c r="A1" t="inlineStr"><is><t>学校</t></is></c><c r="B1" t="inlineStr"><is><t>计划</t></is></c></row>` +
      `<row r="2"><c r="A2" t="inlineStr"><is><t>第一小学</t></is></c><c r="B2"><v>360</v></c></row></sheetData></worksheet>`,
  });
}

const PDF_NAME = '划片范围.pdf';
const XLSX_NAME = '2026年招生计划表.xlsx';

describe('H5: a notice with a Word body and two uploaded files, from the editor to a parent', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let noticeId = '';
  const pdf = onePagePdf();
  const xlsx = anXlsx();
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
  const staff = async (username: string) => new ApiClient(server.baseUrl).as(await login(new ApiClient(server.baseUrl), username, PASSWORD));

  it('is written by the editor from a Word document, with a PDF and a spreadsheet uploaded, and submitted', async () => {
    page = await phonePage(browser);
    await signInStaff(page, server.baseUrl, 'editor', PASSWORD);
    await page.locator('.e2e-staff-home:visible .e2e-staff-compose-link').click();
    const compose = page.locator('.e2e-compose:visible');

    await compose.locator('.e2e-compose-import-word-input').setInputFiles({
      name: '招生工作通知.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await aNoticeDocument(),
    });
    await compose.locator('.e2e-compose-file').first().waitFor();
    expect(await compose.locator('.e2e-compose-title input').inputValue()).toBe('关于做好2026年秋季义务教育招生工作的通知');
    expect(await compose.locator('.e2e-compose-docno input').inputValue()).toBe('某县教发〔2026〕12号');
    // The table is kept as it is (an html block), and the picture shows through its signed link.
    await compose.locator('.e2e-compose-block-html td', { hasText: '第一小学' }).waitFor();
    await compose.locator('.e2e-compose-word').scrollIntoViewIfNeeded();
    await shot('attachments-import');
    await compose.locator('.e2e-compose-preview-toggle').click();
    expect(await imagesLoaded(page, '.e2e-compose:visible .e2e-compose-preview')).toBe(true);

    await compose.locator('.e2e-compose-upload-input').setInputFiles([
      { name: PDF_NAME, mimeType: 'application/pdf', buffer: pdf },
      { name: XLSX_NAME, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx },
    ]);
    await compose.locator('.e2e-compose-file').nth(2).waitFor();
    expect(await compose.locator('.e2e-compose-upload-item').count()).toBe(0);
    // The picture from the document (a 94-byte PNG), then the two uploads (581 bytes, 2,325 bytes).
    expect(await compose.locator('.e2e-compose-file-facts').allInnerTexts()).toEqual(['图片 · 94 B', 'PDF 文档 · 581 B', 'Excel 表格 · 2 KB']);

    // A file of a refused type is said so next to it, and nothing is sent.
    await compose.locator('.e2e-compose-upload-input').setInputFiles({ name: '说明.html', mimeType: 'text/html', buffer: Buffer.from('<p>x</p>') });
    await compose.locator('.e2e-compose-upload-error', { hasText: '不支持此类文件' }).waitFor();
    await compose.locator('.e2e-compose-upload-dismiss').click();

    await compose.locator('.e2e-category-option-JCJY').click();
    await compose.locator('.e2e-infotype-option-business').click();
    await compose.locator('.e2e-compose-summary textarea').fill('秋季义务教育招生的范围、时间和材料。');
    await compose.locator('.e2e-compose-save').click();
    await compose.locator('.e2e-compose-saved').waitFor();
    noticeId = (await compose.locator('.e2e-compose-saved').getAttribute('data-id')) ?? '';
    expect(noticeId).toMatch(/^\d+$/);
    await shot('attachments-compose');
    await compose.locator('.e2e-compose-submit').click();
    await page.locator('.e2e-review:visible .e2e-review-status', { hasText: '科室审核中' }).waitFor();
  });

  it('is seen by the unit head with its files and picture (signed links), and approved', async () => {
    await page.context().close();
    page = await phonePage(browser);
    await signInStaff(page, server.baseUrl, 'unit_head', PASSWORD);
    await page.locator('.e2e-staff-home:visible .e2e-staff-queue-link').click();
    await page.locator(`.e2e-queue:visible .e2e-queue-item[data-id="${noticeId}"]`).click();
    const review = page.locator('.e2e-review:visible');
    await review.locator('.e2e-review-log').waitFor();
    expect(await review.locator('.e2e-attachment .gk-attach__name').allInnerTexts()).toEqual(['图片1.png', PDF_NAME, XLSX_NAME]);
    expect(await review.locator('.e2e-attachment').first().getAttribute('href')).toMatch(/^\/api\/v1\/attachments\/[0-9a-f-]{36}\?exp=\d+&sig=/);
    expect(await imagesLoaded(page, '.e2e-review:visible .e2e-review-body')).toBe(true);
    await shot('attachments-review');
    await review.locator('.e2e-review-approve').click();
    await page.locator('.e2e-review:visible .e2e-review-status', { hasText: '保密审查中' }).waitFor();
  });

  it('passes the rest of the chain, one person per step', async () => {
    const id = Number(noticeId);
    const [secrecy, leader, publisher] = [await staff('secrecy_reviewer'), await staff('leader'), await staff('publisher')];
    let n = await ok(secrecy.get(`/staff/notices/${id}`));
    n = await ok(secrecy.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version, secrecy: PROACTIVE }));
    n = await ok(leader.post(`/staff/notices/${id}/review`, { action: 'approve', version: n.version }));
    n = await ok(publisher.post(`/staff/notices/${id}/registration`, { version: n.version }));
    expect(n.status).toBe('published');
  });

  it('is read by a parent, whose browser downloads both files under their Chinese names, byte for byte', async () => {
    await page.context().close();
    page = await phonePage(browser);
    await page.goto(`${server.baseUrl}/#/pages/notice/detail?id=${noticeId}`);
    const detail = page.locator('.e2e-notice-detail:visible');
    await detail.locator('.e2e-attachment').first().waitFor();
    expect(await detail.locator('.e2e-detail-title').innerText()).toBe('关于做好2026年秋季义务教育招生工作的通知');
    expect(await detail.locator('.e2e-notice-docno').innerText()).toBe('某县教发〔2026〕12号');
    // The shared link counted one view (index.html's early request and the page share one answer): this read is the second.
    expect((await new ApiClient(server.baseUrl).get(`/notices/${noticeId}`)).body.viewCount).toBe(2);
    await detail.locator('.e2e-notice-body td', { hasText: '第一小学' }).waitFor();
    expect(await imagesLoaded(page, '.e2e-notice-detail:visible .e2e-notice-body')).toBe(true);
    expect(await detail.locator('.e2e-attachment .gk-attach__name').allInnerTexts()).toEqual(['图片1.png', PDF_NAME, XLSX_NAME]);
    expect(await detail.locator('.e2e-attachment-facts').allInnerTexts()).toEqual(['图片 · 94 B', 'PDF 文档 · 581 B', 'Excel 表格 · 2 KB']);
    await shot('attachments-parent');

    for (const [name, bytes] of [
      [PDF_NAME, pdf],
      [XLSX_NAME, xlsx],
    ] as const) {
      const link = detail.locator('.e2e-attachment', { hasText: name });
      expect(await link.getAttribute('href')).toMatch(/^\/api\/v1\/attachments\/[0-9a-f-]{36}$/);
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).toBe(name);
      expect(readFileSync((await download.path())!).equals(bytes)).toBe(true);
    }
  });

  it('tells the parent, whose page is still open, that the notice was withdrawn when a file is tapped', async () => {
    const leader = await staff('leader');
    const id = Number(noticeId);
    const n = await ok(leader.get(`/staff/notices/${id}`));
    await ok(leader.post(`/staff/notices/${id}/withdraw`, { version: n.version, reason: '招生范围调整，另行发布' }));
    let downloads = 0;
    page.on('download', () => (downloads += 1));
    await page.locator('.e2e-notice-detail:visible .e2e-attachment', { hasText: PDF_NAME }).click();
    // Taro's toast box has no size of its own (fixed children), so Playwright never calls it visible: its text is what tells.
    await page.locator('.taro__toast', { hasText: '该信息已撤回' }).waitFor({ state: 'attached' });
    await shot('attachments-withdrawn');
    expect(downloads).toBe(0);
  });
});
