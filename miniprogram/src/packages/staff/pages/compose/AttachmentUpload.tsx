import type { UploadedFileView } from '@gongkai/shared';

/**
 * weapp: no upload. Choosing a file from a chat (wx.chooseMessageFile) is a privacy API the app
 * does not declare; declaring it would change the privacy notice for every parent. The page says
 * to use the H5 admin on a computer instead (WordImport.tsx); AttachmentUpload.h5.tsx uploads.
 */
export function AttachmentUpload(_props: { room: number; onUploaded: (file: UploadedFileView) => void }) {
  return null;
}
