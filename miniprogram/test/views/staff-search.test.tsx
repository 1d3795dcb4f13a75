import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { SearchInsight, SynonymGroupView } from '@gongkai/shared';
import { saveToken } from '../../src/api/tokens';
import StaffHome from '../../src/packages/staff/pages/home/index';
import StaffSearchInsight from '../../src/packages/staff/pages/search/insight';
import StaffSearchSynonyms from '../../src/packages/staff/pages/search/synonyms';
import { inputOf } from '../fixtures';
import { taroMock } from '../mocks/taro';

/** The staff search pages through the real request layer: Taro.request is the mock, so URLs and bodies are checked as sent. */
const requestMock = Taro.request as unknown as jest.Mock;
const FUTURE = '2099-01-01T00:00:00.000Z';
const ok = (data: unknown, statusCode = 200) => ({ statusCode, data });
const refused = (statusCode: number, code: string, message: string) => ({ statusCode, data: { statusCode, code, message } });
const texts = (container: HTMLElement, selector: string) => Array.from(container.querySelectorAll(selector)).map((e) => e.textContent);

interface Sent {
  method?: string;
  url: string;
  data?: unknown;
}

function serve(routes: (req: Sent) => unknown): Sent[] {
  const sent: Sent[] = [];
  requestMock.mockImplementation(async ({ url, method, data }: Sent) => {
    sent.push({ method, url, data });
    const answer = routes({ method, url, data });
    if (answer === undefined) throw new Error(`unexpected ${method} ${url}`);
    return answer;
  });
  return sent;
}

beforeEach(() => {
  requestMock.mockReset();
  saveToken('staff', { token: 'staff-jwt', expiresAt: FUTURE });
});

const group = (id: number, terms: string[], over: Partial<SynonymGroupView> = {}): SynonymGroupView => ({
  id,
  terms,
  version: 1,
  updatedAt: '2026-03-02T02:00:00.000Z',
  updatedBy: null,
  ...over,
});

