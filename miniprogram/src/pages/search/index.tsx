import { useCallback, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { listNotices } from '../../api/catalog';
import { useListPage } from '../../hooks/usePagedList';
import { NoticeFeed } from '../../components/NoticeFeed';
import { SearchBox } from '../../components/SearchBox';
import { param } from '../../utils/routes';
import './index.scss';

export const SUGGESTIONS = ['划片', '中考', '随迁子女', '学生资助', '招生'];

/** Searches titles and bodies (title matches first); the words are highlighted in the results. */
export default function Search() {
  const { params } = useRouter();
  const [query, setQuery] = useState(() => param(params, 'q').trim());

  const fetchPage = useCallback(
    (cursor: string | undefined) => listNotices({ q: query, limit: 20, ...(cursor ? { cursor } : {}) }),
    [query],
  );
  const list = useListPage(fetchPage, (n) => n.id, query, { enabled: query !== '' });

  return (
    <View className='gk-page gk-searchpage e2e-search'>
      <View className='gk-searchpage__bar'>
        <SearchBox initial={query} focus={!query} onSearch={setQuery} />
      </View>
      {query ? (
        <View>
          <View className='gk-searchpage__summary e2e-search-summary'>
            <Text>“{query}”的搜索结果</Text>
          </View>
          <NoticeFeed list={list} query={query} emptyText={`没有找到与“${query}”相关的信息`} emptyHint='换个词试试，或在公开目录中按分类查找' />
        </View>
      ) : (
        <View className='gk-searchpage__suggest'>
          <Text className='gk-searchpage__suggest-title'>大家都在搜</Text>
          <View className='gk-searchpage__chips'>
            {SUGGESTIONS.map((s) => (
              <Text key={s} className='gk-searchpage__chip e2e-search-suggestion' onClick={() => setQuery(s)}>
                {s}
              </Text>
            ))}
          </View>
        </View>
      )}
    </View>
  );
}
