import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { getReportYears } from '../../../../api/staff-reports';
import { useAsync } from '../../../../hooks/useAsync';
import { param } from '../../../../utils/routes';
import { Tabs } from '../../components/Tabs';
import { todayShanghai } from '../../utils/disclosure-format';
import { yearChoices } from '../../utils/reports-format';
import { FiguresPanel } from './FiguresPanel';
import { NormativePanel } from './NormativePanel';
import { RecordPanel } from './RecordPanel';
import { BRIEFING_SPEC, HOT_TOPIC_SPEC, PROPOSAL_SPEC } from './RecordSpecs';
import '../../components/staff.scss';
import '../disclosure/disclosure.scss';
import './reports.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

const TABS = [
  { key: 'hot-topics', label: '热点回应' },
  { key: 'briefings', label: '发布会' },
  { key: 'proposals', label: '建议提案' },
  { key: 'figures', label: '其他系统数据' },
  { key: 'normative', label: '规范性文件' },
] as const;
type TabKey = (typeof TABS)[number]['key'];

/**
 * 年报资料: what the yearly report counts and only staff know, per year — hot-topic responses,
 * press conferences and policy briefings, NPC suggestions and CPPCC proposals, the figures of
 * other systems (table 二), and the register of 规范性文件 with their repeals.
 */
function StaffReportRecordsPage() {
  const router = useRouter();
  const today = todayShanghai();
  const thisYear = Number(today.slice(0, 4));
  const years = useAsync(getReportYears);
  const askedTab = param(router.params, 'tab') as TabKey;
  const [tab, setTab] = useState<TabKey>(TABS.some((t) => t.key === askedTab) ? askedTab : 'hot-topics');
  const asked = Number(param(router.params, 'year')) || null;
  const [picked, setPicked] = useState<number | null>(asked);
  const year = picked ?? years.data?.defaultYear ?? (years.loading ? null : thisYear);

  // This year too: its records are entered as they happen, before its report is due.
  const choices = [...new Set([thisYear, ...yearChoices(years.data, today), ...(year !== null ? [year] : [])])].sort((a, b) => b - a);

  return (
    <View className={pageRootClass('gk-page gk-report-records e2e-report-records')} data-year={year ?? ''} data-tab={tab}>
      <Tabs tabs={choices.map((y) => ({ key: String(y), label: `${y}年` }))} value={String(year ?? '')} onChange={(k) => setPicked(Number(k))} e2e='records-year' />
      <Tabs tabs={TABS} value={tab} onChange={setTab} e2e='records' />
      {year === null ? null : tab === 'hot-topics' ? (
        <RecordPanel key={`h${year}`} spec={HOT_TOPIC_SPEC} year={year} onYear={setPicked} />
      ) : tab === 'briefings' ? (
        <RecordPanel key={`b${year}`} spec={BRIEFING_SPEC} year={year} onYear={setPicked} />
      ) : tab === 'proposals' ? (
        <RecordPanel key={`p${year}`} spec={PROPOSAL_SPEC} year={year} onYear={setPicked} />
      ) : tab === 'figures' ? (
        <FiguresPanel year={year} />
      ) : (
        <NormativePanel year={year} />
      )}
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks reports; phones get the page alone). */
export default function StaffReportRecords() {
  return (
    <StaffShell active='reports'>
      <StaffReportRecordsPage />
    </StaffShell>
  );
}
