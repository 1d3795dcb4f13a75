import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CATEGORY_SEEDS, CORRECTION_STATUS_LABELS, NOTICE_STATUSES, NOTICE_STATUS_LABELS, type NoticeStatus, type StaffNoticeView } from '@gongkai/shared';
import { deleteNotice, listStaffNotices, submitNotice } from '../../../../api/staff';
import { errorMessage } from '../../../../api/errors';
import { useListPage } from '../../../../hooks/usePagedList';
import { PagedList } from '../../../../components/PagedList';
import { Tabs } from '../../components/Tabs';
import { StaffNoticeItem, staffNoticePath } from '../../components/StaffNoticeItem';
import { StaffShell } from '../../components/StaffShell';
import { PagedTable, type TableColumn } from '../../components/StaffTable';
import { useDesk } from '../../components/useDesk';
import { formatDateTime } from '../../utils/time';
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

// The catalogue's seeded names: admins rarely rename them, and an unknown code shows as itself.
const CATEGORY_NAMES = new Map(CATEGORY_SEEDS.map((c) => [c.code, c.name]));

const statusLabel = (n: StaffNoticeView) => NOTICE_STATUS_LABELS[n.status] ?? n.status;

const COLUMNS: TableColumn<StaffNoticeView>[] = [
  { key: 'title', label: '标题', kind: 'text', value: (n) => n.title, className: 'gk-table__title', render: (n) => <span className='e2e-draft-title'>{n.title || '（无标题）'}</span> },
  {
    key: 'status',
    label: '状态',
    kind: 'text',
    value: statusLabel,
    className: 'gk-table__nowrap',
    render: (n) => (
      <>
        <span className='gk-status e2e-draft-status'>{statusLabel(n)}</span>
        {n.correction ? <span className='gk-status e2e-draft-correction'> 更正：{CORRECTION_STATUS_LABELS[n.correction.status]}</span> : null}
      </>
    ),
  },
  { key: 'category', label: '分类', kind: 'text', value: (n) => CATEGORY_NAMES.get(n.categoryCode) ?? n.categoryCode, className: 'gk-table__nowrap' },
  { key: 'author', label: '作者', kind: 'text', value: (n) => n.authorName, className: 'gk-table__nowrap' },
  { key: 'round', label: '轮次', kind: 'number', value: (n) => n.round, render: (n) => (n.round > 0 ? `第 ${n.round} 轮` : '—'), className: 'gk-table__nowrap' },
  { key: 'updated', label: '更新时间', kind: 'date', value: (n) => n.updatedAt, render: (n) => formatDateTime(n.updatedAt), className: 'gk-table__nowrap' },
  { key: 'published', label: '发布时间', kind: 'date', value: (n) => n.publishedAt, render: (n) => (n.publishedAt ? formatDateTime(n.publishedAt) : '—'), className: 'gk-table__nowrap' },
];

const canSubmit = (n: StaffNoticeView) => n.actions.includes('submit');
// Deleting is for drafts that never entered review; a returned notice keeps its review history.
const canDelete = (n: StaffNoticeView) => n.status === 'draft' && n.actions.includes('edit');

/**
 * 我的稿件: the notices of the caller's unit by status; 已发布 (?status=published) is where one
 * withdraws and, for the release centre, pushes (the side navigation's 推送 opens it with ?nav=push).
 * Desk-wide (H5 ≥ 1024 px) the list is a table, and drafts may be picked to submit or delete them
 * one after another through the per-notice calls.
 */
