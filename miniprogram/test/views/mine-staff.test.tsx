import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import * as auth from '../../src/api/auth';
import { ApiError } from '../../src/api/errors';
import { saveToken } from '../../src/api/tokens';
import { rememberDecision, resetPrivacyFlowForTests } from '../../src/utils/privacy';
import { inputOf } from '../fixtures';
import Mine from '../../src/pages/mine/index';
import StaffHome from '../../src/packages/staff/pages/home/index';
import StaffLogin from '../../src/packages/staff/pages/login/index';

jest.mock('../../src/api/auth', () => {
  const actual = jest.requireActual('../../src/api/auth');
  return { ...actual, getAuthOptions: jest.fn(), demoLogin: jest.fn(), getParentMe: jest.fn(), staffLogin: jest.fn(), getStaffMe: jest.fn() };
});
const api = jest.mocked(auth);
beforeEach(() => [api.getAuthOptions, api.demoLogin, api.getParentMe, api.staffLogin, api.getStaffMe].forEach((fn) => fn.mockReset()));
const FUTURE = '2099-01-01T00:00:00.000Z';

describe('我的 (H5 build)', () => {
  // This device agreed to the privacy notice already (the privacy flow itself: privacy-popup.test.tsx).
  beforeEach(() => {
    resetPrivacyFlowForTests();
    rememberDecision(true);
  });

  it('offers 演示登录 only when the server says demo: true', async () => {
    api.getAuthOptions.mockResolvedValueOnce({ wechat: false, demo: true });
    const { container, unmount } = render(<Mine />);
    await waitFor(() => expect(container.querySelector('.e2e-demo-login')).not.toBeNull());
    expect(screen.getByText('未登录')).toBeTruthy();
    expect(container.querySelector('.e2e-wechat-login')).toBeNull();
    unmount();

    api.getAuthOptions.mockResolvedValueOnce({ wechat: true, demo: false });
    const second = render(<Mine />);
    await waitFor(() => expect(second.container.querySelector('.e2e-signin-unavailable')).not.toBeNull());
    expect(second.container.querySelector('.e2e-demo-login')).toBeNull();
  });

  it('signs in with the demo and shows the parent', async () => {
    api.getAuthOptions.mockResolvedValue({ wechat: false, demo: true });
    api.demoLogin.mockImplementationOnce(async () => {
      const token = { token: 'p', expiresAt: FUTURE };
      saveToken('parent', token);
      return token;
    });
    api.getParentMe.mockResolvedValueOnce({ id: 1, displayName: '演示家长', demo: true, createdAt: FUTURE });
    const { container } = render(<Mine />);
    await waitFor(() => expect(container.querySelector('.e2e-demo-login')).not.toBeNull());
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-demo-login')!);
    });
    await screen.findByText('演示家长');
    expect(screen.getByText('已登录（演示账号）')).toBeTruthy();
    expect(container.querySelector('.e2e-parent-signout')).not.toBeNull();
  });

  it('links to the staff sign-in', async () => {
    api.getAuthOptions.mockResolvedValueOnce({ wechat: false, demo: false });
    const { container } = render(<Mine />);
    await screen.findByText('未登录');
    fireEvent.click(container.querySelector('.e2e-staff-link')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/login/index' });
  });
});

describe('staff', () => {
  it('signs in and goes to the staff home; a refusal shows the server message', async () => {
    api.staffLogin
      .mockRejectedValueOnce(new ApiError({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' }))
      .mockResolvedValueOnce({ token: 's', expiresAt: FUTURE });
    const { container } = render(<StaffLogin />);
    fireEvent.input(inputOf(container, '.e2e-staff-username'), { target: { value: 'editor' } });
    fireEvent.input(inputOf(container, '.e2e-staff-password'), { target: { value: 'wrong' } });
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-staff-submit')!);
    });
    expect(container.querySelector('.e2e-staff-error')?.textContent).toBe('用户名或密码错误');
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '用户名或密码错误', icon: 'none' });

    fireEvent.input(inputOf(container, '.e2e-staff-password'), { target: { value: 'demo-pass-1' } });
    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-staff-submit')!);
    });
    expect(api.staffLogin).toHaveBeenLastCalledWith({ username: 'editor', password: 'demo-pass-1' });
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/home/index' });
  });

  it('staff home shows name, unit and roles, and signs out', async () => {
    saveToken('staff', { token: 's', expiresAt: FUTURE });
    api.getStaffMe.mockResolvedValueOnce({
      id: 2,
      username: 'unit_head',
      displayName: '演示科室负责人',
      roles: ['unit_head', 'editor'],
      unit: { id: 3, code: '11370725004410363H', name: '基础教育科' },
    });
    const { container } = render(<StaffHome />);
    await screen.findByText('演示科室负责人');
    expect(container.querySelector('.e2e-staff-unit')?.textContent).toBe('基础教育科');
    expect(Array.from(container.querySelectorAll('.e2e-staff-role')).map((r) => r.textContent)).toEqual(['科室负责人', '信息编辑']);
    fireEvent.click(container.querySelector('.e2e-staff-signout')!);
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/login/index' });
  });

  it('staff home without a token goes to the sign-in without asking the server', async () => {
    taroMockRoute('/packages/staff/pages/home/index');
    render(<StaffHome />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/staff/pages/login/index' })));
    expect(api.getStaffMe).not.toHaveBeenCalled();
  });
});

function taroMockRoute(route: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('../mocks/taro') as typeof import('../mocks/taro')).taroMock.setCurrentRoute(route);
}
