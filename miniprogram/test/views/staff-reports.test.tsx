import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import {
  DISCLOSURE_OUTCOME_CODES,
  TABLE3_COLUMNS,
  TABLE3_COUNTED_ROWS,
  type AnnualReportView,
  type ReportCheck,
  type Table3CountedRow,
  type Table3Counts,
} from '@gongkai/shared';
import { saveToken } from '../../src/api/tokens';
import StaffReports from '../../src/packages/staff/pages/reports/index';
import StaffReportRecords from '../../src/packages/staff/pages/reports/records';
import StaffHome from '../../src/packages/staff/pages/home/index';
import { inputOf } from '../fixtures';
import { taroMock } from '../mocks/taro';

/** The 年度报告 pages through the real request layer: Taro.request is the mock, so URLs and bodies are checked as sent. */
const requestMock = Taro.request as unknown as jest.Mock;
const FUTURE = '2099-01-01T00:00:00.000Z';
const TITLE = '某县教育局2026年政府信息公开工作年度报告';
const ok = (data: unknown) => ({ statusCode: 200, data });
const refused = (statusCode: number, code: string, message: string, details?: unknown) => ({ statusCode, data: { statusCode, code, message, ...(details ? { details } : {}) } });
const texts = (container: HTMLElement, selector: string) => Array.from(container.querySelectorAll(selector)).map((e) => e.textContent);

beforeEach(() => {
  requestMock.mockReset();
  saveToken('staff', { token: 'staff-jwt', expiresAt: FUTURE });
});

const zeros = (): Table3Counts => Object.fromEntries(TABLE3_COLUMNS.map((c) => [c, 0])) as Table3Counts;

/** 3 new requests from natural persons: 2 予以公开, 1 carried into next year. */
function aTable3(): Record<Table3CountedRow, Table3Counts> {
  const t = Object.fromEntries(TABLE3_COUNTED_ROWS.map((r) => [r, zeros()])) as Record<Table3CountedRow, Table3Counts>;
  t.received = { ...zeros(), natural_person: 3, total: 3 };
  t[DISCLOSURE_OUTCOME_CODES[0]!] = { ...zeros(), natural_person: 2, total: 2 };
  t.concluded = { ...zeros(), natural_person: 2, total: 2 };
  t.carriedOut = { ...zeros(), natural_person: 1, total: 1 };
  return t;
}

const PASSING: ReportCheck[] = [
  { code: 'table3_balance', ok: true, cell: null, message: '表三各列：一 + 二 = 三（总计）+ 四' },
  { code: 'table3_results_sum', ok: true, cell: null, message: '表三各列：各项办理结果之和 = 三（总计）' },
  { code: 'table3_total_column', ok: true, cell: null, message: '表三各行：自然人与各类法人或其他组织之和 = 总计' },
  { code: 'table3_carry_over', ok: true, cell: null, message: '表三：上年结转 = 上年报告的结转下年度继续办理' },
  { code: 'table4_totals', ok: true, cell: null, message: '表四：各项结果之和 = 总计' },
  { code: 'table2_entered', ok: true, cell: null, message: '表二：行政许可、行政处罚、行政强制、行政事业性收费均已填报' },
];

