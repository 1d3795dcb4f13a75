import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { NOTICE_STATUS_LABELS, ZONING_STAGE_LABELS, type ZoningRuleStaffView } from '@gongkai/shared';
import { deleteZoningRule, deleteZoningTable, getZoningTable, getZoningTableDiff, listZoningRules } from '../../../../api/zoning';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { useListPage } from '../../../../hooks/usePagedList';
import { PagedList } from '../../../../components/PagedList';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { param } from '../../../../utils/routes';
import { ZONING_TABLE_STATE_LABELS, describeRule, zoningTableEditable } from '../../../../utils/zoning-text';
import { formatDateTime } from '../../utils/time';
import { Tabs } from '../../components/Tabs';
import { AttachPanel } from './AttachPanel';
import { DiffView } from './DiffView';
import { RuleEditor } from './RuleEditor';
import '../../components/staff.scss';
import './zoning.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

type Tab = 'diff' | 'rules' | 'attach';
const TABS: { key: Tab; label: string }[] = [
  { key: 'diff', label: '与上年对比' },
  { key: 'rules', label: '规则' },
  { key: 'attach', label: '关联通知' },
];

/** Asks before an irreversible step; resolves true when confirmed. */
async function confirm(content: string, confirmText: string): Promise<boolean> {
  const res = await Taro.showModal({ title: '请确认', content, confirmText, confirmColor: '#b3261e' }).catch(() => ({ confirm: false }));
  return res.confirm;
}

function RuleItem({ rule, editable, onEdit, onDelete }: { rule: ZoningRuleStaffView; editable: boolean; onEdit: () => void; onDelete: () => void }) {
  return (
    <View className='gk-zs__rule e2e-zoning-rule-item' data-id={rule.id}>
      <Text className='gk-zs__rule-school'>
        {ZONING_STAGE_LABELS[rule.stage]} · {rule.school}
      </Text>
      <Text className='gk-zs__rule-text e2e-zoning-rule-text'>{describeRule(rule)}</Text>
      {rule.note ? <Text className='gk-zs__note'>备注：{rule.note}</Text> : null}
      <View className='gk-zs__meta'>
        <Text>{rule.sourceRow !== null ? `表中第 ${rule.sourceRow} 行` : '手工添加'}</Text>
        {editable ? (
          <Text className='gk-btn gk-btn--small e2e-zoning-rule-edit' onClick={onEdit}>
            修改
          </Text>
        ) : null}
        {editable ? (
          <Text className='gk-btn gk-btn--small e2e-zoning-rule-delete' onClick={onDelete}>
            删除
          </Text>
        ) : null}
      </View>
    </View>
  );
}

