import { useState, type ChangeEvent } from 'react';
import { Text, View } from '@tarojs/components';
import { ATTACHMENT_ACCEPT, ATTACHMENT_TYPES_TEXT, NOTICE_LIMITS, attachmentTypeOf, type UploadedFileView } from '@gongkai/shared';
import { errorMessage } from '../../../../api/errors';
import { uploadAttachment } from '../../../../api/staff-files';
import { formatSize } from '../../../../utils/format';

interface Upload {
  key: number;
  name: string;
  size: number;
  percent: number;
  /** The server's refusal (or the type check's), in Chinese; the row stays until removed. */
  error: string;
}

let uploadKey = 1;

/**
 * H5: 上传附件 — a file chooser (several at once), each file uploaded in turn with its progress;
 * a refused file stays listed with the reason. A stored file leaves this list for the form's
 * attachment rows (`onUploaded`). weapp has AttachmentUpload.tsx (nothing: see WordImport.tsx).
 */
export function AttachmentUpload({ room, onUploaded }: { room: number; onUploaded: (file: UploadedFileView) => void }) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const patch = (key: number, p: Partial<Upload>) => setUploads((us) => us.map((u) => (u.key === key ? { ...u, ...p } : u)));
  const running = uploads.filter((u) => !u.error).length;

  const uploadAll = async (files: File[]) => {
    let left = room - running;
    const queued = files.map((file) => {
      const error = !attachmentTypeOf(file.name)
        ? `不支持此类文件，可上传${ATTACHMENT_TYPES_TEXT}`
        : left <= 0
          ? `附件最多 ${NOTICE_LIMITS.attachmentsMax} 个`
          : '';
      if (!error) left -= 1;
      return { file, upload: { key: uploadKey++, name: file.name, size: file.size, percent: 0, error } };
    });
    setUploads((us) => [...us, ...queued.map((q) => q.upload)]);
    // One at a time: a bureau's line is often slow, and each file then gets the whole of it.
    for (const { file, upload } of queued) {
      if (upload.error) continue;
      const path = URL.createObjectURL(file);
      try {
        const stored = await uploadAttachment(path, file.name, (percent) => patch(upload.key, { percent }));
        setUploads((us) => us.filter((u) => u.key !== upload.key));
        onUploaded(stored);
      } catch (e) {
        patch(upload.key, { error: errorMessage(e) });
      } finally {
        URL.revokeObjectURL(path);
      }
    }
  };

  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(e.target.files ?? []);
    // Cleared, so choosing the same file again (after a refusal) fires again.
    e.target.value = '';
    if (files.length) void uploadAll(files);
  };

  return (
    <View className='gk-upload e2e-compose-uploads'>
      {uploads.map((u) => (
        <View key={u.key} className={`gk-upload__item e2e-compose-upload-item ${u.error ? 'gk-upload__item--failed' : ''}`}>
          <View className='gk-upload__line'>
            <Text className='gk-upload__name'>{u.name}</Text>
            <Text className='gk-upload__size'>{formatSize(u.size)}</Text>
          </View>
          {u.error ? (
            <View className='gk-upload__line'>
              <Text className='gk-upload__error e2e-compose-upload-error'>{u.error}</Text>
              <Text className='gk-btn gk-btn--small e2e-compose-upload-dismiss' onClick={() => setUploads((us) => us.filter((x) => x.key !== u.key))}>
                移除
              </Text>
            </View>
          ) : (
            <View className='gk-upload__bar' role='progressbar' aria-valuenow={u.percent}>
              <View className='gk-upload__done' style={{ width: `${u.percent}%` }} />
              <Text className='gk-upload__percent e2e-compose-upload-progress'>上传中 {u.percent}%</Text>
            </View>
          )}
        </View>
      ))}
      <label className='gk-btn gk-btn--small gk-upload__choose e2e-compose-upload'>
        <span>上传附件</span>
        {/* Hidden by style: the app's input rule would override the `hidden` attribute. */}
        <input className='e2e-compose-upload-input' type='file' accept={ATTACHMENT_ACCEPT} multiple style={{ display: 'none' }} onChange={onChange} />
      </label>
      <Text className='gk-upload__hint'>可上传{ATTACHMENT_TYPES_TEXT}</Text>
    </View>
  );
}
