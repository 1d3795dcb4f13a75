import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { NOTICE_STATUS_LABELS, REPORT_EXPORT_FORMATS, defaultReportYear, type AnnualReportView, type ReportExportFormat } from '@gongkai/shared';
import { listCategories } from '../../../../api/catalog';
import { ApiError } from '../../../../api/errors';
import { generateReportNotice, getAnnualReport, getReportYears, reportExportUrl } from '../../../../api/staff-reports';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { param, withQuery } from '../../../../utils/routes';
import { ChoiceChips } from '../../components/Controls';
import { Tabs } from '../../components/Tabs';
import { staffNoticePath } from '../../components/StaffNoticeItem';
import { todayShanghai } from '../../utils/disclosure-format';
import { formatDateTime } from '../../utils/time';
import { openReportExport } from '../../utils/reports-files';
import {
  DEFAULT_REPORT_CATEGORY,
  EXPORT_LABELS,
  REPORT_ROUTES,
  REPORT_STATE_LABELS,
  canGenerateNotice,
  exportFileName,
  failedCells,
  unbalancedLines,
  yearChoices,
} from '../../utils/reports-format';
import { NarrativeEditor } from './NarrativeEditor';
import { ReportFiguresView } from './ReportFigures';
import { Table2View, Table3View, Table4View } from './ReportTables';
import '../../components/staff.scss';
import '../disclosure/disclosure.scss';
import './reports.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

/**
 * 年度报告: a year's 政府信息公开工作年度报告 as it stands — its state and notice, the balance
 * checks (every one, passing or not), tables 二 三 四 in the national format, the figures in the
 * bureau's words, the narrative to write, the exports, and 生成公告, which writes it into a draft
 * notice its author then submits into the review chain from the notice's page.
 */
function StaffReportsPage() {
  const router = useRouter();
  const asked = Number(param(router.params, 'year')) || null;
  const today = todayShanghai();
  const years = useAsync(getReportYears);
  const [picked, setPicked] = useState<number | null>(asked);
  // Without the list of years (it failed), the report due next.
  const year = picked ?? years.data?.defaultYear ?? (years.error ? defaultReportYear(today) : null);
  const report = useAsync(async () => (year === null ? null : getAnnualReport(year)), [year]);
  const [latest, setView] = useState<AnnualReportView | null>(null);
  useEffect(() => setView(report.data ?? null), [report.data]);
  // Another year's report stays out while the one chosen loads.
  const view = latest && latest.year === year ? latest : null;

  const categories = useAsync(listCategories);
  const [category, setCategory] = useState(DEFAULT_REPORT_CATEGORY);
  const [unbalanced, setUnbalanced] = useState<string[] | null>(null);
  const action = useAction();
  const exporting = useAction();

  // Back from the notice's page (submitted, approved…): read the state again.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void report.reload();
    shown.current = true;
  });
  usePullDownRefresh(() => {
    void Promise.all([years.reload(), report.reload()]).finally(() => Taro.stopPullDownRefresh());
  });

  const choose = (y: number) => {
    setUnbalanced(null);
    setPicked(y);
  };

  const exportAs = (format: ReportExportFormat) => {
    if (!view) return;
    void exporting.run(() => openReportExport(reportExportUrl(view.year, format), format, exportFileName(view.data.title, format)));
  };

  const generate = () => {
    if (!view) return;
    setUnbalanced(null);
    void action.run(() => generateReportNotice(view.year, { categoryCode: category }), {
      success: view.notice ? '已更新公告草稿' : '已生成公告草稿',
      refresh: (next) => {
        setView(next);
        void years.reload();
      },
      onError: (e) => {
        if (e instanceof ApiError && e.code === 'REPORT_UNBALANCED') {
          setUnbalanced(unbalancedLines(e.details, view.checks));
          // The figures may have moved since the page was read: show the checks as they are now.
          void report.reload();
        }
        return false;
      },
    });
  };

  const yearTabs = yearChoices(years.data, today);
  if (year !== null && !yearTabs.includes(year)) yearTabs.unshift(year);

  return (
    <View className={pageRootClass('gk-page gk-reports e2e-reports')} data-year={year ?? ''} data-state={view?.state ?? ''}>
      {yearTabs.length ? <Tabs tabs={yearTabs.map((y) => ({ key: String(y), label: `${y}年` }))} value={String(year ?? '')} onChange={(k) => choose(Number(k))} e2e='report-year' /> : null}
      {(report.loading || years.loading) && !view ? (
        <DetailSkeleton />
      ) : report.error ? (
        <ErrorState error={report.error} onRetry={() => void report.reload()} />
      ) : !view ? (
        years.error ? <ErrorState error={years.error} onRetry={() => void years.reload()} /> : <DetailSkeleton />
      ) : (
        <ReportBody
          view={view}
          onSaved={setView}
          onReload={() => void report.reload()}
          categories={(categories.data ?? []).map((c) => ({ value: c.code, label: c.name }))}
          category={category}
          onCategory={setCategory}
          onGenerate={generate}
          onExport={exportAs}
          busy={action.busy}
          exportBusy={exporting.busy}
          unbalanced={unbalanced}
        />
      )}
    </View>
  );
}

