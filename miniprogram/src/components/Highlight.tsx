import { Text } from '@tarojs/components';
import { splitHighlight, type HighlightWords } from '../utils/highlight';

/**
 * `text` with every occurrence of the words wrapped in a highlighted Text. `query` is a query as
 * typed (split on white space) or a list of words, such as the search API's `highlight`.
 */
export function Highlight({ text, query, className }: { text: string; query?: HighlightWords | undefined; className?: string }) {
  const parts = splitHighlight(text, query ?? '');
  return (
    <Text className={className}>
      {parts.map((p, i) =>
        p.hit ? (
          <Text key={i} className='gk-hl e2e-highlight'>
            {p.text}
          </Text>
        ) : (
          <Text key={i}>{p.text}</Text>
        ),
      )}
    </Text>
  );
}
