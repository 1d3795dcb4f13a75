import Taro from '@tarojs/taro';
import { taroMock } from '../mocks/taro';
import { ApiError, NETWORK_ERROR_MESSAGE } from '../../src/api/errors';
import { request } from '../../src/api/request';
import { getToken, saveToken, TOKEN_KEYS } from '../../src/api/tokens';
import { ROUTES } from '../../src/utils/routes';

const requestMock = Taro.request as unknown as jest.Mock;
const FUTURE = '2099-01-01T00:00:00.000Z';

function answer(statusCode: number, data: unknown) {
  requestMock.mockResolvedValueOnce({ statusCode, data, header: {}, errMsg: 'request:ok' });
}

describe('request()', () => {
  const originalBase = process.env.TARO_APP_API_BASE;
  beforeEach(() => {
    requestMock.mockReset();
    process.env.TARO_APP_API_BASE = '';
  });
  afterAll(() => {
    process.env.TARO_APP_API_BASE = originalBase;
  });

  it('goes to /api/v1 on the same origin when no base URL is built in', async () => {
    answer(200, []);
    await request('/categories');
    expect(requestMock).toHaveBeenCalledWith(expect.objectContaining({ url: '/api/v1/categories', method: 'GET' }));
  });

  it('puts the build-time base URL in front and drops a trailing slash', async () => {
    process.env.TARO_APP_API_BASE = 'https://gk.example.cn/';
    answer(200, { items: [], nextCursor: null });
    await request('/notices', { query: { category: 'ZSKS', q: '中考 报名', cursor: undefined, limit: 20 } });
    expect(requestMock.mock.calls[0][0].url).toBe(
      `https://gk.example.cn/api/v1/notices?category=ZSKS&q=${encodeURIComponent('中考 报名')}&limit=20`,
    );
  });

  it('resolves with the body of a 2xx answer', async () => {
    answer(200, [{ code: 'ZSKS' }]);
    await expect(request('/categories')).resolves.toEqual([{ code: 'ZSKS' }]);
  });

  it('sends the bearer token of the kind asked for, and no token for public calls', async () => {
    saveToken('parent', { token: 'parent-jwt', expiresAt: FUTURE });
    saveToken('staff', { token: 'staff-jwt', expiresAt: FUTURE });
    answer(200, {});
    answer(200, {});
    answer(200, {});
    await request('/parents/me', { auth: 'parent' });
    await request('/auth/me', { auth: 'staff' });
    await request('/notices');
    expect(requestMock.mock.calls[0][0].header.Authorization).toBe('Bearer parent-jwt');
    expect(requestMock.mock.calls[1][0].header.Authorization).toBe('Bearer staff-jwt');
    expect(requestMock.mock.calls[2][0].header.Authorization).toBeUndefined();
  });

  it('keeps parent and staff tokens under separate storage keys', () => {
    expect(TOKEN_KEYS.parent).not.toBe(TOKEN_KEYS.staff);
    saveToken('staff', { token: 's', expiresAt: FUTURE });
    expect(getToken('parent')).toBeNull();
    expect(getToken('staff')).toBe('s');
  });

  it('treats an expired token as none', async () => {
    saveToken('parent', { token: 'old', expiresAt: '2000-01-01T00:00:00.000Z' });
    expect(getToken('parent')).toBeNull();
    answer(200, {});
    await request('/parents/me', { auth: 'parent' });
    expect(requestMock.mock.calls[0][0].header.Authorization).toBeUndefined();
  });

  it('sends a JSON body on POST (an empty object when there is none)', async () => {
    answer(201, { token: 't', expiresAt: FUTURE });
    answer(201, { token: 't', expiresAt: FUTURE });
    await request('/auth/staff', { method: 'POST', body: { username: 'editor', password: 'pw' } });
    await request('/auth/demo', { method: 'POST' });
    expect(requestMock.mock.calls[0][0]).toMatchObject({ method: 'POST', data: { username: 'editor', password: 'pw' } });
    expect(requestMock.mock.calls[0][0].header['Content-Type']).toBe('application/json');
    expect(requestMock.mock.calls[1][0].data).toEqual({});
  });

  it('turns the server error shape into an ApiError with its code and Chinese message', async () => {
    answer(400, {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误，请检查后重试',
      details: [{ field: 'limit', message: '每页条数须在1到50之间' }],
    });
    const error = await request('/notices', { query: { limit: 500 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误，请检查后重试',
      details: [{ field: 'limit', message: '每页条数须在1到50之间' }],
    });
  });

  it('shows the server’s own message for a rate limit (429 RATE_LIMITED)', async () => {
    answer(429, { statusCode: 429, code: 'RATE_LIMITED', message: '操作过于频繁，请 42 秒后再试' });
    const error = await request('/auth/demo', { method: 'POST' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', message: '操作过于频繁，请 42 秒后再试' });
  });

  it('keeps the request id of a 500 and still has a Chinese message for bodies of another shape', async () => {
    answer(500, { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器内部错误', requestId: 'req-1' });
    await expect(request('/notices')).rejects.toMatchObject({ code: 'INTERNAL_ERROR', requestId: 'req-1' });
    answer(502, '<html>Bad Gateway</html>');
    await expect(request('/notices')).rejects.toMatchObject({ statusCode: 502, code: 'BAD_RESPONSE', message: '服务暂时不可用，请稍后重试' });
  });

  it('reports a network failure in Chinese', async () => {
    requestMock.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });
    const error = await request('/notices').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ statusCode: 0, code: 'NETWORK_ERROR', message: NETWORK_ERROR_MESSAGE });
    expect(NETWORK_ERROR_MESSAGE).toBe('网络异常，请检查网络后重试');
    expect((error as ApiError).isNetworkError).toBe(true);
  });

  it('on a 401 clears the parent token and sends the parent to 我的', async () => {
    saveToken('parent', { token: 'parent-jwt', expiresAt: FUTURE });
    saveToken('staff', { token: 'staff-jwt', expiresAt: FUTURE });
    taroMock.setCurrentRoute('/pages/notice/detail');
    answer(401, { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' });
    await expect(request('/parents/me', { auth: 'parent' })).rejects.toMatchObject({ code: 'TOKEN_EXPIRED', message: '登录已过期，请重新登录' });
    expect(getToken('parent')).toBeNull();
    expect(getToken('staff')).toBe('staff-jwt');
    expect(Taro.switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: ROUTES.mine }));
  });

  it('on a 401 clears the staff token and sends staff to their sign-in page', async () => {
    saveToken('staff', { token: 'staff-jwt', expiresAt: FUTURE });
    taroMock.setCurrentRoute('/packages/staff/pages/home/index');
    answer(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: '请先登录' });
    await expect(request('/auth/me', { auth: 'staff' })).rejects.toMatchObject({ statusCode: 401 });
    expect(getToken('staff')).toBeNull();
    expect(Taro.redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: ROUTES.staffLogin }));
  });

  it('does not navigate on a 401 of a call made without a token (a wrong password)', async () => {
    taroMock.setCurrentRoute('/packages/staff/pages/login/index');
    answer(401, { statusCode: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
    await expect(request('/auth/staff', { method: 'POST', body: {} })).rejects.toMatchObject({ message: '用户名或密码错误' });
    expect(Taro.redirectTo).not.toHaveBeenCalled();
    expect(Taro.switchTab).not.toHaveBeenCalled();
  });
});
