import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { PushCampaignView } from '@gongkai/shared';
import * as auth from '../../src/api/auth';
import * as catalog from '../../src/api/catalog';
import * as push from '../../src/api/push';
import * as staff from '../../src/api/staff';
import { saveToken } from '../../src/api/tokens';
import Subscriptions from '../../src/packages/services/pages/subscriptions/index';
import StaffPush from '../../src/packages/staff/pages/push/index';
import StaffPushReport from '../../src/packages/staff/pages/push-report/index';
import { defaultMapping } from '../../src/packages/staff/utils/push';
import { aStaffNotice } from '../fixtures';
import { taroMock } from '../mocks/taro';

jest.mock('../../src/api/push');
jest.mock('../../src/api/staff');
jest.mock('../../src/api/catalog');
jest.mock('../../src/api/auth', () => ({ ...jest.requireActual('../../src/api/auth'), getAuthOptions: jest.fn() }));
const api = jest.mocked(push);
const cat = jest.mocked(catalog);
const st = jest.mocked(staff);
const options = jest.mocked(auth).getAuthOptions;
const FUTURE = '2099-01-01T00:00:00.000Z';
const FIELDS = { thing1: 'thing', time2: 'time', thing3: 'thing' } as const;
const TEMPLATES = {
  subscribe: ['T1', 'T2', 'T3', 'T4'].map((id) => ({ id, name: `模板${id}`, fields: { ...FIELDS } })),
  template: [],
};

const click = async (el: Element | null) => {
  if (!el) throw new Error('no element to click');
  await act(async () => {
    fireEvent.click(el);
  });
};

function aCampaign(over: Partial<PushCampaignView> = {}): PushCampaignView {
  return {
    id: 5, noticeId: 9, noticeTitle: '关于招生的通知', audience: { kind: 'category', code: 'ZSKS' }, channels: ['subscribe'], templateIds: { subscribe: 'T1' },
    status: 'active', createdAt: FUTURE, createdBy: 'publisher', total: 4,
    byStatus: { queued: 1, sending: 0, sent: 2, failed: 0, skipped: 1, cancelled: 0 }, failedByReason: {}, skippedByReason: { no_quota: 1 },
    progress: 0.75, startedAt: FUTURE, finishedAt: null, ...over,
  };
}

beforeEach(() => {
  for (const m of [api, cat, st]) Object.values(m).forEach((fn) => typeof fn === 'function' && 'mockReset' in fn && (fn as jest.Mock).mockReset());
  cat.listCategories.mockResolvedValue([{ id: 1, code: 'ZSKS', name: '招生考试', description: '', sortOrder: 1 }, { id: 2, code: 'JCJY', name: '基础教育', description: '', sortOrder: 2 }]);
  cat.listTopics.mockResolvedValue([{ id: 1, code: 'zhongkao', name: '中考', description: '', sortOrder: 1 }]);
  cat.listUnits.mockResolvedValue([]);
  api.getPushTemplates.mockResolvedValue(TEMPLATES);
  api.getSubscriptions.mockResolvedValue({ items: [{ kind: 'topic', code: 'zhongkao' }] });
  api.getQuotas.mockResolvedValue({ items: [{ templateId: 'T1', remaining: 0 }] });
  options.mockResolvedValue({ wechat: true, demo: false });
});

afterEach(() => {
  process.env.TARO_ENV = 'h5';
});

