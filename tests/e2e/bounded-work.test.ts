/**
 * Bounded work per request, on real processes in production mode (NODE_ENV=production): the
 * whole hub, plus a second gateway with tight limits in front of a slowed-down region.
 * - every README, sandbox and benchmark operation passes the gateway's limits and, as the
 *   gateway asks them, the subgraphs' limits;
 * - the cheap-and-heavy attacks over the schema's cycles are refused with a code, at the
 *   gateway and straight at a subgraph, and the services stay up;
 * - a burst of 60 of the heaviest cyclic operations the cost model allows: each answered with
 *   data or a coded refusal, the gateway up and its RSS under RSS_BOUND_MB;
 * - no "Did you mean" with introspection off, at the gateway or a subgraph;
 * - requests past MAX_CONCURRENT_REQUESTS get 503 with Retry-After; answers past
 *   MAX_RESPONSE_BYTES / MAX_SUBGRAPH_RESPONSE_BYTES get an error with a code.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { startHub, startServiceProcess, type Hub, type ServiceProcess } from '../../tools/hub';
import { supergraphPath } from '../../schema/files';
import { LIST_SIZES } from '../../schema/list-sizes';
import { DEFAULT_OPERATION_LIMITS, operationCost } from '../../platform/operation-limits';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startDelayProxy, type DelayProxy } from '../support/delay-proxy';
import { directSubgraphOperations, gatewayExampleOperations } from '../support/example-operations';
import { waitFor } from '../support/wait-for';

/** The gateway's resident memory must stay under this during the burst (README: "Running in production"). */
const RSS_BOUND_MB = 600;

let hub: Hub;
let tight: ServiceProcess;
let slowNordjylland: DelayProxy;
const databases: TestDatabase[] = [];

