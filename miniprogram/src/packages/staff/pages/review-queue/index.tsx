import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { NOTICE_STATUS_LABELS, REVIEW_STEP_LABELS, type PendingReview } from '@gongkai/shared';
import { listPendingReviews } from '../../../../api/staff';
import { errorMessage } from '../../../../api/errors';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyState, ErrorState, ListSkeleton } from '../../../../components/States';
import { formatWaiting } from '../../utils/time';
import { ROUTES, withQuery } from '../../../../utils/routes';
import '../../components/staff.scss';
import { pageRootClass } from '../../../../utils/text-scale';

function stepLabel(step: PendingReview['step']): string {
  return step in REVIEW_STEP_LABELS ? REVIEW_STEP_LABELS[step as keyof typeof REVIEW_STEP_LABELS] : NOTICE_STATUS_LABELS[step];
}

/** Oldest first: the one that has waited longest is on top. */
function oldestFirst(items: readonly PendingReview[]): PendingReview[] {
  return items.slice().sort((a, b) => b.waitingSeconds - a.waitingSeconds || a.noticeId - b.noticeId);
}

/** 待我审核: GET /staff/reviews/pending (notices, and corrections of published ones marked 更正), with how long each has waited; tap → the review page. */
export default function StaffReviewQueue() {
  const queue = useAsync(async () => oldestFirst(await listPendingReviews()));
  const [shown, setShown] = useState(false);
  useDidShow(() => {
    if (shown) void queue.reload();
    setShown(true);
  });
  usePullDownRefresh(() => {
    void queue
      .reload()
      .catch((e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }))
      .finally(() => Taro.stopPullDownRefresh());
  });

  return (
    <View className={pageRootClass('gk-page gk-staff-queue e2e-queue')}>
      {queue.loading && !queue.data ? (
        <ListSkeleton />
      ) : queue.error && !queue.data ? (
        <ErrorState error={queue.error} onRetry={() => void queue.reload()} />
      ) : !queue.data?.length ? (
        <EmptyState text='暂无待审核的信息' />
      ) : (
        <View>
          <Text className='gk-staff-queue__total e2e-queue-total'>共 {queue.data.length} 条，等待最久的在前</Text>
          {queue.data.map((p) => (
            <View
              key={p.noticeId}
              className='gk-staff-item e2e-queue-item'
              data-id={p.noticeId}
              data-step={p.step}
              data-correction={p.correctionId ?? undefined}
              onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.staffReview, { id: p.noticeId }) })}
            >
              <Text className='gk-staff-item__title e2e-queue-title'>{p.title}</Text>
              <View className='gk-staff-item__meta'>
                <Text className='gk-status e2e-queue-step'>{stepLabel(p.step)}</Text>
                {p.correctionId !== null ? <Text className='gk-status e2e-queue-correction'>更正</Text> : null}
                {p.round > 1 ? <Text>第 {p.round} 轮</Text> : null}
                <Text>{p.unitName}</Text>
                <Text>{p.authorName}</Text>
                <Text className='gk-staff-item__wait e2e-queue-waiting'>等待 {formatWaiting(p.waitingSeconds)}</Text>
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