describe('subscriptions page', () => {
  it('sends a signed-out parent to 我的', async () => {
    const { container } = render(<Subscriptions />);
    await click(container.querySelector('.e2e-subscriptions-signin'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
    expect(api.getSubscriptions).not.toHaveBeenCalled();
  });

  it('replaces the whole set when a follow is toggled', async () => {
    saveToken('parent', { token: 'p', expiresAt: FUTURE });
    api.putSubscriptions.mockImplementation(async (items) => ({ items }));
    const { container } = render(<Subscriptions />);
    await waitFor(() => expect(container.querySelector('.e2e-follow-category-ZSKS')).not.toBeNull());
    expect(container.querySelector('.e2e-follow-topic-zhongkao')!.getAttribute('data-on')).toBe('true');
    await click(container.querySelector('.e2e-follow-category-ZSKS'));
    expect(api.putSubscriptions).toHaveBeenCalledWith([{ kind: 'topic', code: 'zhongkao' }, { kind: 'category', code: 'ZSKS' }]);
    await waitFor(() => expect(container.querySelector('.e2e-follow-category-ZSKS')!.getAttribute('data-on')).toBe('true'));
    await click(container.querySelector('.e2e-follow-topic-zhongkao'));
    expect(api.putSubscriptions).toHaveBeenLastCalledWith([{ kind: 'category', code: 'ZSKS' }]);
  });

  it('asks WeChat for at most three templates inside the tap and reports each answer (weapp)', async () => {
    process.env.TARO_ENV = 'weapp';
    saveToken('parent', { token: 'p', expiresAt: FUTURE });
    const ask = jest.fn().mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', T1: 'accept', T2: 'reject', T3: 'ban' });
    (Taro as unknown as Record<string, unknown>).requestSubscribeMessage = ask;
    api.reportSubscribeResults.mockResolvedValue({ items: [{ templateId: 'T1', remaining: 1 }] });
    const { container } = render(<Subscriptions />);
    await waitFor(() => expect(container.querySelector('.e2e-subscribe-enable')).not.toBeNull());
    expect(container.querySelector('.e2e-subscribe-enable')!.textContent).toBe('开启消息提醒');
    await click(container.querySelector('.e2e-subscribe-enable'));
    expect(ask.mock.calls[0][0].tmplIds).toEqual(['T1', 'T2', 'T3']);
    await waitFor(() => expect(api.reportSubscribeResults).toHaveBeenCalledWith({ T1: 'accept', T2: 'reject', T3: 'ban' }));
    await waitFor(() => expect(container.querySelector('.e2e-quota[data-template="T1"]')!.textContent).toContain('剩余 1 条'));
    delete (Taro as unknown as Record<string, unknown>).requestSubscribeMessage;
  });

  it('on H5 simulates consent only in the demo, and says so', async () => {
    saveToken('parent', { token: 'p', expiresAt: FUTURE });
    const first = render(<Subscriptions />);
    await waitFor(() => expect(first.container.querySelector('.e2e-subscribe-unavailable')).not.toBeNull());
    expect(first.container.querySelector('.e2e-subscribe-enable')).toBeNull();
    first.unmount();
    options.mockResolvedValue({ wechat: false, demo: true });
    api.reportSubscribeResults.mockResolvedValue({ items: [] });
    const { container } = render(<Subscriptions />);
    await waitFor(() => expect(container.querySelector('.e2e-subscribe-enable')).not.toBeNull());
    expect(container.querySelector('.e2e-subscribe-enable')!.textContent).toContain('演示：模拟同意');
    await click(container.querySelector('.e2e-subscribe-enable'));
    expect(api.reportSubscribeResults).toHaveBeenCalledWith({ T1: 'accept', T2: 'accept', T3: 'accept' });
  });
});

describe('staff push page', () => {
  it('defaults the mapping: title, the time field, then the unit', () => {
    expect(defaultMapping({ thing1: 'thing', time2: 'time', thing3: 'thing' })).toEqual({ thing1: 'title', time2: 'publishedAt', thing3: 'unitName' });
    expect(defaultMapping({ keyword1: 'keyword', date2: 'date', number3: 'number' })).toEqual({ keyword1: 'title', date2: 'publishedAt', number3: '' });
  });

  it('previews the fitted values and what was cut, then sends and opens the report', async () => {
    saveToken('staff', { token: 's', expiresAt: FUTURE });
    taroMock.setRouterParams({ id: '9' });
    st.getStaffNotice.mockResolvedValue(aStaffNotice(9, { status: 'published', categoryCode: 'ZSKS', title: '关于招生的通知' }));
    api.previewPush.mockResolvedValue({
      channels: [{
        channel: 'subscribe', templateId: 'T1', templateName: '模板T1', opensNotice: true,
        fields: [{ key: 'thing1', type: 'thing', label: '通知标题' }, { key: 'time2', type: 'time', label: '发布时间' }, { key: 'thing3', type: 'thing', label: '发布单位' }],
        data: { thing1: { value: '关于招生的…' }, time2: { value: '2026年11月29日 10:00' }, thing3: { value: '基础教育科' } },
        changed: [{ key: 'thing1', from: '关于招生的通知全文关于招生的通知全文关于招生的通知全文', to: '关于招生的…' }], problems: [],
      }],
    });
    api.createPush.mockResolvedValue(aCampaign({ id: 42 }));
    const { container } = render(<StaffPush />);
    await waitFor(() => expect(container.querySelector('.e2e-push-preview')).not.toBeNull());
    await click(container.querySelector('.e2e-push-preview'));
    const expected = { noticeId: 9, audience: { kind: 'category', code: 'ZSKS' }, channels: ['subscribe'], templateIds: { subscribe: 'T1' }, fieldMapping: { thing1: 'title', time2: 'publishedAt', thing3: 'unitName' } };
    expect(api.previewPush).toHaveBeenCalledWith(expected);
    await waitFor(() => expect(container.querySelectorAll('.e2e-push-preview-value')).toHaveLength(3));
    expect([...container.querySelectorAll('.e2e-push-preview-value')].map((e) => e.textContent)).toEqual(['关于招生的…', '2026年11月29日 10:00', '基础教育科']);
    expect([...container.querySelectorAll('.e2e-push-card-label')].map((e) => e.textContent)).toEqual(['通知标题', '发布时间', '发布单位']);
    expect(container.querySelector('.e2e-push-preview-changed')!.textContent).toBe('通知标题超过20个字，发送时截为：“关于招生的…”');
    expect(container.querySelector('.e2e-push-preview-time')!.textContent).toBe('发布时间按北京时间显示为 2026年11月29日 10:00');
    expect(container.querySelector('.e2e-push-card-opens')!.textContent).toBe('点击查看：关于招生的通知');
    // Names, never keys: the form's rows carry the field's place in the template for want of a configured name.
    expect(container.querySelector('.e2e-push')!.textContent).not.toMatch(/thing\d|time\d|publishedAt|unitName/);
    expect([...container.querySelectorAll('.e2e-push-field-label')].map((e) => e.textContent)).toEqual(['第1项（内容）', '第2项（时间）', '第3项（内容）']);
    expect(container.querySelector('.e2e-push-audience-category')!.textContent).toBe('本目录订阅者（招生考试）');
    await click(container.querySelector('.e2e-push-send'));
    expect(api.createPush).toHaveBeenCalledWith(expected);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/push-report/index?id=42' }));
  });
});

describe('staff push report', () => {
  it('shows totals, reasons and progress, and cancels a running campaign', async () => {
    saveToken('staff', { token: 's', expiresAt: FUTURE });
    taroMock.setRouterParams({ id: '5' });
    api.getPush.mockResolvedValue(aCampaign());
    api.listPushDeliveries.mockResolvedValue({ items: [{ id: 1, parentId: 3, channel: 'subscribe', openid: 'oAb****yz', status: 'sent', reason: null, attempts: 1, lastErrorCode: null, sentAt: FUTURE, dryRun: true, jobStatus: null }], nextCursor: null });
    api.cancelPush.mockResolvedValue(aCampaign({ status: 'cancelled' }));
    const { container } = render(<StaffPushReport />);
    await waitFor(() => expect(container.querySelector('.e2e-push-total-sent')).not.toBeNull());
    expect(container.querySelector('.e2e-push-total-sent')!.textContent).toBe('2');
    expect(container.querySelector('.e2e-push-progress')!.getAttribute('data-progress')).toBe('75');
    expect(container.querySelector('.e2e-push-skipped-reasons')!.textContent).toContain('未同意接收');
    expect(container.querySelectorAll('.e2e-push-delivery')).toHaveLength(1);
    api.getPush.mockResolvedValue(aCampaign({ status: 'cancelled' }));
    await click(container.querySelector('.e2e-push-cancel'));
    expect(api.cancelPush).toHaveBeenCalledWith(5);
    await waitFor(() => expect(container.querySelector('.e2e-push-cancel')).toBeNull());
    expect(container.querySelector('.e2e-push-state')!.textContent).toContain('已取消');
  });
});
