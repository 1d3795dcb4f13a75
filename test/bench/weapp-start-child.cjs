/**
 * A weapp build run in a fresh node process (nothing in V8's compilation cache, as on a phone's cold
 * start), for test/bench/weapp.ts. Plain CommonJS on purpose: no compile hook may touch the build.
 *
 *   node weapp-start-child.cjs <build dir> start   simulated start: run app.js and the main package's
 *                                                   pages under stub wx/App/Page globals
 *   node weapp-start-child.cjs <build dir> pages   every page of app.json, subpackages included, must
 *                                                   load and register (a smoke test of the chunks)
 * Prints one JSON line: { ms, cpuMs, pages, registered, app, failures }.
 */
'use strict';
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const root = resolve(process.argv[2]);
const mode = process.argv[3];
const app = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'));
const allPages = [...app.pages, ...(app.subPackages ?? app.subpackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/+$/, '')}/${p}`))];

/** Stub WeChat globals: every API exists and returns another stub; what Taro reads at start-up is real. */
function installGlobals(registered) {
  const stub = () =>
    new Proxy(function () {}, {
      get: (_t, key) => (key === 'then' || typeof key === 'symbol' ? undefined : stub()),
      apply: () => stub(),
    });
  const info = { platform: 'android', windowWidth: 375, windowHeight: 667, screenWidth: 375, screenHeight: 667, pixelRatio: 2, SDKVersion: '3.6.0', version: '8.0.50', statusBarHeight: 20 };
  const known = {
    getSystemInfoSync: () => info, getWindowInfo: () => info, getDeviceInfo: () => info, getAppBaseInfo: () => info,
    getStorageSync: () => '', setStorageSync: () => undefined, canIUse: () => true, nextTick: (f) => setImmediate(f),
    getMenuButtonBoundingClientRect: () => ({ top: 24, bottom: 56, left: 280, right: 367, width: 87, height: 32 }),
    getLaunchOptionsSync: () => ({ path: app.pages[0], query: {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: app.pages[0], query: {}, scene: 1001 }),
  };
  // webpack's chunk list lives on wx (globalObject 'wx'): it must start out undefined.
  global.wx = new Proxy(known, { get: (t, key) => (key in t ? t[key] : String(key).startsWith('webpack') ? undefined : stub()) });
  let current = '';
  global.App = () => registered.add('app');
  global.Page = () => registered.add(current);
  global.Component = () => registered.add(current);
  global.Behavior = (o) => o;
  global.getApp = () => ({});
  global.getCurrentPages = () => [];
  global.requirePlugin = () => ({});
  return (page) => {
    current = page;
    require(join(root, `${page}.js`));
  };
}

const started = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
if (mode !== 'start' && mode !== 'pages') throw new Error(`mode must be start or pages, got ${mode}`);
const registered = new Set();
const load = installGlobals(registered);
const pages = mode === 'start' ? app.pages : allPages;
const failures = [];
load('app');
for (const page of pages) {
  try {
    load(page);
    if (!registered.has(page)) failures.push(`${page}: no Page()`);
  } catch (error) {
    failures.push(`${page}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
const out = { pages: pages.length, registered: pages.filter((p) => registered.has(p)).length, app: registered.has('app'), failures };
const cpu = process.cpuUsage(cpu0);
out.ms = Number(process.hrtime.bigint() - started) / 1e6;
out.cpuMs = (cpu.user + cpu.system) / 1000;
process.stdout.write(`${JSON.stringify(out)}\n`);
// Taro's runtime leaves timers behind; the measurement is done.
process.exit(0);
