import { useEffect } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PUSH_DELIVERY_STATUSES, type PushCampaignView, type PushDeliveryView, type PushFailureReason } from '@gongkai/shared';
import { cancelPush, getPush, listPushDeliveries } from '../../../../api/push';
import { listCategories, listTopics, listUnits } from '../../../../api/catalog';
import { StaffShell } from '../../components/StaffShell';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { param } from '../../../../utils/routes';
import { AUDIENCE_LABELS, CHANNEL_LABELS, DELIVERY_STATUS_LABELS, REASON_LABELS, namesByCode } from '../../utils/push';
import '../../components/staff.scss';
import '../push/index.scss';
import { pageRootClass } from '../../../../utils/text-scale';

/** Code → name of the categories, topics and units (a list that cannot be read names nothing: the code stays). */
const audienceNames = async (): Promise<Record<string, string>> =>
  namesByCode(...(await Promise.all([listCategories(), listTopics(), listUnits()].map((p) => p.catch(() => [])))));

/** How often a running campaign is asked again. */
export const POLL_MS = 2000;

const running = (c: PushCampaignView) => c.status === 'active' && c.finishedAt === null;

function Reasons({ title, reasons, hook }: { title: string; reasons: Partial<Record<PushFailureReason, number>>; hook: string }) {
  const entries = Object.entries(reasons).filter(([, n]) => (n ?? 0) > 0) as [PushFailureReason, number][];
  if (!entries.length) return null;
  return (
    <View className={`gk-push__reasons ${hook}`}>
      <Text className='gk-push__label'>{title}</Text>
      {entries.map(([r, n]) => (
        <View key={r} className='gk-push__row' data-reason={r}>
          <Text className='gk-push__key'>{REASON_LABELS[r] ?? r}</Text>
          <Text className='gk-push__value'>{n}</Text>
        </View>
      ))}
    </View>
  );
}

/** 推送结果: totals by status, reasons, progress (asked every 2 s while running), each recipient, 取消. */
export default function StaffPushReport() {
  const router = useRouter();
  const id = param(router.params, 'id');
  const state = useAsync(async () => {
    const [campaign, deliveries] = await Promise.all([getPush(id), listPushDeliveries(id)]);
    return { campaign, deliveries: deliveries.items as PushDeliveryView[] };
  }, [id]);
  // The audience by name (招生考试, not ZSKS); read once, the code stays when the lists cannot be read.
  const audienceCode = state.data?.campaign.audience.code;
  const names = useAsync(async (): Promise<Record<string, string>> => (audienceCode ? audienceNames() : {}), [audienceCode]);
  const { busy, run } = useAction();

  const campaign = state.data?.campaign;
  const live = !!campaign && running(campaign);
  useEffect(() => {
    if (!live) return undefined;
    const timer = setTimeout(() => void state.reload(), POLL_MS);
    return () => clearTimeout(timer);
  }, [live, state.data]);

  if (!state.data || !campaign) {
    return (
      <StaffShell active='push'>
        <View className={pageRootClass('gk-page gk-push e2e-push-report')}>
          {state.error ? <ErrorState error={state.error} onRetry={() => void state.reload()} /> : <DetailSkeleton />}
        </View>
      </StaffShell>
    );
  }

  const cancel = () => run(() => cancelPush(campaign.id), { success: '已取消', refresh: state.reload });

  const percent = Math.round(campaign.progress * 100);
  return (
    <StaffShell active='push'>
      <View className={pageRootClass('gk-page gk-push e2e-push-report')} data-status={campaign.status} data-finished={campaign.finishedAt ? 'true' : 'false'}>
        <View className='gk-push__section'>
          <Text className='gk-push__title'>{campaign.noticeTitle}</Text>
          <Text className='gk-push__label'>
            {AUDIENCE_LABELS[campaign.audience.kind]}
            {campaign.audience.code ? `（${names.data?.[campaign.audience.code] ?? campaign.audience.code}）` : ''} · {campaign.channels.map((c) => CHANNEL_LABELS[c]).join('、')}
          </Text>
          <Text className='gk-push__label e2e-push-state'>
            {campaign.status === 'cancelled' ? '已取消' : live ? '发送中…' : '已完成'}（共 {campaign.total} 条）
          </Text>
          <View className='gk-push__bar e2e-push-progress' data-progress={percent}>
            <View className='gk-push__bar-fill' style={{ width: `${percent}%` }} />
          </View>
          {PUSH_DELIVERY_STATUSES.map((s) => (
            <View key={s} className='gk-push__row' data-status={s}>
              <Text className='gk-push__key'>{DELIVERY_STATUS_LABELS[s]}</Text>
              <Text className={`gk-push__value e2e-push-total-${s}`}>{campaign.byStatus[s] ?? 0}</Text>
            </View>
          ))}
          <Reasons title='失败原因' reasons={campaign.failedByReason} hook='e2e-push-failed-reasons' />
          <Reasons title='跳过原因' reasons={campaign.skippedByReason} hook='e2e-push-skipped-reasons' />
          {live ? (
            <View className='gk-btn-row'>
              <View className={`gk-btn e2e-push-cancel ${busy ? 'gk-btn--disabled' : ''}`} onClick={() => void cancel()}>
                <Text>取消推送</Text>
              </View>
            </View>
          ) : null}
        </View>
        <View className='gk-push__section e2e-push-deliveries'>
          <Text className='gk-push__label'>接收人（前 {state.data.deliveries.length} 条）</Text>
          {state.data.deliveries.map((d) => (
            <View key={d.id} className='gk-push__row e2e-push-delivery' data-status={d.status} data-parent={d.parentId}>
              <Text className='gk-push__key'>家长 {d.parentId}</Text>
              <Text className='gk-push__value'>
                {CHANNEL_LABELS[d.channel]} · {DELIVERY_STATUS_LABELS[d.status]}
                {d.reason ? `（${REASON_LABELS[d.reason] ?? d.reason}）` : ''}
                {d.dryRun ? ' · 演示未实发' : ''}
              </Text>
            </View>
          ))}
        </View>
      </View>
    </StaffShell>
  );
}
