import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import {
  ZONING_APPLICANTS,
  ZONING_APPLICANT_LABELS,
  ZONING_LIMITS,
  ZONING_PARITIES,
  ZONING_PARITY_LABELS,
  ZONING_STAGES,
  ZONING_STAGE_LABELS,
  type ZoningApplicant,
  type ZoningParity,
  type ZoningRuleInput,
  type ZoningRuleStaffView,
  type ZoningStage,
} from '@gongkai/shared';
import { ApiError } from '../../../../api/errors';
import { updateZoningRule } from '../../../../api/zoning';
import { useAction } from '../../../../hooks/useAction';
import { ChoiceChips, FormField } from '../../components/Controls';
import { parseNumberField } from '../../../../utils/zoning-text';

type Texts = Record<'school' | 'town' | 'village' | 'compound' | 'from' | 'to' | 'buildingFrom' | 'buildingTo' | 'condition' | 'note', string>;

const numberText = (n: number | null) => (n === null ? '' : String(n));

/** The form's fields → the body, or the Chinese complaint per field (numbers 1..99999, ranges in order, 学校 and 镇街 given). */
function toInput(texts: Texts, stage: ZoningStage, parity: ZoningParity, applicant: ZoningApplicant, tableVersion: number): { input?: ZoningRuleInput; errors: Partial<Record<keyof Texts, string>> } {
  const errors: Partial<Record<keyof Texts, string>> = {};
  const num = (key: 'from' | 'to' | 'buildingFrom' | 'buildingTo'): number | null => {
    const raw = texts[key].trim();
    if (!raw) return null;
    const n = parseNumberField(raw);
    if (n === null) errors[key] = `请填写 1—${ZONING_LIMITS.number} 的数字`;
    return n;
  };
  const from = num('from');
  const to = num('to');
  const buildingFrom = num('buildingFrom');
  const buildingTo = num('buildingTo');
  if (from !== null && to !== null && from > to) errors.to = '终止号不能小于起始号';
  if (buildingFrom !== null && buildingTo !== null && buildingFrom > buildingTo) errors.buildingTo = '楼栋止不能小于楼栋起';
  if (!texts.school.trim()) errors.school = '请填写学校';
  if (!texts.town.trim()) errors.town = '请填写镇街';
  if (Object.keys(errors).length) return { errors };
  const text = (key: keyof Texts) => texts[key].trim();
  return {
    errors,
    input: {
      tableVersion,
      stage,
      school: text('school'),
      town: text('town'),
      village: text('village'),
      compound: text('compound'),
      from,
      to,
      parity,
      buildingFrom,
      buildingTo,
      applicant,
      condition: text('condition') || null,
      note: text('note') || null,
    },
  };
}

