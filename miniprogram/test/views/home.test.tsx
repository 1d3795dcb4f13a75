import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { CATEGORY_SEEDS, TOPIC_SEEDS } from '@gongkai/shared';
import * as catalog from '../../src/api/catalog';
import { ApiError } from '../../src/api/errors';
import Home from '../../src/pages/index/index';
import { aNotice, aPage, inputOf } from '../fixtures';

jest.mock('../../src/api/catalog');
const api = jest.mocked(catalog);
beforeEach(() => Object.values(api).forEach((fn) => typeof fn === 'function' && 'mockReset' in fn && (fn as jest.Mock).mockReset()));

const topics = TOPIC_SEEDS.map((t, i) => ({ id: i + 1, sortOrder: i, ...t }));
const categories = CATEGORY_SEEDS.map((c, i) => ({ id: i + 1, sortOrder: i, ...c }));

beforeEach(() => {
  api.listTopics.mockResolvedValue(topics.map((t) => (t.code === 'migrant-children' ? { ...t, name: '进城务工人员随迁子女入学' } : t)));
  api.listCategories.mockResolvedValue(categories);
  api.listNotices.mockResolvedValue(aPage([aNotice(3, { title: '2026年城区义务教育学校划片招生方案' }), aNotice(2, { title: '中考报名通知' })], 'c1'));
});

describe('home', () => {
  it('shows the four tiles, with names from the server, and the latest notices', async () => {
    const { container } = render(<Home />);
    expect(container.querySelector('.e2e-home')).not.toBeNull();
    await screen.findByText('2026年城区义务教育学校划片招生方案');
    expect(screen.getByText('中考报名通知')).toBeTruthy();
    expect(api.listNotices).toHaveBeenCalledWith({ limit: 6 });

    await waitFor(() => expect(container.querySelector('.e2e-topic-migrant-children')?.textContent).toContain('进城务工人员随迁子女入学'));
    expect(container.querySelector('.e2e-topic-zoning')?.textContent).toContain('义务教育划片');
    expect(container.querySelector('.e2e-category-ZSKS')?.textContent).toContain('招生考试');
    expect(container.querySelector('.e2e-topic-zhongkao')?.textContent).toContain('中考');
    expect(container.querySelectorAll('.e2e-notice-item')).toHaveLength(2);
  });

  it('opens the filtered list from a tile and the search page from the search box', async () => {
    const { container } = render(<Home />);
    await screen.findByText('中考报名通知');
    fireEvent.click(container.querySelector('.e2e-topic-zoning')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: `/pages/notice/list?topic=zoning&title=${encodeURIComponent('义务教育划片')}`,
    });
    fireEvent.click(container.querySelector('.e2e-category-ZSKS')!);
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/pages/notice/list?category=ZSKS&title=${encodeURIComponent('招生考试')}` });

    const input = inputOf(container, '.e2e-search-input');
    fireEvent.input(input, { target: { value: '划片' } });
    fireEvent.click(container.querySelector('.e2e-search-submit')!);
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: `/pages/search/index?q=${encodeURIComponent('划片')}` });
  });

  it('offers the services that later issues fill, as placeholder pages', async () => {
    const { container } = render(<Home />);
    await screen.findByText('中考报名通知');
    fireEvent.click(container.querySelector('.e2e-service-zoning')!);
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/services/pages/zoning/index' });
    expect(screen.getByText('咨询投诉')).toBeTruthy();
    expect(screen.getByText('依申请公开')).toBeTruthy();
  });

  it('keeps the seed names on the tiles when the catalog cannot be loaded', async () => {
    api.listTopics.mockRejectedValue(new ApiError({ statusCode: 0, code: 'NETWORK_ERROR', message: '网络异常，请检查网络后重试' }));
    const { container } = render(<Home />);
    await screen.findByText('中考报名通知');
    expect(container.querySelector('.e2e-topic-migrant-children')?.textContent).toContain('进城务工人员子女入学');
  });

  it('shows a retry when the latest notices fail, and the retry loads them again', async () => {
    api.listNotices.mockRejectedValueOnce(new ApiError({ statusCode: 0, code: 'NETWORK_ERROR', message: '网络异常，请检查网络后重试' }));
    const { container } = render(<Home />);
    await screen.findByText('网络异常，请检查网络后重试');
    expect(container.querySelector('.e2e-notice-item')).toBeNull();
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-retry')!);
    });
    await screen.findByText('中考报名通知');
    expect(api.listNotices).toHaveBeenCalledTimes(2);
  });
});
