import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DISCLOSURE_ANSWER_WORKING_DAYS, DISCLOSURE_MAX_EXTENSION_DAYS } from '@gongkai/shared';
import { hasToken } from '../../../../api/tokens';
import { ROUTES } from '../../../../utils/routes';
import { FeeCalculator } from './DisclosureParts';
import '../../../../inquiry/inquiry.scss';
import './disclosure.scss';
import { pageRootClass } from '../../../../utils/text-scale';

const FACTS = [
  `收到申请后，能当场答复的当场答复；不能当场答复的，自收到申请之日起 ${DISCLOSURE_ANSWER_WORKING_DAYS} 个工作日内答复。`,
  `需要延长的，经负责人同意可延长，延长不超过 ${DISCLOSURE_MAX_EXTENSION_DAYS} 个工作日，并告知申请人。`,
  '申请内容不明确的，会在 7 个工作日内一次性告知补正；补正期间停止计时，收到补正之日起重新计算。',
  '需要征求第三方意见的，征求意见所需时间不计算在答复期限内。',
  '原则上不收费；只有申请数量、频次明显超过合理范围时才按规定收取信息处理费，收费前会书面通知。',
];

/** 依申请公开: what it is, the ways in (apply, 我的申请, lookup without sign-in) and the fee calculator. */
export default function DisclosureService() {
  const signedIn = hasToken('parent');
  const go = (url: string) => void Taro.navigateTo({ url });
  return (
    <View className={pageRootClass('gk-page gk-iq e2e-service-page e2e-service-page-disclosure')}>
      <View className='gk-iq__section'>
        <Text className='gk-iq__title'>政府信息依申请公开</Text>
        <Text className='gk-dc__lead'>
          依据《中华人民共和国政府信息公开条例》（2019年修订），公民、法人或者其他组织可以向教育局申请获取主动公开以外的政府信息。在线提交后可随时查看办理进度和答复。
        </Text>
        <View className='gk-dc__facts'>
          {FACTS.map((f, i) => (
            <View key={i} className='gk-dc__fact'>
              <Text className='gk-dc__fact-mark'>{i + 1}</Text>
              <Text className='gk-dc__fact-text'>{f}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className='gk-iq__entry e2e-dc-apply-link' role='link' hoverClass='gk-service--pressed' onClick={() => go(ROUTES.disclosureApply)}>
        <Text className='gk-iq__entry-glyph'>申</Text>
        <View className='gk-iq__entry-body'>
          <Text className='gk-iq__entry-name'>我要申请</Text>
          <Text className='gk-iq__note'>{signedIn ? '填写申请表，在线提交' : '登录后在线提交申请'}</Text>
        </View>
        <Text className='gk-iq__note'>›</Text>
      </View>
      {signedIn ? (
        <View className='gk-iq__entry e2e-dc-mine-link' role='link' hoverClass='gk-service--pressed' onClick={() => go(ROUTES.disclosureMine)}>
          <Text className='gk-iq__entry-glyph'>我</Text>
          <View className='gk-iq__entry-body'>
            <Text className='gk-iq__entry-name'>我的申请</Text>
            <Text className='gk-iq__note'>办理进度、补正、缴费与答复书</Text>
          </View>
          <Text className='gk-iq__note'>›</Text>
        </View>
      ) : null}
      <View className='gk-iq__entry e2e-dc-lookup-link' role='link' hoverClass='gk-service--pressed' onClick={() => go(ROUTES.disclosureLookup)}>
        <Text className='gk-iq__entry-glyph'>查</Text>
        <View className='gk-iq__entry-body'>
          <Text className='gk-iq__entry-name'>按申请编号查询</Text>
          <Text className='gk-iq__note'>凭申请编号和查询码查看进度，无需登录</Text>
        </View>
        <Text className='gk-iq__note'>›</Text>
      </View>

      <FeeCalculator />

      <View className='gk-iq__section'>
        <Text className='gk-iq__title'>其他申请方式</Text>
        <Text className='gk-iq__note'>也可以当面提交、邮寄或传真书面申请：当面提交以提交之日、邮寄以签收之日、传真以双方确认之日为收到申请之日。</Text>
      </View>
    </View>
  );
}
