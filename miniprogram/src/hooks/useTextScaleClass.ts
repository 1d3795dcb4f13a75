import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { pageRootClass, TEXT_SCALE_CHANGED } from '../utils/text-scale';

/**
 * A page root's className with the text scale classes (`gk-ts-<percent>`, `gk-elder`), kept current
 * when 长辈模式 changes. weapp cannot reach `page` from script, so the classes on the root are the
 * only way the scale reaches a page's styles: pages that stay open while 我的 toggles the mode
 * (the tab pages, and whatever is under it in the stack) re-render their root here instead of
 * being relaunched, which would lose their place and their loaded lists.
 */
export function useTextScaleClass(className: string): string {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const changed = () => setVersion((v) => v + 1);
    Taro.eventCenter.on(TEXT_SCALE_CHANGED, changed);
    return () => void Taro.eventCenter.off(TEXT_SCALE_CHANGED, changed);
  }, []);
  return pageRootClass(className);
}
