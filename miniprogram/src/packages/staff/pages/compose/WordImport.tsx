import { Text, View } from '@tarojs/components';
import type { WordImportResult } from '@gongkai/shared';

/**
 * weapp: instead of 导入 Word and 上传附件, a note. Choosing a file from a chat
 * (wx.chooseMessageFile) is a WeChat privacy API the app does not declare: declaring it would change
 * the privacy notice for every parent. Editors upload from the H5 admin on a computer
 * (WordImport.h5.tsx, AttachmentUpload.h5.tsx).
 */
export function WordImport(_props: { onImported: (result: WordImportResult) => Promise<boolean> }) {
  return (
    <View className='gk-compose__note e2e-compose-weapp-note'>
      <Text>上传附件、导入 Word 请在电脑上打开管理端</Text>
    </View>
  );
}
