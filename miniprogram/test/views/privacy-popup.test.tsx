import { act, fireEvent, render, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { PRIVACY_NOTICE } from '@gongkai/shared';
import { saveToken } from '../../src/api/tokens';
import { PrivacyPopup } from '../../src/components/PrivacyPopup';
import Mine from '../../src/pages/mine/index';
import {
  PRIVACY_DEVICE_KEY,
  REFUSAL_TOAST,
  deviceAgreed,
  deviceDecision,
  ensurePrivacyForApi,
  hostPopupAtRoot,
  registerPrivacyListener,
  resetPrivacyFlowForTests,
  syncNoticeConsent,
} from '../../src/utils/privacy';
import { taroMock } from '../mocks/taro';
import { FUTURE, NOTICE, callsOf, consentsView, requestMock, serve } from './privacy-fixtures';

/**
 * WeChat's <button open-type="agreePrivacyAuthorization">: a tap records the agreement with WeChat
 * and fires `agreeprivacyauthorization` (bindagreeprivacyauthorization), as well as the plain tap.
 */
jest.mock('@tarojs/components', () => {
  const actual = jest.requireActual('../mocks/components') as Record<string, unknown>;
  const React = jest.requireActual('react');
  function Button(props: { id?: string; className?: string; openType?: string; onAgreePrivacyAuthorization?: (e: unknown) => void; onClick?: (e: unknown) => void; children?: unknown }) {
    const tap = (e: unknown) => {
      if (props.openType === 'agreePrivacyAuthorization') props.onAgreePrivacyAuthorization?.({ type: 'agreeprivacyauthorization' });
      props.onClick?.(e);
    };
    return React.createElement('button', { id: props.id, className: props.className, 'data-open-type': props.openType ?? '', onClick: tap }, props.children);
  }
  // Delegated lazily: Taro's components load each other through this module while it is being made.
  return new Proxy({ Button }, { get: (own, key: string) => (key === 'Button' ? own.Button : actual[key]) });
});

type Listener = (resolve: jest.Mock, info: { referrer: string }) => void;
const on = Taro.onNeedPrivacyAuthorization as unknown as jest.Mock;

beforeEach(() => {
  requestMock.mockReset();
  resetPrivacyFlowForTests();
  process.env.TARO_ENV = 'h5';
});
afterEach(() => {
  process.env.TARO_ENV = 'h5';
});

const click = async (el: Element | null) => {
  if (!el) throw new Error('no element to click');
  await act(async () => {
    fireEvent.click(el);
  });
};

describe('weapp: onNeedPrivacyAuthorization', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
    serve({ 'GET /privacy/notice': NOTICE });
  });

  function listen(): Listener {
    registerPrivacyListener();
    registerPrivacyListener(); // launch may run twice: registered once
    expect(on).toHaveBeenCalledTimes(1);
    return on.mock.calls[0][0] as Listener;
  }

  it('opens the pop-up, tells WeChat it was shown, and resolves {buttonId: agree-btn, event: agree} from the agree button', async () => {
    const listener = listen();
    const { container } = render(<PrivacyPopup />);
    expect(container.querySelector('.e2e-privacy-popup')).toBeNull(); // weapp: no first-visit pop-up of ours

    const resolve = jest.fn();
    await act(async () => listener(resolve, { referrer: 'chooseMedia' }));
    const popup = container.querySelector('.e2e-privacy-popup')!;
    expect(popup.getAttribute('data-reason')).toBe('wechat');
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });
    // The server's summary, once loaded.
    await waitFor(() => expect(container.querySelector('.e2e-privacy-summary')!.textContent).toBe(NOTICE.summary));
    expect(NOTICE.summary).toContain('测试县教育局');

    const agree = container.querySelector('#agree-btn')!;
    expect(agree.getAttribute('data-open-type')).toBe('agreePrivacyAuthorization');
    await click(agree);
    expect(resolve).toHaveBeenLastCalledWith({ buttonId: 'agree-btn', event: 'agree' });
    expect(resolve).toHaveBeenCalledTimes(2);
    expect(container.querySelector('.e2e-privacy-popup')).toBeNull();
    expect(deviceDecision()).toMatchObject({ version: PRIVACY_NOTICE.version, agreed: true });
  });

  it('resolves {event: disagree} from 不同意 and says what will not work', async () => {
    const listener = listen();
    const { container } = render(<PrivacyPopup />);
    const resolve = jest.fn();
    await act(async () => listener(resolve, { referrer: 'chooseMedia' }));
    const note = container.querySelector('.e2e-privacy-refusal-note')!.textContent!;
    expect(note).toContain('上传照片');
    expect(note).toContain('浏览、查询公开信息不受影响');

    await click(container.querySelector('.e2e-privacy-refuse'));
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' });
    expect(Taro.showToast).toHaveBeenCalledWith({ title: REFUSAL_TOAST, icon: 'none', duration: 3000 });
    expect(REFUSAL_TOAST).toBe('未同意：上传照片等功能不可用，浏览与查询不受影响');
    expect(container.querySelector('.e2e-privacy-popup')).toBeNull();
    expect(deviceAgreed()).toBe(false);
  });

  it('opens WeChat’s 用户隐私保护指引 from the link, and the notice page when it cannot', async () => {
    const listener = listen();
    const { container } = render(<PrivacyPopup />);
    await act(async () => listener(jest.fn(), { referrer: 'chooseMedia' }));
    await click(container.querySelector('.e2e-privacy-open-contract'));
    expect(Taro.openPrivacyContract).toHaveBeenCalledTimes(1);
    expect(Taro.navigateTo).not.toHaveBeenCalled();
    (Taro.openPrivacyContract as jest.Mock).mockImplementationOnce((o: { fail: () => void }) => o.fail());
    await click(container.querySelector('.e2e-privacy-open-contract'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/services/pages/privacy/notice' });
    await click(container.querySelector('.e2e-privacy-open-notice'));
    expect(Taro.navigateTo).toHaveBeenCalledTimes(2);
  });

  it('asks WeChat (requirePrivacyAuthorize) before a privacy API, and goes on when the base library has no such API', async () => {
    const require = Taro.requirePrivacyAuthorize as jest.Mock;
    await expect(ensurePrivacyForApi()).resolves.toBe(true);
    expect(require).toHaveBeenCalledTimes(1);
    require.mockImplementationOnce((o: { fail: (r: unknown) => void }) => o.fail({ errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized' }));
    await expect(ensurePrivacyForApi()).resolves.toBe(false);

    const taro = Taro as unknown as Record<string, unknown>;
    const saved = taro.requirePrivacyAuthorize;
    delete taro.requirePrivacyAuthorize;
    try {
      await expect(ensurePrivacyForApi()).resolves.toBe(true);
    } finally {
      taro.requirePrivacyAuthorize = saved;
    }
  });
});

describe('H5: once per device', () => {
  it('shows on the first visit; after agreeing not again; a new version asks again', async () => {
    serve({}); // the notice cannot be loaded: the built-in summary stands in
    const first = render(<PrivacyPopup />);
    const popup = first.container.querySelector('.e2e-privacy-popup')!;
    expect(popup.getAttribute('data-reason')).toBe('first-visit');
    await waitFor(() => expect(first.container.querySelector('.e2e-privacy-summary')!.textContent).toContain('微信标识、账号名称、联系电话'));
    expect(first.container.querySelector('.e2e-privacy-open-contract')).toBeNull(); // WeChat's page is weapp only
    expect(first.container.querySelector('#agree-btn')!.getAttribute('data-open-type')).toBe('');
    await click(first.container.querySelector('.e2e-privacy-agree'));
    expect(first.container.querySelector('.e2e-privacy-popup')).toBeNull();
    expect(JSON.parse(taroMock.storage.get(PRIVACY_DEVICE_KEY) as string)).toMatchObject({ version: PRIVACY_NOTICE.version, agreed: true });
    first.unmount();

    // A later visit (the app loaded again): nothing shown.
    resetPrivacyFlowForTests();
    const second = render(<PrivacyPopup />);
    expect(second.container.querySelector('.e2e-privacy-popup')).toBeNull();
    second.unmount();

    // The notice changed since: asked again, as an update.
    taroMock.storage.set(PRIVACY_DEVICE_KEY, JSON.stringify({ version: '2025-01-01', agreed: true, at: '2025-01-01T00:00:00.000Z' }));
    resetPrivacyFlowForTests();
    const third = render(<PrivacyPopup />);
    expect(third.container.querySelector('.e2e-privacy-popup')!.getAttribute('data-reason')).toBe('new-version');
    expect(third.container.textContent).toContain('个人信息保护政策已更新');
    await waitFor(() => expect(third.container.querySelector('.e2e-privacy-summary')!.textContent).toContain('微信标识'));
  });

  it('after a refusal the app stays usable: not shown again on its own, but choosing photos asks again', async () => {
    serve({ 'GET /privacy/notice': NOTICE });
    const first = render(<PrivacyPopup />);
    await click(first.container.querySelector('.e2e-privacy-refuse'));
    expect(Taro.showToast).toHaveBeenCalledWith({ title: REFUSAL_TOAST, icon: 'none', duration: 3000 });
    first.unmount();

    resetPrivacyFlowForTests();
    const { container } = render(<PrivacyPopup />);
    expect(container.querySelector('.e2e-privacy-popup')).toBeNull();
    let answer: boolean | undefined;
    await act(async () => {
      void ensurePrivacyForApi().then((a) => (answer = a));
    });
    expect(container.querySelector('.e2e-privacy-popup')!.getAttribute('data-reason')).toBe('photos');
    await click(container.querySelector('.e2e-privacy-agree'));
    expect(answer).toBe(true);
    expect(deviceAgreed()).toBe(true);
  });

  it('opens the full notice page from the pop-up and keeps asking when the parent comes back', async () => {
    serve({});
    const { container } = render(<PrivacyPopup />);
    await click(container.querySelector('.e2e-privacy-open-notice'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/services/pages/privacy/notice' });
    expect(container.querySelector('.e2e-privacy-popup')).not.toBeNull();
  });
});

describe('H5 opened on a tab page: the app’s root draws the pop-up', () => {
  it('draws it before the page has loaded, once beside the page’s, not over a page opened from it, and again back on the page', async () => {
    serve({ 'GET /privacy/notice': NOTICE });
    hostPopupAtRoot();
    const root = render(<PrivacyPopup atRoot />);
    // The app's first render: the launch page's code has not loaded yet.
    expect(root.container.querySelector('.e2e-privacy-popup')!.getAttribute('data-reason')).toBe('first-visit');
    await waitFor(() => expect(root.container.querySelector('.e2e-privacy-summary')!.textContent).toBe(NOTICE.summary));

    // The page's own pop-up draws nothing: one sheet on screen.
    const page = render(<PrivacyPopup />);
    expect(page.container.innerHTML).toBe('');
    expect(document.querySelectorAll('.e2e-privacy-popup')).toHaveLength(1);

    // The full notice opened over the page: no sheet over it; back on the page, the question again.
    await click(root.container.querySelector('.e2e-privacy-open-notice'));
    act(() => void taroMock.fire('didHide'));
    expect(document.querySelectorAll('.e2e-privacy-popup')).toHaveLength(0);
    act(() => void taroMock.fire('didShow'));
    expect(document.querySelectorAll('.e2e-privacy-popup')).toHaveLength(1);

    await click(root.container.querySelector('.e2e-privacy-agree'));
    expect(document.querySelectorAll('.e2e-privacy-popup')).toHaveLength(0);
    expect(deviceAgreed()).toBe(true);
  });
});

describe('signed in: the account’s consent', () => {
  it('agreeing in the pop-up records the consent with the version and the channel', async () => {
    saveToken('parent', { token: 'p-jwt', expiresAt: FUTURE });
    const sent = serve({ 'GET /privacy/notice': NOTICE, 'POST /parents/me/consents': consentsView(PRIVACY_NOTICE.version) });
    const { container } = render(<PrivacyPopup />);
    await click(container.querySelector('.e2e-privacy-agree'));
    const posts = callsOf(sent, 'POST /parents/me/consents');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.data).toEqual({ kind: 'privacy_notice', granted: true, version: '2026-12-06.3', channel: 'h5' });
    expect(posts[0]!.header).toMatchObject({ Authorization: 'Bearer p-jwt', 'X-Client-Channel': 'h5' });
  });

  it('a device that agreed already is recorded silently; a new version asks; a current one asks nothing', async () => {
    saveToken('parent', { token: 'p-jwt', expiresAt: FUTURE });
    let view = consentsView(null);
    const sent = serve({ 'GET /privacy/notice': NOTICE, 'GET /parents/me/consents': () => view, 'POST /parents/me/consents': consentsView(PRIVACY_NOTICE.version) });
    taroMock.storage.set(PRIVACY_DEVICE_KEY, JSON.stringify({ version: PRIVACY_NOTICE.version, agreed: true, at: '' }));
    await expect(syncNoticeConsent()).resolves.toBe('agreed');
    expect(callsOf(sent, 'POST /parents/me/consents')).toHaveLength(1);
    // Checked once per token in a run of the app.
    await syncNoticeConsent();
    expect(callsOf(sent, 'GET /parents/me/consents')).toHaveLength(1);

    // The notice changed since the device agreed: the pop-up asks, as an update.
    view = consentsView('2025-01-01');
    taroMock.storage.set(PRIVACY_DEVICE_KEY, JSON.stringify({ version: '2025-01-01', agreed: true, at: '' }));
    const { container } = render(<PrivacyPopup firstVisit={false} />);
    let result: string | undefined;
    await act(async () => {
      void syncNoticeConsent({ force: true }).then((r) => (result = r));
    });
    await waitFor(() => expect(container.querySelector('.e2e-privacy-popup')!.getAttribute('data-reason')).toBe('new-version'));
    await click(container.querySelector('.e2e-privacy-agree'));
    await waitFor(() => expect(result).toBe('agreed'));
    expect(callsOf(sent, 'POST /parents/me/consents')).toHaveLength(2);

    view = consentsView(PRIVACY_NOTICE.version);
    await expect(syncNoticeConsent({ force: true })).resolves.toBe('agreed');
    expect(callsOf(sent, 'POST /parents/me/consents')).toHaveLength(2);
    expect(container.querySelector('.e2e-privacy-popup')).toBeNull();
  });
});

describe('我的: sign-in asks for agreement first', () => {
  it('shows the pop-up before signing in; refusing does not sign in; agreeing signs in and records the consent', async () => {
    const token = { token: 'demo-jwt', expiresAt: FUTURE };
    const sent = serve({
      'GET /privacy/notice': NOTICE,
      'GET /auth/options': { wechat: false, demo: true },
      'POST /auth/demo': token,
      'GET /parents/me': { id: 7, displayName: '演示家长', demo: true, createdAt: '2026-12-06T02:00:00.000Z' },
      'GET /parents/me/consents': consentsView(null),
      'POST /parents/me/consents': consentsView(PRIVACY_NOTICE.version),
    });
    const { container } = render(<Mine />);
    // The first visit's pop-up: refused.
    await waitFor(() => expect(container.querySelector('.e2e-demo-login')).not.toBeNull());
    await click(container.querySelector('.e2e-privacy-refuse'));

    await click(container.querySelector('.e2e-demo-login'));
    expect(container.querySelector('.e2e-privacy-popup')!.getAttribute('data-reason')).toBe('sign-in');
    await click(container.querySelector('.e2e-privacy-refuse'));
    expect(Taro.showToast).toHaveBeenCalledWith({ title: '同意个人信息保护政策后才能登录', icon: 'none' });
    expect(callsOf(sent, 'POST /auth/demo')).toHaveLength(0);

    await click(container.querySelector('.e2e-demo-login'));
    await click(container.querySelector('.e2e-privacy-agree'));
    await waitFor(() => expect(container.querySelector('.e2e-parent-name')?.textContent).toBe('演示家长'));
    expect(callsOf(sent, 'POST /auth/demo')).toHaveLength(1);
    const posts = callsOf(sent, 'POST /parents/me/consents');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.data).toEqual({ kind: 'privacy_notice', granted: true, version: PRIVACY_NOTICE.version, channel: 'h5' });
    expect(posts[0]!.header.Authorization).toBe('Bearer demo-jwt');
    // The consent came before the page showed the parent.
    const order = sent.map((s) => `${s.method} ${s.url}`);
    expect(order.indexOf('POST /api/v1/parents/me/consents')).toBeLessThan(order.lastIndexOf('GET /api/v1/parents/me'));
  });

  it('lists 我的信息 and 个人信息保护政策, also signed out', async () => {
    serve({ 'GET /auth/options': { wechat: false, demo: false } });
    taroMock.storage.set(PRIVACY_DEVICE_KEY, JSON.stringify({ version: PRIVACY_NOTICE.version, agreed: true, at: '' }));
    const { container } = render(<Mine />);
    await waitFor(() => expect(container.querySelector('.e2e-parent-state')!.textContent).toBe('未登录'));
    await click(container.querySelector('.e2e-mine-mydata'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/services/pages/privacy/my-data' });
    await click(container.querySelector('.e2e-mine-privacy-notice'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/services/pages/privacy/notice' });
  });
});
