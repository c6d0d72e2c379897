/**
 * Two gateway replicas behind HAProxy sharing their caches through one Redis, on real
 * processes: the subgraphs and replica A of a test hub, replica B started beside it on the
 * same subgraphs, HAProxy in front (tests/support/haproxy.ts). A cache hit is told by the
 * Age header, which only an answer from the response cache carries.
 *
 * Redis is TEST_REDIS_URL's (under a key prefix of this run) or a private redis-server;
 * the case that stops Redis always has a private one, with a third replica on it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { signDevToken } from '../../platform/dev-token';
import { GATEWAY_SIGNATURE_HEADER, signGatewayCall } from '../../platform/gateway-credential';
import { allSubgraphs } from '../../schema/contract/registry';
import { regionalSubgraph } from '../../services/regional/definition';
import { startServiceProcess, type ServiceProcess } from '../../tools/hub';
import { haproxyUnavailable, startHaproxy, type HAProxy } from '../support/haproxy';
import { sampleSum, scrape } from '../support/prometheus';
import { startTestHub, type TestHub } from '../support/hub';
import { REDIS_SERVER, redisUnavailable, startTestRedis, type TestRedis } from '../support/redis';
import { waitFor } from '../support/wait-for';

const missing = redisUnavailable() ?? haproxyUnavailable();
if (missing) console.warn(`redis-replicas.test.ts skipped: ${missing}`);
const suite = missing ? describe.skip : describe;

const RUN = randomBytes(3).toString('hex');
/** GET /metrics is on with a token (METRICS_TOKEN) on every process of the suite. */
const METRICS_TOKEN = randomBytes(32).toString('base64url');
/** hub_cache_lookups_total of one cache and result, as a replica's /metrics says. */
const lookups = async (url: string, cache: string, result: string) => sampleSum(await scrape(url, METRICS_TOKEN), 'hub_cache_lookups_total', { cache, result });
const seed = JSON.parse(readFileSync(join(regionalSubgraph('nordjylland').dataDirectory, 'seed-001-direktoerforum-midt-2024-02-08.json'), 'utf8'));
const SEED_MEETING = seed.meetings[0];
/** A meeting of Sundhedsklynge Midt's Direktørforum that the data files do not have, like tests/e2e/writes.test.ts's. */
function newMeeting(id: string) {
  return { ...SEED_MEETING, id, status: 'PLANNED', date: '2026-12-10', startsAt: '2026-12-10T14:00:00+01:00', note: null, title: 'Direktørforum Sundhedsklynge Midt d. 10-12-2026', attendance: SEED_MEETING.attendance.slice(0, 2), agendaItems: [{ ...SEED_MEETING.agendaItems[0], id: `${id}-punkt-1`, decision: null }] };
}
const SAVE_MEETING = `mutation Save($meeting: JSON!, $document: String) { nordjyllandSaveMeeting(meeting: $meeting, document: $document) { id version } }`;
/** A new record names the document it comes from. */
const DOCUMENT = 'Dagsorden, Direktørforum 10. december 2026';
const READ_MEETING = (id: string) => `{ nordjyllandMeeting(id: "${id}") { id title version } }`;
/** A read the response cache keeps (public, CACHE_MAX_AGE); the comment makes its body this run's own. */
const CLUSTERS = (tag: string) => `{ nordjyllandClusters { id name } } # ${RUN} ${tag}`;

interface Answer {
  status: number;
  age: string | null;
  text: string;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function ask(url: string, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, age: res.headers.get('age'), text, body: JSON.parse(text) };
}

/** Bounded load: `connections` clients for `seconds`; counts answers that are not a 200 with the data asked for. */
async function load(url: string, body: string, { connections, seconds, during }: { connections: number; seconds: number; during?: () => Promise<void> }) {
  let withoutData = 0;
  let hits = 0;
  const run = autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        onResponse: (status, text, _context, headers) => {
          if (status !== 200 || !text.includes('"data":{"nordjyllandClusters":[{')) withoutData++;
          if (Object.keys(headers ?? {}).some((name) => name.toLowerCase() === 'age')) hits++;
        },
      },
    ],
  });
  const side = during?.();
  const [result] = await Promise.all([run, side]);
  return { requests: result.requests.total, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, withoutData, hits };
}

