/// <reference path="./html-escaper.d.ts" />
import { escape } from 'html-escaper';

/** Markup that is already safe to emit: built by `html`, or a body the sanitiser wrote. */
export class SafeHtml {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/** What a template may interpolate: text (escaped), safe markup (as is), lists of either; nothing for null, undefined, false. */
export type HtmlValue = string | number | SafeHtml | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escape(String(value));
}

/**
 * The pages' one way to write markup: every interpolated value is escaped (text and attribute
 * values alike, quotes included) unless it is SafeHtml, so a title with `<script>` stays text.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Markup produced elsewhere and already safe: a notice body sanitised on write. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
