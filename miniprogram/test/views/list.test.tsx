import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import * as catalog from '../../src/api/catalog';
import { ApiError } from '../../src/api/errors';
import NoticeList from '../../src/pages/notice/list';
import { aNotice, aPage } from '../fixtures';
import { taroMock } from '../mocks/taro';

jest.mock('../../src/api/catalog');
const api = jest.mocked(catalog);
beforeEach(() => Object.values(api).forEach((fn) => typeof fn === 'function' && 'mockReset' in fn && (fn as jest.Mock).mockReset()));

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => aNotice(to - i));

function ids(container: HTMLElement): number[] {
  return Array.from(container.querySelectorAll('.e2e-notice-item')).map((el) => Number(el.getAttribute('data-id')));
}

describe('notice list', () => {
  beforeEach(() => {
    taroMock.setRouterParams({ category: 'ZSKS', title: encodeURIComponent('招生考试') });
  });

  it('asks for the category, appends further pages without duplicates, and ends with 没有更多了', async () => {
    api.listNotices
      .mockResolvedValueOnce(aPage(range(21, 40), 'c1'))
      // The second page repeats two items of the first (a notice published during the walk).
      .mockResolvedValueOnce(aPage([aNotice(22), aNotice(21), ...range(5, 20)], 'c2'))
      .mockResolvedValueOnce(aPage(range(1, 4), null));
    const { container } = render(<NoticeList />);

    await screen.findByText('通知 40');
    expect(api.listNotices).toHaveBeenLastCalledWith({ category: 'ZSKS', limit: 20 });
    expect(Taro.setNavigationBarTitle).toHaveBeenCalledWith({ title: '招生考试' });
    expect(ids(container)).toHaveLength(20);
    expect(container.querySelector('.e2e-list-end')).toBeNull();

    await act(async () => {
      taroMock.fire('reachBottom');
    });
    await waitFor(() => expect(ids(container)).toHaveLength(36));
    expect(api.listNotices).toHaveBeenLastCalledWith({ category: 'ZSKS', cursor: 'c1', limit: 20 });

    await act(async () => {
      taroMock.fire('reachBottom');
    });
    await waitFor(() => expect(ids(container)).toHaveLength(40));
    expect(new Set(ids(container)).size).toBe(40);
    expect(ids(container)).toEqual(range(1, 40).map((n) => n.id));
    expect(container.querySelector('.e2e-list-end')?.textContent).toBe('没有更多了');

    // At the end, reaching the bottom again asks for nothing more.
    await act(async () => {
      taroMock.fire('reachBottom');
    });
    expect(api.listNotices).toHaveBeenCalledTimes(3);
  });

  it('asks for one page at a time however often the bottom is reached', async () => {
    let release!: (v: ReturnType<typeof aPage>) => void;
    api.listNotices
      .mockResolvedValueOnce(aPage(range(3, 4), 'c1'))
      .mockImplementationOnce(() => new Promise((r) => (release = r)));
    const { container } = render(<NoticeList />);
    await screen.findByText('通知 4');
    await act(async () => {
      taroMock.fire('reachBottom');
      taroMock.fire('reachBottom');
      taroMock.fire('reachBottom');
    });
    expect(api.listNotices).toHaveBeenCalledTimes(2);
    expect(container.querySelector('.e2e-list-loading')).not.toBeNull();
    await act(async () => release(aPage(range(1, 2), null)));
    await waitFor(() => expect(ids(container)).toEqual([4, 3, 2, 1]));
  });

  it('pull-to-refresh starts over from the first page', async () => {
    api.listNotices.mockResolvedValueOnce(aPage(range(1, 2), null)).mockResolvedValueOnce(aPage(range(1, 3), null));
    const { container } = render(<NoticeList />);
    await screen.findByText('通知 2');
    await act(async () => {
      taroMock.fire('pullDownRefresh');
    });
    await waitFor(() => expect(ids(container)).toEqual([3, 2, 1]));
    expect(api.listNotices).toHaveBeenLastCalledWith({ category: 'ZSKS', limit: 20 });
    await waitFor(() => expect(Taro.stopPullDownRefresh).toHaveBeenCalled());
  });

  it('shows an empty state for a category without notices', async () => {
    api.listNotices.mockResolvedValueOnce(aPage([], null));
    const { container } = render(<NoticeList />);
    await screen.findByText('该栏目暂无公开信息');
    expect(container.querySelector('.e2e-empty')).not.toBeNull();
  });

  it('shows the error with a retry that fetches again', async () => {
    api.listNotices
      .mockRejectedValueOnce(new ApiError({ statusCode: 0, code: 'NETWORK_ERROR', message: '网络异常，请检查网络后重试' }))
      .mockResolvedValueOnce(aPage(range(1, 2), null));
    const { container } = render(<NoticeList />);
    await screen.findByText('网络异常，请检查网络后重试');
    expect(container.querySelector('.e2e-retry')?.textContent).toBe('重试');
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-retry')!);
    });
    await screen.findByText('通知 2');
    expect(api.listNotices).toHaveBeenCalledTimes(2);
    expect(container.querySelector('.e2e-error')).toBeNull();
  });

  it('a failed further page keeps the list and retries from the footer', async () => {
    api.listNotices
      .mockResolvedValueOnce(aPage(range(3, 4), 'c1'))
      .mockRejectedValueOnce(new ApiError({ statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误' }))
      .mockResolvedValueOnce(aPage(range(1, 2), null));
    const { container } = render(<NoticeList />);
    await screen.findByText('通知 4');
    await act(async () => {
      taroMock.fire('reachBottom');
    });
    await screen.findByText('服务器内部错误');
    expect(ids(container)).toEqual([4, 3]);
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-list-error')!);
    });
    await waitFor(() => expect(ids(container)).toEqual([4, 3, 2, 1]));
    expect(api.listNotices).toHaveBeenLastCalledWith({ category: 'ZSKS', cursor: 'c1', limit: 20 });
  });
});
