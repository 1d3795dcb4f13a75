import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { AttachmentView } from '@gongkai/shared';
import { fileUrl } from '../api/config';
import { extensionOf, typeOfAttachment, WITHDRAWN_MESSAGE } from './attachment-type';
import { AttachmentRow } from './AttachmentRow';

type DocumentType = NonNullable<Taro.openDocument.Option['fileType']>;
/** What wx.openDocument opens. */
const DOCUMENT_TYPES: readonly string[] = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'];

export const OPEN_FAILED_MESSAGE = '附件打开失败，请稍后重试';

/**
 * weapp: pictures go to the image preview; documents openDocument can show are downloaded and
 * opened inside WeChat; the other known types (WPS, OFD, ZIP) cannot be opened there, so the link
 * is shown for a browser ('link'). Copying it for the user would need wx.setClipboardData, a
 * privacy API the app does not declare: the address is shown selectable instead.
 */
export async function openAttachment(a: AttachmentView): Promise<'opened' | 'link' | 'failed'> {
  const url = fileUrl(a.url);
  const type = typeOfAttachment(a);
  const ext = extensionOf(a);
  if (type?.image) {
    try {
      await Taro.previewImage({ urls: [url], current: url });
      return 'opened';
    } catch {
      void Taro.showToast({ title: OPEN_FAILED_MESSAGE, icon: 'none' });
      return 'failed';
    }
  }
  if (type && !DOCUMENT_TYPES.includes(type.ext)) {
    void Taro.showToast({ title: `${type.label}请在浏览器中打开`, icon: 'none' });
    return 'link';
  }
  void Taro.showLoading({ title: '正在下载…', mask: true });
  let res: { statusCode: number; tempFilePath: string } | null;
  try {
    res = await Taro.downloadFile({ url });
  } catch {
    res = null;
  }
  // Before any toast: in WeChat hiding the loading box also hides a toast shown after it.
  Taro.hideLoading();
  if (!res || res.statusCode !== 200) {
    // 410: the notice was withdrawn after the page was opened.
    void Taro.showToast({ title: res?.statusCode === 410 ? WITHDRAWN_MESSAGE : OPEN_FAILED_MESSAGE, icon: 'none' });
    return 'failed';
  }
  try {
    await Taro.openDocument({
      filePath: res.tempFilePath,
      showMenu: true,
      ...(DOCUMENT_TYPES.includes(ext) ? { fileType: ext as DocumentType } : {}),
    });
    return 'opened';
  } catch {
    void Taro.showToast({ title: OPEN_FAILED_MESSAGE, icon: 'none' });
    return 'failed';
  }
}

/** An attachment of a notice (weapp; H5 uses Attachment.h5.tsx, a link that downloads). */
export function Attachment({ a }: { a: AttachmentView }) {
  const [showLink, setShowLink] = useState(false);
  return (
    <View className='gk-attach e2e-attachment' hoverClass='gk-attach--pressed' onClick={() => void openAttachment(a).then((r) => r === 'link' && setShowLink(true))}>
      <AttachmentRow a={a} action='打开' />
      {showLink ? (
        <View className='gk-attach__link e2e-attachment-link'>
          <Text className='gk-attach__link-hint'>微信内无法打开此类文件。长按复制下面的链接，在浏览器中打开：</Text>
          <Text className='gk-attach__link-url' selectable userSelect>
            {fileUrl(a.url)}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
