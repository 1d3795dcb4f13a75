import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { NOTICE_STATUS_LABELS, type ZoningTableView, type ZoningYearView } from '@gongkai/shared';
import { listZoningYearsStaff } from '../../../../api/zoning';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, EmptyState, ErrorState } from '../../../../components/States';
import { ROUTES, withQuery } from '../../../../utils/routes';
import { ZONING_TABLE_STATE_LABELS } from '../../../../utils/zoning-text';
import { formatDateTime } from '../../utils/time';
import { ImportPanel } from './ImportPanel';
import { TemplateLink } from './TemplateLink';
import '../../components/staff.scss';
import './zoning.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

/** The year a new import is most likely for: the one after the latest table, or this year when there is none. */
function nextYear(years: readonly ZoningYearView[]): number {
  const latest = years.reduce((max, y) => Math.max(max, y.year), 0);
  return latest ? latest + 1 : Number(formatDateTime(new Date().toISOString()).slice(0, 4));
}

function TableItem({ table }: { table: ZoningTableView }) {
  return (
    <View
      className='gk-zs__table e2e-zoning-table'
      hoverClass='gk-zs__table--pressed'
      data-id={table.id}
      data-state={table.state}
      onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.staffZoningTable, { id: table.id }) })}
    >
      <View className='gk-zs__table-head'>
        <Text className='gk-zs__value'>{table.sourceName}</Text>
        <Text className='gk-status e2e-zoning-table-state'>{ZONING_TABLE_STATE_LABELS[table.state]}</Text>
      </View>
      <View className='gk-zs__meta'>
        <Text>{table.ruleCount} 条规则</Text>
        <Text>{table.schoolCount} 所学校</Text>
        <Text>
          {table.importedBy} 导入于 {formatDateTime(table.importedAt)}
        </Text>
      </View>
      {table.notice ? (
        <View className='gk-zs__meta'>
          <Text>
            通知：{table.notice.title}（{NOTICE_STATUS_LABELS[table.notice.status]}）
          </Text>
        </View>
      ) : null}
      {table.publishedAt ? (
        <View className='gk-zs__meta'>
          <Text>
            {formatDateTime(table.publishedAt)} 生效{table.publishedBySetup ? '（初始化导入）' : ''}
          </Text>
        </View>
      ) : null}
    </View>
  );
}

/** 学区划分: each school year with its tables and their states, the import, the template, and the ways to compare years and see what parents did not find. */
function StaffZoningPage() {
  const years = useAsync(listZoningYearsStaff);
  usePullDownRefresh(() => void years.reload().finally(() => Taro.stopPullDownRefresh()));
  // Back from a table (attached, edited): its state may have changed.
  useDidShow(() => {
    if (years.data) void years.reload();
  });
  const go = (url: string) => void Taro.navigateTo({ url });

  return (
    <View className={pageRootClass('gk-page gk-zs e2e-zoning-staff')}>
      <View className='gk-zs__section'>
        <Text className='gk-zs__title'>划片范围</Text>
        <Text className='gk-zs__note'>每个招生年度的划片表：导入为草稿，关联到当年的划片招生通知，随通知审核发布后生效，家长即可在“学区查询”中查到。</Text>
        <View className='gk-btn-row'>
          <TemplateLink />
          <View className='gk-btn gk-btn--small e2e-zoning-compare-link' onClick={() => go(ROUTES.staffZoningCompare)}>
            <Text>年度对比</Text>
          </View>
          <View className='gk-btn gk-btn--small e2e-zoning-misses-link' onClick={() => go(ROUTES.staffZoningMisses)}>
            <Text>未查到的地址</Text>
          </View>
        </View>
      </View>
      {years.data ? <ImportPanel defaultYear={nextYear(years.data)} onImported={() => void years.reload()} /> : null}
      {!years.data ? (
        years.error ? (
          <ErrorState error={years.error} onRetry={() => void years.reload()} />
        ) : (
          <DetailSkeleton />
        )
      ) : !years.data.length ? (
        <EmptyState text='还没有划片表' hint='下载模板，按模板填写后导入' />
      ) : (
        years.data.map((y) => (
          <View key={y.year} className='gk-zs__section e2e-zoning-year' data-year={y.year}>
            <View className='gk-zs__year-head'>
              <Text className='gk-zs__title'>{y.year}年</Text>
              {y.current ? <Text className='gk-status e2e-zoning-year-current'>当前</Text> : null}
            </View>
            {y.tables.map((t) => (
              <TableItem key={t.id} table={t} />
            ))}
          </View>
        ))
      )}
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks zoning; phones get the page alone). */
export default function StaffZoning() {
  return (
    <StaffShell active='zoning'>
      <StaffZoningPage />
    </StaffShell>
  );
}
