import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { NOTICE_STATUSES, NOTICE_STATUS_LABELS, type NoticeStatus, type StaffNoticeView } from '@gongkai/shared';
import { listStaffNotices } from '../../../../api/staff';
import { useListPage } from '../../../../hooks/useListPage';
import { usePagedList } from '../../../../hooks/usePagedList';
import { EmptyState, ErrorState, ListFooter, ListSkeleton } from '../../../../components/States';
import { StaffNoticeItem } from '../../components/StaffNoticeItem';
import { ROUTES, param } from '../../../../utils/routes';
import '../../components/staff.scss';

/** The tabs, one status each (GET /staff/notices?status=…), in the order a notice goes through them. */
const TABS: { status: NoticeStatus | 'all'; label: string }[] = [
  { status: 'draft', label: '草稿' },
  { status: 'returned', label: '已退回' },
  { status: 'unit_review', label: '科室审核' },
  { status: 'secrecy_review', label: '保密审查' },
  { status: 'leader_approval', label: '领导审批' },
  { status: 'approved', label: NOTICE_STATUS_LABELS.approved },
  { status: 'scheduled', label: NOTICE_STATUS_LABELS.scheduled },
  { status: 'published', label: NOTICE_STATUS_LABELS.published },
  { status: 'withdrawn', label: NOTICE_STATUS_LABELS.withdrawn },
  { status: 'all', label: '全部' },
];

function initialTab(raw: string): NoticeStatus | 'all' {
  return raw === 'all' || (NOTICE_STATUSES as readonly string[]).includes(raw) ? (raw as NoticeStatus | 'all') : 'draft';
}

/** 我的稿件: the notices of the caller's unit by status; 已发布 (?status=published) is where one withdraws. */
export default function StaffDrafts() {
  const router = useRouter();
  const [tab, setTab] = useState<NoticeStatus | 'all'>(() => initialTab(param(router.params, 'status')));
  useEffect(() => {
    if (tab === 'published') void Taro.setNavigationBarTitle({ title: '已发布' });
    // Only the entry the page was opened with names it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const list = usePagedList<StaffNoticeView>(
    (cursor) => listStaffNotices({ status: tab === 'all' ? undefined : tab, cursor, limit: 20 }),
    (n) => n.id,
    tab,
  );

  // Back from the editor or the review page: the notice may have moved on.
  useListPage(list, true);

  return (
    <View className='gk-page gk-staff-drafts e2e-drafts'>
      <ScrollView className='gk-tabs' scrollX>
        <View className='gk-tabs__inner'>
          {TABS.map((t) => (
            <Text
              key={t.status}
              className={`gk-tabs__tab e2e-drafts-tab e2e-drafts-tab-${t.status} ${t.status === tab ? 'gk-tabs__tab--on e2e-selected' : ''}`}
              onClick={() => setTab(t.status)}
            >
              {t.label}
            </Text>
          ))}
        </View>
      </ScrollView>
      {list.loading ? (
        <ListSkeleton />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.retry()} />
      ) : list.items.length === 0 ? (
        <View>
          <EmptyState text='没有稿件' hint={tab === 'draft' ? '点“写信息”新建一篇' : undefined} />
          {tab === 'draft' ? (
            <View className='gk-btn-row'>
              <View className='gk-btn gk-btn--primary e2e-drafts-compose' onClick={() => void Taro.navigateTo({ url: ROUTES.staffCompose })}>
                <Text>写信息</Text>
              </View>
            </View>
          ) : null}
        </View>
      ) : (
        <View>
          {list.items.map((n) => (
            <StaffNoticeItem key={n.id} notice={n} />
          ))}
          <ListFooter loadingMore={list.loadingMore} done={list.done} error={list.moreError} onRetry={() => void list.loadMore()} />
        </View>
      )}
    </View>
  );
}
