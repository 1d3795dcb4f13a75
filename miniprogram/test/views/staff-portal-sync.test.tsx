import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { PortalDeliveryView, PortalEndpointView } from '@gongkai/shared';
import { saveToken } from '../../src/api/tokens';
import StaffPortalSync from '../../src/packages/staff/pages/portal-sync/index';

/** The page through the real request layer: Taro.request is the mock, so URLs and bodies are checked as sent. */
const requestMock = Taro.request as unknown as jest.Mock;
const FUTURE = '2099-01-01T00:00:00.000Z';

beforeEach(() => {
  requestMock.mockReset();
  saveToken('staff', { token: 'admin-jwt', expiresAt: FUTURE });
});

function anEndpoint(id: number, over: Partial<PortalEndpointView> = {}): PortalEndpointView {
  const at = '2026-09-01T01:00:00.000Z';
  return { id, name: '县政府门户网站 教育局专栏', url: 'https://www.example.gov.cn/gongkai/receive', categories: [], active: true, counts: { synced: 12, pending: 1, failed: 2 }, secretSetAt: at, createdAt: at, updatedAt: at, ...over };
}

function aFailure(noticeId: number, title: string): PortalDeliveryView {
  return { noticeId, title, seq: noticeId * 10, kind: 'published', state: 'failed', attempts: 27, lastStatus: 502, lastError: '门户返回 HTTP 502：Bad Gateway', lastAttemptAt: '2026-09-02T02:30:00.000Z', deliveredAt: null, nextAttemptAt: null };
}

const ok = (data: unknown) => ({ statusCode: 200, data });
const texts = (container: HTMLElement, selector: string) => Array.from(container.querySelectorAll(selector)).map((e) => e.textContent);

describe('门户同步', () => {
  it('shows each endpoint’s counts and failed notices with their last error; 重新推送 and 全部重推 post the re-sends', async () => {
    const sent: { method: string; url: string; data?: unknown }[] = [];
    requestMock.mockImplementation(async ({ url, method, data }: { url: string; method: string; data?: unknown }) => {
      sent.push({ method, url, data });
      if (url === '/api/v1/staff/portal/endpoints') return ok([anEndpoint(1), anEndpoint(2, { name: '招生考试专栏', categories: ['ZSKS'], active: false, counts: { synced: 3, pending: 0, failed: 0 } })]);
      if (url.startsWith('/api/v1/staff/portal/endpoints/1/deliveries')) return ok({ items: [aFailure(8, '秋季招生通知'), aFailure(5, '')], nextCursor: null });
      if (url.endsWith('/resend')) return ok({ requeued: (data as { noticeId?: number }).noticeId ? 1 : 2 });
      throw new Error(`unexpected ${url}`);
    });
    const { container } = render(<StaffPortalSync />);
    await waitFor(() => expect(container.querySelectorAll('.e2e-portal-endpoint')).toHaveLength(2));
    expect(sent.map((r) => r.url)).toEqual(['/api/v1/staff/portal/endpoints', '/api/v1/staff/portal/endpoints/1/deliveries?state=failed&limit=20']);
    expect(texts(container, '.e2e-portal-count-synced')).toEqual(['12', '3']);
    expect(texts(container, '.e2e-portal-count-failed')).toEqual(['2', '0']);
    expect(container.textContent).toContain('招生考试专栏');
    expect(container.textContent).toContain('已停用 · 分类：ZSKS');
    expect(texts(container, '.e2e-portal-failed .gk-staff-item__title')).toEqual(['秋季招生通知', '信息 5']);
    expect(texts(container, '.e2e-portal-failed-error')).toEqual(['门户返回 HTTP 502：Bad Gateway', '门户返回 HTTP 502：Bad Gateway']);
    expect(container.textContent).toContain('最后尝试 2026-09-02 10:30');
    // Only the endpoint with failures offers 全部重推.
    expect(texts(container, '.e2e-portal-resend-all')).toEqual(['全部重推（2）']);

    await act(async () => {
      fireEvent.click(container.querySelectorAll('.e2e-portal-resend')[0]!);
    });
    await waitFor(() => expect(sent.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(sent.find((r) => r.method === 'POST')).toEqual({ method: 'POST', url: '/api/v1/staff/portal/endpoints/1/resend', data: { noticeId: 8 } });
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith({ title: '已重新排队 1 条', icon: 'success' }));

    await act(async () => {
      fireEvent.click(container.querySelector('.e2e-portal-resend-all')!);
    });
    await waitFor(() => expect(sent.filter((r) => r.method === 'POST')).toHaveLength(2));
    expect(sent.filter((r) => r.method === 'POST')[1]).toEqual({ method: 'POST', url: '/api/v1/staff/portal/endpoints/1/resend', data: {} });
  });

  it('says when no endpoint is registered', async () => {
    requestMock.mockImplementation(async () => ok([]));
    const { container } = render(<StaffPortalSync />);
    await waitFor(() => expect(container.querySelector('.e2e-empty')).not.toBeNull());
    expect(container.textContent).toContain('尚未登记门户推送端点');
  });
});
