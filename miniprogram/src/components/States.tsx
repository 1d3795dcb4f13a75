import { Text, View } from '@tarojs/components';
import { errorMessage } from '../api/errors';
import { Button, Skeleton } from './nut';
import './States.scss';

/** Grey bars where a list is about to be. */
export function ListSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <View className='gk-skeleton e2e-loading'>
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className='gk-skeleton__item'>
          <Skeleton rows={3} animated />
        </View>
      ))}
    </View>
  );
}

export function DetailSkeleton() {
  return (
    <View className='gk-skeleton gk-skeleton--detail e2e-loading'>
      <Skeleton rows={2} animated />
      <View className='gk-skeleton__gap' />
      <Skeleton rows={8} animated />
    </View>
  );
}

/** A failed load: the reason in Chinese and a button that tries again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <View className='gk-state gk-state--error e2e-error'>
      <Text className='gk-state__icon'>!</Text>
      <Text className='gk-state__text e2e-error-message'>{errorMessage(error)}</Text>
      <Button className='gk-state__button e2e-retry' type='primary' size='normal' onClick={onRetry}>
        重试
      </Button>
    </View>
  );
}

export function EmptyState({ text, hint }: { text: string; hint?: string }) {
  return (
    <View className='gk-state gk-state--empty e2e-empty'>
      <Text className='gk-state__icon gk-state__icon--empty'>∅</Text>
      <Text className='gk-state__text'>{text}</Text>
      {hint ? <Text className='gk-state__hint'>{hint}</Text> : null}
    </View>
  );
}

/** Below a list: loading more, a retry after a failed page, or 没有更多了 at the end. */
export function ListFooter({
  loadingMore,
  done,
  error,
  onRetry,
}: {
  loadingMore: boolean;
  done: boolean;
  error: unknown;
  /** Loads the next page: after a failure, or when the list is too short to scroll. */
  onRetry: () => void;
}) {
  if (error) {
    return (
      <View className='gk-footer gk-footer--error e2e-list-error' role='button' onClick={onRetry}>
        <Text>{errorMessage(error)}</Text>
        <Text className='gk-footer__retry e2e-list-retry'>点击重试</Text>
      </View>
    );
  }
  if (loadingMore) {
    return (
      <View className='gk-footer e2e-list-loading'>
        <Text>正在加载…</Text>
      </View>
    );
  }
  if (done) {
    return (
      <View className='gk-footer e2e-list-end'>
        <Text>没有更多了</Text>
      </View>
    );
  }
  return (
    <View className='gk-footer gk-footer--idle e2e-list-more' role='button' onClick={onRetry}>
      <Text>上拉加载更多</Text>
    </View>
  );
}
