import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './staff.scss';

export interface Choice {
  value: string;
  label: string;
}

/**
 * Tap-to-select chips: one choice (radio) or several (checkbox). Plain views rather than a Picker,
 * which on H5 is a modal that browser tests find hard to drive. Each chip carries `hookPrefix-<value>`.
 */
export function ChoiceChips({
  options,
  selected,
  onToggle,
  hookPrefix,
  className = '',
  disabled = false,
}: {
  options: readonly Choice[];
  selected: readonly string[];
  onToggle: (value: string) => void;
  hookPrefix: string;
  className?: string;
  disabled?: boolean;
}) {
  return (
    <View className={`gk-chips ${className}`}>
      {options.map((o) => {
        const on = selected.includes(o.value);
        return (
          <View
            key={o.value}
            className={`gk-chip ${on ? 'gk-chip--on e2e-selected' : ''} ${hookPrefix}-${o.value}`}
            data-value={o.value}
            aria-checked={on}
            onClick={() => {
              if (!disabled) onToggle(o.value);
            }}
          >
            <Text>{o.label}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** An on/off switch drawn with views (testable the same way on both targets). */
export function Toggle({ on, onChange, className = '', label }: { on: boolean; onChange: (on: boolean) => void; className?: string; label?: string }) {
  return (
    <View className={`gk-toggle ${on ? 'gk-toggle--on' : ''} ${className}`} data-on={on ? 'true' : 'false'} aria-checked={on} onClick={() => onChange(!on)}>
      <View className='gk-toggle__track'>
        <View className='gk-toggle__knob' />
      </View>
      {label ? <Text className='gk-toggle__label'>{label}</Text> : null}
    </View>
  );
}

/** A labelled form row with the server's complaint about the field underneath. */
export function FormField({ label, required, error, children, hint }: { label: string; required?: boolean; error?: string; hint?: string; children: ReactNode }) {
  return (
    <View className='gk-form-field'>
      <Text className='gk-form-field__label'>
        {label}
        {required ? <Text className='gk-form-field__required'> *</Text> : null}
      </Text>
      {children}
      {hint ? <Text className='gk-form-field__hint'>{hint}</Text> : null}
      {error ? <Text className='gk-form-field__error e2e-field-error'>{error}</Text> : null}
    </View>
  );
}
