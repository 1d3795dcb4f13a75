import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import './SearchBox.scss';

/** A search field with a 搜索 button; `onSearch` gets the trimmed words (never empty). */
export function SearchBox({
  initial = '',
  placeholder = '搜索通知公告、政策文件',
  focus = false,
  onSearch,
}: {
  initial?: string;
  placeholder?: string;
  focus?: boolean;
  onSearch: (q: string) => void;
}) {
  const [value, setValue] = useState(initial);
  useEffect(() => setValue(initial), [initial]);
  const submit = (raw?: string) => {
    const q = (raw ?? value).trim();
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
          placeholder={placeholder}
          placeholderClass='gk-search__placeholder'
          maxlength={50}
          onInput={(e) => setValue(e.detail.value)}
          onConfirm={(e) => submit(e.detail.value)}
        />
      </View>
      <View className='gk-search__submit e2e-search-submit' hoverClass='gk-search__submit--pressed' onClick={() => submit()}>
        <Text>搜索</Text>
      </View>
    </View>
  );
}
