import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { ParentInquiryListItem } from '@gongkai/shared';
import { listMyInquiries } from '../../../../api/inquiries';
import { hasToken } from '../../../../api/tokens';
import { useListPage } from '../../../../hooks/usePagedList';
import { PagedList } from '../../../../components/PagedList';
import { formatDate } from '../../../../utils/format';
import { kindLabel } from '../../../../inquiry/inquiry';
import { ROUTES, withQuery } from '../../../../utils/routes';
import { SignInFirst } from '../../../../inquiry/InquiryControls';
import '../../../../inquiry/inquiry.scss';
import { pageRootClass } from '../../../../utils/text-scale';

/** 我的咨询: the parent's inquiries, newest first (cursor pages, pull to refresh). */
export default function InquiryMine() {
  const signedIn = hasToken('parent');
  // Back from a detail: it may have been rated or reopened.
  const list = useListPage<ParentInquiryListItem>((cursor) => listMyInquiries(cursor), (i) => i.id, 'mine', { enabled: signedIn, refreshOnReturn: true });

  if (!signedIn) return <SignInFirst pageClass='e2e-inquiry-mine' />;

  const ask = (
    <View className='gk-iq__button e2e-inquiry-ask-link' role='link' onClick={() => void Taro.navigateTo({ url: ROUTES.inquiryAsk })}>
      <Text>我要咨询投诉</Text>
    </View>
  );

  return (
    <View className={pageRootClass('gk-page gk-iq e2e-inquiry-mine')}>
      <PagedList
        list={list}
        emptyText='还没有提交过咨询'
        empty={ask}
        renderItem={(i) => (
          <View
            key={i.id}
            className='gk-iq__item e2e-inquiry-item'
            data-id={i.id}
            data-status={i.status}
            role='link'
            onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.inquiryDetail, { id: i.id }) })}
          >
            <View className='gk-iq__meta' style={{ marginTop: 0 }}>
              <Text className='gk-iq__status e2e-inquiry-status'>{i.statusLabel}</Text>
              <Text>{kindLabel(i.kind)}</Text>
              <Text className='e2e-inquiry-tracking'>{i.trackingNo}</Text>
            </View>
            <Text className='gk-iq__item-title e2e-inquiry-subject'>{i.subject}</Text>
            <View className='gk-iq__meta'>
              <Text>提交 {formatDate(i.createdAt)}</Text>
              {i.replied ? <Text>已答复</Text> : <Text className='e2e-inquiry-due'>答复期限 {formatDate(i.dueAt)}</Text>}
            </View>
          </View>
        )}
      />
    </View>
  );
}
