import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import CompressionPlugin from 'compression-webpack-plugin';
import { createHash } from 'node:crypto';
import type { Compilation, Compiler } from 'webpack';
import { HOME_FIRST_GETS } from '../src/pages/index/first-requests';

/**
 * Per lazily loaded module (each H5 page is an `import()` in Taro's router), the files it pulls in.
 * 1. index.html gets a small inline script that, while the page is still parsing, preloads the
 *    chunks of the route in the address (`#/pages/notice/detail?…`, or the home page): they then
 *    download next to the entry's scripts instead of after them (one round trip and the entry's
 *    run time less before the first screen). Parents' pages only; the CSP allows the script by
 *    its hash, which the server reads from the built index.html.
 * 2. `.chunks.json` (not served: a dotfile) lists the entry's files and each import's, for
 *    scripts/check-h5-size.mjs.
 * 3. `sw.js`, a service worker the inline script registers once the page has loaded: it keeps the
 *    entry's files and those of the pages a returning parent opens first (APP_CACHE_ROUTES) in its
 *    cache, stored while it installs, so Chromium compiles them then and keeps the compiled code
 *    with them; static routes (Chromium 123+: no worker started, no fetch handler) answer /js/ and
 *    /css/ from that cache, so the next visit runs the scripts without compiling them again (the
 *    entry's compile was about a third of a warm visit's main-thread time on a 4×-slowed phone).
 *    A worker without static routes stores nothing and unregisters itself; a new build has new
 *    names and a new cache, and the old one is deleted.
 */
