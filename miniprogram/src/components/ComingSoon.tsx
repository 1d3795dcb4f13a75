import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from './nut';
import './ComingSoon.scss';

/** Placeholder for services that later issues fill in. */
export function ComingSoon({ title, description }: { title: string; description: string }) {
  return (
    <View className='gk-soon e2e-coming-soon'>
      <Text className='gk-soon__badge'>即将开放</Text>
      <Text className='gk-soon__title'>{title}</Text>
      <Text className='gk-soon__text'>{description}</Text>
      <Text className='gk-soon__text'>该服务正在建设中，即将开放，敬请期待。</Text>
      <Button className='gk-soon__back' type='primary' fill='outline' onClick={() => void Taro.navigateBack({ fail: () => void Taro.switchTab({ url: '/pages/index/index' }) })}>
        返回
      </Button>
    </View>
  );
}
