import { RichText } from '@tarojs/components';
import { inlineBodyStyles } from '../utils/body-html';

/**
 * A notice body (HTML the server has sanitised). weapp: rich-text, with the styles it needs inline.
 * H5 uses NoticeHtml.h5.tsx instead (Taro picks the platform file): plain HTML in the page.
 */
export function NoticeHtml({ html }: { html: string }) {
  return <RichText nodes={inlineBodyStyles(html)} userSelect />;
}
