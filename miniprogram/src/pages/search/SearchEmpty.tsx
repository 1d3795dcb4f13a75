import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { SearchEmptyHelp } from '@gongkai/shared';
import { ROUTES, withQuery } from '../../utils/routes';

/** The ask page with the question as a 咨询's subject (the ask page fits it to the subject's length). */
export function askPath(question: string): string {
  return withQuery(ROUTES.inquiryAsk, { kind: 'consultation', subject: question });
}

/**
 * Under “没有找到…”: the closest 专题 or category to browse instead, and the question to ask the
 * bureau as a 咨询 (the ask page opens with it filled in).
 */
export function SearchEmpty({ help, query }: { help: SearchEmptyHelp | null; query: string }) {
  const browse = help?.browse ?? null;
  const question = help?.ask || query;
  return (
    <View className='gk-searchpage__empty e2e-search-empty'>
      {browse ? (
        <View className='gk-searchpage__browse'>
          <Text className='gk-searchpage__browse-label'>看看相关栏目：</Text>
          <Text
            className='gk-searchpage__chip gk-searchpage__chip--browse e2e-search-browse'
            data-kind={browse.kind}
            data-code={browse.code}
            onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.noticeList, { [browse.kind]: browse.code, title: browse.name }) })}
          >
            {browse.name} ›
          </Text>
        </View>
      ) : null}
      <Text className='gk-searchpage__ask-note'>没找到想要的答案？可以直接向县教育局咨询。</Text>
      <View className='gk-searchpage__ask e2e-search-ask' role='button' hoverClass='gk-searchpage__ask--pressed' onClick={() => void Taro.navigateTo({ url: askPath(question) })}>
        <Text>咨询这个问题</Text>
      </View>
    </View>
  );
}
