/** One jest run: shared and server unit specs beside their code, API tests in test/e2e/api. */
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

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': swc },
  // content-disposition 3 (under @fastify/static, which serves the API docs UI) ships only ESM.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleNameMapper: { '^@gongkai/shared$': '<rootDir>/shared/src/index.ts' },
  testMatch: ['<rootDir>/shared/src/**/*.spec.ts', '<rootDir>/server/src/**/*.spec.ts', '<rootDir>/test/e2e/api/**/*.e2e.ts'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 60_000,
  // Two cores: API test files each boot a server and a database of their own.
  maxWorkers: 2,
};
