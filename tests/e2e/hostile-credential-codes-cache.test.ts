/**
 * Hostile callers against a hub in production mode, all real processes on 127.0.0.1:
 * - subgraph ports answer the gateway only (SUBGRAPH_SECRET, made up by tools/hub.ts when
 *   none is set), and a production subgraph without a secret refuses to start;
 * - client mistakes answer their own codes: an invalid Date is BAD_USER_INPUT and its
 *   siblings keep their data, no healthy region is named as failed, and operation-resolution
 *   errors are 400;
 * - the response cache: a body too deeply nested to key is a 400 with a code, and distinct
 *   large bodies with small cacheable answers leave the gateway's RSS under a bound.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_SIGNATURE_HEADER, signGatewayCall } from '../../platform/gateway-credential';
import { startHub, startServiceProcess, type Hub } from '../../tools/hub';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { waitFor } from '../support/wait-for';

/** Distinct ~95 KB bodies sent to the gateway: 50 000 with HOSTILE_FULL=1, a few thousand otherwise. */
const DISTINCT_BODIES = process.env.HOSTILE_FULL === '1' ? 50_000 : 3_000;
const CONNECTIONS = 4;
/**
 * The hub's processes run with a V8 heap of HEAP_MB (old space), as a container would set it
 * (NODE_OPTIONS): without it V8 lets garbage pile up to a share of the machine's memory
 * before collecting, and RSS says little. Under it, the gateway's resident memory may not
 * pass RSS_BOUND_MB while the distinct bodies arrive: about 170 MB at rest, the response
 * cache's 64 MB, Apollo's document and query-plan caches (30 MB each, source text counted:
 * platform/document-store.ts), the bodies in flight. Measured: ~300 MB at 6 000 bodies with
 * a 160 MB heap; before the document store counted source text, the gateway ran out of heap.
 */
const HEAP_MB = 256;
const RSS_BOUND_MB = 450;

const databases: TestDatabase[] = [];
const logs: Record<string, string[]> = {};
let hub: Hub;

