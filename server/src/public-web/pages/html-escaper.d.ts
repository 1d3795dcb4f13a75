// html-escaper ships no types: the one function used here.
declare module 'html-escaper' {
  /** Replaces & < > ' " with their entities. */
  export function escape(text: string): string;
}
