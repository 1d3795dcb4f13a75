import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { AttachmentView } from '@gongkai/shared';
import { fileUrl } from '../api/config';
import { fileExtension } from '../utils/format';
import { AttachmentRow } from './AttachmentRow';

type DocumentType = NonNullable<Taro.openDocument.Option['fileType']>;
const DOCUMENT_TYPES: readonly string[] = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'];
const IMAGE_TYPES: readonly string[] = ['jpg', 'jpeg', 'png', 'gif', 'webp'];

/** weapp: download the file, then open it inside WeChat (pictures go to the image preview). */
export async function openAttachment(a: AttachmentView): Promise<void> {
  const url = fileUrl(a.url);
  const ext = fileExtension(a.name) || fileExtension(a.url);
  if (IMAGE_TYPES.includes(ext)) {
    await Taro.previewImage({ urls: [url], current: url });
    return;
  }
  void Taro.showLoading({ title: '正在下载…', mask: true });
  try {
    const res = await Taro.downloadFile({ url });
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
    await Taro.openDocument({
      filePath: res.tempFilePath,
      showMenu: true,
      ...(DOCUMENT_TYPES.includes(ext) ? { fileType: ext as DocumentType } : {}),
    });
  } catch {
    void Taro.showToast({ title: '附件打开失败，请稍后重试', icon: 'none' });
  } finally {
    Taro.hideLoading();
  }
}

/** An attachment of a notice (weapp; H5 uses Attachment.h5.tsx, a plain link). */
export function Attachment({ a }: { a: AttachmentView }) {
  return (
    <View className='gk-attach e2e-attachment' hoverClass='gk-attach--pressed' onClick={() => void openAttachment(a)}>
      <AttachmentRow a={a} action='打开' />
    </View>
  );
}
