/**
 * Metrics and traces of the hub as separate processes (gateway, both regions, councils):
 * - one request through the gateway is one trace, with the gateway's plan and fetch spans and
 *   the server and SQL spans of both regional subgraphs, joined by W3C traceparent (every
 *   process exports over OTLP/HTTP to a receiver this suite runs on 127.0.0.1);
 * - GET /metrics parses as Prometheus text, is refused without the bearer token, and its
 *   counters move with requests: operations, errors, subgraph calls, cache hits and misses.
 */
import { randomBytes } from 'node:crypto';
import { startTestHub, type TestHub } from '../support/hub';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { sampleSum, scrape } from '../support/prometheus';
import { waitFor } from '../support/wait-for';

const METRICS_TOKEN = randomBytes(32).toString('base64url');
/** Fields of both regions: the gateway fetches from each. */
const BOTH_REGIONS = 'query BothRegions { nordjyllandClusters { id name } syddanmarkClusters { id name } }';

let receiver: OtlpReceiver;
let hub: TestHub;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  hub = await startTestHub('observe', {
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      // Spans are sent a tenth of a second after they end, not after the default five.
      OTEL_BSP_SCHEDULE_DELAY: '100',
      METRICS_TOKEN,
      CACHE_MAX_AGE: '30',
    },
  });
}, 180_000);

afterAll(async () => {
  await hub?.close();
  await receiver?.close();
});

/** POSTs an operation to the gateway, with extra headers; the parsed body. */
async function ask(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown[]> | null; errors?: Array<{ extensions?: { code?: string } }> } };
}

describe('traces', () => {
  it('one request through the gateway is one trace with spans from the gateway and both regional subgraphs', async () => {
    // The client starts the trace, so this request's spans can be told from any other's.
    const traceId = randomBytes(16).toString('hex');
    const clientSpanId = randomBytes(8).toString('hex');
    // A unique comment: not answered from the response cache.
    const { status, body } = await ask({ query: `${BOTH_REGIONS} # ${traceId}` }, { traceparent: `00-${traceId}-${clientSpanId}-01` });
    expect(status).toBe(200);
    expect(body.data?.nordjyllandClusters.length).toBeGreaterThan(0);
    expect(body.data?.syddanmarkClusters.length).toBeGreaterThan(0);

    const ofTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    const has = (service: string, name: string | RegExp) => ofTrace().some((s) => s.service === service && (typeof name === 'string' ? s.name === name : name.test(s.name)));
    // Each process sends its spans as they end, the request's server spans last.
    const serverSpanOf = (service: string) => ofTrace().some((s) => s.service === service && s.attributes['http.request.method'] === 'POST');
    await waitFor(() => ['gateway', 'nordjylland', 'syddanmark'].every(serverSpanOf) && has('gateway', 'gateway.fetch') && has('nordjylland', 'db.query') && has('syddanmark', 'db.query'), {
      timeoutMs: 15_000,
      description: 'the spans of the request from the gateway and both regions',
    });
    const spans = ofTrace();
    const byId = new Map(spans.map((s) => [s.spanId, s]));

    // The gateway: its server span (named by the operation) under the client's span, and @apollo/gateway's plan and fetches.
    const gatewayServer = spans.find((s) => s.service === 'gateway' && s.parentSpanId === clientSpanId);
    expect(gatewayServer?.name).toBe('query BothRegions');
    expect(gatewayServer?.attributes).toMatchObject({ 'http.request.method': 'POST', 'url.path': '/graphql', 'http.response.status_code': 200 });
    expect(has('gateway', 'gateway.plan')).toBe(true);
    const fetches = spans.filter((s) => s.service === 'gateway' && s.name === 'gateway.fetch');
    expect(fetches.length).toBeGreaterThanOrEqual(2);

    for (const region of ['nordjylland', 'syddanmark']) {
      // Each region's server span is the child of one of the gateway's fetch spans: traceparent crossed the wire.
      const server = spans.find((s) => s.service === region && byId.get(s.parentSpanId)?.name === 'gateway.fetch');
      expect(server).toBeDefined();
      expect(server!.attributes['graphql.operation.type']).toBe('query');
      // Its SQL spans descend from it, and say what ran, not with which values.
      const sql = spans.filter((s) => s.service === region && s.name === 'db.query');
      expect(sql.length).toBeGreaterThan(0);
      const ancestors = (span: ReceivedSpan) => {
        const seen: string[] = [];
        for (let p = byId.get(span.parentSpanId); p; p = byId.get(p.parentSpanId)) seen.push(p.spanId);
        return seen;
      };
      expect(sql.every((s) => ancestors(s).includes(server!.spanId))).toBe(true);
      expect(sql.map((s) => s.attributes['db.query.summary'])).toContainEqual(expect.stringMatching(/^select \w+/));
    }
  });
});

