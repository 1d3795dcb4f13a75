import { Input, Text, View } from '@tarojs/components';
import { SEARCH_QUERY_MAX } from '@gongkai/shared';
import '../../components/SearchBox.scss';

/**
 * The search page's own box: SearchBox's look and hooks, but controlled by the page, which shows
 * suggestions as the parent types and puts a chosen suggestion into the box; × empties it.
 */
export function SearchBar({
  value,
  focus,
  onChange,
  onSearch,
}: {
  value: string;
  focus: boolean;
  onChange: (value: string) => void;
  /** The trimmed words, never empty. */
  onSearch: (q: string) => void;
}) {
  const submit = (raw: string) => {
    const q = raw.trim();
    if (q) onSearch(q);
  };
  return (
    <View className='gk-search'>
      <View className='gk-search__field'>
        <View className='gk-search__icon' />
        <Input
          className='gk-search__input e2e-search-input'
          type='text'
          confirmType='search'
          value={value}
          focus={focus}
          placeholder='搜索通知公告、办事指南、问答'
          placeholderClass='gk-search__placeholder'
          maxlength={SEARCH_QUERY_MAX}
          onInput={(e) => onChange(e.detail.value)}
          onConfirm={(e) => submit(e.detail.value)}
        />
        {value ? (
          <View className='gk-searchpage__clear e2e-search-clear' role='button' aria-label='清除搜索词' onClick={() => onChange('')}>
            <Text>×</Text>
          </View>
        ) : null}
      </View>
      <View className='gk-search__submit e2e-search-submit' hoverClass='gk-search__submit--pressed' onClick={() => submit(value)}>
        <Text>搜索</Text>
      </View>
    </View>
  );
}
