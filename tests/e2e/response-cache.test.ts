/**
 * The gateway's response cache: repeated reads are served from it (with an Age header),
 * and once the data changes no answer is older than the maximum age.
 */
import { startRegionalService, type RunningRegionalService } from '../../services/regional/service';
import { startGateway } from '../../gateway/service';
import { localGatewayConfig } from '../../gateway/config';
import type { RunningService } from '../../platform/http-server';
import { createLogger } from '../../platform/logger';
import { startServiceProcess, type ServiceProcess } from '../../tools/hub';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { regionalSubgraphs } from '../../services/regional/definition';
import pino from 'pino';


const MAX_AGE_SECONDS = 2;
const logger = createLogger('test');
/** The gateway's log lines, to find the line of a cache hit. */
const gatewayLog: string[] = [];
const gatewayLogger = pino({ level: 'info', base: { service: 'gateway' } }, { write: (line: string) => void gatewayLog.push(line) });
const databases: TestDatabase[] = [];
let regional: RunningRegionalService[] = [];
let councils: ServiceProcess;
let gateway: RunningService;

beforeAll(async () => {
  for (const definition of regionalSubgraphs()) {
    const db = await createTestDatabase(`cache_${definition.name}`);
    databases.push(db);
    regional.push(await startRegionalService(definition, { host: '127.0.0.1', port: 0, databaseUrl: db.url, load: 'always', cacheMaxAgeSeconds: MAX_AGE_SECONDS, logger }));
  }
  councils = await startServiceProcess({ name: 'councils', env: { COUNCILS_PORT: '0', CACHE_MAX_AGE: String(MAX_AGE_SECONDS) } });
  gateway = await startGateway(
    localGatewayConfig({
      subgraphUrls: { nordjylland: regional[0].url, syddanmark: regional[1].url, councils: councils.url },
      cacheMaxAgeSeconds: MAX_AGE_SECONDS,
      logger: gatewayLogger,
    }),
  );
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  await councils?.stop();
  for (const r of regional) await r.close();
  for (const db of databases) await db.drop();
  regional = [];
});

async function ask() {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ cluster(id: "nordjylland-midt") { name meetings { id title } } }' }),
  });
  const body = (await res.json()) as { data: { cluster: { meetings: Array<{ title: string }> } } };
  return { age: res.headers.get('age'), cacheControl: res.headers.get('cache-control'), titles: body.data.cluster.meetings.map((m) => m.title) };
}

async function raw(query: string, variables?: Record<string, unknown>) {
  const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { age: res.headers.get('age'), body: (await res.json()) as { data?: any; errors?: unknown[] } };
}

describe('the response cache', () => {
  it('never keeps an answer with errors', async () => {
    const q = '{ cluster(id: "Not An Id") { name } }';
    expect((await raw(q)).body.errors).toBeDefined();
    const again = await raw(q);
    expect(again.age).toBeNull();
    expect(again.body.errors).toBeDefined();
  });

  it('answers a cache hit with the caller’s x-request-id, and logs it with that id', async () => {
    const body = JSON.stringify({ query: '{ cluster(id: "nordjylland-nord") { name } }' });
    const ask = (requestId: string) => fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': requestId }, body });
    const miss = await ask('dashboard-req-miss');
    expect(miss.headers.get('age')).toBeNull();
    expect(miss.headers.get('x-request-id')).toBe('dashboard-req-miss');
    const hit = await ask('dashboard-req-hit');
    expect(hit.headers.get('age')).not.toBeNull();
    expect(hit.headers.get('x-request-id')).toBe('dashboard-req-hit');
    expect(await hit.text()).toBe(await miss.text());
    const lines = gatewayLog.map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.requestId === 'dashboard-req-hit')).toEqual([expect.objectContaining({ cache: 'hit', msg: 'graphql request', durationMs: expect.any(Number) })]);
    expect(lines.filter((l) => l.requestId === 'dashboard-req-miss')).toEqual([expect.objectContaining({ msg: 'graphql request' })]);
  });

  it('keeps answers to different variables apart', async () => {
    const q = 'query($id: ID!) { cluster(id: $id) { name } }';
    await raw(q, { id: 'nordjylland-syd' });
    await raw(q, { id: 'nordjylland-syd' });
    const other = await raw(q, { id: 'nordjylland-vest' });
    expect(other.age).toBeNull();
    expect(other.body.data.cluster.name).toBe('Sundhedsklynge Vest');
    const same = await raw(q, { id: 'nordjylland-syd' });
    expect(same.age).not.toBeNull();
    expect(same.body.data.cluster.name).toBe('Sundhedsklynge Syd');
  });

  it('serves a repeated read from the cache, and a changed record within the maximum age', async () => {
    const first = await ask();
    expect(first.age).toBeNull();
    expect(first.cacheControl).toBe(`max-age=${MAX_AGE_SECONDS}, public`);
    const second = await ask();
    expect(second.age).not.toBeNull();
    expect(second.titles).toEqual(first.titles);

    // Change the data under the subgraph, as a reload would.
    await regional[0].orm.em.getConnection().execute(`update meeting set title = 'Ændret titel' where id = 'nordjylland-midt-direktoerforum-2024-02-08'`);
    await new Promise((r) => setTimeout(r, MAX_AGE_SECONDS * 1_000 + 500));
    const after = await ask();
    expect(after.age).toBeNull();
    expect(after.titles).toContain('Ændret titel');
  }, 30_000);
});
