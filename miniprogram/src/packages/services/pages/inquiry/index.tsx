import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { INQUIRY_KINDS } from '@gongkai/shared';
import { ROUTES } from '../../../../utils/routes';
import '../../../../inquiry/inquiry.scss';
import { pageRootClass } from '../../../../utils/text-scale';

const ENTRIES = [
  { hook: 'e2e-inquiry-ask-link', glyph: '问', name: '我要咨询投诉', note: '咨询、投诉、建议或反馈，在线提交', url: ROUTES.inquiryAsk },
  { hook: 'e2e-inquiry-mine-link', glyph: '我', name: '我的咨询', note: '办理进度、答复与评价', url: ROUTES.inquiryMine },
  { hook: 'e2e-inquiry-qa-link', glyph: '答', name: '问答公开', note: '其他家长问过的问题与答复', url: ROUTES.qaList },
] as const;

/** 咨询投诉: the way in to asking, one's own inquiries and the public Q&A. */
export default function InquiryService() {
  return (
    <View className={pageRootClass('gk-page gk-iq e2e-service-page e2e-service-page-inquiry')}>
      {ENTRIES.map((e) => (
        <View key={e.hook} className={`gk-iq__entry ${e.hook}`} role='link' hoverClass='gk-service--pressed' onClick={() => void Taro.navigateTo({ url: e.url })}>
          <Text className='gk-iq__entry-glyph'>{e.glyph}</Text>
          <View className='gk-iq__entry-body'>
            <Text className='gk-iq__entry-name'>{e.name}</Text>
            <Text className='gk-iq__note'>{e.note}</Text>
          </View>
          <Text className='gk-iq__note'>›</Text>
        </View>
      ))}
      <View className='gk-iq__section'>
        <Text className='gk-iq__title'>答复时限</Text>
        {INQUIRY_KINDS.map((k) => (
          <Text key={k.code} className='gk-iq__note'>
            {k.label}：受理次日起 {k.replyWorkingDays} 个工作日内答复（遇法定节假日顺延）
          </Text>
        ))}
      </View>
    </View>
  );
}
