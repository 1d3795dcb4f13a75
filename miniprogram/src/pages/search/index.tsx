import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { SEARCH_PAGE_DEFAULT, SEARCH_QUERY_MAX, type Page, type SearchEmptyHelp, type SearchHit, type SearchSuggestion } from '@gongkai/shared';
import { search, suggest } from '../../api/search';
import { useAsync } from '../../hooks/useAsync';
import { useListPage } from '../../hooks/usePagedList';
import { PagedList } from '../../components/PagedList';
import { SearchHitCard, searchHitKey } from '../../components/SearchHitCard';
import { SearchSuggestions } from '../../components/SearchSuggestions';
import { openNotice } from '../../components/NoticeCard';
import { queryTerms } from '../../utils/highlight';
import { addRecentSearch, clearRecentSearches, readRecentSearches, removeRecentSearch } from '../../utils/recent-searches';
import { param } from '../../utils/routes';
import { SearchEmpty } from './SearchEmpty';
import { SearchStart } from './SearchStart';
import { SearchBox } from '../../components/SearchBox';
import './index.scss';
import { useTextScaleClass } from '../../hooks/useTextScaleClass';

/** 大家都在搜 when the server has no popular queries yet (or cannot be reached). */
export const SUGGESTIONS = ['划片', '中考', '随迁子女', '学生资助', '招生'];

/** Suggestions are asked for once typing pauses this long, not at every keystroke. */
export const SUGGEST_DELAY_MS = 250;

/** What the first page of a search says about all of it. */
interface SearchMeta {
  /** The query these belong to. */
  query: string;
  highlight: string[];
  total: number;
  partial: boolean;
  empty: SearchEmptyHelp | null;
}

/**
 * One search for parents: suggestions while typing, recent and popular searches for an empty box,
 * and the results by kind (the 学区 answer first, notices and 办事指南, public Q&A) with the matched
 * words highlighted; when nothing is found, the closest topic and a 咨询 with the question.
 */
export default function Search() {
  const { params } = useRouter();
  const [query, setQuery] = useState(() => param(params, 'q').trim());
  const [draft, setDraft] = useState(query);
  const typed = draft.trim();
  const mode: 'start' | 'suggest' | 'results' = typed === '' ? 'start' : typed !== query ? 'suggest' : 'results';

  const [recent, setRecent] = useState<string[]>(() => readRecentSearches());
  const [meta, setMeta] = useState<SearchMeta | null>(null);
  const current = useRef(query);
  current.current = query;

  const fetchPage = useCallback(
    async (cursor: string | undefined): Promise<Page<SearchHit>> => {
      const res = await search(query, cursor, SEARCH_PAGE_DEFAULT);
      if (!cursor && current.current === query) {
        setMeta({ query, highlight: res.highlight, total: res.total, partial: res.partial, empty: res.empty });
        // An address answered by 学区查询 is not kept on the device, as 学区查询 itself promises.
        if (!res.items.some((h) => h.kind === 'zoning')) setRecent(addRecentSearch(query));
      }
      return { items: res.items, nextCursor: res.nextCursor };
    },
    [query],
  );
  const list = useListPage(fetchPage, searchHitKey, query, { enabled: query !== '' });

  // 大家都在搜: what parents search most (suggest with no words), else the bureau's usual topics.
  const popularState = useAsync(() => suggest(''));
  const popular = useMemo(() => {
    if (popularState.loading) return null;
    const queries = (popularState.data?.suggestions ?? []).filter((s) => s.kind === 'query').map((s) => s.text);
    return queries.length ? queries : SUGGESTIONS;
  }, [popularState.loading, popularState.data]);

  const [suggestions, setSuggestions] = useState<SearchSuggestion[]>([]);
  useEffect(() => {
    if (mode !== 'suggest') {
      setSuggestions([]);
      return undefined;
    }
    let live = true;
    const timer = setTimeout(() => {
      suggest(typed)
        .then((res) => live && setSuggestions(res.suggestions))
        // Suggestions only help: a failure leaves the typed words to search.
        .catch(() => live && setSuggestions([]));
    }, SUGGEST_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [typed, mode]);

  const runSearch = (q: string) => {
    const text = q.trim();
    if (!text) return;
    setDraft(text);
    setQuery(text);
  };

  const pick = (s: SearchSuggestion) => {
    if (s.kind === 'notice' && s.noticeId) openNotice(s.noticeId);
    else runSearch(s.text);
  };

  const words = meta && meta.query === query ? meta.highlight : queryTerms(query);
  // The 学区 answer comes first, whatever page order the server chose.
  const hits = useMemo(() => [...list.items.filter((h) => h.kind === 'zoning'), ...list.items.filter((h) => h.kind !== 'zoning')], [list.items]);
  const shownMeta = meta && meta.query === query && !list.loading && !list.error ? meta : null;

  return (
    <View className={useTextScaleClass('gk-page gk-searchpage e2e-search')} data-mode={mode}>
      <View className='gk-searchpage__bar'>
        <SearchBox value={draft} onChange={setDraft} focus={!query} placeholder='搜索通知公告、办事指南、问答' maxLength={SEARCH_QUERY_MAX} onSearch={runSearch} />
      </View>
      {mode === 'start' ? (
        <SearchStart
          recent={recent}
          popular={popular}
          onSearch={runSearch}
          onRemove={(q) => setRecent(removeRecentSearch(q))}
          onClear={() => {
            clearRecentSearches();
            setRecent([]);
          }}
        />
      ) : null}
      {mode === 'suggest' ? (
        <View>
          <View className='gk-searchpage__typed e2e-suggest-typed' role='button' hoverClass='gk-searchpage__typed--pressed' onClick={() => runSearch(typed)}>
            <Text>搜索“{typed}”</Text>
          </View>
          <SearchSuggestions typed={typed} suggestions={suggestions} onPick={pick} />
        </View>
      ) : null}
      {mode === 'results' ? (
        <View>
          <View className='gk-searchpage__summary e2e-search-summary'>
            <Text>“{query}”的搜索结果</Text>
            {shownMeta && shownMeta.total > 0 ? (
              <Text className='gk-searchpage__count e2e-search-count' data-total={shownMeta.total}>
                共 {shownMeta.total} 条
              </Text>
            ) : null}
          </View>
          {shownMeta?.partial && hits.length ? (
            <Text className='gk-searchpage__partial e2e-search-partial'>没有同时包含全部搜索词的结果，以下结果只包含其中部分词语</Text>
          ) : null}
          <PagedList
            list={{ ...list, items: hits }}
            className='gk-feed e2e-notice-feed e2e-search-results'
            emptyText={`没有找到与“${query}”相关的信息`}
            emptyHint='换个词试试，或在公开目录中按分类查找'
            empty={<SearchEmpty help={shownMeta?.empty ?? null} query={query} />}
            renderItem={(hit) => <SearchHitCard key={searchHitKey(hit)} hit={hit} words={words} query={query} />}
          />
        </View>
      ) : null}
    </View>
  );
}
