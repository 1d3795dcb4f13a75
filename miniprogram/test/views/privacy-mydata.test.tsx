import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { PRIVACY_APIS, PRIVACY_NOTICE, type AccountCancellationResult, type ParentDataExport, type RightsRequestView } from '@gongkai/shared';
import { getToken, saveToken } from '../../src/api/tokens';
import MyData from '../../src/packages/services/pages/privacy/my-data';
import PrivacyNotice from '../../src/packages/services/pages/privacy/notice';
import { PRIVACY_DEVICE_KEY, deviceAgreed, deviceDecision, resetPrivacyFlowForTests } from '../../src/utils/privacy';
import { inputOf } from '../fixtures';
import { taroMock } from '../mocks/taro';
import { FUTURE, NOTICE, callsOf, consentsView, requestMock, serve, type Sent } from './privacy-fixtures';

const ME = { id: 7, displayName: '微信用户', demo: false, createdAt: '2026-12-01T02:00:00.000Z' };
const EXPORT: ParentDataExport = {
  generatedAt: '2026-12-07T04:00:00.000Z',
  parentId: 7,
  noticeVersion: PRIVACY_NOTICE.version,
  sections: [
    { key: 'account', label: '账号', records: [{ id: 7, displayName: '微信用户', openid: 'o-parent-7', unionid: null, demo: false, createdAt: '2026-12-01T02:00:00.000Z' }] },
    { key: 'inquiries', label: '咨询投诉', records: [{ record: 'inquiry', trackingNo: 'ZX20261207-0001', subject: '校车晚点', phone: '13812345678', photoIds: ['ph-1'] }] },
    { key: 'push', label: '订阅与消息', records: [] },
  ],
};
const REQUEST: RightsRequestView = {
  id: 3,
  kind: 'correction',
  kindLabel: '更正、补充',
  content: '我的咨询里电话写错了',
  status: 'done',
  statusLabel: '已办结',
  receivedAt: '2026-12-01T02:00:00.000Z',
  dueDate: '2026-12-22',
  reply: '已为您更正。',
  repliedAt: '2026-12-03T02:00:00.000Z',
};
const CANCELLED: AccountCancellationResult = {
  cancelledAt: '2026-12-07T05:00:00.000Z',
  erased: [
    { key: 'inquiry_phone', label: '咨询投诉中的联系电话', count: 1 },
    { key: 'inquiry_photo', label: '咨询投诉中的照片', count: 1 },
    { key: 'push_subscription', label: '订阅', count: 0 },
    { key: 'parent_account', label: '账号', count: 1 },
  ],
};

function routes(over: Record<string, unknown> = {}): Sent[] {
  return serve({
    'GET /parents/me': ME,
    'GET /parents/me/data': EXPORT,
    'GET /parents/me/consents': consentsView(PRIVACY_NOTICE.version, { subscribe_messages: true }),
    'GET /parents/me/rights-requests': [REQUEST],
    ...over,
  });
}

const click = async (el: Element | null) => {
  if (!el) throw new Error('no element to click');
  await act(async () => {
    fireEvent.click(el);
  });
};

beforeEach(() => {
  requestMock.mockReset();
  resetPrivacyFlowForTests();
  process.env.TARO_ENV = 'h5';
});
afterEach(() => {
  process.env.TARO_ENV = 'h5';
});

async function open(): Promise<HTMLElement> {
  saveToken('parent', { token: 'p-jwt', expiresAt: FUTURE });
  let container!: HTMLElement;
  // The four loads settle inside act.
  await act(async () => {
    container = render(<MyData />).container;
  });
  await waitFor(() => expect(container.querySelectorAll('.e2e-mydata-section')).toHaveLength(3));
  await waitFor(() => expect(container.querySelector('.e2e-consent')).not.toBeNull());
  await waitFor(() => expect(container.querySelector('.e2e-mydata-name')).not.toBeNull());
  await waitFor(() => expect(container.querySelector('.e2e-rights-request')).not.toBeNull());
  return container;
}

