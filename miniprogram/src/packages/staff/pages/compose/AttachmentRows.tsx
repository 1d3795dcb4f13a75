import { Input, Text, View } from '@tarojs/components';
import { NOTICE_LIMITS } from '@gongkai/shared';
import { FormField } from '../../components/Controls';
import { newAttachmentRow, type AttachmentRow } from './form';

/** 附件: name, address and size per row. */
export function AttachmentRows({ rows, setRows, errors }: { rows: AttachmentRow[]; setRows: (fn: (rows: AttachmentRow[]) => AttachmentRow[]) => void; errors: Record<string, string> }) {
  const patch = (key: number, p: Partial<AttachmentRow>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...p } : r)));
  const error = errors.attachments || Object.entries(errors).find(([k, v]) => k.startsWith('attachments.') && v)?.[1];
  return (
    <FormField label='附件' error={error}>
      {rows.map((a) => (
        <View key={a.key} className='gk-attach-row e2e-compose-attachment'>
          <Input className='gk-input e2e-compose-attachment-name' value={a.name} maxlength={NOTICE_LIMITS.attachmentNameMax} placeholder='附件名称' onInput={(e) => patch(a.key, { name: e.detail.value })} />
          <Input className='gk-input e2e-compose-attachment-url' value={a.url} maxlength={2000} placeholder='地址 https://… 或 /uploads/…' onInput={(e) => patch(a.key, { url: e.detail.value })} />
          <View className='gk-attach-row__line'>
            <Input className='gk-input gk-attach-row__size e2e-compose-attachment-size' type='number' value={a.size} placeholder='大小（字节，可不填）' onInput={(e) => patch(a.key, { size: e.detail.value })} />
            <Text className='gk-btn gk-btn--small e2e-compose-attachment-remove' onClick={() => setRows((rs) => rs.filter((r) => r.key !== a.key))}>
              删除
            </Text>
          </View>
        </View>
      ))}
      {rows.length < NOTICE_LIMITS.attachmentsMax ? (
        <Text className='gk-btn gk-btn--small e2e-compose-add-attachment' onClick={() => setRows((rs) => [...rs, newAttachmentRow()])}>
          + 附件
        </Text>
      ) : null}
    </FormField>
  );
}
