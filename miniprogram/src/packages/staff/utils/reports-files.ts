import Taro from '@tarojs/taro';
import type { ReportExportFormat } from '@gongkai/shared';
import { download } from '../../../api/request';
import { EXPORT_LABELS, weappDocumentType } from './reports-format';

/**
 * Opens an export of the yearly report with the staff token, which a plain link cannot send.
 * weapp: downloaded with the token and shown by openDocument, which reads PDF and DOCX; Markdown
 * and HTML it cannot show, so the page says where to get them. H5: reports-files.h5.ts.
 */
export async function openReportExport(url: string, format: ReportExportFormat, fallbackName: string): Promise<void> {
  void fallbackName;
  const fileType = weappDocumentType(format);
  if (!fileType) {
    void Taro.showModal({ title: EXPORT_LABELS[format], content: '小程序中不能打开此格式：请在电脑浏览器的管理页面中导出，或选择 PDF、Word。', showCancel: false });
    return;
  }
  const path = await download(url, { auth: 'staff', timeoutMs: 120_000 });
  await Taro.openDocument({ filePath: path, fileType, showMenu: true });
}
