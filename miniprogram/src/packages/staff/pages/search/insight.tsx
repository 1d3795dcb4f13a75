import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { MASK_EMAIL, MASK_ID, MASK_NUMBER, MASK_PHONE, normalizeSynonymTerm, type SearchInsight, type SearchQueryStat } from '@gongkai/shared';
import { getSearchInsight } from '../../../../api/staff-search';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyState, ErrorState, ListSkeleton } from '../../../../components/States';
import { withQuery } from '../../../../utils/routes';
import { ChoiceChips } from '../../components/Controls';
import { DateField } from '../../components/DateField';
import { shanghaiToday } from '../../utils/time';
import { SEARCH_ROUTES, dayRows, lastDays, monthDay, rangeProblem, share } from './search-staff';
import '../../components/staff.scss';
import './search.scss';
import { pageRootClass } from '../../../../utils/text-scale';
import { StaffShell } from '../../components/StaffShell';

const RANGES = [7, 30, 90] as const;
const MASKS = [MASK_PHONE, MASK_ID, MASK_NUMBER, MASK_EMAIL];

/** A masked query cannot be a synonym (the mark is not a word anyone types). */
function canBeSynonym(query: string): boolean {
  return !MASKS.some((m) => query.includes(m)) && normalizeSynonymTerm(query) !== null;
}

function QueryRow({ stat, rank, hook, onSynonym }: { stat: SearchQueryStat; rank: number; hook: string; onSynonym?: (query: string) => void }) {
  return (
    <View className={`gk-ss__row ${hook}`} data-query={stat.query} data-count={stat.searches} data-zero={stat.zeroResults}>
      <Text className={`gk-ss__rank ${rank <= 3 ? 'gk-ss__rank--top' : ''}`}>{rank}</Text>
      <View className='gk-ss__row-main'>
        <Text className='gk-ss__row-text e2e-insight-query-text'>{stat.query}</Text>
        <Text className='gk-ss__row-meta'>
          {`最近 ${monthDay(stat.lastDay)}`}
          {!onSynonym && stat.zeroResults ? `，其中 ${stat.zeroResults} 次无结果` : ''}
        </Text>
      </View>
      <Text className='gk-ss__row-count e2e-insight-query-count'>{`${stat.searches} 次`}</Text>
      {onSynonym && canBeSynonym(stat.query) ? (
        <View className='gk-btn gk-btn--small gk-ss__row-action e2e-insight-add-synonym' onClick={() => onSynonym(stat.query)}>
          <Text>设为同义词</Text>
        </View>
      ) : null}
    </View>
  );
}

