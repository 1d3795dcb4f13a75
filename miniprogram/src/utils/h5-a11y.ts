import Taro from '@tarojs/taro';
import { isParentRoute } from './h5-frame';

/**
 * H5 only. Taro draws its own chrome in H5 (navigation bar, page containers, tab bar) with plain
 * divs and no accessible names or roles, and a `View` with `onClick` cannot be reached by keyboard.
 * This tags that DOM as it appears (the route changes it), so screen readers and keyboards can use it:
 * - the navigation bar's title is the page's heading (level 1); its back and home icons are named buttons;
 * - the page container is the `main` landmark on the parents' side (the staff console has its own `<main>`);
 * - each page (a scrolling box) can take focus, so a keyboard can scroll it;
 * - the tab bar is a navigation landmark and marks the current tab;
 * - Taro's Button (a custom element) is a button to assistive technology and the keyboard;
 * - the section titles of our pages and a notice's title are headings (level 2);
 * - elements our components give an interactive role (button, link, radio, tab, switch, option)
 *   get `tabindex=0`, and Enter (Space too, except on a link) clicks them, as on native controls.
 * weapp draws native bars and has its own accessibility; nothing here runs there.
 */

/** Our titles drawn as Text: a section's title, and a notice's title above its body (whose own headings start at h2 or h3). */
const HEADINGS = [
  ['.gk-section-title__text', '2'],
  ['.gk-detail__title', '2'],
] as const;

const INTERACTIVE = ['button', 'link', 'radio', 'tab', 'switch', 'checkbox', 'option'];

function set(el: Element | null, name: string, value: string): void {
  if (el && el.getAttribute(name) !== value) el.setAttribute(name, value);
}

function tag(): void {
  const bar = document.getElementById('taro-navigation-bar');
  if (bar) {
    set(bar.querySelector('.taro-navigation-bar-title'), 'role', 'heading');
    set(bar.querySelector('.taro-navigation-bar-title'), 'aria-level', '1');
    for (const [selector, label] of [
      ['.taro-navigation-bar-back', '返回'],
      ['.taro-navigation-bar-home', '首页'],
    ] as const) {
      const button = bar.querySelector(selector);
      set(button, 'role', 'button');
      set(button, 'aria-label', label);
      set(button, 'tabindex', '0');
    }
    bar.querySelectorAll('svg, .taro-navigation-bar-loading').forEach((el) => set(el, 'aria-hidden', 'true'));
  }

  const panel = document.querySelector('.taro-tabbar__panel') ?? document.getElementById('app');
  if (panel) {
    if (isParentRoute(window.location.hash)) set(panel, 'role', 'main');
    else if (panel.getAttribute('role') === 'main') panel.removeAttribute('role');
  }
  document.querySelectorAll('.taro_page:not([tabindex])').forEach((page) => page.setAttribute('tabindex', '0'));

  const tabbar = document.querySelector('.weui-tabbar');
  if (tabbar) {
    set(tabbar, 'role', 'navigation');
    set(tabbar, 'aria-label', '主要栏目');
    tabbar.querySelectorAll('.weui-tabbar__item').forEach((item) => {
      if (item.classList.contains('weui-bar__item_on')) set(item, 'aria-current', 'page');
      else item.removeAttribute('aria-current');
    });
    // The icons repeat the words beside them.
    tabbar.querySelectorAll('img').forEach((img) => set(img, 'alt', ''));
  }

  // Taro's Button is a custom element, not a <button>: give it the role (and so the tab stop below).
  document.querySelectorAll('taro-button-core').forEach((button) => {
    set(button, 'role', 'button');
    set(button, 'aria-disabled', String(button.hasAttribute('disabled') && button.getAttribute('disabled') !== 'false'));
  });
  for (const [selector, level] of HEADINGS) {
    document.querySelectorAll(`${selector}:not([role])`).forEach((el) => {
      el.setAttribute('role', 'heading');
      el.setAttribute('aria-level', level);
    });
  }
  document.querySelectorAll(INTERACTIVE.map((role) => `[role="${role}"]:not([tabindex])`).join(', ')).forEach((el) => el.setAttribute('tabindex', '0'));
}


/** Enter (and Space, except on a link) on a focused non-native control clicks it, as on native ones. */
function onKeyDown(event: KeyboardEvent): void {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  const target = event.target as HTMLElement | null;
  if (!target || target instanceof HTMLButtonElement || target instanceof HTMLAnchorElement || target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
  const role = target.getAttribute('role') ?? '';
  if (!INTERACTIVE.includes(role)) return;
  if (target.getAttribute('aria-disabled') === 'true') return;
  if (event.key === ' ' && role === 'link') return;
  event.preventDefault();
  target.click();
}

export function improveH5Accessibility(): void {
  // Taro provides a `document` in weapp too: the build flag is the guard.
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      tag();
    });
  };
  tag();
  // For the app's lifetime: pages, the navigation bar's buttons and the current tab change with the route.
  // Nodes added (a page, a list, a dialog) and a button's `disabled`; not every class change, which
  // the pages make on each keystroke and selection. The current tab changes with the route.
  new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  Taro.eventCenter.on('__taroRouterChange', schedule);
  window.addEventListener('hashchange', schedule);
  document.addEventListener('keydown', onKeyDown);
}
