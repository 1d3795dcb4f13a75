import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { ErasureRecordView, PersonalDataAccessView } from '@gongkai/shared';
import { saveToken } from '../../src/api/tokens';
import StaffPrivacyAccess from '../../src/packages/staff/pages/privacy-access/index';
import { taroMock } from '../mocks/taro';

/** The page through the real request layer: Taro.request is the mock, so URLs and queries are checked as sent. */
const requestMock = Taro.request as unknown as jest.Mock;
const FUTURE = '2099-01-01T00:00:00.000Z';

beforeEach(() => {
  requestMock.mockReset();
  saveToken('staff', { token: 'admin-jwt', expiresAt: FUTURE });
});

function aRead(id: number, over: Partial<PersonalDataAccessView> = {}): PersonalDataAccessView {
  return {
    id,
    actorId: 3,
    actorUsername: 'handler1',
    action: 'personal_data.view',
    entityType: 'inquiry',
    entityId: '12',
    parentId: 7,
    fields: ['content', 'phone', 'photos'],
    purpose: '办理咨询投诉',
    ip: '10.0.0.8',
    createdAt: '2026-10-09T01:05:00.000Z',
    ...over,
  };
}

function anErasure(id: number, over: Partial<ErasureRecordView> = {}): ErasureRecordView {
  return { id, reason: 'retention', kind: 'inquiry_photo', label: '咨询投诉中上传的照片', count: 3, parentId: null, createdAt: '2026-10-10T18:00:00.000Z', ...over };
}

const ok = (data: unknown) => ({ statusCode: 200, data });
const sent = () => requestMock.mock.calls.map(([o]: [{ url: string }]) => o.url);
const texts = (container: HTMLElement, selector: string) => Array.from(container.querySelectorAll(selector)).map((e) => e.textContent);

const click = async (el: Element | null) => {
  if (!el) throw new Error('no element to click');
  await act(async () => {
    fireEvent.click(el);
  });
};

describe('个人信息访问记录', () => {
  it('shows who read which parent’s data, when, which fields and why; a tapped parent narrows the list', async () => {
    requestMock.mockImplementation(async ({ url }: { url: string }) =>
      url.includes('parentId=7')
        ? ok({ items: [aRead(1)], nextCursor: null })
        : ok({
            items: [
              aRead(1),
              aRead(2, {
                actorId: null,
                actorUsername: null,
                action: 'personal_data.export',
                entityType: 'privacy_rights_request',
                entityId: '5',
                parentId: 9,
                fields: ['content'],
                purpose: '办理个人信息权利申请',
                ip: null,
              }),
            ],
            nextCursor: null,
          }),
    );
    const { container } = render(<StaffPrivacyAccess />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-access-item')).toHaveLength(2));
    expect(sent()).toEqual(['/api/v1/staff/privacy/access-log?limit=20']);
    expect(container.querySelector('.e2e-privacy-access-tab-access')?.className).toContain('e2e-selected');

    expect(texts(container, '.e2e-access-action')).toEqual(['查看', '导出']);
    expect(texts(container, '.e2e-access-actor')).toEqual(['handler1', '（账号已删除）']);
    expect(texts(container, '.e2e-access-time')).toEqual(['2026-10-09 09:05', '2026-10-09 09:05']);
    expect(texts(container, '.e2e-access-target')).toEqual(['咨询投诉 #12', '权利申请 #5']);
    expect(texts(container, '.e2e-access-parent')).toEqual(['家长 #7', '家长 #9']);
    expect(texts(container, '.e2e-access-fields')).toEqual(['字段：内容、联系电话、照片', '字段：内容']);
    expect(texts(container, '.e2e-access-purpose')).toEqual(['办理咨询投诉', '办理个人信息权利申请']);

    await click(container.querySelector('.e2e-access-parent'));
    await waitFor(() => expect(container.querySelectorAll('.e2e-access-item')).toHaveLength(1));
    expect(sent()[1]).toBe('/api/v1/staff/privacy/access-log?parentId=7&limit=20');
    expect(container.querySelector('.e2e-access-filter')?.textContent).toBe('仅显示家长 #7 的个人信息被访问的记录查看全部');

    await click(container.querySelector('.e2e-access-filter-clear'));
    await waitFor(() => expect(container.querySelectorAll('.e2e-access-item')).toHaveLength(2));
    expect(sent()[2]).toBe('/api/v1/staff/privacy/access-log?limit=20');
    expect(container.querySelector('.e2e-access-filter')).toBeNull();
  });

  it('starts narrowed to the parent named in the page address, and pages on with the cursor', async () => {
    taroMock.setRouterParams({ parentId: '7' });
    requestMock
      .mockResolvedValueOnce(ok({ items: [aRead(1)], nextCursor: 'next-1' }))
      .mockResolvedValueOnce(ok({ items: [aRead(2, { entityId: '13' })], nextCursor: null }));
    const { container } = render(<StaffPrivacyAccess />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-access-item')).toHaveLength(1));
    await act(async () => {
      taroMock.fire('reachBottom');
    });
    await waitFor(() => expect(container.querySelectorAll('.e2e-access-item')).toHaveLength(2));
    expect(sent()).toEqual(['/api/v1/staff/privacy/access-log?parentId=7&limit=20', '/api/v1/staff/privacy/access-log?parentId=7&cursor=next-1&limit=20']);
    expect(texts(container, '.e2e-access-target')).toEqual(['咨询投诉 #12', '咨询投诉 #13']);
  });

  it('lists 删除记录 on the second tab: why, what and how many', async () => {
    requestMock.mockImplementation(async ({ url }: { url: string }) =>
      url.includes('/erasures')
        ? ok({
            items: [
              anErasure(2, { reason: 'cancellation', kind: 'inquiry_phone', label: '咨询投诉中留下的联系电话', count: 2, parentId: 7, createdAt: '2026-10-11T02:00:00.000Z' }),
              anErasure(1),
            ],
            nextCursor: null,
          })
        : ok({ items: [], nextCursor: null }),
    );
    const { container } = render(<StaffPrivacyAccess />);
    await waitFor(() => expect(container.textContent).toContain('暂无访问记录'));
    await click(container.querySelector('.e2e-privacy-access-tab-erasures'));
    await waitFor(() => expect(container.querySelectorAll('.e2e-erasure-item')).toHaveLength(2));
    expect(sent()).toEqual(['/api/v1/staff/privacy/access-log?limit=20', '/api/v1/staff/privacy/erasures?limit=20']);
    expect(texts(container, '.e2e-erasure-reason')).toEqual(['注销账号', '保存期限届满']);
    expect(texts(container, '.e2e-erasure-kind')).toEqual(['咨询投诉中留下的联系电话：2 条', '咨询投诉中上传的照片：3 条']);
    expect(texts(container, '.e2e-erasure-time')).toEqual(['2026-10-11 10:00', '2026-10-11 02:00']);
    expect(texts(container, '.e2e-erasure-parent')).toEqual(['家长 #7']);
  });

  it('says why when the server refuses (not an admin)', async () => {
    requestMock.mockResolvedValue({ statusCode: 403, data: { statusCode: 403, code: 'FORBIDDEN', message: '您没有权限执行此操作' } });
    const { container } = render(<StaffPrivacyAccess />);
    await waitFor(() => expect(container.querySelector('.e2e-error-message')?.textContent).toBe('您没有权限执行此操作'));
  });
});
