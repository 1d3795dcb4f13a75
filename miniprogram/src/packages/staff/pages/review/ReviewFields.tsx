import { Input, Text, Textarea, View } from '@tarojs/components';
import { DISCLOSURE_ATTRIBUTES, DISCLOSURE_LABELS, WITHHOLD_REASONS, type DisclosureAttribute } from '@gongkai/shared';
import { ChoiceChips, Toggle } from '../../components/Controls';
import { DateField } from '../../components/DateField';
import type { PublishTimeState, SecrecyState, TextField } from './useReviewForm';

/** 保密审查: may it be published, its disclosure attribute, and the reason (a legal ground for 不予公开). */
export function SecrecyDecisionFields({ secrecy }: { secrecy: SecrecyState }) {
  const { publishable, disclosure, reason, error } = secrecy;
  return (
    <View className='gk-secrecy e2e-secrecy'>
      <View className='gk-secrecy__row'>
        <Text className='gk-review__label'>可否公开</Text>
        <Toggle className='e2e-secrecy-publishable' on={publishable} label={publishable ? '可以公开' : '不可公开'} onChange={secrecy.setPublishable} />
      </View>
      <Text className='gk-review__label'>公开属性</Text>
      <ChoiceChips
        className='e2e-secrecy-disclosure'
        hookPrefix='e2e-secrecy-disclosure'
        options={DISCLOSURE_ATTRIBUTES.map((d) => ({ value: d, label: DISCLOSURE_LABELS[d] }))}
        selected={disclosure ? [disclosure] : []}
        onToggle={(v) => secrecy.setDisclosure(v as DisclosureAttribute)}
      />
      {disclosure === 'on_request' ? (
        <Input className='gk-input e2e-secrecy-reason' value={reason} maxlength={200} placeholder='依申请公开的理由' onInput={(e) => secrecy.setReason(e.detail.value)} />
      ) : null}
      {disclosure === 'withheld' ? (
        <View className='e2e-secrecy-reason'>
          <Text className='gk-review__label'>不予公开的法定情形</Text>
          <ChoiceChips
            hookPrefix='e2e-withhold-reason'
            options={WITHHOLD_REASONS.map((r, i) => ({ value: String(i), label: r }))}
            selected={[String(WITHHOLD_REASONS.indexOf(reason as (typeof WITHHOLD_REASONS)[number]))]}
            onToggle={(v) => secrecy.setReason(WITHHOLD_REASONS[Number(v)] ?? '')}
          />
        </View>
      ) : null}
      {error ? <Text className='gk-review__error e2e-secrecy-error'>{error}</Text> : null}
    </View>
  );
}

/** 审核意见 (required to return). */
export function ReviewOpinion({ opinion }: { opinion: TextField }) {
  return (
    <View>
      <Text className='gk-review__label'>审核意见（退回时必填）</Text>
      <Textarea className='gk-textarea e2e-review-opinion' value={opinion.value} maxlength={1000} placeholder='填写审核意见' onInput={(e) => opinion.set(e.detail.value)} />
      {opinion.error ? <Text className='gk-review__error e2e-review-opinion-error'>{opinion.error}</Text> : null}
    </View>
  );
}

/** 定时发布: a Shanghai date and time. */
export function PublishTimeFields({ when }: { when: PublishTimeState }) {
  return (
    <View>
      <Text className='gk-review__label'>定时发布（北京时间）</Text>
      <View className='gk-review__when'>
        <DateField className='e2e-publish-date' mode='date' value={when.date} onChange={when.setDate} />
        <DateField className='e2e-publish-time' mode='time' value={when.time} onChange={when.setTime} />
      </View>
      {when.error ? <Text className='gk-review__error e2e-publish-error'>{when.error}</Text> : null}
    </View>
  );
}

/** 撤回理由 (required). */
export function WithdrawFields({ reason }: { reason: TextField }) {
  return (
    <View>
      <Text className='gk-review__label'>撤回理由（必填）</Text>
      <Textarea className='gk-textarea e2e-withdraw-reason' value={reason.value} maxlength={500} placeholder='说明撤回的理由' onInput={(e) => reason.set(e.detail.value)} />
      {reason.error ? <Text className='gk-review__error e2e-withdraw-error'>{reason.error}</Text> : null}
    </View>
  );
}
