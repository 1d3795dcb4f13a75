import { Text, View } from '@tarojs/components';
import { NoticeArticle, type NoticeArticleData } from '../../../components/NoticeArticle';
import { PhoneFrame } from './PhoneFrame';
import './NoticePreview.scss';

/** The parents' detail page in the mini-program, drawn in a phone: the same article component, the same styles. */
export function MiniProgramPreview({ article }: { article: NoticeArticleData }) {
  return (
    <PhoneFrame title='信息详情' className='e2e-preview-mini'>
      <View className='gk-detail'>
        <NoticeArticle notice={article} />
      </View>
    </PhoneFrame>
  );
}

/** 预览 / 收起预览 where the preview is not beside the form (phones, weapp). */
export function PreviewToggle({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <View className='gk-btn-row gk-preview__toggle'>
      <View className={`gk-btn ${open ? '' : 'gk-btn--primary'} e2e-preview-toggle`} onClick={onToggle}>
        <Text>{open ? '收起预览' : '预览（家长看到的样子）'}</Text>
      </View>
    </View>
  );
}

export function PreviewCaption({ children }: { children: string }) {
  return <Text className='gk-preview__caption'>{children}</Text>;
}