async function post(url: string, body: unknown) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const raw = await res.text();
  return { status: res.status, headers: res.headers, raw, json: JSON.parse(raw) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const gatewayUrl = () => hub.gatewayUrl;
const subgraphUrl = (name: string) => hub.services[name].url;

beforeAll(async () => {
  const nord = await createTestDatabase('bounded_nordjylland');
  const syd = await createTestDatabase('bounded_syddanmark');
  databases.push(nord, syd);
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-bounded-'));
  hub = await startHub({
    env: {
      NODE_ENV: 'production',
      // Every request reaches the subgraphs, and each its own: the burst is real work.
      CACHE_MAX_AGE: '0',
      DEDUPLICATE_SUBGRAPH_REQUESTS: 'false',
      NORDJYLLAND_DATABASE_URL: nord.url,
      SYDDANMARK_DATABASE_URL: syd.url,
      NORDJYLLAND_DATA_DIR: join(dataDir, 'nordjylland'),
      SYDDANMARK_DATA_DIR: join(dataDir, 'syddanmark'),
    },
  });
  slowNordjylland = await startDelayProxy(subgraphUrl('nordjylland'));
  tight = await startServiceProcess({
    name: 'gateway-tight',
    service: 'gateway',
    env: {
      NODE_ENV: 'production',
      GATEWAY_PORT: '0',
      CACHE_MAX_AGE: '0',
      MAX_CONCURRENT_REQUESTS: '3',
      MAX_RESPONSE_BYTES: '2048',
      MAX_SUBGRAPH_RESPONSE_BYTES: '8192',
      NORDJYLLAND_URL: slowNordjylland.url,
      SYDDANMARK_URL: subgraphUrl('syddanmark'),
      COUNCILS_URL: subgraphUrl('councils'),
    },
  });
}, 240_000);

afterAll(async () => {
  await tight?.stop();
  await slowNordjylland?.close();
  await hub?.stop();
  for (const db of databases) await db.drop();
}, 60_000);

describe('what dashboards ask passes, in production mode', () => {
  it.each(gatewayExampleOperations().map((op) => [op.name, op] as const))('through the gateway: %s', async (_name, op) => {
    const res = await post(gatewayUrl(), { query: op.query, variables: op.variables });
    expect({ status: res.status, errors: res.json.errors }).toEqual({ status: 200, errors: undefined });
    expect(res.json.data).toBeTruthy();
  });

  it.each(directSubgraphOperations().map((op) => [op.name, op] as const))('straight to the Nordjylland subgraph: %s', async (_name, op) => {
    const res = await post(subgraphUrl('nordjylland'), { query: op.query });
    expect({ status: res.status, errors: res.json.errors }).toEqual({ status: 200, errors: undefined });
  });
});

/** The issue's attack: five aliases, depth 10, round Body.memberships → Membership.body. */
const cycleAttack = (root: string) =>
  `{ ${['a', 'b', 'c', 'd', 'e'].map((a) => `${a}: ${root}(id: "nordjylland-midt") { bodies { memberships { body { memberships { body { memberships { body { memberships { id } } } } } } } } }`).join(' ')} }`;
/** Depth 14 round the same cycle, about 200 bytes. */
const deepCycle = `{ nordjyllandClusters { bodies { memberships { body { memberships { body { memberships { body { memberships { body { memberships { body { memberships { body { id ${'} '.repeat(14)}}`;

describe('the cheap-and-heavy is refused with a code, and nothing goes down', () => {
  it('the ~650-byte cyclic attack at the gateway', async () => {
    const res = await post(gatewayUrl(), { query: cycleAttack('cluster') });
    expect(res.status).toBe(400);
    expect(res.json.errors?.[0]).toMatchObject({ message: expect.stringContaining('estimated cost'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('the same attack and the deep query straight at a subgraph port; the subgraph stays up', async () => {
    for (const query of [cycleAttack('nordjyllandCluster'), deepCycle]) {
      const res = await post(subgraphUrl('nordjylland'), { query });
      expect(res.status).toBe(400);
      expect(res.json.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    expect((await fetch(new URL('/health/live', subgraphUrl('nordjylland')))).status).toBe(200);
    const normal = await post(subgraphUrl('nordjylland'), { query: '{ nordjyllandCluster(id: "nordjylland-midt") { name } }' });
    expect(normal.json.data.nordjyllandCluster.name).toBe('Sundhedsklynge Midt');
  });

  it('an _entities call with more than 500 representations, and none resolved; 500 pass', async () => {
    const query = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on NordjyllandCluster { name } } }';
    const representation = { __typename: 'NordjyllandCluster', id: 'nordjylland-midt' };
    const over = await post(subgraphUrl('nordjylland'), { query, variables: { representations: Array(1_000).fill(representation) } });
    expect(over.status).toBe(400);
    expect(over.json).toEqual({ errors: [expect.objectContaining({ message: '_entities takes at most 500 representations, got 1000.', extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }) })] });
    const within = await post(subgraphUrl('nordjylland'), { query, variables: { representations: Array(500).fill(representation) } });
    expect(within.json.data._entities).toHaveLength(500);
  });

  it('introspection and _service are off on a subgraph in production', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ _service { sdl } }']) {
      const res = await post(subgraphUrl('councils'), { query });
      expect(res.status).toBe(400);
      expect(res.json.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.raw).not.toContain('type Query');
    }
  });
});

describe('a burst of 60 of the heaviest cyclic operations the cost model allows', () => {
  // Round Body.memberships → Membership.body → Body.memberships, Person.memberships and
  // Attendance.person: as close to MAX_COST as such a query gets.
  const heavy = `{ cluster(id: "nordjylland-midt") {
    bodies { memberships { body { memberships { person { name memberships { role } } } } } }
    seats: bodies { memberships { person { memberships { body { name } } } } }
    people { memberships { body { memberships { role } } } }
    meetings { attendance { person { memberships { role } } } } } }`;

  it('is allowed, and heavy', () => {
    const api = Supergraph.build(readFileSync(supergraphPath, 'utf8')).apiSchema().toGraphQLJSSchema();
    const { cost } = operationCost(api, parse(heavy), { listSizes: LIST_SIZES });
    expect(cost).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxCost);
    expect(cost).toBeGreaterThan(0.8 * DEFAULT_OPERATION_LIMITS.maxCost);
  });

  it('each gets data or a coded refusal, the gateway stays up, its RSS under the bound', async () => {
    const pid = hub.services.gateway.child.pid!;
    let peakMb = rssMb(pid);
    let answered = 0;
    const sampler = setInterval(() => {
      peakMb = Math.max(peakMb, rssMb(pid));
    }, 25);
    try {
      const results = await Promise.all(Array.from({ length: 60 }, () => post(gatewayUrl(), { query: heavy })));
      for (const r of results) {
        if (r.status === 200) expect(r.json.data?.cluster?.bodies?.length).toBeGreaterThan(0);
        else expect({ status: r.status, code: r.json.errors?.[0].extensions?.code }).toEqual({ status: 503, code: 'SERVICE_OVERLOADED' });
      }
      expect(results.filter((r) => r.status === 200).length).toBeGreaterThan(0);
      answered = results.reduce((n, r) => n + r.raw.length, 0);
    } finally {
      clearInterval(sampler);
    }
    peakMb = Math.max(peakMb, rssMb(pid));
    // For the report: what the burst cost the gateway.
    console.log(`bounded-work burst: 60 answers, ${(answered / 1024 / 1024).toFixed(1)} MB in all; gateway peak RSS ${peakMb.toFixed(0)} MB`);
    expect(peakMb).toBeLessThan(RSS_BOUND_MB);
    expect(hub.services.gateway.child.exitCode).toBeNull();
    expect((await post(gatewayUrl(), { query: '{ regions { code } }' })).json.data.regions).toHaveLength(2);
  }, 120_000);
});

