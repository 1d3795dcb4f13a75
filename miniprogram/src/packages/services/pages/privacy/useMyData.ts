import { useState } from 'react';
import Taro from '@tarojs/taro';
import {
  PRIVACY_NOTICE,
  shanghaiDate,
  type AccountCancellationResult,
  type ConsentKind,
  type CreateRightsRequest,
  type ParentConsentsView,
  type ParentDataExport,
} from '@gongkai/shared';
import { getParentMe, parentSignOut } from '../../../../api/auth';
import { cancelAccount, changeConsent, createRightsRequest, getConsents, getMyData, listRightsRequests, updateProfile } from '../../../../api/privacy';
import { clientChannel } from '../../../../api/request';
import { hasToken } from '../../../../api/tokens';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { forgetConsentCheck, noticeWithdrawn, rememberDecision } from '../../../../utils/privacy';

/** `我的信息-20261206.json`: the export's date in Shanghai. */
export function exportFileName(data: ParentDataExport): string {
  const t = Date.parse(data.generatedAt);
  const day = shanghaiDate(Number.isNaN(t) ? new Date() : new Date(t)).replace(/-/g, '');
  return `我的信息-${day}.json`;
}

/**
 * H5: hands the export to the browser as a file. weapp has no honest way to save a JSON file for the
 * parent (openDocument does not open JSON; the clipboard is itself a privacy API), so the page shows
 * every section on screen instead and this returns false.
 */
export function saveJsonFile(name: string, value: unknown): boolean {
  if (process.env.TARO_ENV === 'weapp' || typeof document === 'undefined' || typeof URL === 'undefined' || typeof URL.createObjectURL !== 'function') return false;
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

/** 我的信息: the export, the account name, consents, rights requests and 注销, with their actions. */
export function useMyData() {
  const signedIn = hasToken('parent');
  const me = useAsync(async () => (signedIn ? getParentMe() : null));
  const data = useAsync(async () => (signedIn ? getMyData() : null));
  const consents = useAsync(async () => (signedIn ? getConsents() : null));
  const requests = useAsync(async () => (signedIn ? listRightsRequests() : null));
  const [consentView, setConsentView] = useState<ParentConsentsView | null>(null);
  const [cancelled, setCancelled] = useState<AccountCancellationResult | null>(null);
  const { busy, run } = useAction();

  const rename = (displayName: string) =>
    run(() => updateProfile({ displayName: displayName.trim() }), {
      success: '已保存',
      refresh: () => Promise.all([me.reload(), data.reload()]),
    });

  const download = () =>
    run(
      async () => {
        const full = await getMyData(true);
        if (!saveJsonFile(exportFileName(full), full)) throw new Error('当前环境无法保存文件，请在本页查看全部信息');
        return full;
      },
      { success: '已下载' },
    );

  const setConsent = (kind: ConsentKind, granted: boolean) =>
    run(
      () =>
        changeConsent({
          kind,
          granted,
          ...(kind === 'privacy_notice' && granted ? { version: PRIVACY_NOTICE.version } : {}),
          channel: clientChannel(),
        }),
      {
        success: granted ? '已同意' : '已撤回',
        refresh: async (view) => {
          setConsentView(view);
          if (kind === 'privacy_notice') {
            if (granted) rememberDecision(true);
            else noticeWithdrawn();
          }
          // A withdrawal may erase data (subscriptions, a child's details): show what is left.
          if (!granted) await data.reload();
        },
      },
    );

  const fileRequest = (body: CreateRightsRequest) => run(() => createRightsRequest(body), { success: '已提交', refresh: () => requests.reload() });

  const cancel = () =>
    run(() => cancelAccount(), {
      refresh: (result) => {
        parentSignOut();
        forgetConsentCheck();
        setCancelled(result);
        void Taro.showToast({ title: '账号已注销', icon: 'none' });
      },
    });

  return {
    signedIn,
    me,
    data,
    consents: consentView ?? consents.data ?? null,
    consentsState: consents,
    requests,
    cancelled,
    busy,
    rename,
    download,
    setConsent,
    fileRequest,
    cancel,
  };
}

export type MyData = ReturnType<typeof useMyData>;
