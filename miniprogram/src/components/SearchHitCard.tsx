import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  INQUIRY_KINDS,
  ZONING_STAGE_LABELS,
  type SearchHit,
  type SearchNoticeHit,
  type SearchQaHit,
  type SearchZoningHit,
  type ZoningPlacement,
  type ZoningStage,
} from '@gongkai/shared';
import { formatDate } from '../utils/format';
import { excerptAround } from '../utils/highlight';
import { ROUTES, withQuery } from '../utils/routes';
import { optionTitle } from '../utils/zoning-text';
import { Highlight } from './Highlight';
import { openNotice } from './NoticeCard';
import './NoticeCard.scss';
import './SearchHitCard.scss';

/** The key a hit is de-duplicated by across pages. */
export function searchHitKey(hit: SearchHit): string {
  if (hit.kind === 'qa') return `qa-${hit.qa.id}`;
  if (hit.kind === 'zoning') return 'zoning';
  return `notice-${hit.notice.id}`;
}

/** A notice, or a 办事指南 (a notice of the BSZN category), in the notice list's card, with the matched stretch of its body. */
function NoticeHitCard({ hit, words }: { hit: SearchNoticeHit; words: readonly string[] }) {
  const { notice } = hit;
  return (
    <View
      className={`gk-card e2e-notice-item e2e-search-hit e2e-search-${hit.kind}`}
      data-id={notice.id}
      data-kind={hit.kind}
      role='link'
      hoverClass='gk-card--pressed'
      onClick={() => openNotice(notice.id)}
    >
      <View className='gk-hit__head'>
        {hit.kind === 'guide' ? <Text className='gk-hit__kind gk-hit__kind--guide e2e-search-guide-tag'>办事指南</Text> : null}
        <Highlight className='gk-card__title gk-hit__title e2e-notice-title' text={notice.title} query={words} />
      </View>
      {notice.summary ? <Highlight className='gk-card__summary e2e-notice-summary' text={notice.summary} query={words} /> : null}
      {hit.snippet ? <Highlight className='gk-hit__snippet e2e-search-snippet' text={hit.snippet} query={words} /> : null}
      <View className='gk-card__meta'>
        <Text className='gk-card__tag'>{notice.category.name}</Text>
        <Text className='gk-card__unit'>{notice.unit.name}</Text>
        <Text className='gk-card__date e2e-notice-date'>{formatDate(notice.publishedAt)}</Text>
      </View>
      {notice.attachmentCount > 0 ? <Text className='gk-card__attach'>附件 {notice.attachmentCount} 个</Text> : null}
    </View>
  );
}

/** A published question and the stretch of its answer around the matched words; tap opens 问答详情. */
function QaHitCard({ hit, words }: { hit: SearchQaHit; words: readonly string[] }) {
  const { qa } = hit;
  // A Q&A without its own page (no id) shows its whole answer here instead.
  const [open, setOpen] = useState(false);
  const hasDetail = qa.id > 0;
  const answer = open ? qa.answer : excerptAround(qa.answer, words, 90);
  const tap = () => {
    if (hasDetail) void Taro.navigateTo({ url: withQuery(ROUTES.qaDetail, { id: qa.id }) });
    else setOpen(true);
  };
  return (
    <View className='gk-card e2e-search-hit e2e-search-qa' data-id={qa.id} data-kind='qa' role='link' hoverClass='gk-card--pressed' onClick={tap}>
      <View className='gk-hit__head'>
        <Text className='gk-hit__kind e2e-search-qa-tag'>问答</Text>
        <Highlight className='gk-card__title gk-hit__title e2e-qa-question' text={qa.question} query={words} />
      </View>
      <View className='gk-hit__answer'>
        <Text className='gk-hit__answer-mark'>答：</Text>
        <Highlight className='e2e-qa-answer' text={answer} query={words} />
      </View>
      <View className='gk-card__meta'>
        <Text className='gk-card__tag'>{INQUIRY_KINDS.find((k) => k.code === qa.kind)?.label ?? '咨询'}</Text>
        <Text className='gk-card__unit'>{qa.unitName}</Text>
        <Text className='gk-card__date'>{formatDate(qa.answeredAt)}</Text>
      </View>
    </View>
  );
}

