import type { DateFieldProps } from './DateField';
import './staff.scss';

/**
 * H5: the browser's own date/time input (YYYY-MM-DD / HH:mm), which a browser test can fill;
 * Taro's H5 Picker is a modal.
 */
export function DateField({ mode, value, onChange, className = '', placeholder }: DateFieldProps) {
  return (
    <input
      className={`gk-date-field gk-date-field--h5 ${className}`}
      type={mode}
      value={value}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
