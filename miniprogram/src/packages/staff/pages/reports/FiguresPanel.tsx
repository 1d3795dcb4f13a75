import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { YEARLY_FIGURE_KEYS, YEARLY_FIGURE_LABELS, YEARLY_FIGURE_UNITS, type YearlyFigureKey } from '@gongkai/shared';
import { ApiError } from '../../../../api/errors';
import { getYearlyFigures, saveYearlyFigures } from '../../../../api/staff-reports';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { FormField } from '../../components/Controls';
import { formatDateTime } from '../../utils/time';
import { changedFigures, fieldErrors, figureProblem } from '../../utils/reports-format';

type Values = Partial<Record<YearlyFigureKey, string>>;

/**
 * 其他系统数据: the figures of table 二 other systems hold (行政许可, 行政处罚, 行政强制 decisions,
 * 行政事业性收费 in 万元), entered once a year, each with who entered it and when. Only the
 * figures changed are sent; 0 is an entry (the report's check wants all four).
 */
export function FiguresPanel({ year }: { year: number }) {
  const figures = useAsync(() => getYearlyFigures(year), [year]);
  const [draft, setDraft] = useState<Values>({});
  const [errors, setErrors] = useState<Partial<Record<YearlyFigureKey, string>>>({});
  const action = useAction();
  useEffect(() => {
    const next: Values = {};
    for (const f of figures.data?.figures ?? []) next[f.key] = f.value ?? '';
    setDraft(next);
    setErrors({});
  }, [figures.data]);

  if (figures.loading && !figures.data) return <DetailSkeleton />;
  if (figures.error || !figures.data) return <ErrorState error={figures.error} onRetry={() => void figures.reload()} />;
  const view = figures.data;
  const saved: Partial<Record<YearlyFigureKey, string | null>> = Object.fromEntries(view.figures.map((f) => [f.key, f.value]));

  const save = () => {
    const problems: Partial<Record<YearlyFigureKey, string>> = {};
    for (const key of YEARLY_FIGURE_KEYS) {
      const p = figureProblem(key, draft[key] ?? '');
      if (p) problems[key] = p;
    }
    setErrors(problems);
    if (Object.keys(problems).length) {
      void Taro.showToast({ title: Object.values(problems)[0]!, icon: 'none' });
      return;
    }
    const values = changedFigures(draft, saved);
    if (!Object.keys(values).length) {
      void Taro.showToast({ title: '没有修改', icon: 'none' });
      return;
    }
    void action.run(() => saveYearlyFigures(year, { values, version: view.version }), {
      success: '已保存',
      refresh: () => figures.reload(),
      onError: (e) => {
        if (e instanceof ApiError) {
          const { byField } = fieldErrors(
            (e.details ?? []).map((d) => ({ ...d, field: d.field.replace(/^values\./, '') })),
            YEARLY_FIGURE_KEYS,
          );
          setErrors(byField);
          if (e.statusCode === 409) void figures.reload();
        }
        return false;
      },
    });
  };

  return (
    <View className='gk-dq__card e2e-figures' data-version={view.version}>
      <Text className='gk-dq__title'>{year}年 其他系统数据（表二）</Text>
      <Text className='gk-dq__small'>由业务系统统计，每年填报一次；没有的填 0。</Text>
      {YEARLY_FIGURE_KEYS.map((key) => {
        const f = view.figures.find((x) => x.key === key);
        return (
          <View key={key} className={`gk-rr__figure e2e-figure e2e-figure-${key}`} data-value={f?.value ?? ''}>
            <FormField label={`${YEARLY_FIGURE_LABELS[key]}：${YEARLY_FIGURE_UNITS[key]}`} error={errors[key]}>
              <Input
                className={`gk-input e2e-figure-input-${key}`}
                type='digit'
                value={draft[key] ?? ''}
                maxlength={16}
                placeholder='尚未填报'
                onInput={(e) => {
                  const value = e.detail.value;
                  setDraft((d) => ({ ...d, [key]: value }));
                  setErrors((x) => ({ ...x, [key]: undefined }));
                }}
              />
            </FormField>
            <Text className='gk-dq__small e2e-figure-entered'>{f?.enteredBy ? `${f.enteredBy} 于 ${formatDateTime(f.enteredAt)} 填报` : '尚未填报'}</Text>
          </View>
        );
      })}
      <View className='gk-btn-row' style={{ padding: '16px 0 0' }}>
        <View className={`gk-btn gk-btn--primary ${action.busy ? 'gk-btn--disabled' : ''} e2e-figures-save`} onClick={save}>
          <Text>保存</Text>
        </View>
      </View>
    </View>
  );
}
