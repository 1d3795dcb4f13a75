import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { INFO_TYPES, INFO_TYPE_LABELS, NOTICE_LIMITS, type CategoryView, type InfoType, type TopicView, type UnitView } from '@gongkai/shared';
import { ChoiceChips, FormField, Toggle } from '../../components/Controls';
import { DateField } from '../../components/DateField';
import type { ComposeForm } from './useComposeForm';
import type { ComposeFormValues } from './form';

interface FieldProps {
  form: ComposeFormValues;
  set: ComposeForm['set'];
  errors: Record<string, string>;
}

/** 分类: one of the 公开目录's categories. */
export function CategoryPicker({ form, set, errors, categories }: FieldProps & { categories: CategoryView[] }) {
  return (
    <FormField label='分类' required error={errors.categoryCode}>
      <ChoiceChips
        className='e2e-compose-category'
        hookPrefix='e2e-category-option'
        options={categories.map((c) => ({ value: c.code, label: c.name }))}
        selected={form.categoryCode ? [form.categoryCode] : []}
        onToggle={(v) => set('categoryCode', v)}
      />
    </FormField>
  );
}

/** 专题: several, up to the limit. */
export function TopicPicker({ form, set, errors, topics }: FieldProps & { topics: TopicView[] }) {
  const max = NOTICE_LIMITS.topicsMax;
  return (
    <FormField label={`专题（可多选，最多 ${max} 个）`} error={errors.topicCodes}>
      <ChoiceChips
        className='e2e-compose-topics'
        hookPrefix='e2e-topic-option'
        options={topics.map((t) => ({ value: t.code, label: t.name }))}
        selected={form.topicCodes}
        onToggle={(v) => {
          if (form.topicCodes.includes(v)) set('topicCodes', form.topicCodes.filter((c) => c !== v));
          else if (form.topicCodes.length >= max) void Taro.showToast({ title: `最多选 ${max} 个专题`, icon: 'none' });
          else set('topicCodes', [...form.topicCodes, v]);
        }}
      />
    </FormField>
  );
}

/** 发布机构: admins choose it; everyone else writes for their own unit. */
export function UnitField({ form, set, errors, units, canChoose, ownUnit }: FieldProps & { units: UnitView[]; canChoose: boolean; ownUnit: { code: string; name: string } }) {
  const unitName = units.find((u) => u.code === form.unitCode)?.name ?? (form.unitCode === ownUnit.code ? ownUnit.name : form.unitCode);
  return (
    <FormField label='发布机构' error={errors.unitCode}>
      {canChoose && units.length ? (
        <ChoiceChips
          className='e2e-compose-unit'
          hookPrefix='e2e-unit-option'
          options={units.map((u) => ({ value: u.code, label: u.name }))}
          selected={[form.unitCode]}
          onToggle={(v) => set('unitCode', v)}
        />
      ) : (
        <Text className='gk-compose__value e2e-compose-unit'>{unitName}</Text>
      )}
    </FormField>
  );
}

/** 信息类别. */
export function InfoTypePicker({ form, set, errors }: FieldProps) {
  return (
    <FormField label='信息类别' required error={errors.infoType}>
      <ChoiceChips
        className='e2e-compose-infotype'
        hookPrefix='e2e-infotype-option'
        options={INFO_TYPES.map((t) => ({ value: t, label: INFO_TYPE_LABELS[t] }))}
        selected={form.infoType ? [form.infoType] : []}
        onToggle={(v) => set('infoType', v as InfoType)}
      />
    </FormField>
  );
}

/** 规范性文件: the toggle and, when on, its issue and repeal dates. */
export function NormativeFields({ form, set, errors }: FieldProps) {
  return (
    <FormField label='规范性文件' error={errors.normative || errors.normativeIssuedOn || errors.normativeRepealedOn}>
      <Toggle className='e2e-compose-normative' on={form.normative} label={form.normative ? '是' : '否'} onChange={(on) => set('normative', on)} />
      {form.normative ? (
        <View className='gk-compose__dates'>
          <View className='gk-compose__date'>
            <Text className='gk-compose__date-label'>印发日期</Text>
            <DateField className='e2e-compose-issued' mode='date' value={form.normativeIssuedOn} onChange={(v) => set('normativeIssuedOn', v)} />
          </View>
          <View className='gk-compose__date'>
            <Text className='gk-compose__date-label'>废止日期（可不填）</Text>
            <DateField className='e2e-compose-repealed' mode='date' value={form.normativeRepealedOn} onChange={(v) => set('normativeRepealedOn', v)} />
          </View>
        </View>
      ) : null}
    </FormField>
  );
}
