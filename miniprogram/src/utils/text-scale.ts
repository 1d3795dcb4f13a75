import Taro from '@tarojs/taro';

/**
 * 适老化: how large the app's text is drawn.
 *
 * Every font size in the style sheets is `calc(<design px> * var(--gk-font-scale, 1))`
 * (styles/_vars.scss), so one variable scales the text without scaling the layout around it. The
 * scale is the reader's own setting times 长辈模式:
 *   - weapp: WeChat's font size (我 → 设置 → 通用 → 字体大小), `fontSizeScaleFactor` of
 *     wx.getAppBaseInfo (the user's size over the standard 17 px on iOS, 16 px on Android);
 *   - H5: the browser's default font size (what `font-size: medium` resolves to) over 16 px, since
 *     Taro fixes the root's font size in px for its rem layout and would otherwise ignore it;
 *   - 长辈模式 (我的 → 长辈模式), kept on this device, multiplies by ELDER_FACTOR.
 * The product is capped at TEXT_SCALE_MAX (200 %), the largest size the pages are laid out for.
 *
 * weapp cannot set a variable on `page` from script, so each page's root carries a class
 * `gk-ts-<percent>` (pageRootClass below; app.scss defines gk-ts-100 … gk-ts-200); H5 also sets the
 * variable on <html> so that what Taro draws outside the pages (tab bar, toasts, modals) follows.
 * Steps of 5 % (TEXT_SCALE_STEP), so 长辈模式's ×1.25 is drawn as it is (10 % steps would make it 1.3).
 */
export const TEXT_SCALE_MIN = 1;
export const TEXT_SCALE_MAX = 2;
export const ELDER_FACTOR = 1.25;
/** The scale is rounded to this step: one class per step in app.scss. */
export const TEXT_SCALE_STEP = 0.05;
const ELDER_KEY = 'gongkai.elder-mode';
/** Taro's event for a change of 长辈模式: pages that keep a root class re-render on it. */
export const TEXT_SCALE_CHANGED = 'gongkai:text-scale';

let systemScale: number | undefined;
let elder: boolean | undefined;

function clamp(value: number): number {
  if (!Number.isFinite(value)) return TEXT_SCALE_MIN;
  return Math.min(TEXT_SCALE_MAX, Math.max(TEXT_SCALE_MIN, value));
}

/** The reader's own text size setting as a factor of the standard size, at least 1 (smaller settings are not followed: the pages are already at their smallest readable size). */
export function systemTextScale(): number {
  if (systemScale !== undefined) return systemScale;
  let factor = 1;
  try {
    if (process.env.TARO_ENV === 'h5') {
      if (typeof document !== 'undefined' && document.body) {
        const probe = document.createElement('div');
        probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium;line-height:1';
        probe.textContent = 'A';
        document.body.appendChild(probe);
        const px = parseFloat(getComputedStyle(probe).fontSize);
        probe.remove();
        if (px > 0) factor = px / 16;
      }
    } else {
      const info = (Taro.getAppBaseInfo?.() ?? Taro.getSystemInfoSync()) as { fontSizeScaleFactor?: number; fontSizeSetting?: number };
      if (typeof info.fontSizeScaleFactor === 'number' && info.fontSizeScaleFactor > 0) factor = info.fontSizeScaleFactor;
      else if (typeof info.fontSizeSetting === 'number' && info.fontSizeSetting > 0) factor = info.fontSizeSetting / 17;
    }
  } catch {
    factor = 1;
  }
  systemScale = clamp(factor);
  return systemScale;
}

export function isElderMode(): boolean {
  if (elder !== undefined) return elder;
  try {
    elder = Taro.getStorageSync(ELDER_KEY) === true;
  } catch {
    elder = false;
  }
  return elder;
}

/** Turns 长辈模式 on or off on this device, applies it at once (H5) and tells open pages (both builds). */
export function setElderMode(on: boolean): void {
  elder = on;
  try {
    Taro.setStorageSync(ELDER_KEY, on);
  } catch {
    // Storage full or refused: the mode still holds until the app closes.
  }
  applyTextScale();
  Taro.eventCenter.trigger(TEXT_SCALE_CHANGED, textScale());
}

/** The scale the text is drawn at: the reader's setting × 长辈模式, in steps of 0.05, from 1 to 2. */
export function textScale(): number {
  const raw = systemTextScale() * (isElderMode() ? ELDER_FACTOR : 1);
  return textScalePercent(raw) / 100;
}

/** A scale as a whole percentage on the 5 % grid (1.25 → 125): integers, so no float drift in class names. */
function textScalePercent(scale: number): number {
  const step = TEXT_SCALE_STEP * 100;
  return Math.round((clamp(scale) * 100) / step) * step;
}

/** The classes a page root carries for the current scale and mode: `gk-ts-<100…200>`, and `gk-elder` in 长辈模式. */
export function textScaleClasses(): string {
  return `gk-ts-${textScalePercent(textScale())}${isElderMode() ? ' gk-elder' : ''}`;
}

/** A page root's className with the text scale classes added. */
export function pageRootClass(className: string): string {
  return `${className} ${textScaleClasses()}`;
}

/** H5: the variable and the mode class on <html>, for what Taro draws outside the pages. */
export function applyTextScale(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
  const root = document.documentElement;
  root.style.setProperty('--gk-font-scale', String(textScale()));
  root.classList.toggle('gk-elder', isElderMode());
}

/** For tests: forget what was read, so the next call reads the setting and storage again. */
export function resetTextScaleForTests(): void {
  systemScale = undefined;
  elder = undefined;
}
