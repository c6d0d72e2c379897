// @swc/jest, not ts-jest: ts-jest does not support TypeScript 7, and SWC emits the
// decorator metadata type-graphql and MikroORM read at run time (esbuild does not).
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  setupFiles: ['reflect-metadata', '<rootDir>/tests/support/quiet-logs.ts'],
  // Suites that start databases, subgraphs or a browser take seconds, not milliseconds.
  testTimeout: 60_000,
  // Two cores: the end-to-end suites start several processes each.
  maxWorkers: 2,
};