class PageChunksPlugin {
  /** `apiBase`: the API's origin baked into the build ('' for the same origin). */
  constructor(private readonly apiBase: string) {}

  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PageChunksPlugin', (compilation) => {
      const lazyFiles = (): Record<string, string[]> => {
        const lazy: Record<string, string[]> = {};
        for (const group of compilation.chunkGroups) {
          if (compilation.entrypoints.has(group.name ?? '')) continue;
          for (const origin of group.origins) {
            if (!origin.request) continue;
            lazy[origin.request] = [...new Set([...(lazy[origin.request] ?? []), ...group.getFiles()])];
          }
        }
        return lazy;
      };
      // After html-webpack-plugin wrote index.html (OPTIMIZE_INLINE), before it is compressed (OPTIMIZE_TRANSFER).
      compilation.hooks.processAssets.tap({ name: 'PageChunksPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, () => {
        const html = compilation.getAsset('index.html');
        if (!html) return;
        const routes: Record<string, string[]> = {};
        for (const [request, files] of Object.entries(lazyFiles())) {
          const route = request.replace(/^\.\//, '');
          if (!/^(pages|packages\/services)\//.test(route)) continue;
          routes[route] = files.filter((f) => /\.(js|css)$/.test(f));
        }
        const script =
          `!function(d,m){var r=location.hash.replace(/^#\\/?/,"").split("?")[0]||${JSON.stringify(HOME_ROUTE)},f=m[r]||[];` +
          'for(var i=0;i<f.length;i++){var l=d.createElement("link");l.rel="preload";l.as=/\\.css$/.test(f[i])?"style":"script";l.href="/"+f[i];d.head.appendChild(l)}' +
          // The first GETs of the page in the address are asked for now, with the headers the app sends:
          // api/request.ts's request() takes each answer once (window.__gkEarly, by path), or asks again
          // when one failed. The home page's (pages/index/first-requests.ts); a shared link's notice (its
          // view is counted once); on a first visit (no decision stored under utils/privacy.ts's
          // PRIVACY_DEVICE_KEY) the privacy notice, whose text is the largest on the pop-up.
          `try{var e=window.__gkEarly={},g=function(p){e[p]=fetch(${JSON.stringify(`${this.apiBase}/api/v1`)}+p,{headers:{Accept:"application/json","X-Client-Channel":"h5"}})` +
          '.then(function(a){return a.ok?a.json():null}).catch(function(){return null})},' +
          'n=/^#\\/pages\\/notice\\/detail\\?(?:.*&)?id=([1-9]\\d{0,9})(?:&|$)/.exec(location.hash);' +
          `if(n)g("/notices/"+n[1]);else if(r===${JSON.stringify(HOME_ROUTE)})${JSON.stringify(HOME_FIRST_GETS)}.forEach(g);` +
          'if(localStorage.getItem("gongkai.privacy.notice")===null)g("/privacy/notice")}catch(x){}' +
          // The app's own cache of its code (sw.js, below), once this visit's first screen is drawn:
          // after load, when the page is next idle.
          'if("serviceWorker"in navigator)addEventListener("load",function(){(window.requestIdleCallback||setTimeout)(function(){navigator.serviceWorker.register("/sw.js").catch(function(){})})})}' +
          `(document,${JSON.stringify(routes)});`;
        compilation.emitAsset('sw.js', new sources.RawSource(serviceWorker([...entryFiles(compilation), ...APP_CACHE_ROUTES.flatMap((r) => routes[r] ?? [])])));
        const text = html.source.source().toString();
        const at = text.indexOf('<script defer');
        if (at < 0) throw new Error('index.html has no deferred script to put the preloads before');
        compilation.updateAsset('index.html', new sources.RawSource(`${text.slice(0, at)}<script>${script}</script>${text.slice(at)}`));
      });
      compilation.hooks.processAssets.tap({ name: 'PageChunksPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const entry: Record<string, string[]> = {};
        for (const [name, group] of compilation.entrypoints) entry[name] = group.getFiles();
        const lazy = lazyFiles();
        compilation.emitAsset('.chunks.json', new sources.RawSource(JSON.stringify({ entry, lazy }, null, 1)));
        if (process.env.GONGKAI_H5_MODULES) {
          const chunks: Record<string, Array<[string, number]>> = {};
          for (const chunk of compilation.chunks) {
            chunks[[...chunk.files].join(' ')] = compilation.chunkGraph.getChunkModules(chunk).map((m) => [m.identifier().replace(/^.*!/, '').replace(/^.*node_modules\//, ''), m.size()] as [string, number]).sort((a, b) => b[1] - a[1]);
          }
          compilation.emitAsset('.modules.json', new sources.RawSource(JSON.stringify(chunks, null, 1)));
        }
      });
    });
  }
}

function entryFiles(compilation: Compilation): string[] {
  return [...compilation.entrypoints.values()].flatMap((group) => group.getFiles()).filter((f) => /\.(js|css)$/.test(f));
}

/** sw.js (see PageChunksPlugin): its cache is named after the files it keeps, so each build has its own. */
function serviceWorker(files: string[]): string {
  const list = [...new Set(files)].sort().map((f) => `/${f}`);
  const cache = `gk-app-${createHash('sha256').update(list.join('\n')).digest('hex').slice(0, 16)}`;
  return `// The H5 app's own cache of its code (miniprogram/config/index.ts, PageChunksPlugin).
const CACHE = ${JSON.stringify(cache)};
const FILES = ${JSON.stringify(list)};
self.addEventListener('install', (event) => {
  self.skipWaiting();
  // Without static routes nothing would read the cache: store nothing, and leave.
  if (!event.addRoutes) return void self.registration.unregister();
  event.waitUntil(
    event
      .addRoutes([
        { condition: { urlPattern: { pathname: '/js/*' } }, source: 'cache' },
        { condition: { urlPattern: { pathname: '/css/*' } }, source: 'cache' },
      ])
      .then(() => caches.open(CACHE))
      .then((cache) => cache.addAll(FILES)),
  );
});
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('gk-app-') && k !== CACHE).map((k) => caches.delete(k)))));
});
`;
}

/** Terser's default compress options (ES5 output), with a second pass; see mini.webpackChain. */
const WEAPP_TERSER_COMPRESS = { ecma: 5, passes: 2 } as const;

/**
 * One config for both targets:
 *   weapp → dist/weapp (open this folder in WeChat DevTools; project.config.json is written there)
 *   h5    → dist/h5    (the server serves it at `/`, the API under `/api/v1`)
 *
 * Build-time settings (environment variables; nothing secret may go here, it is baked into the bundle):
 *   TARO_APP_API_BASE      API origin. H5 default '' (same origin); weapp default http://127.0.0.1:3000
 *                          (tick 不校验合法域名 in DevTools; production needs the bureau's https origin).
 *   TARO_APP_WEAPP_APPID   the mini-program's appid, written into dist/weapp/project.config.json
 *                          (default touristappid).
 *   GONGKAI_DEV_API        dev:h5 only: where the dev server proxies /api (default http://127.0.0.1:3000).
 *   GONGKAI_WEAPP_TARO_MINIFY=1  weapp with Taro's own minification instead of ours (the bench's "before").
 *
 * `@gongkai/shared` is aliased to its TypeScript source (../shared/src), so no build of shared is
 * needed first and webpack tree-shakes it; jest.config.js and tsconfig.json map it the same way.
 */
/** The route shown when the address has none (app.config.ts's first page). */
const HOME_ROUTE = 'pages/index/index';
/** The pages whose files the service worker keeps besides the entry's: the tabs and a notice's list and detail. */
const APP_CACHE_ROUTES = [HOME_ROUTE, 'pages/category/index', 'pages/mine/index', 'pages/notice/list', 'pages/notice/detail'];

/** H5 rem layout: the root font size is 2 × base per 750 design px of the window's narrower side, within [min, max] px (see h5.postcss). */
const ROOT_FONT = { base: 20, max: 22.93, min: 17.06 };

export default defineConfig<'webpack5'>(async (merge) => {
  const target = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp';
  // package.json's browserslist has an "h5" section (current mobile browsers and WeChat's built-in
  // one) and the weapp's conservative defaults; babel, autoprefixer and the minimizer read it.
  if (target === 'h5') process.env.BROWSERSLIST_ENV = 'h5';
  const apiBase = (process.env.TARO_APP_API_BASE ?? (target === 'h5' ? '' : 'http://127.0.0.1:3000')).replace(/\/+$/, '');
  // Taro's own project.config.json generator reads TARO_APP_ID.
  process.env.TARO_APP_ID = process.env.TARO_APP_WEAPP_APPID || process.env.TARO_APP_ID || 'touristappid';

  // ../shared/src is TypeScript outside sourceRoot: babel must compile it too.
  const sharedSrc = path.resolve(__dirname, '..', '..', 'shared', 'src');
  const alias = {
    '@gongkai/shared': path.join(sharedSrc, 'index.ts'),
  };

  const weappTaroMinify = process.env.GONGKAI_WEAPP_TARO_MINIFY === '1';

  const base: UserConfigExport<'webpack5'> = {
    projectName: 'gongkai',
    date: '2026-1-1',
    designWidth(input) {
      // NutUI's styles are written for a 375 px design, ours for 750.
      const file = typeof input === 'object' && input !== null ? (input as { file?: string }).file : undefined;
      return file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // GONGKAI_OUTPUT_ROOT: another folder (relative to miniprogram/), so that two builds can run side by side.
    outputRoot: process.env.GONGKAI_OUTPUT_ROOT || `dist/${target}`,
    plugins: [],
    alias,
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSrc] },
      // WXML without the whitespace between tags (base.wxml, Taro's template for every node type, is most of it).
      // GONGKAI_WEAPP_TARO_MINIFY=1 builds with Taro's own defaults instead (what the bench compares with).
      ...(weappTaroMinify ? {} : { minifyXML: { collapseWhitespace: true } }),
      webpackChain(chain) {
        if (weappTaroMinify) return;
        // shared/src is pure (types and rules, no import-time effects): so marked, each of its files is
        // a module of its own instead of one block behind index.ts, and what only the subpackages use
        // moves out of the main package (Taro's optimizeMainPackage), what nothing uses is dropped.
        chain.module.rule('shared-pure').test((file: string) => file.startsWith(sharedSrc)).set('sideEffects', false);
        // Taro's terser preset for mini-programs turns most of terser's compress passes off (inlining,
        // reduce_vars, collapse_vars…), which leaves the main package's JS larger and slower to parse on
        // the phone. Terser's own defaults are what H5 builds of the same code run with; output stays ES5.
        if (chain.optimization.get('minimize') !== true) return; // development builds: nothing to tune
        chain.optimization.minimizer('terserPlugin').tap((args) => {
          const [options] = args as [{ terserOptions: object }];
          return [{ ...options, terserOptions: { ...options.terserOptions, compress: WEAPP_TERSER_COMPRESS } }];
        });
      },
      // Page style sheets are independent of each other: their order in common.wxss does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include: [sharedSrc] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // Taro's root font-size script measures <html>'s box while <head> runs, before there is a body:
      // on a phone it read a few px of height as the narrower side, drew the page at the smallest
      // size and redrew it larger on the next resize, shifting the whole first screen (CLS 0.3).
      // The same rule (40 × the window's narrower side / 750, clamped) from the window's size.
      htmlPluginOption: {
        script:
          '!function(n){function f(){var e=n.document.documentElement,w=Math.min(n.innerWidth||e.clientWidth,n.innerHeight||e.clientHeight||n.innerWidth),' +
          `x=${ROOT_FONT.base * 2}*w/750;e.style.fontSize=x>=${ROOT_FONT.max}?"${ROOT_FONT.max}px":x<=${ROOT_FONT.min}?"${ROOT_FONT.min}px":x+"px"}` +
          'n.addEventListener("resize",function(){f();setTimeout(f,500)});f()}(window);',
      },
      // `npm run dev:h5`: http://127.0.0.1:10086 with /api proxied to a local server
      // (GONGKAI_DEV_API, default http://127.0.0.1:3000), the same origin layout as production.
      devServer: {
        host: '127.0.0.1',
        port: 10086,
        open: false,
        proxy: {
          '/api': { target: process.env.GONGKAI_DEV_API ?? 'http://127.0.0.1:3000', changeOrigin: true },
        },
      },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      // Taro splits only initial chunks: every page chunk would carry its own copy of the components
      // and NutUI. One shared chunk for what two or more pages use keeps H5 about half as heavy.
      webpackChain(chain) {
        // As for the weapp (above): each shared/src file a module of its own, so the entry keeps only
        // what the app shell uses and each page chunk what its page does (the whole of shared/src in
        // app.js was a third of the JavaScript every visit parses and runs before the first screen).
        chain.module.rule('shared-pure').test((file: string) => file.startsWith(sharedSrc)).set('sideEffects', false);
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              pagesCommon: { chunks: 'async', minChunks: 2, minSize: 20000, priority: -20, reuseExistingChunk: true },
            },
          },
        });
        // The targets' own syntax (package.json browserslist "h5"): webpack's runtime needs no ES5 shape.
        // (set, not merge: merge would append to Taro's ['web', 'es5'].)
        chain.set('target', ['web', 'es2017']);
        // Taro's request API imports fetch and AbortController polyfills; every target has both built in.
        chain.merge({ resolve: { alias: { 'whatwg-fetch$': false, 'abortcontroller-polyfill/dist/abortcontroller-polyfill-only$': false } } });
        // Precompressed copies next to each text file, served by Accept-Encoding (server/src/common/http/static-assets.ts):
        // the strongest settings, since they cost build time once and no CPU per request.
        const compressible = /\.(js|css|html|svg|json|txt|ico|wasm)$/;
        chain.plugin('gzip').use(CompressionPlugin, [{ algorithm: 'gzip', filename: '[path][base].gz', test: compressible, threshold: 512, minRatio: 0.9, compressionOptions: { level: 9 } }]);
        chain.plugin('brotli').use(CompressionPlugin, [
          { algorithm: 'brotliCompress', filename: '[path][base].br', test: compressible, threshold: 512, minRatio: 0.9, compressionOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } } },
        ]);
        // Which files each page needs (.chunks.json, not served: a dotfile), for scripts/check-h5-size.mjs.
        chain.plugin('page-chunks').use(PageChunksPlugin, [apiBase]);
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // Taro sets the root font size from the narrower side of the window (750 design px across).
        // Capped at a large phone's width (430 px → 40 × 430 / 750) so that on a desktop the
        // parents' pages stay phone-sized and centred instead of growing, and the staff console's
        // text stays at desk size; the floor fits a 320 px phone.
        pxtransform: { enable: true, config: { baseFontSize: ROOT_FONT.base, maxRootSize: ROOT_FONT.max, minRootSize: ROOT_FONT.min } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, base, { logger: { quiet: false, stats: true }, mini: {}, h5: {} });
  }
  return merge({}, base, { mini: {}, h5: {} });
});
