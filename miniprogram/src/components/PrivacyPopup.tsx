import { useEffect, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { PRIVACY_NOTICE } from '@gongkai/shared';
import {
  AGREE_BUTTON_ID,
  REFUSAL_NOTE,
  answerPrivacy,
  askOnFirstVisit,
  currentPrivacyRequest,
  fallbackSummary,
  loadNotice,
  markPopupSlot,
  onPrivacyRequest,
  openWechatContract,
  popupHostedAtRoot,
  privacyShown,
  rootPopupOnScreen,
  storedSummary,
  type PrivacyAskReason,
  type PrivacyRequest,
} from '../utils/privacy';
import { ROUTES } from '../utils/routes';
import './PrivacyPopup.scss';
import { role } from '../utils/a11y';

const LEADS: Record<PrivacyAskReason, string> = {
  wechat: '使用此功能前，请阅读并同意以下内容。',
  'first-visit': '欢迎使用“教育公开”。请您阅读以下内容，了解我们如何处理您的个人信息。',
  photos: '选择照片前，请阅读并同意以下内容。',
  'sign-in': '登录前，请阅读并同意以下内容。',
  'new-version': '我们更新了个人信息保护政策，请您阅读并同意最新版本。',
  'consent-required': '提交前，请阅读并同意以下内容。',
};

const openNoticePage = () => void Taro.navigateTo({ url: ROUTES.privacyNotice });

/**
 * The agree button. weapp: `open-type="agreePrivacyAuthorization"` records the agreement with
 * WeChat and fires `onAgreePrivacyAuthorization` (a plain tap must not count); H5: a tap.
 */
export function AgreeButton({ className, onAgree, children }: { className: string; onAgree: () => void; children: string }) {
  const props =
    process.env.TARO_ENV === 'weapp'
      ? ({ openType: 'agreePrivacyAuthorization', onAgreePrivacyAuthorization: onAgree } as const)
      : ({ onClick: onAgree } as const);
  return (
    <Button id={AGREE_BUTTON_ID} className={`gk-privacy__agree ${className}`} {...props}>
      {children}
    </Button>
  );
}

/**
 * The privacy pop-up: mounted by every page that may call a privacy API or sign in (and the tab
 * pages, for the H5 first visit). It shows whatever request utils/privacy.ts holds. On H5 the app's
 * root hosts one (`atRoot`, app.tsx) and the pages' draw nothing.
 */
export function PrivacyPopup({ firstVisit = true, atRoot = false }: { firstVisit?: boolean; atRoot?: boolean }) {
  if (atRoot) return <RootPrivacyPopup />;
  // Fixed for the app's life (set before anything renders): each render takes the same branch.
  if (popupHostedAtRoot()) return <PopupSlot />;
  return <PrivacySheet firstVisit={firstVisit} />;
}

/** H5 (app.tsx): the sheet at the app's root, while a page that would draw it is on screen (utils/privacy.ts). */
function RootPrivacyPopup() {
  const [onScreen, setOnScreen] = useState(rootPopupOnScreen);
  useEffect(() => onPrivacyRequest(() => setOnScreen(rootPopupOnScreen())), []);
  return onScreen ? <PrivacySheet firstVisit /> : null;
}

/** A page's place for the pop-up when the root draws it: tells the root whether the page is on screen. */
function PopupSlot() {
  const [slot] = useState(() => ({}));
  useEffect(() => {
    // Mounted as its page is shown; Taro hides a page (kept mounted) when another opens over it.
    markPopupSlot(slot, true);
    return () => markPopupSlot(slot, false);
  }, [slot]);
  useDidShow(() => markPopupSlot(slot, true));
  useDidHide(() => markPopupSlot(slot, false));
  return null;
}

function PrivacySheet({ firstVisit }: { firstVisit: boolean }) {
  // A first visit's request is made before the first render, so that render draws the sheet.
  const [request, setRequest] = useState<PrivacyRequest | null>(() => {
    if (firstVisit) askOnFirstVisit();
    return currentPrivacyRequest();
  });
  // undefined until the server's notice arrives (null: it could not be loaded); the one it gave on an earlier visit meanwhile.
  const [summary, setSummary] = useState<string | null | undefined>(storedSummary);

  useEffect(() => {
    const off = onPrivacyRequest(setRequest);
    // Anything asked between the first render and now.
    setRequest(currentPrivacyRequest());
    return off;
  }, []);

  useEffect(() => {
    if (!request) return;
    privacyShown();
    let live = true;
    void loadNotice().then((notice) => {
      // Not reachable now: the text kept from an earlier visit stays if there is one.
      if (live) setSummary((kept) => notice?.summary ?? kept ?? null);
    });
    return () => {
      live = false;
    };
  }, [request]);

  if (!request) return null;
  const weapp = process.env.TARO_ENV === 'weapp';
  // H5: the sheet is drawn once its final text is here (asked for at launch, app.ts): a sheet that
  // grew when the longer text arrived was a layout shift of the first screen (Lighthouse's CLS).
  const waiting = !weapp && summary === undefined;
  return (
    <View className='gk-privacy e2e-privacy-popup' data-reason={request.reason} role='dialog' aria-modal='true' aria-label={request.reason === 'new-version' ? '个人信息保护政策已更新' : '个人信息保护提示'} catchMove>
      <View className='gk-privacy__mask' />
      <View className={waiting ? 'gk-privacy__sheet gk-privacy__sheet--waiting' : 'gk-privacy__sheet'}>
        <Text className='gk-privacy__title'>{request.reason === 'new-version' ? '个人信息保护政策已更新' : '个人信息保护提示'}</Text>
        <Text className='gk-privacy__lead'>{LEADS[request.reason]}</Text>
        <Text className='gk-privacy__summary e2e-privacy-summary'>{summary ?? fallbackSummary()}</Text>
        <View className='gk-privacy__links'>
          <Text className='gk-privacy__link e2e-privacy-open-notice' {...role('link')} onClick={openNoticePage}>
            《{PRIVACY_NOTICE.title}》
          </Text>
          {weapp ? (
            <Text className='gk-privacy__link e2e-privacy-open-contract' {...role('link')} onClick={() => openWechatContract(openNoticePage)}>
              《用户隐私保护指引》
            </Text>
          ) : null}
        </View>
        <Text className='gk-privacy__note e2e-privacy-refusal-note'>{REFUSAL_NOTE}</Text>
        <View className='gk-privacy__buttons'>
          <View className='gk-privacy__refuse e2e-privacy-refuse' role='button' onClick={() => void answerPrivacy(false)}>
            <Text>不同意</Text>
          </View>
          <AgreeButton className='e2e-privacy-agree' onAgree={() => void answerPrivacy(true)}>
            同意并继续
          </AgreeButton>
        </View>
      </View>
    </View>
  );
}
