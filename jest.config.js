// @swc/jest: it emits the decorator metadata type-graphql and MikroORM read at run time
// (esbuild does not) and compiles without type checking, which `npm run typecheck` does once.
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

// Suites that start databases, subgraphs or a browser take seconds, not milliseconds.
const testTimeout = 60_000;

/**
 * ESM-only packages (jose, pdfjs-dist: .js and .mjs) are compiled to CommonJS by the same transform and loaded as
 * such by tests/support/commonjs-runtime.cjs: jest cannot require() them otherwise.
 */
const { ESM_ONLY_PACKAGES } = require('./tests/support/commonjs-runtime.cjs');
const esmOnly = `(?:${ESM_ONLY_PACKAGES.join('|')})`;
const swcJs = [swc[0], { ...swc[1], jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' } }];

/** What every project shares (projects do not inherit the root's options). */
const base = {
  testEnvironment: 'node',
  runtime: '<rootDir>/tests/support/commonjs-runtime.cjs',
  transform: { '^.+\\.ts$': swc, [`/node_modules/${esmOnly}/.+\\.m?js$`]: swcJs },
  transformIgnorePatterns: [`/node_modules/(?!${esmOnly}/)`],
  setupFiles: ['reflect-metadata', '<rootDir>/tests/support/quiet-logs.ts'],
  testTimeout,
};

/** End-to-end suites that only read through the hub: they share one, started once per run. */
const sharedHubSuites = ['tests/e2e/hub.test.ts', 'tests/e2e/documents-through-gateway.test.ts'];
const escape = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Three projects (`npm run test:unit` runs the first alone):
 * - unit: tests/unit/**, pure: no database, no process, no network.
 * - integration: every other suite that starts what it needs itself: databases,
 *   in-process services, its own processes (tests/subgraphs, tests/sandbox, and the
 *   end-to-end suites that kill, slow down or reconfigure processes).
 * - e2e: the end-to-end suites on the one shared hub (tests/support/shared-hub.ts),
 *   which this project's globalSetup starts only when one of its suites runs.
 *
 * @type {import('jest').Config}
 */
module.exports = {
  testTimeout,
  // Two cores: the end-to-end suites start several processes each.
  maxWorkers: 2,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/unit/', ...sharedHubSuites.map((p) => `<rootDir>/${escape(p)}$`)],
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: sharedHubSuites.map((p) => `<rootDir>/${p}`),
      globalSetup: '<rootDir>/tests/support/shared-hub.setup.ts',
      globalTeardown: '<rootDir>/tests/support/shared-hub.teardown.ts',
    },
  ],
};
