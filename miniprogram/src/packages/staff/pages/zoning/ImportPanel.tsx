import { Text, View } from '@tarojs/components';
import type { ZoningImportResult } from '@gongkai/shared';

/**
 * weapp: no import. Choosing a file from a chat (wx.chooseMessageFile) is a WeChat privacy API the
 * app does not declare (see compose/WordImport.tsx); staff import from the H5 admin on a computer
 * (ImportPanel.h5.tsx).
 */
export function ImportPanel(_props: { defaultYear: number; onImported: (result: ZoningImportResult) => void }) {
  return (
    <View className='gk-zs__section e2e-zoning-weapp-note'>
      <Text className='gk-zs__title'>导入划片表</Text>
      <Text className='gk-zs__note'>导入划片表请在电脑上打开管理端。</Text>
    </View>
  );
}
