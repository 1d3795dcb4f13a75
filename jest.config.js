/**
 * One jest run, three projects: server and shared unit specs with the API tests (node), the
 * mini-program's view and request-layer tests (jsdom, its own config), and the browser tests of
 * the H5 build (node, driving Chromium).
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const node = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': swc },
  // content-disposition 3 (under @fastify/static, which serves the H5 app and the API docs UI) ships only ESM.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: { '^@gongkai/shared$': '<rootDir>/shared/src/index.ts' },
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  testTimeout: 60_000,
  // Two cores: API test files each boot a server and a database of their own.
  maxWorkers: 2,
  projects: [
    {
      ...node,
      displayName: 'server',
      testMatch: ['<rootDir>/shared/src/**/*.spec.ts', '<rootDir>/server/src/**/*.spec.ts', '<rootDir>/test/e2e/api/**/*.e2e.ts'],
    },
    '<rootDir>/miniprogram/jest.config.js',
    { ...node, displayName: 'h5', testMatch: ['<rootDir>/test/e2e/h5/**/*.e2e.ts'] },
  ],
};