function aReport(over: Partial<AnnualReportView> = {}): AnnualReportView {
  const results = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
  return {
    year: 2026,
    state: 'draft',
    notice: null,
    frozen: false,
    liveDiffers: false,
    checks: PASSING,
    balanced: true,
    narrative: { saved: false, startedFrom: 2025, savedBy: null, savedAt: null, version: 0 },
    data: {
      year: 2026,
      agency: '某县教育局',
      title: TITLE,
      asOf: '2026-12-06T02:00:00.000Z',
      dated: '2026-12-06',
      table2: {
        documents: { regulations: { issued: 0, repealed: 0, inForce: 0 }, normative: { issued: 2, repealed: 1, inForce: 7 } },
        yearly: [
          { key: 'licensing', value: '12', enteredBy: '王芳', enteredAt: '2026-12-01T02:00:00.000Z' },
          { key: 'penalty', value: '3', enteredBy: '王芳', enteredAt: '2026-12-01T02:00:00.000Z' },
          { key: 'enforcement', value: '0', enteredBy: '王芳', enteredAt: '2026-12-01T02:00:00.000Z' },
          { key: 'charges', value: '1.5', enteredBy: '王芳', enteredAt: '2026-12-01T02:00:00.000Z' },
        ],
      },
      table3: aTable3(),
      table4: { reconsideration: { ...results, upheld: 1, total: 1 }, lawsuit_direct: { ...results }, lawsuit_after_reconsideration: { ...results } },
      figures: {
        published: { byType: { organization: 5, policy: 12, business: 1234, procurement: 8 }, total: 1259 },
        publishedMonthly: [],
        pageViews: 123456,
        hotTopics: { total: 3, byChannel: { website: 2, wechat: 1 } },
        briefings: { total: 2, byKind: { press_conference: 1, policy_briefing: 1 } },
        proposals: [
          { kind: 'npc', lead: 2, co: 1, replied: 3, satisfied: 2, basicallySatisfied: 1, unsatisfied: 0, satisfactionRate: 1 },
          { kind: 'cppcc', lead: 1, co: 0, replied: 1, satisfied: 0, basicallySatisfied: 0, unsatisfied: 1, satisfactionRate: 0 },
        ],
        inquiries: {
          total: 15,
          byKind: [{ kind: 'consultation', received: 15, replied: 15, repliedOnTime: 14, onTimeRate: 14 / 15, rated: 10, satisfied: 8, basicallySatisfied: 1, unsatisfied: 1, satisfactionRate: 0.9 }],
          monthly: [],
          onTimeRateMonthly: [],
        },
        pushes: { campaigns: 4, sent: 2048 },
        requestsByOutcomeGroup: { granted: 2, partial: 0, refused: 0, unavailable: 0, not_processed: 0, other: 0 },
      },
      narrative: { preface: '本报告根据《条例》编制。', overview: '2025年，本局……', problems: '', other: '' },
    },
    ...over,
  };
}

const YEARS = { defaultYear: 2026, years: [{ year: 2025, state: 'published', noticeId: 5, publishedAt: '2026-01-20T02:00:00.000Z' }] };
const CATEGORIES = [
  { id: 1, code: 'GZJG', name: '工作机构', description: '', sortOrder: 1 },
  { id: 2, code: 'ZCWJ', name: '政策文件', description: '', sortOrder: 2 },
];

type Sent = { method: string; url: string; data?: unknown };
function serve(routes: (req: Sent) => unknown): Sent[] {
  const sent: Sent[] = [];
  requestMock.mockImplementation(async ({ url, method, data }: Sent) => {
    sent.push({ method, url, data });
    if (url === '/api/v1/staff/reports/years') return ok(YEARS);
    if (url === '/api/v1/categories') return ok(CATEGORIES);
    const answer = routes({ method, url, data });
    if (answer === undefined) throw new Error(`unexpected ${method} ${url}`);
    return answer;
  });
  return sent;
}