describe('我的信息', () => {
  it('asks a signed-out parent to sign in', async () => {
    serve({});
    let container!: HTMLElement;
    await act(async () => {
      container = render(<MyData />).container;
    });
    expect(container.querySelector('.e2e-privacy-mydata .e2e-inquiry-signin')).not.toBeNull();
    expect(requestMock).not.toHaveBeenCalled();
  });

  it('shows every section of the export, with Chinese field names', async () => {
    routes();
    const container = await open();
    expect(container.querySelector('.e2e-mydata-name')!.textContent).toBe('微信用户');
    const inquiries = container.querySelector('.e2e-mydata-section[data-key="inquiries"]')!;
    expect(inquiries.textContent).toContain('咨询投诉（1）');
    expect(inquiries.querySelector('.e2e-mydata-record[data-record="inquiry"] .gk-pv__record-title')!.textContent).toBe('咨询投诉');
    expect(inquiries.querySelector('.e2e-mydata-field[data-field="record"]')).toBeNull();
    expect(inquiries.querySelector('.e2e-mydata-field[data-field="phone"]')!.textContent).toBe('联系电话13812345678');
    expect(inquiries.querySelector('.e2e-mydata-field[data-field="photoIds"]')!.textContent).toBe('照片["ph-1"]');
    expect(container.querySelector('.e2e-mydata-section[data-key="account"] .e2e-mydata-field[data-field="unionid"]')!.textContent).toBe('微信 unionid—');
    expect(container.querySelector('.e2e-mydata-section[data-key="push"]')!.textContent).toContain('订阅与消息（0）无');
  });

  it('H5: downloads the export as a JSON file named by its date', async () => {
    routes();
    const container = await open();
    const blobs: Blob[] = [];
    const urlApi = URL as unknown as { createObjectURL?: (b: Blob) => string; revokeObjectURL?: (u: string) => void };
    urlApi.createObjectURL = jest.fn((b: Blob) => (blobs.push(b), 'blob:export-1'));
    urlApi.revokeObjectURL = jest.fn();
    const clicked: HTMLAnchorElement[] = [];
    const spy = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    try {
      await click(container.querySelector('.e2e-mydata-download'));
      await waitFor(() => expect(clicked).toHaveLength(1));
    } finally {
      spy.mockRestore();
    }
    expect(clicked[0]!.download).toBe('我的信息-20261207.json');
    expect(clicked[0]!.href).toBe('blob:export-1');
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(blobs[0]!);
    });
    expect(JSON.parse(text)).toEqual(EXPORT);
    expect(requestMock.mock.calls.some(([o]) => o.url === '/api/v1/parents/me/data?download=1')).toBe(true);
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已下载', icon: 'success' });
  });

  it('weapp: shows the data on screen, with 复制 disabled and the reason', async () => {
    process.env.TARO_ENV = 'weapp';
    routes();
    const container = await open();
    expect(container.querySelector('.e2e-mydata-download')).toBeNull();
    expect(container.querySelector('.e2e-mydata-copy')!.textContent).toBe('复制（小程序中不提供）');
    expect(container.querySelector('.e2e-mydata-weapp-note')!.textContent).toContain('全部信息显示在本页');
  });

  it('corrects the account name (PUT /parents/me, trimmed)', async () => {
    const sent = routes({ 'PUT /parents/me': { ...ME, displayName: '王家长' } });
    const container = await open();
    await click(container.querySelector('.e2e-mydata-name-edit'));
    fireEvent.input(inputOf(container, '.e2e-mydata-name-input'), { target: { value: '  王家长 ' } });
    await click(container.querySelector('.e2e-mydata-name-save'));
    expect(callsOf(sent, 'PUT /parents/me')[0]!.data).toEqual({ displayName: '王家长' });
    await waitFor(() => expect(container.querySelector('.e2e-mydata-name-input')).toBeNull());
    expect(callsOf(sent, 'GET /parents/me')).toHaveLength(2);
  });

  it('withdraws a consent after showing what withdrawing does, and gives it again', async () => {
    const sent = routes({
      'POST /parents/me/consents': (s: Sent) => {
        const body = s.data as { kind: string; granted: boolean };
        return consentsView(body.kind === 'privacy_notice' && !body.granted ? null : PRIVACY_NOTICE.version, { subscribe_messages: body.kind === 'subscribe_messages' ? body.granted : true });
      },
    });
    taroMock.storage.set(PRIVACY_DEVICE_KEY, JSON.stringify({ version: PRIVACY_NOTICE.version, agreed: true, at: '' }));
    const container = await open();
    const subs = () => container.querySelector('.e2e-consent[data-kind="subscribe_messages"]')!;
    expect(subs().getAttribute('data-granted')).toBe('true');
    await click(subs().querySelector('.e2e-consent-withdraw'));
    expect(subs().querySelector('.e2e-consent-confirm-box')!.textContent).toContain('撤回后将删除您的全部订阅，不再向您发送订阅消息。');
    expect(callsOf(sent, 'POST /parents/me/consents')).toHaveLength(0);
    await click(subs().querySelector('.e2e-consent-withdraw-confirm'));
    await waitFor(() => expect(subs().getAttribute('data-granted')).toBe('false'));
    expect(callsOf(sent, 'POST /parents/me/consents')[0]!.data).toEqual({ kind: 'subscribe_messages', granted: false, channel: 'h5' });
    expect(callsOf(sent, 'GET /parents/me/data')).toHaveLength(2); // what is left is shown again

    // Withdrawing the notice: this device no longer counts as agreed either.
    const notice = () => container.querySelector('.e2e-consent[data-kind="privacy_notice"]')!;
    await click(notice().querySelector('.e2e-consent-withdraw'));
    await click(notice().querySelector('.e2e-consent-withdraw-confirm'));
    await waitFor(() => expect(notice().getAttribute('data-granted')).toBe('false'));
    expect(deviceDecision()).toMatchObject({ agreed: false });
    expect(container.querySelector('.e2e-consent-notice-needed')).not.toBeNull();

    await click(notice().querySelector('.e2e-consent-give'));
    await waitFor(() => expect(notice().getAttribute('data-granted')).toBe('true'));
    expect(callsOf(sent, 'POST /parents/me/consents')[2]!.data).toEqual({ kind: 'privacy_notice', granted: true, version: PRIVACY_NOTICE.version, channel: 'h5' });
    expect(deviceAgreed()).toBe(true);
  });

  it('lists rights requests with due date and reply, and files a new one', async () => {
    const filed: RightsRequestView = { ...REQUEST, id: 4, kind: 'deletion', kindLabel: '删除', content: '请删除我去年上传的照片', status: 'pending', statusLabel: '办理中', reply: null, repliedAt: null };
    let list = [REQUEST];
    const sent = routes({
      'GET /parents/me/rights-requests': () => list,
      'POST /parents/me/rights-requests': () => {
        list = [filed, REQUEST];
        return filed;
      },
    });
    const container = await open();
    const done = container.querySelector('.e2e-rights-request[data-id="3"]')!;
    expect(done.getAttribute('data-status')).toBe('done');
    expect(done.querySelector('.e2e-rights-due')!.textContent).toBe('2026-12-22 前答复');
    expect(done.querySelector('.e2e-rights-reply')!.textContent).toContain('答复：已为您更正。');

    await click(container.querySelector('.e2e-rights-submit'));
    expect(container.querySelector('.e2e-rights-error')!.textContent).toBe('请选择请求类型');
    await click(container.querySelector('.e2e-rights-kind-deletion'));
    await click(container.querySelector('.e2e-rights-submit'));
    expect(container.querySelector('.e2e-rights-error')!.textContent).toBe('请写明您的请求');
    fireEvent.input(container.querySelector('.e2e-rights-content')!, { target: { value: ' 请删除我去年上传的照片 ' } });
    await click(container.querySelector('.e2e-rights-submit'));
    expect(callsOf(sent, 'POST /parents/me/rights-requests')[0]!.data).toEqual({ kind: 'deletion', content: '请删除我去年上传的照片' });
    await waitFor(() => expect(container.querySelector('.e2e-rights-request[data-id="4"]')!.getAttribute('data-status')).toBe('pending'));
  });

  it('cancels the account in two steps, saying what is erased and what is kept; then it is signed out', async () => {
    const sent = routes({ 'DELETE /parents/me': CANCELLED });
    const container = await open();
    await click(container.querySelector('.e2e-cancel-start'));
    const erases = Array.from(container.querySelectorAll('.e2e-cancel-erases')).map((e) => e.textContent);
    expect(erases).toContain('· 咨询投诉中留下的联系电话和上传的照片');
    expect(erases[0]).toContain('微信标识（openid、unionid）');
    const keeps = Array.from(container.querySelectorAll('.e2e-cancel-keeps')).map((e) => e.textContent);
    expect(keeps[0]).toContain('去除与您身份的关联');
    expect(callsOf(sent, 'DELETE /parents/me')).toHaveLength(0);

    await click(container.querySelector('.e2e-cancel-next'));
    expect(container.querySelector('.e2e-cancel-final')!.textContent).toContain('无法恢复');
    expect(callsOf(sent, 'DELETE /parents/me')).toHaveLength(0);
    await click(container.querySelector('.e2e-cancel-confirm'));

    await waitFor(() => expect(container.querySelector('.e2e-cancelled')).not.toBeNull());
    expect(callsOf(sent, 'DELETE /parents/me')).toHaveLength(1);
    expect(getToken('parent')).toBeNull();
    expect(container.textContent).toContain('账号已注销');
    expect(Array.from(container.querySelectorAll('.e2e-cancelled-erased')).map((e) => e.textContent)).toEqual(['· 咨询投诉中的联系电话：1 项', '· 咨询投诉中的照片：1 项', '· 账号：1 项']);
    await click(container.querySelector('.e2e-cancelled-home'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/mine/index' });
  });

  it('can be left at any step without cancelling', async () => {
    const sent = routes();
    const container = await open();
    await click(container.querySelector('.e2e-cancel-start'));
    await click(container.querySelector('.e2e-cancel-abort'));
    await click(container.querySelector('.e2e-cancel-start'));
    await click(container.querySelector('.e2e-cancel-next'));
    await click(container.querySelector('.e2e-cancel-abort'));
    expect(container.querySelector('.e2e-cancel')!.getAttribute('data-step')).toBe('idle');
    expect(callsOf(sent, 'DELETE /parents/me')).toHaveLength(0);
    expect(getToken('parent')).toBe('p-jwt');
  });
});

