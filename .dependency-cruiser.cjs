/**
 * The layers of the hub, checked on every `npm test` (npm run lint:deps). From the bottom:
 *
 *   platform/         HTTP server, config, logging, errors, ids: what every service shares
 *   schema/           the contract (types, scalars, the registry of regions) and the generated SDL
 *   services/         the subgraphs: regional (shared code of every region) and councils, side by side
 *   gateway/          the gateway: platform and the registry, never a subgraph's code
 *   tools/            build and run tools: composition, the hub starter
 *   scripts/          command-line entry points (npm run …)
 *   tests/            may import anything
 *
 * An import may only point down or sideways within its own layer; each rule names the way up it forbids.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'platform-is-the-bottom',
      comment: 'platform/ is shared by every service and the gateway: it imports nothing of the project above it.',
      severity: 'error',
      from: { path: '^platform/' },
      to: { path: '^(schema|services|gateway|tools|scripts|tests)/' },
    },
    {
      name: 'contract-above-platform-only',
      comment: 'schema/ (the contract and the registry) depends on the platform at most: no service, gateway or tool code.',
      severity: 'error',
      from: { path: '^schema/' },
      to: { path: '^(services|gateway|tools|scripts|tests)/' },
    },
    {
      name: 'subgraphs-side-by-side',
      comment: 'The councils subgraph and the regional subgraphs share the contract and the platform, not each other.',
      severity: 'error',
      from: { path: '^services/(councils|regional)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'services-below-gateway-and-tools',
      comment: 'A subgraph runs alone: it imports no gateway, tool, script or test code.',
      severity: 'error',
      from: { path: '^services/' },
      to: { path: '^(gateway|tools|scripts|tests)/' },
    },
    {
      name: 'gateway-knows-no-subgraph-code',
      comment: 'The gateway reaches subgraphs over HTTP only; of the contract it reads the registry and the generated files, no GraphQL types.',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: '^(services|tools|scripts|tests)/|^schema/contract/(?!registry\\.ts$)' },
    },
    {
      name: 'tools-below-scripts',
      comment: 'Tools serve scripts and tests, not the other way round.',
      severity: 'error',
      from: { path: '^tools/' },
      to: { path: '^(scripts|tests)/' },
    },
    {
      name: 'scripts-below-tests',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^tests/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: merge them or cut the cycle.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