/** 修改规则: one rule of an editable table; the server checks it as the import would and refuses a stale table version. */
export function RuleEditor({ rule, tableVersion, onSaved, onCancel }: { rule: ZoningRuleStaffView; tableVersion: number; onSaved: () => void; onCancel: () => void }) {
  const [stage, setStage] = useState<ZoningStage>(rule.stage);
  const [parity, setParity] = useState<ZoningParity>(rule.parity);
  const [applicant, setApplicant] = useState<ZoningApplicant>(rule.applicant);
  const [texts, setTexts] = useState<Texts>({
    school: rule.school,
    town: rule.town,
    village: rule.village,
    compound: rule.compound,
    from: numberText(rule.from),
    to: numberText(rule.to),
    buildingFrom: numberText(rule.buildingFrom),
    buildingTo: numberText(rule.buildingTo),
    condition: rule.condition ?? '',
    note: rule.note ?? '',
  });
  const [errors, setErrors] = useState<Partial<Record<keyof Texts, string>>>({});
  const [serverProblems, setServerProblems] = useState<string[]>([]);
  const { busy, run } = useAction();
  const set = (key: keyof Texts) => (e: { detail: { value: string } }) => setTexts((t) => ({ ...t, [key]: e.detail.value }));

  const field = (key: keyof Texts, label: string, opts: { placeholder?: string; number?: boolean; required?: boolean } = {}) => (
    <FormField label={label} {...(opts.required ? { required: true } : {})} {...(errors[key] ? { error: errors[key] } : {})}>
      <Input
        className={`gk-input e2e-zoning-rule-${key}`}
        value={texts[key]}
        maxlength={opts.number ? 5 : ZONING_LIMITS.cell}
        {...(opts.number ? { type: 'number' as const } : {})}
        {...(opts.placeholder ? { placeholder: opts.placeholder } : {})}
        aria-label={label}
        onInput={set(key)}
      />
    </FormField>
  );

  const save = () => {
    const { input, errors: found } = toInput(texts, stage, parity, applicant, tableVersion);
    setErrors(found);
    setServerProblems([]);
    if (!input) return;
    void run(() => updateZoningRule(rule.id, input), {
      success: '已保存',
      refresh: onSaved,
      onError: (e) => {
        if (!(e instanceof ApiError) || !e.details?.length) return;
        // A problem of a text or number field goes under it; the rest (学段, 单双, 适用对象) below the form.
        const next: Partial<Record<keyof Texts, string>> = {};
        const rest: string[] = [];
        for (const d of e.details) {
          if (d.field in texts) next[d.field as keyof Texts] = d.message;
          else rest.push(d.message);
        }
        setErrors(next);
        setServerProblems(rest);
      },
    });
  };

  return (
    <View className='gk-zs__editor e2e-zoning-rule-editor' data-id={rule.id}>
      <FormField label='学段' required>
        <ChoiceChips options={ZONING_STAGES.map((s) => ({ value: s, label: ZONING_STAGE_LABELS[s] }))} selected={[stage]} onToggle={(v) => setStage(v as ZoningStage)} hookPrefix='e2e-zoning-rule-stage' />
      </FormField>
      {field('school', '学校', { required: true })}
      {field('town', '镇街', { required: true })}
      {field('village', '社区村')}
      {field('compound', '小区道路', { placeholder: '空：整个社区（村）' })}
      <View className='gk-zs__pair'>
        {field('from', '起始号', { number: true, placeholder: '空：全部门牌' })}
        {field('to', '终止号', { number: true })}
      </View>
      <FormField label='单双'>
        <ChoiceChips options={ZONING_PARITIES.map((p) => ({ value: p, label: ZONING_PARITY_LABELS[p] }))} selected={[parity]} onToggle={(v) => setParity(v as ZoningParity)} hookPrefix='e2e-zoning-rule-parity' />
      </FormField>
      <View className='gk-zs__pair'>
        {field('buildingFrom', '楼栋起', { number: true, placeholder: '空：全部楼栋' })}
        {field('buildingTo', '楼栋止', { number: true })}
      </View>
      <FormField label='适用对象'>
        <ChoiceChips options={ZONING_APPLICANTS.map((a) => ({ value: a, label: ZONING_APPLICANT_LABELS[a] }))} selected={[applicant]} onToggle={(v) => setApplicant(v as ZoningApplicant)} hookPrefix='e2e-zoning-rule-applicant' />
      </FormField>
      {field('condition', '条件', { placeholder: '如：房户一致' })}
      {field('note', '备注')}
      {serverProblems.length ? (
        <View className='gk-form-field e2e-zoning-rule-problems'>
          {serverProblems.map((p, i) => (
            <Text key={i} className='gk-form-field__error'>
              {p}
            </Text>
          ))}
        </View>
      ) : null}
      <View className='gk-btn-row'>
        <View className={`gk-btn gk-btn--primary e2e-zoning-rule-save ${busy ? 'gk-btn--disabled' : ''}`} onClick={save}>
          <Text>{busy ? '正在保存…' : '保存'}</Text>
        </View>
        <View className='gk-btn e2e-zoning-rule-cancel' onClick={onCancel}>
          <Text>取消</Text>
        </View>
      </View>
    </View>
  );
}
