import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

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
 *
 * `@gongkai/shared` is aliased to its TypeScript source (../shared/src), so no build of shared is
 * needed first and webpack tree-shakes it; jest.config.js and tsconfig.json map it the same way.
 */
export default defineConfig<'webpack5'>(async (merge) => {
  const target = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp';
  const apiBase = (process.env.TARO_APP_API_BASE ?? (target === 'h5' ? '' : 'http://127.0.0.1:3000')).replace(/\/+$/, '');
  // Taro's own project.config.json generator reads TARO_APP_ID.
  process.env.TARO_APP_ID = process.env.TARO_APP_WEAPP_APPID || process.env.TARO_APP_ID || 'touristappid';

  // ../shared/src is TypeScript outside sourceRoot: babel must compile it too.
  const sharedSrc = path.resolve(__dirname, '..', '..', 'shared', 'src');
  const alias = {
    '@gongkai/shared': path.join(sharedSrc, 'index.ts'),
  };

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
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              pagesCommon: { name: 'pages-common', chunks: 'async', minChunks: 2, minSize: 0, priority: -20, reuseExistingChunk: true },
            },
          },
        });
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // Taro sets the root font size from the narrower side of the window (750 design px across).
        // Capped at a large phone's width (430 px → 40 × 430 / 750) so that on a desktop the
        // parents' pages stay phone-sized and centred instead of growing, and the staff console's
        // text stays at desk size; the floor fits a 320 px phone.
        pxtransform: { enable: true, config: { baseFontSize: 20, maxRootSize: 22.93, minRootSize: 17.06 } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, base, { logger: { quiet: false, stats: true }, mini: {}, h5: {} });
  }
  return merge({}, base, { mini: {}, h5: {} });
});
