import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import * as catalog from '../../src/api/catalog';
import Search from '../../src/pages/search/index';
import { aNotice, aPage, inputOf } from '../fixtures';
import { taroMock } from '../mocks/taro';

jest.mock('../../src/api/catalog');
const api = jest.mocked(catalog);
beforeEach(() => Object.values(api).forEach((fn) => typeof fn === 'function' && 'mockReset' in fn && (fn as jest.Mock).mockReset()));

describe('search', () => {
  it('searches for the words it was opened with and highlights them in titles and summaries', async () => {
    taroMock.setRouterParams({ q: encodeURIComponent('中考') });
    api.listNotices.mockResolvedValueOnce(
      aPage(
        [
          aNotice(2, { title: '2026年中考报名工作通知', summary: '中考报名3月9日开始' }),
          aNotice(1, { title: '普通高中录取分数线', summary: '根据中考成绩划定' }),
        ],
        null,
      ),
    );
    const { container } = render(<Search />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-notice-item')).toHaveLength(2));
    expect(api.listNotices).toHaveBeenCalledWith({ q: '中考', limit: 20 });

    const marks = Array.from(container.querySelectorAll('.e2e-highlight'));
    expect(marks.map((m) => m.textContent)).toEqual(['中考', '中考', '中考']);
    const firstTitle = container.querySelector('.e2e-notice-title')!;
    expect(firstTitle.textContent).toBe('2026年中考报名工作通知');
    expect(firstTitle.querySelector('.e2e-highlight')?.textContent).toBe('中考');
    expect(container.querySelector('.e2e-list-end')).not.toBeNull();
  });

  it('starts a new search from its own box', async () => {
    taroMock.setRouterParams({});
    api.listNotices.mockResolvedValueOnce(aPage([aNotice(5, { title: '学生资助政策问答' })], null));
    const { container } = render(<Search />);
    expect(api.listNotices).not.toHaveBeenCalled();
    fireEvent.input(inputOf(container, '.e2e-search-input'), { target: { value: ' 资助 ' } });
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-search-submit')!);
    });
    await screen.findByText('资助');
    expect(api.listNotices).toHaveBeenCalledWith({ q: '资助', limit: 20 });
    expect(container.querySelector('.e2e-highlight')?.textContent).toBe('资助');
  });

  it('says so when nothing matches', async () => {
    taroMock.setRouterParams({ q: '不存在的词' });
    api.listNotices.mockResolvedValueOnce(aPage([], null));
    await act(async () => {
      render(<Search />);
    });
    await screen.findByText('没有找到与“不存在的词”相关的信息');
  });
});
