import { Text, View } from '@tarojs/components';
import { ZONING_TEMPLATE_NAME, downloadZoningTemplate } from '../../../../api/zoning';
import { useAction } from '../../../../hooks/useAction';

/**
 * H5: 下载导入模板. The route needs the staff token, which a plain link cannot carry: the file is
 * fetched through the request layer (a blob: URL) and saved under its Chinese name.
 */
export function TemplateLink() {
  const { busy, run } = useAction();
  const save = () =>
    run(async () => {
      const url = await downloadZoningTemplate();
      const link = document.createElement('a');
      link.href = url;
      link.download = ZONING_TEMPLATE_NAME;
      document.body.appendChild(link);
      link.click();
      link.remove();
      // Later, so the browser has taken the bytes before the URL goes.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    });
  return (
    <View className={`gk-btn gk-btn--small e2e-zoning-template ${busy ? 'gk-btn--disabled' : ''}`} onClick={() => void save()}>
      <Text>{busy ? '正在下载…' : '下载导入模板'}</Text>
    </View>
  );
}
