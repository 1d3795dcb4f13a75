import { View } from '@tarojs/components';
import { ComingSoon } from '../../../../components/ComingSoon';

/** Placeholder: a later issue builds 学区查询 here. */
export default function ZoningService() {
  return (
    <View className='gk-page e2e-service-page e2e-service-page-zoning'>
      <ComingSoon title='学区查询' description='按住址查询孩子对应的义务教育学校划片范围。' />
    </View>
  );
}
