import Taro from '@tarojs/taro';
import { PERSONAL_DATA, PRIVACY_NOTICE, type PrivacyNoticeView } from '@gongkai/shared';
import { ApiError } from '../api/errors';
import { changeConsent, getConsents, getPrivacyNotice } from '../api/privacy';
import { clientChannel } from '../api/request';
import { getToken } from '../api/tokens';

/**
 * The privacy flow, in one place for both builds:
 * - weapp: WeChat's `onNeedPrivacyAuthorization` (registered once at launch) opens our pop-up
 *   whenever a privacy API (choosing photos) needs the user's agreement; `requirePrivacyAuthorize`
 *   runs before such a call.
 * - H5: the pop-up shows once per device on the first visit (the decision is kept with the notice
 *   version), and again when the notice changes; choosing photos and signing in ask when not agreed.
 * - Signed in (both): the account's consent follows the device's agreement (POST
 *   /parents/me/consents with the version and channel), and a new version asks again.
 *
 * Taro has no app-level overlay on weapp, so pages that may need the pop-up mount `PrivacyPopup`,
 * which listens to the request kept here (`onPrivacyRequest`). On H5 opened on a tab page the app's
 * root hosts it instead (`hostPopupAtRoot`, app.tsx): drawn in the app's first render, before the
 * page's code has loaded; the pages' own pop-ups stand down.
 */

/** Where the device's decision on the notice is kept (`{version, agreed, at}`). */
export const PRIVACY_DEVICE_KEY = 'gongkai.privacy.notice';
/** Where the server's summary of the notice is kept (`{version, summary}`): public text, no personal data. */
export const PRIVACY_SUMMARY_KEY = 'gongkai.privacy.summary';
/** The agree button's id: WeChat checks that the button named in `resolve` was tapped. */
export const AGREE_BUTTON_ID = 'agree-btn';
/** What refusing costs, said when the parent refuses. */
export const REFUSAL_TOAST = '未同意：上传照片等功能不可用，浏览与查询不受影响';
export const REFUSAL_NOTE = '不同意时，上传照片、登录后提交咨询等需要个人信息的功能不可用；浏览、查询公开信息不受影响。';

export type PrivacyAskReason = 'wechat' | 'first-visit' | 'photos' | 'sign-in' | 'new-version' | 'consent-required';

interface DeviceDecision {
  version: string;
  agreed: boolean;
  at: string;
}

type WechatResolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

interface Pending {
  reason: PrivacyAskReason;
  wechat: WechatResolve | null;
  exposed: boolean;
  waiters: ((agreed: boolean) => void)[];
}

export interface PrivacyRequest {
  reason: PrivacyAskReason;
}

const isWeapp = () => process.env.TARO_ENV === 'weapp';

// ── the device's decision ───────────────────────────────────────────────

export function deviceDecision(): DeviceDecision | null {
  try {
    const raw: unknown = Taro.getStorageSync(PRIVACY_DEVICE_KEY);
    if (typeof raw !== 'string' || !raw) return null;
    const parsed = JSON.parse(raw) as Partial<DeviceDecision>;
    return typeof parsed.version === 'string' && typeof parsed.agreed === 'boolean' ? { version: parsed.version, agreed: parsed.agreed, at: String(parsed.at ?? '') } : null;
  } catch {
    return null;
  }
}

/** This device agreed to the current notice. */
export function deviceAgreed(): boolean {
  const d = deviceDecision();
  return !!d && d.agreed && d.version === PRIVACY_NOTICE.version;
}

export function rememberDecision(agreed: boolean): void {
  const value: DeviceDecision = { version: PRIVACY_NOTICE.version, agreed, at: new Date().toISOString() };
  try {
    Taro.setStorageSync(PRIVACY_DEVICE_KEY, JSON.stringify(value));
  } catch {
    // storage unavailable: the pop-up asks again next time
  }
}

// ── the request the mounted pop-ups show ─────────────────────────────────

let pending: Pending | null = null;
const listeners = new Set<(request: PrivacyRequest | null) => void>();
let askedOnThisVisit = false;
let hostedAtRoot = false;
/** Root-hosted: the pages on screen that would draw the pop-up themselves (their PrivacyPopup's token). */
const shownSlots = new Set<object>();
/** Root-hosted: whether any such page has mounted yet (before, the launch page's code is still loading). */
let slotsMounted = false;

/** H5: the app's root draws the pop-up from now on (app.tsx, before anything renders); the pages' draw nothing. */
export function hostPopupAtRoot(): void {
  hostedAtRoot = true;
}

export function popupHostedAtRoot(): boolean {
  return hostedAtRoot;
}

/**
 * Root-hosted: a page's pop-up on screen (`shown`) or not. The root draws the sheet while such a
 * page is on screen, and on the launch (tab) page before its code has loaded; not over a page that
 * has none (the full notice opened from the sheet, a staff page).
 */