describe('同义词', () => {
  const SEEDED = [group(1, ['学区', '划片', '招生范围']), group(6, ['学籍', '转学'], { version: 3, updatedBy: '王芳' })];

  it('lists the groups as chips and adds one from terms typed with spaces, commas and 、', async () => {
    let groups = SEEDED;
    const sent = serve(({ method, url }) => {
      if (method === 'GET' && url === '/api/v1/staff/search/synonyms') return ok(groups);
      if (method === 'POST' && url === '/api/v1/staff/search/synonyms') {
        groups = [...groups, group(9, ['托管', '课后服务', '延时服务'])];
        return ok(groups[2], 201);
      }
      return undefined;
    });
    const { container } = render(<StaffSearchSynonyms />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-synonym-group')).toHaveLength(2));
    expect(container.querySelector('.e2e-synonym-explain')?.textContent).toBe('搜索其中任一词，可同时找到含其他词的信息。');
    expect(texts(container, '.e2e-synonym-group[data-id="1"] .e2e-synonym-term')).toEqual(['学区', '划片', '招生范围']);
    expect(texts(container, '.e2e-synonym-stamp')).toEqual(['预置词组', '王芳 于 2026-03-02 10:00 修改']);

    fireEvent.input(inputOf(container, '.e2e-synonym-terms'), { target: { value: '托管，课后服务、延时服务' } });
    expect(texts(container, '.e2e-synonym-preview-term')).toEqual(['托管', '课后服务', '延时服务']);
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-synonym-save')!);
    });
    await waitFor(() => expect(container.querySelectorAll('.e2e-synonym-group')).toHaveLength(3));
    expect(sent.find((r) => r.method === 'POST')?.data).toEqual({ terms: ['托管', '课后服务', '延时服务'] });
    expect(inputOf(container, '.e2e-synonym-terms').value).toBe('');
  });

  it('asks for two terms before sending, and keeps the server’s duplicate message under the form', async () => {
    const sent = serve(({ method }) => {
      if (method === 'GET') return ok(SEEDED);
      if (method === 'POST') return refused(409, 'SYNONYM_DUPLICATE', '“划片”已在另一组同义词中');
      return undefined;
    });
    const { container } = render(<StaffSearchSynonyms />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-synonym-group')).toHaveLength(2));
    fireEvent.input(inputOf(container, '.e2e-synonym-terms'), { target: { value: '托管' } });
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-synonym-save')!);
    });
    expect(container.querySelector('.e2e-synonym-error')?.textContent).toBe('一组至少填写 2 个意思相同的词');
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);

    fireEvent.input(inputOf(container, '.e2e-synonym-terms'), { target: { value: '划片 片区' } });
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-synonym-save')!);
    });
    await waitFor(() => expect(container.querySelector('.e2e-synonym-error')?.textContent).toBe('“划片”已在另一组同义词中'));
    expect(Taro.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '“划片”已在另一组同义词中' }));
  });

  it('edits a group with the version it read, and deletes one after asking', async () => {
    const sent = serve(({ method, url }) => {
      if (method === 'GET') return ok(SEEDED);
      if (method === 'PUT' && url === '/api/v1/staff/search/synonyms/6') return ok(group(6, ['学籍', '转学', '转校'], { version: 4 }));
      if (method === 'DELETE' && url === '/api/v1/staff/search/synonyms/6?version=3') return ok(undefined, 204);
      return undefined;
    });
    const { container } = render(<StaffSearchSynonyms />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-synonym-group')).toHaveLength(2));
    fireEvent.click(container.querySelector('.e2e-synonym-group[data-id="6"] .e2e-synonym-edit')!);
    expect(container.querySelector('.e2e-synonym-form')?.getAttribute('data-editing')).toBe('6');
    expect(inputOf(container, '.e2e-synonym-terms').value).toBe('学籍 转学');
    fireEvent.input(inputOf(container, '.e2e-synonym-terms'), { target: { value: '学籍 转学 转校' } });
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-synonym-save')!);
    });
    await waitFor(() => expect(sent.some((r) => r.method === 'PUT')).toBe(true));
    expect(sent.find((r) => r.method === 'PUT')?.data).toEqual({ terms: ['学籍', '转学', '转校'], version: 3 });

    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-synonym-group[data-id="6"] .e2e-synonym-delete')!);
    });
    await waitFor(() => expect(sent.some((r) => r.method === 'DELETE')).toBe(true));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: '删除后，搜索“学籍”不再同时找到含“转学”的信息。' }));
  });

  it('opened from 搜索统计 with a query, starts the form with it and offers each group to take it in', async () => {
    taroMock.setRouterParams({ term: encodeURIComponent('划片表') });
    serve(({ method }) => (method === 'GET' ? ok(SEEDED) : undefined));
    const { container } = render(<StaffSearchSynonyms />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-synonym-group')).toHaveLength(2));
    expect(container.querySelector('.e2e-synonym-pending')?.getAttribute('data-term')).toBe('划片表');
    expect(inputOf(container, '.e2e-synonym-terms').value).toBe('划片表 ');
    fireEvent.click(container.querySelector('.e2e-synonym-group[data-id="1"] .e2e-synonym-join')!);
    expect(inputOf(container, '.e2e-synonym-terms').value).toBe('学区 划片 招生范围 划片表');
  });
});

