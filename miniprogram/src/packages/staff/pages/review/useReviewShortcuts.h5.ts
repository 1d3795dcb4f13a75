import { useEffect, useRef } from 'react';

/** Whether the key went to something the reviewer is typing in: a shortcut never fires there. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || !!target.closest('input, textarea, select, [contenteditable="true"]');
}

/** Whether the element is drawn: Taro H5 keeps earlier pages of the stack in the document, hidden. */
function drawn(id: string): boolean {
  const element = document.getElementById(id);
  return !!element && element.getClientRects().length > 0;
}

/**
 * H5: single keys for the review actions (`handlers` by key, lower case: `a`, `r`, `p`), each
 * calling the same handler as its button's click, checks and toasts included. Only plain key
 * presses count (no Ctrl, Alt, Shift or ⌘, so the browser's own shortcuts stay), never while
 * typing in a field, never on a repeat of a held key, and only while the element `scopeId` (the
 * page's actions) is on screen.
 */
/** A Taro modal (a confirmation) is showing: keys belong to it, not to the page under it. */
function dialogOpen(): boolean {
  return Array.from(document.querySelectorAll<HTMLElement>('.taro__modal')).some((m) => m.style.display !== 'none' && m.getClientRects().length > 0);
}

export function useReviewShortcuts(handlers: Partial<Record<string, () => void>>, enabled: boolean, scopeId: string): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey || typing(e.target)) return;
      const handler = current.current[e.key.toLowerCase()];
      if (!handler || !drawn(scopeId) || dialogOpen()) return;
      e.preventDefault();
      handler();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled, scopeId]);
}
