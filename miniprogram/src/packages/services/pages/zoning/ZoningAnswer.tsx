import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import {
  SCHOOL_KIND_LABELS,
  SCHOOL_OWNERSHIP_LABELS,
  ZONING_STAGE_LABELS,
  type ZoningCandidate,
  type ZoningLookupResult,
  type ZoningOption,
  type ZoningPlacement,
  type ZoningStage,
} from '@gongkai/shared';
import { noticeDetailPath } from '../../../../utils/routes';
import { describeRule, optionTitle } from '../../../../utils/zoning-text';

/** The phone number as dialled: digits and the dash of an area code, nothing else (extensions and notes dropped). */
function dialable(phone: string): string {
  const first = phone.split(/[，,；;、/]/)[0] ?? '';
  return first.replace(/[^\d-]/g, '');
}

/** The first phone number in a text (the bureau's contact in the advice of an answer that found nothing), or null. */
function phoneIn(text: string): string | null {
  return /0\d{2,3}-?\d{7,8}|1[3-9]\d{9}/.exec(text)?.[0] ?? null;
}

function call(phone: string): void {
  const phoneNumber = dialable(phone);
  if (!phoneNumber) return;
  // Cancelling the dialog is not a failure worth a word.
  void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined);
}

/** One stage's school: name, address, phone (tap to call) and the rule of the table it comes from. */
export function PlacementCard({ stage, placement }: { stage: ZoningStage; placement: ZoningPlacement }) {
  const { school, rule } = placement;
  return (
    <View className={`gk-zoning__placement e2e-zoning-placement e2e-zoning-${stage}`} data-stage={stage}>
      <View className='gk-zoning__placement-head'>
        <Text className='gk-zoning__stage'>{ZONING_STAGE_LABELS[stage]}</Text>
        <Text className='gk-zoning__school e2e-zoning-school-name'>{school.name}</Text>
      </View>
      <View className='gk-zoning__tags'>
        <Text className='gk-zoning__tag'>{SCHOOL_OWNERSHIP_LABELS[school.ownership]}</Text>
        {school.kind === 'nine_year' ? <Text className='gk-zoning__tag'>{SCHOOL_KIND_LABELS.nine_year}</Text> : null}
      </View>
      {school.address ? (
        <View className='gk-zoning__line'>
          <Text className='gk-zoning__key'>地址</Text>
          <Text className='gk-zoning__value e2e-zoning-school-address' selectable userSelect>
            {school.address}
          </Text>
        </View>
      ) : null}
      {school.phone ? (
        <View className='gk-zoning__line'>
          <Text className='gk-zoning__key'>电话</Text>
          <View className='gk-zoning__phone e2e-zoning-school-phone' role='button' aria-label={`拨打${school.name}电话 ${school.phone}`} onClick={() => call(school.phone)}>
            <Text>{school.phone}</Text>
            <Text className='gk-zoning__call'>拨打</Text>
          </View>
        </View>
      ) : null}
      <View className='gk-zoning__line'>
        <Text className='gk-zoning__key'>依据</Text>
        <Text className='gk-zoning__value gk-zoning__rule e2e-zoning-rule'>{describeRule(rule)}</Text>
      </View>
      {rule.note ? (
        <View className='gk-zoning__line'>
          <Text className='gk-zoning__key'>说明</Text>
          <Text className='gk-zoning__value e2e-zoning-rule-note'>{rule.note}</Text>
        </View>
      ) : null}
    </View>
  );
}

function Placements({ primary, junior }: { primary?: ZoningPlacement | undefined; junior?: ZoningPlacement | undefined }) {
  return (
    <View>
      {primary ? <PlacementCard stage='primary' placement={primary} /> : null}
      {junior ? <PlacementCard stage='junior' placement={junior} /> : null}
    </View>
  );
}

function OptionCard({ option, siblings }: { option: ZoningOption; siblings: readonly ZoningOption[] }) {
  return (
    <View className='gk-zoning__option e2e-zoning-option' data-applicant={option.applicant} data-condition={option.condition ?? ''}>
      <Text className='gk-zoning__option-title e2e-zoning-option-title'>{optionTitle(option, siblings)}</Text>
      <Placements primary={option.primary} junior={option.junior} />
      {!option.primary && !option.junior ? <Text className='gk-zoning__note'>此情况下表中没有对应学校，请致电县教育局咨询。</Text> : null}
    </View>
  );
}

