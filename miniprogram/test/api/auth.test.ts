import Taro from '@tarojs/taro';
import { demoLogin, getParentMe, staffLogin, staffSignOut, wechatLogin } from '../../src/api/auth';
import { ApiError } from '../../src/api/errors';
import { getToken } from '../../src/api/tokens';

const requestMock = Taro.request as unknown as jest.Mock;
const loginMock = Taro.login as unknown as jest.Mock;
const TOKEN = { token: 'jwt-1', expiresAt: '2099-01-01T00:00:00.000Z' };

beforeEach(() => requestMock.mockReset());

describe('parent sign-in', () => {
  it('WeChat: Taro.login, then POST /auth/wechat {code}, then the parent token is stored', async () => {
    loginMock.mockResolvedValueOnce({ code: 'code-from-wx', errMsg: 'login:ok' });
    requestMock.mockResolvedValueOnce({ statusCode: 201, data: TOKEN });
    await expect(wechatLogin()).resolves.toEqual(TOKEN);
    expect(requestMock).toHaveBeenCalledWith(expect.objectContaining({ url: '/api/v1/auth/wechat', method: 'POST', data: { code: 'code-from-wx' } }));
    expect(getToken('parent')).toBe('jwt-1');
    expect(getToken('staff')).toBeNull();
  });

  it('WeChat: a failed wx.login never reaches the server', async () => {
    loginMock.mockRejectedValueOnce({ errMsg: 'login:fail' });
    await expect(wechatLogin()).rejects.toEqual(expect.any(ApiError));
    loginMock.mockResolvedValueOnce({ errMsg: 'login:ok' });
    await expect(wechatLogin()).rejects.toMatchObject({ code: 'WECHAT_LOGIN_FAILED', message: '微信登录失败，请稍后重试' });
    expect(requestMock).not.toHaveBeenCalled();
  });

  it('WeChat: the server refusing the code leaves no token', async () => {
    requestMock.mockResolvedValueOnce({
      statusCode: 400,
      data: { statusCode: 400, code: 'WECHAT_CODE_INVALID', message: '微信登录凭证无效，请重试' },
    });
    await expect(wechatLogin()).rejects.toMatchObject({ code: 'WECHAT_CODE_INVALID', message: '微信登录凭证无效，请重试' });
    expect(getToken('parent')).toBeNull();
  });

  it('demo: POST /auth/demo stores the parent token; /parents/me then carries it', async () => {
    requestMock.mockResolvedValueOnce({ statusCode: 201, data: TOKEN });
    await demoLogin();
    requestMock.mockResolvedValueOnce({ statusCode: 200, data: { id: 1, displayName: '演示家长', demo: true, createdAt: '2026-01-01T00:00:00Z' } });
    await expect(getParentMe()).resolves.toMatchObject({ displayName: '演示家长' });
    expect(requestMock.mock.calls[1][0]).toMatchObject({ url: '/api/v1/parents/me', header: expect.objectContaining({ Authorization: 'Bearer jwt-1' }) });
  });
});

describe('staff sign-in', () => {
  it('stores the staff token apart from the parent one; sign-out clears only it', async () => {
    requestMock.mockResolvedValueOnce({ statusCode: 201, data: { token: 'staff-jwt', expiresAt: TOKEN.expiresAt } });
    await staffLogin({ username: 'editor', password: 'demo-pass-1' });
    expect(requestMock.mock.calls[0][0]).toMatchObject({ url: '/api/v1/auth/staff', data: { username: 'editor', password: 'demo-pass-1' } });
    expect(getToken('staff')).toBe('staff-jwt');
    staffSignOut();
    expect(getToken('staff')).toBeNull();
  });
});
