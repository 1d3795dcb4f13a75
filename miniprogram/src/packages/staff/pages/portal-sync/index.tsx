import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PORTAL_SYNC_STATE_LABELS, type PortalDeliveryView, type PortalEndpointView } from '@gongkai/shared';
import { listPortalDeliveries, listPortalEndpoints, resendPortalPushes } from '../../../../api/portal-push';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, EmptyState, ErrorState } from '../../../../components/States';
import { formatDateTime } from '../../utils/time';
import '../../components/staff.scss';
import '../push/index.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

/** The failed notices shown per endpoint (the oldest beyond these wait for 全部重推). */
const FAILED_SHOWN = 20;

interface Endpoint {
  endpoint: PortalEndpointView;
  failed: PortalDeliveryView[];
}

const requeued = (r: { requeued: number }) => (r.requeued ? `已重新排队 ${r.requeued} 条` : { title: '没有需要重推的信息', icon: 'none' as const });

/** 门户同步: each portal endpoint with its synced / pending / failed counts, the failed notices with their last error, 重新推送 and 全部重推. */
function StaffPortalSyncPage() {
  const state = useAsync<Endpoint[]>(async () => {
    const endpoints = await listPortalEndpoints();
    return Promise.all(
      endpoints.map(async (endpoint) => ({
        endpoint,
        failed: endpoint.counts.failed ? (await listPortalDeliveries(endpoint.id, { state: 'failed', limit: FAILED_SHOWN })).items : [],
      })),
    );
  });
  const { busy, run } = useAction();
  usePullDownRefresh(() => void state.reload().finally(() => Taro.stopPullDownRefresh()));

  const resend = (endpointId: number, noticeId?: number) => run(() => resendPortalPushes(endpointId, noticeId), { success: requeued, refresh: state.reload });

  if (!state.data) {
    return <View className={pageRootClass('gk-page gk-push e2e-portal-sync')}>{state.error ? <ErrorState error={state.error} onRetry={() => void state.reload()} /> : <DetailSkeleton />}</View>;
  }
  return (
    <View className={pageRootClass('gk-page gk-push e2e-portal-sync')}>
      {!state.data.length ? <EmptyState text='尚未登记门户推送端点（管理员通过接口 /api/v1/staff/portal/endpoints 登记）' /> : null}
      {state.data.map(({ endpoint: e, failed }) => (
        <View key={e.id} className='gk-push__section e2e-portal-endpoint' data-id={e.id}>
          <Text className='gk-push__title'>{e.name}</Text>
          <Text className='gk-push__label'>
            {e.url}
            {e.active ? '' : ' · 已停用'}
            {e.categories.length ? ` · 分类：${e.categories.join('、')}` : ' · 全部分类'}
          </Text>
          {(['synced', 'pending', 'failed'] as const).map((s) => (
            <View key={s} className='gk-push__row' data-state={s}>
              <Text className='gk-push__key'>{PORTAL_SYNC_STATE_LABELS[s]}</Text>
              <Text className={`gk-push__value e2e-portal-count-${s}`}>{e.counts[s]}</Text>
            </View>
          ))}
          {failed.map((d) => (
            <View key={d.noticeId} className='gk-staff-item e2e-portal-failed' data-notice={d.noticeId}>
              <Text className='gk-staff-item__title'>{d.title || `信息 ${d.noticeId}`}</Text>
              <View className='gk-staff-item__meta'>
                <Text className='e2e-portal-failed-error'>{d.lastError ?? '推送失败'}</Text>
                {d.lastAttemptAt ? <Text>最后尝试 {formatDateTime(d.lastAttemptAt)}</Text> : null}
              </View>
              <View className='gk-btn-row'>
                <View className={`gk-btn gk-btn--small e2e-portal-resend ${busy ? 'gk-btn--disabled' : ''}`} onClick={() => void resend(e.id, d.noticeId)}>
                  <Text>重新推送</Text>
                </View>
              </View>
            </View>
          ))}
          {e.counts.failed ? (
            <View className='gk-btn-row'>
              <View className={`gk-btn gk-btn--primary e2e-portal-resend-all ${busy ? 'gk-btn--disabled' : ''}`} onClick={() => void resend(e.id)}>
                <Text>全部重推（{e.counts.failed}）</Text>
              </View>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks portal-sync; phones get the page alone). */
export default function StaffPortalSync() {
  return (
    <StaffShell active='portal-sync'>
      <StaffPortalSyncPage />
    </StaffShell>
  );
}
