import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { APPLICANT_TYPE_LABELS, DISCLOSURE_CHANNEL_LABELS, may, type StaffDisclosureListItem } from '@gongkai/shared';
import { staffMe } from '../../components/staff-session';
import { listStaffDisclosures, type StaffDisclosureScope } from '../../../../api/staff-disclosure';
import { useAsync } from '../../../../hooks/useAsync';
import { useListPage } from '../../../../hooks/usePagedList';
import { PagedList } from '../../../../components/PagedList';
import { Tabs } from '../../components/Tabs';
import { ROUTES, param, withQuery } from '../../../../utils/routes';
import { clockLine, clockState, shortDate } from '../../utils/disclosure-format';
import { StaffShell } from '../../components/StaffShell';
import { PagedTable, type TableColumn } from '../../components/StaffTable';
import { useDesk } from '../../components/useDesk';
import '../../components/staff.scss';
import './disclosure.scss';
import { pageRootClass } from '../../../../utils/text-scale';

const TABS: { key: StaffDisclosureScope; label: string }[] = [
  { key: 'open', label: '待办' },
  { key: 'approval', label: '待我审批' },
  { key: 'finished', label: '已办结' },
  { key: 'all', label: '全部' },
];

const EMPTY: Record<StaffDisclosureScope, string> = {
  open: '暂无待办的申请',
  approval: '暂无待您审批的答复书或延期',
  finished: '暂无办结的申请',
  all: '暂无申请',
};

/** The row's urgency mark (a coloured edge, as on the cards): overdue, due soon, paused or stopped. */
function markOf(i: StaffDisclosureListItem): string {
  const state = clockState(i);
  return state === 'overdue' || state === 'due-soon' || state === 'paused' || state === 'stopped' ? state : '';
}

const COLUMNS: TableColumn<StaffDisclosureListItem>[] = [
  { key: 'excerpt', label: '申请内容', kind: 'text', value: (i) => i.excerpt, className: 'gk-table__title', render: (i) => <span className='e2e-staff-disclosure-excerpt'>{i.excerpt}</span> },
  {
    key: 'status',
    label: '状态',
    kind: 'text',
    value: (i) => i.statusLabel,
    className: 'gk-table__nowrap',
    render: (i) => (
      <>
        <span className='gk-status e2e-staff-disclosure-status'>{i.statusLabel}</span>
        {i.awaitingApproval ? (
          <span className='gk-table__flag'>
            <span className='gk-dq-tag e2e-staff-disclosure-awaiting'>待审批</span>
          </span>
        ) : null}
        {i.flagged ? (
          <span className='gk-table__flag'>
            <span className='gk-dq-tag e2e-calendar-flag'>日历未录入</span>
          </span>
        ) : null}
      </>
    ),
  },
  { key: 'tracking', label: '编号', kind: 'text', value: (i) => i.trackingNo, className: 'gk-table__nowrap', render: (i) => <span className='e2e-staff-disclosure-tracking'>{i.trackingNo}</span> },
  { key: 'channel', label: '渠道', kind: 'text', value: (i) => DISCLOSURE_CHANNEL_LABELS[i.channel], render: (i) => <span className='e2e-staff-disclosure-channel'>{DISCLOSURE_CHANNEL_LABELS[i.channel]}</span> },
  {
    key: 'applicant',
    label: '申请人',
    kind: 'text',
    value: (i) => i.applicantName,
    className: 'gk-table__who',
    render: (i) => (
      <span className='e2e-staff-disclosure-applicant'>
        {i.applicantName}
        <span className='gk-table__sub'>{APPLICANT_TYPE_LABELS[i.applicantType]}</span>
      </span>
    ),
  },
  { key: 'received', label: '收到日期', kind: 'date', value: (i) => i.receivedDate, render: (i) => (i.receivedDate ? shortDate(i.receivedDate) : '—'), className: 'gk-table__nowrap' },
  {
    key: 'due',
    label: '答复期限',
    kind: 'date',
    value: (i) => i.dueDate,
    className: 'gk-table__due',
    render: (i) => {
      const mark = markOf(i);
      return <span className={`gk-dq-clock ${mark ? `gk-dq-clock--${mark}` : ''} e2e-staff-disclosure-due`}>{clockLine(i)}</span>;
    },
  },
  { key: 'handler', label: '办理人', kind: 'text', value: (i) => i.handlerName, render: (i) => <span className='e2e-staff-disclosure-handler'>{i.handlerName ?? '未指定'}</span> },
];

function isScope(v: string): v is StaffDisclosureScope {
  return TABS.some((t) => t.key === v);
}

/**
 * 依申请公开 inbox: 待办 in the server's order (overdue first, then by time left, paused and
 * stopped after the running ones); 待我审批 for the office head (letters and extensions).
 */
