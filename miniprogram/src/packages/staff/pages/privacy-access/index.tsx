import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PERSONAL_DATA, type ErasureRecordView, type PersonalDataAccessView } from '@gongkai/shared';
import { listAccessLog, listErasures } from '../../../../api/staff-privacy';
import { useListPage } from '../../../../hooks/usePagedList';
import { PagedList } from '../../../../components/PagedList';
import { Tabs } from '../../components/Tabs';
import { param } from '../../../../utils/routes';
import { formatDateTime } from '../../utils/time';
import '../../components/staff.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

type Tab = 'access' | 'erasures';

const TABS: { key: Tab; label: string }[] = [
  { key: 'access', label: '访问记录' },
  { key: 'erasures', label: '删除记录' },
];

const ACTION_LABELS: Record<string, string> = {
  'personal_data.view': '查看',
  'personal_data.export': '导出',
};

const ENTITY_LABELS: Record<string, string> = {
  inquiry: '咨询投诉',
  inquiry_photo: '咨询照片',
  rights_request: '权利申请',
  privacy_rights_request: '权利申请',
  parent: '家长账号',
};

/** The fields features name in a record, in words; the shared list of personal data covers its own kinds. */
const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(PERSONAL_DATA.map((d) => [d.kind, d.label])),
  content: '内容',
  subject: '标题',
  phone: '联系电话',
  photo: '照片',
  photos: '照片',
  displayName: '账号名称',
  openid: '微信标识',
  unionid: '微信标识',
};

const REASON_LABELS: Record<ErasureRecordView['reason'], string> = {
  retention: '保存期限届满',
  cancellation: '注销账号',
  consent_withdrawn: '撤回同意',
};


const fieldsText = (fields: string[]) => [...new Set(fields.map((f) => FIELD_LABELS[f] ?? f))].join('、');

function target(r: PersonalDataAccessView): string {
  const what = ENTITY_LABELS[r.entityType] ?? r.entityType;
  return r.entityId ? `${what} #${r.entityId}` : what;
}

/**
 * 个人信息访问记录 (admin): who among staff read or exported a parent's personal data, when, which
 * item, which fields and why; and 删除记录: what the retention job, cancellations and withdrawn
 * consents erased. `?parentId=` (or tapping a parent) narrows the reads to one parent.
 */
function StaffPrivacyAccessPage() {
  const router = useRouter();
  const [tab, setTab] = useState<Tab>(() => (param(router.params, 'tab') === 'erasures' ? 'erasures' : 'access'));
  const [parentId, setParentId] = useState<number | null>(() => {
    const n = Number(param(router.params, 'parentId'));
    return Number.isInteger(n) && n > 0 ? n : null;
  });
  const reads = useListPage<PersonalDataAccessView>(
    (cursor) => listAccessLog({ ...(parentId !== null ? { parentId } : {}), cursor, limit: 20 }),
    (r) => r.id,
    `access-${parentId ?? ''}`,
    { enabled: tab === 'access' },
  );
  const erasures = useListPage<ErasureRecordView>((cursor) => listErasures({ cursor, limit: 20 }), (r) => r.id, 'erasures', { enabled: tab === 'erasures' });

  return (
    <View className={pageRootClass('gk-page gk-staff-privacy-access e2e-privacy-access')}>
      <Tabs tabs={TABS} value={tab} onChange={setTab} e2e='privacy-access' />
      {tab === 'access' ? (
        <View>
          {parentId !== null ? (
            <View className='gk-staff-item__meta e2e-access-filter' style={{ padding: '16px 24px' }}>
              <Text>仅显示家长 #{parentId} 的个人信息被访问的记录</Text>
              <Text className='gk-status e2e-access-filter-clear' onClick={() => setParentId(null)}>
                查看全部
              </Text>
            </View>
          ) : null}
          <PagedList
            list={reads}
            emptyText='暂无访问记录'
            renderItem={(r) => (
              <View key={r.id} className='gk-staff-item e2e-access-item' data-id={r.id} data-action={r.action} data-entity-type={r.entityType} data-entity-id={r.entityId ?? ''}>
                <View className='gk-staff-item__meta' style={{ marginTop: 0 }}>
                  <Text className='gk-status e2e-access-action'>{ACTION_LABELS[r.action] ?? r.action}</Text>
                  <Text className='e2e-access-actor'>{r.actorUsername ?? '（账号已删除）'}</Text>
                  <Text className='e2e-access-time'>{formatDateTime(r.createdAt)}</Text>
                </View>
                <Text className='gk-staff-item__title e2e-access-purpose'>{r.purpose}</Text>
                <View className='gk-staff-item__meta'>
                  <Text className='e2e-access-target'>{target(r)}</Text>
                  {r.parentId !== null ? (
                    <Text className='e2e-access-parent' onClick={() => setParentId(r.parentId)}>
                      家长 #{r.parentId}
                    </Text>
                  ) : null}
                </View>
                <View className='gk-staff-item__meta'>
                  <Text className='e2e-access-fields'>字段：{r.fields.length ? fieldsText(r.fields) : '—'}</Text>
                  {r.ip ? <Text>IP {r.ip}</Text> : null}
                </View>
              </View>
            )}
          />
        </View>
      ) : (
        <PagedList
          list={erasures}
          emptyText='暂无删除记录'
          renderItem={(r) => (
            <View key={r.id} className='gk-staff-item e2e-erasure-item' data-id={r.id} data-reason={r.reason}>
              <View className='gk-staff-item__meta' style={{ marginTop: 0 }}>
                <Text className='gk-status e2e-erasure-reason'>{REASON_LABELS[r.reason] ?? r.reason}</Text>
                <Text className='e2e-erasure-time'>{formatDateTime(r.createdAt)}</Text>
                {r.parentId !== null ? <Text className='e2e-erasure-parent'>家长 #{r.parentId}</Text> : null}
              </View>
              <Text className='gk-staff-item__title e2e-erasure-kind'>
                {r.label}：{r.count} 条
              </Text>
            </View>
          )}
        />
      )}
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks privacy; phones get the page alone). */
export default function StaffPrivacyAccess() {
  return (
    <StaffShell active='privacy'>
      <StaffPrivacyAccessPage />
    </StaffShell>
  );
}