describe('搜索统计', () => {
  const INSIGHT: SearchInsight = {
    from: '2026-02-04',
    to: '2026-03-05',
    searches: 25,
    zeroResultSearches: 3,
    top: [
      { query: '中考', searches: 6, zeroResults: 0, lastDay: '2026-03-04' },
      { query: '学区 〔门牌号〕', searches: 2, zeroResults: 1, lastDay: '2026-03-01' },
    ],
    zeroResults: [
      { query: '托管', searches: 2, zeroResults: 2, lastDay: '2026-03-05' },
      { query: '〔电话〕', searches: 1, zeroResults: 1, lastDay: '2026-03-02' },
    ],
    perDay: [
      { day: '2026-03-05', searches: 10, zeroResults: 2 },
      { day: '2026-03-04', searches: 15, zeroResults: 1 },
    ],
  };

  beforeAll(() => {
    jest.useFakeTimers({ now: new Date('2026-03-05T10:00:00+08:00'), doNotFake: ['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'nextTick'] });
  });
  afterAll(() => {
    jest.useRealTimers();
  });

  it('opens on the last 30 days with totals, the lists and every day’s bar; a query that found nothing becomes a synonym', async () => {
    const sent = serve(({ url }) => (url === '/api/v1/staff/search/insight?from=2026-02-04&to=2026-03-05' ? ok(INSIGHT) : undefined));
    const { container } = render(<StaffSearchInsight />);
    await waitFor(() => expect(container.querySelector('.e2e-insight-searches')?.getAttribute('data-count')).toBe('25'));
    expect(sent).toHaveLength(1);
    expect(container.querySelector('.e2e-insight-range-30')?.className).toContain('e2e-selected');
    expect(container.querySelector('.e2e-insight-zero')?.getAttribute('data-count')).toBe('3');
    expect(container.querySelector('.e2e-insight-zero')?.textContent).toContain('无结果次数（12.0%）');
    expect(texts(container, '.e2e-insight-top .e2e-insight-query-text')).toEqual(['中考', '学区 〔门牌号〕']);
    expect(texts(container, '.e2e-insight-top .e2e-insight-query-count')).toEqual(['6 次', '2 次']);
    expect(texts(container, '.e2e-insight-zero-results .e2e-insight-query-text')).toEqual(['托管', '〔电话〕']);
    expect(container.querySelector('.e2e-insight-privacy')?.textContent).toContain('〔电话〕');
    // 30 bars, newest first; the days nobody searched are 0.
    const days = container.querySelectorAll('.e2e-insight-day');
    expect(days).toHaveLength(30);
    expect([0, 1, 2].map((i) => [days[i]!.getAttribute('data-day'), days[i]!.getAttribute('data-searches')])).toEqual([
      ['2026-03-05', '10'],
      ['2026-03-04', '15'],
      ['2026-03-03', '0'],
    ]);
    // A masked query is no word to add.
    const buttons = container.querySelectorAll('.e2e-insight-zero-query .e2e-insight-add-synonym');
    expect(buttons).toHaveLength(1);
    fireEvent.click(buttons[0]!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/packages/staff/pages/search/synonyms?term=${encodeURIComponent('托管')}` });
  });

  it('asks again for another range, and refuses a start after the end without asking', async () => {
    const sent = serve(({ url }) => (url.startsWith('/api/v1/staff/search/insight?') ? ok({ ...INSIGHT, searches: 0, zeroResultSearches: 0, top: [], zeroResults: [], perDay: [] }) : undefined));
    const { container } = render(<StaffSearchInsight />);
    await waitFor(() => expect(container.querySelector('.e2e-empty')).not.toBeNull());
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-insight-range-7')!);
    });
    await waitFor(() => expect(sent.map((r) => r.url)).toContain('/api/v1/staff/search/insight?from=2026-02-27&to=2026-03-05'));
    await act(async () => {
      fireEvent.change(container.querySelector('input.e2e-insight-from')!, { target: { value: '2026-03-06' } });
    });
    expect(container.querySelector('.e2e-insight-range-error')?.textContent).toBe('开始日期不能晚于结束日期');
    expect(sent).toHaveLength(2);
  });
});

describe('the staff home', () => {
  const me = (roles: string[]) => ({ id: 9, username: 'editor', displayName: '编辑', roles, unit: { id: 3, code: 'JCK', name: '基础教育科' } });
  it('shows 同义词 and 搜索统计 to holders of search.manage only', async () => {
    requestMock.mockImplementation(async ({ url }: Sent) => (url === '/api/v1/auth/me' ? ok(me(['editor'])) : refused(500, 'INTERNAL', '服务暂时不可用')));
    const first = render(<StaffHome />);
    await waitFor(() => expect(first.container.querySelector('.e2e-staff-search-synonyms-link')).not.toBeNull());
    fireEvent.click(first.container.querySelector('.e2e-staff-search-insight-link')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/search/insight' });
    first.unmount();

    requestMock.mockImplementation(async ({ url }: Sent) => (url === '/api/v1/auth/me' ? ok(me(['unit_head'])) : refused(500, 'INTERNAL', '服务暂时不可用')));
    const second = render(<StaffHome />);
    await waitFor(() => expect(second.container.querySelector('.e2e-staff-name')?.textContent).toBe('编辑'));
    expect(second.container.querySelector('.e2e-staff-search-synonyms-link')).toBeNull();
    expect(second.container.querySelector('.e2e-staff-search-insight-link')).toBeNull();
  });
});