describe('no "Did you mean" with introspection off', () => {
  const misspelled = (target: 'gateway' | 'subgraph') =>
    target === 'gateway'
      ? [
          { query: '{ regions { nam } }' },
          { query: '{ cluster(id: "nordjylland-midt") { meetngs { title } } }' },
          { query: '{ clusters(regio: NORDJYLLAND) { id } }' },
          { query: '{ clusters(region: NORDJYLAND) { id } }' },
          { query: '{ cluster(id: "nordjylland-midt") { meetings(status: HELDD) { title } } }' },
          { query: 'query ($r: RegionCode) { clusters(region: $r) { id } }', variables: { r: 'NORDJYLAND' } },
          { query: 'query ($r: RegionCod) { clusters(region: $r) { id } }' },
          { query: '{ cluster(id: "nordjylland-midt") { ... on NordjyllandClustr { id } } }' },
          { query: '{ clusterz { id } }' },
        ]
      : [
          { query: '{ nordjyllandClusters { nam } }' },
          { query: '{ nordjyllandCluster(idd: "nordjylland-midt") { id } }' },
          { query: '{ nordjyllandClusters { meetings(status: HELDD) { title } } }' },
          { query: 'query ($s: MeetingStatus) { nordjyllandClusters { meetings(status: $s) { title } } }', variables: { s: 'HELDD' } },
          { query: 'query ($s: MeetingStatu) { nordjyllandClusters { meetings(status: $s) { title } } }' },
          { query: '{ nordjyllandClusterz { id } }' },
        ];

  it.each(['gateway', 'subgraph'] as const)('at the %s: each misspelling refused with a code, none with a suggestion', async (target) => {
    const url = target === 'gateway' ? gatewayUrl() : subgraphUrl('nordjylland');
    for (const body of misspelled(target)) {
      const res = await post(url, body);
      expect({ query: body.query, code: res.json.errors?.[0].extensions?.code }).toEqual({ query: body.query, code: expect.stringMatching(/^(GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT)$/) });
      expect({ query: body.query, raw: res.raw }).toEqual({ query: body.query, raw: expect.not.stringContaining('Did you mean') });
    }
  });
});

describe('requests in flight and answer bytes are capped (the tight gateway)', () => {
  it('past MAX_CONCURRENT_REQUESTS: 503 with Retry-After and a code; health is not counted', async () => {
    slowNordjylland.delayMs = 1_500;
    const before = slowNordjylland.received;
    try {
      // Three different clusters: identical calls would be made once (deduplication).
      const held = ['midt', 'syd', 'vest'].map((c) => post(tight.url, { query: `{ cluster(id: "nordjylland-${c}") { name } }` }));
      // The three are in flight: the gateway has sent their fetches to the slowed region.
      await waitFor(() => slowNordjylland.received >= before + 3, { description: 'three fetches at the slowed Nordjylland subgraph' });
      const refused = await post(tight.url, { query: '{ regions { code } }' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.json.errors?.[0].extensions?.code).toBe('SERVICE_OVERLOADED');
      expect((await fetch(tight.url.replace(/\/graphql$/, '/health/live'))).status).toBe(200);
      expect((await Promise.all(held)).map((r) => r.json.data.cluster.name)).toEqual(['Sundhedsklynge Midt', 'Sundhedsklynge Syd', 'Sundhedsklynge Vest']);
    } finally {
      slowNordjylland.delayMs = 0;
    }
    // Counted down: the next request is served.
    expect((await post(tight.url, { query: '{ regions { code } }' })).status).toBe(200);
  }, 30_000);

  it('a subgraph answer past MAX_SUBGRAPH_RESPONSE_BYTES: SUBGRAPH_RESPONSE_TOO_LARGE naming the subgraph, the others’ data kept', async () => {
    // Two copies of Nordjylland's 37 people with their sources and seats (cost 24 000): well over 8 KB. What is left is under 2 KB.
    const people = 'people { name source { document section } memberships { role organisation source { document section } } }';
    const res = await post(tight.url, { query: `{ regions { code } clusters(region: NORDJYLLAND) { id a: ${people} b: ${people} } }` });
    const codes = (res.json.errors ?? []).map((e) => [e.extensions?.code, e.extensions?.serviceName]);
    expect(codes).toContainEqual(['SUBGRAPH_RESPONSE_TOO_LARGE', 'nordjylland']);
    expect(res.raw).not.toMatch(/127\.0\.0\.1|stack/);
    expect(res.json.data.regions).toHaveLength(2);
    expect(tight.child.exitCode).toBeNull();
  });

  it('a gateway answer past MAX_RESPONSE_BYTES: an error with a code instead of the body', async () => {
    // Two copies of every council's notes: over 2 KB, and under the 8 KB a subgraph answer may have.
    const res = await post(tight.url, { query: '{ a: healthCouncils { id name notes } b: healthCouncils { id name notes } }' });
    expect(res.raw.length).toBeLessThan(2048);
    expect(res.json).toEqual({ errors: [expect.objectContaining({ extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes: 2048 } })], data: null });
  });
});
