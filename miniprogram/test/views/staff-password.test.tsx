import { act, fireEvent, render } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { getToken, saveToken } from '../../src/api/tokens';
import { inputOf } from '../fixtures';
import StaffHome from '../../src/packages/staff/pages/home/index';
import StaffPassword from '../../src/packages/staff/pages/password/index';

/** The page through the real request layer: Taro.request is the mock, so the call and the stored token are checked as sent. */
const requestMock = Taro.request as unknown as jest.Mock;
const FUTURE = '2099-01-01T00:00:00.000Z';

beforeEach(() => {
  requestMock.mockReset();
  saveToken('staff', { token: 'old-staff-jwt', expiresAt: FUTURE });
});

function fill(container: HTMLElement, values: { current: string; next: string; again: string }) {
  fireEvent.input(inputOf(container, '.e2e-password-current'), { target: { value: values.current } });
  fireEvent.input(inputOf(container, '.e2e-password-next'), { target: { value: values.next } });
  fireEvent.input(inputOf(container, '.e2e-password-again'), { target: { value: values.again } });
}

async function submit(container: HTMLElement) {
  await act(async () => {
    fireEvent.click(container.querySelector('.e2e-password-submit')!);
  });
}

describe('修改密码 (staff)', () => {
  it('sends the current and the new password, keeps the fresh token and goes back', async () => {
    requestMock.mockResolvedValueOnce({ statusCode: 200, data: { token: 'fresh-staff-jwt', expiresAt: FUTURE } });
    const { container } = render(<StaffPassword />);
    fill(container, { current: 'old-password-1', next: 'new-password-22', again: 'new-password-22' });
    await submit(container);

    expect(requestMock).toHaveBeenCalledTimes(1);
    expect(requestMock.mock.calls[0][0]).toMatchObject({
      url: '/api/v1/auth/staff/password',
      method: 'POST',
      data: { currentPassword: 'old-password-1', newPassword: 'new-password-22' },
      header: expect.objectContaining({ Authorization: 'Bearer old-staff-jwt' }),
    });
    expect(getToken('staff')).toBe('fresh-staff-jwt');
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '密码已修改', icon: 'success' });
    expect(Taro.navigateBack).toHaveBeenCalled();
    expect(container.querySelector('.e2e-password-error')).toBeNull();
  });

  it('says what is wrong before asking the server: a short new password, two that differ', async () => {
    const { container } = render(<StaffPassword />);
    fill(container, { current: 'old-password-1', next: 'short', again: 'short' });
    await submit(container);
    expect(container.querySelector('.e2e-password-error')?.textContent).toBe('新密码至少 10 位');

    fill(container, { current: 'old-password-1', next: 'new-password-22', again: 'new-password-23' });
    await submit(container);
    expect(container.querySelector('.e2e-password-error')?.textContent).toBe('两次输入的新密码不一致');
    expect(requestMock).not.toHaveBeenCalled();
  });

  it('shows the server refusal of a wrong current password and stays signed in', async () => {
    requestMock.mockResolvedValueOnce({
      statusCode: 400,
      data: { statusCode: 400, code: 'CURRENT_PASSWORD_WRONG', message: '当前密码不正确', details: [{ field: 'currentPassword', message: '当前密码不正确' }] },
    });
    const { container } = render(<StaffPassword />);
    fill(container, { current: 'not-my-password', next: 'new-password-22', again: 'new-password-22' });
    await submit(container);
    expect(container.querySelector('.e2e-password-error')?.textContent).toBe('当前密码不正确');
    expect(getToken('staff')).toBe('old-staff-jwt');
    expect(Taro.redirectTo).not.toHaveBeenCalled();
    expect(Taro.navigateBack).not.toHaveBeenCalled();
  });

  it('is linked from the staff home', async () => {
    requestMock.mockImplementation(async ({ url }: { url: string }) =>
      url.endsWith('/auth/me')
        ? { statusCode: 200, data: { id: 5, username: 'editor', displayName: '演示编辑', roles: ['editor'], unit: { id: 1, code: 'X', name: '办公室' } } }
        : { statusCode: 200, data: null },
    );
    const { container, findByText } = render(<StaffHome />);
    await findByText('演示编辑');
    fireEvent.click(container.querySelector('.e2e-staff-password-link')!);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/password/index' });
  });
});
