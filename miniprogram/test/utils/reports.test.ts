import { dispositionFileName } from '../../src/packages/staff/utils/staff-file';
import type { ReportCheck, Table2 } from '@gongkai/shared';
import {
  canGenerateNotice,
  changedFigures,
  count,
  exportFileName,
  failedCells,
  fieldErrors,
  figureProblem,
  isFailed,
  lawsuitHeading,
  narrativeChanged,
  percent,
  stampLine,
  startedFromNote,
  table2Sections,
  unbalancedLines,
  weappDocumentType,
  yearChoices,
} from '../../src/packages/staff/utils/reports-format';
import { briefingInput, defaultRecordDate, hotTopicDraft, hotTopicInput, linkText, proposalInput } from '../../src/packages/staff/utils/reports-records';

const aCheck = (over: Partial<ReportCheck>): ReportCheck => ({ code: 'table3_balance', ok: true, cell: null, message: '表三各列：一 + 二 = 三（总计）+ 四', ...over });

describe('the report page’s words and numbers', () => {
  it('writes rates as the report does and counts with separators', () => {
    expect(percent(0.95)).toBe('95%');
    expect(percent(14 / 15)).toBe('93.3%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(null)).toBe('—');
    expect(count(123456)).toBe('123,456');
    expect(count(999)).toBe('999');
    expect(count(null)).toBe('—');
  });

  it('offers the listed years and the default one, newest first', () => {
    expect(yearChoices({ defaultYear: 2026, years: [{ year: 2025, state: 'published', noticeId: 3, publishedAt: '2026-01-20T02:00:00.000Z' }, { year: 2024, state: 'draft', noticeId: null, publishedAt: null }] }, '2026-12-06')).toEqual([2026, 2025, 2024]);
    // Without the list (it failed to load), the year just ended.
    expect(yearChoices(undefined, '2026-03-01')).toEqual([2025]);
    expect(yearChoices(undefined, '2026-12-01')).toEqual([2025]);
  });

  it('finds the cells the failed checks name', () => {
    const cells = failedCells([
      aCheck({}),
      aCheck({ code: 'table3_carry_over', ok: false, cell: { table: '三', row: 'carriedIn', column: 'natural_person' }, message: '表三“自然人”列：二、上年结转（1）≠ 上年报告“四、结转下年度继续办理”（0）' }),
      aCheck({ code: 'table2_entered', ok: false, cell: { table: '二', row: 'licensing', column: 'value' }, message: '表二尚未填报：行政许可（没有的填 0）' }),
    ]);
    expect(isFailed(cells, '三', 'carriedIn', 'natural_person')).toBe(true);
    expect(isFailed(cells, '三', 'carriedIn', 'total')).toBe(false);
    expect(isFailed(cells, '二', 'licensing', 'value')).toBe(true);
    expect(cells.size).toBe(2);
  });

  it('lists what 409 REPORT_UNBALANCED names: its details, else the failed checks', () => {
    expect(unbalancedLines([{ field: 'table3.carriedIn.natural_person', message: '表三“自然人”列：二、上年结转（1）≠ 上年报告“四、结转下年度继续办理”（0）' }], [])).toEqual([
      '表三“自然人”列：二、上年结转（1）≠ 上年报告“四、结转下年度继续办理”（0）',
    ]);
    expect(unbalancedLines(undefined, [aCheck({}), aCheck({ code: 'table4_totals', ok: false, message: '表四“行政复议”：各项结果之和（2）≠ 总计（3）' })])).toEqual(['表四“行政复议”：各项结果之和（2）≠ 总计（3）']);
  });

  it('lays table 二 out in the four blocks of the national format, a figure not entered marked', () => {
    const table: Table2 = {
      documents: { regulations: { issued: 0, repealed: 0, inForce: 0 }, normative: { issued: 2, repealed: 1, inForce: 7 } },
      yearly: [
        { key: 'licensing', value: '12', enteredBy: '王芳', enteredAt: '2026-01-05T02:00:00.000Z' },
        { key: 'penalty', value: '3', enteredBy: '王芳', enteredAt: '2026-01-05T02:00:00.000Z' },
        { key: 'enforcement', value: null, enteredBy: null, enteredAt: null },
        { key: 'charges', value: '1.5', enteredBy: '王芳', enteredAt: '2026-01-05T02:00:00.000Z' },
      ],
    };
    const sections = table2Sections(table);
    expect(sections.map((s) => s.heading)).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项']);
    expect(sections[0]!.columns).toEqual(['信息内容', '本年制发件数', '本年废止件数', '现行有效件数']);
    expect(sections[0]!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['规章', '0', '0', '0'],
      ['行政规范性文件', '2', '1', '7'],
    ]);
    expect(sections[2]!.rows.map((r) => r.map((c) => [c.text, Boolean(c.bad)]))).toEqual([
      [['行政处罚', false], ['3', false]],
      [['行政强制', false], ['未填报', true]],
    ]);
    expect(sections[3]!.columns).toEqual(['信息内容', '本年收费金额（单位：万元）']);
    expect(sections[3]!.rows[0]![1]!.text).toBe('1.5');
  });

  it('names the two kinds of lawsuit under 行政诉讼', () => {
    expect(lawsuitHeading('lawsuit_direct')).toBe('未经复议直接起诉');
    expect(lawsuitHeading('lawsuit_after_reconsideration')).toBe('复议后起诉');
    expect(lawsuitHeading('reconsideration')).toBe('行政复议');
  });

  it('offers 生成公告 while the notice is the author’s or withdrawn, never while it is in review or out', () => {
    const notice = (status: 'draft' | 'returned' | 'unit_review' | 'published' | 'withdrawn') => ({ id: 9, title: '年报', status, publishedAt: null });
    expect(canGenerateNotice({ state: 'draft', notice: null })).toBe(true);
    expect(canGenerateNotice({ state: 'in_review', notice: notice('draft') })).toBe(true);
    expect(canGenerateNotice({ state: 'in_review', notice: notice('returned') })).toBe(true);
    expect(canGenerateNotice({ state: 'in_review', notice: notice('unit_review') })).toBe(false);
    expect(canGenerateNotice({ state: 'published', notice: notice('published') })).toBe(false);
    expect(canGenerateNotice({ state: 'withdrawn', notice: notice('withdrawn') })).toBe(true);
  });

  it('says where the offered text comes from until this year’s is saved', () => {
    expect(startedFromNote(2025, false)).toBe('以上年（2025）文本为起点');
    expect(startedFromNote(2025, true)).toBeNull();
    expect(startedFromNote(null, false)).toBeNull();
    expect(narrativeChanged({ a: 'x', b: 'y' }, { a: 'x', b: 'y' })).toBe(false);
    expect(narrativeChanged({ a: 'x', b: 'z' }, { a: 'x', b: 'y' })).toBe(true);
  });

  it('reads the Chinese file name of an export, and knows what WeChat can open', () => {
    expect(dispositionFileName(`attachment; filename="report.pdf"; filename*=UTF-8''${encodeURIComponent('昌乐县教育局2026年政府信息公开工作年度报告.pdf')}`)).toBe('昌乐县教育局2026年政府信息公开工作年度报告.pdf');
    expect(dispositionFileName('attachment; filename="report.md"')).toBe('report.md');
    expect(dispositionFileName(null)).toBeNull();
    expect(dispositionFileName("attachment; filename*=UTF-8''%E0%A4%A")).toBeNull();
    expect(exportFileName('某县教育局2026年政府信息公开工作年度报告', 'docx')).toBe('某县教育局2026年政府信息公开工作年度报告.docx');
    expect([weappDocumentType('pdf'), weappDocumentType('docx'), weappDocumentType('md'), weappDocumentType('html')]).toEqual(['pdf', 'docx', null, null]);
  });
});