/**
 * The answer to a lookup: the schools with the rule behind each, each case when the school depends
 * on 户籍 or a condition, a visible warning when the answer rests on a guess, the places to choose
 * from when the address was not clear enough, and what to do (and whom to call) when nothing was found.
 */
export function ZoningAnswer({
  result,
  onCandidate,
  onCascade,
}: {
  result: ZoningLookupResult;
  onCandidate: (candidate: ZoningCandidate) => void;
  onCascade: () => void;
}) {
  const options = result.options ?? [];
  const notice = result.notice;
  const candidates = result.candidates ?? [];
  // Only a matched answer is a guess to warn about; an unclear one asks to choose, and says how in its advice.
  const guess = result.status === 'matched' && !result.certain;
  const advice = result.advice ? <Text className='gk-zoning__advice e2e-zoning-advice'>{result.advice}</Text> : null;
  const helpPhone = result.status === 'none' && result.advice ? phoneIn(result.advice) : null;
  return (
    <View className='gk-zoning__section gk-zoning__answer e2e-zoning-answer' data-status={result.status} data-certain={result.certain ? 'true' : 'false'} aria-live='polite'>
      <View className='gk-zoning__answer-head'>
        <Text className='gk-zoning__title'>{result.status === 'matched' ? '查询结果' : result.status === 'ambiguous' ? '请选择具体地点' : '未查到结果'}</Text>
        <Text className='gk-zoning__year e2e-zoning-year'>{result.year}年招生</Text>
      </View>
      {result.understood ? <Text className='gk-zoning__note e2e-zoning-understood'>按“{result.understood}”查询</Text> : null}
      {guess ? (
        // A guess is said before the schools, with the reason (the advice) in the same box: a parent must not miss it.
        <View className='gk-zoning__warning e2e-zoning-uncertain' role='alert'>
          <Text className='gk-zoning__warning-text'>以下结果为推测，可能与您的住址不完全相符，请与学校或县教育局核实。</Text>
          {advice}
        </View>
      ) : null}
      {result.status === 'ambiguous' ? advice : null}
      {result.status === 'matched' ? (
        <View>
          <Placements primary={result.primary} junior={result.junior} />
          {options.length ? (
            <View className='e2e-zoning-options'>
              <Text className='gk-zoning__note'>对口学校因户籍或入学条件不同而不同，请按您的情况查看：</Text>
              {options.map((o, i) => (
                <OptionCard key={`${o.applicant}-${o.condition ?? ''}-${i}`} option={o} siblings={options} />
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
      {result.status === 'ambiguous' && candidates.length ? (
        <View className='gk-zoning__candidates e2e-zoning-candidates'>
          {candidates.map((c, i) => (
            <View key={`${c.label}-${i}`} className='gk-zoning__candidate e2e-zoning-candidate' hoverClass='gk-zoning__candidate--pressed' role='button' aria-label={`选择 ${c.label}${c.hint ? `，${c.hint}` : ''}`} onClick={() => onCandidate(c)}>
              <View className='gk-zoning__candidate-body'>
                <Text className='gk-zoning__candidate-label'>{c.label}</Text>
                {c.hint ? <Text className='gk-zoning__candidate-hint'>{c.hint}</Text> : null}
              </View>
              <Text className='gk-zoning__chevron'>›</Text>
            </View>
          ))}
        </View>
      ) : null}
      {(result.status === 'matched' && !guess) || result.status === 'none' ? advice : null}
      {result.status === 'none' && helpPhone ? (
        <View className='gk-zoning__button e2e-zoning-call-help' role='button' aria-label={`拨打县教育局咨询电话 ${helpPhone}`} onClick={() => call(helpPhone)}>
          <Text>拨打咨询电话 {helpPhone}</Text>
        </View>
      ) : null}
      {result.status === 'none' ? (
        <View className='gk-zoning__button gk-zoning__button--outline e2e-zoning-to-cascade' role='button' aria-label='改为逐级选择住址' onClick={onCascade}>
          <Text>改为逐级选择住址</Text>
        </View>
      ) : null}
      {notice ? (
        <View
          className='gk-zoning__notice e2e-zoning-notice-link'
          data-id={notice.id}
          role='link'
          aria-label={`查看政策依据：${notice.title}`}
          onClick={() => void Taro.navigateTo({ url: noticeDetailPath(notice.id) })}
        >
          <Text className='gk-zoning__key'>政策依据</Text>
          <Text className='gk-zoning__notice-title'>{notice.title}</Text>
          <Text className='gk-zoning__chevron'>›</Text>
        </View>
      ) : null}
    </View>
  );
}
