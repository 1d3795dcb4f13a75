/** Cursor pages: pass `nextCursor` back as `cursor` until it is null. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const PAGE_LIMIT_DEFAULT = 20;
export const PAGE_LIMIT_MAX = 50;
