import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { INQUIRY_STATUS_LABELS, may, type InquiryStatus, type StaffInquiryListItem } from '@gongkai/shared';
import { staffMe } from '../../components/staff-session';
import { listStaffInquiries } from '../../../../api/inquiries';
import { useAsync } from '../../../../hooks/useAsync';
import { useListPage } from '../../../../hooks/usePagedList';
import { PagedList } from '../../../../components/PagedList';
import { Tabs } from '../../components/Tabs';
import { kindLabel } from '../../../../inquiry/inquiry';
import { ROUTES, param, withQuery } from '../../../../utils/routes';
import { formatDateTime } from '../../utils/time';
import { StaffShell } from '../../components/StaffShell';
import { PagedTable, type TableColumn } from '../../components/StaffTable';
import { useDesk } from '../../components/useDesk';
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

const COLUMNS: TableColumn<StaffInquiryListItem>[] = [
  { key: 'subject', label: '主题', kind: 'text', value: (i) => i.subject, className: 'gk-table__title', render: (i) => <span className='e2e-staff-inquiry-subject'>{i.subject}</span> },
  {
    key: 'status',
    label: '状态',
    kind: 'text',
    value: (i) => i.statusLabel,
    className: 'gk-table__nowrap',
    render: (i) => (
      <>
        <span className='gk-status e2e-staff-inquiry-status'>{i.statusLabel}</span>
        {i.flagged ? <span className='gk-iq-flag e2e-calendar-flag'> 日历未录入</span> : null}
      </>
    ),
  },
  { key: 'kind', label: '类型', kind: 'text', value: (i) => kindLabel(i.kind), className: 'gk-table__nowrap' },
  { key: 'tracking', label: '编号', kind: 'text', value: (i) => i.trackingNo, className: 'gk-table__nowrap', render: (i) => <span className='e2e-staff-inquiry-tracking'>{i.trackingNo}</span> },
  { key: 'unit', label: '科室', kind: 'text', value: (i) => i.unitName },
  { key: 'handler', label: '办理人', kind: 'text', value: (i) => i.handlerName, render: (i) => i.handlerName ?? '—' },
  { key: 'created', label: '提交时间', kind: 'date', value: (i) => i.createdAt, render: (i) => formatDateTime(i.createdAt), className: 'gk-table__nowrap' },
  {
    key: 'due',
    label: '期限',
    kind: 'date',
    value: (i) => i.dueAt,
    className: 'gk-table__nowrap',
    render: (i) => {
      const u = urgency(i);
      return (
        <span className={`gk-iq-due ${u ? `gk-iq-due--${u}` : ''} e2e-staff-inquiry-due`}>
          {i.overdue || i.dueSoon ? <span className='gk-table__flag'>{i.overdue ? '已超期' : '即将到期'}</span> : null}
          {formatDateTime(i.dueAt)}
        </span>
      );
    },
  },
];

/** 咨询办理: the inquiries of the reader's units, overdue first, then by time left (the server's order). */
export default function StaffInquiries() {
  const router = useRouter();
  const desk = useDesk();
  const [tab, setTab] = useState<Tab>(() => (param(router.params, 'tab') === 'reply_review' ? 'reply_review' : 'open'));
  // A leader handles no unit's inquiries: only the replies sent to leaders for review.
  const me = useAsync(() => staffMe());
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

  const emptyText = tab === 'open' ? '暂无待办的咨询' : tab === 'reply_review' ? '暂无待您审核的答复' : '没有咨询';

  return (
    <StaffShell active='inquiries'>
      <View className={pageRootClass('gk-page gk-staff-inquiries e2e-staff-inquiries')}>
        <Tabs tabs={tabs} value={tab} onChange={setTab} e2e='inquiries' />
        {desk ? (
          <PagedTable
            name='inquiries'
            caption='咨询投诉，已超期的在前，其余按剩余时间'
            list={list}
            columns={COLUMNS}
            rowKey={(i) => i.id}
            onOpen={(i) => void Taro.navigateTo({ url: withQuery(ROUTES.staffInquiry, { id: i.id }) })}
            rowClassName={(i) => {
              const u = urgency(i);
              return `gk-iq-item ${u ? `gk-iq-item--${u} e2e-${u}` : ''} e2e-staff-inquiry-item`;
            }}
            rowData={(i) => ({ id: i.id, status: i.status, urgency: urgency(i) || 'normal' })}
            searchText={(i) => `${i.subject} ${i.trackingNo} ${i.unitName} ${i.handlerName ?? ''} ${kindLabel(i.kind)}`}
            status={{ value: (i) => i.status, label: (i) => i.statusLabel }}
            emptyText={emptyText}
          />
        ) : (
          <PagedList
            list={list}
            emptyText={emptyText}
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
        )}
      </View>
    </StaffShell>
  );
}
