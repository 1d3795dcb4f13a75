/**
 * A small stand-in for @tarojs/taro in jsdom: the APIs the app (and the NutUI components it uses)
 * call, as jest.fn()s with sensible defaults, an in-memory storage, and page hooks whose callbacks
 * tests can fire (`taroMock.fire('reachBottom')`). Reset between tests by test/setup.ts.
 */
import { useEffect, useRef } from 'react';

type Handler = (...args: unknown[]) => unknown;
type HookName = 'reachBottom' | 'pullDownRefresh' | 'didShow' | 'didHide' | 'load' | 'launch' | 'shareAppMessage';

const storage = new Map<string, unknown>();
const hooks = new Map<HookName, Set<{ current: Handler }>>();
let routerParams: Record<string, string> = {};
let currentPages: { route: string }[] = [{ route: 'pages/index/index' }];

function registerHook(name: HookName, fn: Handler, runOnMount = false) {
  const ref = useRef<Handler>(fn);
  ref.current = fn;
  useEffect(() => {
    let set = hooks.get(name);
    if (!set) hooks.set(name, (set = new Set()));
    set.add(ref);
    if (runOnMount) ref.current();
    return () => {
      set?.delete(ref);
    };
  }, []);
}

const ok = () => Promise.resolve({ errMsg: 'ok' });

/** Taro.eventCenter: app-wide events (the text scale's change), in memory. */
const listeners = new Map<string, Set<Handler>>();
const eventCenter = {
  on: (name: string, fn: Handler) => void (listeners.get(name) ?? listeners.set(name, new Set()).get(name)!).add(fn),
  off: (name: string, fn?: Handler) => void (fn ? listeners.get(name)?.delete(fn) : listeners.delete(name)),
  trigger: (name: string, ...args: unknown[]) => listeners.get(name)?.forEach((fn) => fn(...args)),
};

const Taro = {
  eventCenter,
  ENV_TYPE: { WEAPP: 'WEAPP', WEB: 'WEB' },
  getEnv: jest.fn(() => 'WEB'),
  request: jest.fn(),
  login: jest.fn(() => Promise.resolve({ code: 'wx-code-123', errMsg: 'login:ok' })),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  getCurrentPages: jest.fn(() => currentPages),
  navigateTo: jest.fn(ok),
  redirectTo: jest.fn(ok),
  switchTab: jest.fn(ok),
  reLaunch: jest.fn(ok),
  navigateBack: jest.fn(ok),
  showToast: jest.fn(ok),
  showLoading: jest.fn(ok),
  hideLoading: jest.fn(),
  showModal: jest.fn(() => Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
  setNavigationBarTitle: jest.fn(ok),
  stopPullDownRefresh: jest.fn(),
  downloadFile: jest.fn(() => Promise.resolve({ statusCode: 200, tempFilePath: '/tmp/file' })),
  openDocument: jest.fn(ok),
  previewImage: jest.fn(ok),
  uploadFile: jest.fn(() => Promise.resolve({ statusCode: 200, data: '{}', errMsg: 'uploadFile:ok' })),
  chooseImage: jest.fn(() => Promise.resolve({ tempFilePaths: [], tempFiles: [], errMsg: 'chooseImage:ok' })),
  chooseMedia: jest.fn(() => Promise.resolve({ tempFiles: [], type: 'image', errMsg: 'chooseMedia:ok' })),
  // WeChat's privacy APIs (weapp): no agreement needed unless a test says otherwise.
  onNeedPrivacyAuthorization: jest.fn(),
  requirePrivacyAuthorize: jest.fn((o?: { success?: (r: unknown) => void }) => o?.success?.({ errMsg: 'requirePrivacyAuthorize:ok' })),
  openPrivacyContract: jest.fn(),
  getPrivacySetting: jest.fn((o?: { success?: (r: unknown) => void }) => o?.success?.({ needAuthorization: false, privacyContractName: '用户隐私保护指引', errMsg: 'getPrivacySetting:ok' })),
  createSelectorQuery: jest.fn(() => ({
    select: () => ({ boundingClientRect: () => ({ exec: (cb?: (r: unknown[]) => void) => cb?.([null]) }) }),
    selectAll: () => ({ boundingClientRect: () => ({ exec: (cb?: (r: unknown[]) => void) => cb?.([[]]) }) }),
    in: function () {
      return this;
    },
  })),
  getSystemInfoSync: jest.fn(() => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, platform: 'devtools' })),
  getWindowInfo: jest.fn(() => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 })),
  getDeviceInfo: jest.fn(() => ({ platform: 'devtools' })),
  getAppBaseInfo: jest.fn(() => ({})),
  pxTransform: jest.fn((v: number) => `${v}px`),
  nextTick: (fn: () => void) => setTimeout(fn, 0),
};

export default Taro;
export const getEnv = Taro.getEnv;
export const createSelectorQuery = Taro.createSelectorQuery;

export const useRouter = jest.fn(() => ({ params: routerParams, path: currentPages[currentPages.length - 1]?.route ?? '' }));
export const useReachBottom = (fn: Handler) => registerHook('reachBottom', fn);
export const usePullDownRefresh = (fn: Handler) => registerHook('pullDownRefresh', fn);
export const useDidShow = (fn: Handler) => registerHook('didShow', fn, true);
export const useDidHide = (fn: Handler) => registerHook('didHide', fn);
export const useLoad = (fn: Handler) => registerHook('load', fn, true);
export const useLaunch = (fn: Handler) => registerHook('launch', fn, true);
export const useShareAppMessage = (fn: Handler) => registerHook('shareAppMessage', fn);
export const useReady = (fn: Handler) => registerHook('load', fn, true);

/** Test controls. */
export const taroMock = {
  storage,
  setRouterParams(params: Record<string, string>) {
    routerParams = params;
  },
  setCurrentRoute(route: string) {
    currentPages = [{ route: route.replace(/^\//, '') }];
  },
  /** Calls every registered handler of a page hook; returns what the last one returned. */
  fire(name: HookName, ...args: unknown[]): unknown {
    let result: unknown;
    hooks.get(name)?.forEach((ref) => {
      result = ref.current(...args);
    });
    return result;
  },
  reset() {
    storage.clear();
    hooks.clear();
    listeners.clear();
    routerParams = {};
    currentPages = [{ route: 'pages/index/index' }];
  },
};
