import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { StaffRightsRequestView } from '@gongkai/shared';
import { saveToken } from '../../src/api/tokens';
import StaffHome from '../../src/packages/staff/pages/home/index';
import StaffPrivacyRequests from '../../src/packages/staff/pages/privacy-requests/index';
import StaffPrivacyRequest from '../../src/packages/staff/pages/privacy-request/index';
import { aStaffMe } from '../fixtures';
import { taroMock } from '../mocks/taro';

/** The pages through the real request layer: Taro.request is the mock, so URLs, queries and bodies are checked as sent. */
const requestMock = Taro.request as unknown as jest.Mock;
const FUTURE = '2099-01-01T00:00:00.000Z';

beforeEach(() => {
  requestMock.mockReset();
  saveToken('staff', { token: 'admin-jwt', expiresAt: FUTURE });
});

function aRequest(id: number, over: Partial<StaffRightsRequestView> = {}): StaffRightsRequestView {
  return {
    id,
    kind: 'correction',
    kindLabel: '更正、补充',
    content: `请把我的账号名称改为王女士（${id}）`,
    status: 'pending',
    statusLabel: '办理中',
    receivedAt: '2026-09-28T02:00:00.000Z',
    dueDate: '2026-10-27',
    reply: null,
    repliedAt: null,
    parentId: 40 + id,
    parentName: '王**',
    overdue: false,
    handledBy: null,
    ...over,
  };
}

const ok = (data: unknown) => ({ statusCode: 200, data });
const sent = () => requestMock.mock.calls.map(([o]: [{ url: string; method?: string }]) => `${o.method ?? 'GET'} ${o.url}`);

const click = async (el: Element | null) => {
  if (!el) throw new Error('no element to click');
  await act(async () => {
    fireEvent.click(el);
  });
};