function School({ stage, placement }: { stage: ZoningStage; placement: ZoningPlacement }) {
  const { school } = placement;
  return (
    <View className={`gk-hit__school e2e-zoning-placement e2e-zoning-${stage}`} data-stage={stage}>
      <Text className='gk-hit__stage'>{ZONING_STAGE_LABELS[stage]}</Text>
      <View className='gk-hit__school-body'>
        <Text className='gk-hit__school-name e2e-zoning-school-name'>{school.name}</Text>
        {school.address ? <Text className='gk-hit__school-line e2e-zoning-school-address'>{school.address}</Text> : null}
        {school.phone ? <Text className='gk-hit__school-line e2e-zoning-school-phone'>电话 {school.phone}</Text> : null}
      </View>
    </View>
  );
}

/**
 * The 学区 answer for a query that reads as an address: the schools as 学区查询 shows them (each
 * case when they depend on 户籍), a guess said as one, and the way to 学区查询 with the query.
 */
function ZoningHitCard({ hit, query }: { hit: SearchZoningHit; query: string }) {
  const z = hit.zoning;
  const options = z.options ?? [];
  const candidates = z.candidates ?? [];
  const openZoning = () => void Taro.navigateTo({ url: withQuery(ROUTES.serviceZoning, { q: query }) });
  return (
    <View className='gk-card gk-hit--zoning e2e-search-hit e2e-search-zoning' data-kind='zoning' data-status={z.status}>
      <View className='gk-hit__head'>
        <Text className='gk-hit__kind gk-hit__kind--zoning'>学区查询</Text>
        <Text className='gk-card__title gk-hit__title'>{z.status === 'matched' ? '对口学校' : '请选择具体地点'}</Text>
      </View>
      <Text className='gk-hit__note e2e-zoning-year'>
        {z.understood ? `按“${z.understood}”查询 · ` : ''}
        {z.year}年招生
      </Text>
      {z.status === 'matched' && !z.certain ? (
        <Text className='gk-hit__warning e2e-zoning-uncertain'>以下结果为推测，可能与您的住址不完全相符，请与学校或县教育局核实。</Text>
      ) : null}
      {z.status === 'matched' ? (
        <View>
          {z.primary ? <School stage='primary' placement={z.primary} /> : null}
          {z.junior ? <School stage='junior' placement={z.junior} /> : null}
          {options.map((o, i) => (
            <View key={`${o.applicant}-${o.condition ?? ''}-${i}`} className='gk-hit__option e2e-zoning-option'>
              <Text className='gk-hit__option-title e2e-zoning-option-title'>{optionTitle(o, options)}</Text>
              {o.primary ? <School stage='primary' placement={o.primary} /> : null}
              {o.junior ? <School stage='junior' placement={o.junior} /> : null}
            </View>
          ))}
        </View>
      ) : (
        <View>
          {candidates.slice(0, 3).map((c, i) => (
            <Text key={`${c.label}-${i}`} className='gk-hit__candidate e2e-zoning-candidate'>
              {c.label}
            </Text>
          ))}
          {candidates.length > 3 ? <Text className='gk-hit__note'>等 {candidates.length} 处</Text> : null}
        </View>
      )}
      <View className='gk-hit__link e2e-search-zoning-link' role='link' hoverClass='gk-hit__link--pressed' onClick={openZoning}>
        <Text>{z.status === 'matched' ? '在学区查询中查看依据和详情' : '到学区查询中选择'}</Text>
        <Text className='gk-hit__chevron'>›</Text>
      </View>
    </View>
  );
}

/** One result of the search, drawn by its kind; `words` are the response's `highlight`. */
export function SearchHitCard({ hit, words, query }: { hit: SearchHit; words: readonly string[]; query: string }) {
  if (hit.kind === 'qa') return <QaHitCard hit={hit} words={words} />;
  if (hit.kind === 'zoning') return <ZoningHitCard hit={hit} query={query} />;
  return <NoticeHitCard hit={hit} words={words} />;
}
