import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { INQUIRY_STATUS_LABELS, may, type InquiryStatus, type StaffInquiryListItem } from '@gongkai/shared';
import { getStaffMe } from '../../../../api/auth';
import { listStaffInquiries } from '../../../../api/inquiries';
import { useAsync } from '../../../../hooks/useAsync';
import { useListPage } from '../../../../hooks/usePagedList';
import { PagedList } from '../../../../components/PagedList';
import { Tabs } from '../../components/Tabs';
import { kindLabel } from '../../../../inquiry/inquiry';
import { ROUTES, param, withQuery } from '../../../../utils/routes';
import { formatDateTime } from '../../utils/time';
import '../../components/staff.scss';
import './index.scss';
import { pageRootClass } from '../../../../utils/text-scale';

type Tab = 'open' | 'reply_review' | InquiryStatus | 'all';

/**
 * 待办 (scope=open) first; 答复待我审核 (scope=reply_review): complaint replies the caller may
 * approve (a leader sees only these); the single statuses and 全部 look at closed ones too (scope=all).
 */
const TABS: { key: Tab; label: string }[] = [
  { key: 'open', label: '待办' },
  { key: 'reply_review', label: '答复待我审核' },
  { key: 'held', label: INQUIRY_STATUS_LABELS.held },
  { key: 'submitted', label: '待受理' },
  { key: 'accepted', label: INQUIRY_STATUS_LABELS.accepted },
  { key: 'reply_pending', label: INQUIRY_STATUS_LABELS.reply_pending },
  { key: 'replied', label: INQUIRY_STATUS_LABELS.replied },
  { key: 'closed', label: INQUIRY_STATUS_LABELS.closed },
  { key: 'rejected', label: INQUIRY_STATUS_LABELS.rejected },
  { key: 'all', label: '全部' },
];

function urgency(i: StaffInquiryListItem): 'overdue' | 'due-soon' | '' {
  return i.overdue ? 'overdue' : i.dueSoon ? 'due-soon' : '';
}

/** 咨询办理: the inquiries of the reader's units, overdue first, then by time left (the server's order). */
export default function StaffInquiries() {
  const router = useRouter();
  const [tab, setTab] = useState<Tab>(() => (param(router.params, 'tab') === 'reply_review' ? 'reply_review' : 'open'));
  // A leader handles no unit's inquiries: only the replies sent to leaders for review.
  const me = useAsync(() => getStaffMe());
  const reviewOnly = !!me.data && !may(me.data.roles, 'inquiry.handle');
  const tabs = reviewOnly ? TABS.filter((t) => t.key === 'reply_review') : TABS;
  useEffect(() => {
    if (reviewOnly && tab !== 'reply_review') setTab('reply_review');
  }, [reviewOnly, tab]);
  // Back from a detail: it may have been accepted, transferred or replied.
  const list = useListPage<StaffInquiryListItem>(
    (cursor) =>
      listStaffInquiries({
        scope: tab === 'open' || tab === 'reply_review' ? tab : 'all',
        status: tab === 'open' || tab === 'all' || tab === 'reply_review' ? undefined : tab,
        cursor,
        limit: 20,
      }),
    (i) => i.id,
    tab,
    { refreshOnReturn: true },
  );

  return (
    <View className={pageRootClass('gk-page gk-staff-inquiries e2e-staff-inquiries')}>
      <Tabs tabs={tabs} value={tab} onChange={setTab} e2e='inquiries' />
      <PagedList
        list={list}
        emptyText={tab === 'open' ? '暂无待办的咨询' : tab === 'reply_review' ? '暂无待您审核的答复' : '没有咨询'}
        renderItem={(i) => {
          const u = urgency(i);
          return (
            <View
              key={i.id}
              className={`gk-staff-item gk-iq-item ${u ? `gk-iq-item--${u} e2e-${u}` : ''} e2e-staff-inquiry-item`}
              data-id={i.id}
              data-status={i.status}
              data-urgency={u || 'normal'}
              onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.staffInquiry, { id: i.id }) })}
            >
              <View className='gk-staff-item__meta' style={{ marginTop: 0 }}>
                <Text className='gk-status e2e-staff-inquiry-status'>{i.statusLabel}</Text>
                <Text>{kindLabel(i.kind)}</Text>
                <Text className='e2e-staff-inquiry-tracking'>{i.trackingNo}</Text>
                {i.flagged ? <Text className='gk-iq-flag e2e-calendar-flag'>日历未录入</Text> : null}
              </View>
              <Text className='gk-staff-item__title e2e-staff-inquiry-subject'>{i.subject}</Text>
              <View className='gk-staff-item__meta'>
                <Text className={`gk-iq-due ${u ? `gk-iq-due--${u}` : ''} e2e-staff-inquiry-due`}>
                  {i.overdue ? '已超期 · ' : i.dueSoon ? '即将到期 · ' : ''}期限 {formatDateTime(i.dueAt)}
                </Text>
                <Text>{i.unitName}</Text>
                {i.handlerName ? <Text>办理人 {i.handlerName}</Text> : null}
              </View>
            </View>
          );
        }}
      />
    </View>
  );
}