function DayBars({ insight }: { insight: SearchInsight }) {
  const rows = dayRows(insight);
  const max = Math.max(1, ...rows.map((r) => r.searches));
  const pct = (n: number) => `${Math.max(0, Math.min(100, Math.round((n / max) * 100)))}%`;
  return (
    <View className='gk-ss__section e2e-insight-days'>
      <Text className='gk-ss__title'>每日搜索次数</Text>
      <View className='gk-ss__legend'>
        <Text className='gk-ss__legend-all'>搜索</Text>
        <Text className='gk-ss__legend-zero'>其中无结果</Text>
      </View>
      {rows.map((r) => (
        <View key={r.day} className='gk-ss__bar e2e-insight-day' data-day={r.day} data-searches={r.searches} data-zero={r.zeroResults}>
          <Text className='gk-ss__bar-label'>{monthDay(r.day)}</Text>
          <View className='gk-ss__bar-track'>
            <View className='gk-ss__bar-fill' style={{ width: pct(r.searches) }}>
              <View className='gk-ss__bar-zero' style={{ width: r.searches ? `${Math.round((r.zeroResults / r.searches) * 100)}%` : '0%' }} />
            </View>
          </View>
          <Text className='gk-ss__bar-value'>{r.zeroResults ? `${r.searches}（${r.zeroResults}）` : String(r.searches)}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * 搜索统计: what parents searched in a date range (the last 30 days first): how often, the most
 * searched queries, those that found nothing (each can become a synonym: it opens 同义词 with the
 * query), and the searches per day. Queries are shown as kept: without who searched, phones, ID
 * numbers and house numbers masked.
 */
function StaffSearchInsightPage() {
  const today = shanghaiToday();
  const [range, setRange] = useState(() => lastDays(today, 30));
  const problem = rangeProblem(range.from, range.to);
  const insight = useAsync(async () => (problem ? null : getSearchInsight(range.from, range.to)), [range.from, range.to]);
  usePullDownRefresh(() => {
    void insight.reload().finally(() => void Taro.stopPullDownRefresh());
  });

  const preset = RANGES.find((d) => {
    const r = lastDays(today, d);
    return r.from === range.from && r.to === range.to;
  });
  const toSynonyms = (query: string) => void Taro.navigateTo({ url: withQuery(SEARCH_ROUTES.synonyms, { term: query }) });
  const data = insight.data;

  return (
    <View className={pageRootClass('gk-page gk-ss e2e-search-insight')} data-from={range.from} data-to={range.to}>
      <Text className='gk-ss__note e2e-insight-privacy'>
        {`搜索词保存时不记录是谁搜索的；其中的电话号码、证件号、邮箱和门牌号已替换为${MASK_PHONE}${MASK_ID}${MASK_EMAIL}${MASK_NUMBER}。`}
      </Text>

      <View className='gk-ss__card e2e-insight-range'>
        <ChoiceChips
          className='gk-chips--small'
          options={RANGES.map((d) => ({ value: String(d), label: `近${d}天` }))}
          selected={preset ? [String(preset)] : []}
          onToggle={(v) => setRange(lastDays(today, Number(v)))}
          hookPrefix='e2e-insight-range'
        />
        <View className='gk-ss__dates'>
          <View className='gk-ss__date'>
            <DateField mode='date' className='e2e-insight-from' value={range.from} onChange={(from) => setRange((r) => ({ ...r, from }))} />
          </View>
          <Text className='gk-ss__dash'>至</Text>
          <View className='gk-ss__date'>
            <DateField mode='date' className='e2e-insight-to' value={range.to} onChange={(to) => setRange((r) => ({ ...r, to }))} />
          </View>
        </View>
        {problem ? <Text className='gk-ss__error e2e-insight-range-error'>{problem}</Text> : null}
      </View>

      {problem ? null : insight.loading && !data ? (
        <ListSkeleton rows={3} />
      ) : insight.error ? (
        <ErrorState error={insight.error} onRetry={() => void insight.reload()} />
      ) : data ? (
        <View>
          <View className='gk-ss__totals e2e-insight-totals'>
            <View className='gk-ss__total e2e-insight-searches' data-count={data.searches}>
              <Text className='gk-ss__num'>{data.searches}</Text>
              <Text className='gk-ss__label'>搜索次数</Text>
            </View>
            <View className='gk-ss__total gk-ss__total--hot e2e-insight-zero' data-count={data.zeroResultSearches}>
              <Text className='gk-ss__num'>{data.zeroResultSearches}</Text>
              <Text className='gk-ss__label'>{`无结果次数（${share(data.zeroResultSearches, data.searches)}）`}</Text>
            </View>
          </View>

          {data.searches === 0 ? (
            <EmptyState text='这段时间没有搜索记录' />
          ) : (
            <View>
              <View className='gk-ss__section e2e-insight-top'>
                <Text className='gk-ss__title'>热门搜索</Text>
                {data.top.map((s, i) => (
                  <QueryRow key={s.query} stat={s} rank={i + 1} hook='e2e-insight-query' />
                ))}
              </View>

              <View className='gk-ss__section e2e-insight-zero-results'>
                <Text className='gk-ss__title'>无结果的搜索</Text>
                <Text className='gk-ss__hint'>家长搜了却没有找到信息：可补充发布相关信息，或把搜索词设为已有词语的同义词。</Text>
                {data.zeroResults.length ? (
                  data.zeroResults.map((s, i) => <QueryRow key={s.query} stat={s} rank={i + 1} hook='e2e-insight-zero-query' onSynonym={toSynonyms} />)
                ) : (
                  <Text className='gk-ss__hint e2e-insight-zero-none'>这段时间的搜索都有结果。</Text>
                )}
              </View>

              <DayBars insight={data} />
            </View>
          )}
        </View>
      ) : null}
    </View>
  );
}

/** The page inside the staff console (the desktop side navigation marks search; phones get the page alone). */
export default function StaffSearchInsight() {
  return (
    <StaffShell active='search'>
      <StaffSearchInsightPage />
    </StaffShell>
  );
}
