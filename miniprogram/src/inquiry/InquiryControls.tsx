import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ROUTES } from '../utils/routes';
import './inquiry.scss';
import { pageRootClass } from '../utils/text-scale';

/** Tap-to-select chips (plain views: the same selectors drive them on weapp and H5). */
export function Chips<V extends string>({
  options,
  selected,
  onSelect,
  hookPrefix,
}: {
  options: readonly { value: V; label: string; hint?: string }[];
  selected: V | '';
  onSelect: (value: V) => void;
  hookPrefix: string;
}) {
  return (
    <View className='gk-iq-chips' role='radiogroup'>
      {options.map((o) => {
        const on = o.value === selected;
        return (
          <View key={o.value} className={`gk-iq-chip ${on ? 'gk-iq-chip--on e2e-selected' : ''} ${hookPrefix}-${o.value}`} data-value={o.value} role='radio' aria-checked={on} onClick={() => onSelect(o.value)}>
            <Text className='gk-iq-chip__label'>{o.label}</Text>
            {o.hint ? <Text className='gk-iq-chip__hint'>{o.hint}</Text> : null}
          </View>
        );
      })}
    </View>
  );
}

/** An on/off switch drawn with views. */
export function Switch({ on, onChange, className = '', label }: { on: boolean; onChange: (on: boolean) => void; className?: string; label: string }) {
  return (
    <View className={`gk-iq-toggle ${on ? 'gk-iq-toggle--on' : ''} ${className}`} data-on={on ? 'true' : 'false'} role='switch' aria-checked={on} onClick={() => onChange(!on)}>
      <Text className='gk-iq-toggle__label'>{label}</Text>
      <View className='gk-iq-toggle__track'>
        <View className='gk-iq-toggle__knob' />
      </View>
    </View>
  );
}


/** What an inquiry page shows a parent who is not signed in: 我的 is where one signs in (a tab page). */
export function SignInFirst({ pageClass, note }: { pageClass: string; note?: string }) {
  return (
    <View className={pageRootClass(`gk-page gk-iq ${pageClass}`)}>
      <View className='gk-iq__section'>
        <Text className='gk-iq__title'>请先登录</Text>
        {note ? <Text className='gk-iq__note'>{note}</Text> : null}
        <View className='gk-iq__button e2e-inquiry-signin' role='link' onClick={() => void Taro.switchTab({ url: ROUTES.mine })}>
          <Text>去登录</Text>
        </View>
      </View>
    </View>
  );
}
