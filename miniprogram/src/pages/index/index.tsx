import Taro, { usePullDownRefresh, useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { listCategories, listNotices, listTopics } from '../../api/catalog';
import { errorMessage } from '../../api/errors';
import { useAsync } from '../../hooks/useAsync';
import { NoticeCard } from '../../components/NoticeCard';
import { SearchBox } from '../../components/SearchBox';
import { EmptyState, ErrorState, ListSkeleton } from '../../components/States';
import { ROUTES, withQuery } from '../../utils/routes';
import { HOME_TILES, LATEST_COUNT, SERVICE_TILES, tileName, type Tile } from './tiles';
import { PrivacyPopup } from '../../components/PrivacyPopup';
import './index.scss';
import { role } from '../../utils/a11y';
import { useTextScaleClass } from '../../hooks/useTextScaleClass';

export default function Home() {
  // Tile names: the live catalog when it loads, the seed names until then (or if it fails).
  const catalog = useAsync(async () => {
    const [topics, categories] = await Promise.all([listTopics(), listCategories()]);
    return { topics, categories };
  });
  const latest = useAsync(() => listNotices({ limit: LATEST_COUNT }));

  usePullDownRefresh(() => {
    Promise.all([latest.reload(), catalog.reload()])
      .catch((e: unknown) => void Taro.showToast({ title: errorMessage(e), icon: 'none' }))
      .finally(() => void Taro.stopPullDownRefresh());
  });

  useShareAppMessage(() => ({ title: '教育公开', path: ROUTES.home }));

  const search = (q: string) => void Taro.navigateTo({ url: withQuery(ROUTES.search, { q }) });

  const openTile = (tile: Tile, name: string) =>
    void Taro.navigateTo({ url: withQuery(ROUTES.noticeList, { [tile.kind]: tile.code, title: name }) });

  return (
    <View className={useTextScaleClass('gk-page gk-home e2e-home')}>
      <View className='gk-home__banner'>
        <Text className='gk-home__title'>教育信息公开</Text>
        <Text className='gk-home__subtitle'>政策文件 · 招生考试 · 办事指南，权威发布</Text>
        <View className='gk-home__search'>
          <SearchBox onSearch={search} />
        </View>
      </View>

      <View className='gk-home__tiles'>
        {HOME_TILES.map((tile) => {
          const name = tileName(tile, catalog.data?.topics, catalog.data?.categories);
          const hook = tile.kind === 'topic' ? `e2e-topic-${tile.code}` : `e2e-category-${tile.code}`;
          return (
            <View key={tile.code} className={`gk-tile e2e-tile ${hook}`} role='link' hoverClass='gk-tile--pressed' onClick={() => openTile(tile, name)}>
              <Text className='gk-tile__glyph' aria-hidden='true'>{tile.glyph}</Text>
              <Text className='gk-tile__name'>{name}</Text>
            </View>
          );
        })}
      </View>

      <View className='gk-section-title'>
        <Text className='gk-section-title__text'>便民服务</Text>
      </View>
      <View className='gk-home__services'>
        {SERVICE_TILES.map((s) => (
          <View
            key={s.key}
            className={`gk-service e2e-service-${s.key}`}
            role='link'
            hoverClass='gk-service--pressed'
            onClick={() => void Taro.navigateTo({ url: s.url })}
          >
            <Text className='gk-service__glyph' aria-hidden='true'>{s.glyph}</Text>
            <Text className='gk-service__name'>{s.name}</Text>
          </View>
        ))}
      </View>

      <View className='gk-section-title'>
        <Text className='gk-section-title__text'>最新公开</Text>
        <Text
          className='gk-section-title__more e2e-latest-more'
          {...role('link')}
          onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.noticeList, { title: '最新公开' }) })}
        >
          查看全部 ›
        </Text>
      </View>
      <View className='gk-home__latest e2e-latest'>
        {latest.loading && !latest.data ? (
          <ListSkeleton rows={3} />
        ) : latest.error ? (
          <ErrorState error={latest.error} onRetry={() => void latest.reload()} />
        ) : latest.data && latest.data.items.length ? (
          latest.data.items.map((n) => <NoticeCard key={n.id} notice={n} showSummary={false} />)
        ) : (
          <EmptyState text='暂无公开信息' />
        )}
      </View>
      <PrivacyPopup />
    </View>
  );
}
