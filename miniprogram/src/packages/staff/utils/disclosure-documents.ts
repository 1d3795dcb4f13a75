import Taro from '@tarojs/taro';
import { download } from '../../../api/request';

/**
 * Opens a request's document (the reply letter as HTML or PDF, the 收费通知书) with the staff
 * token, which a plain link cannot send. weapp: downloaded with the token and shown by
 * openDocument, which reads PDF but not HTML, so an HTML preview says where to read it instead.
 * H5: disclosure-documents.h5.ts.
 */
export async function openStaffDocument(url: string, kind: 'html' | 'pdf'): Promise<void> {
  if (kind === 'html') {
    void Taro.showModal({ title: '预览', content: '小程序中不能显示网页文件：请在电脑浏览器的管理页面中预览，或在审批后下载 PDF。', showCancel: false });
    return;
  }
  const path = await download(url, { auth: 'staff' });
  await Taro.openDocument({ filePath: path, fileType: 'pdf', showMenu: true });
}
