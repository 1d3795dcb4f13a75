import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { NOTICE_STATUSES, NOTICE_STATUS_LABELS, type NoticeStatus, type StaffNoticeView } from '@gongkai/shared';
import { listStaffNotices } from '../../../../api/staff';
import { useListPage } from '../../../../hooks/usePagedList';
import { PagedList } from '../../../../components/PagedList';
import { Tabs } from '../../components/Tabs';
import { StaffNoticeItem } from '../../components/StaffNoticeItem';
import { ROUTES, param } from '../../../../utils/routes';
import '../../components/staff.scss';
import { pageRootClass } from '../../../../utils/text-scale';

/** The tabs, one status each (GET /staff/notices?status=…), in the order a notice goes through them. */
const TABS: { key: NoticeStatus | 'all'; label: string }[] = [
  { key: 'draft', label: '草稿' },
  { key: 'returned', label: '已退回' },
  { key: 'unit_review', label: '科室审核' },
  { key: 'secrecy_review', label: '保密审查' },
  { key: 'leader_approval', label: '领导审批' },
  { key: 'approved', label: NOTICE_STATUS_LABELS.approved },
  { key: 'scheduled', label: NOTICE_STATUS_LABELS.scheduled },
  { key: 'published', label: NOTICE_STATUS_LABELS.published },
  { key: 'withdrawn', label: NOTICE_STATUS_LABELS.withdrawn },
  { key: 'all', label: '全部' },
];

function initialTab(raw: string): NoticeStatus | 'all' {
  return raw === 'all' || (NOTICE_STATUSES as readonly string[]).includes(raw) ? (raw as NoticeStatus | 'all') : 'draft';
}

/** 我的稿件: the notices of the caller's unit by status; 已发布 (?status=published) is where one withdraws. */
export default function StaffNotices() {
  const router = useRouter();
  const [tab, setTab] = useState<NoticeStatus | 'all'>(() => initialTab(param(router.params, 'status')));
  useEffect(() => {
    if (tab === 'published') void Taro.setNavigationBarTitle({ title: '已发布' });
    // Only the entry the page was opened with names it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // Back from the editor or the review page: the notice may have moved on.
  const list = useListPage<StaffNoticeView>(
    (cursor) => listStaffNotices({ status: tab === 'all' ? undefined : tab, cursor, limit: 20 }),
    (n) => n.id,
    tab,
    { refreshOnReturn: true },
  );

  return (
    <View className={pageRootClass('gk-page gk-staff-drafts e2e-drafts')}>
      <Tabs tabs={TABS} value={tab} onChange={setTab} e2e='drafts' />
      <PagedList
        list={list}
        emptyText='没有稿件'
        {...(tab === 'draft' ? { emptyHint: '点“写信息”新建一篇' } : {})}
        renderItem={(n) => <StaffNoticeItem key={n.id} notice={n} />}
        empty={
          tab === 'draft' ? (
            <View className='gk-btn-row'>
              <View className='gk-btn gk-btn--primary e2e-drafts-compose' onClick={() => void Taro.navigateTo({ url: ROUTES.staffCompose })}>
                <Text>写信息</Text>
              </View>
            </View>
          ) : null
        }
      />
    </View>
  );
}
