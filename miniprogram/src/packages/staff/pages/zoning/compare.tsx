import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ZoningDiff } from '@gongkai/shared';
import { compareZoningYears, listZoningYearsStaff } from '../../../../api/zoning';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, EmptyState, ErrorState } from '../../../../components/States';
import { ChoiceChips } from '../../components/Controls';
import { DiffView } from './DiffView';
import '../../components/staff.scss';
import './zoning.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

/** 年度对比: two years' tables in effect, compared (schools added and removed, addresses that change school). */
function StaffZoningComparePage() {
  // Only years with a table in effect can be compared.
  const years = useAsync(async () => (await listZoningYearsStaff()).filter((y) => y.tables.some((t) => t.state === 'published')).map((y) => y.year).sort((a, b) => b - a));
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [diff, setDiff] = useState<ZoningDiff | null>(null);
  const { busy, run } = useAction();

  if (!years.data) {
    return <View className={pageRootClass('gk-page gk-zs e2e-zoning-compare')}>{years.error ? <ErrorState error={years.error} onRetry={() => void years.reload()} /> : <DetailSkeleton />}</View>;
  }
  const list = years.data;
  if (list.length < 2) {
    return (
      <View className={pageRootClass('gk-page gk-zs e2e-zoning-compare')}>
        <EmptyState text='已发布的年度不足两个' hint='两个年度的划片表都发布后才能对比；草稿表可在其页面查看与上年的变化。' />
      </View>
    );
  }
  // Defaults: the latest year against the one before it.
  const toYear = to ?? list[0]!;
  const fromYear = from ?? list.find((y) => y < toYear) ?? list[1]!;
  const choices = list.map((y) => ({ value: String(y), label: `${y}年` }));

  const pickFrom = (v: string) => {
    setFrom(Number(v));
    setDiff(null);
  };
  const pickTo = (v: string) => {
    setTo(Number(v));
    setDiff(null);
  };
  const compare = () => {
    if (fromYear === toYear) return;
    void run(async () => setDiff(await compareZoningYears(fromYear, toYear)));
  };

  return (
    <View className={pageRootClass('gk-page gk-zs e2e-zoning-compare')}>
      <View className='gk-zs__section'>
        <Text className='gk-zs__sub'>原年度</Text>
        <ChoiceChips options={choices} selected={[String(fromYear)]} onToggle={pickFrom} hookPrefix='e2e-zoning-compare-from' />
        <Text className='gk-zs__sub'>新年度</Text>
        <ChoiceChips options={choices} selected={[String(toYear)]} onToggle={pickTo} hookPrefix='e2e-zoning-compare-to' />
        {fromYear === toYear ? <Text className='gk-zs__error'>请选择两个不同的年度</Text> : null}
        <View className='gk-btn-row'>
          <View className={`gk-btn gk-btn--primary e2e-zoning-compare-submit ${busy || fromYear === toYear ? 'gk-btn--disabled' : ''}`} onClick={compare}>
            <Text>{busy ? '正在对比…' : '对比'}</Text>
          </View>
        </View>
      </View>
      {diff ? (
        <View className='gk-zs__section'>
          <DiffView diff={diff} />
        </View>
      ) : null}
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks zoning; phones get the page alone). */
export default function StaffZoningCompare() {
  return (
    <StaffShell active='zoning'>
      <StaffZoningComparePage />
    </StaffShell>
  );
}