describe('年度报告', () => {
  it('opens the default year with every check, the tables in the national format, the figures and last year’s text as a start', async () => {
    const sent = serve(({ url }) => (url === '/api/v1/staff/reports/annual?year=2026' ? ok(aReport()) : undefined));
    const { container } = render(<StaffReports />);
    await waitFor(() => expect(container.querySelector('.e2e-report-title')?.textContent).toBe(TITLE));
    expect(sent.map((r) => r.url)).toEqual(expect.arrayContaining(['/api/v1/staff/reports/years', '/api/v1/staff/reports/annual?year=2026']));
    expect(texts(container, '.e2e-report-year-tab')).toEqual(['2026年', '2025年']);
    expect(container.querySelector('.e2e-report-state')?.textContent).toBe('草稿');
    expect(container.querySelector('.e2e-report-checks')?.getAttribute('data-balanced')).toBe('true');
    expect(texts(container, '.e2e-report-check-mark')).toEqual(['✓', '✓', '✓', '✓', '✓', '✓']);
    expect(container.querySelectorAll('.e2e-cell-bad')).toHaveLength(0);

    // Table 三: the 自然人 column and 总计, row by row.
    const cell = (row: string, column: string) => container.querySelector(`.e2e-t3-cell[data-row="${row}"][data-column="${column}"]`)?.textContent;
    expect([cell('received', 'natural_person'), cell('carriedIn', 'natural_person'), cell('concluded', 'total'), cell('carriedOut', 'total')]).toEqual(['3', '0', '2', '1']);
    expect(container.querySelector('.e2e-report-table3')?.textContent).toContain('三、本年度办理结果');
    expect(container.querySelector('.e2e-report-table3')?.textContent).toContain('法人或其他组织');
    // Table 二's four blocks and table 四's heading.
    expect(container.querySelector('.e2e-report-table2')?.textContent).toContain('第二十条第（八）项');
    expect(texts(container, '.e2e-t2-cell[data-column="value"]')).toEqual(['12', '3', '0', '1.5']);
    expect(container.querySelector('.e2e-t4-cell[data-row="reconsideration"][data-column="upheld"]')?.textContent).toBe('1');
    expect(container.querySelector('.e2e-report-table4')?.textContent).toContain('未经复议直接起诉');

    expect(container.querySelector('.e2e-figure-published')?.textContent).toContain('1,259 条');
    expect(container.querySelector('.e2e-figure-page-views')?.textContent).toContain('123,456 次');
    expect(container.querySelector('.e2e-figure-proposals-npc')?.textContent).toContain('满意率 100%');
    expect(container.querySelector('.e2e-figure-inquiries-consultation')?.textContent).toContain('按时答复率 93.3%');
    expect(container.querySelector('.e2e-figure-pushes')?.textContent).toContain('4 次，送达 2,048 条');

    expect(container.querySelector('.e2e-narrative-started-from')?.textContent).toBe('以上年（2025）文本为起点');
    expect((container.querySelector('.e2e-narrative-part-preface') as HTMLTextAreaElement).value).toBe('本报告根据《条例》编制。');
    expect(texts(container, '.e2e-report-exports .gk-btn')).toEqual(['PDF', 'Word（DOCX）', 'Markdown', '网页（HTML）']);
    await waitFor(() => expect(container.querySelector('.e2e-report-category-ZCWJ')?.className).toContain('e2e-selected'));
    expect(container.querySelector('.e2e-report-generate-unsaved')).not.toBeNull();
  });

  it('saves the narrative with the version read and shows a stale save’s message', async () => {
    let saves = 0;
    const sent = serve(({ method, url }) => {
      if (url === '/api/v1/staff/reports/annual?year=2026') return ok(aReport());
      if (method === 'PUT' && url === '/api/v1/staff/reports/annual/2026/narrative') {
        saves += 1;
        return saves === 1
          ? ok(aReport({ narrative: { saved: true, startedFrom: null, savedBy: '年报编辑', savedAt: '2026-12-06T03:00:00.000Z', version: 1 } }))
          : refused(409, 'CONFLICT', '年度报告的文字部分已被他人修改，请刷新后再保存');
      }
      return undefined;
    });
    const { container } = render(<StaffReports />);
    await waitFor(() => expect(container.querySelector('.e2e-narrative-part-problems')).not.toBeNull());
    fireEvent.change(container.querySelector('.e2e-narrative-part-problems')!, { target: { value: '栏目更新不够及时。' } });
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-narrative-save')!);
    });
    await waitFor(() => expect(container.querySelector('.e2e-narrative')?.getAttribute('data-version')).toBe('1'));
    expect(sent.find((r) => r.method === 'PUT')?.data).toEqual({
      parts: { preface: '本报告根据《条例》编制。', overview: '2025年，本局……', problems: '栏目更新不够及时。', other: '' },
      version: 0,
    });
    expect(container.querySelector('.e2e-narrative-saved-by')?.textContent).toBe('年报编辑 于 2026-12-06 11:00 保存（第 1 版）');
    expect(container.querySelector('.e2e-narrative-started-from')).toBeNull();

    fireEvent.change(container.querySelector('.e2e-narrative-part-other')!, { target: { value: '无。' } });
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-narrative-save')!);
    });
    await waitFor(() => expect(container.querySelector('.e2e-narrative-error')?.textContent).toBe('年度报告的文字部分已被他人修改，请刷新后再保存'));
    // What was typed stays.
    expect((container.querySelector('.e2e-narrative-part-other') as HTMLTextAreaElement).value).toBe('无。');
    expect(sent.filter((r) => r.method === 'PUT')[1]?.data).toMatchObject({ version: 1 });
  });

  it('shows the cells a refused notice names, then the notice written, with the way to submit it', async () => {
    const message = '表三“自然人”列：二、上年结转（1）≠ 上年报告“四、结转下年度继续办理”（0）';
    let tries = 0;
    const sent = serve(({ method, url }) => {
      if (url === '/api/v1/staff/reports/annual?year=2026') return ok(aReport({ narrative: { saved: true, startedFrom: null, savedBy: '年报编辑', savedAt: '2026-12-06T03:00:00.000Z', version: 1 } }));
      if (method === 'POST' && url === '/api/v1/staff/reports/annual/2026/notice') {
        tries += 1;
        return tries === 1
          ? refused(409, 'REPORT_UNBALANCED', `年度报告未通过核对，不能生成信息：${message}`, [{ field: 'table3.carriedIn.natural_person', message }])
          : ok(aReport({ state: 'in_review', notice: { id: 77, title: TITLE, status: 'draft', publishedAt: null } }));
      }
      return undefined;
    });
    const { container } = render(<StaffReports />);
    await waitFor(() => expect(container.querySelector('.e2e-report-category-GZJG')).not.toBeNull());
    fireEvent.click(container.querySelector('.e2e-report-category-GZJG')!);
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-report-generate')!);
    });
    await waitFor(() => expect(texts(container, '.e2e-report-unbalanced-cell')).toEqual([message]));
    expect(sent.find((r) => r.method === 'POST')?.data).toEqual({ categoryCode: 'GZJG' });

    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-report-generate')!);
    });
    await waitFor(() => expect(container.querySelector('.e2e-report-notice')?.getAttribute('data-id')).toBe('77'));
    expect(container.querySelector('.e2e-report-state')?.textContent).toBe('审核中');
    expect(container.querySelector('.e2e-report-unbalanced')).toBeNull();
    expect(container.querySelector('.e2e-report-notice')?.textContent).toContain('打开公告提交审核');
    fireEvent.click(container.querySelector('.e2e-report-notice')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/compose/index?id=77' });
  });

  it('marks a failed check and its cell, says when live figures differ from the frozen report, and locks what was sent', async () => {
    const message = '表三“自然人”列：二、上年结转（1）≠ 上年报告“四、结转下年度继续办理”（0）';
    const view = aReport({
      year: 2025,
      state: 'published',
      frozen: true,
      liveDiffers: true,
      balanced: false,
      notice: { id: 5, title: TITLE, status: 'published', publishedAt: '2026-01-20T02:00:00.000Z' },
      checks: PASSING.map((c) => (c.code === 'table3_carry_over' ? { ...c, ok: false, cell: { table: '三', row: 'carriedIn', column: 'natural_person' }, message } : c)),
    });
    taroMock.setRouterParams({ year: '2025' });
    serve(({ url }) => (url === '/api/v1/staff/reports/annual?year=2025' ? ok(view) : undefined));
    const { container } = render(<StaffReports />);
    await waitFor(() => expect(container.querySelector('.e2e-report-state')?.textContent).toBe('已发布'));
    expect(container.querySelector('.e2e-report-year-tab-2025')?.className).toContain('e2e-selected');
    expect(texts(container, '.e2e-check-failed .e2e-report-check-message')).toEqual([message]);
    expect(texts(container, '.e2e-report-check-mark')).toEqual(['✓', '✓', '✓', '✗', '✓', '✓']);
    const bad = container.querySelectorAll('.e2e-cell-bad');
    expect(Array.from(bad).map((c) => [c.getAttribute('data-row'), c.getAttribute('data-column')])).toEqual([['carriedIn', 'natural_person']]);
    expect(container.querySelector('.e2e-report-live-differs')).not.toBeNull();
    expect(container.querySelector('.e2e-narrative-frozen')).not.toBeNull();
    expect(container.querySelector('.e2e-report-generate-form')).toBeNull();
    expect(container.querySelector('.e2e-report-notice')?.textContent).toContain('2026-01-20 10:00 发布');
  });

  it('downloads an export with the staff token under the server’s Chinese name (H5)', async () => {
    serve(({ url }) => (url === '/api/v1/staff/reports/annual?year=2026' ? ok(aReport()) : undefined));
    const name = `${TITLE}.pdf`;
    const fetchMock = jest.fn(async () => ({
      ok: true,
      status: 200,
      headers: { get: (h: string) => (h.toLowerCase() === 'content-disposition' ? `attachment; filename*=UTF-8''${encodeURIComponent(name)}` : null) },
      blob: async () => new Blob(['%PDF-1.7']),
    }));
    const saved: string[] = [];
    const realFetch = globalThis.fetch;
    const realCreate = URL.createObjectURL;
    globalThis.fetch = fetchMock as unknown as typeof fetch;
    URL.createObjectURL = jest.fn(() => 'blob:report');
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    try {
      const { container } = render(<StaffReports />);
      await waitFor(() => expect(container.querySelector('.e2e-report-export-pdf')).not.toBeNull());
      await act(async () => {
        fireEvent.click(container.querySelector('.e2e-report-export-pdf')!);
      });
      await waitFor(() => expect(saved).toEqual([name]));
      expect(fetchMock).toHaveBeenCalledWith('/api/v1/staff/reports/annual/2026/export.pdf', expect.objectContaining({ headers: { Authorization: 'Bearer staff-jwt' } }));
    } finally {
      globalThis.fetch = realFetch;
      URL.createObjectURL = realCreate;
      click.mockRestore();
    }
  });
});

