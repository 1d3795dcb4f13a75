import { View } from '@tarojs/components';
import { absoluteBodyUrls } from '../utils/body-html';

/**
 * H5: the sanitised body goes into the page as HTML, styled by detail.scss. (Taro's RichText
 * would do the same but pulls its whole H5 component set, Swiper included, into the bundle.)
 * Server-relative pictures get the API's origin when the app is served from elsewhere.
 */
export function NoticeHtml({ html }: { html: string }) {
  return <View className='gk-html' dangerouslySetInnerHTML={{ __html: absoluteBodyUrls(html) }} />;
}
