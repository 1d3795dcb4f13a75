import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { getQa } from '../../../../api/inquiries';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { formatDate } from '../../../../utils/format';
import { kindLabel } from '../../../../inquiry/inquiry';
import { param } from '../../../../utils/routes';
import '../../../../inquiry/inquiry.scss';
import { pageRootClass } from '../../../../utils/text-scale';

/** One published question and its answer. */
export default function QaDetail() {
  const router = useRouter();
  const id = param(router.params, 'id');
  const state = useAsync(() => getQa(id), [id]);
  const qa = state.data;
  if (!qa) {
    return <View className={pageRootClass('gk-page gk-iq e2e-qa-detail')}>{state.error ? <ErrorState error={state.error} onRetry={() => void state.reload()} /> : <DetailSkeleton />}</View>;
  }
  return (
    <View className={pageRootClass('gk-page gk-iq e2e-qa-detail')} data-id={qa.id}>
      <View className='gk-iq__section'>
        <View className='gk-iq__meta' style={{ marginTop: 0 }}>
          <Text className='gk-iq__status'>{kindLabel(qa.kind)}</Text>
          <Text>提问于 {formatDate(qa.askedAt)}</Text>
        </View>
        <Text className='gk-iq__item-title e2e-qa-detail-question'>问：{qa.question}</Text>
      </View>
      <View className='gk-iq__section'>
        <Text className='gk-iq__title'>答复</Text>
        <Text className='gk-iq__text e2e-qa-detail-answer'>{qa.answer}</Text>
        <View className='gk-iq__meta'>
          <Text>{qa.unitName}</Text>
          <Text>答复于 {formatDate(qa.answeredAt)}</Text>
        </View>
      </View>
      <Text className='gk-iq__note'>本问答经提问人同意，已去除个人信息后公开。</Text>
    </View>
  );
}