describe('个人信息权利申请 (list)', () => {
  it('opens on 办理中 with the due date, marks the overdue one, and lists every status under 全部', async () => {
    requestMock.mockImplementation(async ({ url }: { url: string }) =>
      url.includes('status=pending')
        ? ok({ items: [aRequest(1, { overdue: true, dueDate: '2026-09-25' }), aRequest(2)], nextCursor: null })
        : ok({ items: [aRequest(3, { status: 'done', statusLabel: '已办结', reply: '已更正', repliedAt: '2026-10-09T06:30:00.000Z', handledBy: '系统管理员' })], nextCursor: null }),
    );
    const { container } = render(<StaffPrivacyRequests />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-privacy-request-item')).toHaveLength(2));
    expect(sent()).toEqual(['GET /api/v1/staff/privacy/rights-requests?status=pending&limit=20']);
    expect(requestMock.mock.calls[0][0].header).toEqual(expect.objectContaining({ Authorization: 'Bearer admin-jwt' }));
    expect(container.querySelector('.e2e-privacy-requests-tab-pending')?.className).toContain('e2e-selected');

    const [overdue, onTime] = Array.from(container.querySelectorAll('.e2e-privacy-request-item'));
    expect(overdue!.className).toContain('gk-iq-item--overdue');
    expect(overdue!.querySelector('.e2e-privacy-request-due')?.textContent).toBe('已超期 · 办理期限 2026-09-25');
    expect(overdue!.querySelector('.e2e-privacy-request-kind')?.textContent).toBe('更正、补充');
    expect(overdue!.querySelector('.e2e-privacy-request-parent')?.textContent).toBe('王**');
    expect(onTime!.className).not.toContain('gk-iq-item--overdue');
    expect(onTime!.querySelector('.e2e-privacy-request-due')?.textContent).toBe('办理期限 2026-10-27');

    await click(container.querySelector('.e2e-privacy-requests-tab-all'));
    await waitFor(() => expect(container.querySelectorAll('.e2e-privacy-request-item')).toHaveLength(1));
    expect(sent()[1]).toBe('GET /api/v1/staff/privacy/rights-requests?limit=20');
    // Answered: who answered and when (Shanghai time) instead of the due date.
    expect(container.querySelector('.e2e-privacy-request-replied')?.textContent).toBe('系统管理员 · 2026-10-09 14:30 答复');

    await click(container.querySelector('.e2e-privacy-request-item'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/privacy-request/index?id=3' });
  });

  it('loads the next page with the cursor when the bottom is reached', async () => {
    requestMock
      .mockResolvedValueOnce(ok({ items: [aRequest(1)], nextCursor: 'c2' }))
      .mockResolvedValueOnce(ok({ items: [aRequest(2)], nextCursor: null }));
    const { container } = render(<StaffPrivacyRequests />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-privacy-request-item')).toHaveLength(1));
    await act(async () => {
      taroMock.fire('reachBottom');
    });
    await waitFor(() => expect(container.querySelectorAll('.e2e-privacy-request-item')).toHaveLength(2));
    expect(sent()[1]).toBe('GET /api/v1/staff/privacy/rights-requests?status=pending&cursor=c2&limit=20');
  });
});

describe('权利申请详情 (reply)', () => {
  beforeEach(() => taroMock.setRouterParams({ id: '5' }));

  it('needs a result and a reply, then sends 不予办理 with the reply and shows it in place of the form', async () => {
    requestMock.mockImplementation(async ({ method }: { method?: string }) =>
      method === 'POST'
        ? ok(aRequest(5, { status: 'refused', statusLabel: '不予办理', reply: '该信息属于法律规定须保存的档案，不能删除。', repliedAt: '2026-10-09T06:30:00.000Z', handledBy: '系统管理员' }))
        : ok(aRequest(5, { kind: 'deletion', kindLabel: '删除', content: '请删除我去年的投诉记录' })),
    );
    const { container } = render(<StaffPrivacyRequest />);
    await waitFor(() => expect(container.querySelector('.e2e-privacy-request-form')).not.toBeNull());
    expect(sent()).toEqual(['GET /api/v1/staff/privacy/rights-requests/5']);
    expect(container.querySelector('.e2e-privacy-request-content')?.textContent).toBe('请删除我去年的投诉记录');
    expect(container.querySelector('.e2e-privacy-request-kind')?.textContent).toBe('删除');
    expect(container.querySelector('.e2e-privacy-request-parent')?.textContent).toBe('申请人：王**');
    expect(container.querySelector('.e2e-privacy-request-due')?.textContent).toBe('办理期限：2026-10-27（15个工作日）');

    await click(container.querySelector('.e2e-privacy-reply-submit'));
    expect(Array.from(container.querySelectorAll('.e2e-field-error')).map((e) => e.textContent)).toEqual(['请选择办理结果', '请填写答复内容']);
    expect(sent()).toHaveLength(1);

    await click(container.querySelector('.e2e-privacy-outcome-refused'));
    fireEvent.input(container.querySelector('.e2e-privacy-reply-text textarea, textarea.e2e-privacy-reply-text')!, {
      target: { value: '  该信息属于法律规定须保存的档案，不能删除。 ' },
    });
    await click(container.querySelector('.e2e-privacy-reply-submit'));

    expect(requestMock.mock.calls[1][0]).toMatchObject({
      url: '/api/v1/staff/privacy/rights-requests/5/reply',
      method: 'POST',
      data: { status: 'refused', reply: '该信息属于法律规定须保存的档案，不能删除。' },
    });
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已答复', icon: 'success' });
    await waitFor(() => expect(container.querySelector('.e2e-privacy-request-form')).toBeNull());
    expect(container.querySelector('.e2e-privacy-request-status')?.textContent).toBe('不予办理');
    expect(container.querySelector('.e2e-privacy-request-reply')?.textContent).toBe('答复该信息属于法律规定须保存的档案，不能删除。系统管理员 · 2026-10-09 14:30');
  });

  it('shows the answer that stands when another admin replied first', async () => {
    let answered = false;
    requestMock.mockImplementation(async ({ method }: { method?: string }) => {
      if (method === 'POST') {
        answered = true;
        return { statusCode: 409, data: { statusCode: 409, code: 'RIGHTS_REQUEST_ANSWERED', message: '该申请已经答复，不能再次答复' } };
      }
      return ok(answered ? aRequest(5, { status: 'done', statusLabel: '已办结', reply: '已更正', repliedAt: '2026-10-09T06:30:00.000Z', handledBy: '另一位管理员' }) : aRequest(5));
    });
    const { container } = render(<StaffPrivacyRequest />);
    await waitFor(() => expect(container.querySelector('.e2e-privacy-request-form')).not.toBeNull());
    await click(container.querySelector('.e2e-privacy-outcome-done'));
    fireEvent.input(container.querySelector('.e2e-privacy-reply-text textarea, textarea.e2e-privacy-reply-text')!, { target: { value: '已按您的要求更正' } });
    await click(container.querySelector('.e2e-privacy-reply-submit'));

    expect(Taro.showToast).toHaveBeenCalledWith({ title: '该申请已经答复，不能再次答复', icon: 'none' });
    await waitFor(() => expect(container.querySelector('.e2e-privacy-request-form')).toBeNull());
    expect(sent()).toEqual([
      'GET /api/v1/staff/privacy/rights-requests/5',
      'POST /api/v1/staff/privacy/rights-requests/5/reply',
      'GET /api/v1/staff/privacy/rights-requests/5',
    ]);
    expect(container.querySelector('.e2e-privacy-request-reply')?.textContent).toBe('答复已更正另一位管理员 · 2026-10-09 14:30');
  });
});

describe('staff home: 个人信息保护', () => {
  const home = async (roles: Parameters<typeof aStaffMe>[1]) => {
    requestMock.mockImplementation(async ({ url }: { url: string }) => (url.endsWith('/auth/me') ? ok(aStaffMe(1, roles)) : ok(null)));
    const view = render(<StaffHome />);
    await view.findByText(`演示${roles[0]}`);
    return view.container;
  };

  it('offers the admin both entries, which open the two pages', async () => {
    const container = await home(['admin']);
    await click(container.querySelector('.e2e-staff-privacy-requests-link'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/privacy-requests/index' });
    await click(container.querySelector('.e2e-staff-privacy-access-link'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/privacy-access/index' });
  });

  it('offers neither to a handler or an editor', async () => {
    for (const roles of [['inquiry_handler'], ['editor']] as const) {
      const container = await home([...roles]);
      expect(container.querySelector('.e2e-staff-privacy-requests-link')).toBeNull();
      expect(container.querySelector('.e2e-staff-privacy-access-link')).toBeNull();
      expect(container.textContent).not.toContain('个人信息保护');
    }
  });
});
