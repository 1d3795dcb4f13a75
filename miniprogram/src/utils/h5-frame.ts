import Taro from '@tarojs/taro';
import { pagePathOf } from './routes';

/**
 * H5 only. On a wide window the parents' pages are drawn as a phone-width column in the middle
 * (app.scss, `html.gk-phone-frame` inside `@media (min-width: 600px)`), while the staff pages
 * (packages/staff) get the whole window for their desktop console. The class follows the route on
 * <html> rather than on the page roots because what must be narrowed (Taro's page container, its
 * navigation bar and tab bar) is outside any page, and Taro keeps earlier pages in the DOM.
 *
 * The route comes from Taro's router, which announces every page change (the first one included,
 * right after launch) as `__taroRouterChange` with the path; `hashchange` and the address at start
 * are a fallback should that internal event ever be renamed: the hash router keeps the path in the hash.
 */
export const PHONE_FRAME_CLASS = 'gk-phone-frame';
const STAFF_PREFIX = '/packages/staff/';

/** Whether a route (`/pages/index/index`, `packages/staff/pages/home/index?x=1`, `#/…`) belongs to the parents' side. */
export function isParentRoute(path: string): boolean {
  return !pagePathOf(path).startsWith(STAFF_PREFIX);
}

function apply(path: string): void {
  document.documentElement.classList.toggle(PHONE_FRAME_CLASS, isParentRoute(path));
}

export function followPhoneFrame(): void {
  // Taro provides a `document` in weapp too: the build flag is the guard.
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  apply(window.location.hash);
  Taro.eventCenter.on('__taroRouterChange', (change?: { toLocation?: { path?: string } }) => {
    const path = change?.toLocation?.path;
    if (typeof path === 'string') apply(path);
  });
  window.addEventListener('hashchange', () => apply(window.location.hash));
}
