import { Text, View } from '@tarojs/components';
import type { AttachmentView } from '@gongkai/shared';
import { fileExtension, formatSize } from '../utils/format';

/** What an attachment shows: type badge, name, size, action. */
export function AttachmentRow({ a, action }: { a: AttachmentView; action: string }) {
  return (
    <View className='gk-attach__row'>
      <Text className='gk-attach__icon'>{(fileExtension(a.name) || fileExtension(a.url) || '文件').toUpperCase().slice(0, 4)}</Text>
      <View className='gk-attach__body'>
        <Text className='gk-attach__name'>{a.name}</Text>
        <Text className='gk-attach__size'>{formatSize(a.size)}</Text>
      </View>
      <Text className='gk-attach__action'>{action}</Text>
    </View>
  );
}
