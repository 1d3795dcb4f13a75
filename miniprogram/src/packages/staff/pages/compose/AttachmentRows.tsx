import { Input, Text, View } from '@tarojs/components';
import { NOTICE_LIMITS, fileExtensionOf } from '@gongkai/shared';
import { badgeOf, factsOf } from '../../../../components/attachment-type';
import { FormField } from '../../components/Controls';
import { AttachmentUpload } from './AttachmentUpload';
import { fileRow, newAttachmentRow, type AttachmentRow, type FileRow, type LinkRow } from './form';

type SetRows = (fn: (rows: AttachmentRow[]) => AttachmentRow[]) => void;

/** An uploaded file: badge, type and size, its name (renamable, the extension stays), 删除. */
function FileRowView({ row, patch, remove }: { row: FileRow; patch: (p: Partial<FileRow>) => void; remove: () => void }) {
  const file = { name: row.originalName, url: '', contentType: row.contentType, size: row.size };
  const ext = fileExtensionOf(row.originalName);
  return (
    <View className='gk-attach-row gk-attach-row--file e2e-compose-file' data-file-id={row.fileId}>
      <View className='gk-attach-row__line'>
        <Text className='gk-attach-row__badge'>{badgeOf(file)}</Text>
        <Text className='gk-attach-row__facts e2e-compose-file-facts'>{factsOf(file)}</Text>
      </View>
      <Input
        className='gk-input e2e-compose-file-name'
        value={row.name}
        maxlength={NOTICE_LIMITS.attachmentNameMax}
        placeholder={row.originalName}
        onInput={(e) => patch({ name: e.detail.value })}
      />
      <View className='gk-attach-row__line'>
        <Text className='gk-attach-row__hint'>{ext ? `可改名，扩展名 .${ext} 保留` : '可改名'}</Text>
        <Text className='gk-btn gk-btn--small e2e-compose-file-remove' onClick={remove}>
          删除
        </Text>
      </View>
    </View>
  );
}

/** A link typed by hand: name, address and size. */
function LinkRowView({ row, patch, remove }: { row: LinkRow; patch: (p: Partial<LinkRow>) => void; remove: () => void }) {
  return (
    <View className='gk-attach-row e2e-compose-attachment'>
      <Input className='gk-input e2e-compose-attachment-name' value={row.name} maxlength={NOTICE_LIMITS.attachmentNameMax} placeholder='附件名称' onInput={(e) => patch({ name: e.detail.value })} />
      <Input className='gk-input e2e-compose-attachment-url' value={row.url} maxlength={2000} placeholder='地址 https://… 或 /uploads/…' onInput={(e) => patch({ url: e.detail.value })} />
      <View className='gk-attach-row__line'>
        <Input className='gk-input gk-attach-row__size e2e-compose-attachment-size' type='number' value={row.size} placeholder='大小（字节，可不填）' onInput={(e) => patch({ size: e.detail.value })} />
        <Text className='gk-btn gk-btn--small e2e-compose-attachment-remove' onClick={remove}>
          删除
        </Text>
      </View>
    </View>
  );
}

/** 附件: uploaded files (H5 uploads them here) and links typed by hand, in one list. */
export function AttachmentRows({ rows, setRows, errors }: { rows: AttachmentRow[]; setRows: SetRows; errors: Record<string, string> }) {
  const patch = <R extends AttachmentRow>(key: number, p: Partial<R>) => setRows((rs) => rs.map((r) => (r.key === key ? ({ ...r, ...p } as AttachmentRow) : r)));
  const remove = (key: number) => setRows((rs) => rs.filter((r) => r.key !== key));
  const error = errors.attachments || Object.entries(errors).find(([k, v]) => k.startsWith('attachments.') && v)?.[1];
  const room = NOTICE_LIMITS.attachmentsMax - rows.length;
  return (
    <FormField label='附件' error={error}>
      {rows.map((r) =>
        r.kind === 'file' ? (
          <FileRowView key={r.key} row={r} patch={(p) => patch<FileRow>(r.key, p)} remove={() => remove(r.key)} />
        ) : (
          <LinkRowView key={r.key} row={r} patch={(p) => patch<LinkRow>(r.key, p)} remove={() => remove(r.key)} />
        ),
      )}
      <AttachmentUpload room={room} onUploaded={(f) => setRows((rs) => [...rs, fileRow(f)])} />
      {room > 0 ? (
        <Text className='gk-btn gk-btn--small e2e-compose-add-attachment' onClick={() => setRows((rs) => [...rs, newAttachmentRow()])}>
          + 链接附件
        </Text>
      ) : null}
    </FormField>
  );
}