suite('two gateway replicas behind HAProxy with one Redis', () => {
  let redis: TestRedis;
  let hub: TestHub;
  let replicaB: ServiceProcess;
  let haproxy: HAProxy;
  const gatewayEnv = (port: number, more: Record<string, string> = {}) => ({
    ...hub.env,
    PORT: undefined,
    GATEWAY_PORT: String(port),
    ...Object.fromEntries(allSubgraphs().map(({ name }) => [`${name.toUpperCase()}_URL`, hub.services[name].url])),
    ...more,
  });
  const portOf = (url: string) => Number(new URL(url).port);
  const urlA = () => hub.gatewayUrl;

  beforeAll(async () => {
    redis = await startTestRedis('replicas');
    // Every process gets REDIS_URL: the replicas share their caches, the subgraphs move the data version on.
    hub = await startTestHub('replicas', { env: { REDIS_URL: redis.url, REDIS_KEY_PREFIX: redis.keyPrefix, CACHE_MAX_AGE: '60', LOG_LEVEL: 'warn', METRICS_TOKEN } });
    replicaB = await startServiceProcess({ name: 'gateway-b', service: 'gateway', env: gatewayEnv(0) });
    haproxy = await startHaproxy([
      { name: 'a', port: portOf(urlA()) },
      { name: 'b', port: portOf(replicaB.url) },
    ]);
    await haproxy.allUp();
  }, 240_000);

  afterAll(async () => {
    await haproxy?.stop();
    await replicaB?.stop();
    await hub?.close();
    await redis?.stop();
  }, 60_000);

  it('serves an answer cached through replica A as a hit through replica B, and through HAProxy misses once', async () => {
    const body = { query: CLUSTERS('a-then-b') };
    const a = await ask(urlA(), body);
    expect(a.status).toBe(200);
    expect(a.age).toBeNull();
    expect(a.body.data!.nordjyllandClusters.length).toBeGreaterThan(0);
    const hitsOfB = await lookups(replicaB.url, 'response', 'hit');
    const b = await ask(replicaB.url, body);
    expect(b.age).not.toBeNull();
    expect(b.text).toBe(a.text);
    expect(await lookups(replicaB.url, 'response', 'hit')).toBe(hitsOfB + 1);

    // Round robin: the answers alternate between the replicas; only the first is a miss.
    const through = { query: CLUSTERS('through-haproxy') };
    const ages: Array<string | null> = [];
    for (let i = 0; i < 10; i++) ages.push((await ask(haproxy.url, through)).age);
    expect(ages[0]).toBeNull();
    expect(ages.slice(1).every((age) => age !== null)).toBe(true);
  });

  it('shares automatic persisted queries: registered through A, sent as a hash alone to B', async () => {
    const query = CLUSTERS('persisted');
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const persistedQuery = { version: 1, sha256Hash };
    const unknown = await ask(replicaB.url, { extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(`${query} unknown`).digest('hex') } } });
    expect(unknown.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await ask(urlA(), { query, extensions: { persistedQuery } });
    expect(registered.body.errors).toBeUndefined();
    const found = await lookups(replicaB.url, 'persisted_queries', 'hit');
    const byHash = await ask(replicaB.url, { extensions: { persistedQuery } });
    expect(byHash.body.errors).toBeUndefined();
    expect(byHash.body.data).toEqual(registered.body.data);
    expect(await lookups(replicaB.url, 'persisted_queries', 'hit')).toBe(found + 1);
  });

  it('after a write through replica A, reads through replica B fresh', async () => {
    const meeting = newMeeting(`nordjylland-midt-direktoerforum-2026-12-10-${RUN}`);
    const read = { query: READ_MEETING(meeting.id) };
    expect((await ask(replicaB.url, read)).body.data).toEqual({ nordjyllandMeeting: null });
    expect((await ask(urlA(), read)).age).not.toBeNull();
    expect((await ask(replicaB.url, read)).age).not.toBeNull();

    const token = await signDevToken({ dir: hub.dataDir, region: 'nordjylland', subject: 'sekretariat@rn.example', ttlSeconds: 300 });
    const written = await ask(urlA(), { query: SAVE_MEETING, variables: { meeting, document: DOCUMENT } }, { authorization: `Bearer ${token}` });
    expect(written.body.errors).toBeUndefined();
    expect(written.body.data).toEqual({ nordjyllandSaveMeeting: { id: meeting.id, version: 1 } });

    const after = await ask(replicaB.url, read);
    expect(after.age).toBeNull();
    expect(after.body.data).toEqual({ nordjyllandMeeting: { id: meeting.id, title: meeting.title, version: 1 } });
  });

  it('after a write sent to the subgraph directly, reads through the replicas fresh (the subgraph moves the version on)', async () => {
    const meeting = newMeeting(`nordjylland-midt-direktoerforum-2026-12-10-direct-${RUN}`);
    const read = { query: READ_MEETING(meeting.id) };
    expect((await ask(urlA(), read)).body.data).toEqual({ nordjyllandMeeting: null });
    expect((await ask(replicaB.url, read)).age).not.toBeNull();

    const token = await signDevToken({ dir: hub.dataDir, region: 'nordjylland', subject: 'sekretariat@rn.example', ttlSeconds: 300 });
    const body = JSON.stringify({ query: SAVE_MEETING, variables: { meeting, document: DOCUMENT } });
    const res = await fetch(hub.services.nordjylland.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, [GATEWAY_SIGNATURE_HEADER]: signGatewayCall(hub.env.SUBGRAPH_SECRET!, body) },
      body,
    });
    expect(((await res.json()) as Answer['body']).data).toEqual({ nordjyllandSaveMeeting: { id: meeting.id, version: 1 } });

    const fresh = { nordjyllandMeeting: { id: meeting.id, title: meeting.title, version: 1 } };
    const throughB = await ask(replicaB.url, read);
    expect(throughB.age).toBeNull();
    expect(throughB.body.data).toEqual(fresh);
    // B kept the fresh answer under the new version: A finds it there.
    const throughA = await ask(urlA(), read);
    expect(throughA.age).not.toBeNull();
    expect(throughA.body.data).toEqual(fresh);
  });

  it('loses no request while replica B is stopped with SIGTERM and started again under load', async () => {
    const portB = portOf(replicaB.url);
    const before = await haproxy.stats();
    let exitCode: number | null = null;
    const result = await load(haproxy.url, JSON.stringify({ query: CLUSTERS('rolling-restart') }), {
      connections: 4,
      seconds: 5,
      during: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        exitCode = await replicaB.stop('SIGTERM');
        replicaB = await startServiceProcess({ name: 'gateway-b', service: 'gateway', env: gatewayEnv(portB) });
      },
    });
    const after = await haproxy.stats();
    console.info(`rolling restart: ${JSON.stringify(result)}; haproxy before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`);
    expect(exitCode).toBe(0);
    expect(result.requests).toBeGreaterThan(0);
    expect(result).toMatchObject({ errors: 0, timeouts: 0, non2xx: 0, withoutData: 0 });
    // One body throughout: after its first answer, the replicas answer it from Redis.
    expect(result.hits).toBeGreaterThan(0);
    // HAProxy saw B go down: the restart happened behind it, not beside it.
    expect(after.b.downs).toBeGreaterThan(before.b.downs);
    await haproxy.allUp();
  }, 60_000);

  // A Redis of its own to stop, even where TEST_REDIS_URL is set.
  (existsSync(REDIS_SERVER) ? describe : describe.skip)('with Redis slow, then stopped', () => {
    let ownRedis: TestRedis;
    let replicaC: ServiceProcess;
    const lines: Array<{ msg?: string; cacheErrors?: number }> = [];
    const errorCounts = () => lines.filter((l) => l.msg === 'shared cache unavailable: answering without it').map((l) => l.cacheErrors!);

    beforeAll(async () => {
      ownRedis = await startTestRedis('replica-c', { private: true });
      replicaC = await startServiceProcess({
        name: 'gateway-c',
        service: 'gateway',
        env: gatewayEnv(0, { REDIS_URL: ownRedis.url, REDIS_KEY_PREFIX: ownRedis.keyPrefix, LOG_LEVEL: 'warn', REDIS_ERROR_LOG_INTERVAL_MS: '200' }),
        log: (line) => {
          try {
            lines.push(JSON.parse(line));
          } catch {
            // Not a log entry.
          }
        },
      });
    }, 120_000);

    afterAll(async () => {
      await replicaC?.stop();
      await ownRedis?.stop();
    });

    it('answers every request with data, and the cache error counter of /metrics rises, as the log says', async () => {
      const errors = () => lookups(replicaC.url, 'response', 'error');
      const body = { query: CLUSTERS('replica-c') };
      expect((await ask(replicaC.url, body)).age).toBeNull();
      expect((await ask(replicaC.url, body)).age).not.toBeNull();
      expect(errorCounts()).toEqual([]);
      expect(await errors()).toBe(0);

      // Slow: Redis stopped in its tracks; each cache command times out (REDIS_TIMEOUT_MS).
      ownRedis.process!.kill('SIGSTOP');
      try {
        for (let i = 0; i < 3; i++) {
          const slow = await ask(replicaC.url, { query: CLUSTERS(`slow ${i}`) });
          expect(slow.status).toBe(200);
          expect(slow.body.data!.nordjyllandClusters.length).toBeGreaterThan(0);
        }
      } finally {
        ownRedis.process!.kill('SIGCONT');
      }
      const whileSlow = await waitFor(() => errorCounts().length > 0 && errorCounts(), { description: 'a log line counting cache errors' });
      const errorsWhileSlow = await errors();
      expect(errorsWhileSlow).toBeGreaterThanOrEqual(3);

      // Stopped for good in the middle of a bounded load.
      const result = await load(replicaC.url, JSON.stringify({ query: CLUSTERS('replica-c') }), {
        connections: 4,
        seconds: 3,
        during: async () => {
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          await ownRedis.stop();
        },
      });
      const errorsAfterStop = await errors();
      console.info(`Redis stopped under load: ${JSON.stringify(result)}; hub_cache_lookups_total{cache="response",result="error"}: 0, ${errorsWhileSlow} (slow), ${errorsAfterStop} (stopped); logged: ${JSON.stringify(errorCounts())}`);
      expect(result.requests).toBeGreaterThan(0);
      expect(result).toMatchObject({ errors: 0, timeouts: 0, non2xx: 0, withoutData: 0 });
      expect(errorsAfterStop).toBeGreaterThan(errorsWhileSlow);
      const afterStop = await waitFor(() => Math.max(...errorCounts()) > Math.max(...whileSlow) && errorCounts(), { description: 'the logged cache error count to rise' });
      expect(afterStop.length).toBeGreaterThan(whileSlow.length);
    }, 60_000);
  });
});
