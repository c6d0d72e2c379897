/**
 * Fail fast while a region stays hung, with real processes on 127.0.0.1 and the gateway in
 * production mode: the Nordjylland subgraph is stopped (SIGSTOP: its port still accepts
 * connections, nothing answers), so each call to it costs SUBGRAPH_TIMEOUT_MS until its
 * circuit opens; from then on requests touching it answer at once with Syddanmark's data,
 * and after SIGCONT the region is back without a gateway restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceProcess, type ServiceProcess } from '../../tools/hub';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { post, type GraphQLResponse } from '../support/graphql';
import { waitFor } from '../support/wait-for';

const TIMEOUT_MS = 2_000;
const RESET_MS = 6_000;
const CROSS_REGION = '{ clusters { id name } }';

let nordjylland: ServiceProcess;
let syddanmark: ServiceProcess;
let councils: ServiceProcess;
let gateway: ServiceProcess;
const databases: TestDatabase[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'hub-breaker-'));
const gatewayLog: Array<Record<string, unknown>> = [];

const regionalEnv = (name: string, db: TestDatabase) => ({
  [`${name.toUpperCase()}_DATABASE_URL`]: db.url,
  [`${name.toUpperCase()}_DATA_DIR`]: join(dataDir, name),
  [`${name.toUpperCase()}_PORT`]: '0',
});

beforeAll(async () => {
  const nordDb = await createTestDatabase('breaker_nordjylland');
  const sydDb = await createTestDatabase('breaker_syddanmark');
  databases.push(nordDb, sydDb);
  [nordjylland, syddanmark, councils] = await Promise.all([
    startServiceProcess({ name: 'nordjylland', env: regionalEnv('nordjylland', nordDb) }),
    startServiceProcess({ name: 'syddanmark', env: regionalEnv('syddanmark', sydDb) }),
    startServiceProcess({ name: 'councils', env: { COUNCILS_PORT: '0' } }),
  ]);
  gateway = await startServiceProcess({
    name: 'gateway',
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      GATEWAY_PORT: '0',
      // Every request here must reach the subgraphs: no response cache.
      CACHE_MAX_AGE: '0',
      SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
      BREAKER_FAILURE_THRESHOLD: '2',
      BREAKER_RESET_MS: String(RESET_MS),
      NORDJYLLAND_URL: nordjylland.url,
      SYDDANMARK_URL: syddanmark.url,
      COUNCILS_URL: councils.url,
    },
    log: (line) => {
      try {
        gatewayLog.push(JSON.parse(line));
      } catch {
        // not a log line of the gateway's own
      }
    },
  });
}, 180_000);

afterAll(async () => {
  // Never leave a stopped process behind, whatever happened in the test.
  if (nordjylland?.child.exitCode === null) nordjylland.child.kill('SIGCONT');
  await Promise.all([gateway, nordjylland, syddanmark, councils].filter(Boolean).map((s) => s.stop()));
  for (const db of databases) await db.drop();
}, 60_000);

const regionsIn = (res: GraphQLResponse) => [...new Set(((res.data?.clusters ?? []) as Array<{ id: string } | null>).filter(Boolean).map((c) => c!.id.split('-')[0]))].sort();
const circuitLines = () => gatewayLog.filter((entry) => entry.subgraph === 'nordjylland' && typeof entry.circuit === 'string');

async function timed(query: string) {
  const started = Date.now();
  const res = await post(gateway.url, query);
  return { res, ms: Date.now() - started };
}

describe('a hung region', () => {
  it('costs the timeout until its circuit opens, then answers at once with the other region’s data, and comes back after SIGCONT', async () => {
    const healthy = await post(gateway.url, CROSS_REGION);
    expect(healthy.errors).toBeUndefined();
    const gatewayPid = gateway.child.pid;

    nordjylland.child.kill('SIGSTOP');
    try {
      // Before the circuit opens: each request waits for the subgraph's timeout.
      const first = await timed(CROSS_REGION);
      expect(first.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(first.res.errors?.map((e) => e.extensions)).toContainEqual({ code: 'TIMEOUT', serviceName: 'nordjylland' });
      await waitFor(
        async () => {
          if (circuitLines().some((l) => l.circuit === 'open')) return true;
          await post(gateway.url, CROSS_REGION);
          return circuitLines().some((l) => l.circuit === 'open');
        },
        { timeoutMs: 30_000, intervalMs: 0, description: 'the gateway’s log line saying the circuit of nordjylland opened' },
      );

      // Open: well under the timeout, with Syddanmark's data and the region named. The wall-clock
      // bound is the behaviour under test (RESET_MS leaves these requests before any probe).
      for (let i = 0; i < 5; i++) {
        const { res, ms } = await timed(CROSS_REGION);
        expect(ms).toBeLessThan(500);
        expect(res.status).toBe(200);
        expect(res.errors).toEqual([expect.objectContaining({ extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'nordjylland' } })]);
        expect(regionsIn(res)).toEqual(['syddanmark']);
      }
      expect(circuitLines().map((l) => l.circuit)).toEqual(['open']);
    } finally {
      nordjylland.child.kill('SIGCONT');
    }

    // Back without a gateway restart: the probe after BREAKER_RESET_MS closes the circuit.
    const healed = await waitFor(
      async () => {
        const res = await post(gateway.url, CROSS_REGION);
        return res.errors === undefined && regionsIn(res).length === 2 && res;
      },
      { timeoutMs: 30_000, intervalMs: 250, description: 'an answer with both regions after SIGCONT' },
    );
    expect(regionsIn(healed)).toEqual(['nordjylland', 'syddanmark']);
    expect(gateway.child.pid).toBe(gatewayPid);
    expect(gateway.child.exitCode).toBeNull();
    // The log lines come over a pipe, some time after the answers: wait for the closing one.
    await waitFor(() => circuitLines().some((l) => l.circuit === 'closed'), { description: 'the log line saying the circuit of nordjylland closed' });
    const states = circuitLines().map((l) => l.circuit);
    expect(states[0]).toBe('open');
    expect(states.slice(-2)).toEqual(['half-open', 'closed']);
    expect(circuitLines().every((l) => typeof l.msg === 'string' && (l.msg as string).includes('nordjylland'))).toBe(true);
  }, 120_000);
});
