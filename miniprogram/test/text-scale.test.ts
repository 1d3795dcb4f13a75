import Taro from '@tarojs/taro';
import { isParentRoute } from '../src/utils/h5-frame';
import {
  applyTextScale,
  isElderMode,
  pageRootClass,
  resetTextScaleForTests,
  setElderMode,
  systemTextScale,
  textScale,
  TEXT_SCALE_CHANGED,
} from '../src/utils/text-scale';
import { taroMock } from './mocks/taro';

/**
 * The text scale (适老化): the browser's default font size (H5, as jest runs the app) or WeChat's
 * font setting (weapp) times 长辈模式, in 5 % steps from 100 % to 200 %.
 */


const ELDER_KEY = 'gongkai.elder-mode';

/** The browser's default font size, as `font-size: medium` resolves (what Chromium's font setting changes). */
function browserDefaultFontSize(px: number): void {
  jest.spyOn(window, 'getComputedStyle').mockImplementation(() => ({ fontSize: `${px}px` }) as CSSStyleDeclaration);
}

beforeEach(() => {
  resetTextScaleForTests();
  document.documentElement.className = '';
  document.documentElement.removeAttribute('style');
});
afterEach(() => jest.restoreAllMocks());

describe('text scale from the reader’s font setting (H5)', () => {
  it('reads 16 px as 100 %, 32 px as 200 %, and stops at 200 % for 40 px', () => {
    browserDefaultFontSize(16);
    expect(systemTextScale()).toBe(1);
    expect(textScale()).toBe(1);
    expect(pageRootClass('gk-page e2e-home')).toBe('gk-page e2e-home gk-ts-100');

    resetTextScaleForTests();
    browserDefaultFontSize(32);
    expect(textScale()).toBe(2);
    expect(pageRootClass('gk-page')).toBe('gk-page gk-ts-200');

    resetTextScaleForTests();
    browserDefaultFontSize(40);
    expect(textScale()).toBe(2);
  });

  it('does not shrink below 100 % for a small setting, and rounds to 5 % steps', () => {
    browserDefaultFontSize(12);
    expect(textScale()).toBe(1);
    resetTextScaleForTests();
    browserDefaultFontSize(18); // 112.5 % → 115 %
    expect(textScale()).toBe(1.15);
    expect(pageRootClass('x')).toBe('x gk-ts-115');
  });

  it('sets the scale and the mode on <html> for what Taro draws outside the pages', () => {
    browserDefaultFontSize(24);
    applyTextScale();
    expect(document.documentElement.style.getPropertyValue('--gk-font-scale')).toBe('1.5');
    expect(document.documentElement.classList.contains('gk-elder')).toBe(false);
  });
});

describe('text scale from WeChat’s font setting (weapp)', () => {
  it('follows fontSizeScaleFactor of getAppBaseInfo, capped at 200 %', () => {
    const env = process.env.TARO_ENV;
    process.env.TARO_ENV = 'weapp';
    try {
      jest.mocked(Taro.getAppBaseInfo).mockReturnValue({ fontSizeScaleFactor: 1.5 } as unknown as ReturnType<typeof Taro.getAppBaseInfo>);
      expect(textScale()).toBe(1.5);
      expect(pageRootClass('gk-page')).toBe('gk-page gk-ts-150');
      resetTextScaleForTests();
      jest.mocked(Taro.getAppBaseInfo).mockReturnValue({ fontSizeScaleFactor: 2.4 } as unknown as ReturnType<typeof Taro.getAppBaseInfo>);
      expect(textScale()).toBe(2);
    } finally {
      process.env.TARO_ENV = env;
    }
  });
});

describe('长辈模式', () => {
  it('draws the text 1.25 times as large, exactly (not rounded up to 1.3), and marks the page', () => {
    browserDefaultFontSize(16);
    expect(isElderMode()).toBe(false);
    setElderMode(true);
    expect(textScale()).toBe(1.25);
    expect(pageRootClass('gk-page')).toBe('gk-page gk-ts-125 gk-elder');
    expect(document.documentElement.style.getPropertyValue('--gk-font-scale')).toBe('1.25');
    expect(document.documentElement.classList.contains('gk-elder')).toBe(true);
  });

  it('stays within 200 % on top of a large font setting', () => {
    browserDefaultFontSize(28); // 175 % × 1.25 = 218.75 %
    setElderMode(true);
    expect(textScale()).toBe(2);
  });

  it('is kept on this device and read back after the app starts again', () => {
    browserDefaultFontSize(16);
    setElderMode(true);
    expect(taroMock.storage.get(ELDER_KEY)).toBe(true);
    resetTextScaleForTests(); // a new start: nothing remembered but storage
    expect(isElderMode()).toBe(true);
    expect(textScale()).toBe(1.25);

    setElderMode(false);
    expect(taroMock.storage.get(ELDER_KEY)).toBe(false);
    resetTextScaleForTests();
    expect(isElderMode()).toBe(false);
    expect(textScale()).toBe(1);
    expect(document.documentElement.classList.contains('gk-elder')).toBe(false);
  });

  it('tells open pages the new scale', () => {
    browserDefaultFontSize(16);
    const heard: unknown[] = [];
    Taro.eventCenter.on(TEXT_SCALE_CHANGED, (scale) => heard.push(scale));
    setElderMode(true);
    setElderMode(false);
    expect(heard).toEqual([1.25, 1]);
  });
});

describe('the wide-screen phone frame', () => {
  it('frames the parents’ routes and leaves the staff pages to their console', () => {
    expect(isParentRoute('/pages/index/index')).toBe(true);
    expect(isParentRoute('#/packages/services/pages/inquiry/ask')).toBe(true);
    expect(isParentRoute('')).toBe(true);
    expect(isParentRoute('/packages/staff/pages/home/index')).toBe(false);
    expect(isParentRoute('#/packages/staff/pages/compose/index?id=7')).toBe(false);
  });
});