/** One table: its state and notice, what it changes against the previous year, its rules (searchable, corrected one at a time while editable), and attaching it to the 划片 notice. */
function StaffZoningTablePage() {
  const router = useRouter();
  const id = param(router.params, 'id');
  const table = useAsync(() => getZoningTable(id), [id]);
  const [tab, setTab] = useState<Tab>('diff');
  const diff = useAsync(() => (tab === 'diff' ? getZoningTableDiff(id) : Promise.resolve(undefined)), [id, tab]);
  const [searchText, setSearchText] = useState('');
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  // Bumped after a save: the list starts over so the corrected rule shows as stored.
  const [round, setRound] = useState(0);
  const rules = useListPage<ZoningRuleStaffView>(
    (cursor) => listZoningRules(id, { ...(cursor ? { cursor } : {}), ...(search ? { q: search } : {}), limit: 20 }),
    (r) => r.id,
    `${id}|${search}|${round}`,
    { enabled: tab === 'rules' },
  );

  const { run } = useAction();

  const removeRule = async (rule: ZoningRuleStaffView, version: number) => {
    if (!(await confirm(`删除这条规则？\n${describeRule(rule)} → ${rule.school}`, '删除'))) return;
    await run(() => deleteZoningRule(rule.id, version), {
      success: '已删除',
      refresh: async () => {
        await table.reload();
        setRound((n) => n + 1);
      },
    });
  };

  const removeTable = async (version: number) => {
    if (!(await confirm('删除这张草稿表？删除后不能恢复，可重新导入。', '删除'))) return;
    await run(() => deleteZoningTable(id, version), { success: '已删除', refresh: () => Taro.navigateBack() });
  };

  if (!table.data) {
    return <View className={pageRootClass('gk-page gk-zs e2e-zoning-table-page')}>{table.error ? <ErrorState error={table.error} onRetry={() => void table.reload()} /> : <DetailSkeleton />}</View>;
  }
  const t = table.data;
  const editable = zoningTableEditable(t.state);

  return (
    <View className={pageRootClass('gk-page gk-zs e2e-zoning-table-page')} data-id={t.id} data-state={t.state}>
      <View className='gk-zs__section'>
        <View className='gk-zs__table-head'>
          <Text className='gk-zs__title'>{t.year}年划片表</Text>
          <Text className='gk-status e2e-zoning-table-state'>{ZONING_TABLE_STATE_LABELS[t.state]}</Text>
        </View>
        <View className='gk-zs__row'>
          <Text className='gk-zs__key'>文件</Text>
          <Text className='gk-zs__value'>{t.sourceName}</Text>
        </View>
        <View className='gk-zs__row'>
          <Text className='gk-zs__key'>规模</Text>
          <Text className='gk-zs__value e2e-zoning-table-counts'>
            {t.ruleCount} 条规则、{t.schoolCount} 所学校
          </Text>
        </View>
        <View className='gk-zs__row'>
          <Text className='gk-zs__key'>导入</Text>
          <Text className='gk-zs__value'>
            {t.importedBy} · {formatDateTime(t.importedAt)}
          </Text>
        </View>
        {t.notice ? (
          <View className='gk-zs__row'>
            <Text className='gk-zs__key'>通知</Text>
            <Text className='gk-zs__value'>
              {t.notice.title}（{NOTICE_STATUS_LABELS[t.notice.status]}）
            </Text>
          </View>
        ) : null}
        {t.publishedAt ? (
          <View className='gk-zs__row'>
            <Text className='gk-zs__key'>生效</Text>
            <Text className='gk-zs__value'>
              {formatDateTime(t.publishedAt)}
              {t.publishedBySetup ? '（初始化导入，未经审核流程）' : ''}
            </Text>
          </View>
        ) : null}
        <Text className='gk-zs__note'>{editable ? '此表可修改；提交审核后即锁定。' : '此表已提交审核或已发布，不能修改；如需调整，请导入新表并随补充通知发布。'}</Text>
        {t.state === 'draft' ? (
          <View className='gk-btn-row'>
            <Text className='gk-btn gk-btn--small e2e-zoning-table-delete' onClick={() => void removeTable(t.version)}>
              删除此草稿表
            </Text>
          </View>
        ) : null}
      </View>

      <Tabs tabs={TABS} value={tab} onChange={setTab} e2e='zoning-table' />

      {tab === 'diff' ? (
        <View className='gk-zs__section'>
          {diff.data ? <DiffView diff={diff.data} /> : diff.error ? <ErrorState error={diff.error} onRetry={() => void diff.reload()} /> : <DetailSkeleton />}
        </View>
      ) : null}

      {tab === 'rules' ? (
        <View className='gk-zs__section e2e-zoning-rules'>
          <View className='gk-zs__search'>
            <Input
              className='gk-input e2e-zoning-rules-q'
              value={searchText}
              placeholder='按镇街、社区村、小区道路或学校查找'
              confirmType='search'
              aria-label='查找规则'
              onInput={(e) => setSearchText(e.detail.value)}
              onConfirm={() => setSearch(searchText.trim())}
            />
            <Text className='gk-btn gk-btn--small e2e-zoning-rules-search' onClick={() => setSearch(searchText.trim())}>
              查找
            </Text>
          </View>
          <PagedList
            list={rules}
            emptyText={search ? '没有符合的规则' : '此表没有规则'}
            renderItem={(r) =>
              editing === r.id && editable ? (
                <RuleEditor
                  key={r.id}
                  rule={r}
                  tableVersion={t.version}
                  onCancel={() => setEditing(null)}
                  onSaved={async () => {
                    setEditing(null);
                    await table.reload();
                    setRound((n) => n + 1);
                  }}
                />
              ) : (
                <RuleItem key={r.id} rule={r} editable={editable} onEdit={() => setEditing(r.id)} onDelete={() => void removeRule(r, t.version)} />
              )
            }
          />
        </View>
      ) : null}

      {tab === 'attach' ? <AttachPanel table={t} onAttached={() => table.reload()} /> : null}
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks zoning; phones get the page alone). */
export default function StaffZoningTable() {
  return (
    <StaffShell active='zoning'>
      <StaffZoningTablePage />
    </StaffShell>
  );
}
