import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { PrivacyNoticeView } from '@gongkai/shared';
import { getPrivacyNotice } from '../../../../api/privacy';
import { useAsync } from '../../../../hooks/useAsync';
import { DetailSkeleton, ErrorState } from '../../../../components/States';
import { AgreeButton } from '../../../../components/PrivacyPopup';
import { answerPrivacy, deviceAgreed, fallbackSummary } from '../../../../utils/privacy';
import './privacy.scss';
import { pageRootClass } from '../../../../utils/text-scale';

function ItemsTable({ notice }: { notice: PrivacyNoticeView }) {
  return (
    <View className='gk-pv__section e2e-notice-items'>
      <Text className='gk-pv__title'>我们处理的个人信息一览</Text>
      {notice.items.map((i) => (
        <View key={i.kind} className='gk-pv__item e2e-notice-item' data-kind={i.kind}>
          <Text className='gk-pv__item-title'>
            {i.label}
            {i.sensitive ? <Text className='gk-pv__tag'>敏感</Text> : null}
            {i.encrypted ? <Text className='gk-pv__tag gk-pv__tag--plain'>加密保存</Text> : null}
            {i.collecting ? null : <Text className='gk-pv__tag gk-pv__tag--plain'>功能开放后适用</Text>}
          </Text>
          <Text className='gk-pv__row'>收集场景：{i.collectedWhen}</Text>
          <Text className='gk-pv__row'>目的：{i.purpose}</Text>
          <Text className='gk-pv__row'>依据：{i.basisText.join('；')}</Text>
          <Text className='gk-pv__row e2e-notice-item-retention'>保存期限：{i.retention}</Text>
          <Text className='gk-pv__row'>接收方：{i.recipients}</Text>
        </View>
      ))}
    </View>
  );
}

function Appendix({ notice }: { notice: PrivacyNoticeView }) {
  return (
    <>
      <View className='gk-pv__section e2e-notice-apis'>
        <Text className='gk-pv__title'>附：小程序调用的隐私接口</Text>
        {notice.apis.map((a) => (
          <View key={a.api} className='gk-pv__item e2e-notice-api' data-api={a.api}>
            <Text className='gk-pv__item-title'>
              {a.declaration}（{a.api}）
            </Text>
            <Text className='gk-pv__row'>用途：{a.purpose}</Text>
            <Text className='gk-pv__row'>调用位置：{a.usedIn}</Text>
          </View>
        ))}
      </View>
      <View className='gk-pv__section e2e-notice-retention'>
        <Text className='gk-pv__title'>附：自动删除的期限</Text>
        {notice.retention.map((r) => (
          <Text key={r.kind} className='gk-pv__row e2e-notice-retention-rule' data-kind={r.kind} data-days={r.days}>
            {r.label}：{r.from}后 {r.days} 天
          </Text>
        ))}
      </View>
    </>
  );
}

/** 个人信息保护政策: the server's notice (generated from the shared lists), readable signed out too. */
export default function PrivacyNotice() {
  const state = useAsync(getPrivacyNotice);
  const [agreed, setAgreed] = useState(deviceAgreed);
  const notice = state.data;

  const agree = async () => {
    await answerPrivacy(true);
    setAgreed(true);
    void Taro.showToast({ title: '已同意', icon: 'success' });
  };

  if (!notice) {
    return (
      <View className={pageRootClass('gk-page gk-pv e2e-privacy-notice')}>
        {state.error ? (
          <>
            <ErrorState error={state.error} onRetry={() => void state.reload()} />
            <View className='gk-pv__section'>
              <Text className='gk-pv__text'>{fallbackSummary()}</Text>
            </View>
          </>
        ) : (
          <DetailSkeleton />
        )}
      </View>
    );
  }
  return (
    <View className={pageRootClass('gk-page gk-pv e2e-privacy-notice')} data-version={notice.version}>
      <View className='gk-pv__section'>
        <Text className='gk-pv__heading e2e-notice-title'>{notice.title}</Text>
        <Text className='gk-pv__meta e2e-notice-version'>
          版本 {notice.version} · {notice.effectiveDate} 起施行
        </Text>
        <Text className='gk-pv__meta e2e-notice-controller'>个人信息处理者：{notice.controller}</Text>
        <Text className='gk-pv__meta e2e-notice-contact'>联系方式：{notice.contact}</Text>
        <Text className='gk-pv__text gk-pv__summary e2e-notice-summary'>{notice.summary}</Text>
      </View>
      <ItemsTable notice={notice} />
      {notice.sections.map((s) => (
        <View key={s.heading} className='gk-pv__section e2e-notice-section'>
          <Text className='gk-pv__title'>{s.heading}</Text>
          {s.paragraphs.map((p, i) => (
            <Text key={i} className='gk-pv__text gk-pv__para'>
              {p}
            </Text>
          ))}
        </View>
      ))}
      <Appendix notice={notice} />
      {agreed ? (
        <Text className='gk-pv__note e2e-privacy-notice-agreed'>您已在本设备上同意本版本政策。撤回同意请到“我的 → 我的信息”。</Text>
      ) : (
        <View className='gk-pv__section'>
          <AgreeButton className='e2e-privacy-notice-agree' onAgree={() => void agree()}>
            我已阅读并同意本政策
          </AgreeButton>
        </View>
      )}
    </View>
  );
}
