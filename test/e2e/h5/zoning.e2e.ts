import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { ZONING_RULE_COLUMNS } from '@gongkai/shared';
import { countyTable } from '../../../server/src/demo/zoning/county-tables';
import { launchBrowser, phonePage, screenshot, signInStaff, toastsGone } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';
import { csvRows, zoningXlsx } from '../../support/zoning-files';

/**
 * 学区查询 in the H5 app against a server with the demo bureau (昌乐县, whose 2025 and 2026 tables
 * the demo publishes): a parent finds the schools of 北辰花园 by typing it and by picking it level by
 * level, and gets advice for an address the table does not have; an editor downloads the template,
 * sees a bad file's problems row by row, imports a 2027 table, sees what it changes against 2026,
 * and corrects one rule of the draft.
 */
jest.setTimeout(180_000);

const PASSWORD = 'demo-password-1';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ZONING_RULE_COLUMNS.map((c) => c.header);

/** A rules row in the template's 13 columns: 学段, 学校, 镇街, 社区村, 小区道路, 起始号, 终止号, 单双, then the rest empty. */
function ruleRow(cells: string[]): string[] {
  return [...cells, ...Array<string>(HEADERS.length - cells.length).fill('')];
}

/** The demo's 2026 table with 北辰花园's primary school moved to a new 昌乐县北辰小学: what a 2027 table could change. */
function table2027(): { rules: string[][]; schools: string[][]; aliases: string[][] } {
  const county = countyTable(2026);
  const rules = csvRows(county.rules).map((row) => {
    const [stage, , town, village, place] = row;
    return stage === '小学' && town === '宝城街道' && village === '北岩社区' && place === '北辰花园' ? [row[0]!, '昌乐县北辰小学', ...row.slice(2)] : row;
  });
  const schools = csvRows(county.schools);
  const header = schools[0]!;
  const newSchool = header.map((h) => ({ 学校: '昌乐县北辰小学', 学段: '小学', 性质: '公办', 地址: '昌乐县宝城街道北辰路66号', 电话: '0536-6290888' })[h] ?? '');
  return { rules, schools: [...schools, newSchool], aliases: csvRows(county.aliases) };
}