function ReportBody({
  view,
  onSaved,
  onReload,
  categories,
  category,
  onCategory,
  onGenerate,
  onExport,
  busy,
  exportBusy,
  unbalanced,
}: {
  view: AnnualReportView;
  onSaved: (v: AnnualReportView) => void;
  onReload: () => void;
  categories: { value: string; label: string }[];
  category: string;
  onCategory: (code: string) => void;
  onGenerate: () => void;
  onExport: (format: ReportExportFormat) => void;
  busy: boolean;
  exportBusy: boolean;
  unbalanced: string[] | null;
}) {
  const bad = failedCells(view.checks);
  const notice = view.notice;
  const go = (url: string) => void Taro.navigateTo({ url });
  return (
    <View>
      <View className='gk-dq__card gk-reports__head'>
        <Text className='gk-reports__title e2e-report-title'>{view.data.title}</Text>
        <View className='gk-staff-item__meta'>
          <Text className={`gk-status gk-reports__state--${view.state} e2e-report-state`} data-state={view.state}>
            {REPORT_STATE_LABELS[view.state]}
          </Text>
          <Text>数据截至 {formatDateTime(view.data.asOf)}</Text>
          <Text>落款 {view.data.dated}</Text>
        </View>
        {notice ? (
          <View className='gk-reports__notice e2e-report-notice' data-id={notice.id} data-status={notice.status} onClick={() => go(staffNoticePath(notice))}>
            <Text className='gk-reports__notice-title'>公告：{notice.title}</Text>
            <Text className='gk-dq__small'>
              {NOTICE_STATUS_LABELS[notice.status] ?? notice.status}
              {notice.publishedAt ? ` · ${formatDateTime(notice.publishedAt)} 发布` : ''}
              {notice.status === 'draft' || notice.status === 'returned' ? ' · 打开公告提交审核 ›' : ' · 查看 ›'}
            </Text>
          </View>
        ) : null}
        {view.frozen ? (
          <Text className='gk-dq__small e2e-report-frozen'>以下为生成公告时的数据（已冻结）。</Text>
        ) : null}
        {view.frozen && view.liveDiffers ? (
          <Text className='gk-dq__warn e2e-report-live-differs'>当前系统中的数据与已送审、发布的报告不同：如需更正，请撤回公告后重新生成。</Text>
        ) : null}
        <View className='gk-btn-row' style={{ padding: '16px 0 0' }}>
          <View className='gk-btn gk-btn--small e2e-report-records-link' onClick={() => go(withQuery(REPORT_ROUTES.records, { year: view.year }))}>
            <Text>年报资料（热点回应、发布会、建议提案…）</Text>
          </View>
        </View>
      </View>

      <View className='gk-dq__card e2e-report-checks' data-balanced={view.balanced ? 'true' : 'false'}>
        <Text className='gk-dq__title'>{view.balanced ? '核对：全部通过' : '核对：有未通过的项目'}</Text>
        {view.checks.map((c) => (
          <View key={c.code} className={`gk-reports__check ${c.ok ? '' : 'gk-reports__check--bad e2e-check-failed'} e2e-report-check`} data-code={c.code} data-ok={c.ok ? 'true' : 'false'}>
            <Text className='gk-reports__mark e2e-report-check-mark'>{c.ok ? '✓' : '✗'}</Text>
            <Text className='gk-reports__check-text e2e-report-check-message'>{c.message}</Text>
          </View>
        ))}
      </View>

      <View className='gk-dq__card'>
        <Text className='gk-dq__title'>二、主动公开政府信息情况</Text>
        <Table2View data={view.data} bad={bad} />
      </View>
      <View className='gk-dq__card'>
        <Text className='gk-dq__title'>三、收到和处理政府信息公开申请情况</Text>
        <Text className='gk-dq__small gk-reports__swipe'>表格较宽，可左右滑动查看</Text>
        <Table3View data={view.data} bad={bad} />
      </View>
      <View className='gk-dq__card'>
        <Text className='gk-dq__title'>四、政府信息公开行政复议、行政诉讼情况</Text>
        <Table4View data={view.data} bad={bad} />
      </View>

      <View className='gk-dq__card'>
        <Text className='gk-dq__title'>工作数据</Text>
        <ReportFiguresView figures={view.data.figures} />
      </View>

      <NarrativeEditor view={view} onSaved={onSaved} onReload={onReload} />

      <View className='gk-dq__card e2e-report-exports'>
        <Text className='gk-dq__title'>导出</Text>
        <View className='gk-btn-row' style={{ padding: '8px 0 0' }}>
          {REPORT_EXPORT_FORMATS.map((f) => (
            <View key={f} className={`gk-btn ${exportBusy ? 'gk-btn--disabled' : ''} e2e-report-export-${f}`} onClick={() => onExport(f)}>
              <Text>{EXPORT_LABELS[f]}</Text>
            </View>
          ))}
        </View>
        <Text className='gk-dq__small'>导出的是当前页面所示的报告{view.frozen ? '（已冻结的版本）' : ''}；PDF 含图表，可直接打印。</Text>
      </View>

      {canGenerateNotice(view) ? (
        <View className='gk-dq__card e2e-report-generate-form'>
          <Text className='gk-dq__title'>{notice && view.state !== 'withdrawn' ? '更新公告' : '生成公告'}</Text>
          <Text className='gk-dq__small'>
            把报告写成一条公开信息（附 PDF），再由撰稿人提交审核，经科室负责人、保密审查、分管领导审核后发布。选择归入的公开目录栏目：
          </Text>
          <ChoiceChips options={categories} selected={[category]} onToggle={onCategory} hookPrefix='e2e-report-category' className='gk-reports__categories' />
          {!view.narrative.saved ? <Text className='gk-dq__warn e2e-report-generate-unsaved'>请先保存本年度报告的文字部分，再生成公告。</Text> : null}
          {!view.balanced ? <Text className='gk-dq__warn e2e-report-generate-blocked'>核对未通过的报告不能生成公告，请先更正数据。</Text> : null}
          {unbalanced ? (
            <View className='gk-dq__warn e2e-report-unbalanced'>
              <Text className='gk-reports__unbalanced-head'>报告不平衡，不能生成公告：</Text>
              {unbalanced.map((line, i) => (
                <Text key={i} className='gk-reports__unbalanced-cell e2e-report-unbalanced-cell'>
                  {line}
                </Text>
              ))}
            </View>
          ) : null}
          <View className='gk-btn-row' style={{ padding: '16px 0 0' }}>
            <View className={`gk-btn gk-btn--primary ${busy ? 'gk-btn--disabled' : ''} e2e-report-generate`} onClick={onGenerate}>
              <Text>{notice && view.state !== 'withdrawn' ? '重新生成公告草稿' : '生成公告'}</Text>
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks reports; phones get the page alone). */
export default function StaffReports() {
  return (
    <StaffShell active='reports'>
      <StaffReportsPage />
    </StaffShell>
  );
}
