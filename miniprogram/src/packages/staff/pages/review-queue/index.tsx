import { useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { NOTICE_STATUS_LABELS, REVIEW_STEP_LABELS, type PendingReview } from '@gongkai/shared';
import { listPendingReviews } from '../../../../api/staff';
import { errorMessage } from '../../../../api/errors';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyState, ErrorState, ListSkeleton } from '../../../../components/States';
import { formatDateTime, formatWaiting } from '../../utils/time';
import { ROUTES, withQuery } from '../../../../utils/routes';
import { StaffShell } from '../../components/StaffShell';
import { StaffTable, type TableColumn } from '../../components/StaffTable';
import { useDesk } from '../../components/useDesk';
import '../../components/staff.scss';
import { pageRootClass } from '../../../../utils/text-scale';

function stepLabel(step: PendingReview['step']): string {
  return step in REVIEW_STEP_LABELS ? REVIEW_STEP_LABELS[step as keyof typeof REVIEW_STEP_LABELS] : NOTICE_STATUS_LABELS[step];
}

/** Oldest first: the one that has waited longest is on top. */
function oldestFirst(items: readonly PendingReview[]): PendingReview[] {
  return items.slice().sort((a, b) => b.waitingSeconds - a.waitingSeconds || a.noticeId - b.noticeId);
}

const COLUMNS: TableColumn<PendingReview>[] = [
  { key: 'title', label: '标题', kind: 'text', value: (p) => p.title, className: 'gk-table__title', render: (p) => <span className='e2e-queue-title'>{p.title}</span> },
  {
    key: 'step',
    label: '环节',
    kind: 'text',
    value: (p) => stepLabel(p.step),
    className: 'gk-table__nowrap',
    render: (p) => (
      <>
        <span className='gk-status e2e-queue-step'>{stepLabel(p.step)}</span>
        {p.correctionId !== null ? <span className='gk-status e2e-queue-correction'> 更正</span> : null}
      </>
    ),
  },
  { key: 'unit', label: '科室', kind: 'text', value: (p) => p.unitName, className: 'gk-table__nowrap' },
  { key: 'author', label: '作者', kind: 'text', value: (p) => p.authorName, className: 'gk-table__nowrap' },
  { key: 'round', label: '轮次', kind: 'number', value: (p) => p.round, render: (p) => `第 ${p.round} 轮`, className: 'gk-table__nowrap' },
  {
    key: 'waiting',
    label: '送达时间',
    kind: 'date',
    value: (p) => p.waitingSince,
    className: 'gk-table__nowrap',
    render: (p) => (
      <>
        {formatDateTime(p.waitingSince)} <span className='gk-staff-item__wait e2e-queue-waiting'>（等待 {formatWaiting(p.waitingSeconds)}）</span>
      </>
    ),
  },
];

/** 待我审核: GET /staff/reviews/pending (notices, and corrections of published ones marked 更正), with how long each has waited; tap → the review page. */
export default function StaffReviewQueue() {
  const desk = useDesk();
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

  const open = (p: PendingReview) => void Taro.navigateTo({ url: withQuery(ROUTES.staffReview, { id: p.noticeId }) });

  // No bulk selection here: 一事一审, each notice is reviewed on its own page.
  return (
    <StaffShell active='review-queue'>
      <View className={pageRootClass('gk-page gk-staff-queue e2e-queue')}>
        {queue.loading && !queue.data ? (
          <ListSkeleton />
        ) : queue.error && !queue.data ? (
          <ErrorState error={queue.error} onRetry={() => void queue.reload()} />
        ) : !queue.data?.length ? (
          <EmptyState text='暂无待审核的信息' />
        ) : desk ? (
          <StaffTable
            name='queue'
            caption='待我审核的信息，等待最久的在前'
            rows={queue.data}
            columns={COLUMNS}
            rowKey={(p) => p.noticeId}
            onOpen={open}
            rowClassName={() => 'e2e-queue-item'}
            rowData={(p) => ({ id: p.noticeId, step: p.step, correction: p.correctionId ?? undefined })}
            searchText={(p) => `${p.title} ${p.unitName} ${p.authorName}`}
            status={{ value: (p) => p.step, label: (p) => stepLabel(p.step) }}
            emptyText='暂无待审核的信息'
          />
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
                onClick={() => open(p)}
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
    </StaffShell>
  );
}