describe('年报资料', () => {
  const topic = { id: 4, date: '2026-03-02', subject: '春季开学校车安全', channel: 'website', link: { noticeId: 42, noticeTitle: '关于校车安全的通知', url: null }, createdBy: '王芳', createdAt: '2026-03-02T02:00:00.000Z', updatedBy: '王芳', updatedAt: '2026-03-02T02:00:00.000Z', version: 1 };

  it('lists a year’s hot topics and puts the server’s complaints under the fields of a new one', async () => {
    taroMock.setRouterParams({ year: '2026' });
    const sent = serve(({ method, url }) => {
      if (url === '/api/v1/staff/reports/hot-topics?year=2026') return ok({ year: 2026, items: [topic] });
      if (method === 'POST' && url === '/api/v1/staff/reports/hot-topics')
        return refused(400, 'VALIDATION_FAILED', '请求参数有误', [
          { field: 'subject', message: '请填写主题' },
          { field: 'channel', message: '回应渠道须为政府网站、微信公众号、政务微博、电视、报纸、新闻发布会、政务服务热线或其他' },
        ]);
      return undefined;
    });
    const { container } = render(<StaffReportRecords />);
    await waitFor(() => expect(texts(container, '.e2e-record-title')).toEqual(['春季开学校车安全']));
    expect(container.querySelector('.e2e-record-link')?.textContent).toBe('关联：关于校车安全的通知');
    expect(container.querySelector('.e2e-record-stamp')?.textContent).toBe('王芳 2026-03-02 10:00 录入');
    expect(texts(container, '.e2e-records-tab')).toEqual(['热点回应', '发布会', '建议提案', '其他系统数据', '规范性文件']);
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-record-save')!);
    });
    await waitFor(() => expect(texts(container, '.e2e-record-form .e2e-field-error')).toEqual(['请填写主题', '回应渠道须为政府网站、微信公众号、政务微博、电视、报纸、新闻发布会、政务服务热线或其他']));
    expect((sent.find((r) => r.method === 'POST')?.data as { subject: string; noticeId: null; url: null }).subject).toBe('');

    // 修改 fills the form with the record; saving sends its version.
    requestMock.mockClear();
    serve(({ method, url }) => {
      if (url === '/api/v1/staff/reports/hot-topics?year=2026') return ok({ year: 2026, items: [topic] });
      if (method === 'PUT' && url === '/api/v1/staff/reports/hot-topics/4') return ok({ ...topic, version: 2 });
      return undefined;
    });
    fireEvent.click(container.querySelector('.e2e-record-edit')!);
    expect(inputOf(container, '.e2e-record-subject').value).toBe('春季开学校车安全');
    expect(inputOf(container, '.e2e-record-notice').value).toBe('42');
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-record-save')!);
    });
    await waitFor(() => expect(requestMock.mock.calls.some(([r]) => r.method === 'PUT')).toBe(true));
    expect(requestMock.mock.calls.find(([r]) => r.method === 'PUT')![0].data).toEqual({ date: '2026-03-02', subject: '春季开学校车安全', channel: 'website', noticeId: 42, url: null, version: 1 });
  });

  it('enters the figures of other systems, only those changed, and shows who entered each', async () => {
    taroMock.setRouterParams({ year: '2026', tab: 'figures' });
    const figures = {
      year: 2026,
      version: 3,
      figures: [
        { key: 'licensing', value: '12', enteredBy: '王芳', enteredAt: '2026-12-01T02:00:00.000Z' },
        { key: 'penalty', value: null, enteredBy: null, enteredAt: null },
        { key: 'enforcement', value: null, enteredBy: null, enteredAt: null },
        { key: 'charges', value: null, enteredBy: null, enteredAt: null },
      ],
    };
    const sent = serve(({ method, url }) => {
      if (url === '/api/v1/staff/reports/figures?year=2026') return ok(figures);
      if (method === 'PUT' && url === '/api/v1/staff/reports/figures/2026') return ok({ ...figures, version: 4 });
      return undefined;
    });
    const { container } = render(<StaffReportRecords />);
    await waitFor(() => expect(texts(container, '.e2e-figure-entered')).toEqual(['王芳 于 2026-12-01 10:00 填报', '尚未填报', '尚未填报', '尚未填报']));
    fireEvent.input(inputOf(container, '.e2e-figure-input-penalty'), { target: { value: '1.5' } });
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-figures-save')!);
    });
    expect(container.querySelector('.e2e-figure-penalty .e2e-field-error')?.textContent).toBe('请填写不小于0的整数（没有的填 0）');
    expect(sent.some((r) => r.method === 'PUT')).toBe(false);

    fireEvent.input(inputOf(container, '.e2e-figure-input-penalty'), { target: { value: '3' } });
    fireEvent.input(inputOf(container, '.e2e-figure-input-charges'), { target: { value: '0' } });
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-figures-save')!);
    });
    await waitFor(() => expect(sent.some((r) => r.method === 'PUT')).toBe(true));
    expect(sent.find((r) => r.method === 'PUT')?.data).toEqual({ values: { penalty: '3', charges: '0' }, version: 3 });
  });
});

describe('the staff home', () => {
  const me = (roles: string[]) => ({ id: 9, username: 'report_editor', displayName: '年报编辑', roles, unit: { id: 3, code: 'JCK', name: '基础教育科' } });
  it('shows 年度报告 to holders of report.edit only', async () => {
    requestMock.mockImplementation(async ({ url }: Sent) => (url === '/api/v1/auth/me' ? ok(me(['report_editor', 'editor'])) : refused(500, 'INTERNAL', '服务暂时不可用')));
    const first = render(<StaffHome />);
    await waitFor(() => expect(first.container.querySelector('.e2e-staff-reports-link')).not.toBeNull());
    fireEvent.click(first.container.querySelector('.e2e-staff-reports-link')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/reports/index' });
    first.unmount();

    requestMock.mockImplementation(async ({ url }: Sent) => (url === '/api/v1/auth/me' ? ok(me(['editor'])) : refused(500, 'INTERNAL', '服务暂时不可用')));
    const second = render(<StaffHome />);
    await waitFor(() => expect(second.container.querySelector('.e2e-staff-name')?.textContent).toBe('年报编辑'));
    expect(second.container.querySelector('.e2e-staff-reports-link')).toBeNull();
  });
});
