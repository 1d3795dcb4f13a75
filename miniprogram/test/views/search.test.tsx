import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { SearchHit, SearchResponse } from '@gongkai/shared';
import * as searchApi from '../../src/api/search';
import Search from '../../src/pages/search/index';
import { RECENT_SEARCHES_KEY } from '../../src/utils/recent-searches';
import { aNotice, inputOf } from '../fixtures';
import { taroMock } from '../mocks/taro';

jest.mock('../../src/api/search');
const api = jest.mocked(searchApi);

function aResponse(over: Partial<SearchResponse> = {}): SearchResponse {
  return { query: '', highlight: [], items: [], nextCursor: null, total: 0, partial: false, empty: null, ...over };
}

const texts = (container: HTMLElement, selector: string) => Array.from(container.querySelectorAll(selector)).map((e) => e.textContent);
const click = async (el: Element | null) => {
  if (!el) throw new Error('nothing to click');
  await act(async () => {
    fireEvent.click(el);
  });
};
const type = (container: HTMLElement, value: string) => fireEvent.input(inputOf(container, '.e2e-search-input'), { target: { value } });

beforeEach(() => {
  api.search.mockReset();
  api.suggest.mockReset();
  api.suggest.mockResolvedValue({ query: '', suggestions: [] });
});

