import { Text } from '@tarojs/components';
import { splitHighlight } from '../utils/highlight';

/** `text` with every occurrence of the query's words wrapped in a highlighted Text. */
export function Highlight({ text, query, className }: { text: string; query?: string; className?: string }) {
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
