import { act, fireEvent, render, renderHook, waitFor } from '@testing-library/react';
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ApiError } from '../../src/api/errors';
import { download, upload } from '../../src/api/request';
import { getToken, saveToken } from '../../src/api/tokens';
import { PagedList } from '../../src/components/PagedList';
import { useAction } from '../../src/hooks/useAction';
import type { PagedList as List } from '../../src/hooks/usePagedList';
import { askSubscribe } from '../../src/utils/subscribe';
import { ROUTES } from '../../src/utils/routes';
import { taroMock } from '../mocks/taro';

const FUTURE = '2099-01-01T00:00:00.000Z';

describe('useAction', () => {
  it('runs once at a time, toasts success and refreshes', async () => {
    const { result } = renderHook(() => useAction());
    let finish: (v: number) => void = () => undefined;
    const work = jest.fn(() => new Promise<number>((resolve) => (finish = resolve)));
    const refresh = jest.fn();
    let first: Promise<number | undefined> = Promise.resolve(undefined);
    act(() => {
      first = result.current.run(work, { success: '已处理', refresh });
    });
    expect(result.current.busy).toBe(true);
    // A second tap while the first is in flight does nothing.
    await act(async () => {
      await expect(result.current.run(work)).resolves.toBeUndefined();
    });
    expect(work).toHaveBeenCalledTimes(1);
    await act(async () => {
      finish(7);
      await expect(first).resolves.toBe(7);
    });
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已处理', icon: 'success' });
    expect(refresh).toHaveBeenCalledWith(7);
    expect(result.current.busy).toBe(false);
  });

  it('shows the server’s Chinese message, unless onError handled it', async () => {
    const { result } = renderHook(() => useAction());
    const refused = new ApiError({ statusCode: 409, code: 'CONFLICT', message: '稿件已被他人修改，请刷新后重试' });
    await act(async () => {
      await result.current.run(() => Promise.reject(refused), { success: '已处理' });
    });
    expect(Taro.showToast).toHaveBeenCalledTimes(1);
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '稿件已被他人修改，请刷新后重试', icon: 'none' });
    const onError = jest.fn(() => true);
    await act(async () => {
      await result.current.run(() => Promise.reject(refused), { onError });
    });
    expect(onError).toHaveBeenCalledWith(refused);
    expect(Taro.showToast).toHaveBeenCalledTimes(1);
  });
});

describe('askSubscribe', () => {
  const env = process.env.TARO_ENV;
  afterEach(() => {
    process.env.TARO_ENV = env;
    delete (Taro as unknown as Record<string, unknown>).requestSubscribeMessage;
  });

  it('on H5 simulates consent in the demo and asks nothing otherwise', async () => {
    await expect(askSubscribe(['T1', 'T2'], { demo: true })).resolves.toEqual({ T1: 'accept', T2: 'accept' });
    await expect(askSubscribe(['T1'], { demo: false })).resolves.toEqual({});
  });

  it('on weapp asks WeChat synchronously and keeps only known answers', async () => {
    process.env.TARO_ENV = 'weapp';
    const ask = jest.fn(() => Promise.resolve({ T1: 'accept', T2: 'reject', T3: 'filter', errMsg: 'requestSubscribeMessage:ok' }));
    (Taro as unknown as Record<string, unknown>).requestSubscribeMessage = ask;
    const answer = askSubscribe(['T1', 'T2', 'T3'], { demo: false });
    // Called before anything was awaited: WeChat shows its dialog only inside the tap.
    expect(ask).toHaveBeenCalledWith({ tmplIds: ['T1', 'T2', 'T3'], entityIds: [] });
    await expect(answer).resolves.toEqual({ T1: 'accept', T2: 'reject', T3: 'filter' });
  });
});

describe('upload() and download() share request()’s token and 401 handling', () => {
  it('sends the token and on a 401 clears it and sends staff to sign in', async () => {
    saveToken('staff', { token: 'staff-jwt', expiresAt: FUTURE });
    taroMock.setCurrentRoute('/packages/staff/pages/home/index');
    (Taro.uploadFile as jest.Mock).mockResolvedValueOnce({ statusCode: 401, data: JSON.stringify({ statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' }) });
    await expect(upload('/staff/files', 'a.png', { auth: 'staff' })).rejects.toMatchObject({ statusCode: 401, message: '登录已过期，请重新登录' });
    expect((Taro.uploadFile as jest.Mock).mock.calls[0][0].header).toEqual({ Accept: 'application/json', 'X-Client-Channel': 'h5', Authorization: 'Bearer staff-jwt' });
    expect(getToken('staff')).toBeNull();
    expect(Taro.redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: ROUTES.staffLogin }));
  });

  it('downloads with the parent token and resolves with the local file', async () => {
    saveToken('parent', { token: 'parent-jwt', expiresAt: FUTURE });
    (Taro.downloadFile as jest.Mock).mockResolvedValueOnce({ statusCode: 200, tempFilePath: '/tmp/photo.png' });
    await expect(download('https://x.gov.cn/api/v1/inquiries/photos/P1', { auth: 'parent' })).resolves.toBe('/tmp/photo.png');
    expect((Taro.downloadFile as jest.Mock).mock.calls[0][0]).toMatchObject({ url: 'https://x.gov.cn/api/v1/inquiries/photos/P1', header: { Authorization: 'Bearer parent-jwt' } });
    (Taro.downloadFile as jest.Mock).mockResolvedValueOnce({ statusCode: 403, tempFilePath: '/tmp/refusal' });
    await expect(download('https://x.gov.cn/api/v1/inquiries/photos/P2', { auth: 'parent' })).rejects.toMatchObject({ statusCode: 403 });
  });
});

describe('<PagedList>', () => {
  const base: List<{ id: number }> = {
    items: [],
    loading: false,
    loadingMore: false,
    refreshing: false,
    error: undefined,
    moreError: undefined,
    done: false,
    loadMore: jest.fn(() => Promise.resolve()),
    refresh: jest.fn(() => Promise.resolve()),
    retry: jest.fn(() => Promise.resolve()),
  };
  const item = (i: { id: number }) => (
    <Text key={i.id} className='row'>
      {i.id}
    </Text>
  );

  it('shows the skeleton, then the error with 重试, then the empty state with what to offer', async () => {
    const loading = render(<PagedList list={{ ...base, loading: true }} renderItem={item} emptyText='没有' />);
    expect(loading.container.querySelector('.e2e-loading')).not.toBeNull();
    loading.unmount();

    const failed = render(<PagedList list={{ ...base, error: new ApiError({ statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器开小差了' }) }} renderItem={item} emptyText='没有' />);
    expect(failed.container.querySelector('.e2e-error-message')?.textContent).toBe('服务器开小差了');
    fireEvent.click(failed.container.querySelector('.e2e-retry')!);
    expect(base.retry).toHaveBeenCalled();
    failed.unmount();

    const empty = render(<PagedList list={base} renderItem={item} emptyText='没有稿件' emptyHint='点“写信息”新建一篇' empty={<Text className='offer'>写信息</Text>} />);
    expect(empty.container.querySelector('.e2e-empty')?.textContent).toContain('没有稿件');
    expect(empty.container.querySelector('.offer')).not.toBeNull();
  });

  it('shows the items and the footer', async () => {
    const { container } = render(<PagedList list={{ ...base, items: [{ id: 1 }, { id: 2 }], done: true }} renderItem={item} emptyText='没有' />);
    await waitFor(() => expect(container.querySelectorAll('.row')).toHaveLength(2));
    expect(container.querySelector('.e2e-list-end')?.textContent).toBe('没有更多了');
  });
});
