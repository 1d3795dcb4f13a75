/**
 * @tarojs/components for jsdom: Taro's own React components for H5 where they exist
 * (View, Text, Input, Button, Image, ScrollView), plain elements for the rest (RichText, Textarea).
 */
import type { ReactNode } from 'react';

export { default as View } from '@tarojs/components-react/dist/components/view/index.js';
export { default as Text } from '@tarojs/components-react/dist/components/text/index.js';
export { default as Input } from '@tarojs/components-react/dist/components/input/index.js';
export { default as Button } from '@tarojs/components-react/dist/components/button/index.js';
export { default as Image } from '@tarojs/components-react/dist/components/image/index.js';
export { default as ScrollView } from '@tarojs/components-react/dist/components/scroll-view/index.js';

/** RichText with an HTML string renders it as HTML, as Taro's H5 rich-text does. */
export function RichText({ nodes, className }: { nodes?: string; className?: string; [k: string]: unknown }) {
  return <div className={`taro-rich-text ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: typeof nodes === 'string' ? nodes : '' }} />;
}

/** Textarea: a plain <textarea> whose input reaches `onInput` as Taro's `{ detail: { value } }`. */
export function Textarea({
  className,
  value,
  placeholder,
  maxlength,
  onInput,
}: {
  className?: string;
  value?: string;
  placeholder?: string;
  maxlength?: number;
  onInput?: (e: { detail: { value: string } }) => void;
  [k: string]: unknown;
}) {
  return (
    <textarea
      className={`taro-textarea-core ${className ?? ''}`}
      value={value ?? ''}
      placeholder={placeholder}
      maxLength={maxlength && maxlength > 0 ? maxlength : undefined}
      onChange={(e) => onInput?.({ detail: { value: e.target.value } })}
    />
  );
}

export function Block({ children }: { children?: ReactNode }) {
  return <>{children}</>;
}