describe('个人信息保护政策 page', () => {
  it('renders the notice: version, controller, contact, the items, the APIs, retention and the full text', async () => {
    serve({ 'GET /privacy/notice': NOTICE });
    const { container } = render(<PrivacyNotice />);
    await waitFor(() => expect(container.querySelector('.e2e-notice-title')).not.toBeNull());
    expect(container.querySelector('.e2e-privacy-notice')!.getAttribute('data-version')).toBe('2026-12-06.3');
    expect(container.querySelector('.e2e-notice-version')!.textContent).toBe('版本 2026-12-06.3 · 2026-12-06 起施行');
    expect(container.querySelector('.e2e-notice-controller')!.textContent).toBe('个人信息处理者：测试县教育局');
    expect(container.querySelector('.e2e-notice-contact')!.textContent).toBe('联系方式：测试县教育局办公室 0536-0000000');
    expect(container.querySelectorAll('.e2e-notice-item')).toHaveLength(NOTICE.items.length);
    expect(container.querySelector('.e2e-notice-item[data-kind="phone"] .e2e-notice-item-retention')!.textContent).toBe('保存期限：办结后 180 天删除；账号注销时删除');
    expect(Array.from(container.querySelectorAll('.e2e-notice-api')).map((a) => a.getAttribute('data-api'))).toEqual(PRIVACY_APIS.map((a) => a.api));
    expect(container.querySelector('.e2e-notice-retention-rule[data-kind="inquiry_photo"]')!.textContent).toBe('咨询投诉中上传的照片：办结后 180 天');
    expect(Array.from(container.querySelectorAll('.e2e-notice-section')).map((s) => s.querySelector('.gk-pv__title')!.textContent)).toEqual(NOTICE.sections.map((s) => s.heading));
  });

  it('lets a device that has not agreed agree at the end of the page', async () => {
    serve({ 'GET /privacy/notice': NOTICE });
    const { container } = render(<PrivacyNotice />);
    await waitFor(() => expect(container.querySelector('.e2e-privacy-notice-agree')).not.toBeNull());
    await click(container.querySelector('.e2e-privacy-notice-agree'));
    expect(deviceAgreed()).toBe(true);
    expect(container.querySelector('.e2e-privacy-notice-agreed')).not.toBeNull();
  });

  it('shows the built-in summary and 重试 when the notice cannot be loaded', async () => {
    serve({});
    const { container } = render(<PrivacyNotice />);
    await waitFor(() => expect(container.querySelector('.e2e-retry')).not.toBeNull());
    expect(container.textContent).toContain('涉及未满十四周岁儿童的信息需要监护人单独同意');
  });
});
