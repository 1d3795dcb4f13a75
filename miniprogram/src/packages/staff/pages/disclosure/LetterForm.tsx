import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { DECIDED_OUTCOMES, DISCLOSURE_OUTCOMES, type DisclosureLetterInput, type DisclosureOutcome } from '@gongkai/shared';
import { ChoiceChips, FormField } from '../../components/Controls';
import { letterNeeds, outcomeGroups } from '../../utils/disclosure-format';

/** Generous caps for what a handler writes; the server has the last word. */
export const LETTER_BODY_MAX = 5000;
export const LETTER_FIELD_MAX = 500;

export interface LetterDraft {
  outcome: DisclosureOutcome | '';
  body: string;
  redactions: { part: string; reason: string }[];
  otherAgency: string;
  provision: string;
}

export function letterDraftFrom(outcome: DisclosureOutcome | null | undefined, content: DisclosureLetterInput | undefined): LetterDraft {
  return {
    outcome: outcome ?? '',
    body: content?.body ?? '',
    redactions: content?.redactions?.length ? content.redactions.map((r) => ({ ...r })) : [],
    otherAgency: content?.otherAgency ?? '',
    provision: content?.provision ?? '',
  };
}

export type LetterErrors = Partial<Record<'outcome' | 'body' | 'redactions' | 'provision', string>>;

/** The page's checks before sending; null with the errors set when something is missing. */
export function letterInput(d: LetterDraft): { input: { outcome: DisclosureOutcome; content: DisclosureLetterInput } | null; errors: LetterErrors } {
  const errors: LetterErrors = {};
  if (!d.outcome) errors.outcome = '请选择答复结果';
  if (!d.body.trim()) errors.body = '请填写答复理由';
  const needs = letterNeeds(d.outcome);
  const redactions = d.redactions.map((r) => ({ part: r.part.trim(), reason: r.reason.trim() })).filter((r) => r.part || r.reason);
  if (needs.redactions) {
    if (!redactions.length) errors.redactions = '部分公开须列明不予公开的部分及理由';
    else if (redactions.some((r) => !r.part || !r.reason)) errors.redactions = '每一项都须写明不予公开的内容和理由';
  }
  if (Object.keys(errors).length || !d.outcome) return { input: null, errors };
  const content: DisclosureLetterInput = { body: d.body.trim() };
  if (needs.redactions) content.redactions = redactions;
  if (needs.otherAgency && d.otherAgency.trim()) content.otherAgency = d.otherAgency.trim();
  if (needs.provision && d.provision.trim()) content.provision = d.provision.trim();
  return { input: { outcome: d.outcome, content }, errors };
}

/**
 * 拟写答复书: the outcome from the Regulation's full list, grouped as the report groups them; the
 * reasoning; for 部分公开 the withheld parts with their reasons; for 本机关不掌握 the agency that
 * may hold it; for 予以公开 / 部分公开 how the information is provided.
 */
export function LetterForm({
  draft,
  onChange,
  errors,
}: {
  draft: LetterDraft;
  onChange: (next: LetterDraft) => void;
  errors: LetterErrors;
}) {
  const [groups] = useState(outcomeGroups);
  const needs = letterNeeds(draft.outcome);
  const set = <K extends keyof LetterDraft>(k: K, v: LetterDraft[K]) => onChange({ ...draft, [k]: v });
  const setRedaction = (i: number, key: 'part' | 'reason', value: string) =>
    set(
      'redactions',
      draft.redactions.map((r, j) => (j === i ? { ...r, [key]: value } : r)),
    );
  const pick = (code: string) => {
    const outcome = code as DisclosureOutcome;
    if (!DECIDED_OUTCOMES.includes(outcome)) {
      void Taro.showToast({ title: '该结果在申请人逾期时由系统作出，无需拟写答复书', icon: 'none' });
      return;
    }
    onChange({ ...draft, outcome, redactions: outcome === 'partial' && !draft.redactions.length ? [{ part: '', reason: '' }] : draft.redactions });
  };

  return (
    <View className='e2e-letter-form'>
      <FormField label='答复结果' required error={errors.outcome} hint={draft.outcome ? `依据：${DISCLOSURE_OUTCOMES[draft.outcome].basis}` : undefined}>
        {groups.map((g) => (
          <View key={g.group} className={`e2e-letter-group-${g.group}`}>
            <Text className='gk-dq__group'>{g.label}</Text>
            <ChoiceChips className='gk-chips--small' options={g.outcomes.map((o) => ({ value: o.code, label: o.label }))} selected={draft.outcome ? [draft.outcome] : []} onToggle={pick} hookPrefix='e2e-letter-outcome' />
          </View>
        ))}
      </FormField>
      <FormField label='答复理由' required error={errors.body} hint='写入答复书正文；法律依据和救济途径由模板自动填写'>
        <Textarea className='gk-textarea gk-dq__textarea e2e-letter-body' value={draft.body} maxlength={LETTER_BODY_MAX} onInput={(e) => set('body', e.detail.value)} />
      </FormField>
      {needs.redactions ? (
        <FormField label='不予公开的部分及理由' required error={errors.redactions}>
          {draft.redactions.map((r, i) => (
            <View key={i} className='gk-dq__row e2e-letter-redaction'>
              <Input className='gk-input e2e-letter-redaction-part' value={r.part} maxlength={LETTER_FIELD_MAX} placeholder='不予公开的内容' onInput={(e) => setRedaction(i, 'part', e.detail.value)} />
              <Input className='gk-input e2e-letter-redaction-reason' value={r.reason} maxlength={LETTER_FIELD_MAX} placeholder='理由（如：涉及个人隐私）' onInput={(e) => setRedaction(i, 'reason', e.detail.value)} />
              <View
                className='gk-btn gk-btn--small e2e-letter-redaction-remove'
                onClick={() =>
                  set(
                    'redactions',
                    draft.redactions.filter((_, j) => j !== i),
                  )
                }
              >
                <Text>删除</Text>
              </View>
            </View>
          ))}
          <View className='gk-btn gk-btn--small e2e-letter-redaction-add' style={{ marginTop: '12px', display: 'inline-block' }} onClick={() => set('redactions', [...draft.redactions, { part: '', reason: '' }])}>
            <Text>添加一项</Text>
          </View>
        </FormField>
      ) : null}
      {needs.otherAgency ? (
        <FormField label='掌握该信息的机关（能够确定的）' hint='能够确定负责公开该信息的行政机关的，告知其名称、联系方式'>
          <Input className='gk-input e2e-letter-other-agency' value={draft.otherAgency} maxlength={LETTER_FIELD_MAX} onInput={(e) => set('otherAgency', e.detail.value)} />
        </FormField>
      ) : null}
      {needs.provision ? (
        <FormField label='提供方式' error={errors.provision} hint='如：随本答复书附送；请于某日前到某处领取'>
          <Textarea className='gk-textarea gk-dq__textarea e2e-letter-provision' value={draft.provision} maxlength={LETTER_FIELD_MAX} onInput={(e) => set('provision', e.detail.value)} />
        </FormField>
      ) : null}
    </View>
  );
}
