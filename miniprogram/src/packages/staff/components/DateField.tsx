import { Picker, Text, View } from '@tarojs/components';
import './staff.scss';

export interface DateFieldProps {
  mode: 'date' | 'time';
  value: string;
  onChange: (value: string) => void;
  className?: string;
  placeholder?: string;
}

/** weapp: the native date/time picker. H5 uses DateField.h5.tsx (a browser date/time input). */
export function DateField({ mode, value, onChange, className = '', placeholder }: DateFieldProps) {
  return (
    <Picker mode={mode} value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={`gk-date-field ${className}`}>
        <Text className={value ? '' : 'gk-date-field__placeholder'}>{value || placeholder || (mode === 'date' ? '选择日期' : '选择时间')}</Text>
      </View>
    </Picker>
  );
}
