import { useCallback, useEffect } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { listNotices } from '../../api/catalog';
import { useListPage } from '../../hooks/usePagedList';
import { NoticeFeed } from '../../components/NoticeFeed';
import { param } from '../../utils/routes';
import { useTextScaleClass } from '../../hooks/useTextScaleClass';

export const PAGE_SIZE = 20;

/** Notices by category, topic, unit or search words, newest first, loaded page by page. */
export default function NoticeList() {
  const { params } = useRouter();
  const category = param(params, 'category');
  const topic = param(params, 'topic');
  const unit = param(params, 'unit');
  const q = param(params, 'q');
  const title = param(params, 'title') || '信息列表';

  useEffect(() => {
    void Taro.setNavigationBarTitle({ title });
  }, [title]);

  const fetchPage = useCallback(
    (cursor: string | undefined) =>
      listNotices({
        ...(category ? { category } : {}),
        ...(topic ? { topic } : {}),
        ...(unit ? { unit } : {}),
        ...(q ? { q } : {}),
        ...(cursor ? { cursor } : {}),
        limit: PAGE_SIZE,
      }),
    [category, topic, unit, q],
  );
  const list = useListPage(fetchPage, (n) => n.id, `${category}|${topic}|${unit}|${q}`);

  return (
    <View className={useTextScaleClass('gk-page gk-list e2e-notice-list')}>
      <View className='gk-section-title'>
        <Text className='gk-section-title__text e2e-list-title'>{title}</Text>
      </View>
      <NoticeFeed list={list} {...(q ? { query: q } : {})} emptyText='该栏目暂无公开信息' />
    </View>
  );
}
