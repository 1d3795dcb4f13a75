import { View } from '@tarojs/components';
import { ComingSoon } from '../../../../components/ComingSoon';

/** Placeholder: a later issue builds 依申请公开 here. */
export default function DisclosureService() {
  return (
    <View className='gk-page e2e-service-page e2e-service-page-disclosure'>
      <ComingSoon title='依申请公开' description='依据《政府信息公开条例》向教育局申请公开政府信息，在线查看办理进度。' />
    </View>
  );
}
