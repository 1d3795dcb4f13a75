import { useCallback, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AuthOptions, ParentMe } from '@gongkai/shared';
import { demoLogin, getAuthOptions, getParentMe, parentSignOut, wechatLogin } from '../../api/auth';
import { ApiError } from '../../api/errors';
import { hasToken } from '../../api/tokens';
import { Button, Cell, CellGroup, Skeleton } from '../../components/nut';
import { ErrorState } from '../../components/States';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import { ensureNoticeAgreed, forgetConsentCheck, syncNoticeConsent } from '../../utils/privacy';
import { ROUTES } from '../../utils/routes';
import { useAction } from '../../hooks/useAction';
import './index.scss';
import { useTextScaleClass } from '../../hooks/useTextScaleClass';
import { isElderMode, setElderMode } from '../../utils/text-scale';

type Status =
  | { kind: 'loading' }
  | { kind: 'signed-out'; options: AuthOptions | null }
  | { kind: 'signed-in'; me: ParentMe }
  | { kind: 'error'; error: unknown };

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/** The list under the account: where each row goes (the staff entry is decided when tapped). */
const LINKS: { e2e: string; title: string; description: string; url: string | (() => string) }[] = [
  { e2e: 'e2e-mine-mydata', title: '我的信息', description: '查看、下载、更正个人信息，管理同意，注销账号', url: ROUTES.privacyMyData },
  { e2e: 'e2e-mine-privacy-notice', title: '个人信息保护政策', description: '我们收集哪些信息、用于什么目的、保存多久', url: ROUTES.privacyNotice },
  { e2e: 'e2e-mine-subscriptions', title: '订阅与消息提醒', description: '关注公开目录、专题和学校，新信息发布时提醒', url: ROUTES.subscriptions },
  { e2e: 'e2e-mine-inquiry', title: '咨询投诉', description: '咨询、投诉、建议与反馈', url: ROUTES.serviceInquiry },
  { e2e: 'e2e-mine-inquiries', title: '我的咨询', description: '办理进度、答复与评价', url: ROUTES.inquiryMine },
  { e2e: 'e2e-staff-link', title: '工作人员登录', description: '教育局及学校工作人员入口', url: () => (hasToken('staff') ? ROUTES.staffHome : ROUTES.staffLogin) },
];