export function markPopupSlot(slot: object, shown: boolean): void {
  slotsMounted = true;
  const had = shownSlots.has(slot);
  if (shown) shownSlots.add(slot);
  else shownSlots.delete(slot);
  // The root's pop-up listens with the pages' (onPrivacyRequest) and reads rootPopupOnScreen.
  if (had !== shown) emit();
}

export function rootPopupOnScreen(): boolean {
  return !slotsMounted || shownSlots.size > 0;
}

function emit(): void {
  const request = currentPrivacyRequest();
  listeners.forEach((fn) => fn(request));
}

export function currentPrivacyRequest(): PrivacyRequest | null {
  return pending ? { reason: pending.reason } : null;
}

/** A pop-up listens; returns the unsubscribe. */
export function onPrivacyRequest(fn: (request: PrivacyRequest | null) => void): () => void {
  listeners.add(fn);
  return () => {
    listeners.delete(fn);
  };
}

/** Opens the pop-up (or joins the one open) and resolves with the parent's answer. */
export function askPrivacy(reason: PrivacyAskReason): Promise<boolean> {
  return new Promise((resolve) => {
    if (pending) {
      pending.waiters.push(resolve);
      return;
    }
    pending = { reason, wechat: null, exposed: false, waiters: [resolve] };
    emit();
  });
}

/** A pop-up became visible: WeChat is told once per request (exposureAuthorization). */
export function privacyShown(): void {
  if (!pending || pending.exposed || !pending.wechat) return;
  pending.exposed = true;
  pending.wechat({ event: 'exposureAuthorization' });
}

/**
 * The parent's answer, from the pop-up's buttons (or the notice page's). Agreeing is kept on the
 * device and, when signed in, recorded as the account's consent before the waiters go on.
 */
export async function answerPrivacy(agreed: boolean): Promise<void> {
  const p = pending;
  pending = null;
  emit();
  rememberDecision(agreed);
  p?.wechat?.(agreed ? { buttonId: AGREE_BUTTON_ID, event: 'agree' } : { event: 'disagree' });
  if (agreed) {
    if (getToken('parent')) await recordNoticeConsent().catch(() => undefined);
  } else {
    void Taro.showToast({ title: REFUSAL_TOAST, icon: 'none', duration: 3000 });
  }
  p?.waiters.forEach((w) => w(agreed));
}

// ── weapp: WeChat's own privacy events ──────────────────────────────────

let listening = false;

/** weapp, once at launch: WeChat asks us whenever a privacy API needs the user's agreement. */
export function registerPrivacyListener(): void {
  if (listening || !isWeapp()) return;
  const on = (Taro as Partial<typeof Taro>).onNeedPrivacyAuthorization;
  if (typeof on !== 'function') return; // base library before 2.32.3: no privacy events
  listening = true;
  on((resolve) => {
    if (pending) {
      pending.wechat = resolve;
      pending.exposed = false;
    } else {
      pending = { reason: 'wechat', wechat: resolve, exposed: false, waiters: [] };
    }
    emit();
  });
}

/** weapp: WeChat's 用户隐私保护指引 page; elsewhere (or when it cannot open) our notice page. */
export function openWechatContract(fallback: () => void): void {
  const open = (Taro as Partial<typeof Taro>).openPrivacyContract;
  if (!isWeapp() || typeof open !== 'function') {
    fallback();
    return;
  }
  try {
    open({ fail: fallback });
  } catch {
    fallback();
  }
}

// ── guards before collecting ────────────────────────────────────────────

/**
 * Before a privacy API (choosing photos): weapp asks WeChat (`requirePrivacyAuthorize`, which fires
 * our listener when agreement is missing; a base library without it has no privacy check to pass);
 * H5 asks with the pop-up unless this device agreed. Resolves false when the parent refused.
 */
export function ensurePrivacyForApi(): Promise<boolean> {
  if (isWeapp()) {
    const require = (Taro as Partial<typeof Taro>).requirePrivacyAuthorize;
    if (typeof require !== 'function') return Promise.resolve(true);
    return new Promise((resolve) => {
      try {
        require({ success: () => resolve(true), fail: () => resolve(false) });
      } catch {
        resolve(true);
      }
    });
  }
  return deviceAgreed() ? Promise.resolve(true) : askPrivacy('photos');
}

/** Before signing in (both builds): the notice is agreed on this device first. */
export function ensureNoticeAgreed(): Promise<boolean> {
  return deviceAgreed() ? Promise.resolve(true) : askPrivacy('sign-in');
}

/** H5, on any page with the pop-up: the first visit of this device (or a new version) shows it once. */
export function askOnFirstVisit(): void {
  if (isWeapp() || askedOnThisVisit) return;
  const d = deviceDecision();
  if (d && d.version === PRIVACY_NOTICE.version) return;
  askedOnThisVisit = true;
  void askPrivacy(d?.agreed ? 'new-version' : 'first-visit');
}

// ── the account's consent ───────────────────────────────────────────────

