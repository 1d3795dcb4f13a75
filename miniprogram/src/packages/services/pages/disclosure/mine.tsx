import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { shanghaiDate, type ApplicantDisclosureListItem } from '@gongkai/shared';
import { listMyDisclosureRequests } from '../../../../api/disclosure';
import { hasToken } from '../../../../api/tokens';
import { useListPage } from '../../../../hooks/usePagedList';
import { PagedList } from '../../../../components/PagedList';
import { formatDate } from '../../../../utils/format';
import { dayLabel } from '../../../../utils/disclosure-text';
import { ROUTES, withQuery } from '../../../../utils/routes';
import { SignInFirst } from '../../../../inquiry/InquiryControls';
import '../../../../inquiry/inquiry.scss';
import './disclosure.scss';
import { pageRootClass } from '../../../../utils/text-scale';

/** 我的申请: the applicant's 依申请公开 requests, newest first (cursor pages, pull to refresh). */
export default function DisclosureMine() {
  const signedIn = hasToken('parent');
  // Back from a detail: it may have been supplemented, paid or withdrawn.
  const list = useListPage<ApplicantDisclosureListItem>((cursor) => listMyDisclosureRequests(cursor), (i) => i.id, 'mine', { enabled: signedIn, refreshOnReturn: true });

  if (!signedIn) return <SignInFirst pageClass='e2e-dc-mine' note='登录后可查看在线提交的申请。未登录时可凭申请编号和查询码查询。' />;
  const today = shanghaiDate(new Date());

  const apply = (
    <View className='gk-iq__button e2e-dc-apply-link' onClick={() => void Taro.navigateTo({ url: ROUTES.disclosureApply })}>
      <Text>我要申请</Text>
    </View>
  );

  return (
    <View className={pageRootClass('gk-page gk-iq e2e-dc-mine')}>
      <PagedList
        list={list}
        emptyText='还没有提交过申请'
        empty={apply}
        renderItem={(i) => (
          <View
            key={i.id}
            className='gk-iq__item e2e-dc-item'
            data-id={i.id}
            data-status={i.status}
            onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.disclosureDetail, { id: i.id }) })}
          >
            <View className='gk-iq__meta' style={{ marginTop: 0 }}>
              <Text className='gk-iq__status e2e-dc-item-status'>{i.statusLabel}</Text>
              <Text className='e2e-dc-item-tracking'>{i.trackingNo}</Text>
            </View>
            <Text className='gk-iq__excerpt e2e-dc-item-excerpt'>{i.excerpt}</Text>
            <View className='gk-iq__meta'>
              <Text>提交 {formatDate(i.submittedAt)}</Text>
              {i.dueDate ? <Text className='e2e-dc-item-due'>{dayLabel(i.dueDate, today)}前答复</Text> : null}
            </View>
          </View>
        )}
      />
    </View>
  );
}
