import { Text, View } from '@tarojs/components';
import type { SearchSuggestion } from '@gongkai/shared';
import { Highlight } from './Highlight';
import './SearchSuggestions.scss';

/**
 * What the search box offers while a parent types: notices' titles (tap opens the notice) and
 * queries others searched (tap searches it), the typed words highlighted.
 */
export function SearchSuggestions({
  typed,
  suggestions,
  onPick,
}: {
  typed: string;
  suggestions: readonly SearchSuggestion[];
  onPick: (suggestion: SearchSuggestion) => void;
}) {
  if (!suggestions.length) return null;
  return (
    <View className='gk-suggest e2e-search-suggest' role='listbox' aria-label='搜索建议'>
      {suggestions.map((s, i) => (
        <View
          key={`${s.kind}-${s.noticeId ?? ''}-${s.text}-${i}`}
          className={`gk-suggest__item e2e-suggest-item e2e-suggest-${s.kind}`}
          data-kind={s.kind}
          data-id={s.noticeId ?? ''}
          role='option'
          hoverClass='gk-suggest__item--pressed'
          onClick={() => onPick(s)}
        >
          <Text className={`gk-suggest__mark gk-suggest__mark--${s.kind}`}>{s.kind === 'notice' ? '文' : '搜'}</Text>
          <Highlight className='gk-suggest__text e2e-suggest-text' text={s.text} query={typed} />
          {s.kind === 'notice' ? <Text className='gk-suggest__chevron'>›</Text> : null}
        </View>
      ))}
    </View>
  );
}
