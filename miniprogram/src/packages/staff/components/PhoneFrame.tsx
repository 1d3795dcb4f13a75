import type { PropsWithChildren, ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './PhoneFrame.scss';

/**
 * A phone drawn around a preview: the status bar, the mini-program's red navigation bar (back
 * arrow, the page's title, WeChat's capsule) and a screen that scrolls on its own. The screen is
 * 750 design px wide, a phone's full width in the app's own units, so text breaks into lines
 * where it does on a parent's phone.
 */
export interface PhoneFrameProps {
  /** The mini-program page's title in its red navigation bar. */
  title?: string;
  /** Instead of the mini-program's bar: what a phone's browser shows above a web page (its address). */
  bar?: ReactNode;
  className?: string;
}

export function PhoneFrame({ title = '', bar, className = '', children }: PropsWithChildren<PhoneFrameProps>) {
  return (
    <View className={`gk-phone e2e-phone-frame ${className}`}>
      <View className='gk-phone__status' aria-hidden>
        <Text>9:41</Text>
        {bar ? null : <Text className='gk-phone__app'>教育公开</Text>}
        <View className='gk-phone__battery' />
      </View>
      <View className='gk-phone__nav'>
        {bar ?? (
          <>
            <Text className='gk-phone__back' aria-hidden>
              ‹
            </Text>
            <Text className='gk-phone__title e2e-phone-frame-title'>{title}</Text>
            <View className='gk-phone__capsule' aria-hidden>
              <Text>···</Text>
              <View className='gk-phone__capsule-dot' />
            </View>
          </>
        )}
      </View>
      <View className='gk-phone__screen e2e-phone-frame-screen'>{children}</View>
    </View>
  );
}