describe('/metrics', () => {
  it('is refused without the bearer token, on every service', async () => {
    for (const service of Object.values(hub.services)) {
      const none = await fetch(new URL('/metrics', service.url));
      expect(none.status).toBe(401);
      const wrong = await fetch(new URL('/metrics', service.url), { headers: { authorization: `Bearer ${randomBytes(32).toString('base64url')}` } });
      expect(wrong.status).toBe(401);
    }
  });

  it('parses on every service and has its request, latency and process metrics', async () => {
    for (const [name, service] of Object.entries(hub.services)) {
      const families = await scrape(service.url, METRICS_TOKEN);
      const names = families.map((f) => f.name);
      expect(names).toEqual(expect.arrayContaining(['hub_graphql_requests_total', 'hub_graphql_errors_total', 'hub_graphql_request_duration_seconds', 'hub_process_cpu_seconds_total']));
      expect(families.find((f) => f.name === 'hub_graphql_request_duration_seconds')?.type).toBe('HISTOGRAM');
      // Every counter and gauge sample names its service (the parser keeps no labels of a histogram's series: see tests/support/prometheus.ts).
      const plain = families.filter((f) => f.type === 'COUNTER' || f.type === 'GAUGE');
      expect(plain.flatMap((f) => f.metrics.map((m) => m.labels?.service)).every((s) => s === name)).toBe(true);
    }
    for (const region of ['nordjylland', 'syddanmark']) {
      const families = await scrape(hub.services[region].url, METRICS_TOKEN);
      expect(sampleSum(families, 'hub_db_pool_max_connections', { pool: 'primary' })).toBeGreaterThan(0);
      expect(families.find((f) => f.name === 'hub_db_pool_connections')?.metrics.map((m) => m.labels?.state)).toEqual(expect.arrayContaining(['used', 'free']));
    }
  });

  it('counts operations and subgraph calls: N requests move the counters by N', async () => {
    const N = 3;
    const gateway = hub.services.gateway.url;
    const before = await scrape(gateway, METRICS_TOKEN);
    const regionBefore = await scrape(hub.services.nordjylland.url, METRICS_TOKEN);
    for (let i = 0; i < N; i++) {
      // Each body distinct (a comment), so none is a cache hit and each reaches the subgraphs.
      const { status } = await ask({ query: `${BOTH_REGIONS} # count ${i} ${randomBytes(4).toString('hex')}` });
      expect(status).toBe(200);
    }
    const after = await scrape(gateway, METRICS_TOKEN);
    const regionAfter = await scrape(hub.services.nordjylland.url, METRICS_TOKEN);
    const delta = (b: typeof before, a: typeof after, name: string, labels: Record<string, string>) => sampleSum(a, name, labels) - sampleSum(b, name, labels);

    expect(delta(before, after, 'hub_graphql_requests_total', { operation_name: 'BothRegions', operation_type: 'query' })).toBe(N);
    for (const subgraph of ['nordjylland', 'syddanmark']) {
      expect(delta(before, after, 'hub_subgraph_requests_total', { subgraph, status: '200' })).toBe(N);
    }
    expect(delta(before, after, 'hub_subgraph_errors_total', {})).toBe(0);
    // The latency histograms have their buckets (their counts per label set the parser does not keep apart).
    for (const name of ['hub_graphql_request_duration_seconds', 'hub_subgraph_request_duration_seconds']) {
      const family = after.find((f) => f.name === name);
      expect(family?.type).toBe('HISTOGRAM');
      expect(Object.keys(family?.metrics[0]?.buckets ?? {})).toContain('+Inf');
    }
    // The region answered the gateway's N calls.
    expect(delta(regionBefore, regionAfter, 'hub_graphql_requests_total', { operation_type: 'query' })).toBe(N);
  });

  it('counts errors by operation and code', async () => {
    const before = await scrape(hub.services.gateway.url, METRICS_TOKEN);
    const { body } = await ask({ query: `query Broken { noSuchField } # ${randomBytes(4).toString('hex')}` });
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const after = await scrape(hub.services.gateway.url, METRICS_TOKEN);
    const labels = { code: 'GRAPHQL_VALIDATION_FAILED' };
    expect(sampleSum(after, 'hub_graphql_errors_total', labels) - sampleSum(before, 'hub_graphql_errors_total', labels)).toBe(1);
  });

  it('counts response-cache misses and hits: a repeated query is a hit', async () => {
    const before = await scrape(hub.services.gateway.url, METRICS_TOKEN);
    const body = { query: `${BOTH_REGIONS} # cache ${randomBytes(4).toString('hex')}` };
    const first = await ask(body);
    const second = await ask(body);
    expect(second.body).toEqual(first.body);
    const after = await scrape(hub.services.gateway.url, METRICS_TOKEN);
    const delta = (result: string) => sampleSum(after, 'hub_cache_lookups_total', { cache: 'response', result }) - sampleSum(before, 'hub_cache_lookups_total', { cache: 'response', result });
    expect(delta('miss')).toBe(1);
    expect(delta('hit')).toBe(1);
    expect(delta('error')).toBe(0);
  });
});
