import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { listCategories, listTopics } from '../../api/catalog';
import { errorMessage } from '../../api/errors';
import { useAsync } from '../../hooks/useAsync';
import { ErrorState, ListSkeleton } from '../../components/States';
import { ROUTES, withQuery } from '../../utils/routes';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import './index.scss';
import { useTextScaleClass } from '../../hooks/useTextScaleClass';

/** The ten 公开目录 categories and the 专题专栏; each opens the notice list filtered by it. */
export default function Categories() {
  const state = useAsync(async () => {
    const [categories, topics] = await Promise.all([listCategories(), listTopics()]);
    return {
      categories: [...categories].sort((a, b) => a.sortOrder - b.sortOrder),
      topics: [...topics].sort((a, b) => a.sortOrder - b.sortOrder),
    };
  });

  usePullDownRefresh(() => {
    state
      .reload()
      .catch((e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }))
      .finally(() => void Taro.stopPullDownRefresh());
  });

  const open = (kind: 'category' | 'topic', code: string, name: string) =>
    void Taro.navigateTo({ url: withQuery(ROUTES.noticeList, { [kind]: code, title: name }) });

  return (
    <View className={useTextScaleClass('gk-page gk-catalog e2e-categories')}>
      {state.loading && !state.data ? (
        <ListSkeleton rows={5} />
      ) : state.error || !state.data ? (
        <ErrorState error={state.error} onRetry={() => void state.reload()} />
      ) : (
        <View>
          <View className='gk-section-title'>
            <Text className='gk-section-title__text'>公开目录</Text>
          </View>
          <View className='gk-catalog__grid'>
            {state.data.categories.map((c, i) => (
              <View
                key={c.code}
                className={`gk-catalog__item e2e-category e2e-category-${c.code}`}
                role='link'
                hoverClass='gk-catalog__item--pressed'
                onClick={() => open('category', c.code, c.name)}
              >
                <Text className='gk-catalog__no'>{String(i + 1).padStart(2, '0')}</Text>
                <View className='gk-catalog__body'>
                  <Text className='gk-catalog__name'>{c.name}</Text>
                  <Text className='gk-catalog__desc'>{c.description}</Text>
                </View>
                <Text className='gk-catalog__arrow' aria-hidden='true'>›</Text>
              </View>
            ))}
          </View>
          {state.data.topics.length ? (
            <View>
              <View className='gk-section-title'>
                <Text className='gk-section-title__text'>专题专栏</Text>
              </View>
              <View className='gk-catalog__grid'>
                {state.data.topics.map((t) => (
                  <View
                    key={t.code}
                    className={`gk-catalog__item e2e-topic e2e-topic-${t.code}`}
                    role='link'
                    hoverClass='gk-catalog__item--pressed'
                    onClick={() => open('topic', t.code, t.name)}
                  >
                    <View className='gk-catalog__body'>
                      <Text className='gk-catalog__name'>{t.name}</Text>
                      <Text className='gk-catalog__desc'>{t.description}</Text>
                    </View>
                    <Text className='gk-catalog__arrow' aria-hidden='true'>›</Text>
                  </View>
                ))}
              </View>
            </View>
          ) : null}
        </View>
      )}
      <PrivacyPopup />
    </View>
  );
}