describe('search', () => {
  it('shows each kind of result, the 学区 answer first, with the response’s words highlighted', async () => {
    taroMock.setRouterParams({ q: encodeURIComponent('中考 报名') });
    const items: SearchHit[] = [
      { kind: 'notice', notice: aNotice(2, { title: '2026年中考报名工作通知', summary: '高中段招生报名3月9日开始' }), snippet: '…考生于3月9日至15日网上报名…' },
      { kind: 'guide', notice: aNotice(7, { title: '中考报名材料清单', summary: '', category: { code: 'BSZN', name: '办事指南' } }), snippet: null },
      { kind: 'qa', qa: { id: 5, kind: 'consultation', question: '中考报名需要户口本吗？', answer: '需要。报名时携带户口本原件。', unitName: '招生考试办公室', askedAt: '2026-03-01T01:00:00.000Z', answeredAt: '2026-03-02T01:00:00.000Z' } },
      {
        kind: 'zoning',
        zoning: {
          status: 'matched',
          year: 2026,
          understood: '宝城街道 北辰花园',
          certain: true,
          notice: null,
          advice: null,
          primary: { school: { name: '昌乐县北城小学', kind: 'primary', ownership: 'public', address: '新昌路1587号', phone: '0536-6290316' }, rule: { town: '宝城街道', village: '北岩社区', compound: '北辰花园', from: null, to: null, parity: 'all', buildingFrom: null, buildingTo: null, applicant: 'all', condition: null, note: null } },
        },
      },
    ];
    api.search.mockResolvedValueOnce(aResponse({ query: '中考 报名', highlight: ['高中段招生', '中考', '报名'], items, total: 3 }));
    const { container } = render(<Search />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-search-hit')).toHaveLength(4));
    expect(api.search).toHaveBeenCalledWith('中考 报名', undefined, 10);

    expect(Array.from(container.querySelectorAll('.e2e-search-hit')).map((e) => e.getAttribute('data-kind'))).toEqual(['zoning', 'notice', 'guide', 'qa']);
    expect(container.querySelector('.e2e-search-count')?.textContent).toBe('共 3 条');
    expect(texts(container, '.e2e-search-notice .e2e-highlight')).toEqual(['中考', '报名', '高中段招生', '报名', '报名']);
    expect(container.querySelector('.e2e-search-snippet')?.textContent).toBe('…考生于3月9日至15日网上报名…');
    expect(texts(container, '.e2e-search-guide-tag')).toEqual(['办事指南']);
    expect(texts(container, '.e2e-search-qa .e2e-highlight')).toEqual(['中考', '报名', '报名']);
    expect(texts(container, '.e2e-search-zoning .e2e-zoning-school-name')).toEqual(['昌乐县北城小学']);
    expect(container.querySelector('.e2e-search-partial')).toBeNull();

    await click(container.querySelector('.e2e-search-qa'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/services/pages/qa/detail?id=5' });
    await click(container.querySelector('.e2e-search-zoning-link'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/packages/services/pages/zoning/index?q=${encodeURIComponent('中考 报名')}` });
  });

  it('says when the results hold only some of the words', async () => {
    taroMock.setRouterParams({ q: '中考 游泳馆' });
    api.search.mockResolvedValueOnce(aResponse({ highlight: ['中考'], items: [{ kind: 'notice', notice: aNotice(2, { title: '2026年中考报名工作通知' }), snippet: null }], total: 1, partial: true }));
    const { container } = render(<Search />);
    await screen.findByText('没有同时包含全部搜索词的结果，以下结果只包含其中部分词语');
    expect(container.querySelector('.e2e-search-count')?.textContent).toBe('共 1 条');
  });

  it('suggests once typing pauses: a notice opens, a query is searched', async () => {
    jest.useFakeTimers();
    try {
      taroMock.setRouterParams({});
      api.suggest.mockImplementation(async (q) =>
        q === ''
          ? { query: '', suggestions: [] }
          : { query: q, suggestions: [{ kind: 'notice', text: '2026年城区义务教育学校划片招生方案', noticeId: 41 }, { kind: 'query', text: '划片范围' }] },
      );
      api.search.mockResolvedValue(aResponse({ highlight: ['划片范围', '划片'], items: [{ kind: 'notice', notice: aNotice(41, { title: '2026年城区义务教育学校划片招生方案' }), snippet: null }], total: 1 }));
      const { container } = render(<Search />);
      await act(async () => undefined);
      type(container, '划');
      await act(async () => {
        jest.advanceTimersByTime(100);
      });
      type(container, '划片');
      await act(async () => {
        jest.advanceTimersByTime(249);
      });
      expect(api.suggest).not.toHaveBeenCalledWith('划片');
      await act(async () => {
        jest.advanceTimersByTime(1);
      });
      // One call for what was typed when typing paused; none for the keystroke before.
      expect(api.suggest.mock.calls.map((c) => c[0])).toEqual(['', '划片']);
      expect(texts(container, '.e2e-suggest-text')).toEqual(['2026年城区义务教育学校划片招生方案', '划片范围']);
      expect(texts(container, '.e2e-suggest-item .e2e-highlight')).toEqual(['划片', '划片']);

      await click(container.querySelector('.e2e-suggest-notice'));
      expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/notice/detail?id=41' });
      expect(api.search).not.toHaveBeenCalled();

      await click(container.querySelector('.e2e-suggest-query'));
      expect(api.search).toHaveBeenCalledWith('划片范围', undefined, 10);
      expect(inputOf(container, '.e2e-search-input').value).toBe('划片范围');
      await act(async () => undefined);
      expect(container.querySelectorAll('.e2e-search-notice')).toHaveLength(1);
      expect(container.querySelector('.e2e-search-suggest')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('offers the closest topic and a 咨询 with the question when nothing is found', async () => {
    taroMock.setRouterParams({ q: '校车接送路线' });
    api.search.mockResolvedValueOnce(aResponse({ empty: { browse: { kind: 'topic', code: 'student-aid', name: '学生资助' }, ask: '校车接送路线' } }));
    const { container } = render(<Search />);
    await screen.findByText('没有找到与“校车接送路线”相关的信息');
    expect(container.querySelector('.e2e-search-count')).toBeNull();
    await click(container.querySelector('.e2e-search-browse'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/pages/notice/list?topic=student-aid&title=${encodeURIComponent('学生资助')}` });
    await click(container.querySelector('.e2e-search-ask'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/packages/services/pages/inquiry/ask?kind=consultation&subject=${encodeURIComponent('校车接送路线')}` });
  });

  it('keeps recent searches on the device, newest first, each removable, and 清空 removes them all', async () => {
    taroMock.setRouterParams({});
    taroMock.storage.set(RECENT_SEARCHES_KEY, JSON.stringify(['学生资助', '中考']));
    api.search.mockResolvedValue(aResponse({ highlight: ['划片'], items: [{ kind: 'notice', notice: aNotice(41), snippet: null }], total: 1 }));
    const { container } = render(<Search />);
    await act(async () => undefined);
    expect(texts(container, '.e2e-recent-text')).toEqual(['学生资助', '中考']);

    type(container, '划片');
    await click(container.querySelector('.e2e-search-submit'));
    await waitFor(() => expect(container.querySelectorAll('.e2e-search-hit')).toHaveLength(1));
    expect(JSON.parse(taroMock.storage.get(RECENT_SEARCHES_KEY) as string)).toEqual(['划片', '学生资助', '中考']);

    // The × empties the box: back to recent and popular searches.
    await click(container.querySelector('.e2e-search-clear'));
    expect(texts(container, '.e2e-recent-text')).toEqual(['划片', '学生资助', '中考']);
    await click(container.querySelector('.e2e-recent-item[data-q="学生资助"] .e2e-recent-remove'));
    expect(texts(container, '.e2e-recent-text')).toEqual(['划片', '中考']);
    await click(container.querySelector('.e2e-recent-clear'));
    expect(container.querySelector('.e2e-search-recent')).toBeNull();
    expect(taroMock.storage.has(RECENT_SEARCHES_KEY)).toBe(false);
  });

  it('shows what parents search most, or the usual topics when the server has none', async () => {
    taroMock.setRouterParams({});
    api.suggest.mockResolvedValueOnce({ query: '', suggestions: [{ kind: 'query', text: '幼升小' }, { kind: 'query', text: '校服' }] });
    const first = render(<Search />);
    await waitFor(() => expect(texts(first.container, '.e2e-search-suggestion')).toEqual(['幼升小', '校服']));
    first.unmount();

    api.suggest.mockRejectedValueOnce(new Error('网络异常，请检查网络后重试'));
    const second = render(<Search />);
    await waitFor(() => expect(texts(second.container, '.e2e-search-suggestion')).toEqual(['划片', '中考', '随迁子女', '学生资助', '招生']));
    api.search.mockResolvedValueOnce(aResponse({ highlight: ['中考'], total: 0 }));
    await click(second.container.querySelector('.e2e-search-suggestion:nth-child(2)'));
    expect(api.search).toHaveBeenCalledWith('中考', undefined, 10);
  });
});
