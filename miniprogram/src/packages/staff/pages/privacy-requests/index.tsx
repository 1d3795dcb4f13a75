import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { RIGHTS_REQUEST_STATUS_LABELS, type RightsRequestStatus, type StaffRightsRequestView } from '@gongkai/shared';
import { listRightsRequests } from '../../../../api/staff-privacy';
import { useListPage } from '../../../../hooks/usePagedList';
import { PagedList } from '../../../../components/PagedList';
import { Tabs } from '../../components/Tabs';
import { ROUTES, withQuery } from '../../../../utils/routes';
import { formatDateTime } from '../../utils/time';
import '../../components/staff.scss';
import '../inquiries/index.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

type Tab = RightsRequestStatus | 'all';

const TABS: { key: Tab; label: string }[] = [
  { key: 'pending', label: RIGHTS_REQUEST_STATUS_LABELS.pending },
  { key: 'done', label: RIGHTS_REQUEST_STATUS_LABELS.done },
  { key: 'refused', label: RIGHTS_REQUEST_STATUS_LABELS.refused },
  { key: 'all', label: '全部' },
];

const EMPTY: Record<Tab, string> = {
  pending: '暂无办理中的申请',
  done: '暂无已办结的申请',
  refused: '暂无不予办理的申请',
  all: '暂无个人信息权利申请',
};

/** 个人信息权利申请: parents' requests to see, correct or delete their data; 15 working days each, overdue marked. */
function StaffPrivacyRequestsPage() {
  const [tab, setTab] = useState<Tab>('pending');
  // Back from a detail: the request may have been answered.
  const list = useListPage<StaffRightsRequestView>(
    (cursor) => listRightsRequests({ status: tab === 'all' ? undefined : tab, cursor, limit: 20 }),
    (r) => r.id,
    tab,
    { refreshOnReturn: true },
  );

  return (
    <View className={pageRootClass('gk-page gk-staff-privacy-requests e2e-privacy-requests')}>
      <Tabs tabs={TABS} value={tab} onChange={setTab} e2e='privacy-requests' />
      <PagedList
        list={list}
        emptyText={EMPTY[tab]}
        renderItem={(r) => (
          <View
            key={r.id}
            className={`gk-staff-item gk-iq-item ${r.overdue ? 'gk-iq-item--overdue e2e-overdue' : ''} e2e-privacy-request-item`}
            data-id={r.id}
            data-status={r.status}
            onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.staffPrivacyRequest, { id: r.id }) })}
          >
            <View className='gk-staff-item__meta' style={{ marginTop: 0 }}>
              <Text className='gk-status e2e-privacy-request-status'>{r.statusLabel}</Text>
              <Text className='e2e-privacy-request-kind'>{r.kindLabel}</Text>
              <Text className='e2e-privacy-request-parent'>{r.parentName}</Text>
            </View>
            <Text className='gk-staff-item__title e2e-privacy-request-content'>{r.content}</Text>
            <View className='gk-staff-item__meta'>
              {r.status === 'pending' ? (
                <Text className={`gk-iq-due ${r.overdue ? 'gk-iq-due--overdue' : ''} e2e-privacy-request-due`}>
                  {r.overdue ? '已超期 · ' : ''}办理期限 {r.dueDate}
                </Text>
              ) : (
                <Text className='e2e-privacy-request-replied'>
                  {r.handledBy ? `${r.handledBy} · ` : ''}
                  {formatDateTime(r.repliedAt)} 答复
                </Text>
              )}
              <Text>收到 {formatDateTime(r.receivedAt)}</Text>
            </View>
          </View>
        )}
      />
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks privacy; phones get the page alone). */
export default function StaffPrivacyRequests() {
  return (
    <StaffShell active='privacy'>
      <StaffPrivacyRequestsPage />
    </StaffShell>
  );
}
