import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { INQUIRY_KINDS, INQUIRY_RATINGS, INQUIRY_RATING_LABELS, type InquiryAlerts, type InquiryStats } from '@gongkai/shared';
import { monthDay, percent } from './inquiry';
import { ROUTES, withQuery } from '../utils/routes';
import './InquiryDashboard.scss';

const ALERTS: { key: 'overdue' | 'dueSoon' | 'held' | 'pendingReplies' | 'flagged'; hook: string; label: string }[] = [
  { key: 'overdue', hook: 'overdue', label: '已超期' },
  { key: 'dueSoon', hook: 'due-soon', label: '即将到期' },
  { key: 'held', hook: 'held', label: '待审核' },
  { key: 'pendingReplies', hook: 'pending-replies', label: '答复待审核' },
  { key: 'flagged', hook: 'flagged', label: '日历未录入' },
];

function alertCount(alerts: InquiryAlerts, key: (typeof ALERTS)[number]['key']): number {
  const v = alerts[key];
  return Array.isArray(v) ? v.length : v;
}

/** The alert counters of GET /staff/inquiries/alerts; the overdue ones listed by name. */
export function InquiryAlertsView({ alerts }: { alerts: InquiryAlerts }) {
  return (
    <View className='gk-dash e2e-inquiry-alerts'>
      <View className='gk-dash__counts'>
        {ALERTS.map((a) => {
          const n = alertCount(alerts, a.key);
          return (
            <View key={a.key} className={`gk-dash__count ${n && (a.key === 'overdue' || a.key === 'flagged') ? 'gk-dash__count--hot' : ''} e2e-inquiry-alert-${a.hook}`} data-count={n}>
              <Text className='gk-dash__num'>{n}</Text>
              <Text className='gk-dash__label'>{a.label}</Text>
            </View>
          );
        })}
      </View>
      {alerts.overdue.slice(0, 3).map((i) => (
        <View key={i.id} className='gk-dash__row e2e-inquiry-alert-item' data-id={i.id} onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.staffInquiry, { id: i.id }) })}>
          <Text className='gk-dash__row-hot'>超期</Text>
          <Text className='gk-dash__row-text'>{i.trackingNo} {i.subject}</Text>
        </View>
      ))}
    </View>
  );
}

/** A bar drawn with a view's width, so it works the same on weapp and H5 without a chart library. */
function Bar({ label, value, share, text, hook }: { label: string; value: number; share: number; text: string; hook: string }) {
  const width = `${Math.max(0, Math.min(100, Math.round(share * 100)))}%`;
  return (
    <View className={`gk-dash__bar ${hook}`} data-count={value} data-share={share.toFixed(3)}>
      <Text className='gk-dash__bar-label'>{label}</Text>
      <View className='gk-dash__bar-track'>
        <View className='gk-dash__bar-fill' style={{ width }} />
      </View>
      <Text className='gk-dash__bar-value'>{text}</Text>
    </View>
  );
}

/** This month's statistics: totals, bars by kind, timeliness and the satisfaction shares. */
export function InquiryStatsView({ stats }: { stats: InquiryStats }) {
  const maxKind = Math.max(1, ...INQUIRY_KINDS.map((k) => stats.byKind[k.code] ?? 0));
  const replied = stats.repliedOnTime + stats.repliedLate;
  const rated = INQUIRY_RATINGS.reduce((s, r) => s + (stats.ratings[r] ?? 0), 0);
  return (
    <View className='gk-dash e2e-inquiry-stats'>
      <Text className='gk-dash__title'>
        本月统计（{monthDay(stats.from)}至{monthDay(stats.to)}）
      </Text>
      <View className='gk-dash__counts'>
        <View className='gk-dash__count e2e-inquiry-stats-total' data-count={stats.total}>
          <Text className='gk-dash__num'>{stats.total}</Text>
          <Text className='gk-dash__label'>收到</Text>
        </View>
        <View className='gk-dash__count e2e-inquiry-stats-ontime' data-count={stats.repliedOnTime}>
          <Text className='gk-dash__num'>{replied ? percent(stats.repliedOnTime / replied) : '—'}</Text>
          <Text className='gk-dash__label'>按期答复率</Text>
        </View>
        <View className='gk-dash__count e2e-inquiry-stats-median'>
          <Text className='gk-dash__num'>{stats.medianWorkingDays ?? '—'}</Text>
          <Text className='gk-dash__label'>答复用时中位数（工作日）</Text>
        </View>
      </View>
      <Text className='gk-dash__subtitle'>按类型</Text>
      {INQUIRY_KINDS.map((k) => {
        const n = stats.byKind[k.code] ?? 0;
        return <Bar key={k.code} label={k.label} value={n} share={n / maxKind} text={String(n)} hook={`e2e-stats-kind e2e-stats-kind-${k.code}`} />;
      })}
      <Text className='gk-dash__note'>
        按期答复 {stats.repliedOnTime} · 超期答复 {stats.repliedLate} · 未答复已超期 {stats.openOverdue} · 办理中 {stats.openInTime}
      </Text>
      <Text className='gk-dash__subtitle'>满意度（已评价 {rated} 件）</Text>
      {INQUIRY_RATINGS.map((r) => {
        const share = stats.satisfaction[r] ?? 0;
        return <Bar key={r} label={INQUIRY_RATING_LABELS[r]} value={stats.ratings[r] ?? 0} share={share} text={percent(share)} hook={`e2e-stats-rating e2e-stats-rating-${r} gk-dash__bar--${r}`} />;
      })}
    </View>
  );
}
