import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { ZoningMissView } from '@gongkai/shared';
import { listZoningMisses, listZoningYearsStaff } from '../../../../api/zoning';
import { useAsync } from '../../../../hooks/useAsync';
import { useListPage } from '../../../../hooks/usePagedList';
import { PagedList } from '../../../../components/PagedList';
import { formatDate } from '../../../../utils/format';
import { ChoiceChips } from '../../components/Controls';
import '../../components/staff.scss';
import './zoning.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

function MissItem({ miss }: { miss: ZoningMissView }) {
  return (
    <View className='gk-zs__miss e2e-zoning-miss'>
      <Text className='gk-zs__miss-text e2e-zoning-miss-text'>{miss.text}</Text>
      <View className='gk-zs__meta'>
        <Text className='e2e-zoning-miss-count'>{miss.count} 次</Text>
        <Text>{miss.year}年</Text>
        <Text>
          {formatDate(miss.firstAt)}
          {formatDate(miss.lastAt) !== formatDate(miss.firstAt) ? ` 至 ${formatDate(miss.lastAt)}` : ''}
        </Text>
      </View>
    </View>
  );
}

/** 未查到的地址: what parents searched that the year's table did not answer (the text only, no one's identity), to add rules or aliases. */
function StaffZoningMissesPage() {
  const years = useAsync(async () => (await listZoningYearsStaff()).map((y) => y.year).sort((a, b) => b - a));
  // null: every year.
  const [year, setYear] = useState<number | null>(null);
  const list = useListPage<ZoningMissView>(
    (cursor) => listZoningMisses({ ...(year ? { year } : {}), ...(cursor ? { cursor } : {}), limit: 20 }),
    (m) => `${m.year}|${m.text}`,
    String(year ?? 'all'),
  );
  const choices = [{ value: 'all', label: '全部年度' }, ...(years.data ?? []).map((y) => ({ value: String(y), label: `${y}年` }))];

  return (
    <View className={pageRootClass('gk-page gk-zs e2e-zoning-misses')}>
      <View className='gk-zs__section'>
        <Text className='gk-zs__note'>家长查询后没有找到结果的住址（已去掉单元、室号，不含查询人信息），查询次数多的在前。可据此在下一版划片表中补充规则或地名别称。</Text>
        <ChoiceChips options={choices} selected={[year ? String(year) : 'all']} onToggle={(v) => setYear(v === 'all' ? null : Number(v))} hookPrefix='e2e-zoning-misses-year' />
      </View>
      <PagedList list={list} emptyText='没有未查到的地址' renderItem={(m) => <MissItem key={`${m.year}|${m.text}`} miss={m} />} />
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks zoning; phones get the page alone). */
export default function StaffZoningMisses() {
  return (
    <StaffShell active='zoning'>
      <StaffZoningMissesPage />
    </StaffShell>
  );
}
