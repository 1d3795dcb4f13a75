import type { UploadedFileView, WordImportResult } from '@gongkai/shared';
import { upload } from './request';

/**
 * Files staff upload: attachments for a notice, and a Word document to take a notice's body from.
 * `filePath` is what the platform gives for a chosen file (H5: a blob: URL of the File, with its
 * name passed alongside, since Taro reads the blob back without it).
 */

/** Large files over a slow line: the server's limit (UPLOAD_MAX_BYTES) is 100 MB by default. */
const UPLOAD_TIMEOUT_MS = 10 * 60_000;

/** POST /staff/attachments: the file is stored (pending) until a notice that names its fileId is saved. */
export function uploadAttachment(filePath: string, fileName: string, onProgress?: (percent: number) => void): Promise<UploadedFileView> {
  return upload<UploadedFileView>('/staff/attachments', filePath, {
    name: 'file',
    auth: 'staff',
    fileName,
    timeoutMs: UPLOAD_TIMEOUT_MS,
    ...(onProgress ? { onProgress } : {}),
  });
}

/** POST /staff/notices/import-word: a .docx → title, 文号, body HTML and its pictures (stored as attachments). */
export function importWord(filePath: string, fileName: string): Promise<WordImportResult> {
  return upload<WordImportResult>('/staff/notices/import-word', filePath, { name: 'file', auth: 'staff', fileName, timeoutMs: UPLOAD_TIMEOUT_MS });
}
