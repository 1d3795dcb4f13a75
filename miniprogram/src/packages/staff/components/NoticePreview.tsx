import { useState } from 'react';
import { View } from '@tarojs/components';
import type { NoticeArticleData } from '../../../components/NoticeArticle';
import { MiniProgramPreview, PreviewCaption, PreviewToggle } from './NoticePreviewParts';

export interface NoticePreviewProps {
  article: NoticeArticleData;
  /** H5: the saved notice whose public web page (/gk/notices/:id) can be previewed; null before the first save. */
  web?: { id: number; version: number } | null;
}

/**
 * weapp: 预览 opens the notice in a phone frame under the form, as the mini-program will show it
 * (the public web page's preview is H5's, NoticePreview.h5.tsx).
 */
export function NoticePreview({ article }: NoticePreviewProps) {
  const [open, setOpen] = useState(false);
  return (
    <View className='gk-preview e2e-notice-preview'>
      <PreviewToggle open={open} onToggle={() => setOpen((o) => !o)} />
      {open ? (
        <>
          <PreviewCaption>家长在小程序中看到的样子</PreviewCaption>
          <MiniProgramPreview article={article} />
        </>
      ) : null}
    </View>
  );
}
