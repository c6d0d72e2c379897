/** The subgraph-call metrics of gateway/fetchers/metrics.ts, over a fake fetch: no processes, no network. */
import { Registry } from 'prom-client';
import { subgraphFetcher, type SubgraphFetcher } from '../../../gateway/fetchers';
import { createSubgraphMetrics, withMetrics } from '../../../gateway/fetchers/metrics';
import { SubgraphCircuitOpenError, SubgraphTimeoutError } from '../../../gateway/subgraph-errors';

const URL_A = 'http://nordjylland.internal:4101/graphql';
const init: RequestInit = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query Q__nordjylland__0 { clusters { id } }' }) };

async function values(registry: Registry, name: string) {
  const metric = registry.getSingleMetric(name)!;
  return Object.fromEntries(((await metric.get()).values as Array<{ labels: Record<string, string | number>; value: number; metricName?: string }>).filter((v) => !v.metricName || v.metricName.endsWith('_count')).map((v) => [Object.values(v.labels).join(' '), v.value]));
}

function setup(fetch: SubgraphFetcher) {
  const registry = new Registry();
  const metrics = createSubgraphMetrics(registry);
  return { registry, fetcher: withMetrics(fetch, { subgraph: 'nordjylland', metrics }) };
}

describe('withMetrics', () => {
  it('counts answers by status, 5xx as failures, and times each call', async () => {
    const statuses = [200, 200, 503];
    const { registry, fetcher } = setup(async () => new Response('{}', { status: statuses.shift() }));
    for (let i = 0; i < 3; i++) await fetcher(URL_A, init);
    expect(await values(registry, 'hub_subgraph_requests_total')).toEqual({ 'nordjylland 200': 2, 'nordjylland 503': 1 });
    expect(await values(registry, 'hub_subgraph_errors_total')).toEqual({ 'nordjylland status_5xx': 1 });
    expect(await values(registry, 'hub_subgraph_request_duration_seconds')).toEqual({ nordjylland: 3 });
  });

  it('counts a call that threw by its reason, and passes the error on', async () => {
    const errors: Error[] = [new SubgraphTimeoutError('nordjylland', 100), new SubgraphCircuitOpenError('nordjylland', 5000), new TypeError('fetch failed')];
    const { registry, fetcher } = setup(async () => {
      throw errors.shift();
    });
    await expect(fetcher(URL_A, init)).rejects.toBeInstanceOf(SubgraphTimeoutError);
    await expect(fetcher(URL_A, init)).rejects.toBeInstanceOf(SubgraphCircuitOpenError);
    await expect(fetcher(URL_A, init)).rejects.toThrow('fetch failed');
    expect(await values(registry, 'hub_subgraph_errors_total')).toEqual({ 'nordjylland timeout': 1, 'nordjylland circuit_open': 1, 'nordjylland unavailable': 1 });
    expect(await values(registry, 'hub_subgraph_requests_total')).toEqual({ 'nordjylland none': 3 });
  });
});

describe('subgraphFetcher with metrics', () => {
  it('counts a call shared by overlapping identical requests once', async () => {
    const registry = new Registry();
    let answer: () => void = () => {};
    const fetch: SubgraphFetcher = () => new Promise((resolve) => (answer = () => resolve(new Response('{"data":{}}', { status: 200 }))));
    const fetcher = subgraphFetcher({ subgraph: 'nordjylland', timeoutMs: 5_000, deduplicate: true, metrics: createSubgraphMetrics(registry), fetch });
    const both = Promise.all([fetcher(URL_A, init), fetcher(URL_A, init)]);
    await new Promise((resolve) => setImmediate(resolve));
    answer();
    await both;
    expect(await values(registry, 'hub_subgraph_requests_total')).toEqual({ 'nordjylland 200': 1 });
  });
});
