import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { PRIVACY_NOTICE, type ParentInquiryView } from '@gongkai/shared';
import { saveToken } from '../../src/api/tokens';
import InquiryAsk from '../../src/packages/services/pages/inquiry/ask';
import { PRIVACY_DEVICE_KEY, resetPrivacyFlowForTests } from '../../src/utils/privacy';
import { taroMock } from '../mocks/taro';
import { FUTURE, NOTICE, callsOf, consentsView, requestMock, serve, type Sent } from './privacy-fixtures';

/** The ask page's privacy parts: photos go through the privacy flow; a child's information needs the guardian's separate consent. */

const INQUIRY: ParentInquiryView = {
  id: 11,
  trackingNo: 'ZX20261207-0001',
  kind: 'consultation',
  subject: '孩子转学',
  content: '孩子（8岁）想从城关小学转到实验小学，需要什么手续？',
  status: 'submitted',
  statusLabel: '已提交',
  unitName: '基础教育科',
  phone: null,
  allowPublish: false,
  photos: [],
  createdAt: '2026-12-07T02:00:00.000Z',
  deadline: { from: '2026-12-07', dueAt: '2026-12-10T23:59:59+08:00', dueDate: '2026-12-10', workingDays: 3, skipped: [], flagged: false },
  reply: null,
  rating: null,
  canRate: false,
  canReopen: false,
  timeline: [{ action: 'submitted', at: '2026-12-07T02:00:00.000Z', label: '提交', text: null }],
};

const agreedDevice = () => taroMock.storage.set(PRIVACY_DEVICE_KEY, JSON.stringify({ version: PRIVACY_NOTICE.version, agreed: true, at: '' }));

function routes(over: Record<string, unknown> = {}): Sent[] {
  return serve({
    'GET /privacy/notice': NOTICE,
    'GET /push/templates': { subscribe: [], template: [] },
    'GET /auth/options': { wechat: false, demo: false },
    'GET /calendar/deadline': { from: '2026-12-07', workingDays: 3, due: '2026-12-10T23:59:59+08:00', skipped: [], flagged: false },
    'GET /parents/me/consents': consentsView(PRIVACY_NOTICE.version),
    'POST /parents/me/consents': consentsView(PRIVACY_NOTICE.version),
    'POST /inquiries': INQUIRY,
    ...over,
  });
}

const click = async (el: Element | null) => {
  if (!el) throw new Error('no element to click');
  await act(async () => {
    fireEvent.click(el);
  });
};
const typeInto = (el: Element | null, value: string) => {
  if (!el) throw new Error('no element to type into');
  fireEvent.input(el.tagName === 'TEXTAREA' || el.tagName === 'INPUT' ? el : el.querySelector('input, textarea')!, { target: { value } });
};

async function fill(container: HTMLElement) {
  await click(container.querySelector('.e2e-ask-kind-consultation'));
  typeInto(container.querySelector('.e2e-ask-subject'), INQUIRY.subject);
  typeInto(container.querySelector('.e2e-ask-content'), INQUIRY.content);
}

beforeEach(() => {
  requestMock.mockReset();
  resetPrivacyFlowForTests();
  saveToken('parent', { token: 'p-jwt', expiresAt: FUTURE });
  process.env.TARO_ENV = 'h5';
});
afterEach(() => {
  process.env.TARO_ENV = 'h5';
});

