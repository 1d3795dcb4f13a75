import { Text, View } from '@tarojs/components';
import './inquiry.scss';

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
    <View className='gk-iq-chips'>
      {options.map((o) => {
        const on = o.value === selected;
        return (
          <View key={o.value} className={`gk-iq-chip ${on ? 'gk-iq-chip--on e2e-selected' : ''} ${hookPrefix}-${o.value}`} data-value={o.value} aria-checked={on} onClick={() => onSelect(o.value)}>
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
    <View className={`gk-iq-toggle ${on ? 'gk-iq-toggle--on' : ''} ${className}`} data-on={on ? 'true' : 'false'} aria-checked={on} onClick={() => onChange(!on)}>
      <Text className='gk-iq-toggle__label'>{label}</Text>
      <View className='gk-iq-toggle__track'>
        <View className='gk-iq-toggle__knob' />
      </View>
    </View>
  );
}

