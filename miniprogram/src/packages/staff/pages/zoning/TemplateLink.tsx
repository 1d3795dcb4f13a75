import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { downloadZoningTemplate } from '../../../../api/zoning';
import { useAction } from '../../../../hooks/useAction';

/** weapp: the template is downloaded with the staff token and opened in WeChat's document viewer (save or forward it from there). H5: TemplateLink.h5.tsx. */
export function TemplateLink() {
  const { busy, run } = useAction();
  const open = () =>
    run(async () => {
      const filePath = await downloadZoningTemplate();
      await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true });
    });
  return (
    <View className={`gk-btn gk-btn--small e2e-zoning-template ${busy ? 'gk-btn--disabled' : ''}`} onClick={() => void open()}>
      <Text>{busy ? '正在下载…' : '下载导入模板'}</Text>
    </View>
  );
}
