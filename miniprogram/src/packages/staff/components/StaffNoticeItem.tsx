import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { CORRECTION_STATUS_LABELS, EDITABLE_NOTICE_STATUSES, NOTICE_STATUS_LABELS, type StaffNoticeView } from '@gongkai/shared';
import { formatDateTime } from '../utils/time';
import { ROUTES, withQuery } from '../../../utils/routes';
import './staff.scss';

/** Where tapping a notice goes: its editor while the author may still change it, else the review page. */
export function staffNoticePath(notice: Pick<StaffNoticeView, 'id' | 'status'>): string {
  return EDITABLE_NOTICE_STATUSES.includes(notice.status)
    ? withQuery(ROUTES.staffCompose, { id: notice.id })
    : withQuery(ROUTES.staffReview, { id: notice.id });
}

export function StaffNoticeItem({ notice }: { notice: StaffNoticeView }) {
  return (
    <View className='gk-staff-item e2e-draft-item' data-id={notice.id} data-status={notice.status} onClick={() => void Taro.navigateTo({ url: staffNoticePath(notice) })}>
      <Text className='gk-staff-item__title e2e-draft-title'>{notice.title || '（无标题）'}</Text>
      <View className='gk-staff-item__meta'>
        <Text className='gk-status e2e-draft-status'>{NOTICE_STATUS_LABELS[notice.status] ?? notice.status}</Text>
        {notice.correction ? <Text className='gk-status e2e-draft-correction'>更正：{CORRECTION_STATUS_LABELS[notice.correction.status]}</Text> : null}
        {notice.round > 0 ? <Text>第 {notice.round} 轮</Text> : null}
        <Text>{notice.authorName}</Text>
        <Text>{formatDateTime(notice.status === 'published' ? notice.publishedAt : notice.updatedAt)}</Text>
      </View>
    </View>
  );
}
