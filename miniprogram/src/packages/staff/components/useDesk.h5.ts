import { useEffect, useState } from 'react';

/** The width from which the staff pages are laid out as a desktop console (CSS px, as in staff.scss). */
export const DESK_QUERY = '(min-width: 1024px)';

function matches(): boolean {
  const w = globalThis as unknown as { matchMedia?: (q: string) => { matches: boolean } };
  return typeof w.matchMedia === 'function' ? w.matchMedia(DESK_QUERY).matches : false;
}

/**
 * H5: whether the window is desk-wide (≥ 1024 CSS px), following resizes. The pages switch between
 * cards and tables in script rather than CSS alone so each e2e hook exists once on the page.
 */
export function useDesk(): boolean {
  const [desk, setDesk] = useState(matches);
  useEffect(() => {
    const w = globalThis as unknown as { matchMedia?: (q: string) => MediaQueryList };
    if (typeof w.matchMedia !== 'function') return undefined;
    const mq = w.matchMedia(DESK_QUERY);
    const onChange = () => setDesk(mq.matches);
    onChange();
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return desk;
}