export default function StaffDisclosures() {
  const router = useRouter();
  const desk = useDesk();
  const initial = param(router.params, 'tab');
  const [tab, setTab] = useState<StaffDisclosureScope>(isScope(initial) ? initial : 'open');
  const me = useAsync(() => staffMe());
  const roles = me.data?.roles ?? [];
  const approves = may(roles, 'disclosure.approve');
  const handles = may(roles, 'disclosure.handle');
  const tabs = TABS.filter((t) => t.key !== 'approval' || approves);
  useEffect(() => {
    if (me.data && tab === 'approval' && !approves) setTab('open');
  }, [me.data, approves, tab]);
  // Back from a detail: it may have moved on.
  const list = useListPage<StaffDisclosureListItem>((cursor) => listStaffDisclosures(tab, cursor, 20), (i) => i.id, tab, { refreshOnReturn: true });
  const go = (url: string) => void Taro.navigateTo({ url });

  const open = (i: StaffDisclosureListItem) => go(withQuery(ROUTES.staffDisclosure, { id: i.id }));

  return (
    <StaffShell active='disclosure'>
      <View className={pageRootClass('gk-page gk-staff-disclosures e2e-staff-disclosures')}>
        <Tabs tabs={tabs} value={tab} onChange={setTab} e2e='disclosures' />
        {handles || may(roles, 'disclosure.challenges') ? (
          <View className='gk-dq-toolbar'>
            {handles ? (
              <View className='gk-btn gk-btn--primary e2e-disclosure-enter-link' onClick={() => go(ROUTES.staffDisclosureEnter)}>
                <Text>登记纸质/邮寄/传真申请</Text>
              </View>
            ) : null}
            {may(roles, 'disclosure.challenges') ? (
              <View className='gk-btn e2e-disclosure-challenges-link' onClick={() => go(ROUTES.staffDisclosureChallenges)}>
                <Text>复议诉讼登记</Text>
              </View>
            ) : null}
          </View>
        ) : null}
        {desk ? (
          <PagedTable
            name='disclosures'
            caption='依申请公开的申请，已超期的在前，其余按剩余时间'
            list={list}
            columns={COLUMNS}
            rowKey={(i) => i.id}
            onOpen={open}
            rowClassName={(i) => {
              const mark = markOf(i);
              return `gk-dq-item ${mark ? `gk-dq-item--${mark} e2e-${mark}` : ''} e2e-staff-disclosure-item`;
            }}
            rowData={(i) => ({ id: i.id, status: i.status, clock: clockState(i) })}
            searchText={(i) => `${i.excerpt} ${i.trackingNo} ${i.applicantName} ${i.handlerName ?? ''} ${DISCLOSURE_CHANNEL_LABELS[i.channel]}`}
            status={{ value: (i) => i.status, label: (i) => i.statusLabel }}
            emptyText={EMPTY[tab]}
          />
        ) : (
          <PagedList
            list={list}
            emptyText={EMPTY[tab]}
            renderItem={(i) => {
              const state = clockState(i);
              const mark = state === 'overdue' || state === 'due-soon' || state === 'paused' || state === 'stopped' ? state : '';
              return (
                <View
                  key={i.id}
                  className={`gk-staff-item gk-dq-item ${mark ? `gk-dq-item--${mark} e2e-${mark}` : ''} e2e-staff-disclosure-item`}
                  data-id={i.id}
                  data-status={i.status}
                  data-clock={state}
                  onClick={() => open(i)}
                >
                  <View className='gk-staff-item__meta' style={{ marginTop: 0 }}>
                    <Text className='gk-status e2e-staff-disclosure-status'>{i.statusLabel}</Text>
                    <Text className='e2e-staff-disclosure-tracking'>{i.trackingNo}</Text>
                    <Text className='e2e-staff-disclosure-channel'>{DISCLOSURE_CHANNEL_LABELS[i.channel]}</Text>
                    {i.awaitingApproval ? <Text className='gk-dq-tag e2e-staff-disclosure-awaiting'>待审批</Text> : null}
                    {i.flagged ? <Text className='gk-dq-tag e2e-calendar-flag'>日历未录入</Text> : null}
                  </View>
                  <Text className='gk-staff-item__title e2e-staff-disclosure-excerpt'>{i.excerpt}</Text>
                  <View className='gk-staff-item__meta'>
                    <Text className='e2e-staff-disclosure-applicant'>
                      {i.applicantName}（{APPLICANT_TYPE_LABELS[i.applicantType]}）
                    </Text>
                    {i.receivedDate ? <Text>收到 {shortDate(i.receivedDate)}</Text> : null}
                  </View>
                  <View className='gk-staff-item__meta'>
                    <Text className={`gk-dq-clock ${mark ? `gk-dq-clock--${mark}` : ''} e2e-staff-disclosure-due`}>{clockLine(i)}</Text>
                    <Text className='e2e-staff-disclosure-handler'>{i.handlerName ? `办理人 ${i.handlerName}` : '未指定办理人'}</Text>
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
