/**
 * Component and request-layer tests of the mini-program (jsdom). Run from the repository root with
 * `npx jest -c miniprogram/jest.config.js`, or `npm test -w @gongkai/miniprogram`; the root jest
 * config can list this file under `projects`.
 *
 * - @tarojs/taro → test/mocks/taro.ts (the few APIs the app calls, as jest.fn()s)
 * - @tarojs/components → test/mocks/components.tsx (Taro's own React components for H5)
 * - @gongkai/shared → its TypeScript source, as in the Taro build
 * - NutUI's per-component modules are real; style sheets are empty modules.
 * - TARO_ENV is 'h5' and platform files (`*.h5.tsx`) are preferred, as in the H5 build; weapp-only
 *   modules are imported by their full file name where a test needs them.
 */
const path = require('node:path');

module.exports = {
  displayName: 'miniprogram',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/**/*.test.ts?(x)'],
  // The views are tested as the H5 build runs them: `X.h5.tsx` wins over `X.tsx`, as in Taro's build.
  moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'jsx', 'json'],
  transform: {
    '^.+\\.[jt]sx?$': [
      'babel-jest',
      {
        configFile: false,
        babelrc: false,
        presets: [
          ['@babel/preset-env', { targets: { node: 'current' } }],
          ['@babel/preset-react', { runtime: 'automatic' }],
          '@babel/preset-typescript',
        ],
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@nutui|@stencil|swiper|ssr-window|dom7|classnames|tslib|@swc/helpers)/)'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/mocks/taro.ts',
    '^@tarojs/components$': '<rootDir>/test/mocks/components.tsx',
    '^@gongkai/shared$': path.join(__dirname, '..', 'shared', 'src', 'index.ts'),
    '\\.(css|scss|sass|less)$': '<rootDir>/test/mocks/style.js',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/test/mocks/file.js',
  },
  setupFiles: ['<rootDir>/test/setup-globals.js'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  clearMocks: true,
};