describe('the records’ forms', () => {
  it('checks a figure as the server will, and sends only what changed', () => {
    expect(figureProblem('licensing', '12')).toBeNull();
    expect(figureProblem('licensing', '')).toBeNull();
    expect(figureProblem('licensing', '1.5')).toBe('请填写不小于0的整数（没有的填 0）');
    expect(figureProblem('penalty', '-1')).toBe('请填写不小于0的整数（没有的填 0）');
    expect(figureProblem('charges', '12.3456')).toBeNull();
    expect(figureProblem('charges', '12.34567')).toBe('请填写金额（万元），最多4位小数，如 12.5');
    expect(changedFigures({ licensing: '12', penalty: ' 4 ', enforcement: '', charges: '1.5' }, { licensing: '12', penalty: '3', enforcement: null, charges: null })).toEqual({ penalty: '4', charges: '1.5' });
  });

  it('puts the server’s complaints under their fields and keeps the rest', () => {
    expect(
      fieldErrors(
        [
          { field: 'subject', message: '请填写主题' },
          { field: 'subject', message: '主题最多 200 个字' },
          { field: 'channel', message: '回应渠道须为政府网站、微信公众号、政务微博、电视、报纸、新闻发布会、政务服务热线或其他' },
          { field: 'version', message: '须提供版本号（version）' },
        ],
        ['date', 'subject', 'channel'] as const,
      ),
    ).toEqual({ byField: { subject: '请填写主题', channel: '回应渠道须为政府网站、微信公众号、政务微博、电视、报纸、新闻发布会、政务服务热线或其他' }, other: ['须提供版本号（version）'] });
  });

  it('builds the inputs: a link to one notice or one address, never both', () => {
    expect(hotTopicInput({ date: '2026-03-02', subject: ' 春季开学校车安全 ', channel: 'website', linkKind: 'notice', noticeId: '42', url: 'https://example.org/x' })).toEqual({
      input: { date: '2026-03-02', subject: '春季开学校车安全', channel: 'website', noticeId: 42, url: null },
    });
    expect(hotTopicInput({ date: '2026-03-02', subject: 'x', channel: 'wechat', linkKind: 'notice', noticeId: '4a', url: '' })).toEqual({ errors: { noticeId: '请填写本局信息的编号（数字，见信息详情页地址中的 id）' } });
    expect(briefingInput({ date: '2026-05-10', kind: 'press_conference', subject: '中考政策解读', speakers: '县教育局局长 张某', linkKind: 'url', noticeId: '', url: ' https://example.org/a ' })).toEqual({
      input: { date: '2026-05-10', kind: 'press_conference', subject: '中考政策解读', speakers: '县教育局局长 张某', noticeId: null, url: 'https://example.org/a' },
    });
    expect(proposalInput({ kind: 'npc', number: ' 第45号 ', title: '关于校车的建议', role: 'lead', partners: '', replyDate: '', satisfaction: '' }, 2026)).toEqual({
      input: { year: 2026, kind: 'npc', number: '第45号', title: '关于校车的建议', role: 'lead', partners: null, replyDate: null, satisfaction: null },
    });
  });

  it('reads a saved record back into the form, and says what its link is', () => {
    const view = { id: 3, date: '2026-03-02', subject: '校车', channel: 'weibo' as const, link: { noticeId: 42, noticeTitle: '关于校车安全的通知', url: null }, createdBy: '王芳', createdAt: '2026-03-02T02:00:00.000Z', updatedBy: '王芳', updatedAt: '2026-03-02T02:00:00.000Z', version: 1 };
    expect(hotTopicDraft(view)).toEqual({ date: '2026-03-02', subject: '校车', channel: 'weibo', linkKind: 'notice', noticeId: '42', url: '' });
    expect(linkText(view.link)).toBe('关于校车安全的通知');
    expect(linkText({ noticeId: 7, noticeTitle: null, url: null })).toBe('信息 #7（已不可见）');
    expect(linkText({ noticeId: null, noticeTitle: null, url: null })).toBeNull();
    expect(stampLine(view, (iso) => iso.slice(0, 10))).toBe('王芳 2026-03-02 录入');
    expect(stampLine({ ...view, updatedBy: '李强', updatedAt: '2026-04-01T02:00:00.000Z' }, (iso) => iso.slice(0, 10))).toBe('王芳 2026-03-02 录入；李强 2026-04-01 修改');
    expect(defaultRecordDate(2026, '2026-12-06')).toBe('2026-12-06');
    expect(defaultRecordDate(2025, '2026-01-06')).toBe('');
  });
});