export default function StaffNotices() {
  const router = useRouter();
  const desk = useDesk();
  const [tab, setTab] = useState<NoticeStatus | 'all'>(() => initialTab(param(router.params, 'status')));
  const [picked, setPicked] = useState<Set<string | number>>(new Set());
  const [bulkBusy, setBulkBusy] = useState(false);
  useEffect(() => {
    if (tab === 'published') void Taro.setNavigationBarTitle({ title: '已发布' });
    // Only the entry the page was opened with names it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => setPicked(new Set()), [tab]);
  // Back from the editor or the review page: the notice may have moved on.
  const list = useListPage<StaffNoticeView>(
    (cursor) => listStaffNotices({ status: tab === 'all' ? undefined : tab, cursor, limit: 20 }),
    (n) => n.id,
    tab,
    { refreshOnReturn: true },
  );

  const open = (n: StaffNoticeView) => void Taro.navigateTo({ url: staffNoticePath(n) });
  const chosen = list.items.filter((n) => picked.has(n.id));
  const toSubmit = chosen.filter(canSubmit);
  const toDelete = chosen.filter(canDelete);

  /** One call per notice, in turn; what failed is named afterwards and stays picked. */
  const bulk = async (verb: string, rows: StaffNoticeView[], call: (n: StaffNoticeView) => Promise<unknown>) => {
    if (bulkBusy || !rows.length) return;
    const ok = await Taro.showModal({
      title: `${verb}所选稿件`,
      content: verb === '删除' ? `删除所选 ${rows.length} 篇草稿？删除后不能恢复。` : `将所选 ${rows.length} 篇提交审核？`,
      confirmText: verb,
    });
    if (!ok.confirm) return;
    setBulkBusy(true);
    const failed: { notice: StaffNoticeView; reason: string }[] = [];
    for (const n of rows) {
      try {
        await call(n);
      } catch (e) {
        failed.push({ notice: n, reason: errorMessage(e) });
      }
    }
    setBulkBusy(false);
    setPicked(new Set(failed.map((f) => f.notice.id)));
    await list.refresh().catch(() => undefined);
    const done = rows.length - failed.length;
    if (!failed.length) {
      void Taro.showToast({ title: `已${verb} ${done} 篇`, icon: 'success' });
    } else {
      void Taro.showModal({
        title: `已${verb} ${done} 篇，${failed.length} 篇未能${verb}`,
        content: failed.map((f) => `《${f.notice.title || '无标题'}》：${f.reason}`).join('\n'),
        showCancel: false,
      });
    }
  };

  const toolbar =
    desk && list.items.some((n) => canSubmit(n) || canDelete(n)) ? (
      <span className='gk-table__bulk e2e-table-bulk'>
        <button type='button' className='gk-table__action gk-table__action--primary e2e-table-bulk-submit' disabled={bulkBusy || !toSubmit.length} onClick={() => void bulk('提交', toSubmit, (n) => submitNotice(n.id, n.version))}>
          提交审核{toSubmit.length ? `（${toSubmit.length}）` : ''}
        </button>{' '}
        <button type='button' className='gk-table__action e2e-table-bulk-delete' disabled={bulkBusy || !toDelete.length} onClick={() => void bulk('删除', toDelete, (n) => deleteNotice(n.id))}>
          删除{toDelete.length ? `（${toDelete.length}）` : ''}
        </button>
      </span>
    ) : null;

  return (
    <StaffShell active={param(router.params, 'nav') === 'push' ? 'push' : 'notices'}>
      <View className={pageRootClass('gk-page gk-staff-drafts e2e-drafts')}>
        <Tabs tabs={TABS} value={tab} onChange={setTab} e2e='drafts' />
        {desk ? (
          <PagedTable
            name='notices'
            caption='稿件列表'
            list={list}
            columns={COLUMNS}
            rowKey={(n) => n.id}
            onOpen={open}
            rowClassName={() => 'e2e-draft-item'}
            rowData={(n) => ({ id: n.id, status: n.status })}
            searchText={(n) => `${n.title} ${n.authorName} ${n.documentNo ?? ''} ${n.indexNo ?? ''}`}
            status={{ value: (n) => n.status, label: statusLabel }}
            selection={{ selectable: (n) => canSubmit(n) || canDelete(n), selected: picked, onChange: setPicked }}
            toolbar={toolbar}
            emptyText={tab === 'draft' ? '没有草稿，点左侧“写信息”新建一篇' : '没有稿件'}
          />
        ) : (
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
        )}
      </View>
    </StaffShell>
  );
}