/** Parent sign-in state, sign-in buttons, and the way to the staff pages. */
export default function Mine() {
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const { busy, run } = useAction();
  const [elder, setElder] = useState(isElderMode);

  /** 长辈模式: applied at once (H5: <html>; every open page's root through useTextScaleClass) and kept on this device. */
  const toggleElder = () => {
    setElderMode(!elder);
    setElder(!elder);
  };

  const load = useCallback(async () => {
    if (hasToken('parent')) {
      setStatus((s) => (s.kind === 'signed-in' ? s : { kind: 'loading' }));
      try {
        setStatus({ kind: 'signed-in', me: await getParentMe() });
        return;
      } catch (e) {
        // A refused token is already cleared by the request layer: show the sign-in instead.
        if (!(e instanceof ApiError && e.statusCode === 401)) {
          setStatus({ kind: 'error', error: e });
          return;
        }
      }
    }
    let options: AuthOptions | null = null;
    try {
      options = await getAuthOptions();
    } catch {
      options = null;
    }
    setStatus({ kind: 'signed-out', options });
  }, []);

  // Tab pages stay alive: check again each time 我的 is shown (and whether a new notice version needs agreeing).
  useDidShow(() => {
    void load().then(() => syncNoticeConsent());
  });

  /** The notice is agreed first; the account's consent is recorded before the page shows the parent. */
  const signIn = async (how: 'wechat' | 'demo') => {
    if (busy) return;
    if (!(await ensureNoticeAgreed())) {
      void Taro.showToast({ title: '同意个人信息保护政策后才能登录', icon: 'none' });
      return;
    }
    await run(
      async () => {
        const token = await (how === 'wechat' ? wechatLogin() : demoLogin());
        await syncNoticeConsent({ force: true });
        return token;
      },
      { success: '登录成功', refresh: load },
    );
  };

  const signOut = () => {
    parentSignOut();
    forgetConsentCheck();
    void Taro.showToast({ title: '已退出登录', icon: 'none' });
    void load();
  };

  return (
    <View className={useTextScaleClass('gk-page gk-mine e2e-mine')}>
      <View className='gk-mine__header'>
        <View className='gk-mine__avatar'>
          <Text>{status.kind === 'signed-in' ? status.me.displayName.slice(0, 1) : '家'}</Text>
        </View>
        <View className='gk-mine__who'>
          {status.kind === 'signed-in' ? (
            <>
              <Text className='gk-mine__name e2e-parent-name'>{status.me.displayName}</Text>
              <Text className='gk-mine__state e2e-parent-state'>{status.me.demo ? '已登录（演示账号）' : '已登录'}</Text>
            </>
          ) : (
            <>
              <Text className='gk-mine__name'>家长，您好</Text>
              <Text className='gk-mine__state e2e-parent-state'>{status.kind === 'loading' ? '正在读取登录状态…' : '未登录'}</Text>
            </>
          )}
        </View>
      </View>

      <View className='gk-mine__panel'>
        {status.kind === 'loading' ? <Skeleton rows={2} animated /> : null}
        {status.kind === 'error' ? <ErrorState error={status.error} onRetry={() => void load()} /> : null}
        {status.kind === 'signed-out' ? (
          <View className='gk-mine__signin'>
            <Text className='gk-mine__hint'>登录后可订阅通知、提交咨询和依申请公开，并查看办理进度。</Text>
            {IS_WEAPP ? (
              <Button className='gk-mine__button e2e-wechat-login' type='primary' block disabled={busy} onClick={() => void signIn('wechat')}>
                {busy ? '正在登录…' : '微信一键登录'}
              </Button>
            ) : null}
            {IS_WEAPP && status.options && !status.options.wechat ? (
              <Text className='gk-mine__note'>服务器尚未配置微信登录，暂时无法登录。</Text>
            ) : null}
            {status.options?.demo ? (
              <View className='gk-mine__demo'>
                <Button className='gk-mine__button e2e-demo-login' type='primary' fill='outline' block disabled={busy} onClick={() => void signIn('demo')}>
                  演示登录（体验用，非真实账号）
                </Button>
                <Text className='gk-mine__note'>当前为演示环境：演示登录会以“演示家长”身份进入，数据仅供体验。</Text>
              </View>
            ) : null}
            {!IS_WEAPP && !status.options?.demo ? (
              <Text className='gk-mine__note e2e-signin-unavailable'>请在微信中打开“教育公开”小程序登录。</Text>
            ) : null}
          </View>
        ) : null}
        {status.kind === 'signed-in' ? (
          <Button className='gk-mine__button e2e-parent-signout' fill='outline' block onClick={signOut}>
            退出登录
          </Button>
        ) : null}
      </View>

      <View
        className={`gk-mine__elder e2e-elder-switch ${elder ? 'gk-mine__elder--on e2e-selected' : ''}`}
        data-on={elder ? 'true' : 'false'}
        role='switch'
        aria-checked={elder}
        aria-label='长辈模式'
        onClick={toggleElder}
      >
        <View className='gk-mine__elder-text'>
          <Text className='gk-mine__elder-title'>长辈模式</Text>
          <Text className='gk-mine__elder-note'>字号更大、列表更简洁</Text>
        </View>
        <View className='gk-mine__elder-track'>
          <View className='gk-mine__elder-knob' />
        </View>
      </View>

      <CellGroup className='gk-mine__cells'>
        {LINKS.map((l) => (
          <Cell key={l.e2e} className={l.e2e} title={l.title} description={l.description} extra='›' onClick={() => void Taro.navigateTo({ url: typeof l.url === 'function' ? l.url() : l.url })} />
        ))}
      </CellGroup>
      <Text className='gk-mine__footer'>县教育局政府信息公开 · 家长服务</Text>
      <PrivacyPopup />
    </View>
  );
}
