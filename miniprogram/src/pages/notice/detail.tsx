import { useRouter, useShareAppMessage } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { getNotice } from '../../api/catalog';
import { useAsync } from '../../hooks/useAsync';
import { NoticeArticle } from '../../components/NoticeArticle';
import { DetailSkeleton, ErrorState } from '../../components/States';
import { noticeDetailPath, param } from '../../utils/routes';
import './detail.scss';
import { useTextScaleClass } from '../../hooks/useTextScaleClass';

export default function NoticeDetailPage() {
  const { params } = useRouter();
  const id = param(params, 'id');
  const state = useAsync(() => getNotice(id), [id]);

  useShareAppMessage(() => ({
    title: state.data?.title ?? '教育公开',
    path: noticeDetailPath(id),
  }));

  return (
    <View className={useTextScaleClass('gk-page gk-detail e2e-notice-detail')}>
      {state.loading && !state.data ? (
        <DetailSkeleton />
      ) : state.error || !state.data ? (
        <ErrorState error={state.error} onRetry={() => void state.reload()} />
      ) : (
        <NoticeArticle notice={state.data} />
      )}
    </View>
  );
}
