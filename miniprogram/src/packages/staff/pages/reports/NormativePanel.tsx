import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { NOTICE_STATUS_LABELS, TABLE2_DOCUMENT_COLUMNS, TABLE2_DOCUMENT_COLUMN_LABELS, type NormativeItem } from '@gongkai/shared';
import { getNormativeRegister, markNormativeRepealed } from '../../../../api/staff-reports';
import { useAction } from '../../../../hooks/useAction';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyState, ErrorState, ListSkeleton } from '../../../../components/States';
import { DateField } from '../../components/DateField';
import { todayShanghai } from '../../utils/disclosure-format';

/**
 * 规范性文件: the register is a view over the notices marked 规范性文件 (issued up to the year's
 * end), with table 二's counts; staff mark a repeal with its date here (or undo one).
 */
export function NormativePanel({ year }: { year: number }) {
  const register = useAsync(() => getNormativeRegister(year), [year]);
  const [repealing, setRepealing] = useState<number | null>(null);
  const [repealDate, setRepealDate] = useState('');
  const action = useAction();

  const startRepeal = (item: NormativeItem) => {
    setRepealing(item.noticeId);
    setRepealDate(todayShanghai());
  };
  const mark = (item: NormativeItem, repealedOn: string | null) =>
    void action.run(() => markNormativeRepealed(item.noticeId, repealedOn), {
      success: repealedOn ? '已标记废止' : '已撤销废止',
      refresh: async () => {
        setRepealing(null);
        await register.reload();
      },
    });
  const undo = (item: NormativeItem) =>
    void Taro.showModal({ title: '撤销废止', content: `“${item.title}”恢复为现行有效？`, confirmText: '撤销废止' })
      .then((r) => {
        if (r.confirm) mark(item, null);
      })
      .catch(() => undefined);

  if (register.loading && !register.data) return <ListSkeleton rows={2} />;
  if (register.error || !register.data) return <ErrorState error={register.error} onRetry={() => void register.reload()} />;
  const data = register.data;
  const busy = action.busy ? 'gk-btn--disabled' : '';
  return (
    <View className='e2e-normative'>
      <View className='gk-dq__card e2e-normative-counts'>
        <Text className='gk-dq__title'>{year}年 行政规范性文件（表二）</Text>
        <View className='gk-rr__counts'>
          {TABLE2_DOCUMENT_COLUMNS.map((c) => (
            <Text key={c} className={`e2e-normative-count-${c}`} data-count={data.counts[c]}>
              {TABLE2_DOCUMENT_COLUMN_LABELS[c]} {data.counts[c]}
            </Text>
          ))}
        </View>
        <Text className='gk-dq__small'>在“写信息”中勾选“规范性文件”并填写印发日期的信息列入本登记；废止在此标记。</Text>
      </View>
      {!data.items.length ? (
        <EmptyState text={`截至${year}年底没有登记的规范性文件`} />
      ) : (
        data.items.map((item) => (
          <View key={item.noticeId} className='gk-staff-item e2e-normative-item' data-id={item.noticeId} data-in-force={item.inForce ? 'true' : 'false'}>
            <Text className={`gk-staff-item__title e2e-normative-title ${item.repealedOn ? 'gk-rr__repealed' : ''}`}>{item.title}</Text>
            <View className='gk-staff-item__meta'>
              <Text className='gk-status e2e-normative-state'>{item.inForce ? '现行有效' : item.repealedOn ? `${item.repealedOn} 废止` : '已失效'}</Text>
              {item.documentNo ? <Text>{item.documentNo}</Text> : null}
              {item.issuedOn ? <Text>{item.issuedOn} 印发</Text> : null}
              <Text>{NOTICE_STATUS_LABELS[item.status] ?? item.status}</Text>
            </View>
            {repealing === item.noticeId ? (
              <View className='gk-dq__row e2e-normative-repeal-form'>
                <View style={{ flex: 1 }}>
                  <DateField mode='date' value={repealDate} className='e2e-normative-repeal-date' onChange={setRepealDate} />
                </View>
                <View className={`gk-btn gk-btn--primary ${busy} e2e-normative-repeal-confirm`} style={{ margin: '0 0 0 12px' }} onClick={() => mark(item, repealDate)}>
                  <Text>确定</Text>
                </View>
                <View className='gk-btn e2e-normative-repeal-cancel' style={{ margin: '0 0 0 12px' }} onClick={() => setRepealing(null)}>
                  <Text>取消</Text>
                </View>
              </View>
            ) : (
              <View className='gk-rr__actions'>
                {item.repealedOn ? (
                  <View className={`gk-btn gk-btn--small ${busy} e2e-normative-unrepeal`} onClick={() => undo(item)}>
                    <Text>撤销废止</Text>
                  </View>
                ) : (
                  <View className='gk-btn gk-btn--small e2e-normative-repeal' onClick={() => startRepeal(item)}>
                    <Text>标记废止</Text>
                  </View>
                )}
              </View>
            )}
          </View>
        ))
      )}
    </View>
  );
}