describe('H5: 学区查询', () => {
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

  const shot = async (name: string) => {
    // Taro's toasts (已导入, 已保存) would cover the page in the picture.
    await toastsGone(page);
    shots.push(await screenshot(page, name));
  };
  const zoning = () => page.locator('.e2e-zoning:visible');
  const answer = () => zoning().locator('.e2e-zoning-answer');

  it('a parent opens 学区查询 from the home page, types 北辰花园3号楼 and sees the primary and junior school with their phones', async () => {
    page = await phonePage(browser);
    await page.goto(`${server.baseUrl}/`);
    await page.locator('.e2e-home:visible .e2e-service-zoning').click();
    await zoning().locator('.e2e-zoning-q input').fill('北辰花园3号楼');
    await zoning().locator('.e2e-zoning-search').click();
    await answer().waitFor();

    expect(await answer().getAttribute('data-status')).toBe('matched');
    expect(await answer().getAttribute('data-certain')).toBe('true');
    expect(await answer().locator('.e2e-zoning-year').innerText()).toBe('2026年招生');
    expect(await answer().locator('.e2e-zoning-school-name').allInnerTexts()).toEqual(['昌乐县北城小学', '昌乐县第一实验中学']);
    expect(await answer().locator('.e2e-zoning-primary .e2e-zoning-school-phone').innerText()).toContain('0536-6290316');
    expect(await answer().locator('.e2e-zoning-junior .e2e-zoning-school-phone').innerText()).toContain('0536-6225377');
    expect(await answer().locator('.e2e-zoning-primary .e2e-zoning-school-address').innerText()).toBe('昌乐县宝城街道新昌路1587号');
    expect(await answer().locator('.e2e-zoning-primary .e2e-zoning-rule').innerText()).toBe('宝城街道 · 北岩社区 · 北辰花园 · 全部门牌');
    expect(await answer().locator('.e2e-zoning-uncertain').count()).toBe(0);
    expect(await answer().locator('.e2e-zoning-notice-link').innerText()).toContain('2026年城区义务教育学校划片招生方案');
    await shot('zoning-typed');

    // The year's 划片 notice, one tap away.
    await answer().locator('.e2e-zoning-notice-link').click();
    await page.locator('.e2e-notice-detail:visible .e2e-detail-title', { hasText: '2026年城区义务教育学校划片招生方案' }).waitFor();
    await page.goBack();
    await zoning().waitFor();
  });

  it('picks the same place level by level (宝城街道 → 北岩社区 → 北辰花园) and sees the same schools', async () => {
    await zoning().locator('.e2e-zoning-mode-cascade').click();
    const cascade = zoning().locator('.e2e-zoning-cascade');
    // By role and name, as a screen reader finds them.
    expect(await zoning().getByRole('radiogroup', { name: '招生年度' }).getByRole('radio', { checked: true }).allInnerTexts()).toEqual(['2026年（当前）']);
    await cascade.getByRole('button', { name: '宝城街道，选择下一级' }).click();
    await cascade.getByRole('button', { name: '北岩社区，选择下一级' }).click();
    await cascade.getByRole('button', { name: '查询北辰花园' }).click();
    await answer().waitFor();
    expect(await answer().getAttribute('data-status')).toBe('matched');
    expect(await answer().locator('.e2e-zoning-school-name').allInnerTexts()).toEqual(['昌乐县北城小学', '昌乐县第一实验中学']);
    expect(await cascade.locator('.e2e-zoning-crumbs .gk-zoning__crumb').allInnerTexts()).toEqual(['全部镇街', '› 宝城街道', '› 北岩社区']);
    await shot('zoning-cascade');
  });

  it('gives advice for an address the table does not have, and offers the cascade', async () => {
    await zoning().locator('.e2e-zoning-mode-text').click();
    await zoning().locator('.e2e-zoning-q input').fill('上海市浦东新区世纪大道1000号');
    await zoning().locator('.e2e-zoning-search').click();
    await answer().waitFor();
    expect(await answer().getAttribute('data-status')).toBe('none');
    expect(await answer().locator('.e2e-zoning-school-name').count()).toBe(0);
    // Whom to call: the demo's contact (ZONING_HELP_CONTACT) in the advice, and a button to dial it.
    expect(await answer().locator('.e2e-zoning-advice').innerText()).toContain('县教育局基础教育科 0536-6212312');
    expect(await answer().locator('.e2e-zoning-call-help').innerText()).toBe('拨打咨询电话 0536-6212312');
    expect(await answer().locator('.e2e-zoning-uncertain').count()).toBe(0);
    await shot('zoning-none');
    await answer().locator('.e2e-zoning-to-cascade').click();
    await zoning().locator('.e2e-zoning-cascade .e2e-zoning-place[data-name="宝城街道"]').waitFor();
  });

  it('an editor downloads the template, sees a bad file’s problems row by row, imports a 2027 table and sees what it changes', async () => {
    await page.context().close();
    page = await phonePage(browser);
    await signInStaff(page, server.baseUrl, 'editor', PASSWORD);
    await page.locator('.e2e-staff-home:visible .e2e-staff-zoning-link').click();
    const staff = page.locator('.e2e-zoning-staff:visible');
    await staff.locator('.e2e-zoning-year[data-year="2026"]').waitFor();
    expect(await staff.locator('.e2e-zoning-year[data-year="2026"] .e2e-zoning-year-current').count()).toBe(1);
    expect(await staff.locator('.e2e-zoning-year[data-year="2026"] .e2e-zoning-table-state').allInnerTexts()).toEqual(['已发布']);

    const [download] = await Promise.all([page.waitForEvent('download'), staff.locator('.e2e-zoning-template').click()]);
    expect(download.suggestedFilename()).toBe('学区划分导入模板.xlsx');
    expect(readFileSync((await download.path())!).subarray(0, 2).toString('latin1')).toBe('PK');

    // A file with two problems: nothing is imported, each problem names its row and column.
    const bad = await zoningXlsx({
      rules: [
        HEADERS,
        ruleRow(['小学', '昌乐县北城小学', '宝城街道', '北岩社区', '北辰花园']),
        ruleRow(['小学', '昌乐县北城小学', '宝城街道', '', '新昌路', '99', '1', '单']),
        ruleRow(['小学', '昌乐县不存在小学', '宝城街道', '北岩社区', '学府壹号']),
      ],
      schools: [
        ['学校', '学段', '地址', '电话'],
        ['昌乐县北城小学', '小学', '昌乐县宝城街道新昌路1587号', '0536-6290316'],
      ],
    });
    const importer = staff.locator('.e2e-zoning-import');
    await importer.locator('.e2e-zoning-import-year input').fill('2027');
    await importer.locator('.e2e-zoning-import-file-input').setInputFiles({ name: '2027年划片表（有误）.xlsx', mimeType: XLSX_TYPE, buffer: bad });
    await importer.locator('.e2e-zoning-import-submit').click();
    await importer.locator('.e2e-zoning-issues').waitFor();
    expect(await importer.locator('.e2e-zoning-issues-message').innerText()).toBe('文件有 2 处问题，未导入任何内容');
    const issues = importer.locator('.e2e-zoning-issue');
    expect(await issues.evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-sheet'), r.getAttribute('data-row'), r.getAttribute('data-column')]))).toEqual([
      ['学区划分', '3', '终止号'],
      ['学区划分', '4', '学校'],
    ]);
    expect(await importer.locator('.e2e-zoning-issue-message').allInnerTexts()).toEqual(['终止号 1 小于起始号 99', '学校“昌乐县不存在小学”不在学校信息中']);
    await shot('zoning-import-problems');
    expect(await staff.locator('.e2e-zoning-year[data-year="2027"]').count()).toBe(0);

    // The 2026 table with 北辰花园 moved to a new school.
    await importer.locator('.e2e-zoning-import-file-input').setInputFiles({ name: '昌乐县2027年义务教育学校划片范围.xlsx', mimeType: XLSX_TYPE, buffer: await zoningXlsx(table2027()) });
    await importer.locator('.e2e-zoning-import-submit').click();
    const result = importer.locator('.e2e-zoning-import-result');
    await result.waitFor();
    expect(await importer.locator('.e2e-zoning-issues').count()).toBe(0);
    expect(await result.locator('.e2e-zoning-import-summary').innerText()).toMatch(/^已导入2027年划片表：\d+ 条规则、\d+ 所学校（草稿）$/);
    expect(await result.locator('.e2e-zoning-diff-against').innerText()).toBe('2027年与2026年相比');
    expect(await result.locator('.e2e-zoning-diff-school-added').allInnerTexts()).toEqual(['昌乐县北辰小学']);
    expect(await result.locator('.e2e-zoning-diff-school-removed').count()).toBe(0);
    expect(await result.locator('.e2e-zoning-diff-move-text').allInnerTexts()).toEqual(['宝城街道 · 北岩社区 · 北辰花园：昌乐县北城小学 → 昌乐县北辰小学']);
    await staff.locator('.e2e-zoning-year[data-year="2027"] .e2e-zoning-table[data-state="draft"]').waitFor();
    await result.locator('.e2e-zoning-diff').scrollIntoViewIfNeeded();
    await shot('zoning-import-diff');

    // The draft: its rules can be found and corrected.
    await result.locator('.e2e-zoning-import-open').click();
    const table = page.locator('.e2e-zoning-table-page:visible');
    expect(await table.locator('.e2e-zoning-table-state').first().innerText()).toBe('草稿');
    await table.locator('.e2e-zoning-table-tab-rules').click();
    await table.locator('.e2e-zoning-rules-q input').fill('北辰花园');
    await table.locator('.e2e-zoning-rules-search').click();
    const rule = table.locator('.e2e-zoning-rule-item', { hasText: '昌乐县北辰小学' });
    await rule.waitFor();
    expect(await rule.locator('.e2e-zoning-rule-text').innerText()).toBe('宝城街道 · 北岩社区 · 北辰花园 · 全部门牌');
    await rule.locator('.e2e-zoning-rule-edit').click();
    const editor = table.locator('.e2e-zoning-rule-editor');
    await editor.locator('.e2e-zoning-rule-note input').fill('2027年起划入新建的北辰小学');
    await editor.locator('.e2e-zoning-rule-save').click();
    await table.locator('.e2e-zoning-rule-item', { hasText: '备注：2027年起划入新建的北辰小学' }).waitFor();
    expect(await table.locator('.e2e-zoning-rule-editor').count()).toBe(0);
    await shot('zoning-table-rules');
  });
});
