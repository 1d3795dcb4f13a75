import { Text, View } from '@tarojs/components';

/**
 * What an empty search box offers: 最近搜索 (this device's own, newest first; each removable, 清空
 * removes all) and 大家都在搜.
 */
export function SearchStart({
  recent,
  popular,
  onSearch,
  onRemove,
  onClear,
}: {
  recent: readonly string[];
  /** null while the popular queries load. */
  popular: readonly string[] | null;
  onSearch: (q: string) => void;
  onRemove: (q: string) => void;
  onClear: () => void;
}) {
  return (
    <View className='gk-searchpage__suggest'>
      {recent.length ? (
        <View className='gk-searchpage__group e2e-search-recent'>
          <View className='gk-searchpage__group-head'>
            <Text className='gk-searchpage__suggest-title'>最近搜索</Text>
            <View className='gk-searchpage__clear-all e2e-recent-clear' role='button' onClick={onClear}>
              <Text>清空</Text>
            </View>
          </View>
          <View className='gk-searchpage__chips'>
            {recent.map((q) => (
              <View key={q} className='gk-searchpage__chip gk-searchpage__chip--recent e2e-recent-item' data-q={q}>
                <Text className='gk-searchpage__chip-text e2e-recent-text' onClick={() => onSearch(q)}>
                  {q}
                </Text>
                <View className='gk-searchpage__chip-remove e2e-recent-remove' role='button' aria-label={`删除最近搜索 ${q}`} onClick={() => onRemove(q)}>
                  <Text>×</Text>
                </View>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {popular && popular.length ? (
        <View className='gk-searchpage__group e2e-search-popular'>
          <Text className='gk-searchpage__suggest-title'>大家都在搜</Text>
          <View className='gk-searchpage__chips'>
            {popular.map((s) => (
              <Text key={s} className='gk-searchpage__chip e2e-search-suggestion' onClick={() => onSearch(s)}>
                {s}
              </Text>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
