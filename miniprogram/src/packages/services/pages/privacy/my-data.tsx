import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { SignInFirst } from '../../../../inquiry/InquiryControls';
import { ROUTES } from '../../../../utils/routes';
import { CancelAccount, Cancelled } from './CancelAccount';
import { AccountCard, ConsentsCard, DataSections } from './MyDataParts';
import { RightsRequests } from './RightsRequests';
import { useMyData } from './useMyData';
import './privacy.scss';
import { pageRootClass } from '../../../../utils/text-scale';

/**
 * 我的信息: everything the bureau holds about the parent (downloadable on H5), the account name to
 * correct, each consent with 撤回 / 同意, rights requests with their due dates and replies, and 注销.
 */
export default function MyData() {
  const m = useMyData();
  if (m.cancelled) return <Cancelled result={m.cancelled} />;
  if (!m.signedIn) return <SignInFirst pageClass='e2e-privacy-mydata' note='登录后可查看、下载和更正我们保存的您的信息，管理您的同意，或注销账号。' />;

  return (
    <View className={pageRootClass('gk-page gk-pv e2e-privacy-mydata')}>
      <AccountCard me={m.me.data} onRename={m.rename} busy={m.busy} />
      {m.data.data ? (
        <DataSections data={m.data.data} onDownload={m.download} busy={m.busy} />
      ) : m.data.error ? (
        <ErrorState error={m.data.error} onRetry={() => void m.data.reload()} />
      ) : (
        <DetailSkeleton />
      )}
      {m.consents ? <ConsentsCard view={m.consents} onChange={m.setConsent} busy={m.busy} /> : null}
      {m.consentsState.error ? <ErrorState error={m.consentsState.error} onRetry={() => void m.consentsState.reload()} /> : null}
      <RightsRequests items={m.requests.data} onFile={m.fileRequest} busy={m.busy} />
      <CancelAccount onCancel={m.cancel} busy={m.busy} />
      <Text className='gk-pv__link e2e-mydata-notice' onClick={() => void Taro.navigateTo({ url: ROUTES.privacyNotice })}>
        查看《个人信息保护政策》
      </Text>
    </View>
  );
}