export function recordNoticeConsent() {
  return changeConsent({ kind: 'privacy_notice', granted: true, version: PRIVACY_NOTICE.version, channel: clientChannel() });
}

/** The token whose consent was checked in this run of the app: a page shown again does not ask the server again. */
let syncedToken: string | null = null;

/**
 * After sign-in and when a signed-in page opens: if the account has not agreed to the current
 * version, a device that has is recorded silently, otherwise the pop-up asks. Failures to reach
 * the server are left for the next time (the server refuses collection without consent anyway).
 */
export async function syncNoticeConsent(options: { force?: boolean } = {}): Promise<'agreed' | 'refused' | 'unknown'> {
  const token = getToken('parent');
  if (!token) return 'unknown';
  if (!options.force && syncedToken === token) return 'agreed';
  let needs: boolean;
  try {
    needs = (await getConsents()).notice.needsAgreement;
  } catch {
    return 'unknown';
  }
  if (!needs) {
    syncedToken = token;
    if (!deviceAgreed()) rememberDecision(true);
    return 'agreed';
  }
  if (deviceAgreed()) {
    try {
      await recordNoticeConsent();
      syncedToken = token;
      return 'agreed';
    } catch {
      return 'unknown';
    }
  }
  const agreed = await askPrivacy(deviceDecision()?.agreed ? 'new-version' : 'sign-in');
  if (agreed) syncedToken = token;
  return agreed ? 'agreed' : 'refused';
}

/** Signing out or cancelling: the next parent's consent is checked afresh. */
export function forgetConsentCheck(): void {
  syncedToken = null;
}

/** The server refused because the notice is not agreed on the account. */
export function isConsentRequired(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'PRIVACY_CONSENT_REQUIRED';
}

/** The server refused because the notice is not agreed: ask, and say whether to try again. */
export async function handleConsentRequired(error: unknown): Promise<boolean> {
  if (!isConsentRequired(error)) return false;
  forgetConsentCheck();
  const agreed = await askPrivacy('consent-required');
  if (agreed) void Taro.showToast({ title: '已同意，请再试一次', icon: 'none' });
  return true;
}

/** Withdrawing the notice on the server: the device no longer counts as agreed either. */
export function noticeWithdrawn(): void {
  rememberDecision(false);
  forgetConsentCheck();
}

// ── the notice's text for the pop-up ────────────────────────────────────

let noticeLoad: Promise<PrivacyNoticeView | null> | null = null;

/**
 * The summary the server gave last time for this version of the notice: a parent who comes back
 * before deciding sees the pop-up at once (loadNotice replaces it if the server's text changed).
 */
export function storedSummary(): string | undefined {
  try {
    const raw: unknown = Taro.getStorageSync(PRIVACY_SUMMARY_KEY);
    if (typeof raw !== 'string' || !raw) return undefined;
    const parsed = JSON.parse(raw) as { version?: unknown; summary?: unknown };
    return parsed.version === PRIVACY_NOTICE.version && typeof parsed.summary === 'string' && parsed.summary ? parsed.summary : undefined;
  } catch {
    return undefined;
  }
}

function rememberSummary(notice: PrivacyNoticeView | null): PrivacyNoticeView | null {
  if (notice && notice.summary !== storedSummary()) {
    try {
      Taro.setStorageSync(PRIVACY_SUMMARY_KEY, JSON.stringify({ version: PRIVACY_NOTICE.version, summary: notice.summary }));
    } catch {
      // storage unavailable: the next visit waits for the server's text again
    }
  }
  return notice;
}

/** The notice from the server, loaded once; null when it cannot be loaded (the pop-up then shows the built-in summary). */
export function loadNotice(): Promise<PrivacyNoticeView | null> {
  // H5 first visit: request() takes the answer index.html's script asked for while the page loaded (config/index.ts).
  noticeLoad ??= getPrivacyNotice()
    .then(rememberSummary)
    .catch(() => {
      noticeLoad = null; // try again next time
      return null;
    });
  return noticeLoad;
}

/** The summary when the server cannot be reached: from the same shared list the notice is built from. */
export function fallbackSummary(): string {
  const collected = PERSONAL_DATA.filter((i) => i.collecting).map((i) => i.label.replace(/（.*）/, ''));
  return (
    '浏览公开信息无需提供个人信息。登录和办理事项时，我们会处理' +
    `${collected.join('、')}等信息，仅用于《${PRIVACY_NOTICE.title}》所列目的。` +
    '涉及未满十四周岁儿童的信息需要监护人单独同意。您可以随时查阅、导出、更正您的信息，撤回同意或注销账号。'
  );
}

/** For tests: forget the open request, this visit's state and the listener (each test starts a fresh app). */
export function resetPrivacyFlowForTests(): void {
  hostedAtRoot = false;
  shownSlots.clear();
  slotsMounted = false;
  pending = null;
  listening = false;
  askedOnThisVisit = false;
  syncedToken = null;
  noticeLoad = null;
  emit();
}
