import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import './SearchBox.scss';

/**
 * A search field with a 搜索 button; `onSearch` gets the trimmed words (never empty). Given `value`
 * and `onChange`, the page controls the text (the search page shows suggestions as the parent
 * types and puts a chosen one into the box) and a × empties it.
 */
export function SearchBox({
  initial = '',
  value,
  onChange,
  placeholder = '搜索通知公告、政策文件',
  focus = false,
  maxLength = 50,
  onSearch,
}: {
  initial?: string;
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
  focus?: boolean;
  maxLength?: number;
  onSearch: (q: string) => void;
}) {
  const [own, setOwn] = useState(initial);
  useEffect(() => setOwn(initial), [initial]);
  const controlled = value !== undefined && onChange !== undefined;
  const text = controlled ? value : own;
  const change = controlled ? onChange : setOwn;
  const submit = (raw?: string) => {
    const q = (raw ?? text).trim();
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
          value={text}
          focus={focus}
          placeholder={placeholder}
          placeholderClass='gk-search__placeholder'
          maxlength={maxLength}
          onInput={(e) => change(e.detail.value)}
          onConfirm={(e) => submit(e.detail.value)}
        />
        {controlled && text ? (
          <View className='gk-search__clear e2e-search-clear' role='button' aria-label='清除搜索词' onClick={() => change('')}>
            <Text>×</Text>
          </View>
        ) : null}
      </View>
      <View className='gk-search__submit e2e-search-submit' role='button' hoverClass='gk-search__submit--pressed' onClick={() => submit()}>
        <Text>搜索</Text>
      </View>
    </View>
  );
}
