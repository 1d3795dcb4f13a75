import { View } from '@tarojs/components';
import { ComingSoon } from '../../../../components/ComingSoon';

/** Placeholder: a later issue builds 咨询投诉 here. */
export default function InquiryService() {
  return (
    <View className='gk-page e2e-service-page e2e-service-page-inquiry'>
      <ComingSoon title='咨询投诉' description='向教育局提出咨询、投诉、建议或反馈，并查看办理进度与答复。' />
    </View>
  );
}