beforeAll(async () => {
  const nord = await createTestDatabase('cred_nordjylland');
  const syd = await createTestDatabase('cred_syddanmark');
  databases.push(nord, syd);
  const dataDir = mkdtempSync(join(tmpdir(), 'hub-credential-'));
  hub = await startHub({
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}`,
      // No secret given: the hub makes one for its own processes.
      SUBGRAPH_SECRET: undefined,
      CACHE_MAX_AGE: '60',
      NORDJYLLAND_DATABASE_URL: nord.url,
      SYDDANMARK_DATABASE_URL: syd.url,
      NORDJYLLAND_DATA_DIR: join(dataDir, 'nordjylland'),
      SYDDANMARK_DATA_DIR: join(dataDir, 'syddanmark'),
    },
    log: (line) => {
      const service = /"service":"(\w+)"/.exec(line)?.[1] ?? 'other';
      (logs[service] ??= []).push(line);
    },
  });
}, 180_000);

afterAll(async () => {
  await hub?.stop();
  for (const db of databases) await db.drop();
}, 60_000);

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json: JSON.parse(text) };
}
const ask = (query: string, variables?: unknown, operationName?: string) => post(hub.gatewayUrl, JSON.stringify({ query, variables, operationName }));

describe('subgraph calls authenticated as the gateway’s', () => {
  it('a production hub started without a secret makes one: the gateway’s signed calls are answered', async () => {
    const res = await ask('{ clusters { id name } }');
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data.clusters).toHaveLength(8);
  });

  it.each(['nordjylland', 'syddanmark', 'councils'])('the %s subgraph refuses an unsigned call and a wrongly signed one with 401 UNAUTHENTICATED, executing nothing', async (name) => {
    const url = hub.services[name].url;
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    const unsigned = await post(url, body, { 'x-request-id': `unsigned-${name}` });
    const wrong = await post(url, body, { 'x-request-id': `wrong-${name}`, [GATEWAY_SIGNATURE_HEADER]: signGatewayCall(randomBytes(32).toString('hex'), body) });
    const bare = await post(url, body, { 'x-request-id': `bare-${name}`, [GATEWAY_SIGNATURE_HEADER]: 'secret' });
    for (const res of [unsigned, wrong, bare]) {
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    // Health stays open.
    expect((await fetch(new URL('/health/live', url))).status).toBe(200);
    expect((await fetch(new URL('/health/ready', url))).status).toBe(200);

    // Nothing was executed: the subgraph logged no GraphQL request for the refused calls,
    // though it did for a gateway call made after them (its log comes over one pipe, in order).
    // A comment of its own, so the gateway's response cache does not answer it.
    await post(hub.gatewayUrl, JSON.stringify({ query: `# after ${name}\n{ regions { code name } clusters { id name } }` }), { 'x-request-id': `after-${name}` });
    await waitFor(() => (logs[name] ?? []).some((l) => l.includes(`"requestId":"after-${name}"`)), { description: `the ${name} subgraph’s log line of the gateway’s call` });
    expect((logs[name] ?? []).filter((l) => /"requestId":"(unsigned|wrong|bare)-/.test(l))).toEqual([]);
    // Neither the secret nor a signature is logged.
    expect((logs[name] ?? []).filter((l) => /v1=|x-hub-gateway/i.test(l))).toEqual([]);
  });

  it('a production subgraph without SUBGRAPH_SECRET refuses to start with one clear line, unless ALLOW_UNAUTHENTICATED_SUBGRAPH=true', async () => {
    const lines: string[] = [];
    const refused = await startServiceProcess({
      name: 'councils',
      env: { NODE_ENV: 'production', LOG_LEVEL: 'info', COUNCILS_PORT: '0', SUBGRAPH_SECRET: undefined },
      log: (l) => lines.push(l),
      timeoutMs: 60_000,
    }).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    // The line comes over a pipe, maybe after the exit: wait for it.
    const fatal = await waitFor(() => lines.find((l) => l.includes('"level":60')), { description: 'the fatal log line' });
    expect(JSON.parse(fatal).msg).toMatch(/^configuration error: SUBGRAPH_SECRET is required with NODE_ENV=production/);
    expect(lines.filter((l) => l.includes('"level":60'))).toHaveLength(1);

    const open = await startServiceProcess({ name: 'councils', env: { NODE_ENV: 'production', COUNCILS_PORT: '0', SUBGRAPH_SECRET: undefined, ALLOW_UNAUTHENTICATED_SUBGRAPH: 'true' } });
    try {
      const res = await post(open.url, JSON.stringify({ query: '{ regions { code } }' }));
      expect(res.json.data.regions).toHaveLength(2);
    } finally {
      await open.stop();
    }
  }, 90_000);
});

describe('right codes', () => {
  const invalidDate = '{ a: cluster(id: "nordjylland-midt") { meetings(from: "2024-02-31") { id } } b: cluster(id: "syddanmark-fyn") { name } }';

  it('an impossible Date argument is BAD_USER_INPUT, and the sibling field keeps its data', async () => {
    const res = await ask(invalidDate);
    expect(res.status).toBe(200);
    expect(res.json.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('2024-02-31'), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    expect(res.json.data.b).toEqual({ name: 'Sundhedsklynge Fyn' });
  });

  it.each([
    ['a literal', '{ a: cluster(id: "nordjylland-midt") { meetings(from: "0000-01-01") { id } } b: cluster(id: "syddanmark-fyn") { name } }', undefined],
    ['a variable', 'query($d: Date) { a: cluster(id: "nordjylland-midt") { meetings(to: $d) { id } } b: cluster(id: "syddanmark-fyn") { name } }', { d: '0000-01-01' }],
  ])('a year-0000 Date in %s is BAD_USER_INPUT and names no region as failed', async (_name, query, variables) => {
    const res = await ask(query, variables);
    const codes = (res.json.errors as Array<{ extensions: { code: string } }>).map((e) => e.extensions.code);
    expect(codes).toEqual(['BAD_USER_INPUT']);
    expect(res.json.data.b).toEqual({ name: 'Sundhedsklynge Fyn' });
  });

  it('a client error inside a subgraph’s answer keeps its client code', async () => {
    const res = await ask('{ cluster(id: "Not An Id") { name } }');
    const codes = (res.json.errors as Array<{ extensions: { code: string } }>).map((e) => e.extensions.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).not.toContain('DOWNSTREAM_SERVICE_ERROR');
    expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
  });

  it.each([
    ['an unknown operationName', '{"query":"query A { regions { code } }","operationName":"Nope"}', 'Unknown operation named "Nope".'],
    ['several operations without a name', '{"query":"query A { regions { code } } query B { clusters { id } }"}', 'Must provide operation name if query contains multiple operations.'],
  ])('%s is 400 OPERATION_RESOLUTION_FAILURE', async (_name, body, message) => {
    const res = await post(hub.gatewayUrl, body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ errors: [{ message, extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] });
  });
});

describe('the response cache under hostile bodies', () => {
  it('answers a body nested too deeply to key with 400 JSON and a code', async () => {
    const depth = 40_000;
    const body = `{"query":"{ regions { code } }","variables":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    const res = await post(hub.gatewayUrl, body);
    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/json');
    expect(res.json.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(hub.services.gateway.child.exitCode).toBeNull();
  });

  it(`keeps the gateway under ${RSS_BOUND_MB} MB RSS through ${DISTINCT_BODIES} distinct ~95 KB bodies with small cacheable answers`, async () => {
    const pid = hub.services.gateway.child.pid!;
    const rssMb = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
    const before = rssMb();
    let peak = before;
    const padding = 'x'.repeat(95_000);
    let next = 0;
    let ok = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        for (let n = next++; n < DISTINCT_BODIES; n = next++) {
          // A long comment makes each body distinct; the answer is small and cacheable.
          const res = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `# ${n} ${padding}\n{ regions { code } }` }) });
          await res.arrayBuffer();
          if (res.status === 200) ok++;
          if (n % 100 === 0) peak = Math.max(peak, rssMb());
        }
      }),
    );
    peak = Math.max(peak, rssMb());
    const seconds = (Date.now() - started) / 1000;
    console.log(`${DISTINCT_BODIES} distinct ~95 KB bodies over ${CONNECTIONS} connections in ${seconds.toFixed(1)} s: gateway RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB (bound ${RSS_BOUND_MB} MB)`);
    expect(ok).toBe(DISTINCT_BODIES);
    expect(peak).toBeLessThan(RSS_BOUND_MB);
    // Still serving.
    expect((await ask('{ regions { code } }')).json.data.regions).toHaveLength(2);
  }, process.env.HOSTILE_FULL === '1' ? 1_800_000 : 300_000);
});