describe('ask page: a child’s information', () => {
  beforeEach(agreedDevice);

  it('reveals the guardian’s separate consent, blocks submit without it, and sends involvesChild / childConsent', async () => {
    const sent = routes();
    const { container } = render(<InquiryAsk />);
    await fill(container);
    expect(container.querySelector('.e2e-ask-child-consent')).toBeNull();

    await click(container.querySelector('.e2e-ask-involves-child'));
    expect(container.querySelector('.e2e-ask-involves-child')!.getAttribute('data-on')).toBe('true');
    const box = container.querySelector('.e2e-ask-child-consent')!;
    expect(box.getAttribute('data-on')).toBe('false');
    expect(box.textContent).toContain('我是孩子的监护人，单独同意：作为监护人，同意处理您在事项中提供的未满十四周岁子女的信息');

    await click(container.querySelector('.e2e-ask-submit'));
    expect(container.querySelector('.e2e-field-error[data-field="childConsent"]')!.textContent).toBe('涉及未满十四周岁子女的信息，请先勾选监护人单独同意');
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '涉及未满十四周岁子女的信息，请先勾选监护人单独同意', icon: 'none' });
    expect(callsOf(sent, 'POST /inquiries')).toHaveLength(0);

    await click(container.querySelector('.e2e-ask-child-consent'));
    expect(container.querySelector('.e2e-ask-child-consent')!.getAttribute('data-on')).toBe('true');
    await click(container.querySelector('.e2e-ask-submit'));
    await waitFor(() => expect(container.querySelector('.e2e-ask-result')).not.toBeNull());
    const posts = callsOf(sent, 'POST /inquiries');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.data).toEqual({ kind: 'consultation', subject: '孩子转学', content: INQUIRY.content, allowPublish: false, involvesChild: true, childConsent: true });
    expect(posts[0]!.header['X-Client-Channel']).toBe('h5');
  });

  it('sends neither field when the switch is off (turning it off clears the checkbox)', async () => {
    const sent = routes();
    const { container } = render(<InquiryAsk />);
    await fill(container);
    await click(container.querySelector('.e2e-ask-involves-child'));
    await click(container.querySelector('.e2e-ask-child-consent'));
    await click(container.querySelector('.e2e-ask-involves-child'));
    expect(container.querySelector('.e2e-ask-child-consent')).toBeNull();
    await click(container.querySelector('.e2e-ask-submit'));
    await waitFor(() => expect(callsOf(sent, 'POST /inquiries')).toHaveLength(1));
    expect(callsOf(sent, 'POST /inquiries')[0]!.data).toEqual({ kind: 'consultation', subject: '孩子转学', content: INQUIRY.content, allowPublish: false });
  });

  it('when the server says the notice is not agreed, asks with the pop-up and records the agreement', async () => {
    const sent = routes({
      'GET /parents/me/consents': { statusCode: 500, data: { statusCode: 500, code: 'INTERNAL_ERROR', message: '服务器错误' } },
      'POST /inquiries': { statusCode: 403, data: { statusCode: 403, code: 'PRIVACY_CONSENT_REQUIRED', message: '请先阅读并同意个人信息保护政策' } },
    });
    const { container } = render(<InquiryAsk />);
    await fill(container);
    await click(container.querySelector('.e2e-ask-submit'));
    await waitFor(() => expect(container.querySelector('.e2e-privacy-popup')!.getAttribute('data-reason')).toBe('consent-required'));
    await click(container.querySelector('.e2e-privacy-agree'));
    expect(callsOf(sent, 'POST /parents/me/consents')[0]!.data).toEqual({ kind: 'privacy_notice', granted: true, version: PRIVACY_NOTICE.version, channel: 'h5' });
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '已同意，请再试一次', icon: 'none' });
  });
});

describe('ask page: choosing photos goes through the privacy flow', () => {
  it('H5: a device that has not agreed is asked first; refusing picks nothing, agreeing goes on to the picker', async () => {
    routes();
    (Taro.chooseImage as jest.Mock).mockResolvedValue({ tempFilePaths: [], tempFiles: [] });
    taroMock.storage.set(PRIVACY_DEVICE_KEY, JSON.stringify({ version: PRIVACY_NOTICE.version, agreed: false, at: '' }));
    const { container } = render(<InquiryAsk />);
    expect(container.querySelector('.e2e-privacy-popup')).toBeNull(); // refused before: not shown on its own

    await click(container.querySelector('.e2e-ask-add-photo'));
    expect(container.querySelector('.e2e-privacy-popup')!.getAttribute('data-reason')).toBe('photos');
    await click(container.querySelector('.e2e-privacy-refuse'));
    expect(Taro.chooseImage).not.toHaveBeenCalled();

    await click(container.querySelector('.e2e-ask-add-photo'));
    await click(container.querySelector('.e2e-privacy-agree'));
    await waitFor(() => expect(Taro.chooseImage).toHaveBeenCalledTimes(1));
    // Agreed now: the next pick asks nothing.
    await click(container.querySelector('.e2e-ask-add-photo'));
    expect(container.querySelector('.e2e-privacy-popup')).toBeNull();
    expect(Taro.chooseImage).toHaveBeenCalledTimes(2);
  });

  it('weapp: requirePrivacyAuthorize before chooseMedia; a refusal picks nothing', async () => {
    process.env.TARO_ENV = 'weapp';
    routes();
    const require = Taro.requirePrivacyAuthorize as jest.Mock;
    require.mockImplementationOnce((o: { fail: (r: unknown) => void }) => o.fail({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' }));
    const { container } = render(<InquiryAsk />);
    await click(container.querySelector('.e2e-ask-add-photo'));
    expect(require).toHaveBeenCalledTimes(1);
    expect(Taro.chooseMedia).not.toHaveBeenCalled();

    await click(container.querySelector('.e2e-ask-add-photo'));
    await waitFor(() => expect(Taro.chooseMedia).toHaveBeenCalledTimes(1));
    expect(require.mock.invocationCallOrder[1]).toBeLessThan((Taro.chooseMedia as jest.Mock).mock.invocationCallOrder[0]!);
  });
});
