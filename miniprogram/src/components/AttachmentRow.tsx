import { Text, View } from '@tarojs/components';
import type { AttachmentView } from '@gongkai/shared';
import { badgeOf, factsOf } from './attachment-type';
import './Attachment.scss';

/** What an attachment shows: type badge, name, type label and size, action. */
export function AttachmentRow({ a, action }: { a: AttachmentView; action: string }) {
  return (
    <View className='gk-attach__row'>
      <Text className='gk-attach__icon'>{badgeOf(a)}</Text>
      <View className='gk-attach__body'>
        <Text className='gk-attach__name'>{a.name}</Text>
        <Text className='gk-attach__size e2e-attachment-facts'>{factsOf(a)}</Text>
      </View>
      <Text className='gk-attach__action'>{action}</Text>
    </View>
  );
}
