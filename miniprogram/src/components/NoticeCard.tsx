import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { NoticeListItem } from '@gongkai/shared';
import { formatDate } from '../utils/format';
import { noticeDetailPath } from '../utils/routes';
import { Highlight } from './Highlight';
import './NoticeCard.scss';

export function openNotice(id: number): void {
  void Taro.navigateTo({ url: noticeDetailPath(id) });
}

/** One notice in a list: title, summary, unit and date; `query` highlights search words. */
export function NoticeCard({ notice, query, showSummary = true }: { notice: NoticeListItem; query?: string; showSummary?: boolean }) {
  return (
    <View className='gk-card e2e-notice-item' data-id={notice.id} role='link' hoverClass='gk-card--pressed' onClick={() => openNotice(notice.id)}>
      <Highlight className='gk-card__title e2e-notice-title' text={notice.title} query={query} />
      {showSummary && notice.summary ? (
        <Highlight className='gk-card__summary e2e-notice-summary' text={notice.summary} query={query} />
      ) : null}
      <View className='gk-card__meta'>
        <Text className='gk-card__tag'>{notice.category.name}</Text>
        <Text className='gk-card__unit'>{notice.unit.name}</Text>
        <Text className='gk-card__date e2e-notice-date'>{formatDate(notice.publishedAt)}</Text>
      </View>
      {notice.attachmentCount > 0 ? <Text className='gk-card__attach'>附件 {notice.attachmentCount} 个</Text> : null}
    </View>
  );
}
