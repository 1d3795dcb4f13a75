import { RichText } from '@tarojs/components';
import { absoluteBodyUrls, inlineBodyStyles } from '../utils/body-html';

/**
 * A notice body (HTML the server has sanitised). weapp: rich-text, with the styles it needs inline.
 * H5 uses NoticeHtml.h5.tsx instead (Taro picks the platform file): plain HTML in the page.
 * Server-relative pictures (uploaded files) get the API's origin: rich-text cannot resolve them.
 */
export function NoticeHtml({ html }: { html: string }) {
  return <RichText nodes={inlineBodyStyles(absoluteBodyUrls(html))} userSelect />;
}
