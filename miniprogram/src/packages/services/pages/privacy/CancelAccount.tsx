import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AccountCancellationResult } from '@gongkai/shared';
import { ROUTES } from '../../../../utils/routes';
import type { MyData } from './useMyData';
import { pageRootClass } from '../../../../utils/text-scale';

/** What 注销 erases and what the law makes the bureau keep, said before the parent confirms. */
export const CANCEL_ERASES = [
  '微信标识（openid、unionid）：从账号、消息发送记录和公众号记录中删除',
  '账号名称',
  '咨询投诉中留下的联系电话和上传的照片',
  '订阅、消息提醒次数',
  '权利请求中您填写的内容',
];
export const CANCEL_KEEPS = [
  '咨询投诉的事项记录（标题、内容、答复）：依政务服务档案规定保存，去除与您身份的关联，只供工作人员依职责查阅',
  '已公开的问答（公开时已去除个人信息）',
  '同意和撤回的记录（依法处理的凭证，不含您的微信标识和联系方式）',
  '删除情况的数量统计',
];

type Step = 'idle' | 'explain' | 'confirm';

/** 注销账号 in two steps: what happens (erased / kept), then the final confirmation. */
export function CancelAccount({ onCancel, busy }: { onCancel: MyData['cancel']; busy: boolean }) {
  const [step, setStep] = useState<Step>('idle');
  return (
    <View className='gk-pv__section e2e-cancel' data-step={step}>
      <Text className='gk-pv__title'>注销账号</Text>
      {step === 'idle' ? (
        <View className='gk-pv__button gk-pv__button--danger e2e-cancel-start' onClick={() => setStep('explain')}>
          <Text>注销账号</Text>
        </View>
      ) : null}
      {step === 'explain' ? (
        <View className='e2e-cancel-explain'>
          <Text className='gk-pv__subtitle'>注销后将删除：</Text>
          {CANCEL_ERASES.map((t) => (
            <Text key={t} className='gk-pv__bullet e2e-cancel-erases'>
              · {t}
            </Text>
          ))}
          <Text className='gk-pv__subtitle'>依法保留：</Text>
          {CANCEL_KEEPS.map((t) => (
            <Text key={t} className='gk-pv__bullet e2e-cancel-keeps'>
              · {t}
            </Text>
          ))}
          <Text className='gk-pv__note'>注销后当前登录立即失效，“我的咨询”不再显示以前的事项。您以后仍可以登录，但那将是一个新账号。</Text>
          <View className='gk-pv__buttons'>
            <View className='gk-pv__button gk-pv__button--plain e2e-cancel-abort' onClick={() => setStep('idle')}>
              <Text>不注销</Text>
            </View>
            <View className='gk-pv__button gk-pv__button--danger e2e-cancel-next' onClick={() => setStep('confirm')}>
              <Text>我已了解，继续</Text>
            </View>
          </View>
        </View>
      ) : null}
      {step === 'confirm' ? (
        <View className='e2e-cancel-final'>
          <Text className='gk-pv__warn'>最后确认：注销后上述信息立即删除，无法恢复。确定注销吗？</Text>
          <View className='gk-pv__buttons'>
            <View className='gk-pv__button gk-pv__button--plain e2e-cancel-abort' onClick={() => setStep('idle')}>
              <Text>不注销</Text>
            </View>
            <View className={`gk-pv__button gk-pv__button--danger e2e-cancel-confirm ${busy ? 'gk-pv__button--disabled' : ''}`} onClick={() => void onCancel()}>
              <Text>确认注销</Text>
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** After 注销: what was erased, and the way back (signed out). */
export function Cancelled({ result }: { result: AccountCancellationResult }) {
  return (
    <View className={pageRootClass('gk-page gk-pv e2e-privacy-mydata e2e-cancelled')}>
      <View className='gk-pv__section'>
        <Text className='gk-pv__heading'>账号已注销</Text>
        <Text className='gk-pv__note'>您已退出登录。以下信息已删除或去除了与您身份的关联：</Text>
        {result.erased
          .filter((e) => e.count > 0)
          .map((e) => (
            <Text key={e.key} className='gk-pv__bullet e2e-cancelled-erased' data-key={e.key}>
              · {e.label}：{e.count} 项
            </Text>
          ))}
        <View className='gk-pv__button e2e-cancelled-home' onClick={() => void Taro.switchTab({ url: ROUTES.mine })}>
          <Text>返回“我的”</Text>
        </View>
      </View>
    </View>
  );
}
